"""After a real placing run against a real qBittorrent: Jellyfin, Emby and Plex (local fakes
recording the exact requests) are asked to scan the episode's library folder, a failing server
holds nothing up, and the .nfo files and the poster are written beside the library files, never
over a user's own."""

from __future__ import annotations

import json
import os
from typing import Any

import pytest

from autobangumi_daemon.library.nfo import episode_nfo

from .conftest import FakeNotifier, Lib, listing
from .test_library_mediaserver import PLEX_SECTIONS, Fake, fake

__all__ = ["fake"]


async def test_media_servers_scan_the_folder_and_metadata_is_written(
    lib: Lib, fake: Fake, monkeypatch: pytest.MonkeyPatch
) -> None:
    library = lib.root / "Library"
    show = library / "夏日口袋 (2025)"
    season = show / "Season 1"
    monkeypatch.setitem(
        PLEX_SECTIONS["MediaContainer"],
        "Directory",
        [
            {"key": "7", "type": "show", "Location": [{"id": 7, "path": str(library)}]},
            {"key": "8", "type": "show", "Location": [{"id": 8, "path": str(lib.root)}]},
        ],
    )
    body: dict[str, Any] = {
        "downloader": {"library_root": str(library)},
        "media_server": {
            "servers": [
                {"type": "jellyfin", "url": fake.url, "token": "jf-token", "enabled": True},
                {"type": "emby", "url": fake.url, "token": "emby-token", "enabled": True},
                {"type": "plex", "url": fake.url + "/", "token": "plex-token", "enabled": True},
                {"type": "jellyfin", "url": "http://127.0.0.1:9", "token": "x", "enabled": False},
            ],
            "write_nfo": True,
            "write_poster": True,
        },
    }
    async with lib.http.patch(lib.server.api + "/config/update", json=body) as resp:
        assert resp.status == 200, await resp.text()
    poster = lib.ctx.paths.posters_dir / "sp.jpg"
    poster.write_bytes(b"\xff\xd8\xff poster bytes")
    rid = await lib.rule("夏日口袋", year="2025", title_raw="Summer Pockets", poster_link="posters/sp.jpg")
    show.mkdir(parents=True)
    (show / "tvshow.nfo").write_bytes(b"<tvshow><title>mine</title></tvshow>")  # the user's own
    save = lib.root / "downloads" / "夏日口袋" / "Season 1"
    name = "[LoliHouse] Summer Pockets - 03 [WebRip 1080p HEVC-10bit AAC].mkv"
    await lib.add(save, {name: os.urandom(50_000)}, tags=(f"ab:{rid}",))

    await lib.run()
    folder = str(season)
    seen = [(s.method, s.path) for s in fake.seen]
    assert seen == [
        ("POST", "/Library/Media/Updated"),
        ("POST", "/emby/Library/Media/Updated"),
        ("GET", "/library/sections"),
        ("GET", "/library/sections/7/refresh"),
    ]
    jf, emby, sections, refresh = fake.seen
    update = {"Updates": [{"Path": folder, "UpdateType": "Created"}]}
    assert json.loads(jf.body) == update and json.loads(emby.body) == update
    assert jf.headers["Authorization"] == 'MediaBrowser Token="jf-token"'
    assert jf.headers["Content-Type"] == "application/json"
    assert emby.headers["X-Emby-Token"] == "emby-token"
    assert (
        sections.headers["X-Plex-Token"] == "plex-token" and sections.headers["Accept"] == "application/json"
    )
    assert refresh.query == {"path": folder, "X-Plex-Token": "plex-token"}

    assert listing(show) == {
        "tvshow.nfo",
        "poster.jpg",
        "Season 1/Summer Pockets S01E03.mkv",
        "Season 1/Summer Pockets S01E03.nfo",
    }
    assert (show / "tvshow.nfo").read_bytes() == b"<tvshow><title>mine</title></tvshow>"
    assert (show / "poster.jpg").read_bytes() == poster.read_bytes()
    assert (season / "Summer Pockets S01E03.nfo").read_bytes() == episode_nfo("夏日口袋", 1, 3)

    # A media server that fails does not hold up placing or the notice of the next episode.
    fake.status = 500
    lib.ctx.notifier = FakeNotifier()  # type: ignore[assignment]
    n4 = "[LoliHouse] Summer Pockets - 04 [WebRip 1080p HEVC-10bit AAC].mkv"
    await lib.add(save, {n4: os.urandom(50_000)}, tags=(f"ab:{rid}",))
    body2 = await lib.run()
    assert "1 renamed" in body2["msg_en"], body2
    assert (season / "Summer Pockets S01E04.mkv").is_file()
    notifier = lib.ctx.notifier
    assert isinstance(notifier, FakeNotifier) and notifier.sent == [("夏日口袋", 1, 4, "posters/sp.jpg")]
    assert len(fake.seen) == 7  # jellyfin, emby and plex's section list, each refused


async def test_a_media_server_elsewhere_is_sent_the_folder_as_it_sees_it(
    lib: Lib, fake: Fake, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Jellyfin and Plex in Docker see the library as /media; a bad mapping is refused when saved
    (in both languages) and changes nothing."""
    library = lib.root / "Library"
    monkeypatch.setitem(
        PLEX_SECTIONS["MediaContainer"],
        "Directory",
        [{"key": "3", "type": "show", "Location": [{"id": 3, "path": "/media"}]}],
    )
    mapping = [{"local_path": str(library), "server_path": "/media"}]
    servers = [
        {"type": "jellyfin", "url": fake.url, "token": "t", "enabled": True, "path_mappings": mapping},
        {"type": "plex", "url": fake.url, "token": "p", "enabled": True, "path_mappings": mapping},
    ]
    for bad, named in (
        ([{"local_path": "Library", "server_path": "/media"}], "server_path and local_path"),
        ([*mapping, {"local_path": str(library) + "/", "server_path": "/other"}], "mapped twice"),
    ):
        body = {"media_server": {"servers": [servers[0] | {"path_mappings": bad}]}}
        async with lib.http.patch(lib.server.api + "/config/update", json=body) as resp:
            assert resp.status == 422, await resp.text()
            err = await resp.json()
        assert named in err["msg_en"] and "media_server.servers[0].path_mappings[" in err["msg_en"], err
        assert "绝对路径" in err["msg_zh"] or "重复映射" in err["msg_zh"], err
    async with lib.http.get(lib.server.api + "/config/get") as resp:
        assert (await resp.json())["media_server"]["servers"] == []

    body = {"downloader": {"library_root": str(library)}, "media_server": {"servers": servers}}
    async with lib.http.patch(lib.server.api + "/config/update", json=body) as resp:
        assert resp.status == 200, await resp.text()
    async with lib.http.get(lib.server.api + "/config/get") as resp:
        saved = (await resp.json())["media_server"]["servers"]
    assert [s["path_mappings"] for s in saved] == [mapping, mapping]
    rid = await lib.rule("夏日口袋", year="2025", title_raw="Summer Pockets")
    save = lib.root / "downloads" / "夏日口袋" / "Season 1"
    name = "[LoliHouse] Summer Pockets - 05 [WebRip 1080p HEVC-10bit AAC].mkv"
    await lib.add(save, {name: os.urandom(20_000)}, tags=(f"ab:{rid}",))
    await lib.run()
    assert (library / "夏日口袋 (2025)" / "Season 1" / "Summer Pockets S01E05.mkv").is_file()
    seen = [(s.method, s.path) for s in fake.seen]
    assert seen == [
        ("POST", "/Library/Media/Updated"),
        ("GET", "/library/sections"),
        ("GET", "/library/sections/3/refresh"),
    ]
    jf, _sections, refresh = fake.seen
    folder = "/media/夏日口袋 (2025)/Season 1"
    assert json.loads(jf.body) == {"Updates": [{"Path": folder, "UpdateType": "Created"}]}
    assert refresh.query == {"path": folder, "X-Plex-Token": "p"}
