"""The MCP server on the bridge at /mcp, over the Streamable HTTP transport.

The SDK's StreamableHTTPSessionManager is an ASGI application and the bridge is aiohttp, so a
small adapter turns each aiohttp request into one ASGI `http` scope: the body is handed over in
chunks, the answer (JSON, or a Server-Sent Events stream) is written as the application sends
it, and `http.disconnect` is reported once the client has gone, which is what ends an open
event stream. The manager's task group lives in one task of its own from start-up to shutdown
(anyio requires a task group to end in the task that began it).

Before a request reaches the SDK, the daemon is asked whether this client may use MCP at all:
one call of a cheap MCP tool with the client's credentials, through the same dispatcher as
every call, so API tokens, security.mcp_tokens and security.mcp_whitelist apply exactly as
they do to tool calls. A refused client gets 401 and never opens a session.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import logging
from typing import Any
from urllib.parse import urlsplit

import grpc
from aiohttp import web
from mcp.server.auth.middleware.bearer_auth import AuthenticatedUser
from mcp.server.auth.provider import AccessToken
from mcp.server.streamable_http_manager import StreamableHTTPSessionManager
from starlette.types import ASGIApp, Message, Scope

from autobangumi.contract import MethodInfo, methods
from autobangumi.rpc import MCP_SURFACE, SURFACE_KEY, ApiError, Caller
from autobangumi_bridge.compat import api_error_response, error_response
from autobangumi_bridge.mcp.catalog import tool_specs
from autobangumi_bridge.mcp.server import Context, build_server
from autobangumi_bridge.routes import FORWARDED_HEADERS
from autobangumi_bridge.transport import Transport

__all__ = ["ADMISSION_METHOD", "MCP_PATH", "McpEndpoint", "add_mcp"]

log = logging.getLogger(__name__)

MCP_PATH = "/mcp"
# A read-only tool that touches neither the network nor the downloader.
ADMISSION_METHOD = "/autobangumi.v1.SearchService/ListProviders"
CALLER_KEY = "autobangumi.caller"
DISCONNECT_POLL_SECONDS = 0.5


def _admission_info() -> MethodInfo:
    info = next(m for m in methods() if m.path == ADMISSION_METHOD)
    if not any(spec.info.path == info.path for spec in tool_specs()):
        raise RuntimeError(f"{ADMISSION_METHOD} must be an MCP tool: it decides who may use MCP")
    return info


def bearer_token(request: web.Request) -> str | None:
    # MCP clients send the Authorization header; the session cookie is not accepted here, so
    # a web page the user visits cannot drive the tools with the user's login.
    auth = request.headers.get("Authorization", "")
    if auth[:7].lower() == "bearer ":
        return auth[7:].strip() or None
    return None


def mcp_caller(request: web.Request) -> Caller:
    headers = request.headers
    metadata = {h: v for h in FORWARDED_HEADERS if (v := headers.get(h))}
    metadata[SURFACE_KEY] = MCP_SURFACE
    return Caller(client_ip=request.remote or "", token=bearer_token(request), metadata=metadata)


def copy_caller(base: Caller) -> Caller:
    return Caller(client_ip=base.client_ip, token=base.token, metadata=dict(base.metadata))


def _cross_origin(request: web.Request) -> bool:
    """A browser page from another site (DNS rebinding included) sends its own Origin."""
    origin = request.headers.get("Origin")
    if not origin or origin == "null":
        return origin == "null"
    return urlsplit(origin).netloc.lower() != request.host.lower()


def _principal(caller: Caller) -> str:
    """Who owns a session: a session may only be used again with the credential that opened it."""
    if caller.token:
        return "token:" + hashlib.sha256(caller.token.encode()).hexdigest()
    return "address:" + caller.client_ip


async def serve_asgi(app: ASGIApp, request: web.Request, extra: dict[str, Any]) -> web.StreamResponse:
    """Run one ASGI HTTP request for an aiohttp request and stream its answer back."""
    transport = request.transport
    sockname = transport.get_extra_info("sockname") if transport is not None else None
    peer = transport.get_extra_info("peername") if transport is not None else None
    scope: Scope = {
        "type": "http",
        "asgi": {"version": "3.0", "spec_version": "2.3"},
        "http_version": f"{request.version.major}.{request.version.minor}",
        "method": request.method,
        "scheme": request.scheme,
        "path": request.path,
        "raw_path": request.raw_path.split("?", 1)[0].encode("latin-1"),
        "query_string": request.query_string.encode("latin-1"),
        "root_path": "",
        "headers": [(k.lower(), v) for k, v in request.raw_headers],
        "client": (peer[0], peer[1]) if isinstance(peer, tuple) else None,
        "server": (sockname[0], sockname[1]) if isinstance(sockname, tuple) else None,
        "state": {},
        **extra,
    }
    response: web.StreamResponse | None = None
    body_sent = False
    finished = asyncio.Event()
    gone = False

    def client_gone() -> bool:
        t = request.transport
        return gone or t is None or t.is_closing()

    async def receive() -> Message:
        nonlocal body_sent
        if not body_sent:
            chunk = await request.content.read(64 * 1024)
            more = not request.content.at_eof()
            body_sent = not more
            return {"type": "http.request", "body": chunk, "more_body": more}
        # After the body an ASGI application listens here for the client leaving.
        while not finished.is_set() and not client_gone():
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(finished.wait(), DISCONNECT_POLL_SECONDS)
        return {"type": "http.disconnect"}

    async def send(message: Message) -> None:
        nonlocal response, gone
        if gone:
            return
        try:
            if message["type"] == "http.response.start":
                response = web.StreamResponse(status=message["status"])
                for key, value in message.get("headers", []):
                    response.headers.add(key.decode("latin-1"), value.decode("latin-1"))
            elif message["type"] == "http.response.body":
                if response is None:
                    raise RuntimeError("ASGI body before response start")
                if not response.prepared:
                    await response.prepare(request)
                body = message.get("body", b"")
                if body:
                    await response.write(body)
                if not message.get("more_body", False):
                    await response.write_eof()
                    finished.set()
        except (ConnectionResetError, ConnectionError):
            gone = True  # the client left mid-answer; receive() now reports the disconnect

    try:
        await app(scope, receive, send)
    finally:
        finished.set()
    if response is None:
        return error_response(500, "The MCP server did not answer.", "MCP 服务器没有响应。")
    if not response.prepared and not gone:
        await response.prepare(request)
        await response.write_eof()
    return response


class McpEndpoint:
    def __init__(self, transport: Transport, max_body: int) -> None:
        self._transport = transport
        self._admission = _admission_info()
        self.manager = StreamableHTTPSessionManager(
            build_server(transport, self._caller_of), max_request_body_size=max_body
        )
        self._stop = asyncio.Event()
        self._task: asyncio.Task[None] | None = None

    @staticmethod
    def _caller_of(ctx: Context) -> Caller:
        request = ctx.request
        base = request.scope.get(CALLER_KEY) if request is not None else None
        if not isinstance(base, Caller):
            raise RuntimeError("an MCP request without its caller")
        return copy_caller(base)

    async def _run(self, started: asyncio.Future[None]) -> None:
        try:
            async with self.manager.run():
                started.set_result(None)
                await self._stop.wait()
        except BaseException as exc:
            if not started.done():
                started.set_exception(exc)
            raise

    async def start(self, app: web.Application) -> None:
        started: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._task = asyncio.create_task(self._run(started))
        await started

    async def stop(self, app: web.Application) -> None:
        self._stop.set()
        if self._task is not None:
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self._task

    async def _refusal(self, caller: Caller) -> web.StreamResponse | None:
        try:
            await self._transport.unary(self._admission, self._admission.request_cls(), copy_caller(caller))
        except ApiError as err:
            response = api_error_response(err)
            if err.code in (grpc.StatusCode.UNAUTHENTICATED, grpc.StatusCode.PERMISSION_DENIED):
                response.headers["WWW-Authenticate"] = 'Bearer realm="autobangumi"'
            return response
        return None

    async def handle(self, request: web.Request) -> web.StreamResponse:
        if _cross_origin(request):
            return error_response(
                403,
                "MCP requests from a web page of another site are refused.",
                "拒绝来自其他网站网页的 MCP 请求。",
            )
        caller = mcp_caller(request)
        refusal = await self._refusal(caller)
        if refusal is not None:
            return refusal
        user = AuthenticatedUser(AccessToken(token="", client_id=_principal(caller), scopes=[]))
        return await serve_asgi(self.manager.handle_request, request, {CALLER_KEY: caller, "user": user})


MCP_KEY = web.AppKey("mcp", McpEndpoint)


def add_mcp(app: web.Application, transport: Transport, max_body: int) -> None:
    """Serve MCP at /mcp (register before any catch-all route)."""
    endpoint = McpEndpoint(transport, max_body)
    app[MCP_KEY] = endpoint
    app.router.add_route("*", MCP_PATH, endpoint.handle)
    app.on_startup.append(endpoint.start)
    # At shutdown, not cleanup: ending the sessions ends their open event streams, which the
    # server otherwise waits for before it closes.
    app.on_shutdown.append(endpoint.stop)
