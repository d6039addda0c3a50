"""A standalone bridge in front of a daemon over gRPC behaves like the in-process one."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import aiohttp
import orjson
import pytest

from autobangumi_app.server import Running, start_bridge
from tests.helpers import PASSWORD, USERNAME, Server, complete_setup, new_session


@pytest.fixture
async def bridge(server: Server) -> AsyncIterator[Running]:
    running = await start_bridge(server.grpc_target, "127.0.0.1", 0)
    yield running
    await running.stop()


async def test_login_cookie_errors_and_streams_over_grpc(server: Server, bridge: Running) -> None:
    base = f"http://127.0.0.1:{bridge.http_port}/api/v1"
    async with new_session() as http:
        async with http.get(base + "/setup/status") as resp:
            assert (await resp.json())["need_setup"] is True
        await complete_setup(server, http)
        async with http.post(base + "/auth/login", data={"username": USERNAME, "password": PASSWORD}) as resp:
            assert resp.status == 200 and "token=" in resp.headers["Set-Cookie"]
        async with http.get(base + "/config/get") as resp:
            assert resp.status == 200 and (await resp.json())["downloader"]["password"] == "********"
        async with http.patch(base + "/config/update", json={"program": {"rss_time": "x"}}) as resp:
            assert resp.status == 422
        async with http.get(base + "/stop") as resp:
            assert resp.status == 200
        async with http.get(base + "/stop") as resp:
            assert resp.status == 406
            body = await resp.json()
            assert body == {"msg_en": "Program is not running.", "msg_zh": "程序未运行。", "status": False}
        async with http.get(base + "/bangumi/get/999") as resp:
            assert resp.status == 404 and "999" in (await resp.json())["msg_zh"]
        async with http.get(base + "/log") as resp:
            assert resp.status == 200 and "Version" in await resp.text()
        async with http.get(base + "/events/stream") as resp:
            line = b""
            while not line.startswith(b"data: "):
                line = await asyncio.wait_for(resp.content.readline(), 5)
            assert orjson.loads(line[6:])["program_state"]["state"] == "stopped"
    async with aiohttp.ClientSession() as anon, anon.get(base + "/config/get") as resp:
        assert resp.status == 401


async def test_daemon_down_is_a_clear_503(server: Server, bridge: Running) -> None:
    base = f"http://127.0.0.1:{bridge.http_port}/api/v1"
    await server.running.stop()
    async with aiohttp.ClientSession() as http, http.get(base + "/status") as resp:
        assert resp.status == 503
        body = await resp.json()
        assert "daemon" in body["msg_en"] and body["msg_zh"]
