"""Server-side request guard for URLs that unauthenticated callers may supply.

Only http(s); every address a name resolves to, and every literal address, must be a public
one; redirects are followed by hand so each hop is checked again; and the connection goes to
the address that was checked (a resolver that refuses non-public answers), so a DNS answer
that changes between check and connect cannot reach the LAN.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin, urlsplit

import aiohttp
from aiohttp.abc import AbstractResolver, ResolveResult
from aiohttp.resolver import DefaultResolver

from autobangumi_daemon.adapters.streams import BodyTooLarge, read_capped
from autobangumi_daemon.errors import ApiError, invalid

__all__ = ["BlockedAddress", "NetPolicy", "fetch_public"]

IpAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


def _is_public(ip: IpAddress) -> bool:
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


@dataclass(frozen=True)
class NetPolicy:
    """Which addresses count as public. Tests swap in a policy over loopback addresses."""

    is_public: Callable[[IpAddress], bool] = _is_public


class BlockedAddress(Exception):
    pass


class _GuardResolver(AbstractResolver):
    def __init__(self, policy: NetPolicy) -> None:
        self._inner = DefaultResolver()
        self._policy = policy

    async def resolve(
        self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET
    ) -> list[ResolveResult]:
        results = await self._inner.resolve(host, port, family)
        for r in results:
            if not self._policy.is_public(ipaddress.ip_address(r["host"])):
                raise BlockedAddress(host)
        return results

    async def close(self) -> None:
        await self._inner.close()


_PRIVATE = (
    "URLs pointing to private/reserved IPs are not allowed.",
    "不允许访问指向内网或保留地址的 URL。",
)


def check_url(url: str, policy: NetPolicy) -> None:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise invalid("Only http/https URLs are allowed.", "只允许 http/https 协议的 URL。")
    host = parts.hostname
    if not host:
        raise invalid("Invalid URL: no hostname.", "URL 无效：缺少主机名。")
    try:
        literal: IpAddress | None = ipaddress.ip_address(host)
    except ValueError:
        literal = None
    if literal is not None and not policy.is_public(literal):
        raise invalid(*_PRIVATE)


async def fetch_public(
    url: str,
    policy: NetPolicy,
    *,
    max_bytes: int = 5 * 1024 * 1024,
    deadline: float = 15.0,
    max_redirects: int = 5,
    headers: dict[str, str] | None = None,
) -> bytes:
    """GET a user-supplied URL that must stay on the public internet; returns the body."""
    connector = aiohttp.TCPConnector(resolver=_GuardResolver(policy), force_close=True)
    client_timeout = aiohttp.ClientTimeout(total=deadline)
    try:
        async with aiohttp.ClientSession(
            connector=connector, timeout=client_timeout, headers=headers
        ) as http:
            for _ in range(max_redirects + 1):
                check_url(url, policy)
                async with http.get(url, allow_redirects=False) as resp:
                    if resp.status in (301, 302, 303, 307, 308) and "Location" in resp.headers:
                        url = urljoin(url, resp.headers["Location"])
                        continue
                    if resp.status >= 400:
                        raise invalid(
                            f"The server answered HTTP {resp.status}.", f"服务器返回了 HTTP {resp.status}。"
                        )
                    try:
                        return await read_capped(resp.content, max_bytes)
                    except BodyTooLarge:
                        raise invalid("The response is too large.", "响应内容过大。") from None
            raise invalid("Too many redirects.", "重定向次数过多。")
    except BlockedAddress:
        raise invalid(*_PRIVATE) from None
    except ApiError:
        raise
    except aiohttp.ClientConnectorDNSError:
        raise invalid("Cannot resolve hostname.", "无法解析主机名。") from None
    except (aiohttp.ClientError, TimeoutError, OSError) as exc:
        # Say what kind of failure it was, never what the remote host sent.
        kind: Any = type(exc).__name__
        raise invalid(f"Cannot fetch the URL ({kind}).", f"无法获取该 URL（{kind}）。") from None
