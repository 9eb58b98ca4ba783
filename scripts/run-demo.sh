#!/usr/bin/env bash
# Runs Forja with demo content on the embedded default (SQLite and files under one
# data directory): ./scripts/run-demo.sh [serve options...]
#
# Builds the release binary, then runs `forja serve --demo`. The data directory is
# ./forja-data unless --data-dir is given; other options (e.g. --listen) pass through.
set -euo pipefail

cd "$(dirname "$0")/.."

# ffmpeg makes the renditions of imported media (the server's background worker) and,
# with espeak-ng, the generated media of the demo stories.
# shellcheck source=lib/apt.sh
source scripts/lib/apt.sh
ensure_apt_packages ffmpeg libheif-examples webp espeak-ng

cargo build --release -p forja --locked

args=("$@")
has_data_dir=false
for arg in "${args[@]}"; do
    case "$arg" in
        --data-dir|--data-dir=*) has_data_dir=true ;;
    esac
done
if [[ $has_data_dir == false ]]; then
    args=(--data-dir ./forja-data "${args[@]}")
fi

exec "${CARGO_TARGET_DIR:-target}/release/forja" serve --demo "${args[@]}"
