"""Reading an AutoBangumi install without changing a byte of it.

AutoBangumi 3.3 runs SQLite in WAL mode and leaves its rows in `data.db-wal` even after a clean
shutdown. Opening that database read-write would merge the WAL into `data.db` and delete it;
`?mode=ro` still writes the WAL index (`-shm`); `?immutable=1` reads `data.db` alone and so
sees no tables at all. The only way that is both complete and harmless is to copy the three
files into a private temporary folder and open the copy, where SQLite may do as it likes.
"""

from __future__ import annotations

import contextlib
import shutil
import sqlite3
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from autobangumi_daemon.errors import DaemonError, invalid

__all__ = [
    "AutoBangumiInstall",
    "is_autobangumi_database",
    "locate_install",
    "open_snapshot",
]

# Tables every AutoBangumi 3.x database has, and the one only it has.
_AB_TABLES = {"bangumi", "rssitem", "torrent", "user"}
_AB_MARKER = "schema_version"
_SIDE_FILES = ("-wal", "-shm")


@dataclass(frozen=True, slots=True)
class AutoBangumiInstall:
    config_dir: Path
    data_dir: Path

    @property
    def database(self) -> Path:
        return self.data_dir / "data.db"

    @property
    def config_file(self) -> Path:
        return self.config_dir / "config.json"

    @property
    def posters_dir(self) -> Path:
        return self.data_dir / "posters"

    def version(self) -> str | None:
        """The AutoBangumi version that last ran (last line of config/version.info)."""
        try:
            lines = (self.config_dir / "version.info").read_text(encoding="utf-8").split()
        except (OSError, UnicodeDecodeError):
            return None
        return lines[-1] if lines else None


def locate_install(path: Path | None, config_dir: Path | None, data_dir: Path | None) -> AutoBangumiInstall:
    """The install at `path` (holding config/ and data/), or its two folders given apart."""
    if path is None and (config_dir is None or data_dir is None):
        raise invalid(
            "Give the AutoBangumi folder (holding config/ and data/), or both --config and --data.",
            "请给出 AutoBangumi 目录（含 config/ 与 data/），或同时给出 --config 与 --data。",
        )
    config = config_dir or (path / "config" if path else None)
    data = data_dir or (path / "data" if path else None)
    assert config is not None and data is not None
    for folder, name in ((config, "config"), (data, "data")):
        if not folder.is_dir():
            raise invalid(
                f"The AutoBangumi {name} folder {folder} does not exist.",
                f"AutoBangumi 的 {name} 目录 {folder} 不存在。",
            )
    install = AutoBangumiInstall(config.resolve(), data.resolve())
    if not install.database.is_file():
        raise invalid(
            f"{install.database} does not exist: this is not an AutoBangumi data folder.",
            f"{install.database} 不存在：这不是 AutoBangumi 的数据目录。",
        )
    return install


def _copy_database(database: Path, into: Path) -> Path:
    """Copy data.db with its -wal and -shm (when present) into `into`; returns the copy."""
    target = into / database.name
    shutil.copyfile(database, target)
    for suffix in _SIDE_FILES:
        side = database.with_name(database.name + suffix)
        if side.is_file():
            shutil.copyfile(side, into / (database.name + suffix))
    return target


@contextlib.contextmanager
def open_snapshot(database: Path) -> Iterator[sqlite3.Connection]:
    """A connection to a private copy of `database` with its WAL merged into it."""
    with tempfile.TemporaryDirectory(prefix="ab-import-") as tmp:
        try:
            copy = _copy_database(database, Path(tmp))
        except OSError as exc:
            reason = exc.strerror or type(exc).__name__
            raise invalid(
                f"{database} cannot be read ({reason}).", f"无法读取 {database}（{reason}）。"
            ) from None
        conn = sqlite3.connect(copy)
        try:
            conn.row_factory = sqlite3.Row
            try:
                conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            except sqlite3.DatabaseError as exc:
                raise invalid(
                    f"{database} is not a readable SQLite database ({exc}).",
                    f"{database} 不是可读取的 SQLite 数据库（{exc}）。",
                ) from None
            yield conn
        finally:
            conn.close()


def _tables(conn: sqlite3.Connection) -> set[str]:
    return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


def _looks_like_autobangumi(tables: set[str]) -> bool:
    return "alembic_version" not in tables and _AB_MARKER in tables and tables >= _AB_TABLES


def is_autobangumi_database(database: Path) -> bool:
    """True when `database` is AutoBangumi's own (its tables, no Alembic version), read without
    writing anything: the main file is read as immutable; only when it holds no tables (3.3's
    rows still in the WAL) is a private copy with the WAL inspected."""
    if not database.is_file() or database.stat().st_size == 0:
        return False
    try:
        conn = sqlite3.connect(f"{database.resolve().as_uri()}?immutable=1", uri=True)
        try:
            tables = _tables(conn)
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        return False
    if tables:
        return _looks_like_autobangumi(tables)
    wal = database.with_name(database.name + "-wal")
    if not wal.is_file() or wal.stat().st_size == 0:
        return False
    try:
        with open_snapshot(database) as snap:
            return _looks_like_autobangumi(_tables(snap))
    except DaemonError:
        return False
