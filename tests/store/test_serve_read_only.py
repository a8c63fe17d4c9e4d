"""`accord serve` with writing off opens DuckDB read-only: other processes read the file meanwhile."""

from __future__ import annotations

import datetime as dt
import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from store_factories import coded, doc, event

from accord.store import open_store


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_serve_without_token_lets_a_second_process_read(tmp_path: Path) -> None:
    db = tmp_path / "served.duckdb"
    with open_store(db) as store:
        store.write([coded(doc("d1", dt.date(2025, 3, 1)), event("e1", "d1"), event("e2", "d1"))])
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k != "ACCORD_API_TOKEN"}
    server = subprocess.Popen([sys.executable, "-m", "accord", "serve", "--db", str(db), "--port", str(port)],
                              env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/v1/health", timeout=2) as r:
                    assert json.load(r)["counts"]["events"] == 2
                break
            except OSError:
                assert server.poll() is None, server.stderr.read().decode() if server.stderr else ""
                assert time.monotonic() < deadline, "server did not start"
                time.sleep(0.3)
        # a second process (DuckDB directly, as pandas or R would) and the CLI read the file
        read = subprocess.run([sys.executable, "-c", "import duckdb, sys; c = duckdb.connect(sys.argv[1], read_only=True);"
                               " print(c.execute('SELECT count(*) FROM events').fetchone()[0])", str(db)],
                              capture_output=True, text=True, timeout=60)
        assert (read.returncode, read.stdout.strip()) == (0, "2"), read.stderr
        cli = subprocess.run([sys.executable, "-m", "accord", "events", "--db", str(db), "--format", "json"],
                             capture_output=True, text=True, timeout=120)
        assert cli.returncode == 0, cli.stderr
        assert [e["id"] for e in json.loads(cli.stdout)] == ["e1", "e2"]
        assert cli.stderr.strip() == "showing 2 of 2 events"
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/v1/events", timeout=5) as r:
            assert json.load(r)["total"] == 2  # and the server still answers
    finally:
        server.terminate()
        server.wait(timeout=30)
