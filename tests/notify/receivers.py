"""One local stand-in for every notification service: records each request exactly as it came.

It answers with the services' real bodies (tests/fixtures/upstreams). It listens on 127.0.0.2,
the "public" host of the SSRF policy in tests, or on another loopback address for the SSRF
tests (where it must receive nothing).
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from aiohttp import web

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "upstreams"
GOOD_TELEGRAM = "123:good"


@dataclass(frozen=True)
class Received:
    method: str
    path: str
    query: dict[str, str]
    headers: dict[str, str]
    body: bytes
    form: dict[str, Any] | None = None  # multipart fields (files as bytes)

    def json(self) -> Any:
        return json.loads(self.body)


@dataclass
class Receiver:
    base: str = ""
    received: list[Received] = field(default_factory=list)

    def at(self, path: str) -> list[Received]:
        return [r for r in self.received if r.path == path]


def _fixture(rel: str, status: int = 200) -> web.Response:
    return web.Response(body=(FIXTURES / rel).read_bytes(), status=status, content_type="application/json")


@asynccontextmanager
async def receiver(host: str = "127.0.0.2") -> AsyncIterator[Receiver]:
    state = Receiver()

    async def any_post(request: web.Request) -> web.StreamResponse:
        form: dict[str, Any] | None = None
        body = b""
        if request.content_type == "multipart/form-data":
            form = {}
            for k, v in (await request.post()).items():
                form[k] = v.file.read() if hasattr(v, "file") else v
        else:
            body = await request.read()
        path = request.path
        state.received.append(
            Received(request.method, path, dict(request.query), dict(request.headers), body, form)
        )
        if path.startswith("/tg/bot"):
            token = path.removeprefix("/tg/bot").split("/", 1)[0]
            if token != GOOD_TELEGRAM:
                return _fixture("telegram/error_401.json", 401)
            return _fixture(
                "telegram/send_photo.json" if path.endswith("sendPhoto") else "telegram/send_message.json"
            )
        if path.startswith("/gotify"):
            if request.headers.get("X-Gotify-Key") != "gtoken":
                return _fixture("gotify/error_401.json", 401)
            return _fixture("gotify/message.json")
        if path.startswith("/bark"):
            return _fixture("bark/push_ok.json")
        if path.startswith("/ntfy"):
            return _fixture("ntfy/publish.json")
        if path.startswith("/discord"):
            return web.Response(status=204)
        if path.startswith("/wecom"):
            # WeCom's bot webhook answers HTTP 200 either way; errcode says (its documented shape).
            if request.query.get("key") != "K1":
                return web.json_response({"errcode": 93000, "errmsg": "invalid webhook url"})
            return web.json_response({"errcode": 0, "errmsg": "ok"})
        if path.startswith("/moved"):
            raise web.HTTPFound(request.query.get("to", "/"))
        if path.startswith("/broken"):
            return web.Response(status=500)
        return web.json_response({"ok": True})

    app = web.Application()
    app.router.add_route("*", "/{tail:.*}", any_post)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, host, 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    state.base = f"http://{host}:{port}"
    try:
        yield state
    finally:
        await runner.cleanup()
