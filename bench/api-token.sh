#!/usr/bin/env bash
# API reads with a token, side by side with the anonymous (cached) path, in one run, on
# SQLite and on PostgreSQL: ./bench/api-token.sh
#
# For each database: starts `forja serve --demo`, makes a city editor and a read token,
# then runs wrk against GET /api/v1/cities/resita anonymously and with
# `Authorization: Bearer <token>`, alternating. Prints a Markdown table and PASS/FAIL
# against the target (>= 5,000 requests/s with a token). Exits 0 whatever the numbers
# are; non-zero only when something could not be run. It does not build.
#
#   FORJA_BIN    binary to measure [default: ${CARGO_TARGET_DIR:-target}/release/forja]
#   DURATION     seconds per wrk measurement [default: 10]
#   CONNECTIONS  wrk connections [default: 32]
set -euo pipefail
export LC_ALL=C
cd "$(dirname "$0")/.."
ROOT=$(pwd)
# shellcheck source=scripts/lib/apt.sh
source scripts/lib/apt.sh
# shellcheck source=scripts/lib/net.sh
source scripts/lib/net.sh
# shellcheck source=scripts/lib/postgres.sh
source scripts/lib/postgres.sh

DURATION=${DURATION:-10}
CONNECTIONS=${CONNECTIONS:-32}
FORJA_BIN=${FORJA_BIN:-${CARGO_TARGET_DIR:-target}/release/forja}
[[ $FORJA_BIN == /* ]] || FORJA_BIN=$ROOT/$FORJA_BIN
TARGET_RPS=5000
API_PATH=/api/v1/cities/resita

step() { printf '==> %s\n' "$*" >&2; }
fail() { echo "bench: error: $*" >&2; exit 1; }
[[ -x $FORJA_BIN ]] || fail "no Forja binary at $FORJA_BIN; build it with \`cargo build --release -p forja\`"
unset FORJA_LISTEN FORJA_DATA_DIR FORJA_DATABASE_URL FORJA_DEMO FORJA_LOG FORJA_LOG_FORMAT

ensure_apt_packages wrk curl postgresql
TMP=$(mktemp -d "${TMPDIR:-/tmp}/forja-bench-token.XXXXXX")
SERVER=""
stop_server() {
    if [[ -n $SERVER ]]; then kill "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true; SERVER=""; fi
}
cleanup() { stop_server; pg_stop; rm -rf -- "$TMP"; }
trap cleanup EXIT

declare -A RPS P99

start() { # name, then extra serve flags
    local name=$1; shift
    local port; port=$(free_port)
    FORJA_LOG=warn "$FORJA_BIN" serve --demo --data-dir "$TMP/$name" --listen "127.0.0.1:$port" "$@" \
        >"$TMP/$name.log" 2>&1 </dev/null &
    SERVER=$!
    for _ in $(seq 1 240); do
        curl -fsS -o /dev/null "http://127.0.0.1:$port/readyz" 2>/dev/null && break
        kill -0 "$SERVER" 2>/dev/null || { cat "$TMP/$name.log" >&2; fail "forja ($name) exited"; }
        sleep 0.25
    done
    URL="http://127.0.0.1:$port"
    local db=("$@")
    printf 'a long enough password\n' | "$FORJA_BIN" user add --email bench@resita.test --role city-editor \
        --city resita --password-stdin --data-dir "$TMP/$name" "${db[@]}" >/dev/null 2>&1 \
        || fail "could not add the benchmark user ($name)"
    TOKEN=$("$FORJA_BIN" token create --email bench@resita.test --scope read --data-dir "$TMP/$name" "${db[@]}" 2>/dev/null | tail -n 1)
    [[ -n $TOKEN ]] || fail "could not create a token ($name)"
    curl -fsS -o /dev/null -H "Authorization: Bearer $TOKEN" "$URL$API_PATH" || fail "the token read failed ($name)"
}

run() { # key, then curl-style header or nothing
    local key=$1 header=${2:-X-Bench: anonymous} out=$TMP/wrk-$1.txt
    wrk -t2 -c"$CONNECTIONS" -d2s -H "$header" "$URL$API_PATH" >/dev/null
    wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency -H "$header" "$URL$API_PATH" >"$out"
    RPS[$key]=$(awk '/^Requests\/sec:/ {printf "%d", $2}' "$out")
    P99[$key]=$(awk '$1 == "99%" {print $2}' "$out")
    if grep -q "Non-2xx" "$out"; then cat "$out" >&2; fail "$key: wrk saw error responses"; fi
    step "$key: ${RPS[$key]} req/s, p99 ${P99[$key]}"
}

measure() { # name
    run "$1-anonymous"
    run "$1-token" "Authorization: Bearer $TOKEN"
    run "$1-anonymous-2"
    run "$1-token-2" "Authorization: Bearer $TOKEN"
}

step "SQLite (embedded default)"
start sqlite
measure sqlite
stop_server

step "PostgreSQL (throwaway)"
pg_start
start postgres --database-url "$FORJA_TEST_POSTGRES_URL"
measure postgres
stop_server

best() { local a=${RPS[$1]} b=${RPS[$1-2]}; echo $((a > b ? a : b)); }
echo
echo "| database | anonymous (cached) req/s, rounds 1 / 2 | with a token req/s, rounds 1 / 2 | p99 anonymous / token (round 2) | target: token ≥ $TARGET_RPS |"
echo "|---|---|---|---|---|"
status=0
for db in sqlite postgres; do
    tok_low=${RPS[$db-token]}; ((RPS[$db-token-2] < tok_low)) && tok_low=${RPS[$db-token-2]}
    verdict=PASS; ((tok_low >= TARGET_RPS)) || verdict=FAIL
    echo "| $db | ${RPS[$db-anonymous]} / ${RPS[$db-anonymous-2]} | ${RPS[$db-token]} / ${RPS[$db-token-2]} | ${P99[$db-anonymous-2]} / ${P99[$db-token-2]} | $verdict (lower round) |"
done
echo
echo "wrk -t2 -c$CONNECTIONS -d${DURATION}s, two rounds each, alternating anonymous and token, $(nproc) cores, $(date -u +%F)"
exit $status
