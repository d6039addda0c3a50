"""Rename templates against a real qBittorrent: the preview shows the template and the names it
gives, the run gives exactly those, and a template writing the version still keeps one file per
episode when a v2 arrives."""

from __future__ import annotations

import os
from typing import Any

from .conftest import Lib, listing

TEMPLATE = "{title} S{season}E{episode} [{group}][{resolution}]"


def blob(tag: str) -> bytes:
    return (tag.encode() + b"|") * 4000 + os.urandom(64)


async def set_template(lib: Lib, template: str) -> None:
    body = {"bangumi_manage": {"rename_template": template}}
    async with lib.http.patch(lib.server.api + "/config/update", json=body) as resp:
        assert resp.status == 200, await resp.text()


async def preview_body(lib: Lib, h: str) -> dict[str, Any]:
    async with lib.http.get(lib.server.api + "/bangumi/rename/preview", params={"hash": h}) as resp:
        assert resp.status == 200, await resp.text()
        return dict(await resp.json())


async def test_the_preview_shows_the_template_and_the_run_follows_it(lib: Lib) -> None:
    await set_template(lib, TEMPLATE)
    rid = await lib.rule("Frieren", title_raw="Frieren")
    save = lib.root / "Frieren" / "Season 1"
    files = {
        "[LoliHouse] Frieren - 05 [WebRip 1080p HEVC-10bit AAC].mkv": blob("e5"),
        "[LoliHouse] Frieren - 05 [WebRip 1080p HEVC-10bit AAC].chs.ass": blob("e5sub"),
    }
    h = await lib.add(save, files, name="[LoliHouse] Frieren - 05 [WebRip 1080p]", tags=(f"ab:{rid}",))
    body = await preview_body(lib, h)
    assert (body["method"], body["template"]) == ("pn", TEMPLATE)
    assert {(i["old_path"], i["new_path"], i["status"]) for i in body["items"]} == {
        ("[LoliHouse] Frieren - 05 [WebRip 1080p HEVC-10bit AAC].mkv",
         "Frieren S01E05 [LoliHouse][1080p].mkv", "rename"),
        ("[LoliHouse] Frieren - 05 [WebRip 1080p HEVC-10bit AAC].chs.ass",
         "Frieren S01E05 [LoliHouse][1080p].zh.ass", "rename"),
    }  # fmt: skip
    assert listing(save) == set(files), "the preview changed nothing"
    await lib.run()
    assert listing(save) == {
        "Frieren S01E05 [LoliHouse][1080p].mkv",
        "Frieren S01E05 [LoliHouse][1080p].zh.ass",
    }
    name = "[LoliHouse] Frieren - 05 [WebRip 1080p HEVC-10bit AAC].mkv"
    assert (save / "Frieren S01E05 [LoliHouse][1080p].mkv").read_bytes() == files[name]
    assert lib.info(h), "the torrent keeps seeding"
    # Afterwards the preview says it is done, under the template's name.
    after = await preview_body(lib, h)
    assert {i["status"] for i in after["items"]} == {"unchanged"}


async def test_methods_that_rename_nothing_show_no_template(lib: Lib) -> None:
    await set_template(lib, TEMPLATE)
    async with lib.http.patch(lib.server.api + "/config/update",
                              json={"bangumi_manage": {"rename_method": "none"}}) as resp:  # fmt: skip
        assert resp.status == 200
    rid = await lib.rule("Mushoku", title_raw="Mushoku")
    save = lib.root / "Mushoku" / "Season 1"
    h = await lib.add(save, {"[G] Mushoku - 01 [1080p].mkv": blob("1")}, tags=(f"ab:{rid}",))
    body = await preview_body(lib, h)
    assert (body["method"], body["template"]) == ("none", "")
    assert {i["status"] for i in body["items"]} == {"unchanged"}
    await lib.run()
    assert listing(save) == {"[G] Mushoku - 01 [1080p].mkv"}


async def test_a_v2_under_a_name_with_its_version_leaves_one_episode_file(lib: Lib) -> None:
    await set_template(lib, "{title} S{season}E{episode} {version}")
    rid = await lib.rule("Frieren", title_raw="Frieren")
    save = lib.root / "Frieren" / "Season 1"
    v1 = {"[G] Frieren - 07 [1080p].mkv": blob("v1")}
    h1 = await lib.add(save, v1, tags=(f"ab:{rid}",))
    await lib.run()
    assert listing(save) == {"Frieren S01E07.mkv"}

    v2 = {"[G] Frieren - 07v2 [1080p].mkv": blob("v2")}
    h2 = await lib.add(save, v2, tags=(f"ab:{rid}",))
    body = await preview_body(lib, h2)
    assert [(i["new_path"], i["status"]) for i in body["items"]] == [("Frieren S01E07 v2.mkv", "rename")]
    await lib.run()
    # One episode file; the older one renamed aside beside it, nothing deleted.
    assert listing(save) == {"Frieren S01E07 v2.mkv", "Frieren S01E07.mkv.v1.superseded"}
    assert (save / "Frieren S01E07 v2.mkv").read_bytes() == v2["[G] Frieren - 07v2 [1080p].mkv"]
    assert (save / "Frieren S01E07.mkv.v1.superseded").read_bytes() == v1["[G] Frieren - 07 [1080p].mkv"]
    assert lib.info(h1) and lib.info(h2), "both torrents keep seeding"


async def test_a_rules_own_template_wins_over_the_configured_one(lib: Lib) -> None:
    """A rule's rename_template (saved through the API, checked there) names its files; the
    preview of that rule shows it; another rule keeps the configured template."""
    await set_template(lib, TEMPLATE)
    own = "{title} - {season}x{episode}"
    rid = await lib.rule("Frieren", title_raw="Frieren")
    other = await lib.rule("Dandadan", title_raw="Dandadan")
    async with lib.http.get(lib.server.api + f"/bangumi/get/{rid}") as resp:
        rule = await resp.json()
    async with lib.http.patch(
        lib.server.api + f"/bangumi/update/{rid}", json=rule | {"rename_template": own, "id": None}
    ) as resp:
        assert resp.status == 200, await resp.text()
    save = lib.root / "Frieren" / "Season 1"
    video = "[LoliHouse] Frieren - 05 [WebRip 1080p HEVC-10bit AAC].mkv"
    await lib.add(save, {video: blob("f5")}, tags=(f"ab:{rid}",))
    other_save = lib.root / "Dandadan" / "Season 1"
    other_video = "[LoliHouse] Dandadan - 03 [WebRip 1080p HEVC-10bit AAC].mkv"
    await lib.add(other_save, {other_video: blob("d3")}, tags=(f"ab:{other}",))
    async with lib.http.get(lib.server.api + "/bangumi/rename/preview", params={"bangumi_id": rid}) as resp:
        assert resp.status == 200, await resp.text()
        body = await resp.json()
    assert body["template"] == own
    assert [(i["old_path"], i["new_path"]) for i in body["items"]] == [(video, "Frieren - 01x05.mkv")]
    await lib.run()
    assert listing(save) == {"Frieren - 01x05.mkv"}
    assert listing(other_save) == {"Dandadan S01E03 [LoliHouse][1080p].mkv"}


async def test_the_preview_by_hash_shows_the_torrents_rule_template(lib: Lib) -> None:
    """By torrent hash the preview shows the template of the torrent's rule (not the configured
    one), names the files with it, and the run gives exactly those names."""
    await set_template(lib, TEMPLATE)
    own = "{title} - {season}x{episode}"
    rid = await lib.rule("Frieren", title_raw="Frieren")
    other = await lib.rule("Dandadan", title_raw="Dandadan")
    async with lib.http.get(lib.server.api + f"/bangumi/get/{rid}") as resp:
        rule = await resp.json()
    async with lib.http.patch(
        lib.server.api + f"/bangumi/update/{rid}", json=rule | {"rename_template": own, "id": None}
    ) as resp:
        assert resp.status == 200, await resp.text()
    save = lib.root / "Frieren" / "Season 1"
    video = "[LoliHouse] Frieren - 06 [WebRip 1080p HEVC-10bit AAC].mkv"
    h = await lib.add(save, {video: blob("f6")}, tags=(f"ab:{rid}",))
    other_save = lib.root / "Dandadan" / "Season 1"
    other_video = "[LoliHouse] Dandadan - 04 [WebRip 1080p HEVC-10bit AAC].mkv"
    oh = await lib.add(other_save, {other_video: blob("d4")}, tags=(f"ab:{other}",))
    body = await preview_body(lib, h)
    assert body["template"] == own
    planned = [(i["old_path"], i["new_path"], i["status"]) for i in body["items"]]
    assert planned == [(video, "Frieren - 01x06.mkv", "rename")]
    other_body = await preview_body(lib, oh)
    assert other_body["template"] == TEMPLATE, "a rule without its own keeps the configured one"
    assert listing(save) == {video}, "the preview changed nothing"
    await lib.run()
    assert listing(save) == {new for _old, new, _s in planned}
    assert listing(other_save) == {i["new_path"] for i in other_body["items"]}
