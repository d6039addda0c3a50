"""Credentials changed from the command line while the daemon runs end the old sessions at
once (no restart), and token ids are never given out twice."""

from __future__ import annotations

import aiohttp
import grpc
import pytest
from grpc import aio

from autobangumi.v1 import config_pb2
from tests.helpers import PASSWORD, USERNAME, Server, login, new_session
from tests.security.sechelp import cli, eventually, grpc_call, status_of

NEW_PASSWORD = "battery-staple-2"
# How long a change made by another process may take to reach the daemon: its reload runs at
# most a second after the last one, so a few seconds leave room for a busy machine.
WITHIN = 5.0


async def _grpc_authenticated(server: Server, token: str) -> bool:
    try:
        await grpc_call(
            server.grpc_target,
            "ConfigService/GetConfig",
            config_pb2.GetConfigRequest(),
            (("authorization", f"Bearer {token}"),),
        )
    except aio.AioRpcError as err:
        assert err.code() == grpc.StatusCode.UNAUTHENTICATED, err
        return False
    return True


async def test_cli_set_password_ends_every_session_and_the_old_password(
    ready: Server, http: aiohttp.ClientSession
) -> None:
    url = ready.api + "/config/get"
    async with new_session() as other:
        bearer = await login(ready, other)
    assert await status_of(http, "GET", url) == 200  # the cookie session
    assert await _grpc_authenticated(ready, bearer)

    await cli(ready, "user", "set-password", "--password-env", env={"AB_PASSWORD": NEW_PASSWORD})

    async def cookie_refused() -> bool:
        return await status_of(http, "GET", url) == 401

    async def bearer_refused() -> bool:
        return not await _grpc_authenticated(ready, bearer)

    await eventually(cookie_refused, WITHIN, "the cookie session ends")
    await eventually(bearer_refused, WITHIN, "the Bearer session ends over gRPC")
    async with new_session() as s:
        form = {"username": USERNAME, "password": PASSWORD}
        async with s.post(ready.api + "/auth/login", data=form) as resp:
            assert resp.status == 401
        await login(ready, s, password=NEW_PASSWORD)
        assert await status_of(s, "GET", url) == 200


async def test_cli_rename_ends_every_session(ready: Server, http: aiohttp.ClientSession) -> None:
    url = ready.api + "/config/get"
    assert await status_of(http, "GET", url) == 200

    await cli(ready, "user", "rename", USERNAME, "renamed_user")

    async def refused() -> bool:
        return await status_of(http, "GET", url) == 401

    await eventually(refused, WITHIN, "the session of the renamed account ends")
    async with new_session() as s:
        form = {"username": USERNAME, "password": PASSWORD}
        async with s.post(ready.api + "/auth/login", data=form) as resp:
            assert resp.status == 401
        await login(ready, s, username="renamed_user")
        async with s.get(ready.api + "/auth/sessions") as resp:
            assert resp.status == 200


async def test_sessions_deleted_from_the_database_by_another_process(
    ready: Server, http: aiohttp.ClientSession
) -> None:
    """Whatever removes the rows (here a plain SQL client), the daemon follows within seconds."""
    import sqlite3

    url = ready.api + "/config/get"
    assert await status_of(http, "GET", url) == 200
    with sqlite3.connect(ready.paths.database_file) as db:
        db.execute("DELETE FROM session")

    async def refused() -> bool:
        return await status_of(http, "GET", url) == 401

    await eventually(refused, WITHIN, "a session whose row is gone ends")


async def test_a_new_login_works_at_once_while_the_sessions_reload(ready: Server) -> None:
    """The reload never forgets a session opened while it read the table."""
    for _ in range(15):
        async with new_session() as s:
            token = await login(ready, s)
            assert await status_of(s, "GET", ready.api + "/config/get") == 200
            assert await _grpc_authenticated(ready, token)


@pytest.mark.parametrize("via", ["api", "cli"])
async def test_token_ids_are_never_reused_after_a_revoke(
    ready: Server, http: aiohttp.ClientSession, via: str
) -> None:
    async def create(name: str) -> tuple[int, str]:
        if via == "cli":
            token = (await cli(ready, "token", "create", "--name", name)).strip()
            listing = await cli(ready, "token", "list")
            ids = [int(line.split("\t")[0]) for line in listing.splitlines() if f"\t{name}\t" in line]
            return ids[-1], token
        async with http.post(ready.api + "/tokens", json={"name": name}) as resp:
            assert resp.status == 200, await resp.text()
            body = await resp.json()
        return int(body["id"]), str(body["token"])

    async def revoke(token_id: int) -> None:
        if via == "cli":
            await cli(ready, "token", "revoke", str(token_id))
        else:
            assert await status_of(http, "DELETE", f"{ready.api}/tokens/{token_id}") == 200

    seen: list[int] = []
    for round_ in range(3):
        first, _ = await create(f"first{round_}")
        second, second_token = await create(f"second{round_}")
        seen += [first, second]
        await revoke(second)  # the newest one: the id a reusing store would hand out next
        await revoke(first)
    third, third_token = await create("after")
    assert third > max(seen) and len(set(seen)) == len(seen)
    # Revoking an old id again neither succeeds nor touches the new token.
    if via == "api":
        assert await status_of(http, "DELETE", f"{ready.api}/tokens/{seen[-1]}") == 404
    async with new_session() as anon:
        ok = {"Authorization": f"Bearer {third_token}"}
        dead = {"Authorization": f"Bearer {second_token}"}
        assert await status_of(anon, "GET", ready.api + "/config/get", headers=ok) == 200
        assert await status_of(anon, "GET", ready.api + "/config/get", headers=dead) == 401
