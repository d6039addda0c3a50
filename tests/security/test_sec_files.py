"""Files holding secrets are the owner's only: the database (and its -wal/-shm), config.json,
the key files, and both folders; loose modes left by an older install are tightened at start."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import aiohttp

from tests.helpers import Server


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _secrets(server: Server) -> list[Path]:
    cfg, data = server.paths.config_dir, server.paths.data_dir
    files = [cfg / "config.json", cfg / ".jwt_secret", cfg / ".bridge_key", data / "data.db"]
    return [*files, data / "data.db-wal", data / "data.db-shm"]


async def test_a_fresh_install_is_private(ready: Server, http: aiohttp.ClientSession) -> None:
    async with http.post(ready.api + "/rss/add", json={"url": "http://127.0.0.2:1/f.xml", "name": "f"}) as r:
        assert r.status == 200  # a write, so the WAL holds something
    for folder in (ready.paths.config_dir, ready.paths.data_dir):
        assert _mode(folder) == 0o700, folder
    for path in _secrets(ready):
        assert path.exists() and _mode(path) == 0o600, (path, oct(_mode(path)))


async def test_loose_modes_are_tightened_at_start_and_logged_once(ready: Server) -> None:
    await ready.running.stop()
    for folder in (ready.paths.config_dir, ready.paths.data_dir):
        os.chmod(folder, 0o755)
    loose = [p for p in _secrets(ready) if p.exists()]
    for path in loose:
        os.chmod(path, 0o644)
    await ready.restart()
    for folder in (ready.paths.config_dir, ready.paths.data_dir):
        assert _mode(folder) == 0o700, folder
    for path in _secrets(ready):
        if path.exists():
            assert _mode(path) == 0o600, (path, oct(_mode(path)))
    lines = [ln for ln in ready.paths.log_file.read_text().splitlines() if "Made private" in ln]
    assert len(lines) == 1, lines
    assert "data.db" in lines[0] and "config.json" in lines[0]
    # Nothing to say when nothing was loose.
    await ready.restart()
    lines = [ln for ln in ready.paths.log_file.read_text().splitlines() if "Made private" in ln]
    assert len(lines) == 1, lines


async def test_the_cli_creates_a_private_database(tmp_path: Path) -> None:
    """`autobangumi user set-password` before the first start makes the database itself."""
    import asyncio
    import sys

    env = {**os.environ, "AB_CONFIG_DIR": str(tmp_path / "config"), "AB_DATA_DIR": str(tmp_path / "data")}
    env.pop("AB_DATABASE_URL", None)
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "autobangumi_app.cli", "user", "set-password",
        env=env, stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    _, err = await asyncio.wait_for(proc.communicate(b"long-password-1\n"), 60)
    assert proc.returncode == 0, err.decode()
    assert _mode(tmp_path / "data") == 0o700 and _mode(tmp_path / "config") == 0o700
    assert _mode(tmp_path / "data" / "data.db") == 0o600
