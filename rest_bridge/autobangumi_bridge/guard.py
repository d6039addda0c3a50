"""Per-request checks made before a route runs: who the client is, and cross-site refusals.

A browser sends the `token` cookie with any request to this host, also one a page on another
site starts (a form, an image, a link). Such a request must not change anything, so a
state-changing route refuses it when the browser says it is cross-site (`Sec-Fetch-Site`) or
its `Origin` is not this host. Requests with a Bearer token are left alone: another site
cannot make a browser attach one. Clients that are not browsers send neither header.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from urllib.parse import urlsplit

from aiohttp import web

from autobangumi.clientaddr import TrustedProxies
from autobangumi.contract import MethodInfo
from autobangumi_bridge.compat import error_response

__all__ = ["CLIENT_IP", "Guard", "state_changing"]

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]

# Where the guard leaves the client's address for the route (request[CLIENT_IP]).
CLIENT_IP = web.RequestKey("client_ip", str)

# The contract names its methods AIP-style: these verbs only read. Every other method, and
# every binding that is not a GET, changes something.
_READ_PREFIXES = ("Get", "List", "Search", "Check", "Preview", "Suggest")
_READ_NAMES = frozenset({"Health", "Events"})
# Sec-Fetch-Site values of requests this host's own pages (or the user, typing) make.
_OWN_SITE = frozenset({"same-origin", "none"})
_DEFAULT_PORTS = {"http": "80", "https": "443"}

_REFUSED = (
    "Cross-site request refused: use AutoBangumi's own page, or send an API token.",
    "已拒绝跨站请求：请在 AutoBangumi 自己的页面中操作，或使用 API 令牌。",
)


def state_changing(verb: str, info: MethodInfo) -> bool:
    if verb != "GET":
        return True
    return not (info.name in _READ_NAMES or info.name.startswith(_READ_PREFIXES))


def _netloc(host: str, scheme: str) -> str:
    host = host.strip().lower()
    port = _DEFAULT_PORTS.get(scheme)
    if port and host.endswith(":" + port) and not host.endswith("]"):
        host = host[: -len(port) - 1]
    return host


class Guard:
    def __init__(self, trusted: TrustedProxies) -> None:
        self.trusted = trusted

    def client_ip(self, request: web.Request) -> str:
        headers = request.headers
        return self.trusted.client_address(
            request.remote or "", headers.get("Forwarded"), headers.get("X-Forwarded-For")
        )

    @staticmethod
    def _hosts(request: web.Request) -> set[str]:
        """The names this request may call this host by. A proxy's X-Forwarded-Host counts
        from anyone: a page on another site cannot make a browser send that header (it is not
        CORS-safelisted, and this server answers no preflight)."""
        names = {request.host}
        forwarded_host = request.headers.get("X-Forwarded-Host")
        if forwarded_host:
            names.add(forwarded_host.split(",")[0].strip())
        return names

    def cross_site(self, request: web.Request) -> bool:
        headers = request.headers
        if headers.get("Authorization", "")[:7].lower() == "bearer ":
            return False
        site = headers.get("Sec-Fetch-Site")
        if site is not None:
            # The browser's own verdict; it also holds behind a proxy that rewrites Host.
            return site.strip().lower() not in _OWN_SITE
        origin = headers.get("Origin")
        if origin is None:
            return False
        parts = urlsplit(origin.strip())
        if not parts.netloc:
            return True  # "null": a sandboxed frame, a file, a redirect from elsewhere
        scheme = parts.scheme.lower()
        allowed = {_netloc(h, scheme) for h in self._hosts(request)}
        return _netloc(parts.netloc, scheme) not in allowed

    def protect(self, handler: Handler, verb: str, info: MethodInfo) -> Handler:
        """`handler` with the client's address worked out and, for a state-changing route,
        cross-site browser requests refused."""
        changing = state_changing(verb, info)

        async def guarded(request: web.Request) -> web.StreamResponse:
            request[CLIENT_IP] = self.client_ip(request)
            if changing and self.cross_site(request):
                return error_response(403, *_REFUSED)
            return await handler(request)

        return guarded
