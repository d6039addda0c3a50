"""Seed a daemon's folders for the Home Assistant tests, through the daemon's own models.

Run by the project's Python (3.11, where autobangumi_daemon lives), never by Home Assistant's:

    .venv/bin/python tests/ha/seed_daemon.py CONFIG_DIR DATA_DIR < spec.json

spec: {"rules": [{column: value}], "feeds": [...], "delete_rules": [id], "posters": {"x.png": base64}}
Going through the models (after the daemon's own migrations) keeps the seed valid as the
schema grows: columns not named get their model defaults.
"""

from __future__ import annotations

import asyncio
import base64
import json
import sys
from pathlib import Path
from typing import Any

from autobangumi_daemon.db.engine import create_engine, migrate, session_factory
from autobangumi_daemon.db.models import Bangumi, RssItem
from autobangumi_daemon.paths import AppPaths


async def seed(paths: AppPaths, spec: dict[str, Any]) -> None:
    paths.ensure()
    engine = create_engine(paths.database_url())
    try:
        await migrate(engine)
        async with session_factory(engine)() as s:
            for rule in spec.get("rules", []):
                await s.merge(Bangumi(**rule))
            for feed in spec.get("feeds", []):
                await s.merge(RssItem(**feed))
            for rule_id in spec.get("delete_rules", []):
                row = await s.get(Bangumi, rule_id)
                if row is not None:
                    await s.delete(row)
            await s.commit()
    finally:
        await engine.dispose()
    for name, data in spec.get("posters", {}).items():
        (paths.posters_dir / name).write_bytes(base64.b64decode(data))


def main() -> int:
    config_dir, data_dir = sys.argv[1:3]
    asyncio.run(seed(AppPaths(Path(config_dir), Path(data_dir)), json.load(sys.stdin)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
