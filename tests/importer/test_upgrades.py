"""Our own upgrades: a snapshot before each migration, a migration cut short by kill -9 put
right at the next start, and `autobangumi db backup|restore`."""

from __future__ import annotations

import asyncio
import signal
import sqlite3
import sys
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Connection

from autobangumi_daemon.db import snapshots
from autobangumi_daemon.db.engine import _MIGRATIONS, create_engine, head_revision, migrate
from tests.cli.procs import CLI, assert_refused, install_env, run


def _alembic(connection: Connection, target: str) -> None:
    cfg = Config()
    cfg.set_main_option("script_location", str(_MIGRATIONS))
    cfg.attributes["connection"] = connection
    command.upgrade(cfg, target)


async def _database_at(path: Path, revision: str) -> None:
    """A database at an older revision of this product, holding one feed."""
    engine = create_engine(f"sqlite+aiosqlite:///{path}")
    async with engine.begin() as conn:
        await conn.run_sync(_alembic, revision)
    await engine.dispose()
    with sqlite3.connect(path) as conn:
        conn.execute(
            "INSERT INTO rssitem (id, name, url, aggregate, parser, enabled) "
            "VALUES (7, 'old feed', 'https://example.org/rss', 1, 'mikan', 1)"
        )
    conn.close()


def _revision(path: Path) -> str:
    conn = sqlite3.connect(path)
    try:
        return str(conn.execute("SELECT version_num FROM alembic_version").fetchone()[0])
    finally:
        conn.close()


def _feeds(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return [r[0] for r in conn.execute("SELECT name FROM rssitem ORDER BY id")]
    finally:
        conn.close()


async def test_a_migration_is_preceded_by_a_snapshot(tmp_path: Path) -> None:
    database = tmp_path / "data" / "data.db"
    database.parent.mkdir()
    await _database_at(database, "0003")
    engine = create_engine(f"sqlite+aiosqlite:///{database}")
    await migrate(engine)
    await engine.dispose()
    assert _revision(database) == head_revision()
    (taken,) = (tmp_path / "data" / "backups").glob("pre-migration-*-0003.db")
    assert _revision(taken) == "0003" and _feeds(taken) == ["old feed"]
    assert not (tmp_path / "data" / "backups" / ".migration-in-progress").exists()


def test_only_a_few_snapshots_are_kept(tmp_path: Path) -> None:
    database = tmp_path / "data.db"
    sqlite3.connect(database).close()
    for i in range(snapshots.KEEP + 3):
        snapshots.start_migration(database, f"r{i:02d}")
        snapshots.finish_migration(database)
    kept = sorted(p.name for p in snapshots.backups_dir(database).glob("pre-migration-*.db"))
    assert len(kept) == snapshots.KEEP
    assert kept[-1].endswith(f"r{snapshots.KEEP + 2:02d}.db")


_KILLED_MID_MIGRATION = """
import asyncio, os, signal, sys
from alembic import command
from alembic.config import Config
import autobangumi_daemon.db.engine as engine_module

def upgrade_then_die(connection):
    cfg = Config()
    cfg.set_main_option("script_location", str(engine_module._MIGRATIONS))
    cfg.attributes["connection"] = connection
    command.upgrade(cfg, "0004")
    # The first statement of the next step lands (SQLite applies schema changes one statement
    # at a time), then the process is killed before that step is recorded.
    connection.exec_driver_sql("ALTER TABLE torrent ADD COLUMN reason VARCHAR(32)")
    connection.commit()
    os.kill(os.getpid(), signal.SIGKILL)

engine_module._upgrade = upgrade_then_die
engine = engine_module.create_engine("sqlite+aiosqlite:///" + sys.argv[1])
asyncio.run(engine_module.migrate(engine))
"""


async def test_a_migration_killed_half_way_is_restored_from_its_snapshot(tmp_path: Path) -> None:
    database = tmp_path / "data" / "data.db"
    database.parent.mkdir()
    await _database_at(database, "0003")
    proc = await asyncio.create_subprocess_exec(sys.executable, "-c", _KILLED_MID_MIGRATION, str(database))
    assert await asyncio.wait_for(proc.wait(), 60) == -signal.SIGKILL
    assert (tmp_path / "data" / "backups" / ".migration-in-progress").exists()
    # The file now holds half a step: 0005's first column, recorded as 0004.
    assert _revision(database) == "0004"
    conn = sqlite3.connect(database)
    assert "reason" in {r[1] for r in conn.execute("PRAGMA table_info(torrent)")}
    conn.close()

    engine = create_engine(f"sqlite+aiosqlite:///{database}")
    await migrate(engine)
    await engine.dispose()
    assert _revision(database) == head_revision()
    assert _feeds(database) == ["old feed"]
    (kept,) = (tmp_path / "data" / "backups").glob("interrupted-*")
    assert (kept / "data.db").exists()  # the interrupted file is kept, not deleted
    assert not (tmp_path / "data" / "backups" / ".migration-in-progress").exists()


async def test_db_backup_and_restore(tmp_path: Path) -> None:
    env = install_env(tmp_path)
    database = tmp_path / "data" / "data.db"
    database.parent.mkdir(parents=True)
    await _database_at(database, head_revision() or "head")
    result = await run([*CLI, "db", "backup"], env)
    assert result.code == 0, result.err
    (backup,) = (tmp_path / "data" / "backups").glob("backup-*.db")
    assert str(backup) in result.out and "备份" in result.out
    with sqlite3.connect(database) as conn:
        conn.execute("UPDATE rssitem SET name = 'changed after the backup'")
    conn.close()
    result = await run([*CLI, "db", "restore"], env)
    assert result.code == 0, result.err
    assert _feeds(database) == ["old feed"]
    (replaced,) = (tmp_path / "data" / "backups").glob("before-restore-*")
    assert _feeds(replaced / "data.db") == ["changed after the backup"]

    junk = tmp_path / "junk.db"
    junk.write_bytes(b"not a database at all")
    before = database.read_bytes()
    assert_refused(await run([*CLI, "db", "restore", str(junk)], env), "not a database")
    assert database.read_bytes() == before
    assert backup.is_file()
