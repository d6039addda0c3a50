"""Long-lived streams end (401 / UNAUTHENTICATED) within seconds of their credential ending:
the SSE `/api/v1/events/stream` and the gRPC `Events`, for every way a credential ends."""

from __future__ import annotations

import asyncio
import hashlib
import time
from collections.abc import Awaitable, Callable

import aiohttp
import grpc
import jwt
import orjson
import pytest
from grpc import aio

from autobangumi.rpc import STATUS_DETAILS_KEY, decode_status
from autobangumi.v1 import program_pb2
from tests.helpers import PASSWORD, Server, login, new_session
from tests.security.sechelp import CHINESE, cli, method, sse_until_end, status_of

# The daemon checks an open stream's credential every second; a few seconds of room for load.
WITHIN = 6.0
ENDINGS = ["logout", "session_deleted", "password_changed", "password_changed_cli", "token_revoked"]

Ender = Callable[[], Awaitable[None]]


async def _credential(ready: Server, http: aiohttp.ClientSession, ending: str) -> tuple[str, Ender]:
    """A Bearer credential for the stream, and how to end it."""
    api = ready.api
    if ending == "token_revoked":
        async with http.post(api + "/tokens", json={"name": "stream"}) as resp:
            created = await resp.json()

        async def revoke() -> None:
            assert await status_of(http, "DELETE", f"{api}/tokens/{created['id']}") == 200

        return str(created["token"]), revoke
    async with new_session() as s:
        token = await login(ready, s)
    bearer = {"Authorization": f"Bearer {token}"}

    async def end() -> None:
        if ending == "logout":
            async with new_session() as s2:
                assert await status_of(s2, "POST", api + "/auth/logout", headers=bearer) == 200
        elif ending == "session_deleted":
            sid = jwt.decode(token, options={"verify_signature": False})["sid"]
            public = hashlib.sha256(sid.encode()).hexdigest()[:16]
            assert await status_of(http, "DELETE", f"{api}/auth/sessions/{public}") == 200
        elif ending == "password_changed":
            body = {"password": "another-pass-9"}
            assert await status_of(http, "POST", api + "/auth/update", json=body) == 200
        else:
            env = {"AB_PASSWORD": "another-pass-9"}
            await cli(ready, "user", "set-password", "--password-env", env=env)

    return token, end


@pytest.mark.parametrize("ending", ENDINGS)
async def test_sse_stream_ends_with_401_when_the_credential_ends(
    ready: Server, http: aiohttp.ClientSession, ending: str
) -> None:
    token, end = await _credential(ready, http, ending)
    async with (
        new_session() as anon,
        anon.get(ready.api + "/events/stream", headers={"Authorization": f"Bearer {token}"}) as resp,
    ):
        assert resp.status == 200
        first = await asyncio.wait_for(resp.content.readline(), 10)
        assert first.startswith(b"data: ")
        await end()
        lines, took = await sse_until_end(resp, WITHIN + 5)
    assert took < WITHIN, took
    data = [ln for ln in lines if ln.startswith(b"data: ")]
    assert b"event: error\n" in lines, lines[-5:]
    body = orjson.loads(data[-1][6:])
    assert body["status"] is False and body["status_code"] == 401
    assert body["msg_en"] and CHINESE.search(body["msg_zh"])
    async with new_session() as anon:
        again = await status_of(
            anon, "GET", ready.api + "/events/stream", headers={"Authorization": f"Bearer {token}"}
        )
        assert again == 401


@pytest.mark.parametrize("ending", ENDINGS)
async def test_grpc_events_end_unauthenticated_when_the_credential_ends(
    ready: Server, http: aiohttp.ClientSession, ending: str
) -> None:
    token, end = await _credential(ready, http, ending)
    info = method("ProgramService/Events")
    async with aio.insecure_channel(ready.grpc_target) as ch:
        events = ch.unary_stream(
            info.path,
            request_serializer=program_pb2.EventsRequest.SerializeToString,
            response_deserializer=program_pb2.Event.FromString,
        )
        stream = events(program_pb2.EventsRequest(), metadata=(("authorization", f"Bearer {token}"),))
        it = stream.__aiter__()
        first = await asyncio.wait_for(it.__anext__(), 10)
        assert first.kind == "program_state"
        await end()
        start = time.monotonic()
        with pytest.raises(aio.AioRpcError) as exc:
            while True:
                await asyncio.wait_for(it.__anext__(), WITHIN + 5)
        took = time.monotonic() - start
    assert exc.value.code() == grpc.StatusCode.UNAUTHENTICATED
    assert took < WITHIN, took
    blob = dict(exc.value.trailing_metadata() or ()).get(STATUS_DETAILS_KEY)
    err = decode_status(exc.value.code(), exc.value.details(), blob if isinstance(blob, bytes) else None)
    assert err.msg_en and CHINESE.search(err.msg_zh)


async def test_a_stream_whose_credential_stays_valid_keeps_going(
    ready: Server, http: aiohttp.ClientSession
) -> None:
    """The periodic check does not end a valid stream, and events still arrive through it."""
    async with new_session() as s:
        token = await login(ready, s, password=PASSWORD)
    async with (
        new_session() as anon,
        anon.get(ready.api + "/events/stream", headers={"Authorization": f"Bearer {token}"}) as resp,
    ):
        await asyncio.wait_for(resp.content.readline(), 10)
        deadline = time.monotonic() + 3.5
        states: list[str] = []
        while time.monotonic() < deadline:
            path = "/stop" if len(states) % 2 == 0 else "/start"
            assert await status_of(http, "GET", ready.api + path) == 200
            event: dict[str, object] = {}
            while event.get("kind") != "program_state":
                line = await asyncio.wait_for(resp.content.readline(), 5)
                if line.startswith(b"data: "):
                    event = orjson.loads(line[6:])
            state = event["program_state"]
            assert isinstance(state, dict)
            states.append(str(state["state"]))
            await asyncio.sleep(0.5)
    assert len(states) >= 4 and "stopped" in states and "running" in states
