#!/usr/bin/env bash
# Create .venv with the project installed (editable, with the dev tools when asked).
# On a fresh Debian machine python3's venv module is a separate package: install it first.
# Silent when everything is already installed; otherwise one line per step, with its rough
# duration, so a first `make run` does not look stuck.
set -euo pipefail
cd "$(dirname "$0")/.."
extras=${1:-}
PY=${PYTHON:-python3}

say() { echo "bootstrap: $*" >&2; }

if ! "$PY" -c "import venv, ensurepip" >/dev/null 2>&1; then
    if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
        say "Installing python3-venv with apt (under a minute)…"
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq
        apt-get install -y -qq --no-install-recommends python3 python3-venv python3-pip >/dev/null
    else
        say "python3 with the venv module is needed (apt-get install python3-venv)"
        exit 1
    fi
fi

want=$(sha256sum pyproject.toml | cut -d' ' -f1)
installed() { [ -x .venv/bin/python ] && [ -f "$1" ] && [ "$(cat "$1")" = "$want" ]; }
stamp=.venv/.installed${extras:+-$extras}
# A dev install holds everything a plain one does.
if installed "$stamp" || { [ -z "$extras" ] && installed .venv/.installed-dev; }; then
    exit 0
fi
started=$SECONDS
if [ -x .venv/bin/python ]; then
    say "Updating .venv${extras:+ with the $extras tools} (pyproject.toml changed; about a minute)…"
else
    say "Creating .venv and installing dependencies${extras:+ and the $extras tools} (about a minute on first run)…"
    "$PY" -m venv .venv
fi
.venv/bin/python -m pip install -q --disable-pip-version-check -U pip
.venv/bin/python -m pip install -q --disable-pip-version-check -e ".${extras:+[$extras]}"
echo "$want" > "$stamp"
say "Installed in $((SECONDS - started)) s."
