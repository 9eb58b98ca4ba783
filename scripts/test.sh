#!/usr/bin/env bash
# The single test command of the project: ./scripts/test.sh
#
# Installs what the tests need (Debian packages, the e2e npm packages), starts a
# throwaway PostgreSQL, runs every Rust test on SQLite and on that PostgreSQL, then
# starts `forja serve --demo` on a free port and runs the browser tests against it in
# Debian's Chromium, then schemathesis against its API. Exits non-zero when anything
# fails. Needs no stdin (CI=true).
#
# Environment it sets for the tests:
#   FORJA_TEST_POSTGRES_URL  postgres://postgres@127.0.0.1:PORT/postgres (Rust tests)
#   FORJA_TEST_S3_URL        s3://forja-test on a throwaway S3-compatible server, with
#                            AWS_ENDPOINT_URL and keys (Rust media tests)
#   FORJA_TEST_SMTP_URL      smtp://127.0.0.1:PORT of a throwaway SMTP sink, and
#   FORJA_TEST_MAILDIR       the maildir it writes to (Rust mail tests)
#   FORJA_BASE_URL           http://127.0.0.1:PORT of the demo server (browser tests)
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$(pwd)
# shellcheck source=lib/apt.sh
source scripts/lib/apt.sh
# shellcheck source=lib/net.sh
source scripts/lib/net.sh
# shellcheck source=lib/postgres.sh
source scripts/lib/postgres.sh
# shellcheck source=lib/s3.sh
source scripts/lib/s3.sh
# shellcheck source=lib/smtp.sh
source scripts/lib/smtp.sh
# shellcheck source=lib/schemathesis.sh
source scripts/lib/schemathesis.sh

TARGET_DIR=${CARGO_TARGET_DIR:-$ROOT/target}
TMP_DIR=$(mktemp -d "${TMPDIR:-/tmp}/forja-test.XXXXXX")
SERVER_PID=""

step() { printf '\n==> %s\n' "$*"; }
fail() { echo "test.sh: error: $*" >&2; exit 1; }

cleanup() {
    local status=$?
    set +e
    if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
        kill "$SERVER_PID" 2>/dev/null
        for _ in $(seq 1 50); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
        kill -9 "$SERVER_PID" 2>/dev/null
        wait "$SERVER_PID" 2>/dev/null
    fi
    pg_stop
    s3_stop
    smtp_stop
    rm -rf -- "$TMP_DIR"
    if [[ $status -ne 0 ]]; then
        echo "test.sh: FAILED (exit status $status)" >&2
    fi
    exit "$status"
}
trap cleanup EXIT
# Turn signals into a normal exit so the EXIT trap always stops the servers.
trap 'exit 129' HUP
trap 'exit 130' INT
trap 'exit 141' PIPE
trap 'exit 143' TERM


step "Prerequisites (Rust, Node.js 20+, Python 3)"
command -v cargo >/dev/null || fail "cargo is missing: install the Rust toolchain (https://rustup.rs) first"
command -v python3 >/dev/null || ensure_apt_packages python3
command -v node >/dev/null || fail "node is missing: install Node.js 20 or newer (the browser tests need it)"
node_major=$(node -p 'process.versions.node.split(".")[0]')
[[ $node_major -ge 20 ]] || fail "Node.js $(node --version) is too old: the browser tests need Node.js 20 or newer"
echo "cargo $(cargo --version | cut -d' ' -f2), node $(node --version), $(python3 --version)"

step "System packages (chromium, postgresql, fonts, curl, ffmpeg, libheif-examples, webp, espeak-ng, sox, python3-venv)"
ensure_apt_packages chromium postgresql fonts-dejavu-core curl ffmpeg libheif-examples webp espeak-ng sox python3-venv
[[ -x /usr/bin/chromium ]] || fail "/usr/bin/chromium is missing after installing Debian's chromium package"
echo "$(/usr/bin/chromium --version 2>/dev/null | head -n 1)"

step "Browser-test packages (npm, e2e/)"
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1   # never download a browser: we use Debian's Chromium
(
    cd e2e
    if [[ -f package-lock.json ]]; then
        npm ci --no-audit --no-fund --loglevel=error
    else
        npm install --no-audit --no-fund --loglevel=error
    fi
) </dev/null

step "PostgreSQL (throwaway, for the Rust tests)"
pg_start

step "S3-compatible storage (throwaway, for the media tests)"
s3_start "$TMP_DIR"

step "SMTP sink (throwaway, for the mail tests)"
smtp_start "$TMP_DIR"

step "Rust tests: cargo test --workspace --locked (SQLite and PostgreSQL)"
export FORJA_TEST_POSTGRES_URL
cargo test --workspace --locked </dev/null

step "Build the server: cargo build -p forja --locked"
cargo build -p forja --locked </dev/null
FORJA_BIN="$TARGET_DIR/debug/forja"
[[ -x "$FORJA_BIN" ]] || fail "$FORJA_BIN not found after cargo build"

step "Start the demo server"
PORT=$(free_port)
SERVER_LOG="$TMP_DIR/server.log"
# It mails notifications through the SMTP sink, as a configured server would.
FORJA_SMTP_URL="$FORJA_TEST_SMTP_URL" FORJA_MAIL_FROM="Forja <forja@test.forja>" \
FORJA_PUBLIC_URL="http://127.0.0.1:$PORT" \
"$FORJA_BIN" serve --demo --data-dir "$TMP_DIR/data" --listen "127.0.0.1:$PORT" \
    >"$SERVER_LOG" 2>&1 </dev/null &
SERVER_PID=$!
BASE_URL="http://127.0.0.1:$PORT"
deadline=$((SECONDS + 60))
until curl -fsS --max-time 2 -o /dev/null "$BASE_URL/readyz" 2>/dev/null; do
    if ! kill -0 "$SERVER_PID" 2>/dev/null; then
        echo "---- server log ----" >&2; cat "$SERVER_LOG" >&2; echo "----" >&2
        fail "the demo server exited before it was ready"
    fi
    if [[ $SECONDS -ge $deadline ]]; then
        echo "---- server log ----" >&2; cat "$SERVER_LOG" >&2; echo "----" >&2
        fail "the demo server did not answer $BASE_URL/readyz within 60 s"
    fi
    sleep 0.5
done
echo "demo server ready at $BASE_URL (pid $SERVER_PID)"

# An editor of Reșița for the editing tests, made the way an operator would.
FORJA_E2E_EDITOR_EMAIL="editor@resita.test"
FORJA_E2E_EDITOR_PASSWORD=$(python3 -c 'import secrets; print(secrets.token_hex(12))')
printf '%s\n' "$FORJA_E2E_EDITOR_PASSWORD" | "$FORJA_BIN" user add --email "$FORJA_E2E_EDITOR_EMAIL" \
    --role city-editor --city resita --name "Test Editor" --password-stdin --data-dir "$TMP_DIR/data" >/dev/null 2>&1 \
    || fail "could not create the test editor account"
export FORJA_E2E_EDITOR_EMAIL FORJA_E2E_EDITOR_PASSWORD
# And a coordinator, who manages the city's people.
FORJA_E2E_COORDINATOR_EMAIL="coordinator@resita.test"
printf '%s\n' "$FORJA_E2E_EDITOR_PASSWORD" | "$FORJA_BIN" user add --email "$FORJA_E2E_COORDINATOR_EMAIL" \
    --role city-coordinator --city resita --name "Test Coordinator" --password-stdin --data-dir "$TMP_DIR/data" >/dev/null 2>&1 \
    || fail "could not create the test coordinator account"
export FORJA_E2E_COORDINATOR_EMAIL
# And a network administrator, who adds member cities.
FORJA_E2E_ADMIN_EMAIL="admin@network.test"
printf '%s\n' "$FORJA_E2E_EDITOR_PASSWORD" | "$FORJA_BIN" user add --email "$FORJA_E2E_ADMIN_EMAIL" \
    --role network-admin --name "Test Administrator" --password-stdin --data-dir "$TMP_DIR/data" >/dev/null 2>&1 \
    || fail "could not create the test administrator account"
export FORJA_E2E_ADMIN_EMAIL
# And an editor of another city, who answers Reșița's partner requests.
FORJA_E2E_GALATI_EMAIL="editor@galati.test"
printf '%s\n' "$FORJA_E2E_EDITOR_PASSWORD" | "$FORJA_BIN" user add --email "$FORJA_E2E_GALATI_EMAIL" \
    --role city-editor --city galati --name "Test Galați Editor" --password-stdin --data-dir "$TMP_DIR/data" >/dev/null 2>&1 \
    || fail "could not create the test editor of Galați"
export FORJA_E2E_GALATI_EMAIL

step "Browser tests: node --test e2e/ (Chromium, axe-core)"
export FORJA_BASE_URL="$BASE_URL"
# The export test runs the CLI against the demo server's data (SQLite reads alongside).
export FORJA_BIN
export FORJA_E2E_DATA_DIR="$TMP_DIR/data"
if ! node --test e2e/ </dev/null; then
    echo "---- server log (last 100 lines) ----" >&2
    tail -n 100 "$SERVER_LOG" >&2 || true
    echo "----" >&2
    fail "browser tests failed"
fi

step "API contract: schemathesis over every operation, with a city editor's token"
# The token alone on stdout (the CLI's contract), nothing to cut away.
FORJA_E2E_TOKEN=$("$FORJA_BIN" token create --email "$FORJA_E2E_EDITOR_EMAIL" --scope write --name schemathesis \
    --data-dir "$TMP_DIR/data" 2>/dev/null)
[[ -n "$FORJA_E2E_TOKEN" ]] || fail "could not create a token for the API contract check"
api_contract_check "$BASE_URL" "$FORJA_E2E_TOKEN" "$TMP_DIR" || fail "the API contract check (schemathesis) found problems"

step "All tests passed"
