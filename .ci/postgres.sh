# shellcheck shell=bash
# Start a throwaway PostgreSQL server for the store tests and export ACCORD_TEST_PG_URL.
#
# Sourced (not run) by .ci/run as root on Debian 12:   . .ci/postgres.sh
# - installs PostgreSQL from apt when initdb/pg_ctl cannot be found;
# - creates a cluster in a fresh temp dir owned by the `postgres` user (created if missing),
#   listening on 127.0.0.1 only, on a free port, with trust auth and durability off (tests only);
# - creates the database `accord_test` and exports
#   ACCORD_TEST_PG_URL=postgresql://postgres@127.0.0.1:PORT/accord_test
# - stops the server when the sourcing shell exits (unless that shell already has an EXIT trap;
#   then call `accord_pg_stop` yourself).
# Idempotent: sourcing it again while the server answers does nothing. Never fails the caller:
# on any problem it prints one line to stderr and leaves ACCORD_TEST_PG_URL unset, so the
# postgres tests skip with a clear reason.

_accord_pg_log() { echo "postgres.sh: $*" >&2; }

_accord_pg_bindir() {
    local dir
    for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
        if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then
            echo "$dir"
            return 0
        fi
    done
    if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
        dirname "$(command -v initdb)"
        return 0
    fi
    return 1
}

_accord_pg_install() {
    _accord_pg_log "installing postgresql from apt"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null 2>&1 || true
    apt-get install -y -qq postgresql >/dev/null 2>&1
}

_accord_pg_free_port() {
    local py
    for py in python3 python; do
        if command -v "$py" >/dev/null 2>&1; then
            "$py" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
            return $?
        fi
    done
    echo $((20000 + RANDOM % 20000))
}

_accord_pg_as() {
    # Run a command as the cluster owner (root may not own a cluster).
    local user=$1
    shift
    if [ "$(id -u)" = "0" ]; then
        runuser -u "$user" -- "$@"
    else
        "$@"
    fi
}

accord_pg_stop() {
    if [ -n "${ACCORD_PG_DIR:-}" ] && [ -d "$ACCORD_PG_DIR/data" ]; then
        _accord_pg_as "${ACCORD_PG_USER:-postgres}" "$ACCORD_PG_BIN/pg_ctl" -D "$ACCORD_PG_DIR/data" \
            -m immediate -w stop >/dev/null 2>&1 || true
        rm -rf "$ACCORD_PG_DIR"
    fi
    unset ACCORD_PG_DIR ACCORD_TEST_PG_URL
}

_accord_pg_start() {
    local bindir user dir port
    if [ -n "${ACCORD_TEST_PG_URL:-}" ] && [ -n "${ACCORD_PG_BIN:-}" ] \
        && "$ACCORD_PG_BIN/pg_isready" -q -d "$ACCORD_TEST_PG_URL" >/dev/null 2>&1; then
        return 0
    fi
    bindir=$(_accord_pg_bindir) || { _accord_pg_install && bindir=$(_accord_pg_bindir); } || {
        _accord_pg_log "cannot find or install initdb/pg_ctl; postgres tests will skip"
        return 1
    }
    user=$(id -un)
    if [ "$(id -u)" = "0" ]; then
        user=postgres
        id -u "$user" >/dev/null 2>&1 || useradd --system --no-create-home "$user" || return 1
    fi
    dir=$(mktemp -d /tmp/accord-pg.XXXXXX) || return 1
    chown "$user" "$dir" && chmod 700 "$dir" || return 1
    port=$(_accord_pg_free_port)
    _accord_pg_as "$user" "$bindir/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 \
        --locale=C.UTF-8 --no-sync >"$dir/initdb.log" 2>&1 \
        || { _accord_pg_log "initdb failed: $(tail -n 1 "$dir/initdb.log")"; return 1; }
    _accord_pg_as "$user" "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
        -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
        start >/dev/null 2>&1 \
        || { _accord_pg_log "server did not start: $(tail -n 1 "$dir/server.log")"; return 1; }
    "$bindir/createdb" -h 127.0.0.1 -p "$port" -U postgres accord_test \
        || { _accord_pg_log "createdb failed"; return 1; }
    export ACCORD_PG_BIN=$bindir ACCORD_PG_DIR=$dir ACCORD_PG_USER=$user
    export ACCORD_TEST_PG_URL="postgresql://postgres@127.0.0.1:$port/accord_test"
    if [ -z "$(trap -p EXIT)" ]; then
        trap accord_pg_stop EXIT
    fi
    _accord_pg_log "PostgreSQL $("$bindir/pg_ctl" --version | awk '{print $3}') on 127.0.0.1:$port ($dir)"
}

_accord_pg_start || true
