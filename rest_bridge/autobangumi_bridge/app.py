"""The aiohttp application: /api/v1 from the contract, posters, MCP at /mcp, and the web page at `/`."""

from __future__ import annotations

import asyncio
import logging
import os
from collections.abc import Awaitable, Callable
from pathlib import Path

from aiohttp import web

from autobangumi.clientaddr import TrustedProxies
from autobangumi_bridge.compat import error_response, http_error_response
from autobangumi_bridge.guard import Guard
from autobangumi_bridge.mcp.http import add_mcp
from autobangumi_bridge.openapi import openapi_json
from autobangumi_bridge.routes import SHUTTING_DOWN, build_routes
from autobangumi_bridge.transport import Transport
from autobangumi_bridge.webpage import AB32_ROUTES, PACKAGED_ROUTES, PACKAGED_WEB_DIR, WebPage

__all__ = ["DEFAULT_WEB_DIR", "MAX_BODY", "create_app"]

log = logging.getLogger(__name__)

MAX_BODY = 1024 * 1024
DEFAULT_WEB_DIR = PACKAGED_WEB_DIR
TRANSPORT_KEY = web.AppKey("transport", Transport)

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


@web.middleware
async def _errors(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Every failure under /api gets AutoBangumi's bilingual body, never a bare 500."""
    try:
        return await handler(request)
    except web.HTTPException as exc:
        if not request.path.startswith("/api/") or exc.status < 400:
            raise
        return http_error_response(exc.status)
    except ConnectionResetError:
        raise  # the client left in the middle of its request: nothing to answer, nothing broke
    except Exception:
        log.exception("Unhandled error on %s %s", request.method, request.path)
        return error_response(500, "Internal server error.", "服务器内部错误。")


API_DOCS = Path(__file__).resolve().parent / "apidocs.html"


async def _openapi(request: web.Request) -> web.StreamResponse:
    # Describes the routes only (no data), like AutoBangumi's own /docs: public.
    return web.Response(
        body=openapi_json(), content_type="application/json", headers={"Cache-Control": "no-cache"}
    )


async def _api_docs(request: web.Request) -> web.StreamResponse:
    return web.Response(
        body=API_DOCS.read_bytes(),
        content_type="text/html",
        charset="utf-8",
        headers={"Cache-Control": "no-cache"},
    )


def create_app(
    transport: Transport, web_dir: Path | None = None, trusted: TrustedProxies | None = None
) -> web.Application:
    """`trusted`: the proxies whose X-Forwarded-For is believed (default AB_TRUSTED_PROXIES;
    a malformed variable raises autobangumi.clientaddr.BadSetting)."""
    app = web.Application(client_max_size=MAX_BODY, middlewares=[_errors])
    app[TRANSPORT_KEY] = transport
    app[SHUTTING_DOWN] = asyncio.Event()
    guard = Guard(TrustedProxies.from_env() if trusted is None else trusted)
    for verb, path, handler, route in build_routes(transport):
        app.router.add_route(verb, path, guard.protect(handler, verb, route.info))
    app.router.add_get("/api/v1/openapi.json", _openapi)
    app.router.add_get("/api/v1/docs", _api_docs)
    add_mcp(app, transport, MAX_BODY)
    app.router.add_get("/api/docs", _api_docs)
    other = web_dir or os.environ.get("AB_WEB_DIR")
    web_root = Path(other) if other else DEFAULT_WEB_DIR
    # Another page (AutoBangumi 3.2's WebUI, say) may use its own routes or this page's.
    routes = AB32_ROUTES | PACKAGED_ROUTES if other else PACKAGED_ROUTES
    # add_get also answers HEAD, as a static file server should.
    app.router.add_get("/{tail:.*}", WebPage(web_root, routes).handle)

    async def _close(app: web.Application) -> None:
        await app[TRANSPORT_KEY].close()

    async def _stopping(app: web.Application) -> None:
        app[SHUTTING_DOWN].set()

    app.on_shutdown.append(_stopping)
    app.on_cleanup.append(_close)
    return app
