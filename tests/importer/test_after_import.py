"""After an import, the AutoBangumi WebUI's calls work on the imported data, with its password."""

from __future__ import annotations

from pathlib import Path

import pytest

from autobangumi_app.server import start_serve
from autobangumi_daemon.importer import import_install, locate_install
from autobangumi_daemon.paths import AppPaths
from tests.helpers import TEST_POLICY, Server, login, new_session
from tests.importer.installs import AB_PASSWORD, AB_TOKEN, AB_USER, VERSIONS, copy_install, source_rows


@pytest.mark.parametrize("version", VERSIONS)
async def test_webui_calls_serve_the_imported_install(tmp_path: Path, version: str) -> None:
    src = copy_install(version, tmp_path)
    paths = AppPaths(tmp_path / "ours" / "config", tmp_path / "ours" / "data")
    await import_install(locate_install(src, None, None), paths)
    server = Server(await start_serve(paths, "127.0.0.1", 0, "127.0.0.1:0", TEST_POLICY), paths)
    try:
        async with new_session() as http:
            async with http.get(server.api + "/setup/status") as resp:
                assert (await resp.json())["need_setup"] is False
            async with http.post(
                server.api + "/auth/login", data={"username": AB_USER, "password": "wrong-password-1"}
            ) as resp:
                assert resp.status == 401
            await login(server, http, AB_USER, AB_PASSWORD)

            async with http.get(server.api + "/bangumi/get/all") as resp:
                assert resp.status == 200
                rules = {r["id"]: r for r in await resp.json()}
            ab_rules = source_rows(src, "bangumi")
            assert sorted(rules) == [r["id"] for r in ab_rules]
            for ab in ab_rules:
                rule = rules[ab["id"]]
                assert rule["official_title"] == ab["official_title"]
                assert rule["deleted"] is bool(ab["deleted"])
                assert rule["poster_link"] == ab["poster_link"]
                async with http.get(f"{server.base}/{rule['poster_link']}") as resp:
                    assert resp.status == 200
                    assert await resp.read() == (src / "data" / ab["poster_link"]).read_bytes()
            assert rules[12]["episode_offset"] == -10

            async with http.get(server.api + "/rss") as resp:
                feeds = await resp.json()
            assert [(f["id"], f["url"], f["aggregate"]) for f in feeds] == [
                (r["id"], r["url"], bool(r["aggregate"])) for r in source_rows(src, "rssitem")
            ]
            async with http.get(server.api + "/rss/torrent/1") as resp:
                assert len(await resp.json()) == sum(
                    1 for t in source_rows(src, "torrent") if t["rss_id"] == 1
                )

            async with http.get(server.api + "/config/get") as resp:
                config = await resp.json()
            assert config["program"]["rss_time"] == 600
            assert config["proxy"]["host"] == "192.168.1.10"
            assert config["proxy"]["password"] == "********"  # secrets stay masked
            assert config["notification"]["providers"][0]["type"] == "telegram"

        # 3.3.4's API token keeps working, sent as AutoBangumi's clients send it.
        async with new_session() as machine:
            headers = {"Authorization": f"Bearer {AB_TOKEN}"}
            async with machine.get(server.api + "/bangumi/get/all", headers=headers) as resp:
                assert resp.status == (200 if version == "3.3.4" else 401)
    finally:
        await server.running.stop()
