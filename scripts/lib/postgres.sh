#!/usr/bin/env bash
# A throwaway PostgreSQL server for tests.
#
#   source scripts/lib/postgres.sh
#   pg_start    # installs Debian's postgresql if needed, starts a fresh server,
#               # exports FORJA_TEST_POSTGRES_URL=postgres://postgres@127.0.0.1:PORT/postgres
#   ...
#   pg_stop     # stops it (fast mode) and deletes its directory
#
# The cluster lives in a new temporary directory owned by the `postgres` user
# (PostgreSQL refuses to run as root), listens only on 127.0.0.1 at a free port,
# keeps its unix socket inside that directory, and trusts local connections: it
# holds nothing but test data and dies with the test run. Durability is switched
# off (fsync, synchronous_commit) because nothing here needs to survive a crash and
# tests run much faster without it.
#
# Both functions are idempotent and safe under `set -euo pipefail`; on failure they
# print one line starting with "pg_start: error:" (after the server log, if any) and
# return non-zero.

_FORJA_PG_LIB_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=apt.sh
source "$_FORJA_PG_LIB_DIR/apt.sh"
# shellcheck source=net.sh
source "$_FORJA_PG_LIB_DIR/net.sh"

# Prints the bin directory of the newest PostgreSQL under /usr/lib/postgresql.
_pg_bin_dir() {
    local dir
    dir=$(find /usr/lib/postgresql -mindepth 3 -maxdepth 3 -path '*/bin/initdb' 2>/dev/null \
        | sed 's#/initdb$##' | sort -V | tail -n 1)
    [[ -n "$dir" ]] && printf '%s\n' "$dir"
}

# Runs a command as the `postgres` user when we are root, else as ourselves.
_pg_as_owner() {
    if [[ $EUID -eq 0 ]]; then
        if command -v runuser >/dev/null 2>&1; then
            runuser -u postgres -- "$@"
        else
            su postgres -s /bin/sh -c "$(printf '%q ' "$@")"
        fi
    else
        "$@"
    fi
}


# Reports a failure: server log (if any), then one clear line; cleans up.
_pg_fail() {
    local message=$1
    if [[ -n "${FORJA_PG_DIR:-}" && -s "$FORJA_PG_DIR/server.log" ]]; then
        echo "---- PostgreSQL log ($FORJA_PG_DIR/server.log) ----" >&2
        tail -n 40 "$FORJA_PG_DIR/server.log" >&2 || true
        echo "----" >&2
    fi
    pg_stop >/dev/null 2>&1 || true
    echo "pg_start: error: $message" >&2
    return 1
}

pg_start() {
    # Already running (idempotent): keep it.
    if [[ -n "${FORJA_PG_DIR:-}" && -n "${FORJA_PG_BIN:-}" && -d "$FORJA_PG_DIR/data" ]] \
        && (cd / && _pg_as_owner "$FORJA_PG_BIN/pg_ctl" status -D "$FORJA_PG_DIR/data" >/dev/null 2>&1); then
        return 0
    fi

    if [[ -z "$(_pg_bin_dir || true)" ]] || [[ -n "$(apt_missing_packages postgresql)" ]]; then
        ensure_apt_packages postgresql || { echo "pg_start: error: could not install Debian's postgresql package" >&2; return 1; }
    fi
    local bin
    bin=$(_pg_bin_dir || true)
    [[ -n "$bin" ]] || { echo "pg_start: error: no PostgreSQL found under /usr/lib/postgresql/*/bin" >&2; return 1; }
    if [[ $EUID -eq 0 ]] && ! id postgres >/dev/null 2>&1; then
        echo "pg_start: error: user 'postgres' does not exist (is Debian's postgresql package installed?)" >&2
        return 1
    fi

    local dir
    # Under /tmp rather than $TMPDIR: the `postgres` user must be able to reach it.
    dir=$(mktemp -d "${FORJA_PG_TMPDIR:-/tmp}/forja-pg.XXXXXX") \
        || { echo "pg_start: error: could not create a directory under ${FORJA_PG_TMPDIR:-/tmp}" >&2; return 1; }
    export FORJA_PG_DIR="$dir" FORJA_PG_BIN="$bin"
    chmod 700 "$dir"
    mkdir -p "$dir/data" "$dir/socket"
    if [[ $EUID -eq 0 ]]; then
        chown -R postgres:postgres "$dir" || { _pg_fail "could not chown $dir to postgres"; return 1; }
    fi

    # Run from the cluster directory: `postgres` may not be allowed into root's cwd.
    if ! (cd "$dir" && _pg_as_owner "$bin/initdb" -D "$dir/data" -U postgres --auth=trust \
            --encoding=UTF8 --locale=C.UTF-8 --no-sync >"$dir/initdb.log" 2>&1); then
        cat "$dir/initdb.log" >&2 || true
        _pg_fail "initdb failed in $dir/data"
        return 1
    fi

    local port attempt
    for attempt in 1 2 3; do
        port=$(free_port) || { _pg_fail "could not find a free port (python3 missing?)"; return 1; }
        cat >"$dir/data/postgresql.auto.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$dir/socket'
max_connections = 200
fsync = off
synchronous_commit = off
full_page_writes = off
CONF
        if [[ $EUID -eq 0 ]]; then chown postgres:postgres "$dir/data/postgresql.auto.conf"; fi
        if (cd "$dir" && _pg_as_owner "$bin/pg_ctl" start -D "$dir/data" -l "$dir/server.log" -w -t 60 >/dev/null 2>&1); then
            break
        fi
        # The port may have been taken between choosing and binding it: try another.
        if [[ $attempt -eq 3 ]]; then
            _pg_fail "pg_ctl could not start PostgreSQL (last port tried: $port)"
            return 1
        fi
    done

    local waited=0
    until "$bin/pg_isready" -q -h 127.0.0.1 -p "$port" -U postgres -d postgres; do
        if [[ $waited -ge 60 ]]; then
            _pg_fail "PostgreSQL on 127.0.0.1:$port not ready after 60 s"
            return 1
        fi
        sleep 0.5
        waited=$((waited + 1))
    done

    export FORJA_PG_PORT="$port"
    export FORJA_TEST_POSTGRES_URL="postgres://postgres@127.0.0.1:$port/postgres"
    echo "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') ready: $FORJA_TEST_POSTGRES_URL"
}

pg_stop() {
    local dir=${FORJA_PG_DIR:-} bin=${FORJA_PG_BIN:-}
    if [[ -z "$dir" ]]; then
        return 0
    fi
    if [[ -d "$dir/data" && -n "$bin" && -x "$bin/pg_ctl" ]]; then
        if (cd / && _pg_as_owner "$bin/pg_ctl" status -D "$dir/data" >/dev/null 2>&1); then
            (cd / && _pg_as_owner "$bin/pg_ctl" stop -D "$dir/data" -m fast -w -t 60 >/dev/null 2>&1) \
                || echo "pg_stop: warning: pg_ctl stop failed for $dir/data" >&2
        fi
    fi
    case "$dir" in
        */forja-pg.*) rm -rf -- "$dir" ;;
    esac
    unset FORJA_PG_DIR FORJA_PG_BIN FORJA_PG_PORT FORJA_TEST_POSTGRES_URL
    return 0
}
