"""Server-side request guard for every URL fetched on a user's behalf.

Only http(s); the host is read the way the HTTP client will read it (IDNA and NFKC
normalisation turn `127。0。0。1` or full-width digits into `127.0.0.1`), legacy numeric IPv4
forms (`2130706433`, `0x7f.1`, `0177.0.0.1`) count as the address they spell, and the check
that matters runs inside the connector, on the addresses the socket is about to connect to
(after DNS, for every hop of a redirect), so a DNS answer that changes between a check and the
connection cannot reach the LAN.

LAN sources (a local RSS service, a mirror on the NAS) are an explicit opt-in:
AB_FETCH_ALLOW_NETWORKS lists the networks that may be reached anyway.
"""

from __future__ import annotations

import ipaddress
import os
import socket
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin

import aiohttp
import yarl
from aiohttp.abc import ResolveResult

from autobangumi_daemon.adapters.streams import BodyTooLarge, read_capped
from autobangumi_daemon.errors import DaemonError, invalid

if TYPE_CHECKING:
    from aiohttp.tracing import Trace

__all__ = [
    "ALLOW_ENV",
    "PRIVATE",
    "BlockedAddress",
    "GuardedConnector",
    "NetPolicy",
    "allowed_networks",
    "blocked_reason",
    "fetch_public",
    "target_host",
]

ALLOW_ENV = "AB_FETCH_ALLOW_NETWORKS"

IpAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IpNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network

_NAT64 = ipaddress.ip_network("64:ff9b::/96")
_6TO4 = ipaddress.ip_network("2002::/16")


def embedded_ipv4(ip: IpAddress) -> IpAddress:
    """The IPv4 address an IPv6 address carries (mapped, compatible, NAT64, 6to4), else itself."""
    if isinstance(ip, ipaddress.IPv4Address):
        return ip
    if ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    packed = ip.packed
    if packed[:12] == bytes(12) and int(ip) > 1:  # ::a.b.c.d (:: and ::1 are themselves)
        return ipaddress.IPv4Address(packed[12:])
    if ip in _NAT64:
        return ipaddress.IPv4Address(packed[12:])
    if ip in _6TO4:
        return ipaddress.IPv4Address(packed[2:6])
    return ip


def _is_public(ip: IpAddress) -> bool:
    ip = embedded_ipv4(ip)
    return ip.is_global and not ip.is_multicast


@dataclass(frozen=True)
class NetPolicy:
    """Which addresses count as public. Tests swap in a policy over loopback addresses."""

    is_public: Callable[[IpAddress], bool] = _is_public
    allow: tuple[IpNetwork, ...] = field(default=())

    def permits(self, ip: IpAddress) -> bool:
        if self.is_public(ip):
            return True
        inner = embedded_ipv4(ip)
        return any(ip in net or inner in net for net in self.allow)

    def with_allow(self, networks: Iterable[IpNetwork]) -> NetPolicy:
        return replace(self, allow=tuple(networks))


def allowed_networks(env: Mapping[str, str] = os.environ) -> tuple[IpNetwork, ...]:
    """AB_FETCH_ALLOW_NETWORKS: comma- or space-separated addresses or CIDR networks."""
    out: list[IpNetwork] = []
    for part in env.get(ALLOW_ENV, "").replace(",", " ").split():
        try:
            out.append(ipaddress.ip_network(part, strict=False))
        except ValueError:
            raise invalid(
                f"{ALLOW_ENV}: {part!r} is not an address or network (e.g. 192.168.1.0/24).",
                f"{ALLOW_ENV}：{part!r} 不是有效的地址或网段（例如 192.168.1.0/24）。",
            ) from None
    return tuple(out)


class BlockedAddress(Exception):
    """A fetch refused because its target is not a public address."""

    def __init__(self, host: str) -> None:
        super().__init__(host)
        self.host = host


PRIVATE = (
    "URLs pointing to private/reserved IPs are not allowed.",
    "不允许访问指向内网或保留地址的 URL。",
)


def blocked_reason(host: str) -> tuple[str, str]:
    """Why a host was refused, and the opt-in for a LAN source, in both languages."""
    return (
        f"{host} is a private, loopback or reserved address; fetching it is not allowed "
        f"(a LAN source can be allowed with {ALLOW_ENV}).",
        f"{host} 是内网、回环或保留地址，不允许访问（局域网内的源可通过 {ALLOW_ENV} 放行）。",
    )


def _legacy_ipv4(host: str) -> ipaddress.IPv4Address | None:
    # inet_aton accepts what the C resolver accepts: 2130706433, 0x7f.1, 0177.0.0.1, 127.1.
    if not host or any(c not in "0123456789abcdefxABCDEFX." for c in host):
        return None
    try:
        return ipaddress.IPv4Address(socket.inet_aton(host))
    except OSError:
        return None


def target_host(url: str) -> str:
    """The host as the HTTP client will connect to it (IDNA/NFKC normalised, no brackets)."""
    try:
        host = yarl.URL(url).raw_host
    except (ValueError, UnicodeError):
        raise invalid("Invalid URL.", "URL 无效。") from None
    if not host:
        raise invalid("Invalid URL: no hostname.", "URL 无效：缺少主机名。")
    return host.rstrip(".").lower() or host


def literal_address(host: str) -> IpAddress | None:
    try:
        return ipaddress.ip_address(host.split("%", 1)[0])
    except ValueError:
        return _legacy_ipv4(host)


def check_url(url: str, policy: NetPolicy) -> None:
    """The checks that need no DNS: scheme, and a host that is (or spells) a non-public address."""
    try:
        scheme = yarl.URL(url).scheme
    except (ValueError, UnicodeError):
        raise invalid("Invalid URL.", "URL 无效。") from None
    if scheme not in ("http", "https"):
        raise invalid("Only http/https URLs are allowed.", "只允许 http/https 协议的 URL。")
    host = target_host(url)
    literal = literal_address(host)
    if literal is not None and not policy.permits(literal):
        raise invalid(*PRIVATE)
    # A localhost name is always loopback (RFC 6761), also through a proxy that resolves it.
    local_name = literal is None and (host == "localhost" or host.endswith(".localhost"))
    if local_name and not policy.permits(ipaddress.IPv4Address("127.0.0.1")):
        raise invalid(*PRIVATE)


class GuardedConnector(aiohttp.TCPConnector):
    """A connector that refuses to connect to any address the policy does not permit.

    The check sits where aiohttp turns a host into the addresses it connects to, literal
    addresses included, so no spelling of a host and no redirect gets around it. `exempt`
    names hosts the user configured as infrastructure (the HTTP proxy), which are never
    targets chosen by a URL.
    """

    def __init__(self, policy: NetPolicy, *, exempt: Iterable[str] = (), **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._policy = policy
        self._exempt = frozenset(h.strip("[]").lower() for h in exempt if h)

    async def _resolve_host(
        self, host: str, port: int, traces: Sequence[Trace] | None = None
    ) -> list[ResolveResult]:
        results = await super()._resolve_host(host, port, traces)
        if host.strip("[]").lower() in self._exempt:
            return results
        for r in results:
            if not self._policy.permits(ipaddress.ip_address(r["host"].split("%", 1)[0])):
                raise BlockedAddress(host)
        return results


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
    connector = GuardedConnector(policy, force_close=True)
    client_timeout = aiohttp.ClientTimeout(total=deadline)
    try:
        async with aiohttp.ClientSession(
            connector=connector, timeout=client_timeout, headers=headers, trust_env=False
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
        raise invalid(*PRIVATE) from None
    except DaemonError:
        raise
    except aiohttp.ClientConnectorDNSError:
        raise invalid("Cannot resolve hostname.", "无法解析主机名。") from None
    except aiohttp.InvalidURL:
        raise invalid("Invalid URL.", "URL 无效。") from None
    except (aiohttp.ClientError, TimeoutError, OSError) as exc:
        # Say what kind of failure it was, never what the remote host sent.
        kind: Any = type(exc).__name__
        raise invalid(f"Cannot fetch the URL ({kind}).", f"无法获取该 URL（{kind}）。") from None
