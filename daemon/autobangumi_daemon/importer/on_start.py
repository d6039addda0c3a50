"""What a start does on AutoBangumi's folders: refuse with one line, or import when asked.

Checked before anything is written to the folders (the log file and config.json are
AutoBangumi's there too), so a refused start leaves the install exactly as it was.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping

from autobangumi_daemon.auth import AuthManager
from autobangumi_daemon.errors import DaemonError
from autobangumi_daemon.importer.run import import_in_place
from autobangumi_daemon.importer.source import is_autobangumi_database
from autobangumi_daemon.paths import AppPaths
from autobangumi_daemon.startup import StartupError

__all__ = [
    "ACCOUNT_MISSING",
    "autobangumi_import_wanted",
    "explain_missing_account",
    "import_on_start",
    "refuse_autobangumi_folder",
]

log = logging.getLogger(__name__)

ACCOUNT_MISSING = (
    "Setup is marked complete (config/.setup_complete) but there is no account: every login fails "
    "until one exists. Create it with `autobangumi user set-password --username NAME`, or in the "
    "setup wizard of the web page, which is open again for that.",
    "配置显示设置已完成（config/.setup_complete），但没有账户：在创建账户之前所有登录都会失败。"
    "请运行 `autobangumi user set-password --username 用户名` 创建，"
    "或在网页的设置向导中创建（向导已为此重新开放）。",
)


def _wanted(env: Mapping[str, str]) -> bool:
    return env.get("AB_IMPORT", "").strip().lower() in ("1", "true", "yes", "on")


def autobangumi_import_wanted(paths: AppPaths, env: Mapping[str, str]) -> bool:
    """False when the data folder holds no AutoBangumi database; True when it does and
    AB_IMPORT=1 asks to import it; otherwise the start is refused (StartupError)."""
    if env.get("AB_DATABASE_URL") or not is_autobangumi_database(paths.database_file):
        return False
    if _wanted(env):
        return True
    raise StartupError(
        f"{paths.database_file} is an AutoBangumi database; nothing was changed. Bring it over with "
        f"`autobangumi import {paths.data_dir.parent}` (or start with AB_IMPORT=1 to import it here).",
        f"{paths.database_file} 是 AutoBangumi 的数据库，未作任何改动。请运行 "
        f"`autobangumi import {paths.data_dir.parent}` 导入（或以 AB_IMPORT=1 启动，在此直接导入）。",
    )


def refuse_autobangumi_folder(paths: AppPaths) -> None:
    """For commands that never import (user, token): an AutoBangumi data folder is refused
    before its config.json is read (reading this product's way rewrites the file)."""
    autobangumi_import_wanted(paths, {})


async def import_on_start(paths: AppPaths) -> None:
    log.info("AB_IMPORT=1: importing the AutoBangumi install in %s.", paths.data_dir)
    try:
        report = await import_in_place(paths)
    except DaemonError as err:
        raise StartupError(
            f"Importing AutoBangumi failed; nothing was changed: {err.msg_en}",
            f"导入 AutoBangumi 失败，未作任何改动：{err.msg_zh}",
        ) from None
    for line in report.lines():
        log.info("%s", line)


async def explain_missing_account(paths: AppPaths, auth: AuthManager) -> bool:
    """Log how to create the account when setup is marked complete but none exists."""
    if not paths.setup_sentinel.exists() or await auth.has_user():
        return False
    log.warning("%s / %s", *ACCOUNT_MISSING)
    return True
