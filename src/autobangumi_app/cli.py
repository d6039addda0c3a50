"""The `autobangumi` command: serve (default), daemon, bridge, mcp, user, token, import, db, parse.

A setting that cannot work ends the command with one bilingual line on stderr and status 2.
"""

from __future__ import annotations

import argparse
import asyncio
import getpass
import logging
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Coroutine
from typing import TYPE_CHECKING, Any

from autobangumi import __version__

if TYPE_CHECKING:
    from collections.abc import Awaitable, Callable

    from sqlalchemy.ext.asyncio import AsyncEngine

    from autobangumi_app.server import Running
    from autobangumi_daemon.auth import AuthManager
    from autobangumi_daemon.paths import AppPaths

__all__ = ["main"]

EXIT_WAIT = 1.0  # seconds a stopped server waits for leftover tasks, and then for worker threads


def _refuse(msg_en: str, msg_zh: str) -> int:
    """A refusal: one line on stderr in both languages; returns the exit status for it."""
    print(f"autobangumi: {msg_en} / {msg_zh}", file=sys.stderr)
    return 2


def _run_refusing(run: Callable[[], Coroutine[Any, Any, int]]) -> int:
    """Run a command's coroutine; a refused setting or input ends it with one bilingual line."""
    from autobangumi_daemon.errors import DaemonError
    from autobangumi_daemon.startup import StartupError

    try:
        return asyncio.run(run())
    except (DaemonError, StartupError) as err:
        return _refuse(err.msg_en, err.msg_zh)


def _paths(args: argparse.Namespace) -> AppPaths:
    from autobangumi_daemon.paths import AppPaths

    return AppPaths.from_env(args.config_dir, args.data_dir)


def _port(flag: str | None, flag_name: str, env: str, default: int | None) -> tuple[int | None, str]:
    """The port and where it came from: the flag, then the variable, then `default` (None:
    config.json decides, for `serve`)."""
    from autobangumi_daemon.startup import parse_port

    if flag is not None:
        return parse_port(flag, flag_name), flag_name
    raw = os.environ.get(env, "").strip()
    if raw:
        return parse_port(raw, env), env
    return default, "the default"


def _grpc_address(args: argparse.Namespace) -> str:
    from autobangumi_daemon.startup import parse_address

    port, _source = _port(args.grpc_port, "--grpc-port", "AB_GRPC_PORT", 7893)
    host = args.grpc_host
    return parse_address(f"[{host}]:{port}" if ":" in host else f"{host}:{port}", "--grpc-host", listen=True)


async def _run(start: Callable[[], Awaitable[Running]]) -> int:
    from autobangumi_daemon.startup import StartupError

    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    try:
        running = await start()
    except StartupError as err:
        return _refuse(err.msg_en, err.msg_zh)
    waiters = [asyncio.ensure_future(stop.wait())]
    if running.daemon is not None and running.daemon.ctx is not None:
        waiters.append(asyncio.ensure_future(running.daemon.ctx.shutdown.wait()))
    await asyncio.wait(waiters, return_when=asyncio.FIRST_COMPLETED)
    for w in waiters:
        w.cancel()
    logging.getLogger("autobangumi").info("Shutting down.")
    await running.stop()
    logging.getLogger("autobangumi").info("Stopped.")
    return 0


def _serve_forever(start: Callable[[], Awaitable[Running]]) -> int:
    """Run a server until a signal or the API's shutdown, and exit within seconds of it.

    Not asyncio.run: it waits without limit for worker threads (a notification or a downloader
    call blocked on a dead host), and so does the interpreter at exit. Threads still busy a
    moment after the stop are abandoned by exiting at once; their work is only network I/O.
    """
    from autobangumi_daemon.cancel import cancel_and_wait

    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    try:
        code = loop.run_until_complete(_run(start))
        leftovers = asyncio.all_tasks(loop)
        if leftovers:
            loop.run_until_complete(cancel_and_wait(leftovers, EXIT_WAIT))
        loop.run_until_complete(loop.shutdown_asyncgens())
    finally:
        asyncio.set_event_loop(None)
        loop.close()  # shuts the default executor down without waiting for it
    deadline = time.monotonic() + EXIT_WAIT
    for thread in threading.enumerate():
        if thread is not threading.main_thread() and not thread.daemon:
            thread.join(max(0.0, deadline - time.monotonic()))
    if any(t.is_alive() and not t.daemon for t in threading.enumerate() if t is not threading.main_thread()):
        logging.shutdown()
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
    return code


def _serve(args: argparse.Namespace) -> int:
    from autobangumi_app.server import start_serve
    from autobangumi_daemon.startup import StartupError

    try:
        grpc = _grpc_address(args)
        http, source = _port(args.port, "--port", "AB_WEBUI_PORT", None)
    except StartupError as err:
        return _refuse(err.msg_en, err.msg_zh)
    paths = _paths(args)
    return _serve_forever(lambda: start_serve(paths, args.host, http, grpc, port_source=source))


def _daemon(args: argparse.Namespace) -> int:
    from autobangumi_app.server import Running
    from autobangumi_daemon.app import Daemon
    from autobangumi_daemon.startup import StartupError

    try:
        grpc = _grpc_address(args)
    except StartupError as err:
        return _refuse(err.msg_en, err.msg_zh)
    paths = _paths(args)

    async def start() -> Running:
        daemon = Daemon(paths, [grpc])
        await daemon.start()
        return Running(daemon=daemon, grpc_port=daemon.ports[0])

    return _serve_forever(start)


def _bridge(args: argparse.Namespace) -> int:
    from autobangumi.clientaddr import BadSetting, read_bridge_key
    from autobangumi_app.server import start_bridge
    from autobangumi_daemon.startup import StartupError, parse_address

    logging.basicConfig(level=logging.INFO, format="[%(asctime)s] %(levelname)s: %(message)s")
    try:
        http, source = _port(args.port, "--port", "AB_WEBUI_PORT", 7892)
        daemon = parse_address(args.daemon, "--daemon (AB_DAEMON)")
        # The daemon's key, when this bridge shares its config folder (or AB_BRIDGE_KEY).
        key = read_bridge_key(_paths(args).config_dir)
    except StartupError as err:
        return _refuse(err.msg_en, err.msg_zh)
    except BadSetting as err:
        return _refuse(err.msg_en, err.msg_zh)
    assert http is not None
    if key is None:
        logging.getLogger("autobangumi").info(
            "No bridge key (config/.bridge_key or AB_BRIDGE_KEY): the daemon sees every request "
            "as coming from this bridge's address."
        )
    return _serve_forever(lambda: start_bridge(daemon, args.host, http, port_source=source, bridge_key=key))


def _mcp(args: argparse.Namespace) -> int:
    """The MCP server over stdio, for desktop assistants that start it as a process."""
    from autobangumi_bridge.mcp.stdio import run_stdio

    token = args.token or os.environ.get("AB_MCP_TOKEN", "").strip() or None
    return asyncio.run(run_stdio(args.daemon, token))


async def _auth_manager(paths: AppPaths) -> tuple[AuthManager, AsyncEngine]:
    """An AuthManager on the install's database (the daemon may be running: SQLite in WAL
    mode lets both work at once). Raises StartupError for an unusable install."""
    from autobangumi_daemon.auth import AuthManager
    from autobangumi_daemon.db.engine import session_factory
    from autobangumi_daemon.filemodes import secure_install
    from autobangumi_daemon.importer.on_start import refuse_autobangumi_folder
    from autobangumi_daemon.startup import check_database_url, load_config, open_database, prepare_dirs

    url = paths.database_url()
    check_database_url(url)
    refuse_autobangumi_folder(paths)
    prepare_dirs(paths)
    config = load_config(paths)
    secure_install(paths, url)
    engine = await open_database(url)
    auth = AuthManager(paths.jwt_secret_file, config, session_factory(engine))
    await auth.start()
    return auth, engine


def _read_password(args: argparse.Namespace) -> str | None:
    """From AB_PASSWORD (--password-env), a pipe, or typed twice; None when the two differ."""
    password = os.environ.get("AB_PASSWORD") if args.password_env else None
    if password is not None:
        return password
    if not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\n")
    password = getpass.getpass("New password: ")
    if getpass.getpass("Repeat it: ") != password:
        _refuse("The passwords differ.", "两次输入的密码不一致。")
        return None
    return password


def _user(args: argparse.Namespace) -> int:

    paths = _paths(args)
    password = _read_password(args) if args.user_command == "set-password" else ""
    if password is None:
        return 2

    async def run() -> int:
        auth, engine = await _auth_manager(paths)
        try:
            if args.user_command == "rename":
                await auth.rename(args.old, args.new)
                print(f"Account {args.old} is now {args.new}. / 账户 {args.old} 已改名为 {args.new}。")
                return 0
            username = args.username or await auth.account_name() or os.environ.get("AB_USERNAME") or "admin"
            created = await auth.set_password(username, password)
        finally:
            await engine.dispose()
        paths.setup_sentinel.touch()
        if created:
            print(f"Account {username} created. / 已创建账户 {username}。")
        else:
            print(f"Password set for {username}. / 已为 {username} 设置密码。")
        return 0

    return _run_refusing(run)


def _token(args: argparse.Namespace) -> int:
    """Long-lived tokens for machines (Home Assistant, scripts), stored hashed."""

    paths = _paths(args)

    async def run() -> int:
        auth, engine = await _auth_manager(paths)
        try:
            if args.token_command == "create":
                token_id, token = await auth.create_api_token(args.name)
                print(token)
                print(
                    f"Token {token_id} ({args.name}) created; shown only now. / 令牌已创建，仅此一次显示。",
                    file=sys.stderr,
                )
            elif args.token_command == "list":
                for row in await auth.list_api_tokens():
                    print(f"{row.id}\t{row.name}\t{row.created_at:%Y-%m-%d %H:%M}")
            elif not await auth.revoke_api_token(args.id):
                return _refuse(f"No token {args.id}.", f"没有编号为 {args.id} 的令牌。")
            return 0
        finally:
            await engine.dispose()

    return _run_refusing(run)


def _import(args: argparse.Namespace) -> int:
    """Bring an AutoBangumi install over; its folders are only read."""
    from pathlib import Path

    from autobangumi_daemon.importer import import_in_place, import_install, locate_install

    paths = _paths(args)

    async def run() -> int:
        install = locate_install(
            Path(args.path) if args.path else None,
            Path(args.config) if args.config else None,
            Path(args.data) if args.data else None,
        )
        if install.database.resolve() == paths.database_file.resolve():
            report = await import_in_place(paths)
        else:
            report = await import_install(install, paths)
        print("\n".join(report.lines()))
        return 0

    return _run_refusing(run)


def _db(args: argparse.Namespace) -> int:
    from pathlib import Path

    from autobangumi_daemon.db.commands import backup_database, restore_database
    from autobangumi_daemon.errors import DaemonError

    paths = _paths(args)
    try:
        if args.db_command == "backup":
            taken = backup_database(paths)
            print(f"Backup written to {taken}. / 备份已写入 {taken}。")
            return 0
        used, kept = restore_database(paths, Path(args.file) if args.file else None)
    except DaemonError as err:
        return _refuse(err.msg_en, err.msg_zh)
    print(f"Restored {used}. / 已恢复 {used}。")
    if kept is not None:
        print(f"The replaced database is kept in {kept}. / 被替换的数据库保存在 {kept}。")
    return 0


def _parse(argv: list[str]) -> int:
    from autobangumi_daemon.core.title_parser.cli import main as parse_main

    return parse_main(argv)


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["parse"]:
        return _parse(argv[1:])
    parser = argparse.ArgumentParser(prog="autobangumi", description="AutoBangumi, rebuilt.")
    parser.add_argument("--version", action="version", version=f"autobangumi {__version__}")
    parser.add_argument("--config-dir", help="default ./config (env AB_CONFIG_DIR)")
    parser.add_argument("--data-dir", help="default ./data (env AB_DATA_DIR)")
    sub = parser.add_subparsers(dest="command")

    def net(p: argparse.ArgumentParser, http: bool, grpc: bool) -> None:
        if http:
            p.add_argument("--host", default=os.environ.get("AB_HOST", "0.0.0.0"))
            p.add_argument("--port", help="HTTP port, default 7892 (env AB_WEBUI_PORT)")
        if grpc:
            p.add_argument("--grpc-host", default=os.environ.get("AB_GRPC_HOST", "0.0.0.0"))
            p.add_argument("--grpc-port", help="gRPC port, default 7893 (env AB_GRPC_PORT)")

    net(sub.add_parser("serve", help="daemon and web bridge together (default)"), True, True)
    net(sub.add_parser("daemon", help="the gRPC daemon alone"), False, True)
    bridge = sub.add_parser("bridge", help="the web bridge alone, in front of a daemon")
    net(bridge, True, False)
    bridge.add_argument(
        "--daemon", default=os.environ.get("AB_DAEMON", "127.0.0.1:7893"), help="daemon address"
    )
    mcp = sub.add_parser("mcp", help="the MCP server over stdin/stdout, in front of a daemon")
    mcp.add_argument("--daemon", default=os.environ.get("AB_DAEMON", "127.0.0.1:7893"), help="daemon address")
    mcp.add_argument("--token", help="an API token or a security.mcp_tokens entry (better: env AB_MCP_TOKEN)")
    user = sub.add_parser("user", help="account management").add_subparsers(
        dest="user_command", required=True
    )
    setpw = user.add_parser(
        "set-password", help="change the account's password (or create the account when there is none)"
    )
    setpw.add_argument(
        "--username", help="the account (default: the existing one; for a new one AB_USERNAME, else admin)"
    )
    setpw.add_argument("--password-env", action="store_true", help="read the password from AB_PASSWORD")
    rename = user.add_parser("rename", help="change the account's name")
    rename.add_argument("old", help="the current name")
    rename.add_argument("new", help="the new name (4-20 letters, digits or underscores)")
    tokens = sub.add_parser("token", help="API tokens for machines").add_subparsers(
        dest="token_command", required=True
    )
    create = tokens.add_parser("create", help="create a token and print it once")
    create.add_argument("--name", default="token")
    tokens.add_parser("list", help="list tokens (never their values)")
    revoke = tokens.add_parser("revoke", help="revoke a token by its number")
    revoke.add_argument("id", type=int)
    imp = sub.add_parser(
        "import", help="bring over an AutoBangumi 3.2/3.3 install (only read, never changed)"
    )
    imp.add_argument("path", nargs="?", help="the AutoBangumi folder holding config/ and data/")
    imp.add_argument("--config", help="AutoBangumi's config folder, when apart from its data")
    imp.add_argument("--data", help="AutoBangumi's data folder, when apart from its config")
    db = sub.add_parser("db", help="database backups").add_subparsers(dest="db_command", required=True)
    db.add_parser("backup", help="copy the SQLite database into data/backups/")
    restore = db.add_parser("restore", help="put a backup back (stop the product first)")
    restore.add_argument("file", nargs="?", help="the backup (default: the newest in data/backups/)")
    sub.add_parser("parse", help="parse release titles (argument, or one per line on stdin)")
    health = sub.add_parser("healthcheck", help="exit 0 if the web server answers (the image's HEALTHCHECK)")
    net(health, True, False)
    health.add_argument("--timeout", type=float, default=5.0)

    args = parser.parse_args(argv)
    if args.command in (None, "serve"):
        if args.command is None:
            args = parser.parse_args([*argv, "serve"])
        return _serve(args)
    if args.command == "daemon":
        return _daemon(args)
    if args.command == "bridge":
        return _bridge(args)
    if args.command == "mcp":
        return _mcp(args)
    if args.command == "user":
        return _user(args)
    if args.command == "token":
        return _token(args)
    if args.command == "import":
        return _import(args)
    if args.command == "db":
        return _db(args)
    if args.command == "healthcheck":
        from autobangumi_app.healthcheck import run

        return run(args)
    parser.print_help()
    return 2


if __name__ == "__main__":
    sys.exit(main())
