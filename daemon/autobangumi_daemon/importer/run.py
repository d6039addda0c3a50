"""`autobangumi import`: an AutoBangumi 3.2/3.3 install brought into this product's folders."""

from __future__ import annotations

import logging
import os
import shutil
from datetime import UTC, datetime
from pathlib import Path

import orjson

from autobangumi_daemon.config.defaults import DEFAULTS
from autobangumi_daemon.db.engine import session_factory
from autobangumi_daemon.errors import invalid
from autobangumi_daemon.files import write_atomic
from autobangumi_daemon.importer.database import check_target_empty, write_rows
from autobangumi_daemon.importer.records import UNCARRIED_TABLES, read_rows
from autobangumi_daemon.importer.report import ImportReport
from autobangumi_daemon.importer.settings import prepare_files
from autobangumi_daemon.importer.source import AutoBangumiInstall, open_snapshot
from autobangumi_daemon.paths import AppPaths

__all__ = ["MARKER_NAME", "import_in_place", "import_install"]

log = logging.getLogger(__name__)

MARKER_NAME = ".autobangumi_import"  # in config/: which install this product's data came from
_SIDE_FILES = ("", "-wal", "-shm")
_CONFIG_FILES = ("config.json", "search_provider.json", "version.info", ".setup_complete", ".jwt_secret")


async def import_install(
    install: AutoBangumiInstall, paths: AppPaths, posters_dir: Path | None = None
) -> ImportReport:
    """Read `install` (never writing to it) and bring everything it holds into `paths`
    (`posters_dir`: where its posters are, when not in its data folder)."""
    from autobangumi_daemon.startup import StartupError, open_database

    report = ImportReport(source_version=install.version())
    with open_snapshot(install.database) as conn:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if "alembic_version" in tables or not {"bangumi", "rssitem", "torrent", "user"} <= tables:
            raise invalid(
                f"{install.database} is not an AutoBangumi 3.x database.",
                f"{install.database} 不是 AutoBangumi 3.x 的数据库。",
            )
        rows = read_rows(conn)
    report.schema_version = rows.schema_version
    files = prepare_files(install.config_dir, posters_dir or install.posters_dir, report)
    marker = paths.config_dir / MARKER_NAME
    fallback_time = datetime.fromtimestamp(install.database.stat().st_mtime, UTC)
    try:
        engine = await open_database(paths.database_url())
    except StartupError as err:
        raise invalid(err.msg_en, err.msg_zh) from None
    try:
        db = session_factory(engine)
        await check_target_empty(db, marker.exists())
        config = files.config or DEFAULTS
        await write_rows(db, rows, report, fallback_time, str(config["downloader"]["path"]))
    finally:
        await engine.dispose()
    for table, count in sorted(rows.uncarried.items()):
        en, zh = UNCARRIED_TABLES[table]
        report.note(
            f"{count} {en}: no equivalent here.",
            f"{count} 条{zh}：此处没有对应功能。",
        )
    files.apply(paths.config_file, paths.search_provider_file, paths.posters_dir, report)
    body = orjson.dumps(
        {
            "autobangumi_version": report.source_version,
            "schema_version": report.schema_version,
            "config_dir": str(install.config_dir),
            "data_dir": str(install.data_dir),
        },
        option=orjson.OPT_INDENT_2,
    )
    if not marker.exists() or marker.read_bytes() != body:
        write_atomic(marker, body)
    if report.account_usable and (install.config_dir / ".setup_complete").exists():
        paths.setup_sentinel.touch()
    return report


def _move(src: Path, dst: Path) -> None:
    dst.parent.mkdir(parents=True, exist_ok=True)
    os.replace(src, dst)


async def import_in_place(paths: AppPaths) -> ImportReport:
    """The Docker case: the product started on AutoBangumi's own folders. AutoBangumi's
    database is moved, unchanged, to data/backups/autobangumi-<version>-<time>/ (with copies of
    its config files) and imported from there; if the import fails it is moved back."""
    source_version = AutoBangumiInstall(paths.config_dir, paths.data_dir).version() or "unknown"
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    stash = paths.data_dir / "backups" / f"autobangumi-{source_version}-{stamp}"
    (stash / "config").mkdir(parents=True, exist_ok=False)
    for name in _CONFIG_FILES:
        src = paths.config_dir / name
        if src.is_file():
            (stash / "config" / name).write_bytes(src.read_bytes())
    moved: list[tuple[Path, Path]] = []
    for suffix in _SIDE_FILES:
        src = paths.data_dir / f"data.db{suffix}"
        if src.exists():
            dst = stash / "data" / src.name
            _move(src, dst)
            moved.append((src, dst))
    install = AutoBangumiInstall(stash / "config", stash / "data")
    try:
        report = await import_install(install, paths, posters_dir=paths.posters_dir)
    except BaseException:
        for suffix in _SIDE_FILES:
            created = paths.data_dir / f"data.db{suffix}"
            created.unlink(missing_ok=True)
        for src, dst in moved:
            _move(dst, src)
        shutil.rmtree(stash, ignore_errors=True)  # only this import's copies are left in it
        raise
    report.note(
        f"AutoBangumi's own database and config files are kept unchanged in {stash}.",
        f"AutoBangumi 原有的数据库与配置文件已原样保存在 {stash}。",
    )
    return report
