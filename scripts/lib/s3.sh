#!/usr/bin/env bash
# A throwaway S3-compatible server for the tests: moto's S3 server (the S3 HTTP API,
# from PyPI) in a virtual environment under a temp directory, on 127.0.0.1 and a free
# port, with one bucket. Source this file, then `s3_start DIR` and `s3_stop`.
#
# Sets FORJA_TEST_S3_URL (s3://forja-test) and the AWS_* variables object_store reads.

S3_PID=""

s3_start() {
    local dir=$1 port
    python3 -m venv "$dir/s3-venv" >/dev/null
    "$dir/s3-venv/bin/pip" install --quiet --disable-pip-version-check 'moto[server]==5.*' </dev/null
    port=$(free_port)
    "$dir/s3-venv/bin/moto_server" -H 127.0.0.1 -p "$port" >"$dir/s3.log" 2>&1 &
    S3_PID=$!
    for _ in $(seq 1 100); do
        curl -fsS "http://127.0.0.1:$port/" >/dev/null 2>&1 && break
        sleep 0.1
    done
    curl -fsS -X PUT "http://127.0.0.1:$port/forja-test" >/dev/null \
        || { echo "s3: the S3-compatible server did not start (see $dir/s3.log)" >&2; return 1; }
    export AWS_ENDPOINT_URL="http://127.0.0.1:$port"
    export AWS_ALLOW_HTTP=true
    export AWS_REGION=us-east-1
    export AWS_ACCESS_KEY_ID=forja-test
    export AWS_SECRET_ACCESS_KEY=forja-test
    export FORJA_TEST_S3_URL="s3://forja-test"
    echo "S3-compatible server (moto) at $AWS_ENDPOINT_URL, bucket forja-test"
}

s3_stop() {
    if [[ -n "$S3_PID" ]]; then
        kill "$S3_PID" 2>/dev/null
        wait "$S3_PID" 2>/dev/null
        S3_PID=""
    fi
}
