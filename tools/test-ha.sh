#!/usr/bin/env bash
# The Home Assistant custom component's suite: a separate venv (.venv-ha) on Python 3.13.0 with
# homeassistant + pytest-homeassistant-custom-component, tests that drive a real daemon started
# from the project's own venv (.venv, Python 3.11), coverage gates and mypy --strict.
#
#   bash tools/test-ha.sh              # build/refresh the venvs when needed, then test
#   bash tools/test-ha.sh -k flow      # extra arguments go to pytest (a subset fails the coverage gates)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
VENV=.venv-ha
REQ=tests/ha/requirements.txt

# The daemon under test runs from the project's venv (the same one `make test` builds).
bash tools/bootstrap.sh dev

# HA 2025.4.x needs Python >= 3.13.0 and this machine's newest is pyenv's 3.13.0 (not on PATH as
# python3.13, so ask pyenv for its prefix). PYTHON313 overrides it elsewhere.
PY=${PYTHON313:-}
if [ -z "$PY" ]; then
    if command -v pyenv >/dev/null 2>&1 && prefix=$(pyenv prefix 3.13.0 2>/dev/null); then
        PY=$prefix/bin/python3.13
    else
        PY=$(command -v python3.13 || true)
    fi
fi
if [ -z "$PY" ] || ! "$PY" -c 'import sys; assert sys.version_info >= (3, 13)' 2>/dev/null; then
    echo "test-ha: Python 3.13 is needed (pyenv install 3.13.0, or set PYTHON313)" >&2
    exit 1
fi

stamp=$VENV/.installed
want=$( (cat "$REQ"; "$PY" --version) | sha256sum | cut -d' ' -f1)
if [ ! -x $VENV/bin/python ] || [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    echo "test-ha: building $VENV (about 3 minutes the first time)"
    rm -rf $VENV
    "$PY" -m venv $VENV
    $VENV/bin/python -m pip install -q --disable-pip-version-check -U pip
    $VENV/bin/python -m pip install -q --disable-pip-version-check -r "$REQ"
    echo "$want" > "$stamp"
fi

export AB_ZEROCONF=0
export AB_TEST_DAEMON=${AB_TEST_DAEMON:-$ROOT/.venv/bin/autobangumi}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cov_json=$work/coverage.json
export COVERAGE_FILE=$work/.coverage  # keep coverage's data file out of the work tree
# -c: the suite has its own pytest.ini, so the project's tests/conftest.py (3.11 daemon fixtures)
# is never loaded into the Home Assistant venv.
$VENV/bin/python -m pytest -c tests/ha/pytest.ini tests/ha \
    --cov=custom_components.autobangumi --cov-config=tests/ha/.coveragerc \
    --cov-report=term-missing --cov-report="json:$cov_json" --cov-fail-under=95 "$@"

# Quality scale: >95% for every module (not just the total) and 100% for the config flow.
$VENV/bin/python - "$cov_json" <<'PY'
import json, sys
files = json.load(open(sys.argv[1]))["files"]
bad = []
for name, data in sorted(files.items()):
    pct = data["summary"]["percent_covered"]
    need = 100.0 if name.endswith("config_flow.py") else 95.0
    if pct < need:
        bad.append(f"{name}: {pct:.1f}% < {need:.0f}%")
if bad:
    print("test-ha: coverage below the per-module gate:\n  " + "\n  ".join(bad), file=sys.stderr)
    sys.exit(1)
print(f"test-ha: per-module coverage gate passed ({len(files)} modules)")
PY

# Platinum's strict-typing rule, against Home Assistant's own inline types.
(cd ha_integration && "$ROOT/$VENV/bin/python" -m mypy --config-file "$ROOT/ha_integration/mypy.ini" custom_components/autobangumi)
