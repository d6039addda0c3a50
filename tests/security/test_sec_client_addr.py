"""The client's address (what login lockout and the login allowlist key on) cannot be chosen
by the client: X-Forwarded-For and Forwarded count only from a configured trusted proxy, on
gRPC and REST, and a separate bridge is believed only with the daemon's key."""

from __future__ import annotations

import sys
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import grpc
import pytest
from grpc import aio

from autobangumi.clientaddr import TrustedProxies
from autobangumi.v1 import auth_pb2
from autobangumi_app.server import start_serve
from autobangumi_daemon.paths import AppPaths
from tests.cli.procs import install_env, start
from tests.helpers import PASSWORD, TEST_POLICY, USERNAME, Server, complete_setup, login, new_session
from tests.security.sechelp import bilingual, grpc_call

ATTEMPTS = 40


def _spoofed(i: int) -> dict[str, str]:
    """Headers a client would send to pretend to be a new address every time."""
    addr = f"198.51.{i // 250}.{i % 250 + 1}"
    if i % 2:
        return {"X-Forwarded-For": addr}
    return {"Forwarded": f'for="{addr}";proto=http', "X-Forwarded-For": addr}


async def _grpc_login(server: Server, password: str, md: dict[str, str]) -> grpc.StatusCode:
    try:
        await grpc_call(
            server.grpc_target,
            "AuthService/Login",
            auth_pb2.LoginRequest(username=USERNAME, password=password),
            tuple((k.lower(), v) for k, v in md.items()),
        )
    except aio.AioRpcError as err:
        return err.code()
    return grpc.StatusCode.OK


async def _rest_login(base: str, password: str, headers: dict[str, str], local: str = "") -> int:
    connector = aiohttp.TCPConnector(local_addr=(local, 0)) if local else None
    async with (
        aiohttp.ClientSession(connector=connector) as s,
        s.post(base + "/auth/login", data={"username": USERNAME, "password": password}, headers=headers) as r,
    ):
        await r.read()
        return r.status


async def test_grpc_spoofed_forwarded_headers_are_locked_out(ready: Server) -> None:
    codes = [await _grpc_login(ready, "wrong-password", _spoofed(i)) for i in range(ATTEMPTS)]
    assert codes[:5] == [grpc.StatusCode.UNAUTHENTICATED] * 5
    assert set(codes[5:]) == {grpc.StatusCode.RESOURCE_EXHAUSTED}, codes
    # The right password from yet another "address" is refused too: it is the same client.
    assert await _grpc_login(ready, PASSWORD, _spoofed(999)) == grpc.StatusCode.RESOURCE_EXHAUSTED
    # ... and over REST from the same machine, since that is the real address.
    assert await _rest_login(ready.api, PASSWORD, {}) == 429


async def test_rest_spoofed_forwarded_headers_are_locked_out(ready: Server) -> None:
    statuses = [await _rest_login(ready.api, "wrong-password", _spoofed(i)) for i in range(ATTEMPTS)]
    assert statuses[:5] == [401] * 5 and set(statuses[5:]) == {429}, statuses
    assert await _rest_login(ready.api, PASSWORD, _spoofed(999)) == 429
    assert await _grpc_login(ready, PASSWORD, _spoofed(998)) == grpc.StatusCode.RESOURCE_EXHAUSTED


async def test_the_login_allowlist_cannot_be_bypassed(ready: Server, http: aiohttp.ClientSession) -> None:
    body = {"security": {"login_whitelist": ["10.0.0.0/8"]}}
    async with http.patch(ready.api + "/config/update", json=body) as resp:
        assert resp.status == 200
    inside = {"X-Forwarded-For": "10.1.2.3", "Forwarded": "for=10.1.2.3"}
    async with (
        new_session() as s,
        s.post(
            ready.api + "/auth/login", data={"username": USERNAME, "password": PASSWORD}, headers=inside
        ) as resp,
    ):
        assert resp.status == 403
        bilingual(await resp.json())
    assert await _grpc_login(ready, PASSWORD, inside) == grpc.StatusCode.PERMISSION_DENIED
    # A claimed bridge address without the daemon's key is no better.
    claim = {"x-ab-client-ip": "10.1.2.3", "x-ab-bridge-key": "not-the-key-at-all"}
    assert await _grpc_login(ready, PASSWORD, claim) == grpc.StatusCode.PERMISSION_DENIED


@pytest.fixture
async def behind_proxy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[Server]:
    """A server that trusts a proxy on 127.0.0.1 (and only there)."""
    monkeypatch.setenv("AB_TRUSTED_PROXIES", "127.0.0.1, 192.0.2.0/24")
    paths = AppPaths(tmp_path / "config", tmp_path / "data")
    running = await start_serve(paths, "127.0.0.1", 0, "127.0.0.1:0", TEST_POLICY)
    srv = Server(running, paths)
    try:
        async with new_session() as http:
            await complete_setup(srv, http)
        yield srv
    finally:
        await srv.running.stop()


async def test_a_trusted_proxy_sets_the_client_address(behind_proxy: Server) -> None:
    srv = behind_proxy
    # Five failures from one forwarded address lock out that address only.
    one = {"X-Forwarded-For": "203.0.113.7"}
    assert [await _rest_login(srv.api, "wrong-password", one) for _ in range(5)] == [401] * 5
    assert await _rest_login(srv.api, PASSWORD, one) == 429
    assert await _rest_login(srv.api, PASSWORD, {"Forwarded": 'for="203.0.113.8"'}) == 200
    # gRPC follows the same list.
    assert await _grpc_login(srv, PASSWORD, {"x-forwarded-for": "203.0.113.7"}) == (
        grpc.StatusCode.RESOURCE_EXHAUSTED
    )
    assert await _grpc_login(srv, PASSWORD, {"x-forwarded-for": "203.0.113.9"}) == grpc.StatusCode.OK
    # The chain is read from the right: a trusted hop is skipped, the first other one is the client.
    chain = {"X-Forwarded-For": "203.0.113.7, 203.0.113.10, 192.0.2.5"}
    assert await _rest_login(srv.api, PASSWORD, chain) == 200
    async with new_session() as s:
        await login(srv, s)
        async with s.get(srv.api + "/auth/sessions") as resp:
            ips = {row.get("client_ip") for row in (await resp.json())["sessions"]}
    assert {"203.0.113.8", "203.0.113.9", "203.0.113.10", "127.0.0.1"} <= ips


def test_the_trusted_proxy_list_parses_and_refuses_garbage() -> None:
    trusted = TrustedProxies.parse("10.0.0.0/8, ::1")
    assert trusted.trusts("10.2.3.4") and trusted.trusts("::ffff:10.2.3.4") and trusted.trusts("::1")
    assert not trusted.trusts("11.0.0.1") and not trusted.trusts("not-an-ip")
    assert TrustedProxies().client_address("127.0.0.1", "for=1.2.3.4", "1.2.3.4") == "127.0.0.1"
    assert trusted.client_address("10.0.0.1", None, "garbage, 10.0.0.2") == "10.0.0.2"
    assert trusted.client_address("10.0.0.1", 'for="[2001:db8::1]:4711"', None) == "2001:db8::1"
    with pytest.raises(ValueError) as exc:
        TrustedProxies.parse("10.0.0.0/8, proxy.example")
    assert "proxy.example" in str(exc.value)


async def test_a_separate_bridge_passes_the_real_address_only_with_the_daemon_key(tmp_path: Path) -> None:
    """`autobangumi daemon` and `autobangumi bridge` as real processes: with the shared config
    folder the bridge has the key and the daemon tells its clients apart; a bridge elsewhere
    without it is one client to the daemon."""
    env = install_env(tmp_path, AB_USERNAME=USERNAME, AB_PASSWORD=PASSWORD)
    cmd = [sys.executable, "-m", "autobangumi_app.cli"]
    daemon = await start([*cmd, "daemon"], "daemon", env)
    target = f"127.0.0.1:{daemon.port}"
    keyed = await start([*cmd, "bridge", "--daemon", target], "bridge", env)
    other_env = install_env(tmp_path / "elsewhere", AB_DAEMON=target)
    unkeyed = await start([*cmd, "bridge"], "bridge", other_env)
    try:
        assert (tmp_path / "config" / ".bridge_key").stat().st_mode & 0o077 == 0
        with_key = f"http://127.0.0.1:{keyed.port}/api/v1"
        without = f"http://127.0.0.1:{unkeyed.port}/api/v1"
        # 127.0.0.5 fails five times through the keyed bridge: only 127.0.0.5 is locked.
        fails = [await _rest_login(with_key, "wrong-password", {}, "127.0.0.5") for _ in range(5)]
        assert fails == [401] * 5
        assert await _rest_login(with_key, PASSWORD, {}, "127.0.0.5") == 429
        assert await _rest_login(with_key, PASSWORD, {}, "127.0.0.1") == 200
        # Spoofing through the bridge changes nothing either.
        assert await _rest_login(with_key, PASSWORD, {"X-Forwarded-For": "127.0.0.9"}, "127.0.0.5") == 429
        # Without the key the daemon only sees the bridge: five failures lock everyone behind it.
        fails = [await _rest_login(without, "wrong-password", {}, "127.0.0.6") for _ in range(5)]
        assert fails == [401] * 5
        assert await _rest_login(without, PASSWORD, {}, "127.0.0.7") == 429
    finally:
        for proc in (unkeyed, keyed, daemon):
            await proc.stop()
