"""Cross-site requests riding on the login cookie are refused on every state-changing route
(GET ones included); reads, same-origin requests and Bearer tokens work as before."""

from __future__ import annotations

import aiohttp
import pytest

from autobangumi.contract import methods
from autobangumi_bridge.guard import state_changing
from tests.helpers import Server, login, new_session
from tests.security.sechelp import bilingual, status_of

CROSS_SITE = [
    {"Sec-Fetch-Site": "cross-site"},
    {"Sec-Fetch-Site": "same-site"},
    {"Origin": "http://evil.example"},
    {"Origin": "null"},
]


def test_state_changing_routes_come_from_the_route_table() -> None:
    changing = {(b.verb, b.path) for m in methods() for b in m.bindings if state_changing(b.verb, m)}
    reads = {(b.verb, b.path) for m in methods() for b in m.bindings} - changing
    for path in (
        "/api/v1/stop",
        "/api/v1/start",
        "/api/v1/restart",
        "/api/v1/shutdown",
        "/api/v1/bangumi/reset/all",
        "/api/v1/log/clear",
        "/api/v1/auth/logout",
        "/api/v1/rss/refresh/all",
        "/api/v1/bangumi/enable/{bangumi_id}",
    ):
        assert ("GET", path) in changing, path
    for path in ("/api/v1/status", "/api/v1/bangumi/get/all", "/api/v1/config/get", "/api/v1/log"):
        assert ("GET", path) in reads, path
    assert all(verb == "GET" for verb, _ in reads)


@pytest.mark.parametrize("headers", CROSS_SITE, ids=lambda h: "-".join(f"{k}={v}" for k, v in h.items()))
async def test_cross_site_cookie_requests_are_refused(
    ready: Server, http: aiohttp.ClientSession, headers: dict[str, str]
) -> None:
    api = ready.api
    async with http.post(api + "/rss/add", json={"url": "http://127.0.0.2:1/feed.xml", "name": "x"}) as r:
        assert r.status == 200, await r.text()
    for method, path, body in (
        ("GET", "/stop", None),
        ("GET", "/shutdown", None),
        ("GET", "/bangumi/reset/all", None),
        ("GET", "/log/clear", None),
        ("POST", "/rss/add", {"url": "http://127.0.0.2:1/other.xml", "name": "y"}),
        ("PATCH", "/config/update", {"program": {"rss_time": 1234}}),
        ("POST", "/auth/update", {"password": "hijacked-pass-1"}),
        ("DELETE", "/rss/delete/1", None),
    ):
        async with http.request(method, api + path, json=body, headers=headers) as resp:
            assert resp.status == 403, (method, path, await resp.text())
            bilingual(await resp.json())
    # Nothing changed: still running, one feed, the config and password as they were.
    async with http.get(api + "/status") as resp:
        assert (await resp.json())["status"] is True
    async with http.get(api + "/rss") as resp:
        assert [f["url"] for f in await resp.json()] == ["http://127.0.0.2:1/feed.xml"]
    async with http.get(api + "/config/get") as resp:
        assert (await resp.json())["program"]["rss_time"] != 1234
    # Reads answer a cross-site request as before (the browser keeps the answer from the page).
    for path in ("/status", "/bangumi/get/all", "/config/get"):
        assert await status_of(http, "GET", api + path, headers=headers) == 200


async def test_same_origin_and_bearer_requests_are_accepted(
    ready: Server, http: aiohttp.ClientSession
) -> None:
    api = ready.api
    host = ready.base.removeprefix("http://")
    same = [
        {"Sec-Fetch-Site": "same-origin", "Origin": ready.base},
        {"Origin": ready.base},
        {"Origin": f"http://{host}", "Host": host},
        {"Sec-Fetch-Site": "none"},  # typed into the address bar
        {},  # not a browser
    ]
    for headers in same:
        assert await status_of(http, "GET", api + "/stop", headers=headers) == 200, headers
        assert await status_of(http, "GET", api + "/start", headers=headers) == 200, headers
    async with new_session() as other:
        token = await login(ready, other)
    async with aiohttp.ClientSession() as anon:
        bearer = {
            "Authorization": f"Bearer {token}",
            "Sec-Fetch-Site": "cross-site",
            "Origin": "http://x.example",
        }
        assert await status_of(anon, "GET", api + "/stop", headers=bearer) == 200
        assert await status_of(anon, "GET", api + "/start", headers=bearer) == 200


async def test_a_cross_site_page_cannot_log_in_or_complete_setup(
    server: Server, http: aiohttp.ClientSession
) -> None:
    body = {"username": "intruder", "password": "intruder-pass-1", "downloader_host": "127.0.0.1:8080"}
    async with http.post(
        server.api + "/setup/complete", json=body, headers={"Sec-Fetch-Site": "cross-site"}
    ) as resp:
        assert resp.status == 403
        bilingual(await resp.json())
    async with http.get(server.api + "/setup/status") as resp:
        assert (await resp.json())["need_setup"] is True
