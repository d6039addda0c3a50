"""Secrets never reach the log, the event stream or an answer: the password, session and API
tokens, the JWT secret, the downloader password and the notification token."""

from __future__ import annotations

import asyncio
import contextlib

import aiohttp
import pytest

from tests.helpers import PASSWORD, USERNAME, Server, complete_setup, login

DOWNLOADER_PW = "dl-pw-5ecret-99"
TELEGRAM = "123456:AAE-telegram-5ecret-token"


async def test_secrets_stay_out_of_logs_events_and_errors(
    server: Server, http: aiohttp.ClientSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Telegram's API played by a closed port on the tests' "public" address: the sends fail
    # (and log) without leaving the machine.
    monkeypatch.setenv("AB_TELEGRAM_API_BASE", "http://127.0.0.2:9")
    await complete_setup(server, http, downloader_password=DOWNLOADER_PW, downloader_host="127.0.0.1:9")
    token = await login(server, http)
    events: list[bytes] = []

    async def listen() -> None:
        async with (
            aiohttp.ClientSession() as sse,
            sse.get(server.api + "/events/stream", headers={"Authorization": f"Bearer {token}"}) as resp,
        ):
            async for line in resp.content:
                events.append(line)

    listener = asyncio.create_task(listen())
    answers: list[str] = []

    async def call(method: str, path: str, **kw: object) -> None:
        async with http.request(method, server.api + path, **kw) as resp:  # type: ignore[arg-type]
            answers.append(await resp.text())

    await call(
        "PATCH",
        "/config/update",
        json={"notification": {"enable": True, "type": "telegram", "token": TELEGRAM, "chat_id": "1"}},
    )
    async with http.post(server.api + "/tokens", json={"name": "machine"}) as resp:
        api_token = (await resp.json())["token"]
    # Things that fail, and so log and answer errors, with the secrets in play.
    await call("POST", "/auth/login", data={"username": USERNAME, "password": PASSWORD + "x"})
    await call("POST", "/auth/login", data={"username": PASSWORD, "password": PASSWORD})
    await call("GET", "/check/downloader")
    await call(
        "POST",
        "/downloader/test",
        json={"type": "qbittorrent", "host": "127.0.0.1:9", "username": "admin", "password": DOWNLOADER_PW},
    )
    await call(
        "POST", "/notification/test-config", json={"type": "telegram", "token": TELEGRAM, "chat_id": "1"}
    )
    await call("POST", "/notification/test", json={"provider_index": 0})
    # A new password too short to be taken: refused, and the refusal must not echo it.
    await call("POST", "/auth/update", json={"password": PASSWORD[:5]})
    await call("GET", "/config/get")
    await call("GET", "/log")
    async with aiohttp.ClientSession() as bare:
        for bad in (token + "x", api_token + "x", "Bearer " + DOWNLOADER_PW):
            async with bare.get(
                server.api + "/config/get", headers={"Authorization": f"Bearer {bad}"}
            ) as resp:
                answers.append(await resp.text())
    await asyncio.sleep(0)  # let the stream deliver what is queued
    listener.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await listener
    jwt_secret = server.paths.jwt_secret_file.read_text().strip()
    log = server.paths.log_file.read_text(errors="replace")
    assert "telegram" in log.lower(), "the failures were logged (so the checks can fail)"
    secrets = {
        "password": PASSWORD,
        "session token": token,
        "api token": api_token,
        "jwt secret": jwt_secret,
        "downloader password": DOWNLOADER_PW,
        "telegram token": TELEGRAM,
    }
    stream = b"".join(events).decode(errors="replace")
    for name, secret in secrets.items():
        assert secret not in log, f"the {name} is in the log"
        assert secret not in stream, f"the {name} is in the event stream"
        for answer in answers:
            assert secret not in answer, f"the {name} is in an answer: {answer[:300]}"
