"""The migrations build exactly the schema the models describe, in one line of history."""

from __future__ import annotations

from pathlib import Path

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
