"""`accord ingest --date` dates documents that carry no date; without it, undated documents are a
warning in the summary (their events would drop out of every series)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ARTICLE = ("Russian President Vladimir Putin met Chinese President Xi Jinping in Moscow. "
           "The two leaders discussed trade and the war in Ukraine.\n")


def accord(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "accord", *args], capture_output=True, text=True)


def test_ingest_date_warns_about_undated_documents_and_dates_them_when_asked(tmp_path: Path):
    article = tmp_path / "summit.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    undated = accord("ingest", str(article), "--db", str(tmp_path / "a.duckdb"), "--no-progress")
    assert undated.returncode == 0, undated.stderr
    assert "warning: undated documents (give --date)" in undated.stdout
    assert f"1 document(s) with no date, their events are in no series (give --date YYYY-MM-DD): {article}" \
        in undated.stderr
    dated = accord("ingest", str(article), "--db", str(tmp_path / "b.duckdb"), "--no-progress", "--date", "2024-05-20")
    assert dated.returncode == 0, dated.stderr
    assert "undated" not in dated.stdout + dated.stderr
    events = json.loads(accord("events", "--db", str(tmp_path / "b.duckdb"), "--format", "json", "--all").stdout)
    rows = events if isinstance(events, list) else events["events"]
    assert {(e["type"], e["date"]) for e in rows} == {("CONSULT", "2024-05-20")}
