"""The image's entrypoint, run for real as root against root-owned folders (as Docker makes them).

The command it finally runs is replaced by a shell probe that reports who it runs as and
writes into both folders; the test then reads ownership and modes from the disk.
"""

from __future__ import annotations

import os
import re
import shutil
import stat
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ENTRYPOINT = ROOT / "docker" / "entrypoint.sh"
UID = GID = 1000

# Who am I, with which umask and capabilities, and can I write both folders?
PROBE = r"""
set -e
echo "uid=$(id -u) gid=$(id -g) umask=$(umask)"
grep -E '^(CapEff|Groups):' /proc/self/status
for d in "$AB_CONFIG_DIR" "$AB_DATA_DIR"; do
    echo written > "$d/probe.txt"
    mkdir "$d/probe-dir"
done
echo "$@" > "$AB_DATA_DIR/args.txt"
"""

pytestmark = pytest.mark.skipif(
    os.geteuid() != 0 or shutil.which("setpriv") is None, reason="needs root and setpriv (util-linux)"
)


@pytest.fixture
def box() -> Iterator[Path]:
    # Not pytest's tmp_path: its parents are root-only (0700), and uid 1000 must reach inside.
    path = Path(tempfile.mkdtemp(prefix="ab-entrypoint-"))
    path.chmod(0o755)
    try:
        yield path
    finally:
        shutil.rmtree(path)


def run(
    box: Path, *, as_user: int | None = None, args: tuple[str, ...] = (), **env: str
) -> subprocess.CompletedProcess[str]:
    environ = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "AB_CONFIG_DIR": str(box / "config"),
        "AB_DATA_DIR": str(box / "data"),
        **env,
    }
    if as_user is None:
        argv = [str(ENTRYPOINT), "sh", "-c", PROBE, "probe", *args]
        return subprocess.run(argv, env=environ, capture_output=True, text=True, timeout=30)
    # The checkout may sit below a folder only root can enter (`mktemp -d` makes 0700), as in
    # an image it would not: the user runs a copy of the script from a folder anyone can enter.
    with tempfile.TemporaryDirectory(prefix="ab-entrypoint-script-") as folder:
        Path(folder).chmod(0o755)
        script = Path(folder) / "entrypoint.sh"
        shutil.copyfile(ENTRYPOINT, script)
        script.chmod(0o755)
        argv = ["setpriv", f"--reuid={as_user}", f"--regid={as_user}", "--clear-groups", "--"]
        argv += [str(script), "sh", "-c", PROBE, "probe", *args]
        return subprocess.run(argv, env=environ, capture_output=True, text=True, timeout=30)


def owner(path: Path) -> tuple[int, int]:
    st = path.lstat()
    return st.st_uid, st.st_gid


def mode(path: Path) -> int:
    return stat.S_IMODE(path.lstat().st_mode)


def docker_made_folders(box: Path) -> None:
    """What `docker run -v ./config:/app/config` leaves: root-owned folders, maybe old files."""
    (box / "config").mkdir(mode=0o755)
    (box / "data").mkdir(mode=0o755)
    old = box / "config" / "config.json"
    old.write_text('{"program": {"webui_port": 7892}}')
    old.chmod(0o600)
    (box / "data" / "posters").mkdir()
    # A symlink out of the folder: its target must keep its owner.
    outside = box / "outside.txt"
    outside.write_text("not ours")
    (box / "data" / "link").symlink_to(outside)


def test_the_entrypoint_is_executable_and_posix_sh() -> None:
    assert os.access(ENTRYPOINT, os.X_OK)
    assert ENTRYPOINT.read_text().startswith("#!/bin/sh\n")
    assert subprocess.run(["sh", "-n", str(ENTRYPOINT)]).returncode == 0


@pytest.mark.parametrize(("umask", "file_mode", "dir_mode"), [("022", 0o644, 0o755), ("002", 0o664, 0o775)])
def test_root_owned_folders_are_handed_over_and_root_is_dropped(
    box: Path, umask: str, file_mode: int, dir_mode: int
) -> None:
    docker_made_folders(box)
    result = run(box, PUID=str(UID), PGID=str(GID), UMASK=umask, args=("serve", "--port", "1"))
    assert result.returncode == 0, result.stderr
    assert f"uid={UID} gid={GID} umask=0{umask}" in result.stdout
    assert re.search(r"^CapEff:\s+0+$", result.stdout, re.M), result.stdout
    assert re.search(r"^Groups:\s*$", result.stdout, re.M), result.stdout  # no supplementary groups
    # The command got its arguments untouched.
    assert (box / "data" / "args.txt").read_text() == "serve --port 1\n"
    for folder in (box / "config", box / "data"):
        assert owner(folder) == (UID, GID)
        assert owner(folder / "probe.txt") == (UID, GID) and mode(folder / "probe.txt") == file_mode
        assert owner(folder / "probe-dir") == (UID, GID) and mode(folder / "probe-dir") == dir_mode
    # What was there is now the user's, unchanged otherwise (content, mode).
    old = box / "config" / "config.json"
    assert owner(old) == (UID, GID) and mode(old) == 0o600
    assert old.read_text() == '{"program": {"webui_port": 7892}}'
    assert owner(box / "data" / "posters") == (UID, GID)
    assert owner(box / "data" / "link") == (UID, GID)
    assert owner(box / "outside.txt") == (0, 0)


def test_missing_folders_are_created_and_a_restart_changes_nothing(box: Path) -> None:
    env = {"AB_CONFIG_DIR": str(box / "nested" / "config"), "AB_DATA_DIR": str(box / "nested" / "data")}
    first = run(box, PUID="1000", PGID="1000", **env)
    assert first.returncode == 0, first.stderr
    cfg = box / "nested" / "config"
    assert owner(cfg) == (UID, GID) and owner(box / "nested" / "data" / "probe.txt") == (UID, GID)
    # A second start chowns nothing that is already right (a chown would move the change time).
    for folder in (cfg, box / "nested" / "data"):
        (folder / "probe.txt").unlink()
        (folder / "probe-dir").rmdir()
    kept = cfg / "kept.txt"
    kept.write_text("x")
    os.chown(kept, UID, GID)
    changed = kept.stat().st_ctime_ns
    second = run(box, PUID="1000", PGID="1000", **env)
    assert second.returncode == 0, second.stderr
    assert kept.stat().st_ctime_ns == changed


def test_defaults_are_1000_1000_and_022(box: Path) -> None:
    docker_made_folders(box)
    result = run(box)
    assert result.returncode == 0, result.stderr
    assert "uid=1000 gid=1000 umask=0022" in result.stdout


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("PUID", "0"),
        ("PUID", "root"),
        ("PUID", "-1"),
        ("PUID", "1.5"),
        ("PUID", "4294967295"),
        ("PUID", "99999999999"),
        ("PGID", "0"),
        ("PGID", "abc"),
        ("UMASK", "999"),
        ("UMASK", "u=rwx"),
        ("UMASK", "00222"),
    ],
)
def test_bad_values_give_one_clear_error_and_change_nothing(box: Path, name: str, value: str) -> None:
    (box / "config").mkdir()
    result = run(box, **{name: value})
    assert result.returncode == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 2, result.stderr
    assert name in lines[0] and f'"{value}"' in lines[0]
    assert re.search(r"[\u4e00-\u9fff]", lines[1]) and name in lines[1]
    assert "Traceback" not in result.stderr and result.stdout == ""
    # Refused before touching anything: the folder keeps its owner, the missing one stays missing.
    assert owner(box / "config") == (0, 0)
    assert not (box / "data").exists()


def test_started_as_a_user_already_it_only_checks_the_folders(box: Path) -> None:
    docker_made_folders(box)
    refused = run(box, as_user=UID)
    assert refused.returncode == 2
    assert "not writable by uid 1000" in refused.stderr and "无法写入" in refused.stderr
    assert "Traceback" not in refused.stderr and refused.stdout == ""
    assert owner(box / "config") == (0, 0)

    for folder in ("config", "data"):
        os.chown(box / folder, UID, GID)
    allowed = run(box, as_user=UID, UMASK="027")
    assert allowed.returncode == 0, allowed.stderr
    assert "uid=1000 gid=1000 umask=0027" in allowed.stdout
    assert mode(box / "data" / "probe.txt") == 0o640
    # Nothing was chowned on this path: the old root-owned file is still root's.
    assert owner(box / "config" / "config.json") == (0, 0)
