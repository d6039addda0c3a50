"""Copies of the SQLite database in `data/backups/`: taken before each migration, on request
(`autobangumi db backup`), and put back after a migration that was cut short.

A snapshot is made with SQLite's online backup, so it is one self-contained file that holds
what the WAL held too. Before a migration starts, a marker names its snapshot; the marker is
removed once the migration has committed. A marker found at the next start means the process
died part-way (kill -9, power loss): SQLite applies schema changes one statement at a time, so
the file may hold half a migration, and the snapshot is put back before migrating again.
"""

from __future__ import annotations

import logging
import os
import shutil
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from autobangumi_daemon.files import write_atomic

__all__ = [
    "KEEP",
    "backups_dir",
    "finish_migration",
    "recover_interrupted",
    "restore",
    "snapshot",
    "start_migration",
]

log = logging.getLogger(__name__)

KEEP = 5  # pre-migration snapshots kept; older ones are removed as new ones are taken
_MARKER = ".migration-in-progress"
_PRE_MIGRATION = "pre-migration-"
_SIDE_FILES = ("-wal", "-shm")
_FRESH = "<new database>"


def backups_dir(database: Path) -> Path:
    return database.parent / "backups"


def _stamp() -> str:
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")


def snapshot(database: Path, name: str) -> Path:
    """A consistent single-file copy of `database` in backups/ (written under a temporary name
    and renamed, so a half-written snapshot never looks like one)."""
    folder = backups_dir(database)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / name
    partial = folder / f".{name}.partial"
    partial.unlink(missing_ok=True)
    src = sqlite3.connect(f"{database.resolve().as_uri()}?mode=ro", uri=True)
    try:
        dst = sqlite3.connect(partial)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()
    with partial.open("rb") as fh:
        os.fsync(fh.fileno())
    os.replace(partial, target)
    return target


def _prune(folder: Path) -> None:
    taken = sorted(folder.glob(f"{_PRE_MIGRATION}*.db"))
    for old in taken[:-KEEP]:
        old.unlink(missing_ok=True)


def start_migration(database: Path, revision: str | None) -> Path | None:
    """Snapshot the database before migrating it from `revision`, and leave the marker. A new
    database (no revision yet) has nothing to keep: its marker only says to start it afresh."""
    if revision is None:
        write_atomic(backups_dir(database) / _MARKER, _FRESH.encode() + b"\n")
        return None
    taken = snapshot(database, f"{_PRE_MIGRATION}{_stamp()}-{revision}.db")
    write_atomic(backups_dir(database) / _MARKER, taken.name.encode() + b"\n")
    _prune(backups_dir(database))
    log.info("Database snapshot before migrating: %s", taken)
    return taken


def finish_migration(database: Path) -> None:
    (backups_dir(database) / _MARKER).unlink(missing_ok=True)


def _set_aside(database: Path, folder_name: str) -> Path | None:
    """Move the database file with its -wal and -shm into backups/<folder_name>/."""
    if not database.exists():
        return None
    kept = backups_dir(database) / folder_name
    kept.mkdir(parents=True, exist_ok=True)
    for suffix in ("", *_SIDE_FILES):
        part = database.with_name(database.name + suffix)
        if part.exists():
            os.replace(part, kept / part.name)
    return kept


def restore(database: Path, backup: Path, keep_current_as: str) -> Path | None:
    """Put `backup` in place of `database`; the current file (with its -wal and -shm) is kept
    in backups/<keep_current_as>/, never deleted. Returns where it was kept."""
    kept = _set_aside(database, keep_current_as)
    partial = database.with_name(f".{database.name}.restoring")
    shutil.copyfile(backup, partial)
    os.replace(partial, database)
    return kept


def recover_interrupted(database: Path) -> Path | None:
    """After a migration cut short, put its snapshot back; returns the snapshot used."""
    marker = backups_dir(database) / _MARKER
    if not marker.exists():
        return None
    name = marker.read_text(encoding="utf-8").strip()
    if name == _FRESH:
        # The first migration of a new database was cut short: it is set aside and made anew.
        kept = _set_aside(database, f"interrupted-{_stamp()}")
        marker.unlink(missing_ok=True)
        log.warning("Creating the new database was interrupted; starting it afresh (kept in %s).", kept)
        return None
    taken = backups_dir(database) / name
    if not name or not taken.is_file():
        # The snapshot itself was never completed, so the migration never began.
        marker.unlink(missing_ok=True)
        return None
    kept = restore(database, taken, f"interrupted-{_stamp()}")
    marker.unlink(missing_ok=True)
    log.warning(
        "A database migration was interrupted; restored the snapshot %s "
        "(the interrupted file is kept in %s).",
        taken,
        kept,
    )
    return taken
