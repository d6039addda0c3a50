"""Starting the product on AutoBangumi's folders: refused untouched, or imported with AB_IMPORT=1;
a config copied without an account; a database from a newer version."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import aiohttp

from tests.cli.procs import CLI, assert_refused, install_env, run, start
from tests.importer.installs import AB_PASSWORD, AB_USER, FIXTURES, VERSIONS, copy_install, tree_hashes


def _env(install: Path, **extra: str) -> dict[str, str]:
    env = install_env(install, **extra)
    return env


async def test_start_on_an_autobangumi_folder_is_refused_untouched(tmp_path: Path) -> None:
    for version in VERSIONS:
        src = copy_install(version, tmp_path)
        before = tree_hashes(src)
        for command in (["serve"], ["daemon"], ["user", "set-password", "--password-env"]):
            result = await run([*CLI, *command], _env(src, AB_PASSWORD="another-pass-1"))
            assert_refused(result, "AutoBangumi database", "autobangumi import")
            assert tree_hashes(src) == before, (version, command)


async def test_ab_import_imports_then_starts(tmp_path: Path) -> None:
    src = copy_install("3.3.4", tmp_path)
    original = {
        name: (src / "data" / name).read_bytes() for name in ("data.db", "data.db-wal", "data.db-shm")
    }
    server = await start([*CLI, "serve"], "serve", _env(src, AB_IMPORT="1"))
    try:
        async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as http:
            api = f"http://127.0.0.1:{server.port}/api/v1"
            async with http.post(
                api + "/auth/login", data={"username": AB_USER, "password": AB_PASSWORD}
            ) as resp:
                assert resp.status == 200, await resp.text()
            async with http.get(api + "/bangumi/get/all") as resp:
                assert len(await resp.json()) == 17
    finally:
        assert await server.stop() == 0
    log = "".join(server.stderr)
    assert "Imported from AutoBangumi 3.3.4" in log and "rules: 17" in log
    # AutoBangumi's own files are kept byte for byte beside the product's new database.
    (kept,) = (src / "data" / "backups").glob("autobangumi-3.3.4-*")
    for name, body in original.items():
        assert (kept / "data" / name).read_bytes() == body
    for name in ("config.json", "search_provider.json", ".jwt_secret", "version.info"):
        assert (kept / "config" / name).read_bytes() == (FIXTURES / "3.3.4" / "config" / name).read_bytes()
    # A second start is an ordinary start on the imported data.
    again = await start([*CLI, "serve"], "serve", _env(src, AB_IMPORT="1"))
    assert await again.stop() == 0
    assert "Imported from" not in "".join(again.stderr)


async def test_config_copied_without_an_account_explains_how_to_create_it(tmp_path: Path) -> None:
    src = copy_install("3.2.8", tmp_path)
    install = tmp_path / "ours"
    shutil.copytree(src / "config", install / "config")  # config/ alone, as users have tried
    # A real install's downloader (these fixtures used AutoBangumi's built-in `mock` one).
    config = json.loads((install / "config" / "config.json").read_text(encoding="utf-8"))
    config["downloader"]["type"] = "qbittorrent"
    (install / "config" / "config.json").write_text(json.dumps(config, ensure_ascii=False), encoding="utf-8")
    server = await start([*CLI, "serve"], "serve", _env(install))
    try:
        async with aiohttp.ClientSession() as http:
            api = f"http://127.0.0.1:{server.port}/api/v1"
            async with http.get(api + "/setup/status") as resp:
                status = await resp.json()
            # The AutoBangumi shape, and the wizard open again: it creates the account.
            assert set(status) == {"need_setup", "version"} and status["need_setup"] is True
            body = {
                "username": "abuser",
                "password": "new-password-1",
                "downloader_type": "qbittorrent",
                "downloader_host": "127.0.0.1:8080",
                "downloader_username": "admin",
                "downloader_password": "x",
                "downloader_path": "/downloads/Bangumi",
            }
            async with http.post(api + "/setup/complete", json=body) as resp:
                assert resp.status == 200 and (await resp.json())["status_code"] == 200
            async with http.get(api + "/setup/status") as resp:
                assert (await resp.json())["need_setup"] is False
            async with http.post(
                api + "/auth/login", data={"username": "abuser", "password": "new-password-1"}
            ) as resp:
                assert resp.status == 200
    finally:
        await server.stop()
    log = "".join(server.stderr)
    assert "there is no account" in log and "autobangumi user set-password" in log and "没有账户" in log


async def test_a_database_from_a_newer_version_is_refused_unchanged(tmp_path: Path) -> None:
    install = tmp_path / "ours"
    server = await start([*CLI, "serve"], "serve", _env(install))
    assert await server.stop() == 0
    database = install / "data" / "data.db"
    conn = sqlite3.connect(database)
    with conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_future'")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    before = database.read_bytes()
    result = await run([*CLI, "daemon"], _env(install))
    assert_refused(result, "newer version", "9999_future")
    # Only read: the file is the same, and SQLite's WAL (made by the read) holds nothing.
    assert database.read_bytes() == before
    wal = database.with_name("data.db-wal")
    assert not wal.exists() or wal.stat().st_size == 0
    assert not list((install / "data" / "backups").glob("*.db"))  # nothing to snapshot: no migration ran


async def test_import_command_prints_its_report(tmp_path: Path) -> None:
    src = copy_install("3.2.8", tmp_path)
    before = tree_hashes(src)
    env = _env(tmp_path / "ours")
    result = await run([*CLI, "import", str(src)], env)
    assert result.code == 0, result.err
    assert "Imported from AutoBangumi 3.2.8" in result.out and "已从 AutoBangumi 3.2.8" in result.out
    assert "rules: 16 / 规则：16" in result.out and "torrent records: 36" in result.out
    assert tree_hashes(src) == before
    assert (tmp_path / "ours" / "data" / "data.db").is_file()

    assert_refused(await run([*CLI, "import", str(tmp_path / "nowhere")], env), "does not exist")
    assert_refused(await run([*CLI, "import"], env), "--config")


async def test_import_command_on_the_same_folders_imports_in_place(tmp_path: Path) -> None:
    src = copy_install("3.2.8", tmp_path)
    original = (src / "data" / "data.db").read_bytes()
    result = await run([*CLI, "import", str(src)], _env(src))
    assert result.code == 0, result.err
    assert "kept unchanged in" in result.out
    (kept,) = (src / "data" / "backups").glob("autobangumi-3.2.8-*")
    assert (kept / "data" / "data.db").read_bytes() == original
    conn = sqlite3.connect(src / "data" / "data.db")
    try:
        assert conn.execute("SELECT count(*) FROM bangumi").fetchone()[0] == 16
        assert conn.execute("SELECT count(*) FROM alembic_version").fetchone()[0] == 1
    finally:
        conn.close()


async def test_a_failed_ab_import_puts_everything_back(tmp_path: Path) -> None:
    src = copy_install("3.3.4", tmp_path)
    (src / "config" / "search_provider.json").write_text("{not json", encoding="utf-8")
    before = tree_hashes(src)
    result = await run([*CLI, "serve"], _env(src, AB_IMPORT="1"))
    assert_refused(result, "Importing AutoBangumi failed", "search_provider.json")
    after = tree_hashes(src)
    # Our log lines went to the shared log file; every other file is as it was.
    assert {k: v for k, v in after.items() if k != "data/log.txt"} == {
        k: v for k, v in before.items() if k != "data/log.txt"
    }
