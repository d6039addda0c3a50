"""Owner-only modes for the folders and the files that hold secrets.

The database holds the password hash, token digests and session ids; config.json holds the
downloader's password. Each is 0600 and both folders 0700, also when an older install, a
migration or a restored backup left them readable by others: they are tightened at start.
The SQLite file is created 0600 before SQLite opens it, because SQLite gives its -wal and
-shm files the database file's own mode.
"""

from __future__ import annotations

import logging
import os
import stat
from pathlib import Path

from autobangumi.clientaddr import BRIDGE_KEY_FILE
from autobangumi_daemon.paths import AppPaths

__all__ = ["FILE_MODE", "FOLDER_MODE", "secure_install"]

log = logging.getLogger(__name__)

FOLDER_MODE = 0o700
FILE_MODE = 0o600


def sqlite_file(url: str) -> Path | None:
    """The file behind a SQLite URL, None for another database or an in-memory one."""
    if not url.startswith("sqlite"):
        return None
    path = url.split("///", 1)[-1].split("?", 1)[0]
    return Path(path) if path and path != ":memory:" else None


def _tighten(path: Path, mode: int) -> bool:
    """Take group and other permissions away; True when something changed."""
    try:
        current = stat.S_IMODE(path.lstat().st_mode)
    except FileNotFoundError:
        return False
    if path.is_symlink() or current & ~mode == 0:
        return False
    try:
        os.chmod(path, current & mode)
    except OSError as exc:
        log.warning("Could not make %s private (%s).", path, exc.strerror or exc)
        return False
    return True


def secure_install(paths: AppPaths, database_url: str) -> list[Path]:
    """Make the folders and secret files private (creating the SQLite file 0600 when it does
    not exist yet). Returns what had to be tightened."""
    changed: list[Path] = []
    for folder in (paths.config_dir, paths.data_dir):
        if _tighten(folder, FOLDER_MODE):
            changed.append(folder)
    secrets = [paths.config_file, paths.jwt_secret_file, paths.config_dir / BRIDGE_KEY_FILE]
    db = sqlite_file(database_url)
    if db is not None:
        if not db.exists():
            db.parent.mkdir(parents=True, exist_ok=True)
            os.close(os.open(db, os.O_WRONLY | os.O_CREAT, FILE_MODE))
        # The database, its -wal, -shm and -journal, and any copy kept beside it.
        secrets += sorted(db.parent.glob(db.name + "*"))
    for path in secrets:
        if path.is_file() and _tighten(path, FILE_MODE):
            changed.append(path)
    return changed
