#!/usr/bin/env bash
# Create .venv with the project installed (editable, with the dev tools when asked).
# On a fresh Debian machine python3's venv module is a separate package: install it first.
set -euo pipefail
cd "$(dirname "$0")/.."
extras=${1:-}
PY=${PYTHON:-python3}

if ! "$PY" -c "import venv, ensurepip" >/dev/null 2>&1; then
    if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq
        apt-get install -y -qq --no-install-recommends python3 python3-venv python3-pip >/dev/null
    else
        echo "bootstrap: python3 with the venv module is needed (apt-get install python3-venv)" >&2
        exit 1
    fi
fi

stamp=.venv/.installed${extras:+-$extras}
want=$(sha256sum pyproject.toml | cut -d' ' -f1)
if [ -x .venv/bin/python ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
    exit 0
fi
[ -x .venv/bin/python ] || "$PY" -m venv .venv
.venv/bin/python -m pip install -q --disable-pip-version-check -U pip
.venv/bin/python -m pip install -q --disable-pip-version-check -e ".${extras:+[$extras]}"
echo "$want" > "$stamp"
