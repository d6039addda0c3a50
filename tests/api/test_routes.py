"""Every method and path of docs/endpoints.md is routed by the bridge to a contract method.

Requests go over real HTTP without a session: a routed protected path answers the
dispatcher's 401, a routed open path answers its own result; only an unrouted one gets the
router's 404 "Not found." or 405.
"""

from __future__ import annotations

import re
from pathlib import Path

import aiohttp

from autobangumi.contract import methods
from tests.helpers import Server

DOC = Path(__file__).resolve().parents[2] / "docs" / "endpoints.md"
ROW = re.compile(r"^\|\s*(GET|POST|PUT|PATCH|DELETE)\s*\|\s*(\S+)\s*\|")
SAMPLE = {"bangumi_id": "7", "rss_id": "3", "id": "5", "path": "abc.jpg"}
OPEN = {
    "/api/v1/auth/login",
    "/api/v1/passkey/auth/options",
    "/api/v1/passkey/auth/verify",
    "/api/v1/status",
    "/api/v1/setup/status",
    "/api/v1/setup/test-downloader",
    "/api/v1/setup/test-rss",
    "/api/v1/setup/test-notification",
    "/api/v1/setup/complete",
    "/posters/{path}",
    "/api/v1/health",
}


def _rows() -> list[tuple[str, str]]:
    return [(m.group(1), m.group(2)) for line in DOC.read_text().splitlines() if (m := ROW.match(line))]


def test_the_doc_lists_the_reference_endpoints() -> None:
    rows = _rows()
    assert len(rows) >= 75
    assert ("DELETE", "/api/v1/bangumi/delete/many/") in rows
    assert ("GET", "/api/v1/log/clear") in rows


async def test_every_listed_endpoint_is_routed(server: Server, http: aiohttp.ClientSession) -> None:
    unrouted = []
    for verb, path in _rows():
        url = server.base + re.sub(r"\{(\w+)\}", lambda m: SAMPLE[m.group(1)], path)
        body = None if verb == "GET" else ([] if "/many" in path else {})
        if path == "/api/v1/setup/test-downloader":
            body = {"type": "qbittorrent", "host": "127.0.0.1:9", "username": "a", "password": "b"}
        async with http.request(verb, url, json=body) as resp:
            text = await resp.text()
            if resp.status == 405 or (resp.status == 404 and '"Not found."' in text):
                unrouted.append(f"{verb} {path}")
            elif path not in OPEN:
                assert resp.status == 401, (
                    f"{verb} {path} answered {resp.status} without a session: {text[:200]}"
                )
    assert not unrouted, unrouted


async def test_unknown_routes_and_methods_get_bilingual_errors(
    server: Server, http: aiohttp.ClientSession
) -> None:
    async with http.get(server.api + "/no/such/thing") as resp:
        assert resp.status == 404
        body = await resp.json()
        assert body == {"msg_en": "Not found.", "msg_zh": "请求的接口不存在。", "status": False}
    async with http.put(server.api + "/status") as resp:
        assert resp.status == 405
        assert (await resp.json())["msg_zh"]


def test_every_contract_method_has_an_http_binding() -> None:
    assert all(m.bindings for m in methods())
    assert len(methods()) >= 70


async def test_map_body_is_taken_as_the_map(ready: Server, http: aiohttp.ClientSession) -> None:
    """The WebUI PUTs the provider map bare, `{site: url}`, as AutoBangumi takes it."""
    providers = {
        "mikan": "https://mikan.example/RSS/Search?searchstr=%s",
        "mine": "https://x.example/rss?q=%s",
    }
    async with http.put(ready.api + "/search/provider/config", json=providers) as resp:
        assert resp.status == 200, await resp.text()
        assert await resp.json() == providers
    async with http.get(ready.api + "/search/provider/config") as resp:
        assert await resp.json() == providers
    async with http.get(ready.api + "/search/provider") as resp:
        assert sorted(await resp.json()) == ["mikan", "mine"]  # a protobuf map keeps no order
    async with http.put(ready.api + "/search/provider/config", json={"bad": "ftp://x/%s"}) as resp:
        assert resp.status == 422 and (await resp.json())["msg_zh"]
