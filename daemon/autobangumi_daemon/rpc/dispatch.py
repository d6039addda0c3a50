"""One table from the contract's methods to the service code that answers them.

Service classes name their contract service (`SERVICE = "autobangumi.v1.AuthService"`) and
define one async method per RPC taking `(request, caller)`; server-streaming RPCs are async
generators. A method the services do not define yet answers UNIMPLEMENTED with a bilingual
message. Authentication happens here for gRPC and in-process callers alike: once per unary
call, and for a stream at its start and again every STREAM_RECHECK seconds while it is open,
so a stream ends (UNAUTHENTICATED) soon after its credential does.

The daemon's domain errors (`errors.py`) become statuses here and nowhere else: STATUS_OF maps
each error class to its gRPC code, and the reason code travels as a `google.rpc.ErrorInfo`. A
downloader adapter's failure that reaches this point is reported as the downloader's (503 with
its reason), so services need not translate it by hand.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import AsyncGenerator, AsyncIterator, Awaitable, Callable, Iterator
from dataclasses import dataclass
from typing import Any

import grpc
from google.protobuf.message import Message

from autobangumi.contract import MethodInfo, methods
from autobangumi.rpc import MCP_SURFACE, SURFACE_KEY, ApiError, Caller, Identity
from autobangumi.v1 import options_pb2
from autobangumi_daemon import errors
from autobangumi_daemon.adapters.downloaders.base import DownloaderError
from autobangumi_daemon.errors import DaemonError, from_downloader, unimplemented
from autobangumi_daemon.rpc.textcheck import refuse_nul

__all__ = ["STATUS_OF", "Dispatcher", "Endpoint", "to_api_error"]

log = logging.getLogger(__name__)

Authenticate = Callable[[str | None], Awaitable[Identity]]
# (token, client address): also accepts security.mcp_tokens and security.mcp_whitelist.
AuthenticateMcp = Callable[[str | None, str], Awaitable[Identity]]


def exposed_to_mcp(info: MethodInfo) -> bool:
    opts: Any = info.descriptor.GetOptions()
    return bool(opts.Extensions[options_pb2.mcp_tool] or opts.Extensions[options_pb2.mcp_resource])


# Every domain error class and the status it travels as; the codes map to AutoBangumi's HTTP
# statuses in the bridge (422, 400, 406, 409, 404, 403, 401, 429, 503, 501, 500).
STATUS_OF: dict[type[DaemonError], grpc.StatusCode] = {
    errors.InvalidInput: grpc.StatusCode.INVALID_ARGUMENT,
    errors.BadRequest: grpc.StatusCode.OUT_OF_RANGE,
    errors.OperationFailed: grpc.StatusCode.FAILED_PRECONDITION,
    errors.AlreadyExists: grpc.StatusCode.ALREADY_EXISTS,
    errors.NotFound: grpc.StatusCode.NOT_FOUND,
    errors.Forbidden: grpc.StatusCode.PERMISSION_DENIED,
    errors.Unauthenticated: grpc.StatusCode.UNAUTHENTICATED,
    errors.Throttled: grpc.StatusCode.RESOURCE_EXHAUSTED,
    errors.Unavailable: grpc.StatusCode.UNAVAILABLE,
    errors.DownloaderUnavailable: grpc.StatusCode.UNAVAILABLE,
    errors.NotImplementedYet: grpc.StatusCode.UNIMPLEMENTED,
    errors.InternalError: grpc.StatusCode.INTERNAL,
}


def to_api_error(err: DaemonError | DownloaderError) -> ApiError:
    """The status a domain error (or a downloader's failure) travels as."""
    if isinstance(err, DownloaderError):
        err = from_downloader(err)
    # The nearest class with a row; the table test keeps every class in it.
    code = next(STATUS_OF[k] for k in type(err).__mro__ if k in STATUS_OF)
    retry_after = err.retry_after if isinstance(err, errors.Throttled) else 0
    return ApiError(code, err.msg_en, err.msg_zh, err.reason, retry_after=retry_after)


@contextlib.contextmanager
def _as_status() -> Iterator[None]:
    try:
        yield
    except (DaemonError, DownloaderError) as exc:
        raise to_api_error(exc) from None


# Seconds between two checks of an open stream's credential.
STREAM_RECHECK = 1.0
# Public methods whose answer is the same for everyone: a token that comes along (the WebUI
# sends its cookie with every call) is not even verified, which is most of such a call's cost.
ANONYMOUS = frozenset(
    {
        "/autobangumi.v1.ProgramService/GetStatus",
        "/autobangumi.v1.ProgramService/Health",
        "/autobangumi.v1.SetupService/GetSetupStatus",
        "/autobangumi.v1.PosterService/GetPoster",
    }
)


@dataclass(slots=True)
class Endpoint:
    info: MethodInfo
    impl: Callable[[Any, Caller], Any] | None
    mcp: bool = False
    # Text that is stored or acted on is checked for NUL; a lookup (an HTTP GET, such as a
    # poster by name) answers "not found" for a name no file can have instead.
    checks_text: bool = True


class Dispatcher:
    def __init__(
        self,
        services: list[object],
        authenticate: Authenticate,
        authenticate_mcp: AuthenticateMcp | None = None,
    ) -> None:
        by_name = {getattr(svc, "SERVICE", ""): svc for svc in services}
        self._authenticate = authenticate
        self._authenticate_mcp = authenticate_mcp
        self.endpoints: dict[str, Endpoint] = {}
        for info in methods():
            svc = by_name.get(info.service)
            impl = getattr(svc, info.name, None) if svc is not None else None
            lookup = bool(info.bindings) and all(b.verb == "GET" for b in info.bindings)
            self.endpoints[info.path] = Endpoint(info, impl, exposed_to_mcp(info), not lookup)

    async def _authorize(self, ep: Endpoint, caller: Caller) -> None:
        by_mcp = self._authenticate_mcp
        if (
            not ep.info.public
            and by_mcp is not None
            and ep.mcp
            and caller.metadata.get(SURFACE_KEY) == MCP_SURFACE
        ):
            # mcp_tokens and mcp_whitelist open only the methods the contract offers over MCP.
            caller.identity = await by_mcp(caller.token, caller.client_ip)
        elif not ep.info.public:
            caller.identity = await self._authenticate(caller.token)
        elif caller.token and ep.info.path not in ANONYMOUS:
            # Public methods still learn who is calling when a valid token comes along.
            try:
                caller.identity = await self._authenticate(caller.token)
            except (ApiError, DaemonError):
                caller.identity = None

    async def unary(self, path: str, request: Message, caller: Caller) -> Message:
        ep = self.endpoints[path]
        with _as_status():
            await self._authorize(ep, caller)
            if ep.impl is None:
                raise unimplemented(ep.info.name)
            if ep.checks_text:
                refuse_nul(request)
            try:
                result: Message = await ep.impl(request, caller)
            except (ApiError, DaemonError, DownloaderError):
                raise
            except Exception:
                log.exception("%s failed", ep.info.name)
                raise
        return result

    async def stream(self, path: str, request: Message, caller: Caller) -> AsyncIterator[Message]:
        ep = self.endpoints[path]
        with _as_status():
            await self._authorize(ep, caller)
            if ep.impl is None:
                raise unimplemented(ep.info.name)
            if ep.checks_text:
                refuse_nul(request)
            gen: AsyncIterator[Message] = ep.impl(request, caller)
            if ep.info.public or caller.identity is None:
                async for item in gen:  # a public stream needs no credential to go on
                    yield item
                return
            # aclosing: a client that leaves ends the inner generator (and its subscription) now.
            async with contextlib.aclosing(self._guarded(gen, caller)) as guarded:
                async for item in guarded:
                    yield item

    async def _guarded(self, gen: AsyncIterator[Message], caller: Caller) -> AsyncGenerator[Message]:
        """The stream's items while its credential stays valid; its end (Unauthenticated) when not.
        The check runs on a clock, whether the stream is idle or busy."""
        pending: asyncio.Future[Message] | None = None
        checked = time.monotonic()
        try:
            while True:
                if pending is None:
                    pending = asyncio.ensure_future(gen.__anext__())
                wait = max(0.0, checked + STREAM_RECHECK - time.monotonic())
                done, _ = await asyncio.wait({pending}, timeout=wait)
                if time.monotonic() - checked >= STREAM_RECHECK:
                    caller.identity = await self._authenticate(caller.token)
                    checked = time.monotonic()
                if not done:
                    continue
                finished, pending = pending, None
                try:
                    item = finished.result()
                except StopAsyncIteration:
                    return
                yield item
        finally:
            if pending is not None and not pending.done():
                pending.cancel()
                with contextlib.suppress(asyncio.CancelledError, Exception):
                    await pending
            aclose = getattr(gen, "aclose", None)
            if aclose is not None:
                with contextlib.suppress(Exception):
                    await aclose()
