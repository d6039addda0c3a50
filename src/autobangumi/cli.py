"""The `autobangumi` command: serve (default), daemon, bridge, user set-password, parse."""

from __future__ import annotations

import argparse
import asyncio
import getpass
import logging
import os
import signal
import sys
from typing import TYPE_CHECKING

from autobangumi import __version__

if TYPE_CHECKING:
    from collections.abc import Awaitable

    from sqlalchemy.ext.asyncio import AsyncEngine

    from autobangumi.server import Running
    from autobangumi_daemon.auth import AuthManager
    from autobangumi_daemon.paths import AppPaths

__all__ = ["main"]


def _paths(args: argparse.Namespace) -> AppPaths:
    from autobangumi_daemon.paths import AppPaths

    return AppPaths.from_env(args.config_dir, args.data_dir)


def _port(value: str | None, env: str, default: int) -> int:
    return int(value or os.environ.get(env) or default)


async def _run(start: Awaitable[Running]) -> int:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    running = await start
    waiters = [asyncio.ensure_future(stop.wait())]
    if running.daemon is not None and running.daemon.ctx is not None:
        waiters.append(asyncio.ensure_future(running.daemon.ctx.shutdown.wait()))
    await asyncio.wait(waiters, return_when=asyncio.FIRST_COMPLETED)
    for w in waiters:
        w.cancel()
    logging.getLogger("autobangumi").info("Shutting down.")
    await running.stop()
    return 0


def _serve(args: argparse.Namespace) -> int:
    from autobangumi.server import start_serve

    grpc = f"{args.grpc_host}:{_port(args.grpc_port, 'AB_GRPC_PORT', 7893)}"
    http = _port(args.port, "AB_WEBUI_PORT", 7892)
    return asyncio.run(_run(start_serve(_paths(args), args.host, http, grpc)))


def _daemon(args: argparse.Namespace) -> int:
    from autobangumi.server import Running
    from autobangumi_daemon.app import Daemon

    async def start() -> Running:
        daemon = Daemon(_paths(args), [f"{args.grpc_host}:{_port(args.grpc_port, 'AB_GRPC_PORT', 7893)}"])
        await daemon.start()
        return Running(daemon=daemon, grpc_port=daemon.ports[0])

    return asyncio.run(_run(start()))


def _bridge(args: argparse.Namespace) -> int:
    from autobangumi.server import start_bridge

    logging.basicConfig(level=logging.INFO, format="[%(asctime)s] %(levelname)s: %(message)s")
    http = _port(args.port, "AB_WEBUI_PORT", 7892)
    return asyncio.run(_run(start_bridge(args.daemon, args.host, http)))


async def _auth_manager(paths: AppPaths) -> tuple[AuthManager, AsyncEngine]:
    """An AuthManager on the install's database (the daemon may be running: SQLite in WAL
    mode lets both work at once)."""
    from autobangumi_daemon.auth import AuthManager
    from autobangumi_daemon.config import ConfigStore
    from autobangumi_daemon.db.engine import create_engine, migrate, session_factory

    paths.ensure()
    config = ConfigStore(paths.config_file)
    config.load()
    engine = create_engine(paths.database_url())
    await migrate(engine)
    auth = AuthManager(paths.jwt_secret_file, config, session_factory(engine))
    await auth.start()
    return auth, engine


def _set_password(args: argparse.Namespace) -> int:
    from autobangumi_daemon.errors import ApiError

    paths = _paths(args)
    password = os.environ.get("AB_PASSWORD") if args.password_env else None
    if password is None:
        if not sys.stdin.isatty():
            password = sys.stdin.readline().rstrip("\n")
        else:
            password = getpass.getpass("New password: ")
            if getpass.getpass("Repeat it: ") != password:
                print("The passwords differ. / 两次输入的密码不一致。", file=sys.stderr)
                return 2

    async def run() -> int:
        auth, engine = await _auth_manager(paths)
        try:
            await auth.set_account(args.username, password or "")
        except ApiError as err:
            print(f"{err.msg_en} / {err.msg_zh}", file=sys.stderr)
            return 2
        finally:
            await engine.dispose()
        paths.setup_sentinel.touch()
        print(f"Password set for {args.username}. / 已为 {args.username} 设置密码。")
        return 0

    return asyncio.run(run())


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
                print(f"No token {args.id}. / 没有编号为 {args.id} 的令牌。", file=sys.stderr)
                return 2
            return 0
        finally:
            await engine.dispose()

    return asyncio.run(run())


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
    user = sub.add_parser("user", help="account management").add_subparsers(
        dest="user_command", required=True
    )
    setpw = user.add_parser("set-password", help="create the account or change its password")
    setpw.add_argument("--username", default=os.environ.get("AB_USERNAME", "admin"))
    setpw.add_argument("--password-env", action="store_true", help="read the password from AB_PASSWORD")
    tokens = sub.add_parser("token", help="API tokens for machines").add_subparsers(
        dest="token_command", required=True
    )
    create = tokens.add_parser("create", help="create a token and print it once")
    create.add_argument("--name", default="token")
    tokens.add_parser("list", help="list tokens (never their values)")
    revoke = tokens.add_parser("revoke", help="revoke a token by its number")
    revoke.add_argument("id", type=int)
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
    if args.command == "user":
        return _set_password(args)
    if args.command == "token":
        return _token(args)
    if args.command == "healthcheck":
        from autobangumi.healthcheck import run

        return run(args)
    parser.print_help()
    return 2


if __name__ == "__main__":
    sys.exit(main())
