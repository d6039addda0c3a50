"""The web page's own API, status side: the overview, downloads with their rename state, and the
connection tests after setup. Real qBittorrent (the library suite's), real renamer, fake sites
and a real forward proxy on loopback."""

from __future__ import annotations

import socket
from typing import Any

import aiohttp
import pytest
from sqlalchemy import update

from autobangumi_daemon.db.models import Bangumi
from tests.downloaders.conftest import wait_until
from tests.feeds import conftest as feeds
from tests.feeds.conftest import Fakes, patch_config
from tests.feeds.fakes import HttpProxy
from tests.helpers import new_session
from tests.library import conftest as library
from tests.library.conftest import Lib

# The library suite's qBittorrent seeded with finished torrents, and the feed suite's fakes.
lib = library.lib
lib_qbt = library.lib_qbt
lib_qbt_session = library.lib_qbt_session
_fast_fetches = feeds._fast_fetches
fakes = feeds.fakes
http_proxy = feeds.http_proxy

DOWNLOAD_KEYS = {
    "hash", "name", "state", "progress", "dlspeed", "upspeed", "size", "eta", "save_path", "bangumi_id",
    "added_at", "rename_state", "rename_detail_en", "rename_detail_zh",
}  # fmt: skip


async def _call(http: aiohttp.ClientSession, method: str, url: str, status: int = 200, **kw: Any) -> Any:
    async with http.request(method, url, **kw) as resp:
        body = await resp.json()
        assert resp.status == status, (method, url, resp.status, body)
    return body


def _bilingual(body: dict[str, Any], *words: str) -> None:
    en, zh = body.get("msg_en") or body.get("message_en"), body.get("msg_zh") or body.get("message_zh")
    assert en and zh and en != zh, body
    assert any("\u4e00" <= ch <= "\u9fff" for ch in zh), body
    for word in words:
        assert word in en and word in zh, (word, body)


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


# -- overview --------------------------------------------------------------------------------
async def test_overview_counts_and_downloader(lib: Lib) -> None:
    http, server = lib.http, lib.server
    body = await _call(http, "GET", server.api + "/overview")
    assert body["first_run"] is False and body["version"] == lib.ctx.version
    # The library fixture stops the program: nothing is scheduled.
    assert body["program_running"] is False and body["next_refresh_at"] is None
    dl = body["downloader"]
    assert dl["type"] == "qbittorrent" and dl["host"] == lib.qbt.host and dl["reachable"] is True
    assert dl["version"] and dl["version"] in dl["message_en"] and dl["version"] in dl["message_zh"]
    assert body["rules"] == 0 and body["feeds"] == 0 and body["last_refresh_at"] is None
    assert body["held_renames"] == body["failed_renames"] == body["episodes_this_week"] == 0

    active = await lib.rule("Dandadan", title_raw="Dandadan")
    await lib.rule("Old Show", archived=True)
    await lib.rule("Off Show", deleted=True)
    async with lib.ctx.db.begin() as s:
        await s.execute(update(Bangumi).where(Bangumi.id == active).values(needs_review=True))
    # A feed nobody answers: its refresh fails and is counted.
    await _call(
        http,
        "POST",
        server.api + "/rss/add",
        json={"url": f"http://127.0.0.2:{_closed_port()}/rss", "name": "x"},
    )
    await _call(http, "GET", server.api + "/rss/refresh/all")
    # A held rename: the target name is taken on disk by the user's own file.
    save = lib.root / "Dandadan" / "Season 1"
    save.mkdir(parents=True)
    (save / "Dandadan S01E09.mkv").write_bytes(b"the user's own file")
    await lib.add(save, {"[G] Dandadan - 09 [1080p].mkv": b"9" * 40000}, tags=(f"ab:{active}",))
    await lib.run()
    await _call(http, "GET", server.api + "/start")

    body = await _call(http, "GET", server.api + "/overview")
    assert (body["rules"], body["rules_active"], body["rules_archived"], body["rules_needing_review"]) == (
        3,
        1,
        1,
        1,
    )
    assert body["feeds"] == 1 and body["feeds_with_errors"] == 1
    assert body["last_refresh_at"] and body["last_refresh_at"].endswith("+00:00")
    assert body["held_renames"] == 1 and body["failed_renames"] == 0
    assert body["program_running"] is True and body["next_refresh_at"].endswith("+00:00")

    # The downloader gone: said in both languages, quickly.
    await patch_config(server, http, {"downloader": {"host": f"127.0.0.1:{_closed_port()}"}})
    dl = (await _call(http, "GET", server.api + "/overview"))["downloader"]
    assert dl["reachable"] is False and dl["version"] is None
    _bilingual(dl)
    async with new_session() as anon:
        _bilingual(await _call(anon, "GET", server.api + "/overview", 401))


# -- downloads -------------------------------------------------------------------------------
async def test_downloads_with_rename_state(lib: Lib) -> None:
    http, server = lib.http, lib.server
    rid = await lib.rule("Dandadan", title_raw="Dandadan")
    save = lib.root / "Dandadan" / "Season 1"
    save.mkdir(parents=True)
    (save / "Dandadan S01E09.mkv").write_bytes(b"the user's own file")
    held = await lib.add(save, {"[G] Dandadan - 09 [1080p].mkv": b"9" * 40000}, tags=(f"ab:{rid}",))
    renamed = await lib.add(save, {"[G] Dandadan - 10 [1080p].mkv": b"10" * 20000}, tags=(f"ab:{rid}",))
    odd = await lib.add(save, {"notes.mkv": b"n" * 30000}, tags=(f"ab:{rid}",))
    # The user's own torrent in another category is never listed.
    mine = await lib.add(lib.root / "mine", {"mine.mkv": b"m" * 30000}, category="Movies")

    before = {t["hash"]: t for t in (await _call(http, "GET", server.api + "/downloads"))["torrents"]}
    assert set(before) == {held, renamed, odd} and mine not in before
    for t in before.values():
        assert set(t) == DOWNLOAD_KEYS and t["bangumi_id"] == rid and t["progress"] == 1.0
        assert (
            t["state"] in ("seeding", "completed") and t["eta"] is None and t["added_at"].endswith("+00:00")
        )
        assert t["rename_state"] == "pending" and t["rename_detail_en"] == "Renamed at the next rename run"
        assert t["rename_detail_zh"] and t["size"] > 0 and t["save_path"] == str(save)

    await lib.run()
    after = {t["hash"]: t for t in (await _call(http, "GET", server.api + "/downloads"))["torrents"]}
    assert after[renamed]["rename_state"] == "renamed"
    assert after[renamed]["rename_detail_en"] == "Renamed (1 file)"
    assert after[held]["rename_state"] == "held" and after[held]["rename_detail_en"].startswith(
        "Held for review: "
    )
    assert after[held]["rename_detail_zh"].startswith("已暂缓")
    assert any("\u4e00" <= ch <= "\u9fff" for ch in after[held]["rename_detail_zh"][6:])
    assert after[odd]["rename_state"] == "unparsed" and after[odd]["rename_detail_en"].startswith(
        "Not renamed"
    )

    # Pause and delete go through the existing downloader routes; files stay unless asked.
    await _call(http, "POST", server.api + "/downloader/torrents/pause", json={"hashes": [renamed]})

    async def paused() -> bool:
        listed = (await _call(http, "GET", server.api + "/downloads"))["torrents"]
        return bool(next(t for t in listed if t["hash"] == renamed)["state"] == "completed")

    # qBittorrent applies a pause a moment later.
    await wait_until(paused, limit=10, what="the paused torrent listed as completed")
    await _call(http, "POST", server.api + "/downloader/torrents/delete", json={"hashes": [renamed]})
    left = {t["hash"] for t in (await _call(http, "GET", server.api + "/downloads"))["torrents"]}
    assert left == {held, odd} and (save / "Dandadan S01E10.mkv").is_file()

    # The downloader gone: 503 in both languages.
    await patch_config(server, http, {"downloader": {"host": f"127.0.0.1:{_closed_port()}"}})
    _bilingual(await _call(http, "GET", server.api + "/downloads", 503))
    async with new_session() as anon:
        _bilingual(await _call(anon, "GET", server.api + "/downloads", 401))


# -- connection tests after setup ----------------------------------------------------------
async def test_downloader_test_after_setup(lib: Lib) -> None:
    http, server, qbt = lib.http, lib.server, lib.qbt
    url = server.api + "/downloader/test"
    body = {"type": "qbittorrent", "host": qbt.host, "username": qbt.username, "ssl": False}
    ok = await _call(http, "POST", url, json=body | {"password": qbt.password})
    assert ok["success"] is True and ok["message_en"].startswith("Connected to qBittorrent")
    # Empty or masked: the saved password (the fixture saved the right one).
    for masked in ("", "********"):
        got = await _call(http, "POST", url, json=body | {"password": masked})
        assert got["success"] is True, got
    bad = await _call(http, "POST", url, json=body | {"password": "wrong-password"})
    assert bad["success"] is False and "rejected" in bad["message_en"] and bad["message_zh"]
    gone = await _call(
        http, "POST", url, json=body | {"host": f"127.0.0.1:{_closed_port()}", "password": "x"}
    )
    assert gone["success"] is False and gone["message_zh"]
    _bilingual(await _call(http, "POST", url, 422, json=body | {"host": " "}), "host")
    # The wizard's own test is closed after setup; this one is for the logged-in user only.
    async with http.post(server.api + "/setup/test-downloader", json=body) as resp:
        assert resp.status == 403
    async with new_session() as anon:
        _bilingual(await _call(anon, "POST", url, 401, json=body))


async def test_network_test_through_the_proxy(
    lib: Lib, fakes: Fakes, http_proxy: HttpProxy, monkeypatch: pytest.MonkeyPatch
) -> None:
    http, server = lib.http, lib.server
    url = server.api + "/network/test"
    feed = fakes.mikan.base + "/RSS/Bangumi?bangumiId=3599&subgroupid=370"
    direct = await _call(http, "POST", url, json={"url": feed})
    assert direct["success"] is True and direct["message_en"].startswith("HTTP 200 in ")
    assert "ms" in direct["message_en"] and "毫秒" in direct["message_zh"]
    assert "Mikan" not in direct["message_en"] + direct["message_zh"]  # the body is never echoed
    # Loopback and the LAN answer as a feed fetch would: refused, naming the opt-in for LAN sources.
    own = await _call(http, "POST", url, json={"url": server.api + "/health"})
    assert own["success"] is False and "AB_FETCH_ALLOW_NETWORKS" in own["message_en"], own
    assert "AB_FETCH_ALLOW_NETWORKS" in own["message_zh"]
    missing = await _call(http, "POST", url, json={"url": fakes.mikan.base + "/nothing"})
    assert missing["success"] is False and missing["message_en"].startswith("HTTP 404")

    await patch_config(
        server,
        http,
        {"proxy": {"enable": True, "type": "http", "host": "127.0.0.1", "port": http_proxy.port}},
    )
    proxied = await _call(http, "POST", url, json={"url": feed})
    assert proxied["success"] is True and f"proxy 127.0.0.1:{http_proxy.port}" in proxied["message_en"]
    assert http_proxy.requests >= 1 and feed in http_proxy.targets[-1]
    # A proxy that is not there: no answer, said in both languages.
    await patch_config(server, http, {"proxy": {"port": _closed_port()}})
    down = await _call(http, "POST", url, json={"url": feed})
    assert down["success"] is False and down["message_en"].startswith("No answer through the http proxy")
    assert "代理" in down["message_zh"]

    for bad in ("file:///etc/passwd", "ftp://127.0.0.1/x", "gopher://x", "not a url", ""):
        _bilingual(await _call(http, "POST", url, 422, json={"url": bad}), "url")
    async with new_session() as anon:
        _bilingual(await _call(anon, "POST", url, 401, json={"url": feed}))
