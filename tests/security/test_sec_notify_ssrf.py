"""SSRF through notifications: every provider's target is checked at connect time with the
feeds' policy. The unauthenticated wizard never reaches the LAN, whatever the opt-in says; an
authenticated user's providers reach a LAN host only when AB_FETCH_ALLOW_NETWORKS lists it.
Generic Apprise URLs are resolved and checked before Apprise sends anything."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from autobangumi_app.server import start_serve
from autobangumi_daemon.netguard import NetPolicy
from autobangumi_daemon.notify.apprise_send import check_apprise_target
from autobangumi_daemon.notify.providers import ProviderError
from autobangumi_daemon.paths import AppPaths
from tests.helpers import TEST_POLICY, Server, complete_setup, login, new_session
from tests.notify.receivers import GOOD_TELEGRAM, Receiver, receiver

CHINESE = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture
async def internal() -> AsyncIterator[Receiver]:
    """A receiver only the machine itself reaches (127.0.0.1): it must never get a request."""
    async with receiver("127.0.0.1") as r:
        yield r


@pytest.fixture
async def public() -> AsyncIterator[Receiver]:
    async with receiver("127.0.0.2") as r:
        yield r


def _port(r: Receiver) -> int:
    return int(r.base.rsplit(":", 1)[1])


def _internal_bases(port: int) -> list[str]:
    p = port
    return [
        f"http://127.0.0.1:{p}",
        f"http://127。0。0。1:{p}",  # ideographic full stops
        f"http://127．0．0．1:{p}",  # full-width full stops
        f"http://１２７.０.０.１:{p}",  # full-width digits
        f"http://①②⑦.⓪.⓪.①:{p}",  # circled digits
        f"http://2130706433:{p}",  # decimal
        f"http://0x7f.1:{p}",  # hex
        f"http://0177.0.0.1:{p}",  # octal
        f"http://[::ffff:127.0.0.1]:{p}",  # IPv4-mapped
        f"http://localhost:{p}",
        f"http://vm:{p}",  # a name that resolves to loopback (/etc/hosts)
        f"http://user@127.0.0.1:{p}",
        "http://169.254.169.254",  # link-local (cloud metadata)
        "http://10.0.0.1",
        "http://192.168.1.1",
        "http://[fe80::1]",
        "http://[fc00::1]",
        "http://0.0.0.0",
    ]


def _refused(body: dict[str, Any]) -> None:
    assert body["success"] is False, body
    assert body["message_en"] and CHINESE.search(body["message_zh"]), body


async def _post(http: aiohttp.ClientSession, url: str, body: dict[str, Any]) -> dict[str, Any]:
    async with http.post(url, json=body) as resp:
        assert resp.status == 200, await resp.text()
        return await resp.json()  # type: ignore[no-any-return]


def _providers(base: str) -> list[dict[str, Any]]:
    """Every built-in type that takes a server URL, pointed at `base`."""
    return [
        {"type": "webhook", "url": base + "/hook"},
        {"type": "telegram", "token": GOOD_TELEGRAM, "chat_id": "1", "server_url": base + "/tg"},
        {"type": "gotify", "token": "gtoken", "server_url": base + "/gotify"},
        {"type": "ntfy", "chat_id": "t", "server_url": base + "/ntfy"},
        {"type": "bark", "device_key": "d", "server_url": base + "/bark"},
        {"type": "discord", "webhook_url": base + "/discord/api/webhooks/1/t"},
        {"type": "wecom", "webhook_url": base + "/wecom?key=K1"},
    ]


async def test_the_wizard_never_reaches_an_internal_host(
    server: Server, http: aiohttp.ClientSession, internal: Receiver, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The wizard takes no server URL; the Telegram API base of the environment is the only way
    # a target could be internal, and it is checked like any URL.
    for base in _internal_bases(_port(internal)):
        monkeypatch.setenv("AB_TELEGRAM_API_BASE", base + "/tg")
        body = await _post(
            http,
            server.api + "/setup/test-notification",
            {"type": "telegram", "token": GOOD_TELEGRAM, "chat_id": "1"},
        )
        _refused(body)
        # Refused as a private address; the LAN opt-in, which the wizard never uses, is not offered.
        assert "private" in body["message_en"] and "AB_FETCH_ALLOW_NETWORKS" not in body["message_en"], body
    assert internal.received == []


async def test_authenticated_providers_refuse_internal_hosts(
    ready: Server, http: aiohttp.ClientSession, internal: Receiver
) -> None:
    for base in _internal_bases(_port(internal)):
        for provider in _providers(base):
            body = await _post(http, ready.api + "/notification/test-config", provider)
            _refused(body)
            # Refused by the guard (not by chance): the answer names the opt-in.
            assert "AB_FETCH_ALLOW_NETWORKS" in body["message_en"], (provider, body)
            assert "AB_FETCH_ALLOW_NETWORKS" in body["message_zh"], (provider, body)
    assert internal.received == []


async def test_a_redirect_to_an_internal_host_is_not_followed(
    ready: Server, http: aiohttp.ClientSession, internal: Receiver, public: Receiver
) -> None:
    to = internal.base + "/hook"
    body = await _post(
        http,
        ready.api + "/notification/test-config",
        {"type": "webhook", "url": f"{public.base}/moved?to={to}"},
    )
    assert body["success"] is False and "302" in body["message_en"]
    assert [r.path for r in public.received] == ["/moved"] and internal.received == []


async def test_saved_providers_are_checked_when_an_episode_is_sent(
    ready: Server, http: aiohttp.ClientSession, internal: Receiver
) -> None:
    providers = [{**p, "enabled": True} for p in _providers(internal.base)]
    async with http.patch(
        ready.api + "/config/update", json={"notification": {"enable": True, "providers": providers}}
    ) as resp:
        assert resp.status == 200
    assert ready.running.daemon is not None and ready.running.daemon.ctx is not None
    results = await ready.running.daemon.ctx.notifier.episode(official_title="X", season=1, episode=1)
    assert len(results) == len(providers) and not any(r.success for r in results)
    assert internal.received == []


async def test_apprise_urls_to_internal_hosts_are_refused_before_sending(
    ready: Server, http: aiohttp.ClientSession, internal: Receiver
) -> None:
    p = _port(internal)
    for url in (
        f"json://127.0.0.1:{p}/a",
        f"json://localhost:{p}/a",
        f"json://vm:{p}/a",
        f"json://2130706433:{p}/a",
        f"jsons://[::ffff:127.0.0.1]:{p}/a",
        f"form://127。0。0。1:{p}/a",
        "json://169.254.169.254/latest",
    ):
        body = await _post(http, ready.api + "/notification/test-config", {"type": "apprise", "url": url})
        _refused(body)
        assert "AB_FETCH_ALLOW_NETWORKS" in body["message_en"], (url, body)
    assert internal.received == []


async def test_apprise_check_while_setup_is_open() -> None:
    strict = NetPolicy()
    with pytest.raises(ProviderError):
        await check_apprise_target("json://127.0.0.1/x", strict, must_resolve=False)
    # While setup is open a host that does not resolve is refused; afterwards it may be a token.
    with pytest.raises(ProviderError) as exc:
        await check_apprise_target("json://no-such-host.invalid/x", strict, must_resolve=True)
    assert CHINESE.search(exc.value.msg_zh)
    await check_apprise_target("tgram://no-such-host.invalid/x", strict, must_resolve=False)
    await check_apprise_target("json://127.0.0.2/x", TEST_POLICY, must_resolve=True)


async def test_a_lan_receiver_is_reachable_when_allowed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, internal: Receiver
) -> None:
    monkeypatch.setenv("AB_FETCH_ALLOW_NETWORKS", "127.0.0.1/32")
    paths = AppPaths(tmp_path / "config", tmp_path / "data")
    running = await start_serve(paths, "127.0.0.1", 0, "127.0.0.1:0", TEST_POLICY)
    server = Server(running, paths)
    try:
        async with new_session() as http:
            # The wizard is open to anyone: the opt-in never applies to it.
            monkeypatch.setenv("AB_TELEGRAM_API_BASE", internal.base + "/tg")
            body = await _post(
                http,
                server.api + "/setup/test-notification",
                {"type": "telegram", "token": GOOD_TELEGRAM, "chat_id": "1"},
            )
            _refused(body)
            assert internal.received == []
            await complete_setup(server, http)
            await login(server, http)
            for provider in _providers(internal.base):
                body = await _post(http, server.api + "/notification/test-config", provider)
                assert body["success"] is True, (provider, body)
            url = internal.base.replace("http://", "json://") + "/apprise"
            body = await _post(
                http, server.api + "/notification/test-config", {"type": "apprise", "url": url}
            )
            assert body["success"] is True, body
            assert len(internal.received) == len(_providers(internal.base)) + 1
            # Only what is listed: another loopback address stays refused.
            body = await _post(
                http,
                server.api + "/notification/test-config",
                {"type": "webhook", "url": "http://127.0.0.3:9/h"},
            )
            _refused(body)
    finally:
        await running.stop()
