"""`autobangumi import` on the real AutoBangumi 3.2.8 and 3.3.4 installs."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import bcrypt
import pytest

from autobangumi_daemon.errors import DaemonError
from autobangumi_daemon.importer import import_install, is_autobangumi_database, locate_install
from autobangumi_daemon.importer.records import BANGUMI_COLUMNS, PASSKEY_COLUMNS, RSS_COLUMNS, TORRENT_COLUMNS
from autobangumi_daemon.paths import AppPaths
from tests.importer.installs import (
    AB_PASSWORD,
    AB_TOKEN,
    VERSIONS,
    copy_install,
    dump,
    source_rows,
    target_rows,
    tree_hashes,
)

AGGREGATE = "http://127.0.0.1:19898/RSS/MyBangumi?token=Zk9xR2hUaW5KbXo0T0tzVw%3d%3d"


def _paths(tmp_path: Path) -> AppPaths:
    return AppPaths(tmp_path / "ours" / "config", tmp_path / "ours" / "data")


@pytest.mark.parametrize("version", VERSIONS)
async def test_import_carries_everything_and_changes_nothing(tmp_path: Path, version: str) -> None:
    src = copy_install(version, tmp_path)
    before = tree_hashes(src)
    paths = _paths(tmp_path)
    report = await import_install(locate_install(src, None, None), paths)
    assert tree_hashes(src) == before  # not a byte, not a mode, no new or removed file
    db = paths.database_file

    # The account, with AutoBangumi's own bcrypt hash, which this product checks.
    (ab_user,) = source_rows(src, "user")
    (user,) = target_rows(db, "user")
    assert (user["id"], user["username"], user["password"]) == (1, "abuser", ab_user["password"])
    assert bcrypt.checkpw(AB_PASSWORD.encode(), user["password"].encode())

    # Every rule with every field AutoBangumi keeps (rss_link without 3.2's empty first entry).
    ab_rules = source_rows(src, "bangumi")
    rules = {r["id"]: r for r in target_rows(db, "bangumi")}
    assert len(rules) == len(ab_rules) == (16 if version == "3.2.8" else 17)
    for ab in ab_rules:
        ours = rules[ab["id"]]
        for col in BANGUMI_COLUMNS:
            if col not in ab:
                continue
            expected = ab[col]
            if col == "rss_link":
                expected = ",".join(p for p in expected.split(",") if p)
            assert ours[col] == expected, (ab["id"], col)
    assert rules[9]["deleted"] == 1  # disabled in AutoBangumi
    assert rules[16]["archived"] == 1
    assert (rules[12]["episode_offset"], rules[12]["filter"]) == (-10, "720,\\d+-\\d+,简日内嵌,招募")
    assert rules[1]["rss_link"] == AGGREGATE
    if version == "3.2.8":
        assert ab_rules[0]["rss_link"] == "," + AGGREGATE  # the trap is really in the source
        assert rules[1]["save_path"] is None
    else:
        assert rules[17]["official_title"] == "我家有个阿宅女忍者"

    # Every feed and every torrent record; what AutoBangumi had is final here.
    for table, cols in (("rssitem", RSS_COLUMNS), ("torrent", TORRENT_COLUMNS), ("passkey", PASSKEY_COLUMNS)):
        ab_rows = source_rows(src, table)
        ours_rows = {r["id"]: r for r in target_rows(db, table)}
        assert len(ours_rows) == len(ab_rows), table
        for ab in ab_rows:
            for col in cols:
                if col in ("created_at", "last_used_at"):
                    continue
                assert ours_rows[ab["id"]][col] == ab[col], (table, ab["id"], col)
    torrents = target_rows(db, "torrent")
    assert len(torrents) == 36
    assert {t["status"] for t in torrents if t["downloaded"]} == {"downloaded"}
    assert {t["status"] for t in torrents if not t["downloaded"]} == {"seen"}
    (passkey,) = target_rows(db, "passkey")
    assert passkey["created_at"].startswith(source_rows(src, "passkey")[0]["created_at"][:19])

    # API tokens: the same token authenticates (both keep its SHA-256).
    tokens = target_rows(db, "api_token")
    if version == "3.3.4":
        assert [(t["name"], t["token_hash"]) for t in tokens] == [
            ("home-assistant", hashlib.sha256(AB_TOKEN.encode()).hexdigest())
        ]
        assert any("5 login sessions" in en for en, _zh in report.notes)
    else:
        assert tokens == []
        assert any("AutoBangumi 3.2 keeps none" in en for en, _zh in report.notes)

    # Config, notification providers and proxy; AutoBangumi's `mock` downloader is kept (offered here too).
    config = json.loads(paths.config_file.read_text())
    assert config["program"]["rss_time"] == 600
    assert config["bangumi_manage"]["rename_method"] == "advance"
    assert config["rss_parser"]["filter"] == ["720", "\\d+-\\d+", "简日内嵌", "Baha"]
    assert config["downloader"]["host"] == "192.168.1.20:8080"
    assert config["downloader"]["password"] == "qb-fixture-pass"
    # AutoBangumi's single downloader is the instance "default"; no further instances.
    assert config["downloader"]["name"] == "" and config["downloaders"] == []
    assert config["proxy"] == {
        "enable": False,
        "type": "http",
        "host": "192.168.1.10",
        "port": 7890,
        "username": "proxyuser",
        "password": "proxy-fixture-pass",
    }
    assert config["notification"]["enable"] is True
    (provider,) = config["notification"]["providers"]
    assert provider["type"] == "telegram"
    assert provider["token"] == "1234567890:AAFixtureDummyTokenNotARealBot000000"
    assert provider["chat_id"] == "123456789"
    assert config["downloader"]["type"] == "mock"
    assert not any("downloader.type" in en for en, _zh in report.notes)
    if version == "3.3.4":
        assert any(en.startswith("config llm.") for en, _zh in report.notes)

    # search_provider.json in either shape becomes name -> URL template.
    providers = json.loads(paths.search_provider_file.read_text())
    assert providers["mikan"] == "https://mikanani.me/RSS/Search?searchstr=%s"
    assert sorted(providers) == (
        ["dmhy", "mikan", "nyaa"] if version == "3.2.8" else ["anibt", "dmhy", "mikan", "nyaa"]
    )

    # Posters, byte for byte, under the names the rules use.
    posters = sorted(p.name for p in paths.posters_dir.iterdir())
    assert posters == sorted(p.name for p in (src / "data" / "posters").iterdir())
    assert len(posters) == 17
    for rule in rules.values():
        assert (paths.data_dir / rule["poster_link"]).read_bytes() == (
            src / "data" / rule["poster_link"]
        ).read_bytes()
    assert paths.setup_sentinel.exists()

    lines = report.lines()
    assert f"AutoBangumi {version}" in lines[0]
    assert any(line.strip().startswith("rules: ") for line in lines)
    assert all(" / " in line for line in lines if line.startswith("  - "))


@pytest.mark.parametrize("version", VERSIONS)
async def test_import_twice_gives_the_same_state(tmp_path: Path, version: str) -> None:
    src = copy_install(version, tmp_path)
    paths = _paths(tmp_path)
    install = locate_install(None, src / "config", src / "data")  # the two folders given apart
    first = await import_install(install, paths)
    state = (dump(paths.database_file), tree_hashes(paths.config_dir), tree_hashes(paths.posters_dir))
    second = await import_install(install, paths)
    assert (dump(paths.database_file), tree_hashes(paths.config_dir), tree_hashes(paths.posters_dir)) == state
    assert first.lines() == second.lines()


async def test_the_wal_is_where_334_keeps_its_rows(tmp_path: Path) -> None:
    """Without its WAL, 3.3.4's data.db has no tables: the importer must read both."""
    src = copy_install("3.3.4", tmp_path)
    assert is_autobangumi_database(src / "data" / "data.db")
    assert (src / "data" / "data.db").stat().st_size == 4096
    before = tree_hashes(src)
    assert is_autobangumi_database(src / "data" / "data.db")
    assert tree_hashes(src) == before


async def test_refuses_to_mix_into_a_database_with_its_own_data(tmp_path: Path) -> None:
    paths = _paths(tmp_path)
    await import_install(locate_install(copy_install("3.2.8", tmp_path), None, None), paths)
    (paths.config_dir / ".autobangumi_import").unlink()  # as if the data were this product's own
    before = dump(paths.database_file)
    with pytest.raises(DaemonError) as err:
        await import_install(locate_install(copy_install("3.3.4", tmp_path), None, None), paths)
    assert "already holds" in err.value.msg_en and "已有" in err.value.msg_zh
    assert dump(paths.database_file) == before


async def test_a_folder_that_is_no_install_is_refused(tmp_path: Path) -> None:
    (tmp_path / "x" / "config").mkdir(parents=True)
    (tmp_path / "x" / "data").mkdir()
    with pytest.raises(DaemonError) as err:
        locate_install(tmp_path / "x", None, None)
    assert "data.db" in err.value.msg_en and "不是" in err.value.msg_zh
    with pytest.raises(DaemonError):
        locate_install(None, tmp_path / "x" / "config", None)


async def test_an_unverifiable_password_hash_asks_for_a_new_password(tmp_path: Path) -> None:
    import shutil
    import sqlite3

    src = copy_install("3.2.8", tmp_path)
    conn = sqlite3.connect(src / "data" / "data.db")
    conn.execute("UPDATE user SET password = '$argon2id$v=19$m=65536,t=3,p=4$abc$def'")
    conn.commit()
    conn.close()
    paths = _paths(tmp_path)
    report = await import_install(locate_install(src, None, None), paths)
    assert not report.account_usable
    assert any("set-password" in en and "argon2id" in en for en, _zh in report.notes)
    (user,) = target_rows(paths.database_file, "user")
    assert user["username"] == "abuser" and not user["password"].startswith("$argon2")
    assert not paths.setup_sentinel.exists()  # the wizard (or set-password) creates it
    shutil.rmtree(src)
