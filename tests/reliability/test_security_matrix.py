"""Credentials, setup, traversal, throttling and secrets, over REST and gRPC, against a real server.

Every protected method answers 401 (REST) or UNAUTHENTICATED (gRPC) to: no credential, garbage,
an expired session token signed with the real secret, an `alg=none` token and a token signed with
another secret. Each forged token carries the claims of a real, live session, so only the forgery
itself can be what is refused.
"""

from __future__ import annotations

import asyncio
import base64
import json
import re
import time
from dataclasses import dataclass
from typing import Any

import aiohttp
import grpc
import jwt
import pytest
from grpc import aio

from autobangumi.contract import MethodInfo, methods
from autobangumi.jsonmap import is_ordered_map
from autobangumi.v1 import auth_pb2, config_pb2
from tests.helpers import PASSWORD, USERNAME, Server, complete_setup, login
from tests.reliability.known import known_case

_VAR = re.compile(r"\{([a-zA-Z0-9_.]+)(?:=[^}]*)?\}")
PROTECTED = [info for info in methods() if not info.public]


@dataclass
class _Raw:
    path: str
    body: Any = None
    raw: bytes | None = None


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def forged_tokens(real: str, secret: str) -> dict[str, str]:
    claims: dict[str, Any] = jwt.decode(real, options={"verify_signature": False})
    expired = {**claims, "exp": int(time.time()) - 60, "iat": int(time.time()) - 3600}
    fresh = {**claims, "exp": int(time.time()) + 3600}
    none_header = _b64(json.dumps({"alg": "none", "typ": "JWT"}).encode())
    return {
        "garbage": "not-a-token",
        "garbage-jwt": "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl",
        "expired": jwt.encode(expired, secret, algorithm="HS256"),
        "alg-none": f"{none_header}.{_b64(json.dumps(fresh).encode())}.",
        "other-secret": jwt.encode(fresh, "another-secret-entirely-0123456789", algorithm="HS256"),
    }


async def _setup(server: Server, http: aiohttp.ClientSession) -> tuple[str, dict[str, str]]:
    await complete_setup(server, http)
    real = await login(server, http)
    secret = server.paths.jwt_secret_file.read_text().strip()
    return real, forged_tokens(real, secret)


def _rest_request(info: MethodInfo) -> list[tuple[str, str, Any]]:
    """(method, path, JSON body) for each binding, with well-formed arguments."""
    out = []
    for b in info.bindings:
        path = _VAR.sub("1", b.path)
        body: Any = None
        if b.body == "*":
            body = {}
        elif b.body:
            fd = info.request_cls.DESCRIPTOR.fields_by_name[b.body]
            is_map = is_ordered_map(fd) or (
                fd.message_type is not None and fd.message_type.GetOptions().map_entry
            )
            body = [] if fd.is_repeated and not is_map else {}
        out.append((b.verb, path, body))
    return out


async def test_rest_refuses_every_bad_credential(server: Server, http: aiohttp.ClientSession) -> None:
    real, forged = await _setup(server, http)
    checked = 0
    async with aiohttp.ClientSession() as bare:  # no cookie jar: only what each request carries
        for info in PROTECTED:
            for verb, path, body in _rest_request(info):
                for name, token in [("none", None), *forged.items()]:
                    headers = {"Authorization": f"Bearer {token}"} if token else {}
                    async with bare.request(
                        verb,
                        server.base + path,
                        json=body,
                        headers=headers,
                        timeout=aiohttp.ClientTimeout(30),
                    ) as resp:
                        answer = await resp.read()
                        assert resp.status == 401, (name, verb, path, resp.status, answer[:200])
                        error = json.loads(answer)
                        assert error["msg_en"] and error["msg_zh"] and error["status"] is False
                    checked += 1
                # The same forgeries as the session cookie the WebUI uses.
                async with bare.request(
                    verb, server.base + path, json=body, headers={"Cookie": f"token={forged['alg-none']}"}
                ) as resp:
                    assert resp.status == 401, ("cookie alg-none", verb, path, resp.status)
        # And the real token works, so the refusals above are about the credential.
        async with bare.get(server.api + "/config/get", headers={"Authorization": f"Bearer {real}"}) as resp:
            assert resp.status == 200
    assert checked >= 6 * 100


async def test_grpc_refuses_every_bad_credential(server: Server, http: aiohttp.ClientSession) -> None:
    real, forged = await _setup(server, http)
    async with aio.insecure_channel(server.grpc_target) as channel:
        for info in PROTECTED:
            for name, token in [("none", None), *forged.items()]:
                md = (("authorization", f"Bearer {token}"),) if token else ()
                request = info.request_cls()
                if info.server_streaming:
                    call = channel.unary_stream(
                        info.path,
                        request_serializer=lambda m: m.SerializeToString(),
                        response_deserializer=info.response_cls.FromString,
                    )(request, metadata=md, timeout=30)
                    with pytest.raises(aio.AioRpcError) as caught:
                        async for _ in call:
                            break
                else:
                    unary = channel.unary_unary(
                        info.path,
                        request_serializer=lambda m: m.SerializeToString(),
                        response_deserializer=info.response_cls.FromString,
                    )
                    with pytest.raises(aio.AioRpcError) as caught:
                        await unary(request, metadata=md, timeout=30)
                assert caught.value.code() == grpc.StatusCode.UNAUTHENTICATED, (name, info.path)

        get_config = channel.unary_unary(
            "/autobangumi.v1.ConfigService/GetConfig",
            request_serializer=lambda m: m.SerializeToString(),
            response_deserializer=config_pb2.Config.FromString,
        )
        await get_config(config_pb2.GetConfigRequest(), metadata=(("authorization", f"Bearer {real}"),))


async def test_setup_routes_are_closed_after_setup(server: Server, http: aiohttp.ClientSession) -> None:
    await _setup(server, http)
    setup_routes = [
        (b.verb, b.path)
        for info in methods()
        if info.service.endswith("SetupService") and info.name != "GetSetupStatus"
        for b in info.bindings
    ]
    assert len(setup_routes) >= 4
    for verb, path in setup_routes:
        body = {"username": "intruder", "password": "intruder-pass-1", "url": "http://127.0.0.2/"}
        async with aiohttp.ClientSession() as bare, bare.request(verb, server.base + path, json=body) as resp:
            assert resp.status == 403, (path, resp.status, await resp.text())
            error = await resp.json()
            assert error["msg_zh"] and error["status"] is False
    # Nobody got in with the intruder's account; the real one still works.
    async with http.post(
        server.api + "/auth/login", data={"username": "intruder", "password": "intruder-pass-1"}
    ) as resp:
        assert resp.status == 401
    await login(server, http, USERNAME, PASSWORD)


TRAVERSALS = [
    "../config/config.json",
    "..%2fconfig%2fconfig.json",
    "%2e%2e/config/config.json",
    "%2e%2e%2f%2e%2e%2fconfig%2fconfig.json",
    "..%5cconfig%5cconfig.json",
    "....//config/config.json",
    "%252e%252e%252fconfig%252fconfig.json",
    "/etc/passwd",
    "%2fetc%2fpasswd",
    "..%2f..%2f..%2f..%2f..%2fetc%2fpasswd",
    "x" * 300 + ".jpg",
]


async def test_posters_never_leave_their_folder(server: Server, http: aiohttp.ClientSession) -> None:
    await _setup(server, http)
    secret_text = server.paths.config_file.read_text()
    server.paths.posters_dir.mkdir(parents=True, exist_ok=True)
    (server.paths.posters_dir / "real.jpg").write_bytes(b"\xff\xd8\xff\xd9")
    reader, writer = await asyncio.open_connection("127.0.0.1", server.running.http_port)
    try:
        for attack in TRAVERSALS:
            # Raw request lines: a client library would normalise the dots away before sending.
            writer.write(f"GET /posters/{attack} HTTP/1.1\r\nHost: x\r\n\r\n".encode())
            await writer.drain()
            head = await reader.readuntil(b"\r\n\r\n")
            status = int(head.split(b" ", 2)[1])
            length = int(re.search(rb"(?i)content-length: *(\d+)", head).group(1))  # type: ignore[union-attr]
            body = await reader.readexactly(length)
            if known_case("PosterService_GetPoster", _Raw(f"/posters/{attack}"), status):
                continue
            assert status in (400, 403, 404), (attack, status)
            assert b"root:" not in body and secret_text[:40].encode() not in body, attack
    finally:
        writer.close()
    async with http.get(server.base + "/posters/real.jpg") as resp:
        assert resp.status == 200 and await resp.read() == b"\xff\xd8\xff\xd9"


async def test_brute_force_is_locked_out(server: Server, http: aiohttp.ClientSession) -> None:
    await _setup(server, http)
    statuses = []
    for n in range(8):
        async with http.post(
            server.api + "/auth/login", data={"username": USERNAME, "password": f"wrong-{n}"}
        ) as resp:
            statuses.append(resp.status)
    assert statuses[:5] == [401] * 5 and set(statuses[5:]) == {429}, statuses
    # Locked out means locked out: even the right password waits.
    async with http.post(
        server.api + "/auth/login", data={"username": USERNAME, "password": PASSWORD}
    ) as resp:
        assert resp.status == 429
        error = await resp.json()
        assert error["msg_zh"] and PASSWORD not in json.dumps(error)
    # Over gRPC too: the same client is still locked.

    async with aio.insecure_channel(server.grpc_target) as channel:
        stub_login = channel.unary_unary(
            "/autobangumi.v1.AuthService/Login",
            request_serializer=lambda m: m.SerializeToString(),
            response_deserializer=auth_pb2.TokenResponse.FromString,
        )
        with pytest.raises(aio.AioRpcError) as caught:
            await stub_login(auth_pb2.LoginRequest(username=USERNAME, password="wrong-grpc"))
        assert caught.value.code() in (grpc.StatusCode.RESOURCE_EXHAUSTED, grpc.StatusCode.UNAUTHENTICATED)
