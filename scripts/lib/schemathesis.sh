#!/usr/bin/env bash
# The API contract check: schemathesis 4 (from PyPI, in a throwaway virtual environment)
# against a running server's /api/v1/openapi.json, with a city editor's write token,
# over every operation. Source this file, then call `api_contract_check BASE_URL TOKEN DIR`.
#
# Checks: every one schemathesis has (server errors, undocumented statuses, responses
# that break their schema, content types, headers, schema-violating requests accepted,
# schema-valid requests refused, authentication, ...). schemathesis.toml, next to this
# file, names the few writes whose rules relate two values (an end after a start, a
# code once in a list, the city's own organisations), which no schema can state.
# A fixed seed and a bounded number of examples per operation keep it repeatable and
# inside the CI budget (about a minute). One worker: Python 3.11's parser is not
# thread-safe, and Hypothesis parses source while it runs (SystemError "AST constructor
# recursion depth mismatch", CPython gh-106905).

api_contract_check() {
    local base=$1 token=$2 dir=$3
    python3 -m venv "$dir/schemathesis-venv" >/dev/null
    "$dir/schemathesis-venv/bin/pip" install --quiet --disable-pip-version-check 'schemathesis==4.*' </dev/null
    # From the scratch directory: schemathesis and Hypothesis keep their state in the
    # working directory (.schemathesis, .hypothesis), which must not land in the repo.
    local config
    config="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/schemathesis.toml"
    (cd "$dir" && "$dir/schemathesis-venv/bin/schemathesis" --config-file "$config" run "$base/api/v1/openapi.json" --url "$base" \
        -H "Authorization: Bearer $token" \
        --checks all \
        --max-examples "${FORJA_SCHEMATHESIS_EXAMPLES:-20}" --seed 1 --workers 1 \
        --continue-on-failure --request-timeout 10 --no-color </dev/null)
}
