"""`user set-password` changes a password (or creates the first account); renaming is
`user rename`, never a side effect (real processes, the install's real SQLite)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import aiohttp

from tests.cli.procs import CLI, assert_refused, install_env, run, start


def _accounts(tmp: Path) -> list[tuple[str, str]]:
    with sqlite3.connect(tmp / "data" / "data.db") as db:
        return [(str(r[0]), str(r[1])) for r in db.execute("SELECT username, password FROM user")]


async def _login(port: int, username: str, password: str) -> int:
    async with (
        aiohttp.ClientSession() as http,
        http.post(
            f"http://127.0.0.1:{port}/api/v1/auth/login", data={"username": username, "password": password}
        ) as resp,
    ):
        return resp.status


async def test_set_password_never_renames_and_rename_is_explicit(tmp_path: Path) -> None:
    env = install_env(tmp_path)
    # A fresh install: the first set-password creates the account.
    result = await run([*CLI, "user", "set-password", "--username", "first_user"], env, b"first-password-1\n")
    assert result.code == 0 and "created" in result.out, result
    [(name, first_hash)] = _accounts(tmp_path)
    assert name == "first_user"

    # Another name is refused, says what to do instead, and changes nothing.
    result = await run([*CLI, "user", "set-password", "--username", "other_user"], env, b"other-password-1\n")
    assert_refused(result, "other_user", "user rename first_user other_user")
    assert _accounts(tmp_path) == [("first_user", first_hash)]

    # Without --username it is the existing account's password.
    result = await run([*CLI, "user", "set-password"], env, b"second-password-2\n")
    assert result.code == 0 and "first_user" in result.out, result
    [(name, second_hash)] = _accounts(tmp_path)
    assert name == "first_user" and second_hash != first_hash

    # Bad input is refused in both languages and changes nothing.
    assert_refused(await run([*CLI, "user", "set-password"], env, b"short\n"), "8 characters")
    assert_refused(await run([*CLI, "user", "rename", "first_user", "me"], env), "4 to 20")
    assert_refused(await run([*CLI, "user", "rename", "nobody_here", "renamed_user"], env), "nobody_here")
    assert _accounts(tmp_path) == [("first_user", second_hash)]

    result = await run([*CLI, "user", "rename", "first_user", "renamed_user"], env)
    assert result.code == 0 and "renamed_user" in result.out, result
    assert _accounts(tmp_path) == [("renamed_user", second_hash)]

    server = await start([*CLI, "serve"], "serve", env)
    try:
        assert await _login(server.port, "renamed_user", "second-password-2") == 200
        assert await _login(server.port, "first_user", "second-password-2") == 401
    finally:
        assert await server.stop() == 0
