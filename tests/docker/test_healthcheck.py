"""`autobangumi healthcheck` (the image's HEALTHCHECK) against a real daemon + bridge.

It must knock on the port the server really uses, by serve's precedence: flag > AB_WEBUI_PORT >
config.json program.webui_port > 7892, and on loopback when the server listens everywhere.
"""

from __future__ import annotations

import asyncio
import json
import os
import socket
import sys
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from aiohttp import web

from autobangumi_app.healthcheck import probe_address, webui_port
from tests.helpers import Server


@dataclass
class Result:
    code: int
    out: str
    err: str


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


async def healthcheck(*args: str, config_dir: Path | None, **env: str) -> Result:
    # The check runs while the server is in this event loop: never block it with subprocess.run.
    environ = {k: v for k, v in os.environ.items() if not k.startswith("AB_") and "proxy" not in k.lower()}
    environ.update(env)
    folder = ["--config-dir", str(config_dir)] if config_dir is not None else []
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "autobangumi_app.cli", *folder, "healthcheck", *args,
        env=environ, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    out, err = await asyncio.wait_for(proc.communicate(), 60)
    assert proc.returncode is not None
    return Result(proc.returncode, out.decode(), err.decode())


def write_config(folder: Path, port: object) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "config.json").write_text(json.dumps({"program": {"rss_time": 900, "webui_port": port}}))
    return folder


async def test_the_port_comes_from_env_then_config_then_the_default(server: Server, tmp_path: Path) -> None:
    port = server.running.http_port
    nowhere = closed_port()
    empty = tmp_path / "empty-config"

    ok = await healthcheck(config_dir=empty, AB_WEBUI_PORT=str(port))
    assert ok.code == 0, ok.err
    assert f"healthy: http://127.0.0.1:{port}/api/v1/health" in ok.out

    configured = write_config(tmp_path / "config", port)
    ok = await healthcheck(config_dir=configured)
    assert ok.code == 0, ok.err

    # The variable beats the file, the flag beats the variable.
    wrong = await healthcheck(config_dir=configured, AB_WEBUI_PORT=str(nowhere))
    assert wrong.code == 1 and f":{nowhere}/" in wrong.err and "不健康" in wrong.err
    ok = await healthcheck("--port", str(port), config_dir=configured, AB_WEBUI_PORT=str(nowhere))
    assert ok.code == 0, ok.err

    # The folder comes from AB_CONFIG_DIR as for serve, unless --config-dir names another.
    ok = await healthcheck(config_dir=None, AB_CONFIG_DIR=str(configured))
    assert ok.code == 0, ok.err
    other = await healthcheck(config_dir=empty, AB_CONFIG_DIR=str(configured))
    assert ":7892/" in other.out + other.err

    # Neither: 7892. A config file with a bad port counts as none.
    broken = write_config(tmp_path / "broken", "x")
    for folder in (empty, broken):
        default = await healthcheck(config_dir=folder)
        assert ":7892/" in default.out + default.err
    assert not empty.exists(), "the check must not create folders or files"


async def test_the_address_follows_ab_host(server: Server, tmp_path: Path) -> None:
    port = str(server.running.http_port)
    for host in ("0.0.0.0", "127.0.0.1"):
        ok = await healthcheck(config_dir=tmp_path, AB_WEBUI_PORT=port, AB_HOST=host)
        assert ok.code == 0, (host, ok.err)
    flag = ("--host", "127.0.0.1")
    ok = await healthcheck(*flag, config_dir=tmp_path, AB_WEBUI_PORT=port, AB_HOST="192.0.2.1")
    assert ok.code == 0, ok.err
    # The server listens on IPv4 loopback only: "::" means ::1, where nothing answers.
    wrong = await healthcheck("--timeout", "3", config_dir=tmp_path, AB_WEBUI_PORT=port, AB_HOST="::")
    assert wrong.code == 1 and f"http://[::1]:{port}/" in wrong.err


async def test_a_bad_port_is_one_clear_error(tmp_path: Path) -> None:
    for value in ("abc", "0", "70000"):
        bad = await healthcheck(config_dir=tmp_path, AB_WEBUI_PORT=value)
        assert bad.code == 1 and "Traceback" not in bad.err
        assert f"the port {value} is not a number from 1 to 65535" in bad.err and "端口" in bad.err


@pytest.fixture
async def impostor() -> AsyncIterator[tuple[int, list[web.Response]]]:
    """Something else on the port: answers the health path, but not as AutoBangumi does."""
    answers: list[web.Response] = []

    async def handler(request: web.Request) -> web.Response:
        return answers.pop(0)

    app = web.Application()
    app.router.add_get("/api/v1/health", handler)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    sockets = site._server.sockets if site._server is not None else []  # type: ignore[union-attr]
    yield int(sockets[0].getsockname()[1]), answers
    await runner.cleanup()


async def test_an_error_status_or_a_foreign_answer_is_unhealthy(
    impostor: tuple[int, list[web.Response]], tmp_path: Path
) -> None:
    port, answers = impostor
    answers.append(web.json_response({"msg_en": "shutting down"}, status=503))
    result = await healthcheck(config_dir=tmp_path, AB_WEBUI_PORT=str(port))
    assert result.code == 1 and "Service Unavailable" in result.err
    answers.append(web.json_response({"status": "starting"}))
    result = await healthcheck(config_dir=tmp_path, AB_WEBUI_PORT=str(port))
    assert result.code == 1 and "starting" in result.err
    answers.append(web.Response(text="<html>hello</html>"))
    result = await healthcheck(config_dir=tmp_path, AB_WEBUI_PORT=str(port))
    assert result.code == 1


def test_precedence_and_addresses_directly(tmp_path: Path) -> None:
    cfg = write_config(tmp_path, 8100) / "config.json"
    assert webui_port(None, {}, cfg) == 8100
    assert webui_port(None, {"AB_WEBUI_PORT": "8200"}, cfg) == 8200
    assert webui_port("8300", {"AB_WEBUI_PORT": "8200"}, cfg) == 8300
    assert webui_port(None, {"AB_WEBUI_PORT": ""}, tmp_path / "missing.json") == 7892
    write_config(tmp_path, True)
    assert webui_port(None, {}, cfg) == 7892
    assert probe_address("0.0.0.0") == "127.0.0.1" and probe_address("") == "127.0.0.1"
    assert probe_address("::") == "[::1]" and probe_address("fd00::5") == "[fd00::5]"
    assert probe_address("nas.local") == "nas.local" and probe_address("10.0.0.2") == "10.0.0.2"
