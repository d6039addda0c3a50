"""`autobangumi mcp`: a real MCP SDK client starts the command and talks over its stdio; the
command reaches the test daemon over gRPC with an API token."""

from __future__ import annotations

import asyncio
import os
import sys
from typing import Any

import aiohttp
import orjson
import pytest
from mcp import Client, StdioServerParameters

from autobangumi_bridge.mcp.catalog import tool_specs
from tests.helpers import Server

COMMAND = [sys.executable, "-m", "autobangumi_app.cli"]


async def _api_token(server: Server, http: aiohttp.ClientSession) -> tuple[int, str]:
    async with http.post(server.api + "/tokens", json={"name": "desktop assistant"}) as resp:
        assert resp.status == 200, await resp.text()
        body: dict[str, Any] = await resp.json()
    return int(body["id"]), str(body["token"])


def _params(server: Server, token: str | None) -> StdioServerParameters:
    env = {"AB_MCP_TOKEN": token} if token else {}
    return StdioServerParameters(
        command=COMMAND[0], args=[*COMMAND[1:], "mcp", "--daemon", server.grpc_target], env=env
    )


@pytest.mark.parametrize("mode", ["auto", "legacy"])
async def test_stdio_session_lists_and_calls_tools(
    ready: Server, http: aiohttp.ClientSession, mode: str
) -> None:
    token_id, token = await _api_token(ready, http)
    async with Client(_params(ready, token), mode=mode) as client:
        names = {t.name for t in (await client.list_tools()).tools}
        assert names == {spec.name for spec in tool_specs()}
        result = await client.call_tool("list_rss", {})
        assert not result.is_error and result.structured_content == {"rss": []}
        title = "[LoliHouse] Summer Pockets - 05 [WebRip 1080p HEVC-10bit AAC][简繁内封字幕]"
        explained = await client.call_tool("explain_title", {"title": title})
        assert not explained.is_error and explained.structured_content is not None
        assert explained.structured_content["fields"]["group"] == "LoliHouse"
        feeds = await client.read_resource("autobangumi://feeds")
        assert orjson.loads(feeds.contents[0].text) == {"rss": []}
        # Every call is authenticated by the daemon: a revoked token fails at once.
        async with http.delete(ready.api + f"/tokens/{token_id}") as resp:
            assert resp.status == 200
        refused = await client.call_tool("list_rss", {})
        assert refused.is_error and any("\u4e00" <= ch <= "\u9fff" for ch in refused.content[0].text)


async def test_stdio_refuses_to_start_without_a_valid_token(ready: Server) -> None:
    for token in (None, "not-a-token"):
        env = {k: v for k, v in os.environ.items() if k != "AB_MCP_TOKEN"}
        if token:
            env["AB_MCP_TOKEN"] = token
        proc = await asyncio.create_subprocess_exec(
            *COMMAND,
            "mcp",
            "--daemon",
            ready.grpc_target,
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
            env=env,
        )
        out, err = await asyncio.wait_for(proc.communicate(), 60)
        assert proc.returncode == 2 and out == b""
        text = err.decode()
        assert "autobangumi:" in text and any("\u4e00" <= ch <= "\u9fff" for ch in text), text
