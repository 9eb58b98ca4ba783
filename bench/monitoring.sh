#!/usr/bin/env bash
# Monitoring benchmarks (issue 11), each measured side by side with the alternative a
# user would pick, in one run:
#   1. Importing 1,000,000 observations from one CSV file with `forja data import`
#      (a dry run, then the commit) against loading the same file into a plain table
#      with `sqlite3 .import` (SQLite) and `psql \copy` (PostgreSQL); Forja's peak
#      memory (max RSS) for each.
#   2. An indicator page with 20 years × 200 breakdowns, uncached (every request a new
#      address), against the same page from Forja's render cache.
#   3. Progress ratings for 10,000 series: Forja's Rust against the same method in
#      Python (Open SDG computes it in Python).
# Prints a Markdown report and writes it to bench/out/monitoring-<date>.md. Exits 0
# whatever the numbers; non-zero only when something could not be run.
#
# It builds nothing: FORJA_BIN [default: target/release/forja] and the ratings example
# (`cargo build --release -p forja-core --example bench_ratings`) must exist.
set -euo pipefail
export LC_ALL=C

cd "$(dirname "$0")/.."
ROOT=$(pwd)
source scripts/lib/apt.sh
source scripts/lib/net.sh
source scripts/lib/postgres.sh

FORJA_BIN=${FORJA_BIN:-${CARGO_TARGET_DIR:-target}/release/forja}
RATINGS_BIN=${RATINGS_BIN:-${CARGO_TARGET_DIR:-target}/release/examples/bench_ratings}
ROWS=${ROWS:-1000000}
[[ $FORJA_BIN == /* ]] || FORJA_BIN=$ROOT/$FORJA_BIN
[[ $RATINGS_BIN == /* ]] || RATINGS_BIN=$ROOT/$RATINGS_BIN
step() { printf '==> %s\n' "$*" >&2; }
fail() { echo "bench: error: $*" >&2; exit 1; }
[[ -x $FORJA_BIN ]] || fail "no Forja binary at $FORJA_BIN: cargo build --release -p forja"
[[ -x $RATINGS_BIN ]] || fail "no ratings benchmark at $RATINGS_BIN: cargo build --release -p forja-core --example bench_ratings"
unset FORJA_LISTEN FORJA_DATA_DIR FORJA_DATABASE_URL FORJA_DEMO FORJA_LOG FORJA_LOG_FORMAT

ensure_apt_packages sqlite3 time curl python3
TMP=$(mktemp -d "${TMPDIR:-/tmp}/forja-bench-monitoring.XXXXXX")
SERVER_PID=""
cleanup() {
    set +e
    [[ -n $SERVER_PID ]] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null
    pg_stop >/dev/null 2>&1
    rm -rf -- "$TMP"
}
trap cleanup EXIT

# Seconds and peak KiB of a command, as "seconds kib".
timed() { /usr/bin/time -f '%e %M' -o "$TMP/time" "$@" >"$TMP/out" 2>"$TMP/err" || { cat "$TMP/err" >&2; fail "$* failed"; }; cat "$TMP/time"; }

serve() { # data-dir [database-url]
    local port
    port=$(free_port)
    FORJA_DATABASE_URL=${2:-} "$FORJA_BIN" serve --demo --data-dir "$1" --listen "127.0.0.1:$port" >"$TMP/serve.log" 2>&1 &
    SERVER_PID=$!
    for _ in $(seq 1 600); do
        curl -fs -o /dev/null "http://127.0.0.1:$port/readyz" && { SERVER_URL=http://127.0.0.1:$port; return; }
        kill -0 "$SERVER_PID" 2>/dev/null || { cat "$TMP/serve.log" >&2; fail "forja exited"; }
        sleep 0.2
    done
    fail "forja did not start"
}
stop() { kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=""; }

# The benchmark's own indicators, added with SQL beside the demo's catalogue:
# BENCH.BIG broken down by target group, sex, area and age (1,080 breakdowns), and
# BENCH.PAGE by target group, sex and age (360).
BENCH_SQL="
INSERT INTO indicators (code, name, definition, period_note, source, methodology, unit, decimals, direction, periodicity, version)
VALUES ('BENCH.BIG', '{\"en\":\"Benchmark\"}', '{\"en\":\"-\"}', '{\"en\":\"-\"}', '{\"en\":\"-\"}', '{\"en\":\"-\"}', 'count', 0, 'higher', 'monthly', 1),
       ('BENCH.PAGE', '{\"en\":\"Benchmark page\"}', '{\"en\":\"-\"}', '{\"en\":\"-\"}', '{\"en\":\"-\"}', '{\"en\":\"-\"}', 'percent', 1, 'higher', 'yearly', 1);
INSERT INTO indicator_dimensions (indicator_id, dimension_id, position)
SELECT i.id, d.id, d.position FROM indicators i, dimensions d
WHERE (i.code = 'BENCH.BIG' AND d.code IN ('target-group', 'sex', 'urbanisation', 'age'))
   OR (i.code = 'BENCH.PAGE' AND d.code IN ('target-group', 'sex', 'age'));
"
CODES_SQL="SELECT d.code || '=' || c.code FROM dimension_codes c JOIN dimensions d ON d.id = c.dimension_id ORDER BY d.code, c.position;"

make_files() { # codes-file
    python3 - "$1" "$TMP" "$ROWS" <<'PY'
import itertools, sys
codes_file, out, rows = sys.argv[1], sys.argv[2], int(sys.argv[3])
codes = {}
for line in open(codes_file):
    d, c = line.strip().split("=", 1)
    codes.setdefault(d, []).append(c)
tg, sex, area, age = ([""] + codes[k] for k in ("target-group", "sex", "urbanisation", "age"))
months = [f"{y}-M{m:02d}" for y in range(2000, 2100) for m in range(1, 13)]
with open(f"{out}/big.csv", "w") as f:
    f.write("Indicator,Year,Target group,Sex,Area,Age group,Value\n")
    n = 0
    for period in months:
        for t, s, a, g in itertools.product(tg, sex, area, age):
            f.write(f"BENCH.BIG,{period},{t},{s},{a},{g},{(n * 7919) % 1000}\n")
            n += 1
            if n == rows:
                break
        if n == rows:
            break
with open(f"{out}/page.csv", "w") as f:
    f.write("Indicator,Year,Target group,Sex,Age group,Value\n")
    combos = list(itertools.product(tg, sex, age))[:200]
    for y in range(2006, 2026):
        for k, (t, s, g) in enumerate(combos):
            f.write(f"BENCH.PAGE,{y},{t},{s},{g},{(k * 37 + y) % 1000 / 10}\n")
PY
}

# The same rows in the shape Forja stores them (month numbers, breakdown ids), to load
# with each database's own tool into a table with Forja's key: the floor any importer
# that keeps such a key stands on.
make_keyed() {
    python3 - "$TMP" <<'PY'
import csv, sys
out = sys.argv[1]
ids = {}
with open(f"{out}/big.csv") as f, open(f"{out}/keyed.tsv", "w") as pg, open(f"{out}/keyed.csv", "w") as lite:
    rows = csv.reader(f)
    next(rows)
    for r in rows:
        year, month = r[1].split("-M")
        b = ids.setdefault(tuple(r[2:6]), len(ids) + 1)
        period = int(year) * 12 + int(month) - 1
        pg.write(f"1\t{period}\t1\t{b}\t{r[6]}\tnormal\t\\N\t\\N\tf\t1\t1\n")
        lite.write(f"1,{period},1,{b},{r[6]},normal,,,0,1,1\n")
PY
}
KEYED_COLUMNS="series_id integer NOT NULL, period integer NOT NULL, months integer NOT NULL, breakdown_id integer NOT NULL, value double precision NOT NULL, status varchar NOT NULL, note text, source text, sample boolean NOT NULL, import_id integer, created_import_id integer, PRIMARY KEY (series_id, period, months, breakdown_id)"

REPORT=$TMP/report.md
{
    echo "# Forja monitoring benchmark — $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo
    echo "- Machine: $(nproc) CPUs, $(awk -F': *' '/^model name/ { print $2; exit }' /proc/cpuinfo), $(free -g | awk '/^Mem:/ { print $2 }') GiB"
    echo "- Forja: \`$FORJA_BIN\` ($("$FORJA_BIN" --version 2>&1 | head -n 1)); $(sqlite3 --version | cut -d' ' -f1-2 | sed 's/^/SQLite /'); Python $(python3 -c 'import platform; print(platform.python_version())')"
    echo
} >"$REPORT"

# --- 1. Import, SQLite ----------------------------------------------------------------
step "SQLite: demo network, benchmark indicators, files"
DATA=$TMP/sqlite
serve "$DATA"
stop
sqlite3 "$DATA/forja.db" "$BENCH_SQL"
sqlite3 "$DATA/forja.db" "$CODES_SQL" >"$TMP/codes"
make_files "$TMP/codes"
SIZE_MB=$(du -m "$TMP/big.csv" | cut -f1)
LINES=$(($(wc -l <"$TMP/big.csv") - 1))
step "SQLite: forja data import --dry-run, then the commit ($LINES rows, $SIZE_MB MB)"
read -r S_DRY S_DRY_KB < <(timed "$FORJA_BIN" data import "$TMP/big.csv" --city resita --data-dir "$DATA" --dry-run)
read -r S_COMMIT S_COMMIT_KB < <(timed "$FORJA_BIN" data import "$TMP/big.csv" --city resita --data-dir "$DATA")
grep -q "$LINES" "$TMP/out" || { cat "$TMP/out" >&2; fail "the commit did not create $LINES values"; }
read -r S_AGAIN S_AGAIN_KB < <(timed "$FORJA_BIN" data import "$TMP/big.csv" --city resita --data-dir "$DATA")
step "SQLite: sqlite3 .import of the same file into a plain table"
read -r S_PLAIN _ < <(timed sqlite3 "$TMP/plain.db" \
    "CREATE TABLE obs (indicator TEXT, year TEXT, target_group TEXT, sex TEXT, area TEXT, age TEXT, value REAL);" \
    ".import --csv --skip 1 $TMP/big.csv obs")
make_keyed
read -r S_KEYED _ < <(timed sqlite3 "$TMP/keyed.db" \
    "PRAGMA journal_mode=WAL;" "CREATE TABLE obs ($KEYED_COLUMNS) WITHOUT ROWID;" \
    ".import --csv $TMP/keyed.csv obs")

# --- 2. Page -----------------------------------------------------------------------------
step "page: 20 years x 200 breakdowns, uncached versus cached"
"$FORJA_BIN" data import "$TMP/page.csv" --city resita --data-dir "$DATA" >/dev/null
serve "$DATA"
PAGE=$SERVER_URL/cities/resita/monitoring/BENCH.PAGE
for i in 1 2 3; do curl -fs -o /dev/null "$PAGE?warm=$i"; done
MISS=()
HIT=()
for i in $(seq 1 41); do
    MISS+=("$(curl -fsS -o /dev/null -w '%{time_total}' "$PAGE?n=$i")")
    HIT+=("$(curl -fsS -o /dev/null -w '%{time_total}' "$PAGE?n=$i")")
done
ms() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { printf "%.2f %.2f\n", v[int((NR + 1) / 2)] * 1000, v[int(NR * 0.95)] * 1000 }'; }
read -r MISS_P50 MISS_P95 < <(ms "${MISS[@]}")
read -r HIT_P50 HIT_P95 < <(ms "${HIT[@]}")
PAGE_BYTES=$(curl -fsS "$PAGE?size=1" | wc -c)
stop

# --- 1b. Import, PostgreSQL -----------------------------------------------------------
step "PostgreSQL: throwaway server, demo network, benchmark indicators"
pg_start >/dev/null
PG_ADMIN=$FORJA_TEST_POSTGRES_URL
PSQL_BIN=$(_pg_bin_dir)/psql
"$PSQL_BIN" "$PG_ADMIN" -qc "CREATE DATABASE bench" >/dev/null
PG_URL=${PG_ADMIN%/*}/bench
serve "$TMP/pgdata" "$PG_URL"
stop
"$PSQL_BIN" "$PG_URL" -qc "$BENCH_SQL" >/dev/null
step "PostgreSQL: forja data import --dry-run, then the commit"
read -r P_DRY P_DRY_KB < <(FORJA_DATABASE_URL=$PG_URL timed "$FORJA_BIN" data import "$TMP/big.csv" --city resita --data-dir "$TMP/pgdata" --dry-run)
read -r P_COMMIT P_COMMIT_KB < <(FORJA_DATABASE_URL=$PG_URL timed "$FORJA_BIN" data import "$TMP/big.csv" --city resita --data-dir "$TMP/pgdata")
grep -q "$LINES" "$TMP/out" || { cat "$TMP/out" >&2; fail "the commit did not create $LINES values"; }
step "PostgreSQL: psql \\copy of the same file into a plain table"
"$PSQL_BIN" "$PG_URL" -qc "CREATE TABLE obs (indicator TEXT, year TEXT, target_group TEXT, sex TEXT, area TEXT, age TEXT, value REAL)" >/dev/null
read -r P_PLAIN _ < <(timed "$PSQL_BIN" "$PG_URL" -qc "\\copy obs FROM '$TMP/big.csv' WITH (FORMAT csv, HEADER true)")
"$PSQL_BIN" "$PG_URL" -qc "CREATE TABLE keyed ($KEYED_COLUMNS)" >/dev/null
read -r P_KEYED _ < <(timed "$PSQL_BIN" "$PG_URL" -qc "\\copy keyed FROM '$TMP/keyed.tsv'")

# --- 3. Ratings --------------------------------------------------------------------------
step "ratings: 10,000 series, Rust and Python"
R_RUST=$("$RATINGS_BIN" 10000)
R_PY=$(python3 bench/ratings.py 10000)
field() { python3 -c "import json,sys; print(json.loads(sys.argv[1])[sys.argv[2]])" "$1" "$2"; }

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
mb() { awk -v k="$1" 'BEGIN { printf "%.0f", k / 1024 }'; }
{
    echo "## Import of $LINES observations from one CSV ($SIZE_MB MB)"
    echo
    echo "| database | Forja dry run | Forja commit | again (unchanged) | alternative into a plain table | commit ÷ alternative | Forja peak memory (dry run / commit) |"
    echo "|---|---:|---:|---:|---:|---:|---:|"
    echo "| SQLite | $S_DRY s | $S_COMMIT s | $S_AGAIN s | sqlite3 .import $S_PLAIN s | $(ratio "$S_COMMIT" "$S_PLAIN") | $(mb "$S_DRY_KB") / $(mb "$S_COMMIT_KB") MB |"
    echo "| PostgreSQL | $P_DRY s | $P_COMMIT s | — | psql \\copy $P_PLAIN s | $(ratio "$P_COMMIT" "$P_PLAIN") | $(mb "$P_DRY_KB") / $(mb "$P_COMMIT_KB") MB |"
    echo
    echo "The floor under any importer that keeps a unique key: the same rows, already in the"
    echo "shape Forja stores them, loaded by the database's own tool into a table with Forja's key."
    echo
    echo "| database | tool, into a table with Forja's key | time | Forja commit ÷ it |"
    echo "|---|---|---:|---:|"
    echo "| SQLite | sqlite3 .import | $S_KEYED s | $(ratio "$S_COMMIT" "$S_KEYED") |"
    echo "| PostgreSQL | psql \\copy | $P_KEYED s | $(ratio "$P_COMMIT" "$P_KEYED") |"
    echo
    echo "## Indicator page, 20 years × 200 breakdowns ($PAGE_BYTES B)"
    echo
    echo "| request | median | p95 |"
    echo "|---|---:|---:|"
    echo "| uncached (new address each time) | $MISS_P50 ms | $MISS_P95 ms |"
    echo "| the same address again (render cache) | $HIT_P50 ms | $HIT_P95 ms |"
    echo
    echo "## Progress ratings, 10,000 series of 20 years"
    echo
    echo "| implementation | median | worst of 15 | checksum |"
    echo "|---|---:|---:|---:|"
    echo "| Forja (Rust) | $(field "$R_RUST" median_ms) ms | $(field "$R_RUST" max_ms) ms | $(field "$R_RUST" checksum) |"
    echo "| Python (the method as Open SDG runs it) | $(field "$R_PY" median_ms) ms | $(field "$R_PY" max_ms) ms | $(field "$R_PY" checksum) |"
} >>"$REPORT"

mkdir -p bench/out
cp "$REPORT" "bench/out/monitoring-$(date '+%Y-%m-%d-%H%M%S').md"
cat "$REPORT"
