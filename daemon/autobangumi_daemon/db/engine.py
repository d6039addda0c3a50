"""The async engine (SQLite in WAL mode by default) and Alembic migrations at start."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, event, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker, create_async_engine

from autobangumi_daemon.db import snapshots
from autobangumi_daemon.db.writes import watch_writes

__all__ = ["create_engine", "head_revision", "known_revisions", "migrate", "session_factory", "sqlite_file"]

_MIGRATIONS = Path(__file__).with_name("migrations")


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    # WAL lets readers run during a write; NORMAL sync is safe with WAL and much faster.
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=5000")
    cur.close()


def create_engine(url: str) -> AsyncEngine:
    if url.startswith("sqlite"):
        path = url.split("///", 1)[-1]
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
    engine = create_async_engine(url, pool_pre_ping=not url.startswith("sqlite"))
    if engine.dialect.name == "sqlite":
        event.listen(engine.sync_engine, "connect", _sqlite_pragmas)
    watch_writes(engine)  # so cached answers know when their tables change
    return engine


def session_factory(engine: AsyncEngine) -> async_sessionmaker[Any]:
    return async_sessionmaker(engine, expire_on_commit=False)


_REVISION = re.compile(r"^revision\s*=\s*[\"']([^\"']+)[\"']", re.M)
_DOWN = re.compile(r"^down_revision\s*=\s*[\"']([^\"']+)[\"']", re.M)


def known_revisions() -> tuple[set[str], set[str]]:
    """Every migration's revision and down-revision, read from the files (without Alembic)."""
    revisions: set[str] = set()
    downs: set[str] = set()
    for path in (_MIGRATIONS / "versions").glob("*.py"):
        source = path.read_text(encoding="utf-8")
        if m := _REVISION.search(source):
            revisions.add(m.group(1))
        if m := _DOWN.search(source):
            downs.add(m.group(1))
    return revisions, downs


def head_revision() -> str | None:
    """The newest migration, read from the files' revision lines (without importing Alembic)."""
    revisions, downs = known_revisions()
    heads = revisions - downs
    return heads.pop() if len(heads) == 1 else None


def sqlite_file(engine: AsyncEngine) -> Path | None:
    """The database file of a SQLite engine (None for other databases and for :memory:)."""
    if engine.dialect.name != "sqlite":
        return None
    name = engine.url.database
    return Path(name) if name and name != ":memory:" else None


def _upgrade(connection: Connection) -> None:
    from alembic import command
    from alembic.config import Config as AlembicConfig

    cfg = AlembicConfig()
    cfg.set_main_option("script_location", str(_MIGRATIONS))
    cfg.attributes["connection"] = connection
    command.upgrade(cfg, "head")


async def migrate(engine: AsyncEngine) -> None:
    """Bring the schema to the newest revision. A current database costs one query: Alembic
    (about 11 MB and 80 ms of imports) is loaded only when there is something to apply.

    A SQLite file is snapshotted to data/backups/ before any migration and put back at the
    next start if the migration was cut short; a database written by a newer version of this
    product, or AutoBangumi's own, is refused untouched (StartupError)."""
    database = sqlite_file(engine)
    if database is not None and database.exists():
        # Checked before the first connection: opening AutoBangumi 3.3's file read-write would
        # already merge and delete its WAL.
        _refuse_autobangumi(database)
        snapshots.recover_interrupted(database)
    async with engine.begin() as conn:
        try:
            current = (await conn.execute(text("SELECT version_num FROM alembic_version"))).scalars().all()
        except DBAPIError:
            current = []
    if current and current == [head_revision()]:
        return
    _refuse_newer(list(current))
    if database is not None:
        snapshots.start_migration(database, current[0] if current else None)
    async with engine.begin() as conn:
        await conn.run_sync(_upgrade)
    if database is not None:
        snapshots.finish_migration(database)


def _refuse_newer(current: list[str]) -> None:
    from autobangumi_daemon.startup import StartupError

    known, _downs = known_revisions()
    unknown = [rev for rev in current if rev not in known]
    if unknown:
        raise StartupError(
            f"The database was written by a newer version of this product (schema {unknown[0]}); "
            "it is left unchanged. Run that version, or restore a backup: autobangumi db restore",
            f"数据库由本产品的更新版本写入（架构 {unknown[0]}），未作任何改动。"
            "请运行该版本，或恢复备份：autobangumi db restore",
        )


def _refuse_autobangumi(database: Path) -> None:
    from autobangumi_daemon.importer.source import is_autobangumi_database
    from autobangumi_daemon.startup import StartupError

    if is_autobangumi_database(database):
        raise StartupError(
            f"{database} is AutoBangumi's database; it is left unchanged. "
            "Bring it over with: autobangumi import PATH (or start with AB_IMPORT=1)",
            f"{database} 是 AutoBangumi 的数据库，未作任何改动。"
            "请用 autobangumi import 路径 导入（或以 AB_IMPORT=1 启动）",
        )
