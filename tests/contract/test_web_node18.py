"""Debian 12's own Node.js 18 builds the web page, byte for byte the committed bundle.

The bundle is committed so that running needs no Node, but whoever changes the page on a
Debian 12 machine has Node 18 (this machine may have a newer one). tools/web_node18.sh fetches
Debian's nodejs 18 packages, unpacks them under .cache/ without installing anything, builds the
page with them and compares the output with the bundle.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "tools" / "web_node18.sh"
BUNDLE = ROOT / "rest_bridge" / "autobangumi_bridge" / "webui"


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(["bash", str(SCRIPT), *args], capture_output=True, text=True, timeout=600, cwd=ROOT)
    if done.returncode == 2:
        pytest.skip(done.stderr.strip())
    return done


def test_node18_builds_the_committed_bundle() -> None:
    done = _run()
    assert done.returncode == 0, done.stdout + done.stderr
    assert "v18." in done.stdout
    assert "builds exactly the committed bundle" in done.stdout


def test_a_bundle_that_node18_would_not_build_is_caught(tmp_path: Path) -> None:
    other = tmp_path / "webui"
    shutil.copytree(BUNDLE, other)
    index = other / "index.html"
    index.write_text(index.read_text(encoding="utf-8") + "<!-- edited by hand -->\n", encoding="utf-8")
    done = _run(str(other))
    assert done.returncode == 1, done.stdout + done.stderr
    assert "different bundle" in done.stderr
