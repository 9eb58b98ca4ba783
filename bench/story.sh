#!/usr/bin/env bash
# The story budgets (issue 4): ./bench/story.sh
#
# Against a fresh `forja serve --demo`, for the demo story page:
#   - first-load weight, once the demo media are in: HTML + CSS + JS, each gzip -9,
#     media excluded; third-party
#     requests (any request not to the server itself, from Lighthouse's network log);
#   - Lighthouse 12, mobile defaults: performance, accessibility, best practices;
#   - page changes: time from key press to the next page painted, and layout shift;
#   - transcoding: `forja media import` of 10 s and 60 s 1080p clips against the same
#     ffmpeg commands run by hand (the ladder, HLS remux and poster), with nothing else
#     in the queue.
# Pageflow's figures come from docs (../shared/reference/anchors.md): its published
# story JavaScript, rebuilt from source, is at least 368 KB gzipped.
# Prints a Markdown report. It does not build. Environment:
#   FORJA_BIN   binary to measure [default: ${CARGO_TARGET_DIR:-target}/release/forja]
set -euo pipefail
export LC_ALL=C

cd "$(dirname "$0")/.."
ROOT=$(pwd)
# shellcheck source=scripts/lib/apt.sh
source scripts/lib/apt.sh
# shellcheck source=scripts/lib/net.sh
source scripts/lib/net.sh

FORJA_BIN=${FORJA_BIN:-${CARGO_TARGET_DIR:-target}/release/forja}
[[ $FORJA_BIN == /* ]] || FORJA_BIN=$ROOT/$FORJA_BIN
step() { printf '==> %s\n' "$*" >&2; }
fail() { echo "bench: error: $*" >&2; exit 1; }
[[ -x $FORJA_BIN ]] || fail "no Forja binary at $FORJA_BIN; build it with \`cargo build --release -p forja\`"
unset FORJA_LISTEN FORJA_DATA_DIR FORJA_DATABASE_URL FORJA_DEMO FORJA_LOG FORJA_LOG_FORMAT

step "tools: chromium, ffmpeg, curl, gzip; lighthouse@12 and playwright-core from npm"
ensure_apt_packages chromium ffmpeg curl gzip
[[ -d e2e/node_modules/playwright-core ]] || (cd e2e && npm ci --no-audit --no-fund >/dev/null)
WORK=$(mktemp -d)
trap 'kill "$SERVER_PID" 2>/dev/null || true; rm -rf "$WORK"' EXIT
(cd "$WORK" && npm init -y >/dev/null && npm install --no-audit --no-fund --save-exact lighthouse@12.8.2 >/dev/null 2>&1) \
    || fail "could not install lighthouse@12 from npm"

PORT=$(free_port)
BASE="http://127.0.0.1:$PORT"
STORY="$BASE/cities/resita/stories/resita-learns"
step "starting $FORJA_BIN serve --demo on $BASE"
"$FORJA_BIN" serve --demo --data-dir "$WORK/data" --listen "127.0.0.1:$PORT" >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 120); do curl -sf "$BASE/readyz" >/dev/null && break; sleep 0.25; done
curl -sf "$BASE/readyz" >/dev/null || fail "the server did not start (see $WORK/server.log)"

step "waiting for the demo media (made in the background after the demo loads)"
furnished() { local page; page=$(curl -sf "$STORY") && grep -q 'quote-clip' <<<"$page"; }
for _ in $(seq 1 240); do
    furnished && break
    sleep 1
done
furnished || fail "the demo media were not made within 4 minutes (see $WORK/server.log)"

step "first-load weight"
html=$(curl -sf "$STORY")
css=$(grep -o '/static/story\.[0-9a-f]*\.css' <<<"$html" | head -1)
js=$(grep -o '/static/story\.[0-9a-f]*\.js' <<<"$html" | head -1)
gz() { curl -sf "$BASE$1" | gzip -9 | wc -c; }
html_gz=$(printf '%s' "$html" | gzip -9 | wc -c)
css_gz=$(gz "$css")
js_gz=$(gz "$js")
total_gz=$((html_gz + css_gz + js_gz))

step "Lighthouse 12 (mobile)"
CHROME_PATH=/usr/bin/chromium "$WORK/node_modules/.bin/lighthouse" "$STORY" --quiet \
    --only-categories=performance,accessibility,best-practices \
    --chrome-flags="--headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --no-first-run --disable-sync" \
    --output=json --output-path="$WORK/lh.json" >/dev/null 2>&1 || fail "lighthouse failed"
read -r perf a11y bp third lcp cls < <(python3 - "$WORK/lh.json" "$BASE" <<'PY'
import json, sys
r = json.load(open(sys.argv[1])); base = sys.argv[2]
c = r["categories"]
reqs = r["audits"]["network-requests"]["details"]["items"]
third = sum(1 for q in reqs if not q["url"].startswith(base) and not q["url"].startswith("data:"))
print(c["performance"]["score"], c["accessibility"]["score"], c["best-practices"]["score"], third,
      r["audits"]["largest-contentful-paint"]["displayValue"].replace("\u00a0", ""),
      r["audits"]["cumulative-layout-shift"]["displayValue"])
PY
)

step "page changes"
changes=$(node bench/story-page.mjs "$STORY" | python3 -c '
import json, sys
r = json.load(sys.stdin)
print("median %.0f ms, slowest %.0f ms over %d changes; layout shift %.4f"
      % (r["median_ms"], r["max_ms"], r["changes"], r["layout_shift"]))')

step "transcoding: forja media import against the same ffmpeg commands by hand"
kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true
# Nothing else may be in the queue: the import's worker would make it too.
pending=$(python3 - "$WORK/data/forja.db" <<'PY'
import sqlite3, sys
print(sqlite3.connect(sys.argv[1]).execute("SELECT count(*) FROM jobs WHERE state NOT IN ('done', 'failed')").fetchone()[0])
PY
)
[[ $pending == 0 ]] || fail "$pending media jobs still queued; the comparison would not be fair"
# transcode SECONDS: prints "forja_s hand_s ratio" for a 1080p clip of that length.
transcode() {
    local secs=$1 dir="$WORK/t$1" t0 t1 t2 h height kbps
    mkdir -p "$dir/hand/hls"
    ffmpeg -v error -y -f lavfi -i "testsrc2=size=1920x1080:rate=25:duration=$secs" -f lavfi -i "sine=frequency=330:duration=$secs" \
        -c:v libx264 -preset ultrafast -pix_fmt yuv420p -c:a aac -shortest "$dir/clip.mp4"
    t0=$(date +%s.%N)
    "$FORJA_BIN" media import "$dir/clip.mp4" --city resita --alt "bench" --credit "bench" --data-dir "$WORK/data" >/dev/null 2>&1 \
        || fail "forja media import failed"
    t1=$(date +%s.%N)
    for h in 360:800 720:2800 1080:5000; do
        height=${h%%:*}; kbps=${h##*:}
        ffmpeg -v error -y -i "$dir/clip.mp4" -map 0:v:0 -c:v libx264 -preset veryfast -profile:v main -pix_fmt yuv420p \
            -vf "scale=-2:$height" -b:v "${kbps}k" -maxrate "$((kbps * 3 / 2))k" -bufsize "$((kbps * 2))k" \
            -force_key_frames "expr:gte(t,n_forced*2)" -sc_threshold 0 -map 0:a:0 -c:a aac -b:a 128k -ac 2 \
            -map_metadata -1 -movflags +faststart "$dir/hand/${height}p.mp4"
        ffmpeg -v error -y -i "$dir/hand/${height}p.mp4" -c copy -f hls -hls_time 2 -hls_playlist_type vod \
            -hls_segment_type fmp4 -hls_fmp4_init_filename "${height}p-init.mp4" \
            -hls_segment_filename "$dir/hand/hls/${height}p-%03d.m4s" "$dir/hand/hls/${height}p.m3u8"
    done
    ffmpeg -v error -y -ss 1 -i "$dir/clip.mp4" -frames:v 1 -vf "scale=-2:'min(1080,ih)'" -q:v 3 "$dir/hand/poster.jpg"
    t2=$(date +%s.%N)
    python3 -c "a=$t1-$t0; b=$t2-$t1; print('%.2f %.2f %.2f' % (a, b, a / b))"
}
read -r forja10 hand10 ratio10 < <(transcode 10)
read -r forja60 hand60 ratio60 < <(transcode 60)

cat <<EOF_REPORT
## Story budgets (issue 4), $(date -u +%Y-%m-%d)

| measure | Forja | Pageflow | budget |
|---|---:|---:|---:|
| first load, HTML + CSS + JS, gzip -9 | $total_gz B (HTML $html_gz, CSS $css_gz, JS $js_gz) | ≥ 368 KB (JS alone) | ≤ 50 KB |
| third-party requests | $third | — | 0 |
| Lighthouse 12 mobile: performance / accessibility / best practices | $perf / $a11y / $bp | — | ≥ 0.95 / 1.0 / ≥ 0.95 |
| largest contentful paint, layout shift (Lighthouse) | $lcp, $cls | — | — |
| page changes (key press to painted, two frames) | $changes | — | ≤ 100 ms, no shift |
| transcoding a 10 s 1080p clip: forja media import / same ffmpeg by hand | ${forja10} s / ${hand10} s = ${ratio10}× | paid cloud encoder | ≤ 1.1× |
| transcoding a 60 s 1080p clip: forja media import / same ffmpeg by hand | ${forja60} s / ${hand60} s = ${ratio60}× | paid cloud encoder | ≤ 1.1× |
EOF_REPORT
