#!/usr/bin/env bash
# Regenerates data/world/ from two npm packages:
#   world-atlas         -> data/world/countries-110m.json (copied byte for byte)
#   i18n-iso-countries  -> data/world/countries.json (ISO 3166-1 codes with en/ro names)
# Needs node and npm; installs the packages into a throw-away directory so the
# repository never gets a node_modules/ or package.json of its own.
# Versions are pinned so a rerun gives the same bytes; override to upgrade, e.g.
#   WORLD_ATLAS_VERSION=2.0.2 I18N_ISO_COUNTRIES_VERSION=7.14.0 scripts/regen-world-data.sh
set -euo pipefail

WORLD_ATLAS_VERSION="${WORLD_ATLAS_VERSION:-2.0.2}"
I18N_ISO_COUNTRIES_VERSION="${I18N_ISO_COUNTRIES_VERSION:-7.14.0}"

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out_dir="$repo_root/data/world"
mkdir -p "$out_dir"

work_dir="$(mktemp -d)"
trap 'rm -rf "$work_dir"' EXIT

cd "$work_dir"
npm init -y >/dev/null
npm install --no-audit --no-fund --save-exact \
  "world-atlas@$WORLD_ATLAS_VERSION" \
  "i18n-iso-countries@$I18N_ISO_COUNTRIES_VERSION" >/dev/null

# Write to a temporary name, then move: a failed run never leaves half a file.
cp node_modules/world-atlas/countries-110m.json "$out_dir/.countries-110m.json.tmp"
mv "$out_dir/.countries-110m.json.tmp" "$out_dir/countries-110m.json"

OUT_FILE="$out_dir/countries.json" node <<'JS'
const fs = require("fs");
const countries = require("i18n-iso-countries");
countries.registerLocale(require("i18n-iso-countries/langs/en.json"));
countries.registerLocale(require("i18n-iso-countries/langs/ro.json"));

// Romanian is written with comma-below letters; some sources still use the legacy
// cedilla ones, which look alike but are different code points.
const commaBelow = (s) =>
  s.replace(/ş/g, "ș").replace(/ţ/g, "ț").replace(/Ş/g, "Ș").replace(/Ţ/g, "Ț");

const en = countries.getNames("en", { select: "official" });
const ro = countries.getNames("ro", { select: "official" });

const rows = Object.keys(countries.getAlpha2Codes()).sort().map((alpha2) => {
  const numeric = countries.alpha2ToNumeric(alpha2);
  if (!en[alpha2] || !ro[alpha2] || !numeric) {
    throw new Error(`incomplete data for ${alpha2}`);
  }
  return {
    alpha2,
    alpha3: countries.alpha2ToAlpha3(alpha2),
    // world-atlas uses the same 3-digit, zero-padded strings as feature ids.
    numeric: String(numeric).padStart(3, "0"),
    name: { en: en[alpha2], ro: commaBelow(ro[alpha2]) },
  };
});

const tmp = process.env.OUT_FILE + ".tmp";
fs.writeFileSync(tmp, JSON.stringify(rows, null, 2) + "\n");
fs.renameSync(tmp, process.env.OUT_FILE);
console.log(`wrote ${rows.length} countries to ${process.env.OUT_FILE}`);
JS
