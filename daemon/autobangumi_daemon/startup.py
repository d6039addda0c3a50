"""Start-up checks: every setting a start depends on, refused with one bilingual line.

The command line prints the error as one line (English / Chinese) and exits with status 2; nothing here raises
anything else for a bad setting, so a typo in a variable never ends in a traceback. Each check
runs before the start changes anything it would have to undo.
"""

from __future__ import annotations

import asyncio
import os
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from autobangumi_daemon.auth.manager import validate_credentials
from autobangumi_daemon.config import ConfigStore
from autobangumi_daemon.config.defaults import env_overrides
from autobangumi_daemon.errors import DaemonError
from autobangumi_daemon.netguard import IpNetwork, allowed_networks
from autobangumi_daemon.paths import AppPaths

if TYPE_CHECKING:
    from sqlalchemy.ext.asyncio import AsyncEngine

__all__ = [
    "StartupError",
    "check_database_url",
    "env_web_dir",
    "fetch_allowlist",
    "headless_account",
    "load_config",
    "open_database",
    "parse_address",
    "parse_port",
    "prepare_dirs",
]


def _connect_seconds() -> float:
    # AB_DATABASE_TIMEOUT: how long a start waits for the database server to answer.
    try:
        value = float(os.environ.get("AB_DATABASE_TIMEOUT", "") or 30.0)
    except ValueError:
        return 30.0
    return value if value > 0 else 30.0


class StartupError(Exception):
    """A setting that stops the start; both languages, like every other error of the product."""

    def __init__(self, msg_en: str, msg_zh: str) -> None:
        super().__init__(msg_en)
        self.msg_en = msg_en
        self.msg_zh = msg_zh


def _one_line(text: object, limit: int = 200) -> str:
    first = str(text).strip().splitlines()
    return (first[0] if first else "")[:limit]


def parse_port(raw: str, name: str, *, allow_zero: bool = True) -> int:
    """A TCP port from a flag or variable; 0 (any free port) only where a caller can learn it."""
    low = 0 if allow_zero else 1
    try:
        port = int(raw.strip())
    except ValueError:
        port = -1
    if not low <= port <= 65535:
        raise StartupError(
            f"{name} must be a port number from {low} to 65535, not {raw!r}.",
            f"{name} 须为 {low} 到 65535 之间的端口号，而不是 {raw!r}。",
        )
    return port


def parse_address(raw: str, name: str, *, listen: bool = False) -> str:
    """`host:port` (IPv6 in brackets) for a gRPC address; the port is checked, the host is not
    (port 0, any free port, only for an address to listen on)."""
    host, sep, port = raw.strip().rpartition(":")
    if not sep or not host:
        raise StartupError(
            f"{name} must be host:port (for example 127.0.0.1:7893), not {raw!r}.",
            f"{name} 须为 主机:端口（例如 127.0.0.1:7893），而不是 {raw!r}。",
        )
    parse_port(port, name, allow_zero=listen)
    return raw.strip()


def headless_account(env: Mapping[str, str]) -> tuple[str, str] | None:
    """AB_USERNAME / AB_PASSWORD, checked whenever set: (username, password) when a password is
    given, else None."""
    username = env.get("AB_USERNAME", "").strip()
    password = env.get("AB_PASSWORD", "")
    try:
        validate_credentials(username or None, password or None)
    except DaemonError as err:
        name = "AB_USERNAME" if username and not _valid_username(username) else "AB_PASSWORD"
        raise StartupError(f"{name}: {err.msg_en}", f"{name}：{err.msg_zh}") from None
    if not password:
        return None
    return username or "admin", password


def _valid_username(username: str) -> bool:
    try:
        validate_credentials(username, None)
    except DaemonError:
        return False
    return True


def _usable_dir(path: Path, name: str, mode: int = 0o777) -> None:
    try:
        path.mkdir(mode=mode, parents=True, exist_ok=True)
        # A real write, not os.access: a read-only mount or a full disk shows up only this way.
        with tempfile.TemporaryFile(dir=path):
            pass
    except FileExistsError:
        raise StartupError(
            f"The {name} folder {path} is a file, not a folder.",
            f"{name} 目录 {path} 是一个文件而不是目录。",
        ) from None
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise StartupError(
            f"The {name} folder {path} cannot be used ({reason}).",
            f"{name} 目录 {path} 无法使用（{reason}）。",
        ) from None


def prepare_dirs(paths: AppPaths) -> None:
    """Create the config and data folders (owner only: they hold secrets), and prove each
    can be written."""
    _usable_dir(paths.config_dir, "config", 0o700)
    _usable_dir(paths.data_dir, "data", 0o700)
    _usable_dir(paths.posters_dir, "posters")


def load_config(paths: AppPaths) -> ConfigStore:
    """config.json, read (or created from the defaults and AB_* variables) and validated."""
    store = ConfigStore(paths.config_file)
    if not paths.config_file.exists():
        try:
            env_overrides(os.environ)  # AB_* variables, named as such when one is malformed
        except DaemonError as err:
            raise StartupError(err.msg_en, err.msg_zh) from None
    try:
        store.load()
    except DaemonError as err:
        raise StartupError(
            f"{paths.config_file}: {err.msg_en}", f"{paths.config_file}：{err.msg_zh}"
        ) from None
    except ValueError as exc:  # not JSON, or JSON that is not an object
        reason = _one_line(exc)
        raise StartupError(
            f"{paths.config_file} is not a valid JSON object ({reason}).",
            f"{paths.config_file} 不是有效的 JSON 对象（{reason}）。",
        ) from None
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise StartupError(
            f"{paths.config_file} cannot be read or written ({reason}).",
            f"无法读写 {paths.config_file}（{reason}）。",
        ) from None
    return store


def check_database_url(url: str) -> None:
    """AB_DATABASE_URL must name an async SQLAlchemy dialect whose driver is installed."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError, NoSuchModuleError

    shown = url.split("@")[-1] if "@" in url else url  # never print a password
    try:
        dialect = make_url(url).get_dialect()
    except (ArgumentError, NoSuchModuleError, ValueError, ImportError) as exc:
        raise StartupError(
            f"AB_DATABASE_URL {shown!r} is not a usable database URL ({_one_line(exc, 120)}).",
            f"AB_DATABASE_URL {shown!r} 不是可用的数据库地址（{_one_line(exc, 120)}）。",
        ) from None
    if not getattr(dialect, "is_async", False):
        raise StartupError(
            f"AB_DATABASE_URL {shown!r} needs an async driver (sqlite+aiosqlite://, postgresql+asyncpg://).",
            f"AB_DATABASE_URL {shown!r} 须使用异步驱动（sqlite+aiosqlite://、postgresql+asyncpg://）。",
        )
    database = make_url(url).database or ""
    if dialect.name == "sqlite" and database not in ("", ":memory:") and Path(database).is_dir():
        # Checked here: a failed open inside the driver's thread cannot end the start cleanly.
        raise StartupError(
            f"AB_DATABASE_URL {shown!r} names a folder, not a database file.",
            f"AB_DATABASE_URL {shown!r} 指向的是文件夹，而不是数据库文件。",
        )
    try:
        # The dialect names its driver module; SQLAlchemy imports it only at the first
        # connection, which would be a traceback in the middle of the start.
        dialect.import_dbapi()
    except ImportError as exc:
        module = getattr(exc, "name", None) or _one_line(exc, 60)
        raise StartupError(
            f"AB_DATABASE_URL {shown!r}: its driver {module!r} is not installed (pip install {module}).",
            f"AB_DATABASE_URL {shown!r}：未安装其驱动 {module!r}（pip install {module}）。",
        ) from None


async def open_database(url: str) -> AsyncEngine:
    """The engine with the schema brought up to date; a database that cannot be reached or
    migrated is a StartupError."""
    from autobangumi_daemon.db.engine import create_engine, migrate

    shown = url.split("@")[-1] if "@" in url else url  # never print a password
    seconds = _connect_seconds()
    try:
        engine = create_engine(url)
    except Exception as exc:  # a URL the dialect refuses (a bad port, an unknown option)
        reason = _one_line(exc, 160)
        raise StartupError(
            f"AB_DATABASE_URL {shown!r} cannot be used ({reason}).",
            f"AB_DATABASE_URL {shown!r} 无法使用（{reason}）。",
        ) from None
    try:
        # A server that never answers must not hold the start forever.
        await asyncio.wait_for(migrate(engine), seconds)
    except TimeoutError:
        await engine.dispose()
        raise StartupError(
            f"The database at {shown!r} did not answer within {seconds:g} s (AB_DATABASE_TIMEOUT).",
            f"数据库 {shown!r} 在 {seconds:g} 秒内没有响应（AB_DATABASE_TIMEOUT）。",
        ) from None
    except Exception as exc:
        # Drivers raise their own types (asyncpg's InvalidPasswordError is neither an OSError nor
        # always wrapped by SQLAlchemy): whatever stops the connection is one line, not a trace.
        await engine.dispose()
        reason = _one_line(getattr(exc, "orig", None) or exc).replace(url, shown)
        raise StartupError(
            f"The database cannot be opened ({type(exc).__name__}: {reason}).",
            f"无法打开数据库（{type(exc).__name__}：{reason}）。",
        ) from None
    return engine


def fetch_allowlist(env: Mapping[str, str] = os.environ) -> tuple[IpNetwork, ...]:
    """AB_FETCH_ALLOW_NETWORKS: the LAN networks feeds and mirrors may be fetched from."""
    try:
        return allowed_networks(env)
    except DaemonError as err:
        raise StartupError(err.msg_en, err.msg_zh) from None


def env_web_dir(env: Mapping[str, str] = os.environ) -> Path | None:
    """AB_WEB_DIR, when set, must be a folder holding index.html."""
    raw = env.get("AB_WEB_DIR", "").strip()
    if not raw:
        return None
    path = Path(raw)
    if not (path / "index.html").is_file():
        raise StartupError(
            f"AB_WEB_DIR {raw!r} is not a folder holding index.html.",
            f"AB_WEB_DIR {raw!r} 不是包含 index.html 的目录。",
        )
    return path
