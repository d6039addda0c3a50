"""The gRPC client: error translation at the boundary, tokens, TLS context, calls on a real daemon."""

from __future__ import annotations

import base64
import json
import ssl
import time
from collections.abc import AsyncIterator
from typing import Any

import pytest
from custom_components.autobangumi._proto.autobangumi import v1
from custom_components.autobangumi.client import (
    AuthFailed,
    AutoBangumiClient,
    CannotConnect,
    Forbidden,
    NotSupported,
    RequestFailed,
    Throttled,
    Unavailable,
    _translate,
    make_ssl_context,
    seconds_left,
    token_expiry,
)
from grpclib.const import Status
from grpclib.exceptions import GRPCError, StreamTerminatedError
from ha_fixtures import TOKEN, Daemon


def jwt(payload: Any) -> str:
    body = base64.urlsafe_b64encode(json.dumps(payload).encode()).decode().rstrip("=")
    return f"eyJhbGciOiJIUzI1NiJ9.{body}.signature"


def test_token_expiry() -> None:
    assert token_expiry(TOKEN) is None  # a static token never expires
    assert token_expiry(jwt({"sub": "a", "exp": 1_800_000_000})) == 1_800_000_000.0
    assert token_expiry(jwt({"sub": "a"})) is None
    assert token_expiry(jwt(["not", "a", "dict"])) is None
    assert token_expiry("a.%%%.c") is None
    assert seconds_left(TOKEN) is None
    assert seconds_left(jwt({"exp": 1000}), now=400) == 600
    left = seconds_left(jwt({"exp": time.time() + 60}))
    assert left is not None
    assert 0 < left <= 60


@pytest.mark.parametrize(
    ("err", "kind", "text"),
    [
        (GRPCError(Status.UNAUTHENTICATED, "Unauthorized."), AuthFailed, "Unauthorized."),
        (
            GRPCError(Status.PERMISSION_DENIED, "IP not in login whitelist"),
            Forbidden,
            "IP not in login whitelist",
        ),
        (GRPCError(Status.RESOURCE_EXHAUSTED, "Too many failed logins"), Throttled, "Too many failed logins"),
        (GRPCError(Status.UNIMPLEMENTED, "not yet"), NotSupported, "not yet"),
        (GRPCError(Status.UNAVAILABLE, "Downloader down"), Unavailable, "Downloader down"),
        (GRPCError(Status.DEADLINE_EXCEEDED), CannotConnect, "DEADLINE_EXCEEDED"),
        (
            GRPCError(Status.FAILED_PRECONDITION, "Program is not running."),
            RequestFailed,
            "Program is not running.",
        ),
        (StreamTerminatedError("Connection lost"), CannotConnect, "Connection lost"),
        (TimeoutError(), CannotConnect, "TimeoutError"),
        (ConnectionRefusedError(111, "refused"), CannotConnect, "[Errno 111] refused"),
    ],
)
def test_errors_are_translated_at_the_boundary(err: Exception, kind: type[Exception], text: str) -> None:
    translated = _translate(err)
    assert type(translated) is kind
    assert str(translated) == text


def test_tls_context_offers_http2() -> None:
    context = make_ssl_context()
    assert context.verify_mode is ssl.CERT_REQUIRED
    assert context.check_hostname


async def test_calls_on_the_real_daemon(daemon: Daemon) -> None:
    client = AutoBangumiClient("127.0.0.1", daemon.grpc_port, token=TOKEN, timeout=5)
    try:
        assert (await client.get_instance()).instance_id == daemon.instance_id
        assert await client.check_downloader() is False  # its downloader is a closed port
        assert await client.get_downloader_username() == "admin"
        assert [r.id for r in await client.list_rules()] == [1, 2, 3, 4]
        content, content_type = await client.get_poster("frieren.png")
        assert content_type == "image/png"
        assert content.startswith(b"\x89PNG")
        with pytest.raises(Forbidden):
            await client.get_poster("../config/config.json")  # the daemon keeps to its posters folder
    finally:
        client.close()


class FakeStub:
    """Answers every call with a fixed message (for calls the test daemon must not make for real)."""

    def __init__(self, answer: Any, **answers: Any) -> None:
        self.answer = answer
        self.answers = answers
        self.calls: list[str] = []

    def __getattr__(self, name: str) -> Any:
        async def call(*args: Any, **kwargs: Any) -> Any:
            self.calls.append(name)
            return self.answers.get(name, self.answer)

        return call


async def test_commands_and_refusals() -> None:
    client = AutoBangumiClient("127.0.0.1", 1)
    try:
        ok = FakeStub(v1.ApiMessage(msg_en="Done.", msg_zh="完成。"))
        client._bangumi = ok  # type: ignore[assignment]
        assert await client.refresh_calendar() == "Done."
        assert await client.refresh_posters() == "Done."
        assert await client.enable_rule(1) == "Done."
        assert await client.disable_rule(1) == "Done."
        assert ok.calls == ["refresh_calendar", "refresh_poster_all", "enable_bangumi", "disable_bangumi"]

        # AutoBangumi's {"status": false} answers are refusals, whatever the transport said.
        torrent = v1.DownloaderTorrent(hash="a" * 40, name="ep1")
        refused = FakeStub(
            v1.ApiMessage(msg_en="Failed to delete torrents", status=False),
            list_torrents=v1.ListDownloaderTorrentsResponse(torrents=[torrent]),
        )
        client._downloader = refused  # type: ignore[assignment]
        assert await client.list_torrents() == [torrent]
        with pytest.raises(RequestFailed, match="Failed to delete torrents"):
            await client.pause_torrents(["a"])

        rule = v1.Bangumi(id=7, official_title="Kusuriya")
        client._rss = FakeStub(v1.ApiMessage(msg_en="Subscribed."), analyze_rss=rule)  # type: ignore[assignment]
        assert await client.subscribe("https://example.invalid/rss", None, "mikan") == rule

        client._auth = FakeStub(v1.TokenResponse(access_token="renewed"))  # type: ignore[assignment]
        assert await client.renew_token() == "renewed"
        assert client.token == "renewed"
    finally:
        client.close()


async def test_event_stream_end_is_a_disconnect() -> None:
    client = AutoBangumiClient("127.0.0.1", 1)

    class EndingStub:
        async def events(self, *args: Any, **kwargs: Any) -> AsyncIterator[v1.Event]:
            yield v1.Event(kind="program_state", program_state=v1.ProgramStateEvent(state="running"))

    client._program = EndingStub()  # type: ignore[assignment]
    seen: list[v1.Event] = []
    with pytest.raises(CannotConnect, match="ended the event stream"):
        async for event in client.events():
            seen.append(event)
    assert len(seen) == 1
    client.close()
