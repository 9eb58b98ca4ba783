#!/usr/bin/env bash
# The project's benchmark: ./bench/run.sh
#
# Measures Forja side by side with nginx serving the same bytes, in one run:
#   - cold start (exec -> first 200 from /readyz) on a fresh data directory (migrations
#     + demo load) and again on the existing one (warm database);
#   - idle memory (VmRSS) after a short warm-up, and RSS after the load test;
#   - binary size (raw and gzip -9);
#   - throughput and latency with wrk for GET /cities/resita (HTML) and
#     GET /api/v1/cities/resita (JSON), Forja and nginx alternating, same headers.
# Prints a Markdown report, writes it to bench/out/results-<date>.md, and prints
# PASS/FAIL lines for the targets. Exits 0 whatever the numbers are (a benchmark
# reports, it does not gate CI); non-zero only when something could not be run.
#
# It does not build. Environment:
#   FORJA_BIN    binary to measure [default: ${CARGO_TARGET_DIR:-target}/release/forja]
#   DURATION     seconds per wrk measurement [default: 15]
#   CONNECTIONS  wrk connections [default: 64] (wrk always uses 2 threads)
set -euo pipefail
export LC_ALL=C

cd "$(dirname "$0")/.."
ROOT=$(pwd)
# shellcheck source=scripts/lib/apt.sh
source scripts/lib/apt.sh
# shellcheck source=scripts/lib/net.sh
source scripts/lib/net.sh

DURATION=${DURATION:-15}
CONNECTIONS=${CONNECTIONS:-64}
THREADS=2
WARMUP=2
FORJA_BIN=${FORJA_BIN:-${CARGO_TARGET_DIR:-target}/release/forja}
HEADER='Accept-Language: en'
HTML_PATH=/cities/resita
API_PATH=/api/v1/cities/resita

# Targets checked at the end.
TARGET_HTML_RATIO=25   # % of nginx's requests/s
TARGET_HTML_P99=20     # ms
TARGET_IDLE_RSS=60     # MiB

step() { printf '==> %s\n' "$*" >&2; }
fail() { echo "bench: error: $*" >&2; exit 1; }

[[ $DURATION =~ ^[1-9][0-9]*$ ]] || fail "DURATION must be a whole number of seconds, not '$DURATION'"
if [[ ! $CONNECTIONS =~ ^[1-9][0-9]*$ ]] || ((CONNECTIONS < THREADS)); then
    fail "CONNECTIONS must be a whole number >= $THREADS, not '$CONNECTIONS'"
fi

[[ $FORJA_BIN == /* ]] || FORJA_BIN=$ROOT/$FORJA_BIN
if [[ ! -x $FORJA_BIN ]]; then
    fail "no Forja binary at $FORJA_BIN; build it first with \`cargo build --release -p forja\` (or set FORJA_BIN)"
fi

# The benchmark runs Forja with its defaults; settings from the caller's environment
# (e.g. a PostgreSQL FORJA_DATABASE_URL) would change what is measured.
unset FORJA_LISTEN FORJA_DATA_DIR FORJA_DATABASE_URL FORJA_DEMO FORJA_LOG FORJA_LOG_FORMAT

step "checking tools (wrk, nginx, curl, procps)"
NGINX_PKG=nginx-light
if dpkg-query -W -f='${Status}' nginx 2>/dev/null | grep -q 'install ok installed' ||
    ! apt-cache show nginx-light >/dev/null 2>&1; then
    NGINX_PKG=nginx
fi
ensure_apt_packages wrk "$NGINX_PKG" curl procps gzip
NGINX=$(command -v nginx || true)
[[ -n $NGINX ]] || NGINX=/usr/sbin/nginx
[[ -x $NGINX ]] || fail "nginx is not installed (looked for $NGINX)"
command -v wrk >/dev/null || fail "wrk is not installed"

TMP=$(mktemp -d "${TMPDIR:-/tmp}/forja-bench.XXXXXX")
FORJA_PID=""
NGINX_PID=""

stop_pid() { # pid signal
    local pid=$1 sig=$2
    [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null || return 0
    kill "-$sig" "$pid" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.05; done
    kill -9 "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
}

cleanup() {
    local status=$?
    set +e
    stop_pid "$FORJA_PID" TERM
    stop_pid "$NGINX_PID" QUIT
    rm -rf -- "$TMP"
    if [[ $status -ne 0 ]]; then
        echo "bench: FAILED (exit status $status)" >&2
    fi
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM


now_us() { echo "${EPOCHREALTIME/./}"; }

# Prints KiB of a /proc/PID/status field (VmRSS, VmHWM).
proc_kib() { awk -v k="$2:" '$1 == k { print $2 }' "/proc/$1/status"; }
mib() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }

# Starts Forja on $DATA_DIR and port $FORJA_PORT; sets FORJA_PID, and START_MS to the
# milliseconds from exec to the first successful GET /readyz.
start_forja() { # log-file
    local log=$1 t0 t1 deadline
    t0=$(now_us)
    "$FORJA_BIN" serve --demo --data-dir "$DATA_DIR" --listen "127.0.0.1:$FORJA_PORT" >"$log" 2>&1 &
    FORJA_PID=$!
    deadline=$((t0 + 120 * 1000000))
    while :; do
        if curl -fs -o /dev/null --max-time 1 "$FORJA/readyz"; then
            t1=$(now_us)
            break
        fi
        if ! kill -0 "$FORJA_PID" 2>/dev/null; then
            wait "$FORJA_PID" 2>/dev/null || true
            FORJA_PID=""
            tail -n 20 "$log" >&2
            fail "forja exited before /readyz answered (log above)"
        fi
        if (($(now_us) > deadline)); then
            tail -n 20 "$log" >&2
            fail "forja did not answer /readyz within 120 s (log above)"
        fi
        sleep 0.005
    done
    START_MS=$(awk -v d=$((t1 - t0)) 'BEGIN { printf "%.0f", d / 1000 }')
}

# Share of CPU time the machine spent busy over one second: other work running beside
# the benchmark makes its numbers noisy.
cpu_busy_pct() {
    local a b
    a=$(head -n 1 /proc/stat)
    sleep 1
    b=$(head -n 1 /proc/stat)
    awk -v a="$a" -v b="$b" 'BEGIN {
        n = split(a, x); split(b, y); total = 0
        for (i = 2; i <= n; i++) total += y[i] - x[i]
        idle = (y[5] - x[5]) + (y[6] - x[6])
        printf "%.0f", (total > 0 ? 100 * (total - idle) / total : 0) }'
}
BUSY_BEFORE=$(cpu_busy_pct)
if ((BUSY_BEFORE > 20)); then
    echo "bench: warning: the CPUs were ${BUSY_BEFORE} % busy before the run; numbers will be noisy" >&2
fi

FORJA_PORT=$(free_port)
FORJA=http://127.0.0.1:$FORJA_PORT
DATA_DIR=$TMP/data

# --- Cold start --------------------------------------------------------------------
step "cold start on a fresh data directory (migrations + demo load)"
start_forja "$TMP/forja-fresh.log"
COLD_FRESH=$START_MS
stop_pid "$FORJA_PID" TERM
FORJA_PID=""
step "cold start on the existing data directory (warm database)"
start_forja "$TMP/forja-warm.log"
COLD_WARM=$START_MS

# --- First render ----------------------------------------------------------------------
# The load test measures pages served from Forja's render cache (as visitors get them
# between content changes). A cache miss renders from the database; this measures that
# cost on a freshly started process: the first request to each page, then a second.
step "first render (cache miss) versus cached, per page"
MISS_REPORT=""
for path in "$HTML_PATH" /cities/resita/strategy /cities/resita/programmes /framework/kflc "$API_PATH" /; do
    miss=$(curl -fsS -o /dev/null -w '%{time_total}' -H "$HEADER" "$FORJA$path") || fail "GET $path from forja failed"
    hit=$(curl -fsS -o /dev/null -w '%{time_total}' -H "$HEADER" "$FORJA$path") || fail "GET $path from forja failed"
    MISS_REPORT+=$(awk -v p="$path" -v m="$miss" -v h="$hit" 'BEGIN { printf "| %s | %.2f ms | %.2f ms |\n", p, m * 1000, h * 1000 }')$'\n'
done

# --- Sign-in cost (argon2id) ---------------------------------------------------------
# The password check is deliberately slow (docs/BENCHMARKS.md names the target,
# 100-300 ms). Measured end to end: five successful POST /login on the running server.
step "sign-in time (argon2id password check)"
BENCH_EMAIL="bench@forja.test"
BENCH_PASSWORD="benchmark password 123"
printf '%s\n' "$BENCH_PASSWORD" | env -u FORJA_DATABASE_URL "$FORJA_BIN" user add --email "$BENCH_EMAIL" --role reader \
    --password-stdin --data-dir "$DATA_DIR" >/dev/null 2>&1 || fail "could not create the benchmark account"
LOGIN_TIMES=()
for i in 1 2 3 4 5; do
    jar="$TMP/jar$i"
    token=$(curl -fsS -c "$jar" "$FORJA/login" | grep -o 'name="csrf" value="[0-9a-f]*"' | head -n 1 | sed 's/.*value="//;s/"//')
    t=$(curl -sS -o /dev/null -b "$jar" -w '%{time_total}' --data-urlencode "csrf=$token" \
        --data-urlencode "email=$BENCH_EMAIL" --data-urlencode "password=$BENCH_PASSWORD" "$FORJA/login")
    LOGIN_TIMES+=("$(awk -v t="$t" 'BEGIN { printf "%.0f", t * 1000 }')")
done
LOGIN_MEDIAN=$(printf '%s\n' "${LOGIN_TIMES[@]}" | sort -n | sed -n 3p)

# --- Idle memory -------------------------------------------------------------------
step "warm-up requests, then idle memory"
for _ in $(seq 1 10); do
    for path in "$HTML_PATH" "$API_PATH"; do
        curl -fsS -o /dev/null -H "$HEADER" "$FORJA$path" || fail "GET $path from forja failed"
    done
done
sleep 2
IDLE_RSS=$(mib "$(proc_kib "$FORJA_PID" VmRSS)")

# --- Binary size -------------------------------------------------------------------
step "binary size"
BIN_BYTES=$(stat -c %s "$FORJA_BIN")
BIN_GZ_BYTES=$(gzip -9 -c "$FORJA_BIN" | wc -c)
BIN_MIB=$(awk -v b="$BIN_BYTES" 'BEGIN { printf "%.1f", b / 1048576 }')
BIN_GZ_MIB=$(awk -v b="$BIN_GZ_BYTES" 'BEGIN { printf "%.1f", b / 1048576 }')

# --- The same bytes behind nginx -------------------------------------------------------
step "saving the responses and starting nginx"
DOCROOT=$TMP/www
NGINX_DIR=$TMP/nginx
mkdir -p "$DOCROOT" "$NGINX_DIR"
save_body() { # path file
    local code
    code=$(curl -sS -H "$HEADER" -o "$2" -w '%{http_code}' "$FORJA$1") || fail "GET $1 from forja failed"
    [[ $code == 200 ]] || fail "GET $1 from forja answered $code, expected 200"
    [[ -s $2 ]] || fail "GET $1 from forja returned an empty body"
}
save_body "$HTML_PATH" "$DOCROOT/resita.html"
save_body "$API_PATH" "$DOCROOT/resita.json"

NGINX_PORT=$(free_port)
while [[ $NGINX_PORT == "$FORJA_PORT" ]]; do NGINX_PORT=$(free_port); done
NGINX_URL=http://127.0.0.1:$NGINX_PORT
# Workers of a root master switch to `nobody` by default, who cannot read the 0700
# temporary directory; keep them as the user running the benchmark.
NGINX_USER=""
[[ $EUID -eq 0 ]] && NGINX_USER="user root;"
cat >"$NGINX_DIR/nginx.conf" <<EOF
$NGINX_USER
daemon off;
worker_processes auto;
pid $NGINX_DIR/nginx.pid;
error_log $NGINX_DIR/error.log warn;

events {
    worker_connections 4096;
}

http {
    access_log off;
    sendfile on;
    tcp_nopush on;
    tcp_nodelay on;
    keepalive_timeout 65;
    # As many requests per connection as Forja allows (no limit), so wrk never reconnects.
    keepalive_requests 100000000;
    client_body_temp_path $NGINX_DIR/client_body;
    proxy_temp_path $NGINX_DIR/proxy;
    fastcgi_temp_path $NGINX_DIR/fastcgi;
    uwsgi_temp_path $NGINX_DIR/uwsgi;
    scgi_temp_path $NGINX_DIR/scgi;

    server {
        listen 127.0.0.1:$NGINX_PORT;
        location = $HTML_PATH {
            default_type text/html;
            alias $DOCROOT/resita.html;
        }
        location = $API_PATH {
            default_type application/json;
            alias $DOCROOT/resita.json;
        }
    }
}
EOF
"$NGINX" -t -q -p "$NGINX_DIR" -e "$NGINX_DIR/error.log" -c "$NGINX_DIR/nginx.conf" ||
    fail "nginx rejected the generated configuration"
"$NGINX" -p "$NGINX_DIR" -e "$NGINX_DIR/error.log" -c "$NGINX_DIR/nginx.conf" \
    >"$NGINX_DIR/stdout.log" 2>&1 &
NGINX_PID=$!
for i in $(seq 1 400); do
    curl -fs -o /dev/null "$NGINX_URL$HTML_PATH" && break
    if ! kill -0 "$NGINX_PID" 2>/dev/null || ((i == 400)); then
        cat "$NGINX_DIR/stdout.log" "$NGINX_DIR/error.log" >&2 2>/dev/null || true
        fail "nginx did not start (log above)"
    fi
    sleep 0.025
done
for pair in "$HTML_PATH:resita.html" "$API_PATH:resita.json"; do
    path=${pair%%:*} file=${pair#*:}
    curl -fsS -H "$HEADER" -o "$TMP/check.body" "$NGINX_URL$path" || fail "GET $path from nginx failed"
    cmp -s "$TMP/check.body" "$DOCROOT/$file" || fail "nginx's body for $path differs from Forja's"
done
# Whole responses (headers + body) as the client sees them, for the report.
response_bytes() { curl -sS -H "$HEADER" -D - -o - "$1" | wc -c; }
declare -A RESP_BYTES
RESP_BYTES[forja_html]=$(response_bytes "$FORJA$HTML_PATH")
RESP_BYTES[nginx_html]=$(response_bytes "$NGINX_URL$HTML_PATH")
RESP_BYTES[forja_api]=$(response_bytes "$FORJA$API_PATH")
RESP_BYTES[nginx_api]=$(response_bytes "$NGINX_URL$API_PATH")
HTML_BODY=$(stat -c %s "$DOCROOT/resita.html")
API_BODY=$(stat -c %s "$DOCROOT/resita.json")

# --- Load test ---------------------------------------------------------------------
# Latency as printed by wrk (e.g. 812.00us, 1.25ms, 2.00s) in milliseconds.
to_ms() {
    awk -v v="$1" 'BEGIN {
        n = v + 0; u = v; sub(/^[0-9.]+/, "", u)
        if (u == "us") n /= 1000; else if (u == "s") n *= 1000
        else if (u == "m") n *= 60000; else if (u == "h") n *= 3600000
        else if (u != "ms") { print "?"; exit }
        printf "%.2f", n }'
}
declare -A RPS P50 P90 P99 ERRORS
run_wrk() { # key url
    local key=$1 url=$2 out=$TMP/wrk-$1.txt
    step "wrk $key: ${WARMUP} s warm-up, then ${DURATION} s at $CONNECTIONS connections"
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" -H "$HEADER" "$url" >/dev/null ||
        fail "wrk warm-up against $url failed"
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency -H "$HEADER" "$url" >"$out" ||
        fail "wrk against $url failed"
    RPS[$key]=$(awk '/^Requests\/sec:/ { printf "%.0f", $2 }' "$out")
    [[ -n ${RPS[$key]} ]] || { cat "$out" >&2; fail "could not read requests/s from wrk's output"; }
    P50[$key]=$(to_ms "$(awk '$1 == "50%" { print $2 }' "$out")")
    P90[$key]=$(to_ms "$(awk '$1 == "90%" { print $2 }' "$out")")
    P99[$key]=$(to_ms "$(awk '$1 == "99%" { print $2 }' "$out")")
    ERRORS[$key]=$(awk '
        /Non-2xx or 3xx responses:/ { e = e sprintf("%s non-2xx/3xx; ", $NF) }
        /Socket errors:/ { sub(/^ *Socket errors: */, ""); e = e "socket errors: " $0 "; " }
        END { sub(/; $/, "", e); print e }' "$out")
    cat "$out" >&2
}
run_wrk forja_html "$FORJA$HTML_PATH"
run_wrk nginx_html "$NGINX_URL$HTML_PATH"
run_wrk forja_api "$FORJA$API_PATH"
run_wrk nginx_api "$NGINX_URL$API_PATH"

LOADED_RSS=$(mib "$(proc_kib "$FORJA_PID" VmRSS)")
PEAK_RSS=$(mib "$(proc_kib "$FORJA_PID" VmHWM)")

# --- Report ------------------------------------------------------------------------
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.1f", 100 * a / b; else print "0" }'; }
HTML_RATIO=$(ratio "${RPS[forja_html]}" "${RPS[nginx_html]}")

check() { # description, awk condition on x, measured value
    if awk -v x="$3" "BEGIN { exit !($2) }"; then echo "PASS: $1"; else echo "FAIL: $1"; fi
}
CHECKS=$(
    check "HTML req/s is ${HTML_RATIO} % of nginx's (target >= ${TARGET_HTML_RATIO} %)" \
        "x >= $TARGET_HTML_RATIO" "$HTML_RATIO"
    check "HTML p99 is ${P99[forja_html]} ms at $CONNECTIONS connections (target <= ${TARGET_HTML_P99} ms)" \
        "x <= $TARGET_HTML_P99" "${P99[forja_html]}"
    check "idle RSS is ${IDLE_RSS} MiB (target <= ${TARGET_IDLE_RSS} MiB)" \
        "x <= $TARGET_IDLE_RSS" "$IDLE_RSS"
)

CPU=$(awk -F': *' '/^model name/ { print $2; exit }' /proc/cpuinfo)
[[ -n $CPU ]] || CPU=$(awk -F': *' '/^(Hardware|cpu model|Model)/ { print $2; exit }' /proc/cpuinfo)
NGINX_VERSION=$("$NGINX" -v 2>&1 | head -n 1 | sed 's/^nginx version: //')
WRK_VERSION=$(wrk -v 2>&1 | head -n 1 | sed 's/ *Copyright.*//' || true)
FORJA_VERSION=$("$FORJA_BIN" --version 2>&1 | head -n 1)
COMMIT=""
if command -v git >/dev/null && git -C "$ROOT" rev-parse --git-dir >/dev/null 2>&1; then
    COMMIT=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || true)
    [[ -z $(git -C "$ROOT" status --porcelain 2>/dev/null) ]] || COMMIT="$COMMIT (with uncommitted changes)"
fi
BUSY_NOTE=""
((BUSY_BEFORE <= 20)) || BUSY_NOTE=" — **the machine was busy: numbers are noisy**"
BUILD_NOTE=""
case $FORJA_BIN in
    */debug/*) BUILD_NOTE=" — **debug build: numbers are not meaningful**" ;;
esac

row() { # target server key
    local r="—"
    [[ $2 == forja ]] && r="$(ratio "${RPS[$3]}" "${RPS[nginx_${3#forja_}]}") %"
    local e=${ERRORS[$3]}
    printf '| %s | %s | %s | %s ms | %s ms | %s ms | %s |%s\n' "$1" "$2" "${RPS[$3]}" \
        "${P50[$3]}" "${P90[$3]}" "${P99[$3]}" "$r" "${e:+ ⚠ $e}"
}

REPORT=$TMP/report.md
{
    echo "# Forja benchmark — $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo
    echo "- Machine: $(nproc) CPUs, $CPU, Linux $(uname -r); CPUs ${BUSY_BEFORE} % busy in the second before the run${BUSY_NOTE}"
    echo "- Versions: $FORJA_VERSION${COMMIT:+ (commit $COMMIT)}; $NGINX_VERSION; $WRK_VERSION"
    echo "- Binary: \`$FORJA_BIN\`$BUILD_NOTE"
    echo "- Load: wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s --latency -H '$HEADER' (after a ${WARMUP} s warm-up), Forja and nginx alternating on the same machine as wrk"
    echo
    echo "| target | server | req/s | p50 | p90 | p99 | ratio to nginx |"
    echo "|---|---|---:|---:|---:|---:|---:|"
    row "HTML $HTML_PATH" forja forja_html
    row "HTML $HTML_PATH" nginx nginx_html
    row "JSON $API_PATH" forja forja_api
    row "JSON $API_PATH" nginx nginx_api
    echo
    echo "- Response sizes: HTML body $HTML_BODY B (whole response: Forja ${RESP_BYTES[forja_html]} B, nginx ${RESP_BYTES[nginx_html]} B); JSON body $API_BODY B (Forja ${RESP_BYTES[forja_api]} B, nginx ${RESP_BYTES[nginx_api]} B); nginx serves Forja's exact bodies (checked with cmp)"
    echo "- Cold start (exec → first 200 from /readyz): fresh data directory (migrations + demo load) ${COLD_FRESH} ms; existing data directory ${COLD_WARM} ms"
    echo "- First render on a fresh process (cache miss, one curl request, connection set-up included) versus the next request (cached):"
    echo
    echo "| page | first render | cached |"
    echo "|---|---:|---:|"
    printf '%s' "$MISS_REPORT"
    echo
    echo "- Sign-in (POST /login with the right password: argon2id m=64 MiB, t=3, p=1 check, session created): median ${LOGIN_MEDIAN} ms of ${LOGIN_TIMES[*]} ms (target 100-300 ms)"
    echo "- Memory (VmRSS): idle after warm-up ${IDLE_RSS} MiB; after the load test ${LOADED_RSS} MiB (peak ${PEAK_RSS} MiB)"
    echo "- Binary size: ${BIN_MIB} MiB (${BIN_BYTES} B); gzip -9 ${BIN_GZ_MIB} MiB (${BIN_GZ_BYTES} B)"
    echo
    echo "## Targets"
    echo
    while IFS= read -r line; do echo "- $line"; done <<<"$CHECKS"
} >"$REPORT"

OUT_DIR=$ROOT/bench/out
mkdir -p "$OUT_DIR"
OUT=$OUT_DIR/results-$(date '+%Y-%m-%d-%H%M%S').md
cp "$REPORT" "$OUT"

echo
cat "$REPORT"
echo
echo "$CHECKS"
echo
echo "Report written to ${OUT#"$ROOT"/}"
