"""Who the client really is: the peer's address, or what a trusted proxy says it is.

`X-Forwarded-For` and `Forwarded` are only believed from a peer in the configured list of
trusted proxies (`AB_TRUSTED_PROXIES`, addresses or networks, comma-separated; empty by
default, so nobody can choose their own address). Login lockout and the login allowlist key
on the result, so a client that could pick its address could escape both.

The bridge in front of a separate daemon is a proxy of its own kind: it proves itself with a
key shared through the config folder (or `AB_BRIDGE_KEY`) instead of by its address.
"""

from __future__ import annotations

import ipaddress
import os
import secrets
from collections.abc import Mapping, Sequence
from pathlib import Path

__all__ = [
    "BRIDGE_KEY_ENV",
    "BRIDGE_KEY_FILE",
    "BRIDGE_KEY_HEADER",
    "CLIENT_IP_HEADER",
    "TRUSTED_PROXIES_ENV",
    "BadSetting",
    "TrustedProxies",
    "load_bridge_key",
    "normalize_ip",
    "read_bridge_key",
]

TRUSTED_PROXIES_ENV = "AB_TRUSTED_PROXIES"
BRIDGE_KEY_ENV = "AB_BRIDGE_KEY"
# gRPC metadata the bridge sends: the HTTP client's address, and the key that makes it believed.
CLIENT_IP_HEADER = "x-ab-client-ip"
BRIDGE_KEY_HEADER = "x-ab-bridge-key"
BRIDGE_KEY_FILE = ".bridge_key"

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


class BadSetting(ValueError):
    """A malformed setting, in both languages."""

    def __init__(self, msg_en: str, msg_zh: str) -> None:
        super().__init__(msg_en)
        self.msg_en = msg_en
        self.msg_zh = msg_zh


def normalize_ip(raw: str) -> str | None:
    """The address in one canonical spelling (IPv4-mapped IPv6 as IPv4, no port, no
    brackets), or None when `raw` is not an address."""
    text = raw.strip().strip('"').strip()
    if text.startswith("["):  # [v6] or [v6]:port
        text = text[1:].split("]", 1)[0]
    elif text.count(":") == 1:  # v4:port
        text = text.split(":", 1)[0]
    text = text.split("%", 1)[0]
    try:
        addr = ipaddress.ip_address(text)
    except ValueError:
        return None
    if isinstance(addr, ipaddress.IPv6Address) and addr.ipv4_mapped is not None:
        addr = addr.ipv4_mapped
    return str(addr)


class TrustedProxies:
    def __init__(self, networks: Sequence[Network] = ()) -> None:
        self.networks = tuple(networks)

    @classmethod
    def parse(cls, raw: str, name: str = TRUSTED_PROXIES_ENV) -> TrustedProxies:
        nets: list[Network] = []
        for part in raw.replace(";", ",").split(","):
            item = part.strip()
            if not item:
                continue
            try:
                net = ipaddress.ip_network(item, strict=False)
            except ValueError:
                raise BadSetting(
                    f"{name}: {item!r} is not an IP address or network "
                    "(for example 172.17.0.1 or 10.0.0.0/8).",
                    f"{name}：{item!r} 不是 IP 地址或网段（例如 172.17.0.1 或 10.0.0.0/8）。",
                ) from None
            nets.append(net)
        return cls(nets)

    @classmethod
    def from_env(cls, env: Mapping[str, str] = os.environ) -> TrustedProxies:
        return cls.parse(env.get(TRUSTED_PROXIES_ENV, ""))

    def trusts(self, ip: str) -> bool:
        if not self.networks:
            return False
        norm = normalize_ip(ip)
        if norm is None:
            return False
        addr = ipaddress.ip_address(norm)
        return any(addr.version == net.version and addr in net for net in self.networks)

    def client_address(self, peer: str, forwarded: str | None, x_forwarded_for: str | None) -> str:
        """The client's address for a request from `peer` carrying these headers.

        From a trusted peer the proxy chain is read from the right (the hop nearest to us)
        and the first address that is not itself a trusted proxy is the client; a hop that is
        not an address ends the walk, since whatever lies left of it was never checked.
        """
        own = normalize_ip(peer) or peer
        if not self.trusts(own):
            return own
        if forwarded:
            hops = _forwarded_for(forwarded)
        elif x_forwarded_for:
            hops = x_forwarded_for.split(",")
        else:
            return own
        client = own
        for hop in reversed(hops):
            addr = normalize_ip(hop)
            if addr is None:
                break
            client = addr
            if not self.trusts(addr):
                break
        return client


def _forwarded_for(header: str) -> list[str]:
    """The `for=` of each element of an RFC 7239 `Forwarded` header, in order ("" if none)."""
    hops: list[str] = []
    for element in header.split(","):
        value = ""
        for pair in element.split(";"):
            key, _, val = pair.partition("=")
            if key.strip().lower() == "for":
                value = val.strip()
        hops.append(value)
    return hops


def read_bridge_key(config_dir: Path, env: Mapping[str, str] = os.environ) -> str | None:
    """The bridge's key: AB_BRIDGE_KEY, else the daemon's key file in the config folder
    (a bridge on the same machine and folder), else None."""
    from_env = env.get(BRIDGE_KEY_ENV, "").strip()
    if from_env:
        if len(from_env) < 16:
            raise BadSetting(
                f"{BRIDGE_KEY_ENV} must be at least 16 characters long.",
                f"{BRIDGE_KEY_ENV} 长度至少为 16 个字符。",
            )
        return from_env
    try:
        text = (config_dir / BRIDGE_KEY_FILE).read_text().strip()
    except OSError:
        return None
    return text or None


def load_bridge_key(config_dir: Path, env: Mapping[str, str] = os.environ) -> str:
    """The daemon's side: AB_BRIDGE_KEY, else the key file, created (0600) on first use."""
    known = read_bridge_key(config_dir, env)
    if known is not None and len(known) >= 16:
        return known
    key = secrets.token_urlsafe(32)
    path = config_dir / BRIDGE_KEY_FILE
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as fh:
        fh.write(key + "\n")
    os.chmod(path, 0o600)
    return key
