"""A real MCP SDK client over Streamable HTTP against a running daemon and bridge.

Both protocol eras the SDK speaks are exercised: "auto" (the stateless 2026 protocol, found by
probing) and "legacy" (initialize handshake, a stateful session with Server-Sent Events).
"""

from __future__ import annotations

from typing import Any

import aiohttp
import orjson
import pytest
from mcp.shared.exceptions import MCPError

from autobangumi_app.server import start_bridge
from autobangumi_bridge.mcp import server as mcp_server
from autobangumi_daemon.adapters.downloaders.qbittorrent import QBittorrent
from tests.feeds.conftest import Fakes, patch_config
from tests.helpers import Server, login
from tests.mcp.clients import mcp_client

MODES = ["auto", "legacy"]
TITLE = "[Lilith-Raws] Sousou no Frieren - 05 [1080p][Baha][WEB-DL][AVC AAC][CHT][MP4]"


async def _rest(http: aiohttp.ClientSession, method: str, url: str, **kw: Any) -> Any:
    async with http.request(method, url, **kw) as resp:
        assert resp.status == 200, (url, resp.status, await resp.text())
        return await resp.json()


def _leaves(exc: BaseException) -> list[BaseException]:
    if isinstance(exc, BaseExceptionGroup):
        return [leaf for inner in exc.exceptions for leaf in _leaves(inner)]
    return [exc]


async def _assert_refused(base: str, token: str | None, mode: str = "auto") -> None:
    """The session cannot even start: the bridge answered the opening request with an error."""
    with pytest.raises(BaseException) as caught:  # an ExceptionGroup from anyio
        async with mcp_client(base, token, mode) as client:
            await client.list_tools()
    assert any(isinstance(leaf, MCPError) for leaf in _leaves(caught.value)), caught.value


def _ok(result: Any) -> Any:
    assert not result.is_error, result.content
    # The text content is the same JSON as the structured content, for clients that read text.
    assert orjson.loads(result.content[0].text) == result.structured_content
    return result.structured_content


@pytest.mark.parametrize("mode", MODES)
async def test_lists_tools_and_calls_a_read_tool(
    ready: Server, http: aiohttp.ClientSession, mode: str
) -> None:
    token = await login(ready, http)
    async with mcp_client(ready.base, token, mode) as client:
        tools = {t.name: t for t in (await client.list_tools()).tools}
        assert {"list_bangumi", "add_rss", "subscribe_rss", "search_bangumi", "explain_title"} <= set(tools)
        # Destructive methods are not offered.
        assert not {"delete_bangumi", "reset_all", "shutdown", "update_config", "delete_torrents"} & set(
            tools
        )
        explain = tools["explain_title"]
        assert explain.description and explain.description.startswith("Parses one release title")
        assert explain.input_schema["properties"]["title"]["type"] == "string"
        assert "release title" in explain.input_schema["properties"]["title"]["description"]
        # Another RPC named in a comment is named as the tool the assistant knows.
        assert "subscribe_rss" in (tools["analyze_rss"].description or "")
        got = _ok(await client.call_tool("explain_title", {"title": TITLE}))
        # The same answer as the REST route, which runs through the same dispatcher.
        rest = await _rest(http, "POST", ready.api + "/parser/explain", json={"title": TITLE})
        assert got == rest and got["fields"]["title_en"] == "Sousou no Frieren"
        assert got["fields"]["resolution"] == "1080p"
        status = _ok(await client.call_tool("get_status", {}))
        assert status["state"] == "running" and status["version"]


@pytest.mark.parametrize("mode", MODES)
async def test_bad_arguments_and_daemon_errors_are_tool_errors_in_both_languages(
    ready: Server, http: aiohttp.ClientSession, mode: str
) -> None:
    token = await login(ready, http)
    async with mcp_client(ready.base, token, mode) as client:
        wrong = await client.call_tool("get_bangumi", {"bangumi_id": "not a number"})
        assert wrong.is_error
        text = wrong.content[0].text
        assert "bangumi_id" in text and any("\u4e00" <= ch <= "\u9fff" for ch in text)
        missing = await client.call_tool("get_bangumi", {"bangumi_id": 999})
        assert missing.is_error and any("\u4e00" <= ch <= "\u9fff" for ch in missing.content[0].text)
        unknown = await client.call_tool("no_such_tool", {})
        assert unknown.is_error and "no_such_tool" in unknown.content[0].text
        # Nothing was created by the failed calls.
        assert _ok(await client.call_tool("list_bangumi", {})) == {"bangumi": []}


async def test_write_tools_add_a_feed_and_subscribe(
    with_qbt: Server, http: aiohttp.ClientSession, fakes: Fakes, qb_client: QBittorrent
) -> None:
    server = with_qbt
    token = await login(server, http)
    url = fakes.mikan.base + "/RSS/Bangumi?bangumiId=3599&subgroupid=370"
    async with mcp_client(server.base, token) as client:
        added = _ok(await client.call_tool("add_rss", {"url": url, "name": "Summer", "aggregate": False}))
        assert added["msg_en"] and added["msg_zh"] and added.get("status", True) is True, added
        feeds = await _rest(http, "GET", server.api + "/rss")
        assert [(f["url"], f["name"], f["aggregate"]) for f in feeds] == [(url, "Summer", False)]
        assert _ok(await client.call_tool("list_rss", {}))["rss"] == feeds

        rule = _ok(await client.call_tool("analyze_rss", {"url": url, "parser": "mikan"}))
        assert rule["official_title"] == "夏日口袋" and rule["rss_link"] == url
        assert await _rest(http, "GET", server.api + "/bangumi/get/all") == []  # analysis saves nothing
        done = _ok(await client.call_tool("subscribe_rss", {"data": rule, "rss": {"url": url}}))
        assert done["msg_en"] == "[Engine] Download 夏日口袋 successfully.", done
    rules = await _rest(http, "GET", server.api + "/bangumi/get/all")
    assert [r["official_title"] for r in rules] == ["夏日口袋"]
    base = (await _rest(http, "GET", server.api + "/config/get"))["downloader"]["path"]
    ours = [
        t for t in await qb_client.list_torrents(tag=f"ab:{rules[0]['id']}") if t.save_path.startswith(base)
    ]
    assert len(ours) == 5


async def test_search_returns_collected_results_with_a_bound(
    site: Server, http: aiohttp.ClientSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    streamed = []
    async with http.get(site.api + "/search/bangumi?site=mikan&keywords=夏日口袋") as resp:
        async for line in resp.content:
            if line.startswith(b"data: "):
                streamed.append(orjson.loads(line[6:]))
    assert streamed
    token = await login(site, http)
    async with mcp_client(site.base, token) as client:
        args = {"site": "mikan", "keywords": "夏日口袋"}
        full = _ok(await client.call_tool("search_bangumi", args))
        assert full == {"results": streamed, "truncated": False}
        monkeypatch.setattr(mcp_server, "STREAM_MAX_RESULTS", len(streamed) - 1)
        bounded = _ok(await client.call_tool("search_bangumi", args))
        assert bounded == {"results": streamed[:-1], "truncated": True}
        bad = await client.call_tool("search_bangumi", {"site": "nope", "keywords": "x"})
        assert bad.is_error and any("\u4e00" <= ch <= "\u9fff" for ch in bad.content[0].text)


async def test_refused_without_a_token(ready: Server, http: aiohttp.ClientSession) -> None:
    for mode in MODES:
        await _assert_refused(ready.base, None, mode)
        await _assert_refused(ready.base, "not-a-token", mode)
    body = {"jsonrpc": "2.0", "id": 1, "method": "tools/list", "params": {}}
    headers = {"Accept": "application/json, text/event-stream"}
    async with (
        aiohttp.ClientSession() as anonymous,
        anonymous.post(ready.base + "/mcp", json=body, headers=headers) as resp,
    ):
        assert resp.status == 401 and resp.headers["WWW-Authenticate"].startswith("Bearer")
        err = await resp.json()
        assert err["msg_en"] and err["msg_zh"] != err["msg_en"]
    # The login cookie is not a credential for MCP: a page the user visits must not drive it.
    async with http.post(ready.base + "/mcp", json=body, headers=headers) as resp:
        assert resp.status == 401
    # A page from another site is refused even with a token (DNS rebinding).
    token = await login(ready, http)
    cross = {**headers, "Authorization": f"Bearer {token}", "Origin": "http://evil.example"}
    async with (
        aiohttp.ClientSession() as other,
        other.post(ready.base + "/mcp", json=body, headers=cross) as resp,
    ):
        assert resp.status == 403


async def test_mcp_tokens_and_whitelist(ready: Server, http: aiohttp.ClientSession) -> None:
    secret = "mcp-only-secret-0123456789"
    await patch_config(ready, http, {"security": {"mcp_tokens": [secret]}})
    async with mcp_client(ready.base, secret) as client:
        assert _ok(await client.call_tool("list_rss", {})) == {"rss": []}
        log = await client.read_resource("autobangumi://log")
        assert log.contents[0].mime_type == "text/plain"
    # An MCP token opens MCP only, not the REST API (nor gRPC: the dispatcher decides).
    async with aiohttp.ClientSession() as other:
        auth = {"Authorization": f"Bearer {secret}"}
        async with other.get(ready.api + "/rss", headers=auth) as resp:
            assert resp.status == 401
    # Without a token, an address in mcp_whitelist is let in (AutoBangumi's behaviour).
    await _assert_refused(ready.base, None)
    await patch_config(ready, http, {"security": {"mcp_whitelist": ["127.0.0.0/8"]}})
    async with mcp_client(ready.base, None) as client:
        assert _ok(await client.call_tool("list_bangumi", {})) == {"bangumi": []}
    await patch_config(ready, http, {"security": {"mcp_whitelist": ["10.0.0.0/8"], "mcp_tokens": []}})
    await _assert_refused(ready.base, secret)


async def test_a_bridge_in_front_of_a_daemon_over_grpc(ready: Server, http: aiohttp.ClientSession) -> None:
    """`autobangumi bridge`: the MCP surface, the token and the client address cross gRPC."""
    bridge = await start_bridge(ready.grpc_target, "127.0.0.1", 0)
    base = f"http://127.0.0.1:{bridge.http_port}"
    try:
        token = await login(ready, http)
        async with mcp_client(base, token, "legacy") as client:
            assert _ok(await client.call_tool("list_providers", {}))["providers"]
        secret = "mcp-only-secret-over-grpc"
        await patch_config(ready, http, {"security": {"mcp_tokens": [secret]}})
        async with mcp_client(base, secret) as client:
            assert _ok(await client.call_tool("list_bangumi", {})) == {"bangumi": []}
        await _assert_refused(base, None)
        await patch_config(ready, http, {"security": {"mcp_whitelist": ["127.0.0.1/32"]}})
        async with mcp_client(base, None) as client:
            assert _ok(await client.call_tool("list_rss", {})) == {"rss": []}
    finally:
        await bridge.stop()


@pytest.mark.parametrize("mode", MODES)
async def test_resources_and_prompts(ready: Server, http: aiohttp.ClientSession, mode: str) -> None:
    token = await login(ready, http)
    async with mcp_client(ready.base, token, mode) as client:
        listed = {str(r.uri): r for r in (await client.list_resources()).resources}
        assert set(listed) == {"autobangumi://rules", "autobangumi://feeds", "autobangumi://log"}
        assert all(r.description for r in listed.values())
        rules = await client.read_resource("autobangumi://rules")
        assert orjson.loads(rules.contents[0].text) == {"bangumi": []}
        feeds = await client.read_resource("autobangumi://feeds")
        assert orjson.loads(feeds.contents[0].text) == {"rss": []}
        log = await client.read_resource("autobangumi://log")
        text = log.contents[0].text
        assert len(text.splitlines()) <= mcp_server.LOG_TAIL_LINES
        with pytest.raises(MCPError):
            await client.read_resource("autobangumi://nothing")
        prompts = {p.name for p in (await client.list_prompts()).prompts}
        assert prompts == {"explain_release_title", "why_not_downloaded"}
        prompt = await client.get_prompt("explain_release_title", {"title": TITLE})
        assert TITLE in prompt.messages[0].content.text and "explain_title" in prompt.messages[0].content.text
        with pytest.raises(MCPError):
            await client.get_prompt("explain_release_title", {"title": " "})
