#!/usr/bin/env bash
# Install the Debian packages the tests drive for real: the downloaders (qbittorrent-nox,
# transmission-daemon, aria2), Node.js and npm (the web page's type check) and Chromium (the
# browser tests, driven by Playwright; Playwright never downloads a browser of its own here) and
# the PostgreSQL server (the store's tests on PostgreSQL start a throw-away cluster of their own).
# Idempotent: when every binary is already on PATH it exits at once, without touching apt, so
# `make test` stays fast on a machine that already has them.
set -euo pipefail

declare -A BIN_OF_PKG=(
    [qbittorrent-nox]=qbittorrent-nox
    [transmission-daemon]=transmission-daemon
    [aria2]=aria2c
    [nodejs]=node
    [npm]=npm
    [chromium]=chromium
    [postgresql]=initdb
)

# Debian keeps PostgreSQL's server programs off PATH, under /usr/lib/postgresql/<major>/bin.
has() {
    command -v "$1" >/dev/null 2>&1 || compgen -G "/usr/lib/postgresql/*/bin/$1" >/dev/null
}

missing=()
for pkg in "${!BIN_OF_PKG[@]}"; do
    if ! has "${BIN_OF_PKG[$pkg]}"; then
        missing+=("$pkg")
    fi
done

if [ "${#missing[@]}" -eq 0 ]; then
    echo "install-test-deps: qbittorrent-nox, transmission-daemon, aria2c, node, npm, chromium and postgresql already installed"
    exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then
        SUDO="sudo"
    else
        echo "install-test-deps: need root (or sudo) to install: ${missing[*]}" >&2
        exit 1
    fi
fi

export DEBIAN_FRONTEND=noninteractive
echo "install-test-deps: installing ${missing[*]}"
# The package lists may be empty (fresh container), so update first; otherwise install fails.
$SUDO apt-get update -qq
# --no-install-recommends keeps the install small (no GUI bits); apt does not start the daemons
# under policy-rc.d, and the tests start their own throw-away instances anyway.
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
for pkg in "${missing[@]}"; do
    has "${BIN_OF_PKG[$pkg]}" || {
        echo "install-test-deps: ${BIN_OF_PKG[$pkg]} still missing after installing $pkg" >&2
        exit 1
    }
done
echo "install-test-deps: done"
