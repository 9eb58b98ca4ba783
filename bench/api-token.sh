#!/usr/bin/env bash
# Reads by someone known, side by side with the anonymous (cached) path, in one run, on
# SQLite and on PostgreSQL: ./bench/api-token.sh
#
# For each database: starts `forja serve --demo`, makes a city editor with a read token
# and a signed-in session, then runs wrk against GET /api/v1/cities/resita anonymously
# and with `Authorization: Bearer <token>`, and against the page GET /cities/resita
# anonymously and signed in (the session and form-token cookies), alternating. Prints
# a Markdown table and PASS/FAIL against the target (>= 5,000 requests/s with a token
# and signed in). Exits 0 whatever the numbers are; non-zero only when something could
# not be run. It does not build.
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
PAGE_PATH=/cities/resita
PASSWORD='a long enough password'

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
    printf '%s\n' "$PASSWORD" | "$FORJA_BIN" user add --email bench@resita.test --role city-editor \
        --city resita --password-stdin --data-dir "$TMP/$name" "${db[@]}" >/dev/null 2>&1 \
        || fail "could not add the benchmark user ($name)"
    TOKEN=$("$FORJA_BIN" token create --email bench@resita.test --scope read --data-dir "$TMP/$name" "${db[@]}" 2>/dev/null)
    [[ -n $TOKEN ]] || fail "could not create a token ($name)"
    curl -fsS -o /dev/null -H "Authorization: Bearer $TOKEN" "$URL$API_PATH" || fail "the token read failed ($name)"
    # Sign in as a browser does: the form's token, then the form.
    local jar=$TMP/$name.cookies csrf
    csrf=$(curl -fsS -c "$jar" "$URL/login" | grep -o 'name="csrf" value="[^"]*"' | head -n 1 | sed 's/.*value="//; s/"$//')
    curl -fsS -o /dev/null -b "$jar" -c "$jar" --data-urlencode "csrf=$csrf" \
        --data-urlencode "email=bench@resita.test" --data-urlencode "password=$PASSWORD" "$URL/login" \
        || fail "could not sign in ($name)"
    COOKIE=$(awk '$6 == "forja_session" || $6 == "forja_csrf" {printf "%s=%s; ", $6, $7}' "$jar")
    curl -fsS -H "Cookie: $COOKIE" "$URL$PAGE_PATH" | grep -q '/logout' || fail "the signed-in page shows no sign-out ($name)"
}

run() { # key, path, then curl-style header or nothing
    local key=$1 path=$2 header=${3:-X-Bench: anonymous} out=$TMP/wrk-$1.txt
    wrk -t2 -c"$CONNECTIONS" -d2s -H "$header" "$URL$path" >/dev/null
    wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency -H "$header" "$URL$path" >"$out"
    RPS[$key]=$(awk '/^Requests\/sec:/ {printf "%d", $2}' "$out")
    P99[$key]=$(awk '$1 == "99%" {print $2}' "$out")
    if grep -q "Non-2xx" "$out"; then cat "$out" >&2; fail "$key: wrk saw error responses"; fi
    step "$key: ${RPS[$key]} req/s, p99 ${P99[$key]}"
}

measure() { # name
    run "$1-anonymous" "$API_PATH"
    run "$1-token" "$API_PATH" "Authorization: Bearer $TOKEN"
    run "$1-page" "$PAGE_PATH"
    run "$1-session" "$PAGE_PATH" "Cookie: $COOKIE"
    run "$1-anonymous-2" "$API_PATH"
    run "$1-token-2" "$API_PATH" "Authorization: Bearer $TOKEN"
    run "$1-page-2" "$PAGE_PATH"
    run "$1-session-2" "$PAGE_PATH" "Cookie: $COOKIE"
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

low() { local a=${RPS[$1]} b=${RPS[$1-2]}; echo $((a < b ? a : b)); }
echo
echo "| database | read | anonymous (cached) req/s, rounds 1 / 2 | known reader req/s, rounds 1 / 2 | p99 anonymous / known (round 2) | target: known ≥ $TARGET_RPS |"
echo "|---|---|---|---|---|---|"
status=0
for db in sqlite postgres; do
    for pair in "token anonymous $API_PATH (token)" "session page $PAGE_PATH (signed in)"; do
        read -r known anon what <<<"$pair"
        verdict=PASS; (($(low "$db-$known") >= TARGET_RPS)) || verdict=FAIL
        echo "| $db | $what | ${RPS[$db-$anon]} / ${RPS[$db-$anon-2]} | ${RPS[$db-$known]} / ${RPS[$db-$known-2]} | ${P99[$db-$anon-2]} / ${P99[$db-$known-2]} | $verdict (lower round) |"
    done
done
echo
echo "wrk -t2 -c$CONNECTIONS -d${DURATION}s, two rounds each, alternating anonymous and token, $(nproc) cores, $(date -u +%F)"
exit $status
