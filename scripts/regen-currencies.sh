#!/usr/bin/env bash
# Regenerates data/currencies.json: every ISO 4217 currency code the ICU data of the
# machine's Node.js knows (Intl.supportedValuesOf('currency')), with its name in English
# and Romanian and its usual number of decimals. Nothing is downloaded; the file is
# committed, and Forja reads it at build time (services/src/builtin.rs).
set -euo pipefail
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$repo_root/data/currencies.json"
node - > "$out.tmp" <<'JS'
const codes = Intl.supportedValuesOf('currency');
const en = new Intl.DisplayNames(['en'], { type: 'currency' });
const ro = new Intl.DisplayNames(['ro'], { type: 'currency' });
const rows = codes
  .filter((code) => /^[A-Z]{3}$/.test(code) && en.of(code) !== code)
  .map((code) => ({
    code,
    decimals: new Intl.NumberFormat('en', { style: 'currency', currency: code }).resolvedOptions().maximumFractionDigits,
    name: { en: en.of(code), ro: ro.of(code) },
  }));
process.stdout.write(JSON.stringify(rows, null, 1) + '\n');
JS
mv "$out.tmp" "$out"
echo "$(grep -c '"code"' "$out") currencies in $out (Node $(node --version), ICU $(node -p process.versions.icu))"
