"""`autobangumi db backup|restore`: a copy of the SQLite database on request, and putting one back."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from autobangumi_daemon.db import snapshots
from autobangumi_daemon.db.engine import known_revisions
from autobangumi_daemon.errors import invalid, not_found
from autobangumi_daemon.paths import AppPaths

__all__ = ["backup_database", "restore_database"]


def _database(paths: AppPaths) -> Path:
    url = paths.database_url()
    if not url.startswith("sqlite") or url.split("///", 1)[-1] in ("", ":memory:"):
        raise invalid(
            "Backups are made of a SQLite file; for another database use its own backup tools.",
            "备份仅适用于 SQLite 文件；其他数据库请使用其自带的备份工具。",
        )
    return Path(url.split("///", 1)[-1])


def backup_database(paths: AppPaths) -> Path:
    database = _database(paths)
    if not database.is_file():
        raise not_found(f"There is no database at {database}.", f"{database} 处没有数据库。")
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    return snapshots.snapshot(database, f"backup-{stamp}.db")


def _revision(path: Path) -> str | None:
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        return None
    return str(row[0]) if row else None


def restore_database(paths: AppPaths, backup: Path | None) -> tuple[Path, Path | None]:
    """Put `backup` (default: the newest in data/backups/) in place of the database; the
    current file is kept in backups/. Returns (the backup used, where the current one went)."""
    database = _database(paths)
    if backup is None:
        found = sorted(snapshots.backups_dir(database).glob("*.db"), key=lambda p: p.stat().st_mtime)
        if not found:
            raise not_found(
                f"There is no backup in {snapshots.backups_dir(database)}.",
                f"{snapshots.backups_dir(database)} 中没有备份。",
            )
        backup = found[-1]
    if not backup.is_file():
        raise not_found(f"There is no backup file {backup}.", f"备份文件 {backup} 不存在。")
    revision = _revision(backup)
    if revision is None:
        raise invalid(f"{backup} is not a database of this product.", f"{backup} 不是本产品的数据库。")
    # An older one is fine (the next start migrates it); a newer one would be refused.
    if revision not in known_revisions()[0]:
        raise invalid(
            f"{backup} was written by a newer version of this product (schema {revision}).",
            f"{backup} 由本产品的更新版本写入（架构 {revision}）。",
        )
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    kept = snapshots.restore(database, backup, f"before-restore-{stamp}")
    return backup, kept
