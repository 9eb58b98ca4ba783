#!/usr/bin/env bash
# Search benchmark (issue 12), measured side by side in one run: the same 1,000,000
# generated documents and the same 1,000 one- to three-word queries (half of them
# filtered by a country) through Forja's index, PostgreSQL full-text search (a stored
# Romanian tsvector with a GIN index, ts_rank) and SQLite FTS5 (bm25, accents folded).
# Every engine does the same work per query: the 20 best, the total, counts by kind and
# by country. Reports indexing time and throughput, index size, and p50/p95/p99.
# Prints a Markdown report and writes it to bench/out/search-<date>.md. Exits 0
# whatever the numbers; non-zero only when something could not be run.
#
# It builds nothing: the example must exist
# (`cargo build --release -p forja-services --example bench_search`).
set -euo pipefail
export LC_ALL=C

cd "$(dirname "$0")/.."
ROOT=$(pwd)
source scripts/lib/apt.sh
source scripts/lib/net.sh
source scripts/lib/postgres.sh

BIN=${BENCH_SEARCH_BIN:-${CARGO_TARGET_DIR:-target}/release/examples/bench_search}
DOCS=${DOCS:-1000000}
QUERIES=${QUERIES:-1000}
[[ $BIN == /* ]] || BIN=$ROOT/$BIN
fail() { echo "bench: error: $*" >&2; exit 1; }
[[ -x $BIN ]] || fail "no benchmark at $BIN: cargo build --release -p forja-services --example bench_search"

ensure_apt_packages python3
TMP=$(mktemp -d "${TMPDIR:-/tmp}/forja-bench-search.XXXXXX")
cleanup() {
    set +e
    pg_stop >/dev/null 2>&1
    rm -rf -- "$TMP"
}
trap cleanup EXIT

pg_start >"$TMP/pg.txt"
PG_LINE=$(tail -n 1 "$TMP/pg.txt")
echo "==> $DOCS documents, $QUERIES queries: Forja, PostgreSQL, SQLite" >&2
"$BIN" --docs "$DOCS" --queries "$QUERIES" --postgres "$FORJA_TEST_POSTGRES_URL" \
    --sqlite "$TMP/fts.db" >"$TMP/results.jsonl"

python3 - "$TMP/results.jsonl" "$DOCS" "$QUERIES" "$PG_LINE" >"$TMP/report.md" <<'PY'
import json, sys, platform, os, subprocess
rows = [json.loads(l) for l in open(sys.argv[1])]
by = {r["engine"]: r for r in rows}
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
print(f"# Forja search benchmark")
print()
print(f"- Machine: {os.cpu_count()} CPUs, {cpu}; {sys.argv[4].split(' ready')[0]}; SQLite bundled with sqlx (FTS5)")
print(f"- {int(sys.argv[2]):,} generated documents (Romanian and English, Zipf-shaped vocabulary of 30,000 words, 4–8 word titles, 30–60 word bodies), {int(sys.argv[3]):,} queries of 1–3 words, half filtered by country")
print()
print("| engine | index time | documents/s | index size | p50 | p95 | p99 | mean hits per query |")
print("|---|---:|---:|---:|---:|---:|---:|---:|")
for r in rows:
    print(f"| {r['engine']} | {r['index_seconds']:.1f} s | {r['docs_per_second']:,.0f} | {r['index_bytes']/1048576:,.0f} MiB | {r['p50_ms']:.2f} ms | {r['p95_ms']:.2f} ms | {r['p99_ms']:.2f} ms | {r['mean_total_hits']:,} |")
f = by.get("forja-tantivy")
for other in ("postgresql-tsvector-gin", "sqlite-fts5"):
    o = by.get(other)
    if f and o:
        print()
        print(f"- p99, {other} ÷ Forja: **{o['p99_ms'] / f['p99_ms']:.1f}×**")
PY
mkdir -p bench/out
cp "$TMP/report.md" "bench/out/search-$(date '+%Y-%m-%d-%H%M%S').md"
cat "$TMP/report.md"
