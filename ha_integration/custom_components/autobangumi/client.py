"""A small typed async client for the AutoBangumi daemon's gRPC API.

It wraps the betterproto2 stubs generated into `_proto/` (grpclib underneath, so neither
grpcio nor protobuf is needed) and is the only module that sees grpclib's exceptions:
they are translated here into this hierarchy:

    AutoBangumiError
    ├── CannotConnect      the daemon cannot be reached, or the connection broke
    ├── AuthFailed         the token or the username/password was refused
    ├── Forbidden          the daemon refuses this address (login allow-list)
    ├── Throttled          too many failed logins: the daemon asks to wait
    ├── NotSupported       the daemon does not implement this call (yet)
    ├── Unavailable        the daemon is up but a service it needs is not (the downloader)
    └── RequestFailed      the daemon refused the request; str() is its message

Each carries `reason`, the daemon's machine-readable code for the cause (e.g.
DOWNLOADER_AUTH_FAILED) when its status had one, so callers never match the English text.
"""

from __future__ import annotations

import asyncio
import base64
import json
import ssl
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import TypeVar

import h2.exceptions
from grpclib.client import Channel
from grpclib.const import Status
from grpclib.exceptions import GRPCError, ProtocolError, StreamTerminatedError

from ._proto.autobangumi import v1
from ._proto.google.protobuf import FieldMask
from .status_details import StatusDetails, StatusDetailsCodec

__all__ = [
    "REASON_DOWNLOADER_AUTH_FAILED",
    "AuthFailed",
    "AutoBangumiClient",
    "AutoBangumiError",
    "CannotConnect",
    "Forbidden",
    "NotSupported",
    "RequestFailed",
    "Throttled",
    "Unavailable",
    "make_ssl_context",
    "token_expiry",
]

_T = TypeVar("_T")


class AutoBangumiError(Exception):
    """Base class of every error this client raises."""

    def __init__(self, message: str = "", reason: str = "") -> None:
        super().__init__(message)
        # The daemon's reason code (google.rpc.ErrorInfo in the status), or "".
        self.reason = reason


class CannotConnect(AutoBangumiError):
    """The daemon cannot be reached, or the connection broke."""


class AuthFailed(AutoBangumiError):
    """The token or the username and password were refused."""


class Forbidden(AutoBangumiError):
    """The daemon refuses requests from this address."""


class Throttled(AutoBangumiError):
    """Too many failed attempts; the daemon asks the caller to wait."""


class NotSupported(AutoBangumiError):
    """The daemon does not implement this call."""


class Unavailable(AutoBangumiError):
    """The daemon answered, but something it depends on (usually the downloader) is down."""


class RequestFailed(AutoBangumiError):
    """The daemon refused the request; the message is the daemon's own (English) text."""


# The daemon's reason code for its downloader refusing the configured username or password.
REASON_DOWNLOADER_AUTH_FAILED = "DOWNLOADER_AUTH_FAILED"

_BY_STATUS: dict[Status, type[AutoBangumiError]] = {
    Status.UNAUTHENTICATED: AuthFailed,
    Status.PERMISSION_DENIED: Forbidden,
    Status.RESOURCE_EXHAUSTED: Throttled,
    Status.UNIMPLEMENTED: NotSupported,
    Status.UNAVAILABLE: Unavailable,
    # A call cut off by its deadline means the daemon did not answer in time.
    Status.DEADLINE_EXCEEDED: CannotConnect,
}

# What grpclib raises when there is no usable HTTP/2 connection: refused, reset, TLS
# mismatch (ssl.SSLError is an OSError), a non-gRPC server on the port, or a timeout.
_TRANSPORT_ERRORS = (OSError, TimeoutError, StreamTerminatedError, ProtocolError, h2.exceptions.ProtocolError)


def _translate(err: Exception) -> AutoBangumiError:
    if isinstance(err, GRPCError):
        details = err.details if isinstance(err.details, StatusDetails) else StatusDetails()
        return _BY_STATUS.get(err.status, RequestFailed)(err.message or err.status.name, details.reason)
    return CannotConnect(str(err) or type(err).__name__)


def make_ssl_context() -> ssl.SSLContext:
    """A verifying client context that offers HTTP/2 (gRPC needs it). Blocking: run in an executor."""
    context = ssl.create_default_context(ssl.Purpose.SERVER_AUTH)
    context.set_alpn_protocols(["h2"])
    return context


def token_expiry(token: str) -> float | None:
    """The `exp` of a session token (a JWT from a password login); None for a static API token.

    Only read to renew the session in time; the daemon, not this client, checks the signature.
    """
    parts = token.split(".")
    if len(parts) != 3:
        return None
    try:
        payload = json.loads(base64.urlsafe_b64decode(parts[1] + "=" * (-len(parts[1]) % 4)))
    except ValueError:
        return None
    exp = payload.get("exp") if isinstance(payload, dict) else None
    return float(exp) if isinstance(exp, int | float) else None


class AutoBangumiClient:
    """One HTTP/2 channel to a daemon; every call carries the bearer token when one is set."""

    def __init__(
        self,
        host: str,
        port: int,
        *,
        token: str | None = None,
        ssl_context: ssl.SSLContext | None = None,
        timeout: float = 10.0,
    ) -> None:
        self.host = host
        self.port = port
        self.token = token
        self.timeout = timeout
        self._channel = Channel(host, port, ssl=ssl_context, status_details_codec=StatusDetailsCodec())
        self._auth = v1.AuthServiceStub(self._channel)
        self._program = v1.ProgramServiceStub(self._channel)
        self._bangumi = v1.BangumiServiceStub(self._channel)
        self._library = v1.LibraryServiceStub(self._channel)
        self._rss = v1.RssServiceStub(self._channel)
        self._downloader = v1.DownloaderServiceStub(self._channel)
        self._config = v1.ConfigServiceStub(self._channel)
        self._posters = v1.PosterServiceStub(self._channel)

    def close(self) -> None:
        self._channel.close()

    def drop_connection(self) -> None:
        """Abandon the current HTTP/2 connection; the next call opens a new one.

        A connection whose peer vanished without a reset (a host that went away, a NAT that
        forgot it) looks alive until TCP gives up; the stream on it would wait for ever.
        """
        self._channel.close()

    @property
    def _metadata(self) -> dict[str, str] | None:
        return {"authorization": f"Bearer {self.token}"} if self.token else None

    async def _call(self, call: Callable[[], Awaitable[_T]], slow: bool = False) -> _T:
        # asyncio's own timeout rather than grpclib's deadline: grpclib can leave its deadline
        # timer behind when a connection fails, and a cut-off call is CannotConnect either way.
        try:
            async with asyncio.timeout(self.timeout * 3 if slow else self.timeout):
                return await call()
        except (GRPCError, *_TRANSPORT_ERRORS) as err:
            raise _translate(err) from err

    async def _command(self, call: Callable[[], Awaitable[v1.ApiMessage]], slow: bool = False) -> str:
        """A call answering AutoBangumi's {msg_en, msg_zh, status}; status false is a refusal."""
        msg = await self._call(call, slow)
        if msg.status is False:
            raise RequestFailed(msg.msg_en)
        return msg.msg_en

    # Authentication

    async def login(self, username: str, password: str) -> str:
        """Exchange a username and password for a session token (and keep using it)."""
        req = v1.LoginRequest(username=username, password=password)
        resp = await self._call(lambda: self._auth.login(req))
        self.token = resp.access_token
        return resp.access_token

    async def renew_token(self) -> str:
        """Extend the current session; the daemon answers a token with a later expiry."""
        resp = await self._call(lambda: self._auth.refresh_token(metadata=self._metadata))
        self.token = resp.access_token
        return resp.access_token

    # The daemon and its program

    async def get_instance(self) -> v1.InstanceInfo:
        return await self._call(lambda: self._program.get_instance(metadata=self._metadata))

    async def get_status(self) -> v1.StatusResponse:
        return await self._call(lambda: self._program.get_status(metadata=self._metadata))

    async def start_program(self) -> str:
        return await self._command(lambda: self._program.start_program(metadata=self._metadata))

    async def stop_program(self) -> str:
        return await self._command(lambda: self._program.stop_program(metadata=self._metadata))

    async def run_rename(self) -> str:
        # Renaming a whole library can take a while: the slow timeout.
        return await self._command(lambda: self._library.run_rename(metadata=self._metadata), slow=True)

    async def check_downloader(self) -> bool:
        # Probing the downloader can take the daemon's own connect timeout: allow for it.
        resp = await self._call(lambda: self._program.check_downloader(metadata=self._metadata), slow=True)
        return resp.value

    async def events(self) -> AsyncIterator[v1.Event]:
        """The live event stream; ends only by an error (CannotConnect when the daemon goes away)."""
        stream = self._program.events(v1.EventsRequest(), metadata=self._metadata)
        try:
            async for event in stream:
                yield event
        except (GRPCError, *_TRANSPORT_ERRORS) as err:
            raise _translate(err) from err
        raise CannotConnect("The daemon ended the event stream.")

    # Rules, feeds and torrents

    async def list_rules(self) -> list[v1.Bangumi]:
        resp = await self._call(lambda: self._bangumi.list_bangumi(metadata=self._metadata))
        return resp.bangumi

    async def enable_rule(self, rule_id: int) -> str:
        req = v1.BangumiIdRequest(bangumi_id=rule_id)
        return await self._command(lambda: self._bangumi.enable_bangumi(req, metadata=self._metadata))

    async def disable_rule(self, rule_id: int) -> str:
        # Never deletes files: only a user asking in the daemon's own UI may do that.
        req = v1.DisableBangumiRequest(bangumi_id=rule_id, file=False)
        return await self._command(lambda: self._bangumi.disable_bangumi(req, metadata=self._metadata))

    async def refresh_calendar(self) -> str:
        return await self._command(lambda: self._bangumi.refresh_calendar(metadata=self._metadata))

    async def refresh_posters(self) -> str:
        return await self._command(lambda: self._bangumi.refresh_poster_all(metadata=self._metadata))

    async def get_poster(self, path: str) -> tuple[bytes, str]:
        """A cached poster's bytes and content type; `path` is relative to the posters folder."""
        req = v1.GetPosterRequest(path=path)
        body = await self._call(lambda: self._posters.get_poster(req, metadata=self._metadata))
        return body.data, body.content_type or "image/jpeg"

    async def list_feeds(self) -> list[v1.RssItem]:
        resp = await self._call(lambda: self._rss.list_rss(metadata=self._metadata))
        return resp.rss

    async def refresh_feeds(self, feed_id: int | None = None) -> str:
        if feed_id is None:
            return await self._command(lambda: self._rss.refresh_all_rss(metadata=self._metadata), slow=True)
        req = v1.RssIdRequest(rss_id=feed_id)
        return await self._command(lambda: self._rss.refresh_rss(req, metadata=self._metadata), slow=True)

    async def add_feed(self, url: str, name: str | None, aggregate: bool, parser: str) -> str:
        item = v1.RssItem(url=url, name=name, aggregate=aggregate, parser=parser, enabled=True)
        return await self._command(lambda: self._rss.add_rss(item, metadata=self._metadata))

    async def subscribe(self, url: str, name: str | None, parser: str) -> v1.Bangumi:
        """Analyse a show's feed into a rule, then subscribe to it (AutoBangumi's two-step add)."""
        item = v1.RssItem(url=url, name=name, aggregate=False, parser=parser, enabled=True)
        rule = await self._call(lambda: self._rss.analyze_rss(item, metadata=self._metadata), slow=True)
        req = v1.SubscribeRequest(data=rule, rss=item)
        await self._command(lambda: self._rss.subscribe_rss(req, metadata=self._metadata))
        return rule

    async def list_torrents(self) -> list[v1.DownloaderTorrent]:
        resp = await self._call(lambda: self._downloader.list_torrents(metadata=self._metadata))
        return resp.torrents

    async def pause_torrents(self, hashes: list[str]) -> str:
        req = v1.HashesRequest(hashes=hashes)
        return await self._command(lambda: self._downloader.pause_torrents(req, metadata=self._metadata))

    async def resume_torrents(self, hashes: list[str]) -> str:
        req = v1.HashesRequest(hashes=hashes)
        return await self._command(lambda: self._downloader.resume_torrents(req, metadata=self._metadata))

    # Settings

    async def set_downloader_credentials(self, username: str, password: str) -> str:
        """Change only the downloader's username and password in the daemon's settings."""
        req = v1.UpdateConfigRequest(
            config=v1.Config(downloader=v1.DownloaderConfig(username=username, password=password)),
            update_mask=FieldMask(paths=["downloader.username", "downloader.password"]),
        )
        return await self._command(lambda: self._config.update_config(req, metadata=self._metadata))

    async def get_downloader_username(self) -> str:
        config = await self._call(lambda: self._config.get_config(metadata=self._metadata))
        return config.downloader.username if config.downloader else ""


def seconds_left(token: str, now: float | None = None) -> float | None:
    """How long a session token stays valid; None for a static token."""
    exp = token_expiry(token)
    if exp is None:
        return None
    return exp - (time.time() if now is None else now)
