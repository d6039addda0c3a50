"""Every auth rule, through real HTTP (cookie and Bearer) and real gRPC."""

from __future__ import annotations

import asyncio
import time

import aiohttp
import grpc
import jwt
import pytest
from grpc import aio

from autobangumi.v1 import common_pb2, config_pb2
from tests.helpers import PASSWORD, USERNAME, Server, complete_setup, login, new_session

pytestmark = pytest.mark.asyncio


async def _status_of(http: aiohttp.ClientSession, url: str, **kw: object) -> int:
    async with http.get(url, **kw) as resp:  # type: ignore[arg-type]
        return resp.status


async def test_no_token_bad_token_and_forged_tokens_are_401(ready: Server) -> None:
    url = ready.api + "/config/get"
    async with new_session() as anon:
        assert await _status_of(anon, url) == 401
        async with anon.get(url) as resp:
            body = await resp.json()
        assert body["msg_en"] and body["msg_zh"] and body["status"] is False
        assert await _status_of(anon, url, headers={"Authorization": "Bearer not-a-jwt"}) == 401
        secret = ready.paths.jwt_secret_file.read_text().strip()
        # Signed with the real secret but naming no open session.
        fake = jwt.encode(
            {"sub": USERNAME, "sid": "nope", "exp": int(time.time()) + 60}, secret, algorithm="HS256"
        )
        assert await _status_of(anon, url, headers={"Authorization": f"Bearer {fake}"}) == 401
        # alg=none: header and claims without a signature.
        unsigned = jwt.encode(
            {"sub": USERNAME, "sid": "x", "exp": int(time.time()) + 60}, None, algorithm="none"
        )
        assert await _status_of(anon, url, headers={"Authorization": f"Bearer {unsigned}"}) == 401
        # Signed with another key.
        other = jwt.encode(
            {"sub": USERNAME, "sid": "x", "exp": int(time.time()) + 60}, "k" * 64, algorithm="HS256"
        )
        assert await _status_of(anon, url, cookies={"token": other}) == 401


async def test_expired_token_is_401(ready: Server) -> None:
    async with new_session() as s:
        token = await login(ready, s)
    claims = jwt.decode(token, options={"verify_signature": False})
    secret = ready.paths.jwt_secret_file.read_text().strip()
    expired = jwt.encode({**claims, "exp": int(time.time()) - 5}, secret, algorithm="HS256")
    async with new_session() as anon:
        assert (
            await _status_of(anon, ready.api + "/config/get", headers={"Authorization": f"Bearer {expired}"})
            == 401
        )
        # The unexpired original still works as Bearer.
        assert (
            await _status_of(anon, ready.api + "/config/get", headers={"Authorization": f"Bearer {token}"})
            == 200
        )


async def test_login_sets_webui_cookie_and_form_and_json_both_work(
    server: Server, http: aiohttp.ClientSession
) -> None:
    await complete_setup(server, http)
    async with http.post(
        server.api + "/auth/login", data={"username": USERNAME, "password": PASSWORD}
    ) as resp:
        assert resp.status == 200
        body = await resp.json()
        cookie = resp.headers["Set-Cookie"]
    assert body["token_type"] == "bearer" and body["access_token"].count(".") == 2
    low = cookie.lower()
    assert low.startswith("token=") and "httponly" in low and "samesite=lax" in low and "path=/" in low
    assert "secure" not in low.replace("samesite", "") and "domain" not in low
    assert await _status_of(http, server.api + "/config/get") == 200
    async with (
        new_session() as other,
        other.post(server.api + "/auth/login", json={"username": USERNAME, "password": PASSWORD}) as resp,
    ):
        assert resp.status == 200


async def test_wrong_credentials_are_401_and_bilingual(server: Server, http: aiohttp.ClientSession) -> None:
    await complete_setup(server, http)
    for user, pw in ((USERNAME, "wrong-password"), ("nobody_here", PASSWORD), (USERNAME, "")):
        async with http.post(server.api + "/auth/login", data={"username": user, "password": pw}) as resp:
            assert resp.status == 401
            body = await resp.json()
            assert body["msg_en"] and body["msg_zh"]


async def test_double_login_per_click_both_succeed_and_keep_sessions(
    server: Server, http: aiohttp.ClientSession
) -> None:
    await complete_setup(server, http)
    async with new_session() as a, new_session() as b:
        tokens = await asyncio.gather(login(server, a), login(server, a), login(server, b))
        assert len(set(tokens)) == 3
        for t in tokens:
            assert (
                await _status_of(a, server.api + "/config/get", headers={"Authorization": f"Bearer {t}"})
                == 200
            )


async def test_logout_ends_only_that_session(ready: Server) -> None:
    async with new_session() as a, new_session() as b:
        await login(ready, a)
        await login(ready, b)
        async with a.get(ready.api + "/auth/logout") as resp:
            assert resp.status == 200
            assert (await resp.json())["msg_en"] == "Logout successfully."
        assert await _status_of(a, ready.api + "/config/get") == 401
        assert await _status_of(b, ready.api + "/config/get") == 200


async def test_logout_cookie_removed_and_old_token_dead(ready: Server, http: aiohttp.ClientSession) -> None:
    async with new_session() as s:
        token = await login(ready, s)
        async with s.get(ready.api + "/auth/logout") as resp:
            assert resp.status == 200
    assert (
        await _status_of(http, ready.api + "/config/get", headers={"Authorization": f"Bearer {token}"}) == 401
    )


async def test_refresh_gives_working_token(ready: Server, http: aiohttp.ClientSession) -> None:
    async with http.get(ready.api + "/auth/refresh_token") as resp:
        assert resp.status == 200
        token = (await resp.json())["access_token"]
        assert "token=" in resp.headers["Set-Cookie"]
    async with new_session() as anon:
        assert (
            await _status_of(anon, ready.api + "/config/get", headers={"Authorization": f"Bearer {token}"})
            == 200
        )
        assert await _status_of(anon, ready.api + "/auth/refresh_token") == 401


async def test_sessions_survive_a_daemon_restart(ready: Server, http: aiohttp.ClientSession) -> None:
    token = await login(ready, http)
    await ready.restart()
    async with new_session() as anon:
        assert (
            await _status_of(anon, ready.api + "/config/get", headers={"Authorization": f"Bearer {token}"})
            == 200
        )


async def test_update_credentials_changes_password_and_keeps_this_session(
    ready: Server, http: aiohttp.ClientSession
) -> None:
    async with new_session() as other:
        await login(ready, other)
        async with http.post(ready.api + "/auth/update", json={"password": "new-password-42"}) as resp:
            assert resp.status == 200
            assert (await resp.json())["message"] == "update success"
        assert await _status_of(http, ready.api + "/config/get") == 200
        # The other browser used the old password: it is logged out.
        assert await _status_of(other, ready.api + "/config/get") == 401
    async with new_session() as s:
        async with s.post(
            ready.api + "/auth/login", data={"username": USERNAME, "password": PASSWORD}
        ) as resp:
            assert resp.status == 401
        await login(ready, s, password="new-password-42")
    async with http.post(ready.api + "/auth/update", json={"password": "short"}) as resp:
        assert resp.status == 422
        assert (await resp.json())["msg_zh"]


async def test_api_token_works_over_rest_and_grpc(ready: Server, http: aiohttp.ClientSession) -> None:
    async with http.patch(
        ready.api + "/config/update", json={"security": {"login_tokens": ["machine-token-123456"]}}
    ) as resp:
        assert resp.status == 200, await resp.text()
    async with new_session() as anon:
        hdr = {"Authorization": "Bearer machine-token-123456"}
        assert await _status_of(anon, ready.api + "/config/get", headers=hdr) == 200
        assert (
            await _status_of(
                anon, ready.api + "/config/get", headers={"Authorization": "Bearer machine-token-12345"}
            )
            == 401
        )
    async with aio.insecure_channel(ready.grpc_target) as ch:
        get = ch.unary_unary(
            "/autobangumi.v1.ConfigService/GetConfig",
            request_serializer=config_pb2.GetConfigRequest.SerializeToString,
            response_deserializer=config_pb2.Config.FromString,
        )
        cfg = await get(
            config_pb2.GetConfigRequest(), metadata=(("authorization", "Bearer machine-token-123456"),)
        )
        assert cfg.downloader.password == "********"
        with pytest.raises(aio.AioRpcError) as exc:
            await get(config_pb2.GetConfigRequest())
        assert exc.value.code() == grpc.StatusCode.UNAUTHENTICATED
        stop = ch.unary_unary(
            "/autobangumi.v1.ProgramService/StopProgram",
            request_serializer=common_pb2.Empty.SerializeToString,
            response_deserializer=common_pb2.ApiMessage.FromString,
        )
        with pytest.raises(aio.AioRpcError) as exc:
            await stop(common_pb2.Empty(), metadata=(("authorization", "Bearer wrong"),))
        assert exc.value.code() == grpc.StatusCode.UNAUTHENTICATED


async def test_failed_logins_are_throttled_per_client(server: Server, http: aiohttp.ClientSession) -> None:
    await complete_setup(server, http)
    for _ in range(5):
        async with http.post(
            server.api + "/auth/login", data={"username": USERNAME, "password": "bad-password"}
        ) as resp:
            assert resp.status == 401
    async with http.post(
        server.api + "/auth/login", data={"username": USERNAME, "password": PASSWORD}
    ) as resp:
        assert resp.status == 429
        body = await resp.json()
        assert "Too many" in body["msg_en"] and body["msg_zh"]
        # The wait is told as a header too, and agrees with the text (RFC 9110 delay-seconds).
        wait = int(resp.headers["Retry-After"])
        assert wait > 0 and f"{wait} seconds" in body["msg_en"]


async def test_login_allowlist(ready: Server, http: aiohttp.ClientSession) -> None:
    async with http.patch(
        ready.api + "/config/update", json={"security": {"login_whitelist": ["10.0.0.0/8"]}}
    ) as resp:
        assert resp.status == 200
    async with (
        new_session() as s,
        s.post(ready.api + "/auth/login", data={"username": USERNAME, "password": PASSWORD}) as resp,
    ):
        assert resp.status == 403
        assert "whitelist" in (await resp.json())["msg_en"]
    async with http.patch(
        ready.api + "/config/update", json={"security": {"login_whitelist": ["127.0.0.0/8"]}}
    ) as resp:
        assert resp.status == 200
    async with new_session() as s:
        await login(ready, s)


async def test_database_api_tokens_from_the_cli_work_and_revoke_at_once(ready: Server) -> None:
    import asyncio
    import os
    import sys

    env = {
        **os.environ,
        "AB_CONFIG_DIR": str(ready.paths.config_dir),
        "AB_DATA_DIR": str(ready.paths.data_dir),
    }

    async def cli(*args: str) -> tuple[int, str]:
        proc = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "autobangumi_app.cli",
            "token",
            *args,
            env=env,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.DEVNULL,
        )
        out, _ = await proc.communicate()
        return proc.returncode or 0, out.decode()

    code, out = await cli("create", "--name", "home-assistant")
    token = out.strip()
    assert code == 0 and token.startswith("abt_")
    code, listing = await cli("list")
    assert "home-assistant" in listing and token not in listing
    async with new_session() as anon:
        hdr = {"Authorization": f"Bearer {token}"}
        assert await _status_of(anon, ready.api + "/config/get", headers=hdr) == 200
        token_id = listing.split("\t")[0]
        assert (await cli("revoke", token_id))[0] == 0
        assert await _status_of(anon, ready.api + "/config/get", headers=hdr) == 401
        assert (await cli("revoke", token_id))[0] == 2
