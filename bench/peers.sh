#!/usr/bin/env bash
# Peer matching benchmark (issue 12), side by side in one run: every visible city's ten
# nearest among N generated profiles (default 10,000) with Forja's Gower matching
# (`bench_peers`, two threads, each pair once), against the `gower` package from PyPI
# (numpy and pandas: the distance matrix, then the ten smallest per row) on the same
# profiles. Prints a Markdown report and writes it to bench/out/peers-<date>.md.
#
# It builds nothing: `cargo build --release -p forja-core --example bench_peers`.
set -euo pipefail
export LC_ALL=C

cd "$(dirname "$0")/.."
ROOT=$(pwd)
BIN=${BENCH_PEERS_BIN:-${CARGO_TARGET_DIR:-target}/release/examples/bench_peers}
N=${CITIES:-10000}
[[ $BIN == /* ]] || BIN=$ROOT/$BIN
[[ -x $BIN ]] || { echo "bench: error: no benchmark at $BIN: cargo build --release -p forja-core --example bench_peers" >&2; exit 1; }
source scripts/lib/apt.sh
ensure_apt_packages python3 python3-venv
TMP=$(mktemp -d "${TMPDIR:-/tmp}/forja-bench-peers.XXXXXX")
trap 'rm -rf -- "$TMP"' EXIT

python3 -m venv "$TMP/venv" >/dev/null
"$TMP/venv/bin/pip" install --quiet --disable-pip-version-check 'gower==0.1.2' 'pandas==3.*' </dev/null
FORJA=$("$BIN" "$N" --dump "$TMP/profiles.csv")
PY=$("$TMP/venv/bin/python" bench/peers.py "$TMP/profiles.csv")
field() { python3 -c "import json,sys; print(json.loads(sys.argv[1])[sys.argv[2]])" "$1" "$2"; }
{
    echo "# Forja peer matching benchmark — $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo
    echo "- Machine: $(nproc) CPUs, $(awk -F': *' '/^model name/ { print $2; exit }' /proc/cpuinfo)"
    echo "- $N generated cities; all top-ten lists"
    echo
    echo "| implementation | time |"
    echo "|---|---:|"
    echo "| Forja (Rust, Gower, 2 threads): median of 5 | $(field "$FORJA" median_ms) ms (worst $(field "$FORJA" max_ms) ms) |"
    echo "| Python \`gower\` 0.1.2 (numpy, pandas): once | $(field "$PY" seconds) s |"
} >"$TMP/report.md"
mkdir -p bench/out
cp "$TMP/report.md" "bench/out/peers-$(date '+%Y-%m-%d-%H%M%S').md"
cat "$TMP/report.md"
