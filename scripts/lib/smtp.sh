#!/usr/bin/env bash
# A throwaway SMTP server for the tests: aiosmtpd (from PyPI) in a virtual environment
# under a temp directory, on 127.0.0.1 and a free port, writing every message it gets
# into a maildir. Source this file, then `smtp_start DIR` and `smtp_stop`.
#
# Sets FORJA_TEST_SMTP_URL (smtp://127.0.0.1:PORT) and FORJA_TEST_MAILDIR.

SMTP_PID=""

smtp_start() {
    local dir=$1 port
    python3 -m venv "$dir/smtp-venv" >/dev/null
    "$dir/smtp-venv/bin/pip" install --quiet --disable-pip-version-check 'aiosmtpd==1.*' </dev/null
    port=$(free_port)
    "$dir/smtp-venv/bin/python" -m aiosmtpd -n -l "127.0.0.1:$port" \
        -c aiosmtpd.handlers.Mailbox "$dir/maildir" >"$dir/smtp.log" 2>&1 &
    SMTP_PID=$!
    for _ in $(seq 1 100); do
        (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
        sleep 0.1
    done
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null \
        || { echo "smtp: the SMTP sink did not start (see $dir/smtp.log)" >&2; return 1; }
    export FORJA_TEST_SMTP_URL="smtp://127.0.0.1:$port"
    export FORJA_TEST_MAILDIR="$dir/maildir"
    echo "SMTP sink (aiosmtpd) at $FORJA_TEST_SMTP_URL, maildir $FORJA_TEST_MAILDIR"
}

smtp_stop() {
    if [[ -n "$SMTP_PID" ]]; then
        kill "$SMTP_PID" 2>/dev/null
        wait "$SMTP_PID" 2>/dev/null
        SMTP_PID=""
    fi
}
