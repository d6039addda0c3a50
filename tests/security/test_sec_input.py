"""Bad input through the bridge: refused with a bilingual 4xx, never a 500, and nothing changes."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import aiohttp
import orjson
import pytest

from autobangumi_app.server import start_serve
from autobangumi_daemon.db.models import Bangumi
from autobangumi_daemon.paths import AppPaths
from tests.helpers import PASSWORD, TEST_POLICY, USERNAME, Server, complete_setup, new_session


async def _rule(server: Server) -> int:
    daemon = server.running.daemon
    assert daemon is not None and daemon.ctx is not None
    async with daemon.ctx.db.begin() as s:
        rule = Bangumi(
            official_title="夏日口袋",
            title_raw="Summer Pockets",
            season=2,
            group_name="喵萌奶茶屋&LoliHouse",
            filter="720",
            rss_link="https://mikanani.me/RSS/Bangumi?bangumiId=3599",
            eps_collect=True,
            episode_offset=3,
            title_aliases='["夏日口袋 第二季"]',
        )
        s.add(rule)
    assert rule.id is not None
    return int(rule.id)


async def _get(http: aiohttp.ClientSession, url: str) -> Any:
    async with http.get(url) as resp:
        assert resp.status == 200, await resp.text()
        return await resp.json()


def _bilingual(body: Any) -> None:
    assert body["msg_en"] and body["msg_zh"] and body["msg_en"] != body["msg_zh"]
    assert any("\u4e00" <= c <= "\u9fff" for c in body["msg_zh"]), body


async def test_update_bodies_that_set_nothing_change_nothing(
    ready: Server, http: aiohttp.ClientSession
) -> None:
    rid = await _rule(ready)
    url = ready.api + f"/bangumi/update/{rid}"
    before = await _get(http, ready.api + f"/bangumi/get/{rid}")
    cases: list[tuple[bytes, str]] = [
        (b"{}", "application/json"),
        (b"null", "application/json"),
        (b"[]", "application/json"),
        (b'{"no_such_field": 1, "another": "x"}', "application/json"),
        (b'"text"', "application/json"),
        (b"group_name=&filter=", "application/x-www-form-urlencoded"),
        (b'{"group_name": ""}', "text/plain"),
        (b"{}", "text/plain"),
    ]
    for body, ctype in cases:
        async with http.patch(url, data=body, headers={"Content-Type": ctype}) as resp:
            assert 400 <= resp.status < 500, (body, ctype, resp.status, await resp.text())
            _bilingual(await resp.json())
        assert await _get(http, ready.api + f"/bangumi/get/{rid}") == before, (body, ctype)
    form = aiohttp.FormData({"group_name": "", "filter": ""})
    async with http.patch(url, data=form()) as resp:
        assert 400 <= resp.status < 500
    assert await _get(http, ready.api + f"/bangumi/get/{rid}") == before

    # The WebUI's whole-object PATCH still works, and so does a one-field one.
    full = before | {"id": None, "group_name": "LoliHouse"}
    async with http.patch(url, json=full) as resp:
        assert resp.status == 200, await resp.text()
    after = await _get(http, ready.api + f"/bangumi/get/{rid}")
    assert after["group_name"] == "LoliHouse" and after["filter"] == before["filter"]
    async with http.patch(url, json={"episode_offset": 5}) as resp:
        assert resp.status == 200, await resp.text()
    after2 = await _get(http, ready.api + f"/bangumi/get/{rid}")
    assert after2 == after | {"episode_offset": 5}


async def test_config_update_that_sets_nothing_keeps_the_config(
    ready: Server, http: aiohttp.ClientSession
) -> None:
    before = await _get(http, ready.api + "/config/get")
    for method in ("PATCH", "POST"):
        for body in (b"{}", b'{"unknown_section": {"x": 1}}', b"null", b"[]"):
            async with http.request(
                method, ready.api + "/config/update", data=body, headers={"Content-Type": "application/json"}
            ) as resp:
                assert 400 <= resp.status < 500, (method, body, resp.status, await resp.text())
                _bilingual(await resp.json())
    assert await _get(http, ready.api + "/config/get") == before
    async with http.patch(ready.api + "/config/update", json={"program": {"rss_time": 1234}}) as resp:
        assert resp.status == 200, await resp.text()
    after = await _get(http, ready.api + "/config/get")
    assert after["program"]["rss_time"] == 1234 and after["downloader"] == before["downloader"]


async def test_json_routes_refuse_other_content_types(ready: Server, http: aiohttp.ClientSession) -> None:
    body = orjson.dumps({"url": "https://example.org/rss", "name": "x"})
    for ctype in (
        "text/plain",
        "text/plain;charset=utf-8",
        "application/xml",
        "application/x-www-form-urlencoded",
    ):
        async with http.post(ready.api + "/rss/add", data=body, headers={"Content-Type": ctype}) as resp:
            assert resp.status == 415, (ctype, resp.status, await resp.text())
            _bilingual(await resp.json())
    form = aiohttp.FormData({"url": "https://example.org/rss"})
    async with http.post(ready.api + "/rss/add", data=form()) as resp:
        assert resp.status == 415
    assert await _get(http, ready.api + "/rss") == []


async def test_multipart_bodies_never_fail_the_server(server: Server) -> None:
    async with new_session() as http:
        await complete_setup(server, http)
        # A curl -F login (multipart) is a form like any other: it logs in.
        form = aiohttp.FormData()
        form.add_field("username", USERNAME)
        form.add_field("password", PASSWORD)
        async with http.post(server.api + "/auth/login", data=form) as resp:
            assert resp.status == 200, await resp.text()
            assert (await resp.json())["access_token"]
        # A file part, a broken boundary, a multipart with no boundary: 4xx, never 500.
        withfile = aiohttp.FormData()
        withfile.add_field("username", USERNAME)
        withfile.add_field("password", b"\xff\xfe", filename="p.bin")
        async with http.post(server.api + "/auth/login", data=withfile) as resp:
            assert 400 <= resp.status < 500, await resp.text()
        broken = b'--xx\r\nContent-Disposition: form-data; name="username"\r\n\r\nabc'
        for ctype in ("multipart/form-data; boundary=xx", "multipart/form-data"):
            async with http.post(
                server.api + "/auth/login", data=broken, headers={"Content-Type": ctype}
            ) as resp:
                assert 400 <= resp.status < 500, (ctype, resp.status, await resp.text())
                _bilingual(await resp.json())
            async with http.patch(
                server.api + "/config/update", data=broken, headers={"Content-Type": ctype}
            ) as resp:
                assert 400 <= resp.status < 500, (ctype, resp.status, await resp.text())


async def _raw_request(port: int, head: bytes) -> tuple[int, bytes]:
    """One request written byte for byte (aiohttp's client refuses non-UTF-8 header values)."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        writer.write(head)
        await writer.drain()
        data = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), 10)
    finally:
        writer.close()
    return int(data.split(b" ", 2)[1]), data


async def test_invalid_utf8_credentials_are_401(ready: Server) -> None:
    port = ready.running.http_port
    bad = b"\xff\xfe\xc3\x28"
    auth = b"GET /api/v1/bangumi/get/all HTTP/1.1\r\nHost: x\r\n"
    login = (
        b"POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
    )
    heads = [
        (auth + b"Authorization: Bearer " + bad + b"\r\n\r\n", 401),
        (auth + b"Cookie: token=" + bad + b"\r\n\r\n", 401),
        (auth + b"Cookie: token=" + bad + b"\r\nUser-Agent: " + bad + b"\r\n\r\n", 401),
        (b"GET /api/v1/status HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + bad + b"\r\n\r\n", 200),
        (login + b"Cookie: token=" + bad + b"\r\nContent-Length: 3\r\n\r\na=b", 401),
        (login + b"Authorization: Bearer " + bad + b"\r\nContent-Length: 4\r\n\r\n" + b"a=\xff\xfe", 400),
    ]
    for head, expected in heads:
        status, data = await _raw_request(port, head)
        assert status == expected, (head, data[:300])


async def test_poster_names_that_cannot_exist_are_404(ready: Server, http: aiohttp.ClientSession) -> None:
    for name in ("a%00b.jpg", "x" * 300 + ".jpg", ("y" * 200 + "/") * 30 + "z.jpg", "%00"):
        async with http.get(ready.base + "/posters/" + name) as resp:
            assert resp.status in (400, 404), (name[:40], resp.status, await resp.text())


async def test_unknown_paths_are_404_and_the_page_routes_still_load(
    server: Server, http: aiohttp.ClientSession
) -> None:
    for path in ("/openapi.json", "/docs", "/favicon.ico", "/redoc", "/wp-admin/", "/admin", "/.env", "/x/y"):
        async with http.get(server.base + path) as resp:
            assert resp.status == 404, (path, resp.status)
            assert "<html" not in (await resp.text()).lower(), path
    for path in ("/", "/index.html", "/rules", "/feeds/3"):
        async with http.get(server.base + path) as resp:
            assert resp.status == 200 and resp.content_type == "text/html", path
    async with http.get(server.api + "/docs") as resp:
        assert resp.status == 200
        docs = await resp.text()
    async with http.get(server.base + "/api/docs") as resp:
        assert resp.status == 200 and resp.content_type == "text/html"
        assert await resp.text() == docs
    async with http.get(server.api + "/openapi.json") as resp:
        assert resp.status == 200 and (await resp.json())["openapi"].startswith("3.1")


async def test_another_web_page_keeps_its_routes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, http: aiohttp.ClientSession
) -> None:
    dist = tmp_path / "dist"
    dist.mkdir()
    (dist / "index.html").write_text("<!doctype html><title>AutoBangumi 3.2</title>", encoding="utf-8")
    monkeypatch.setenv("AB_WEB_DIR", str(dist))
    running = await start_serve(
        AppPaths(tmp_path / "config", tmp_path / "data"), "127.0.0.1", 0, "127.0.0.1:0", TEST_POLICY
    )
    base = f"http://127.0.0.1:{running.http_port}"
    try:
        for path in ("/", "/login", "/setup", "/bangumi/12", "/config", "/rss"):
            async with http.get(base + path) as resp:
                assert resp.status == 200 and "AutoBangumi 3.2" in await resp.text(), path
        for path in ("/docs", "/openapi.json", "/favicon.ico", "/nothing"):
            async with http.get(base + path) as resp:
                assert resp.status == 404, path
    finally:
        await running.stop()


def test_every_bounded_text_column_keeps_its_length() -> None:
    """What the code can assign is what every database can store: bounded text is cut to the
    column's length; identities (WHOLE) are refused before the store instead."""
    from sqlalchemy import String
    from sqlalchemy.orm import configure_mappers

    from autobangumi_daemon.adapters.feeds import MAX_ITEM_URL, parse_feed
    from autobangumi_daemon.db.models import Base

    configure_mappers()
    checked = 0
    for mapper in Base.registry.mappers:
        for prop in mapper.column_attrs:
            col = prop.columns[0]
            if not isinstance(col.type, String) or not col.type.length:
                continue
            obj = mapper.class_()
            setattr(obj, prop.key, "题" * (col.type.length + 100))
            value = getattr(obj, prop.key)
            if col.info.get("whole"):
                assert len(value) == col.type.length + 100
            else:
                assert len(value) == col.type.length, (mapper.class_.__name__, prop.key)
                checked += 1
    assert checked > 20
    long_link = "magnet:?xt=urn:btih:" + "ab" * 20 + "&dn=" + "x" * MAX_ITEM_URL
    feed = (
        '<rss version="2.0"><channel><title>t</title>'
        f'<item><title>a</title><enclosure url="{long_link}"/></item>'
        '<item><title>b</title><enclosure url="magnet:?xt=urn:btih:' + "cd" * 20 + '"/></item>'
        "</channel></rss>"
    ).encode()
    assert [i.title for i in parse_feed(feed).items] == ["b"]


async def test_a_feed_url_longer_than_its_column_is_refused(
    ready: Server, http: aiohttp.ClientSession
) -> None:
    url = "https://example.org/rss?" + "q" * 2100
    async with http.post(ready.api + "/rss/add", json={"url": url, "name": "long"}) as resp:
        assert resp.status == 422
        _bilingual(await resp.json())
    assert await _get(http, ready.api + "/rss") == []
