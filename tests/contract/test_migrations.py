"""The migrations build exactly the schema the models describe, in one line of history."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection

from autobangumi_daemon.db.engine import create_engine, migrate
from autobangumi_daemon.db.models import Base

MIGRATIONS = Path(__file__).resolve().parents[2] / "daemon" / "autobangumi_daemon" / "db" / "migrations"


def test_single_head() -> None:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    assert len(ScriptDirectory.from_config(cfg).get_heads()) == 1


async def test_migrated_schema_matches_models(tmp_path: Path) -> None:
    engine = create_engine(f"sqlite+aiosqlite:///{tmp_path / 'x.db'}")
    await migrate(engine)
    await migrate(engine)  # a second run is a no-op

    def diff(conn: Connection) -> list[object]:
        return list(compare_metadata(MigrationContext.configure(conn), Base.metadata))

    async with engine.connect() as conn:
        assert await conn.run_sync(diff) == []
    await engine.dispose()


def test_fast_head_check_agrees_with_alembic() -> None:
    from autobangumi_daemon.db.engine import head_revision

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    assert head_revision() == ScriptDirectory.from_config(cfg).get_current_head()


def _alembic(connection: Connection, action: str, target: str) -> None:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["connection"] = connection
    getattr(command, action)(cfg, target)


def _revision_chain() -> list[str]:
    """The revisions from the first to the head."""
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return [s.revision for s in reversed(list(ScriptDirectory.from_config(cfg).walk_revisions()))]


async def test_every_migration_downgrades_and_upgrades_again(tmp_path: Path) -> None:
    """Each step down removes exactly what its step up added (the schema equals the one the
    upgrade to that revision builds), keeps the rows of the tables it keeps, and the way back
    up gives the models' schema again."""
    engine = create_engine(f"sqlite+aiosqlite:///{tmp_path / 'x.db'}")
    await migrate(engine)
    async with engine.begin() as conn:
        await conn.exec_driver_sql(
            "INSERT INTO rssitem (id, name, url, aggregate, parser, enabled) "
            "VALUES (3, 'kept', 'https://example.org/rss', 1, 'mikan', 1)"
        )

    def schema(conn: Connection) -> list[tuple[str, str]]:
        """Every table and index, a table with its columns (name, type, not null)."""
        rows = conn.exec_driver_sql(
            "SELECT name, type FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name"
        ).all()
        out: list[tuple[str, str]] = []
        for name, kind in rows:
            cols = ""
            if kind == "table":
                info = conn.exec_driver_sql(f'PRAGMA table_info("{name}")').all()
                cols = ",".join(sorted(f"{c[1]}:{c[2]}:{c[3]}" for c in info))
            out.append((f"{kind} {name}", cols))
        return out

    chain = _revision_chain()
    built: dict[str, list[tuple[str, str]]] = {}
    fresh = create_engine(f"sqlite+aiosqlite:///{tmp_path / 'steps.db'}")
    for rev in chain:
        async with fresh.begin() as conn:
            await conn.run_sync(_alembic, "upgrade", rev)
            built[rev] = await conn.run_sync(schema)
    await fresh.dispose()

    for rev in reversed(chain[:-1]):
        async with engine.begin() as conn:
            await conn.run_sync(_alembic, "downgrade", rev)
            assert await conn.run_sync(schema) == built[rev], rev
            assert (await conn.exec_driver_sql("SELECT name FROM rssitem")).scalars().all() == ["kept"]
    async with engine.begin() as conn:
        await conn.run_sync(_alembic, "downgrade", "base")
        assert [n for n, _cols in await conn.run_sync(schema)] == ["table alembic_version"]
        await conn.run_sync(_alembic, "upgrade", "head")

    def diff(conn: Connection) -> list[object]:
        return list(compare_metadata(MigrationContext.configure(conn), Base.metadata))

    async with engine.connect() as conn:
        assert await conn.run_sync(diff) == []
    await engine.dispose()
