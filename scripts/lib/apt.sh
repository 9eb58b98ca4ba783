#!/usr/bin/env bash
# Helpers to install Debian packages that the scripts need, only when missing.
#
# Source this file, then call `ensure_apt_packages pkg...`. It is safe under
# `set -euo pipefail`, never asks questions (no stdin needed, as in CI), runs
# `apt-get update` at most once per shell, and waits for the apt/dpkg locks when
# another process holds them instead of failing at once.

# Prints the packages among "$@" that dpkg does not report as installed.
apt_missing_packages() {
    local pkg status
    for pkg in "$@"; do
        status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
        if [[ "$status" != "install ok installed" ]]; then
            printf '%s\n' "$pkg"
        fi
    done
}

# Runs an apt-get command as root (directly, or through sudo when not root),
# non-interactively, retrying a few times when the apt lists lock is busy.
_apt_get() {
    local -a sudo=()
    if [[ $EUID -ne 0 ]]; then
        if command -v sudo >/dev/null 2>&1; then
            sudo=(sudo -n)
        else
            echo "apt: error: need root (or sudo) to run apt-get $*" >&2
            return 1
        fi
    fi
    local attempt
    for attempt in 1 2 3 4 5 6; do
        # DPkg::Lock::Timeout makes apt wait for the dpkg lock held by another process.
        if "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -q -y \
            -o DPkg::Lock::Timeout=600 -o Dpkg::Options::=--force-confdef \
            -o Dpkg::Options::=--force-confold "$@" </dev/null; then
            return 0
        fi
        if [[ $attempt -lt 6 ]]; then
            echo "apt: 'apt-get $*' failed (attempt $attempt); apt may be busy, retrying in 10 s" >&2
            sleep 10
        fi
    done
    echo "apt: error: 'apt-get $*' failed 6 times" >&2
    return 1
}

# Installs every package in "$@" that is not installed yet.
ensure_apt_packages() {
    local -a missing
    mapfile -t missing < <(apt_missing_packages "$@")
    if [[ ${#missing[@]} -eq 0 ]]; then
        return 0
    fi
    echo "apt: installing ${missing[*]}"
    if [[ -z "${_FORJA_APT_UPDATED:-}" ]]; then
        _apt_get update >/dev/null || return 1
        _FORJA_APT_UPDATED=1
    fi
    _apt_get install --no-install-recommends "${missing[@]}" >/dev/null || {
        echo "apt: error: could not install ${missing[*]}" >&2
        return 1
    }
}
