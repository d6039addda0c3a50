"""Config: masking round trip, partial updates, validation that changes nothing."""

from __future__ import annotations

import json

import aiohttp

from tests.helpers import Server


def _on_disk(server: Server) -> dict:  # type: ignore[type-arg]
    return json.loads(server.paths.config_file.read_text())


async def _get(server: Server, http: aiohttp.ClientSession) -> dict:  # type: ignore[type-arg]
    async with http.get(server.api + "/config/get") as resp:
        assert resp.status == 200
        return await resp.json()  # type: ignore[no-any-return]


async def test_defaults_and_masking(ready: Server, http: aiohttp.ClientSession) -> None:
    cfg = await _get(ready, http)
    assert set(cfg) == {
        "program",
        "downloader",
        "rss_parser",
        "bangumi_manage",
        "log",
        "proxy",
        "notification",
        "experimental_openai",
        "security",
        "network",
        # This project's addition: downloader instances besides the default `downloader`.
        "downloaders",
        "preference",
        "media_server",
    }
    assert cfg["preference"] == {
        "order": ["subtitle", "group", "resolution", "codec", "bitdepth", "source", "version"],
        "subtitles": [],
        "groups": [],
        "resolutions": [],
        "codecs": [],
        "sources": [],
        "delay_minutes": 0,
        "remove_superseded": False,
    }
    assert cfg["downloaders"] == []
    assert cfg["media_server"] == {"servers": [], "write_nfo": False, "write_poster": False}
    assert (cfg["downloader"]["library_root"], cfg["downloader"]["library_mode"]) == ("", "")
    assert cfg["downloader"]["path_mappings"] == []
    assert cfg["program"] == {"rss_time": 900, "rename_time": 60, "webui_port": 7892}
    assert cfg["rss_parser"]["filter"] == ["720", "\\d+-\\d+"]
    assert cfg["notification"] == {
        "enable": False,
        "providers": [],
        "type": None,
        "token": None,
        "chat_id": None,
        # This project's additions: the public address of poster links, and the digest.
        "base_url": "",
        "digest_minutes": 0,
        "on_complete": False,
    }
    assert cfg["downloader"]["password"] == "********"
    assert _on_disk(ready)["downloader"]["password"] == "qb-secret-pw"


async def test_masked_round_trip_keeps_every_secret(ready: Server, http: aiohttp.ClientSession) -> None:
    patch = {
        "security": {"login_tokens": ["tok-aaaaaaaa", "tok-bbbbbbbb"]},
        "experimental_openai": {"api_key": "sk-live-123"},
        "notification": {
            "enable": True,
            "providers": [{"type": "telegram", "enabled": True, "token": "bot:1", "chat_id": "42"}],
        },
        "proxy": {"password": "proxy-pw"},
    }
    async with http.patch(ready.api + "/config/update", json=patch) as resp:
        assert resp.status == 200, await resp.text()
    cfg = await _get(ready, http)
    assert cfg["security"]["login_tokens"] == ["********", "********"]
    assert cfg["experimental_openai"]["api_key"] == "********"
    assert cfg["notification"]["providers"][0]["token"] == "********"
    assert cfg["notification"]["providers"][0]["chat_id"] == "42"
    # The WebUI saves by sending the whole GET body back, extra keys included.
    cfg["program"]["rss_time"] = 1200
    cfg["unknown_extra"] = {"x": 1}
    async with http.patch(ready.api + "/config/update", json=cfg) as resp:
        assert resp.status == 200, await resp.text()
        assert (await resp.json()) == {"msg_en": "Update config successfully.", "msg_zh": "更新配置成功。"}
    disk = _on_disk(ready)
    assert disk["program"]["rss_time"] == 1200
    assert disk["downloader"]["password"] == "qb-secret-pw"
    assert disk["security"]["login_tokens"] == ["tok-aaaaaaaa", "tok-bbbbbbbb"]
    assert disk["experimental_openai"]["api_key"] == "sk-live-123"
    assert disk["notification"]["providers"][0]["token"] == "bot:1"
    assert disk["proxy"]["password"] == "proxy-pw"
    assert "unknown_extra" not in disk


async def test_partial_update_changes_only_what_was_sent(ready: Server, http: aiohttp.ClientSession) -> None:
    before = _on_disk(ready)
    async with http.patch(ready.api + "/config/update", json={"program": {"rename_time": 30}}) as resp:
        assert resp.status == 200
    after = _on_disk(ready)
    assert after["program"] == {**before["program"], "rename_time": 30}
    before["program"]["rename_time"] = 30
    assert after == before
    # A false/zero value is a real change, not "absent".
    async with http.patch(ready.api + "/config/update", json={"rss_parser": {"enable": False}}) as resp:
        assert resp.status == 200
    assert _on_disk(ready)["rss_parser"]["enable"] is False


async def test_bad_types_and_values_are_rejected_and_nothing_is_written(
    ready: Server, http: aiohttp.ClientSession
) -> None:
    before = ready.paths.config_file.read_bytes()
    bad_bodies = [
        {"program": {"rss_time": "often"}},
        {"program": {"rss_time": 5}},
        {"downloader": {"type": "utorrent"}},
        {"bangumi_manage": {"rename_method": "weird"}},
        {"security": {"login_whitelist": ["not-a-cidr"]}},
        {"rss_parser": {"filter": "720"}},
        {"program": {"webui_port": 70000}},
    ]
    for body in bad_bodies:
        async with http.patch(ready.api + "/config/update", json=body) as resp:
            assert resp.status == 422, (body, await resp.text())
            err = await resp.json()
            assert err["msg_en"] and err["msg_zh"] and err["status"] is False
    assert ready.paths.config_file.read_bytes() == before


async def test_downloader_instances_round_trip_and_keep_their_secrets(
    ready: Server, http: aiohttp.ClientSession
) -> None:
    two = [
        {"name": "tr", "type": "transmission", "host": "127.0.0.1:9091", "username": "u",
         "password": "tr-secret", "path": "/dl/tr", "ssl": False, "api_key": ""},
        {"name": "qb-2", "type": "qbittorrent", "host": "127.0.0.1:8081", "username": "",
         "password": "", "path": "/dl/qb", "ssl": False, "api_key": "qbt_key_2"},
    ]  # fmt: skip
    async with http.patch(ready.api + "/config/update", json={"downloaders": two}) as resp:
        assert resp.status == 200, await resp.text()
    cfg = await _get(ready, http)
    assert [d["name"] for d in cfg["downloaders"]] == ["tr", "qb-2"]
    assert cfg["downloaders"][0]["password"] == "********"
    assert cfg["downloaders"][1]["api_key"] == "********"
    # The default keeps AutoBangumi's shape (plus this project's keys) and its place.
    assert set(cfg["downloader"]) == {
        "type",
        "host",
        "username",
        "password",
        "path",
        "ssl",
        "name",
        "api_key",
        "library_root",
        "library_mode",
        "path_mappings",
    }
    # Sent back masked, reordered and with "tr" edited: each secret stays with its instance.
    back = [cfg["downloaders"][1], {**cfg["downloaders"][0], "host": "127.0.0.1:9092"}]
    async with http.patch(ready.api + "/config/update", json={"downloaders": back}) as resp:
        assert resp.status == 200, await resp.text()
    disk = _on_disk(ready)["downloaders"]
    assert [(d["name"], d["password"], d["api_key"]) for d in disk] == [
        ("qb-2", "", "qbt_key_2"),
        ("tr", "tr-secret", ""),
    ]
    assert disk[1]["host"] == "127.0.0.1:9092"
    assert ready.running.daemon is not None and ready.running.daemon.ctx is not None
    assert ready.running.daemon.ctx.downloader.names() == ["default", "qb-2", "tr"]
    # Removing one removes its instance; the default is always there.
    async with http.patch(ready.api + "/config/update", json={"downloaders": back[:1]}) as resp:
        assert resp.status == 200, await resp.text()
    assert ready.running.daemon.ctx.downloader.names() == ["default", "qb-2"]


async def test_bad_downloader_instances_are_refused_in_both_languages(
    ready: Server, http: aiohttp.ClientSession
) -> None:
    before = ready.paths.config_file.read_bytes()
    one = {"name": "tr", "type": "transmission", "host": "127.0.0.1:9091", "path": "/dl"}
    bad = [
        ([one, {**one}], "already named"),
        ([{**one, "name": ""}], "not a name"),
        ([{**one, "name": "a b"}], "not a name"),
        ([{**one, "name": "x" * 33}], "not a name"),
        ([{**one, "name": "default"}], "reserved"),
        ([{**one, "type": "utorrent"}], "not one of"),
        ([{**one, "path": " "}], "must not be empty"),
    ]
    for body, words in bad:
        async with http.patch(ready.api + "/config/update", json={"downloaders": body}) as resp:
            assert resp.status == 422, (body, await resp.text())
            err = await resp.json()
            assert words in err["msg_en"] and "downloaders[" in err["msg_en"], err
            assert err["msg_zh"] and err["msg_zh"] != err["msg_en"]
    async with http.patch(ready.api + "/config/update", json={"downloader": {"name": "main"}}) as resp:
        assert resp.status == 422
        assert "downloader.name" in (await resp.json())["msg_en"]
    assert ready.paths.config_file.read_bytes() == before


async def test_library_settings_are_checked_for_every_instance(
    ready: Server, http: aiohttp.ClientSession
) -> None:
    """Each instance places its own episodes, so the library root, mode and path mappings of the
    default and of every further instance are checked alike; a bad one changes nothing."""
    one = {"name": "tr", "type": "transmission", "host": "127.0.0.1:9091", "path": "/dl"}
    good = {**one, "library_root": "/srv/library", "library_mode": "copy",
            "path_mappings": [{"downloader_path": "/downloads", "local_path": "/mnt/nas/dl"}]}  # fmt: skip
    async with http.patch(ready.api + "/config/update", json={"downloaders": [good]}) as resp:
        assert resp.status == 200, await resp.text()
    before = ready.paths.config_file.read_bytes()
    two_maps = [{"downloader_path": "/d", "local_path": "/l"}, {"downloader_path": "/d/", "local_path": "/m"}]
    bad = [
        ({**good, "library_root": "library"}, "downloaders[1].library_root", "not an absolute path"),
        ({**good, "library_mode": "symlink"}, "downloaders[1].library_mode", "not one of"),
        ({**good, "path_mappings": [{"downloader_path": "dl", "local_path": "/x"}]},
         "downloaders[1].path_mappings[0]", "absolute"),
        ({**good, "path_mappings": two_maps}, "downloaders[1].path_mappings[1]", "mapped twice"),
    ]  # fmt: skip
    for inst, where, words in bad:
        body = {"downloaders": [good, {**inst, "name": "qb2"}]}
        async with http.patch(ready.api + "/config/update", json=body) as resp:
            assert resp.status == 422, (inst, await resp.text())
            err = await resp.json()
        assert where in err["msg_en"] and words in err["msg_en"], err
        assert where in err["msg_zh"] and err["msg_zh"] != err["msg_en"], err
    for section, where in (
        ({"library_root": "rel/lib"}, "downloader.library_root"),
        ({"library_mode": "link"}, "downloader.library_mode"),
        ({"path_mappings": [{"downloader_path": "/a", "local_path": "b"}]}, "downloader.path_mappings[0]"),
    ):
        async with http.patch(ready.api + "/config/update", json={"downloader": section}) as resp:
            assert resp.status == 422, (section, await resp.text())
            err = await resp.json()
        assert where in err["msg_en"] and where in err["msg_zh"], err
    assert ready.paths.config_file.read_bytes() == before
    cfg = await _get(ready, http)
    assert cfg["downloaders"][0]["library_root"] == "/srv/library"
    assert cfg["downloaders"][0]["path_mappings"] == good["path_mappings"]


async def test_media_servers_are_checked_when_saved(ready: Server, http: aiohttp.ClientSession) -> None:
    """A media server of an unknown type or with a URL that is not http(s) is refused in both
    languages and nothing is written; a good list round-trips with its token masked."""
    good = {"type": "jellyfin", "url": "http://192.168.1.5:8096", "token": "k1", "enabled": True}
    body = {"media_server": {"servers": [good], "write_nfo": True, "write_poster": False}}
    async with http.patch(ready.api + "/config/update", json=body) as resp:
        assert resp.status == 200, await resp.text()
    before = ready.paths.config_file.read_bytes()
    for server, where in (
        ({**good, "type": "kodi"}, "media_server.servers[1].type"),
        ({**good, "url": "jellyfin.local:8096"}, "media_server.servers[1].url"),
        ({**good, "url": "http://h/?x=1"}, "media_server.servers[1].url"),
    ):
        bad = {"media_server": {"servers": [good, server]}}
        async with http.patch(ready.api + "/config/update", json=bad) as resp:
            assert resp.status == 422, (server, await resp.text())
            err = await resp.json()
        assert where in err["msg_en"] and where in err["msg_zh"], err
        assert err["msg_zh"] != err["msg_en"], err
    assert ready.paths.config_file.read_bytes() == before
    cfg = await _get(ready, http)
    assert cfg["media_server"]["write_nfo"] is True
    assert cfg["media_server"]["servers"][0]["url"] == good["url"]
    assert cfg["media_server"]["servers"][0]["token"] == "********"


async def test_malformed_and_oversized_bodies(ready: Server, http: aiohttp.ClientSession) -> None:
    async with http.patch(
        ready.api + "/config/update", data=b"{not json", headers={"Content-Type": "application/json"}
    ) as resp:
        assert resp.status == 400
        assert (await resp.json())["msg_zh"]
    async with http.patch(ready.api + "/config/update", json=[1, 2]) as resp:
        assert resp.status in (400, 422)
    big = b'{"program": {"rss_time": 900}, "pad": "' + b"x" * (2 * 1024 * 1024) + b'"}'
    async with http.patch(
        ready.api + "/config/update", data=big, headers={"Content-Type": "application/json"}
    ) as resp:
        assert resp.status == 413
        assert (await resp.json())["msg_en"]


async def test_env_bootstrap_on_first_start(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from autobangumi_daemon.config import ConfigStore

    store = ConfigStore(tmp_path / "config.json")
    store.load(
        {
            "AB_INTERVAL_TIME": "1800",
            "AB_DOWNLOADER_HOST": "qb:8080",
            "AB_NOT_CONTAIN": "720|简体",
            "AB_RENAME": "false",
            "AB_SOCKS": "proxy,1080,u,p",
        }
    )
    data = json.loads((tmp_path / "config.json").read_text())
    assert data["program"]["rss_time"] == 1800
    assert data["downloader"]["host"] == "qb:8080"
    assert data["rss_parser"]["filter"] == ["720", "简体"]
    assert data["bangumi_manage"]["enable"] is False
    assert data["proxy"] == {
        "enable": True,
        "type": "socks5",
        "host": "proxy",
        "port": 1080,
        "username": "u",
        "password": "p",
    }
    # Environment is read only when there is no config file yet.
    again = ConfigStore(tmp_path / "config.json")
    again.load({"AB_INTERVAL_TIME": "60"})
    assert again.config.program.rss_time == 1800


async def test_rename_template_is_checked_when_saved(ready: Server, http: aiohttp.ClientSession) -> None:
    """A template the renamer must not use is refused in both languages and writes nothing; a good
    one is kept and read back; an empty one brings back the method's own names."""
    before = ready.paths.config_file.read_bytes()
    refused = {
        "{title} S{season}E{episode} {codec}": "{codec}",
        "{title} - {season}x{episode": "{",
        "Anime/{title} S{season}E{episode}": "'/'",
        "{title} S{season}": "{episode}",
        ".{title} S{season}E{episode}": "`.`",
    }
    for template, named in refused.items():
        body = {"bangumi_manage": {"rename_template": template}}
        async with http.patch(ready.api + "/config/update", json=body) as resp:
            assert resp.status == 422, (template, await resp.text())
            err = await resp.json()
            assert named in err["msg_en"] and named in err["msg_zh"], err
            assert "rename_template" in err["msg_en"] and "重命名模板" in err["msg_zh"]
    assert ready.paths.config_file.read_bytes() == before

    good = "{title} ({year}) S{season}E{episode:3} [{group}] {version}"
    try:
        async with http.patch(
            ready.api + "/config/update", json={"bangumi_manage": {"rename_template": good}}
        ) as resp:
            assert resp.status == 200, await resp.text()
        assert (await _get(ready, http))["bangumi_manage"]["rename_template"] == good
        assert _on_disk(ready)["bangumi_manage"]["rename_template"] == good
    finally:
        async with http.patch(
            ready.api + "/config/update", json={"bangumi_manage": {"rename_template": ""}}
        ) as resp:
            assert resp.status == 200
    assert (await _get(ready, http))["bangumi_manage"]["rename_template"] == ""


async def test_default_ladder_round_trip_and_bad_ladders_are_refused(
    ready: Server, http: aiohttp.ClientSession
) -> None:
    """The default preference ladder is saved and read back; an unknown or repeated criterion, or
    a wait out of range, is refused in both languages and writes nothing."""
    before = ready.paths.config_file.read_bytes()
    for bad, named in (
        ({"order": ["group", "language"]}, "language"),
        ({"order": ["group", "group"]}, "group"),
        ({"delay_minutes": -5}, "-5"),
        ({"delay_minutes": 7 * 24 * 60 + 1}, "10081"),
    ):
        async with http.patch(ready.api + "/config/update", json={"preference": bad}) as resp:
            assert resp.status == 422, (bad, await resp.text())
            err = await resp.json()
            assert named in err["msg_en"] and named in err["msg_zh"], err
            assert "preference" in err["msg_en"]
            assert "偏好顺序" in err["msg_zh"] or "等待时间" in err["msg_zh"], err
    assert ready.paths.config_file.read_bytes() == before
    ladder = {
        "order": ["group", "subtitle"],
        "subtitles": ["简体内嵌", "简繁内封", "繁体"],
        "groups": ["LoliHouse"],
        "resolutions": ["1080p"],
        "codecs": ["HEVC", "10bit"],
        "sources": ["WebRip", "Baha"],
        "delay_minutes": 30,
        "remove_superseded": True,
    }
    async with http.patch(ready.api + "/config/update", json={"preference": ladder}) as resp:
        assert resp.status == 200, await resp.text()
    assert (await _get(ready, http))["preference"] == ladder
    assert _on_disk(ready)["preference"] == ladder
