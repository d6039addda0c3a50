"""Every shell command in README.md's code blocks is run, in order, on a fresh install.

Servers (`serve`, `daemon`, `bridge`, `make run`) are started, reached, and stopped with
SIGTERM. To keep to the suite's rules, fixed ports in a command become 0 (the system picks
one) and a bridge's `--daemon` address becomes a daemon the test started on loopback; nothing
else in a command is changed. A command this test does not know how to run fails it, so a new
README command comes with a way to check it.
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import aiohttp
import grpc
from grpc import aio
from grpc_health.v1 import health_pb2, health_pb2_grpc

from tests.cli.procs import CLI, ROOT, Running, install_env, run, start

README = ROOT / "README.md"

# Commands that cannot run inside the suite, each with the reason.
NOT_RUN = {
    ("make", "test"): "runs this very suite",
}
SERVERS = ("serve", "daemon", "bridge")
PORT_FLAGS = ("--port", "--grpc-port")


def readme_commands(text: str) -> list[list[str]]:
    """The commands of every ```sh block, comments dropped, one per line."""
    commands: list[list[str]] = []
    for block in re.findall(r"^```(?:sh|bash|shell)\n(.*?)^```", text, flags=re.M | re.S):
        for line in block.splitlines():
            argv = shlex.split(line, comments=True)
            if argv:
                commands.append(argv)
    return commands


def _loopback_ports(argv: list[str]) -> list[str]:
    out = list(argv)
    for i, arg in enumerate(out[:-1]):
        if arg in PORT_FLAGS:
            out[i + 1] = "0"
    return out


async def _http_ok(port: int) -> None:
    async with aiohttp.ClientSession() as http, http.get(f"http://127.0.0.1:{port}/api/v1/status") as resp:
        assert resp.status == 200, await resp.text()
        assert "version" in await resp.json()


async def _grpc_ok(port: int) -> None:
    async with aio.insecure_channel(f"127.0.0.1:{port}") as channel:
        reply = await health_pb2_grpc.HealthStub(channel).Check(health_pb2.HealthCheckRequest(), timeout=10)
        assert reply.status == health_pb2.HealthCheckResponse.SERVING


async def _server(argv: list[str], kind: str, env: dict[str, str], tmp: Path, via_make: bool = False) -> None:
    helper: Running | None = None
    if kind == "bridge" and "--daemon" in argv:
        helper = await start([*CLI, "daemon", "--grpc-port", "0"], "daemon", env)
        argv = list(argv)
        argv[argv.index("--daemon") + 1] = f"127.0.0.1:{helper.port}"
    try:
        server = await start(argv, kind, env)
        try:
            if kind == "daemon":
                await _grpc_ok(server.port)
            else:
                await _http_ok(server.port)
        finally:
            code = await server.stop()
        log = "".join(server.stderr)
        # make itself dies of the signal its group received; the server under it must stop cleanly.
        assert code == 0 or (via_make and code in (-15, 2)), log[-3000:]
        assert "Stopped." in log and "Traceback" not in log, log[-3000:]
    finally:
        if helper is not None:
            await helper.stop()


def _program(argv: list[str]) -> list[str]:
    exe = ROOT / argv[0]
    assert exe.is_file(), f"{argv[0]} does not exist (the README names it)"
    return [str(exe), *argv[1:]]


async def _run_one(argv: list[str], env: dict[str, str], tmp: Path) -> None:
    if argv[0] == "make":
        assert argv[1:] == ["run"], f"no way to check {shlex.join(argv)}"
        await _server(["make", "-s", "-C", str(ROOT), "run"], "serve", env, tmp, via_make=True)
        return
    assert argv[0].endswith("/autobangumi"), f"no way to check {shlex.join(argv)}"
    command = argv[1] if len(argv) > 1 else "serve"
    if command in SERVERS:
        await _server(_loopback_ports(_program(argv)), command, env, tmp)
        return
    stdin = b"readme-password-1\n" if argv[1:3] == ["user", "set-password"] else b""
    result = await run(_program(argv), env, stdin)
    assert result.code == 0, (shlex.join(argv), result.out, result.err)
    assert "Traceback" not in result.err
    if argv[1:3] == ["token", "create"]:
        assert result.out.startswith("abt_")
    if argv[1] == "parse":
        assert "03" in result.out or "3" in result.out


def test_the_readme_has_commands() -> None:
    commands = readme_commands(README.read_text())
    assert len(commands) >= 5
    for key in NOT_RUN:
        assert list(key) in commands, f"{shlex.join(key)} is no longer in the README: drop it from NOT_RUN"


async def test_every_readme_command_runs(tmp_path: Path) -> None:
    env = install_env(tmp_path)
    for argv in readme_commands(README.read_text()):
        if tuple(argv) in NOT_RUN:
            continue
        try:
            await _run_one(argv, env, tmp_path)
        except (AssertionError, grpc.RpcError, aiohttp.ClientError) as exc:
            raise AssertionError(f"README command failed: {shlex.join(argv)}\n{exc}") from exc
