"""A rule deleted from an aggregate feed stays deleted: the aggregate Mikan feed on the loopback
fakes, the `mock` downloader. Delete (with its torrents) → refresh → the rule is not made again
and nothing is downloaded again; the deletion is listed, and undoing it makes the rule again
from the feed's items and downloads its episodes once more."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path
from typing import Any

import aiohttp

from tests.feeds.conftest import Fakes, patch_config
from tests.feeds.test_e2e_qbittorrent import EXPECTED_DOWNLOADS
from tests.helpers import Server


async def _json(http: aiohttp.ClientSession, method: str, url: str, **kw: Any) -> Any:
    async with http.request(method, url, **kw) as resp:
        assert resp.status == 200, (url, resp.status, await resp.text())
        return await resp.json()


async def _rules(http: aiohttp.ClientSession, site: Server) -> dict[str, dict[str, Any]]:
    return {r["title_raw"]: r for r in await _json(http, "GET", site.api + "/bangumi/get/all")}


async def _held(http: aiohttp.ClientSession, site: Server) -> list[str]:
    return sorted(t["name"] for t in await _json(http, "GET", site.api + "/downloader/torrents"))


async def test_deleted_rule_is_not_made_again_until_restored(
    site: Server, http: aiohttp.ClientSession, fakes: Fakes, tmp_path: Path
) -> None:
    await patch_config(
        site, http, {"downloader": {"type": "mock", "host": "", "path": str(tmp_path / "lib")}}
    )
    feed_url = fakes.mikan.base + "/RSS/MyBangumi?token=token"
    body = {"name": "", "url": feed_url, "aggregate": True, "parser": "mikan"}
    await _json(http, "POST", site.api + "/rss/add", json=body)
    await _json(http, "GET", site.api + "/rss/refresh/all")
    rules = await _rules(http, site)
    everything = await _held(http, site)
    assert len(everything) == EXPECTED_DOWNLOADS
    healer, saint = rules["Yami Healer"], rules["Kanpekiseijo"]
    assert await _json(http, "GET", site.api + "/bangumi/forgotten") == []

    # AutoBangumi's own endpoint and answer; with its torrents (the user asked for that here).
    msg = await _json(http, "DELETE", site.api + f"/bangumi/delete/{healer['id']}", params={"file": "true"})
    assert msg["msg_en"] and msg["msg_zh"]
    without = await _held(http, site)
    assert len(without) == EXPECTED_DOWNLOADS - 2 and not any("Yami Healer" in n for n in without)

    await _json(http, "GET", site.api + "/rss/refresh/all")
    assert "Yami Healer" not in await _rules(http, site)
    assert await _held(http, site) == without  # nothing downloaded again

    (forgotten,) = await _json(http, "GET", site.api + "/bangumi/forgotten")
    assert (forgotten["title_raw"], forgotten["group_name"], forgotten["season"]) == (
        "Yami Healer",
        healer["group_name"],
        healer["season"],
    )
    assert forgotten["official_title"] == healer["official_title"]
    assert feed_url in forgotten["rss_link"]
    assert forgotten["forgotten_at"].endswith("+00:00")

    # An unknown id: a clear error in both languages, nothing changed.
    async with http.post(site.api + "/bangumi/forgotten/99999/restore") as resp:
        assert resp.status == 404, await resp.text()
        text = await resp.text()
    assert "99999" in text and "已删除规则" in text
    assert len(await _json(http, "GET", site.api + "/bangumi/forgotten")) == 1

    # Undo: the rule is made again at once (a refresh of its feed) and its episodes downloaded.
    msg = await _json(http, "POST", site.api + f"/bangumi/forgotten/{forgotten['id']}/restore")
    assert msg["msg_en"] and msg["msg_zh"]
    assert await _json(http, "GET", site.api + "/bangumi/forgotten") == []
    deadline = time.monotonic() + 30
    while await _held(http, site) != everything:
        assert time.monotonic() < deadline, "the restored rule's episodes were not downloaded again"
        await asyncio.sleep(0.2)
    back = (await _rules(http, site))["Yami Healer"]
    assert (back["official_title"], back["group_name"], back["season"]) == (
        healer["official_title"],
        healer["group_name"],
        healer["season"],
    )

    # Forgetting the memory alone (no refresh started): the next refresh makes the rule again.
    await _json(http, "DELETE", site.api + f"/bangumi/delete/{saint['id']}")
    await _json(http, "GET", site.api + "/rss/refresh/all")
    assert "Kanpekiseijo" not in await _rules(http, site)
    (memory,) = await _json(http, "GET", site.api + "/bangumi/forgotten")
    await _json(http, "DELETE", site.api + f"/bangumi/forgotten/{memory['id']}")
    assert await _json(http, "GET", site.api + "/bangumi/forgotten") == []
    await _json(http, "GET", site.api + "/rss/refresh/all")
    assert "Kanpekiseijo" in await _rules(http, site)
