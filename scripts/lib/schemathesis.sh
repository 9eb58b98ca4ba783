#!/usr/bin/env bash
# The API contract check: schemathesis 4 (from PyPI, in a throwaway virtual environment)
# against a running server's /api/v1/openapi.json, with a city editor's write token,
# over every operation. Source this file, then call `api_contract_check BASE_URL TOKEN DIR`.
#
# Checks: every one schemathesis has (server errors, undocumented statuses, responses
# that break their schema, content types, headers, schema-violating requests accepted,
# authentication, ...) but positive_data_acceptance: a schema cannot say which of a
# city's organisations a programme may name, nor that a write names its version in
# If-Match *or* the body, so some schema-valid requests are rightly refused (422, 428).
# A fixed seed and a bounded number of examples per operation keep it repeatable and
# inside the CI budget (about a minute).

api_contract_check() {
    local base=$1 token=$2 dir=$3
    python3 -m venv "$dir/schemathesis-venv" >/dev/null
    "$dir/schemathesis-venv/bin/pip" install --quiet --disable-pip-version-check 'schemathesis==4.*' </dev/null
    # From the scratch directory: schemathesis and Hypothesis keep their state in the
    # working directory (.schemathesis, .hypothesis), which must not land in the repo.
    (cd "$dir" && "$dir/schemathesis-venv/bin/schemathesis" run "$base/api/v1/openapi.json" --url "$base" \
        -H "Authorization: Bearer $token" \
        --checks all --exclude-checks positive_data_acceptance \
        --max-examples "${FORJA_SCHEMATHESIS_EXAMPLES:-20}" --seed 1 --workers 2 \
        --continue-on-failure --request-timeout 10 --no-color </dev/null)
}
