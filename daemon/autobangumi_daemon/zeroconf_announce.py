"""Announce the daemon's gRPC endpoint on the local network (DNS-SD over mDNS).

Home Assistant's zeroconf integration watches `_autobangumi._tcp.local.` and offers the
AutoBangumi integration as soon as a daemon appears. The TXT record carries the install's
`instance_id` (Home Assistant's unique id, so a daemon that changed address is recognised) and
its `version`.

AB_ZEROCONF=0 turns the announcement off (the test suites do, so that they never multicast).
A failure here never stops the daemon: discovery is a convenience, the API works without it.
"""

from __future__ import annotations

import ipaddress
import logging
import os
import re
import socket
from collections.abc import Awaitable, Callable
from typing import Protocol

from zeroconf import InterfaceChoice, ServiceInfo
from zeroconf.asyncio import AsyncZeroconf

__all__ = ["SERVICE_TYPE", "Announcer", "announcement_enabled", "build_service_info", "start_announcement"]

log = logging.getLogger(__name__)

SERVICE_TYPE = "_autobangumi._tcp.local."
_WILDCARDS = {"", "0.0.0.0", "::", "[::]"}


class _ZeroconfLike(Protocol):
    async def async_register_service(
        self, info: ServiceInfo, ttl: int | None = None, allow_name_change: bool = False
    ) -> Awaitable[object]: ...

    async def async_close(self) -> None: ...


ZeroconfFactory = Callable[[list[str] | InterfaceChoice], _ZeroconfLike]


def announcement_enabled() -> bool:
    return os.environ.get("AB_ZEROCONF", "1").strip().lower() not in {"0", "false", "no", "off"}


def _host_label(hostname: str) -> str:
    # An mDNS host name is one DNS label; a container's random name is fine, dots are not.
    label = re.sub(r"[^A-Za-z0-9-]", "-", hostname.split(".")[0]).strip("-")
    return label or "autobangumi"


def build_service_info(
    instance_id: str, version: str, port: int, addresses: list[str], hostname: str | None = None
) -> ServiceInfo:
    """The service record: instance name from the install id, so two daemons never collide."""
    host = _host_label(hostname if hostname is not None else socket.gethostname())
    return ServiceInfo(
        SERVICE_TYPE,
        f"AutoBangumi {instance_id[:8]}.{SERVICE_TYPE}",
        port=port,
        properties={"instance_id": instance_id, "version": version, "api": "grpc"},
        server=f"{host}.local.",
        parsed_addresses=addresses,
    )


def _bind_host(address: str) -> str:
    host, _, _ = address.rpartition(":")
    return host.strip("[]") if host.startswith("[") else host


def _interface_addresses() -> list[str]:
    # ifaddr is zeroconf's own dependency for the same job.
    import ifaddr

    found: list[str] = []
    for adapter in ifaddr.get_adapters():
        for ip in adapter.ips:
            if ip.is_IPv4 and isinstance(ip.ip, str):
                found.append(ip.ip)
            elif isinstance(ip.ip, tuple) and ip.ip[2] == 0:  # IPv6, but not link-local (scoped)
                found.append(ip.ip[0])
    return found


def _addresses_for(bind_host: str) -> tuple[list[str], list[str] | InterfaceChoice]:
    """Which addresses to advertise and on which interfaces, from the gRPC bind address.

    A wildcard bind is reachable on every interface, so every non-loopback address is
    announced; a specific bind announces only that address, on that interface.
    """
    if bind_host in _WILDCARDS:
        addrs = [a for a in _interface_addresses() if not ipaddress.ip_address(a).is_loopback]
        return addrs, InterfaceChoice.All
    return [bind_host], [bind_host]


def _default_factory(interfaces: list[str] | InterfaceChoice) -> _ZeroconfLike:
    return AsyncZeroconf(interfaces=interfaces)


class Announcer:
    """Owns one registration; `start()` returns at once, probing finishes in the background."""

    def __init__(
        self,
        info: ServiceInfo,
        interfaces: list[str] | InterfaceChoice,
        factory: ZeroconfFactory = _default_factory,
    ) -> None:
        self.info = info
        self._interfaces = interfaces
        self._factory = factory
        self._zc: _ZeroconfLike | None = None

    async def start(self) -> None:
        try:
            self._zc = self._factory(self._interfaces)
            # This returns once the record is queued; the name-conflict probe (about a second) goes
            # on in zeroconf's own task, so the daemon's start is never held up by it.
            await self._zc.async_register_service(self.info, allow_name_change=True)
        except Exception as err:  # any network setup failure: log once and run without discovery
            log.warning(
                "Zeroconf announcement unavailable (%s); Home Assistant can still be set up by hand.", err
            )
            await self._close_quietly()
            return
        log.info("Announcing %s on port %s via zeroconf.", self.info.name, self.info.port)

    async def stop(self) -> None:
        """Withdraw the record: closing sends the goodbye packets for every registered service."""
        await self._close_quietly()

    async def _close_quietly(self) -> None:
        zc, self._zc = self._zc, None
        if zc is None:
            return
        try:
            await zc.async_close()
        except Exception as err:  # shutting down: a goodbye that cannot be sent is not worth a traceback
            log.debug("Zeroconf close failed: %s", err)


async def start_announcement(
    instance_id: str, version: str, grpc_address: str, port: int, factory: ZeroconfFactory = _default_factory
) -> Announcer | None:
    """Announce the daemon unless AB_ZEROCONF=0; None when off."""
    if not announcement_enabled():
        return None
    addresses, interfaces = _addresses_for(_bind_host(grpc_address))
    if not addresses:
        log.info("Zeroconf: no non-loopback address to announce.")
        return None
    announcer = Announcer(build_service_info(instance_id, version, port, addresses), interfaces, factory)
    await announcer.start()
    return announcer
