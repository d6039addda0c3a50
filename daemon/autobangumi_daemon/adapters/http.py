"""The one HTTP client for upstream sites: feeds, .torrent files, Mikan pages, TMDB, posters.

What it guarantees, so callers do not each reinvent it:

* only http(s); bounded time (connect and total) and size (Content-Length and the bytes read);
* bounded retries on connection errors, timeouts, 5xx and 429, with growing pauses;
* per-host politeness: at most `per_host` requests in flight to one host, and after a 429 or
  503 the host is left alone for its `Retry-After` and then spaced out (Mikan answers 429 when
  many feeds are refreshed at once, users-voice #1026);
* conditional GET (ETag / Last-Modified) for feeds, with validators kept only once the caller
  says the body was processed, so a failed refresh never turns the next one into a silent 304;
* the configured HTTP or SOCKS5 proxy, with or without credentials (AutoBangumi 3.2 could not
  use a SOCKS5 proxy without credentials, users-voice T6).

* given a `NetPolicy`, the SSRF guard of `netguard`: every hop's host is checked as the client
  reads it, and the connector refuses any address the policy does not permit at connect time.
  A LAN source (a local RSS service) is reached only when AB_FETCH_ALLOW_NETWORKS lists it.
  Through a proxy the proxy resolves names, so only what the URL itself spells is checked.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import dataclasses
import email.utils
import logging
import os
import time
from collections.abc import AsyncIterator, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin, urlsplit

import aiohttp
from multidict import CIMultiDict

from autobangumi_daemon.errors import DaemonError
from autobangumi_daemon.netguard import (
    PRIVATE,
    BlockedAddress,
    GuardedConnector,
    NetPolicy,
    blocked_reason,
    check_url,
    target_host,
)

__all__ = [
    "FetchError",
    "Fetcher",
    "HttpClient",
    "HttpResponse",
    "ProxySettings",
]

log = logging.getLogger(__name__)

MAX_FEED_BYTES = 20 * 1024 * 1024
MAX_PAGE_BYTES = 5 * 1024 * 1024
MAX_IMAGE_BYTES = 10 * 1024 * 1024
MAX_TORRENT_BYTES = 16 * 1024 * 1024
# A Retry-After longer than this is not waited out inside one refresh; the host is skipped
# until then and the next scheduled refresh tries again.
MAX_RETRY_WAIT = 30.0
MAX_HOST_INTERVAL = 10.0
_RETRY_STATUS = {429, 500, 502, 503, 504}


def _env_float(name: str, default: float) -> float:
    try:
        return float(os.environ.get(name, "") or default)
    except ValueError:
        return default


class FetchError(Exception):
    """A failed fetch. `transient` errors are worth trying again later (timeouts, 5xx, 429)."""

    def __init__(
        self,
        msg_en: str,
        msg_zh: str,
        *,
        transient: bool,
        status: int | None = None,
        detail: str = "",
        blocked: bool = False,
    ) -> None:
        super().__init__(msg_en if not detail else f"{msg_en} ({detail})")
        self.msg_en = msg_en
        self.msg_zh = msg_zh
        self.transient = transient
        self.status = status
        self.detail = detail
        self.blocked = blocked  # refused by the SSRF guard: the URL itself is not allowed

    @property
    def bilingual(self) -> str:
        return f"{self.msg_en} / {self.msg_zh}"


@dataclass(frozen=True, slots=True)
class ProxySettings:
    enable: bool = False
    type: str = "http"
    host: str = ""
    port: int = 0
    username: str = ""
    password: str = ""

    @property
    def usable(self) -> bool:
        return self.enable and bool(self.host.strip()) and self.port > 0

    @property
    def is_socks(self) -> bool:
        return self.type.lower().startswith("socks")

    def host_only(self) -> str:
        h = self.host.strip()
        if "://" in h:
            h = urlsplit(h).hostname or ""
        return h.strip("[]")

    def http_url(self) -> str:
        host = self.host_only()
        if ":" in host:
            host = f"[{host}]"
        return f"http://{host}:{self.port}"


@dataclass(frozen=True, slots=True)
class HttpResponse:
    url: str
    status: int
    body: bytes
    headers: Mapping[str, str]
    not_modified: bool = False
    requested: str = ""  # the URL asked for (before redirects): what validators are kept under


@dataclass
class _HostGate:
    semaphore: asyncio.Semaphore
    not_before: float = 0.0  # monotonic time before which nothing is sent to this host
    interval: float = 0.0  # minimum spacing between requests, grown by 429s
    last_start: float = 0.0
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)


def _retry_after(value: str | None, now: float) -> float | None:
    if not value:
        return None
    v = value.strip()
    if v.isdigit():
        return float(v)
    try:
        when = email.utils.parsedate_to_datetime(v)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


class HttpClient:
    """Long-lived state (per-host gates, validators); sockets live in per-operation `Fetcher`s."""

    def __init__(
        self,
        *,
        user_agent: str,
        proxy: ProxySettings | None = None,
        timeout: float | None = None,
        retries: int = 2,
        backoff: float | None = None,
        per_host: int | None = None,
        policy: NetPolicy | None = None,
    ) -> None:
        self.user_agent = user_agent
        self.policy = policy  # None: no SSRF guard (a client for fixed, trusted hosts)
        self.proxy = proxy or ProxySettings()
        # Environment knobs so a slow link (or a test) can tune them without a config field.
        self.timeout = timeout if timeout is not None else _env_float("AB_FETCH_TIMEOUT", 30.0)
        self.backoff = backoff if backoff is not None else _env_float("AB_FETCH_BACKOFF", 2.0)
        self.per_host = per_host if per_host is not None else int(_env_float("AB_FETCH_PER_HOST", 4))
        self.retries = max(0, retries)
        self._gates: dict[str, _HostGate] = {}
        self._validators: dict[str, tuple[str | None, str | None]] = {}

    # -- politeness --------------------------------------------------------------------
    def _gate(self, host: str) -> _HostGate:
        gate = self._gates.get(host)
        if gate is None:
            gate = _HostGate(asyncio.Semaphore(max(1, self.per_host)))
            self._gates[host] = gate
        return gate

    def cooling_down(self, url: str) -> float:
        """Seconds this URL's host still asked us to wait (0 when it may be contacted)."""
        gate = self._gates.get(urlsplit(url).netloc.lower())
        return max(0.0, gate.not_before - time.monotonic()) if gate else 0.0

    def _slow_down(self, gate: _HostGate, wait: float | None) -> None:
        now = time.monotonic()
        gate.interval = min(MAX_HOST_INTERVAL, max(1.0, gate.interval * 2))
        if wait is not None:
            gate.not_before = max(gate.not_before, now + min(wait, 3600.0))

    @staticmethod
    def _speed_up(gate: _HostGate) -> None:
        if gate.interval:
            gate.interval = gate.interval / 2 if gate.interval > 0.25 else 0.0

    # -- conditional GET -----------------------------------------------------------------
    def remember(self, response: HttpResponse) -> None:
        """Keep the validators of a feed body that was fully processed."""
        if response.not_modified:
            return
        etag = response.headers.get("ETag")
        modified = response.headers.get("Last-Modified")
        if etag or modified:
            self._validators[response.requested or response.url] = (etag, modified)

    def forget(self, url: str) -> None:
        self._validators.pop(url, None)

    # -- sessions ------------------------------------------------------------------------
    @contextlib.asynccontextmanager
    async def open(self) -> AsyncIterator[Fetcher]:
        connector: aiohttp.BaseConnector
        proxy = self.proxy
        if proxy.usable and proxy.is_socks:
            from aiohttp_socks import ProxyConnector, ProxyType

            if not (proxy.username + proxy.password).isascii():
                # python-socks sends RFC 1929 credentials as ASCII only; say so instead of failing
                # every request with an encoding error.
                raise FetchError(
                    "SOCKS5 proxy usernames and passwords must be ASCII.",
                    "SOCKS5 代理的用户名和密码只能包含 ASCII 字符。",
                    transient=False,
                )

            connector = ProxyConnector(
                proxy_type=ProxyType.SOCKS5,
                host=proxy.host_only(),
                port=proxy.port,
                username=proxy.username or None,
                password=proxy.password or None,
                rdns=True,  # let the proxy resolve names: the point of a proxy behind a firewall
                limit=64,
            )
        elif self.policy is not None:
            exempt = [proxy.host_only()] if proxy.usable else []
            connector = GuardedConnector(
                self.policy, exempt=exempt, limit=64, limit_per_host=max(1, self.per_host)
            )
        else:
            connector = aiohttp.TCPConnector(limit=64, limit_per_host=max(1, self.per_host))
        session = aiohttp.ClientSession(
            connector=connector,
            headers={"User-Agent": self.user_agent},
            # Proxies come from the config only; an HTTP(S)_PROXY in the daemon's environment
            # would silently override what the user chose in the UI.
            trust_env=False,
        )
        try:
            yield Fetcher(self, session)
        finally:
            await session.close()


class Fetcher:
    """GETs through one aiohttp session; create with `async with client.open() as f`."""

    def __init__(self, client: HttpClient, session: aiohttp.ClientSession) -> None:
        self.client = client
        self.session = session

    def _check(self, url: str) -> None:
        """Scheme and the host as the client reads it; the connector checks the addresses."""
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise FetchError(
                "Only http/https URLs are allowed.",
                "只允许 http/https 协议的 URL。",
                transient=False,
                detail=url[:200],
            )
        policy = self.client.policy
        if policy is None:
            return
        try:
            check_url(url, policy)
        except DaemonError as err:
            if err.msg_en == PRIVATE[0]:
                raise _blocked(_safe_host(url)) from None
            raise FetchError(err.msg_en, err.msg_zh, transient=False) from None

    def _proxy_args(self, url: str, headers: dict[str, str]) -> dict[str, Any]:
        p = self.client.proxy
        if not p.usable or p.is_socks:
            return {}
        args: dict[str, Any] = {"proxy": p.http_url()}
        if p.username:
            # UTF-8, as RFC 7617 recommends (latin-1 would garble other scripts).
            auth = "Basic " + base64.b64encode(f"{p.username}:{p.password}".encode()).decode("ascii")
            # https goes through CONNECT, which carries proxy_headers; a plain-http request is
            # sent to the proxy itself, so the header rides on the request (never inside a TLS
            # tunnel, where the origin would see it).
            args["proxy_headers"] = {"Proxy-Authorization": auth}
            if url.lower().startswith("http://"):
                headers["Proxy-Authorization"] = auth
        return args

    async def get(
        self,
        url: str,
        *,
        max_bytes: int = MAX_PAGE_BYTES,
        conditional: bool = False,
        headers: Mapping[str, str] | None = None,
        params: Mapping[str, str] | None = None,
        retries: int | None = None,
    ) -> HttpResponse:
        self._check(url)
        client = self.client
        req_headers = dict(headers or {})
        if conditional and url in client._validators:
            etag, modified = client._validators[url]
            if etag:
                req_headers["If-None-Match"] = etag
            if modified:
                req_headers["If-Modified-Since"] = modified
        attempts = 1 + (client.retries if retries is None else max(0, retries))
        last: FetchError | None = None
        for attempt in range(attempts):
            if attempt:
                await asyncio.sleep(client.backoff * (2 ** (attempt - 1)))
            try:
                resp = await self._follow(url, req_headers, params, max_bytes)
                return dataclasses.replace(resp, requested=url)
            except FetchError as exc:
                last = exc
                if not exc.transient:
                    raise
                wait = client.cooling_down(url)
                if wait > MAX_RETRY_WAIT:
                    raise
                if wait:
                    await asyncio.sleep(wait)
        assert last is not None
        raise last

    async def probe(self, url: str, *, max_bytes: int = 64 * 1024) -> int:
        """One GET for a connection test: the final HTTP status after redirects, whatever it is.

        At most `max_bytes` of the body are read and then dropped, so a large download costs
        nothing. Only http(s) URLs, hop by hop; raises FetchError when no answer came.
        """
        timeout = aiohttp.ClientTimeout(total=self.client.timeout, connect=min(10.0, self.client.timeout))
        for _ in range(6):
            self._check(url)
            headers: dict[str, str] = {}
            proxy_args = self._proxy_args(url, headers)
            with _as_fetch_errors():
                async with self.session.get(
                    url, headers=headers, timeout=timeout, allow_redirects=False, **proxy_args
                ) as resp:
                    await resp.content.read(max_bytes)
                    status = resp.status
                    location = resp.headers.get("Location")
            if status not in (301, 302, 303, 307, 308) or not location:
                return status
            url = urljoin(url, location)
        raise FetchError("Too many redirects.", "重定向次数过多。", transient=False)

    async def post(
        self,
        url: str,
        data: Any,
        *,
        headers: Mapping[str, str] | None = None,
        max_bytes: int = 64 * 1024,
    ) -> HttpResponse:
        """One POST (a notification): sent once, never retried (a retry could deliver twice),
        redirects not followed (the status is the answer). `data` is what aiohttp takes: bytes,
        a str or a FormData. Proxy, SSRF guard and time bounds as for GETs."""
        self._check(url)
        timeout = aiohttp.ClientTimeout(total=self.client.timeout, connect=min(10.0, self.client.timeout))
        send_headers = dict(headers or {})
        proxy_args = self._proxy_args(url, send_headers)
        with _as_fetch_errors():
            async with self.session.post(
                url, data=data, headers=send_headers, timeout=timeout, allow_redirects=False, **proxy_args
            ) as resp:
                # read(n) returns what has arrived so far: read on to the end or the cap.
                body = b""
                while len(body) < max_bytes and (chunk := await resp.content.read(max_bytes - len(body))):
                    body += chunk
                return HttpResponse(
                    str(resp.url), resp.status, body, CIMultiDict(resp.headers), requested=url
                )

    async def _follow(
        self, url: str, headers: Mapping[str, str], params: Mapping[str, str] | None, max_bytes: int
    ) -> HttpResponse:
        """Redirects are followed here, hop by hop, so per-hop headers (proxy credentials on
        plain http) are recomputed for each URL and never carried into an https tunnel."""
        for _ in range(6):
            gate = self.client._gate(urlsplit(url).netloc.lower())
            resp = await self._once(url, gate, headers, params, max_bytes)
            location = resp.headers.get("Location")
            if resp.status not in (301, 302, 303, 307, 308) or not location:
                return resp
            url = urljoin(url, location)
            params = None  # they are part of the URL the server sent us to
            self._check(url)  # a redirect is a new target: same rules
        raise FetchError("Too many redirects.", "重定向次数过多。", transient=False)

    async def _once(
        self,
        url: str,
        gate: _HostGate,
        headers: Mapping[str, str],
        params: Mapping[str, str] | None,
        max_bytes: int,
    ) -> HttpResponse:
        client = self.client
        timeout = aiohttp.ClientTimeout(total=client.timeout, connect=min(10.0, client.timeout))
        async with gate.semaphore:
            async with gate.lock:
                # Spacing is applied when a request starts, under a lock, so N waiting requests
                # leave one interval apart instead of all at once when the pause ends.
                now = time.monotonic()
                start = max(now, gate.not_before, gate.last_start + gate.interval)
                if start > now:
                    await asyncio.sleep(start - now)
                gate.last_start = time.monotonic()
            with _as_fetch_errors():
                send_headers = dict(headers)
                proxy_args = self._proxy_args(url, send_headers)
                async with self.session.get(
                    url,
                    headers=send_headers,
                    params=params,
                    timeout=timeout,
                    allow_redirects=False,
                    **proxy_args,
                ) as resp:
                    status = resp.status
                    if status in (301, 302, 303, 307, 308):
                        return HttpResponse(str(resp.url), status, b"", CIMultiDict(resp.headers))
                    if status == 304:
                        client._speed_up(gate)
                        return HttpResponse(url, status, b"", CIMultiDict(resp.headers), not_modified=True)
                    if status in (429, 503):
                        wait = _retry_after(resp.headers.get("Retry-After"), time.monotonic())
                        client._slow_down(
                            gate, wait if wait is not None else (5.0 if status == 429 else None)
                        )
                    if status in _RETRY_STATUS:
                        raise FetchError(
                            f"The server answered HTTP {status}; will try again later.",
                            f"服务器返回 HTTP {status}，稍后重试。",
                            transient=True,
                            status=status,
                        )
                    if status >= 400:
                        raise FetchError(
                            f"The server answered HTTP {status}.",
                            f"服务器返回了 HTTP {status}。",
                            transient=False,
                            status=status,
                        )
                    length = resp.content_length
                    if length is not None and length > max_bytes:
                        raise _too_large(max_bytes)
                    # StreamReader.read(n) returns what has arrived so far, not n bytes: read
                    # to the end, stopping as soon as the limit is passed.
                    chunks: list[bytes] = []
                    size = 0
                    while chunk := await resp.content.read(256 * 1024):
                        size += len(chunk)
                        if size > max_bytes:
                            raise _too_large(max_bytes)
                        chunks.append(chunk)
                    body = b"".join(chunks)
                    client._speed_up(gate)
                    return HttpResponse(str(resp.url), status, body, CIMultiDict(resp.headers))


@contextlib.contextmanager
def _as_fetch_errors() -> Iterator[None]:
    """Translate what aiohttp (and aiohttp-socks / python-socks behind a SOCKS proxy) raise
    into a FetchError, the same way for every request kind, so a caller handles one type."""
    try:
        yield
    except FetchError:
        raise
    except BlockedAddress as exc:
        raise _blocked(exc.host) from None
    except TimeoutError:
        raise FetchError("The server did not answer in time.", "服务器响应超时。", transient=True) from None
    except aiohttp.TooManyRedirects:
        raise FetchError("Too many redirects.", "重定向次数过多。", transient=False) from None
    except aiohttp.InvalidURL as exc:
        raise FetchError("Invalid URL.", "URL 无效。", transient=False, detail=str(exc)) from None
    except (aiohttp.ClientError, OSError) as exc:
        # aiohttp-socks raises its own errors (ProxyError, ProxyConnectionError) for a proxy
        # that refuses us; most are OSError subclasses or wrapped as ClientError.
        raise _connection_error(exc) from None
    except Exception as exc:
        if type(exc).__module__.startswith(("python_socks", "aiohttp_socks")):
            raise _connection_error(exc) from None
        raise


def _safe_host(url: str) -> str:
    try:
        return target_host(url)
    except DaemonError:
        return urlsplit(url).hostname or "?"


def _blocked(host: str) -> FetchError:
    en, zh = blocked_reason(host)
    return FetchError(en, zh, transient=False, blocked=True)


def _too_large(limit: int) -> FetchError:
    mib = limit // (1024 * 1024)
    return FetchError(
        f"The response is larger than {mib} MiB and was refused.",
        f"响应超过 {mib} MiB，已拒绝。",
        transient=False,
    )


def _connection_error(exc: BaseException) -> FetchError:
    return FetchError(
        "Could not connect to the server (or the proxy).",
        "无法连接到服务器（或代理）。",
        transient=True,
        detail=f"{type(exc).__name__}: {exc}"[:300],
    )
