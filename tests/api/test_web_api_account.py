"""The web page's own API, account side: title explain, API tokens and login sessions.

Real daemon and bridge over loopback HTTP; every error is checked for its status and both
languages.
"""

from __future__ import annotations

from typing import Any

import aiohttp

from autobangumi_app.server import start_bridge
from tests.helpers import Server, login, new_session

TITLE = "[Lilith-Raws] 葬送的芙莉莲 / Sousou no Frieren - 05v2 [Baha][WebRip][1080p][AVC AAC][CHT][MP4]"


async def _call(http: aiohttp.ClientSession, method: str, url: str, status: int = 200, **kw: Any) -> Any:
    async with http.request(method, url, **kw) as resp:
        body = await resp.json()
        assert resp.status == status, (method, url, resp.status, body)
    return body


def _bilingual(body: dict[str, Any], *words: str) -> None:
    assert body["msg_en"] and body["msg_zh"] and body["msg_en"] != body["msg_zh"], body
    assert any("\u4e00" <= ch <= "\u9fff" for ch in body["msg_zh"]), body
    for word in words:
        assert word in body["msg_en"] and word in body["msg_zh"], (word, body)


# -- parser explain ----------------------------------------------------------------------
async def test_explain_gives_fields_and_spans_in_code_points(
    ready: Server, http: aiohttp.ClientSession
) -> None:
    body = await _call(http, "POST", ready.api + "/parser/explain", json={"title": TITLE})
    assert body["title"] == TITLE
    f = body["fields"]
    assert f["group"] == "Lilith-Raws"
    assert f["title_en"] == "Sousou no Frieren" and f["title_zh"] == "葬送的芙莉莲"
    assert f["episode"] == "5" and f["version"] == 2 and f["season"] == 1 and f["batch"] is False
    assert f["resolution"] == "1080p" and f["platform"] == "Baha"
    assert f["year"] is None and f["crc32"] is None and f["title_jp"] is None
    assert set(f) == {
        "group", "title_zh", "title_en", "title_jp", "season", "season_raw", "episode", "version",
        "batch", "episode_type", "resolution", "source", "platform", "sub", "video", "audio",
        "crc32", "year",
    }  # fmt: skip
    fields = {s["field"] for s in body["spans"]}
    assert {"group", "title_en", "title_zh", "episode", "resolution"} <= fields
    for span in body["spans"]:
        # Python string offsets: code points, so the CJK title slices exactly.
        assert TITLE[span["start"] : span["end"]] == span["text"], span
    starts = [s["start"] for s in body["spans"]]
    assert starts == sorted(starts)


async def test_explain_ranges_and_unparseable_titles(ready: Server, http: aiohttp.ClientSession) -> None:
    batch = "[Nekomoe kissaten] Kusuriya no Hitorigoto [01-12][1080p][JPSC]"
    f = (await _call(http, "POST", ready.api + "/parser/explain", json={"title": batch}))["fields"]
    assert f["episode"] == "01-12" and f["batch"] is True
    odd = await _call(http, "POST", ready.api + "/parser/explain", json={"title": "???"})
    assert odd["title"] == "???" and odd["fields"]["episode"] is None and odd["fields"]["season"] == 1


async def test_explain_errors(ready: Server, http: aiohttp.ClientSession) -> None:
    body = await _call(http, "POST", ready.api + "/parser/explain", 422, json={"title": "  "})
    _bilingual(body, "title")
    body = await _call(http, "POST", ready.api + "/parser/explain", 422, json={"title": "x" * 5000})
    _bilingual(body, "title")
    async with new_session() as anon:
        body = await _call(anon, "POST", ready.api + "/parser/explain", 401, json={"title": TITLE})
        _bilingual(body)


# -- API tokens ---------------------------------------------------------------------------
async def test_tokens_create_use_revoke(ready: Server, http: aiohttp.ClientSession) -> None:
    assert await _call(http, "GET", ready.api + "/tokens") == {"tokens": []}
    made = await _call(http, "POST", ready.api + "/tokens", json={"name": "script"})
    assert set(made) == {"id", "name", "token", "created_at"} and made["name"] == "script"
    assert made["created_at"].endswith("+00:00")
    bearer = {"Authorization": f"Bearer {made['token']}"}
    async with new_session() as machine:
        # Works at once, on any protected route.
        await _call(machine, "GET", ready.api + "/bangumi/get/all", headers=bearer)
        listed = (await _call(http, "GET", ready.api + "/tokens"))["tokens"]
        assert [t["id"] for t in listed] == [made["id"]] and "token" not in listed[0]
        assert listed[0]["last_used_at"] is not None
        # Revoked: refused at once.
        body = await _call(http, "DELETE", ready.api + f"/tokens/{made['id']}")
        _bilingual(body)
        body = await _call(machine, "GET", ready.api + "/bangumi/get/all", 401, headers=bearer)
        _bilingual(body)
    assert await _call(http, "GET", ready.api + "/tokens") == {"tokens": []}
    # Ids are never given out again, even for the newest one revoked.
    again = await _call(http, "POST", ready.api + "/tokens", json={"name": "script"})
    assert again["id"] > made["id"] and again["token"] != made["token"]


async def test_token_errors(ready: Server, http: aiohttp.ClientSession) -> None:
    _bilingual(await _call(http, "POST", ready.api + "/tokens", 422, json={"name": ""}), "name")
    _bilingual(await _call(http, "POST", ready.api + "/tokens", 422, json={"name": "n" * 65}), "name")
    _bilingual(await _call(http, "DELETE", ready.api + "/tokens/999", 404), "999")
    made = await _call(http, "POST", ready.api + "/tokens", json={"name": "once"})
    await _call(http, "DELETE", ready.api + f"/tokens/{made['id']}")
    _bilingual(await _call(http, "DELETE", ready.api + f"/tokens/{made['id']}", 404))
    assert (await _call(http, "GET", ready.api + "/tokens"))["tokens"] == []
    async with new_session() as anon:
        for method, path in (("GET", "/tokens"), ("POST", "/tokens"), ("DELETE", "/tokens/1")):
            _bilingual(await _call(anon, method, ready.api + path, 401, json={"name": "x"}))


# -- sessions ------------------------------------------------------------------------------
async def test_sessions_list_and_end(ready: Server, http: aiohttp.ClientSession) -> None:
    async with new_session() as other:
        await login(ready, other)
        await _call(other, "GET", ready.api + "/bangumi/get/all")
        sessions = (await _call(http, "GET", ready.api + "/auth/sessions"))["sessions"]
        assert len(sessions) == 2
        mine = [s for s in sessions if s["current"]]
        assert len(mine) == 1
        theirs = next(s for s in sessions if not s["current"])
        for s in sessions:
            assert s["method"] == "password" and s["client_ip"] == "127.0.0.1"
            assert s["created_at"] < s["expires_at"] and len(s["id"]) <= 32
        # The other browser sees itself as current.
        seen = (await _call(other, "GET", ready.api + "/auth/sessions"))["sessions"]
        assert next(s for s in seen if s["current"])["id"] == theirs["id"]
        body = await _call(http, "DELETE", ready.api + f"/auth/sessions/{theirs['id']}")
        _bilingual(body)
        # Its cookie is refused at once; this one still works.
        _bilingual(await _call(other, "GET", ready.api + "/bangumi/get/all", 401))
        left = (await _call(http, "GET", ready.api + "/auth/sessions"))["sessions"]
        assert [s["id"] for s in left] == [mine[0]["id"]]


async def test_session_errors(ready: Server, http: aiohttp.ClientSession) -> None:
    _bilingual(await _call(http, "DELETE", ready.api + "/auth/sessions/nope", 404), "nope")
    async with new_session() as anon:
        _bilingual(await _call(anon, "GET", ready.api + "/auth/sessions", 401))
        _bilingual(await _call(anon, "DELETE", ready.api + "/auth/sessions/x", 401))
    # Ending one's own session is a logout.
    mine = (await _call(http, "GET", ready.api + "/auth/sessions"))["sessions"][0]
    await _call(http, "DELETE", ready.api + f"/auth/sessions/{mine['id']}")
    _bilingual(await _call(http, "GET", ready.api + "/auth/sessions", 401))


# -- the same over gRPC ----------------------------------------------------------------------
async def test_account_routes_through_a_bridge_over_grpc(ready: Server) -> None:
    """A separate bridge reaches the daemon over gRPC: the new services answer there too."""
    bridge = await start_bridge(ready.grpc_target, "127.0.0.1", 0)
    base = f"http://127.0.0.1:{bridge.http_port}/api/v1"
    try:
        async with new_session() as http:
            async with http.post(
                base + "/auth/login", data={"username": "tester", "password": "correct-horse-1"}
            ) as r:
                assert r.status == 200
            explained = await _call(http, "POST", base + "/parser/explain", json={"title": TITLE})
            assert explained["fields"]["episode"] == "5"
            made = await _call(http, "POST", base + "/tokens", json={"name": "grpc"})
            async with new_session() as machine:
                bearer = {"Authorization": f"Bearer {made['token']}"}
                await _call(machine, "GET", base + "/overview", headers=bearer)
                await _call(http, "DELETE", base + f"/tokens/{made['id']}")
                _bilingual(await _call(machine, "GET", base + "/overview", 401, headers=bearer))
            sessions = (await _call(http, "GET", base + "/auth/sessions"))["sessions"]
            # The fixture's own login and this one, newest first.
            assert [s["current"] for s in sessions] == [True, False]
            _bilingual(await _call(http, "DELETE", base + "/auth/sessions/nope", 404), "nope")
    finally:
        await bridge.stop()
