"""The daemon's zeroconf announcement, checked without sending a single packet.

The record is built and handed to a stand-in for AsyncZeroconf; the real one would multicast,
which tests never do (tests/helpers.py sets AB_ZEROCONF=0 for every suite).
"""

from __future__ import annotations

import asyncio
import ipaddress
import logging
from collections.abc import Awaitable

import pytest
from zeroconf import InterfaceChoice, ServiceInfo

from autobangumi_daemon import zeroconf_announce as za
from tests.helpers import Server


class FakeZeroconf:
    def __init__(self, interfaces: list[str] | InterfaceChoice) -> None:
        self.interfaces = interfaces
        self.registered: list[tuple[ServiceInfo, bool]] = []
        self.closed = False

    async def async_register_service(
        self, info: ServiceInfo, ttl: int | None = None, allow_name_change: bool = False
    ) -> Awaitable[object]:
        self.registered.append((info, allow_name_change))
        probed: asyncio.Future[object] = asyncio.get_running_loop().create_future()
        probed.set_result(None)
        return probed

    async def async_close(self) -> None:
        self.closed = True


def test_service_record_carries_the_instance_id_version_and_grpc_port() -> None:
    info = za.build_service_info("0123456789abcdef", "1.2.3", 7893, ["127.0.0.1"], "media.box.lan")
    assert info.type == "_autobangumi._tcp.local." == za.SERVICE_TYPE
    assert info.name == "AutoBangumi 01234567._autobangumi._tcp.local."
    assert info.port == 7893
    assert info.server == "media.local."
    assert info.parsed_addresses() == ["127.0.0.1"]
    assert info.properties == {b"instance_id": b"0123456789abcdef", b"version": b"1.2.3", b"api": b"grpc"}


def test_odd_host_names_become_one_dns_label() -> None:
    assert za.build_service_info("x" * 32, "1", 1, ["127.0.0.1"], "my_box (2)").server == "my-box--2.local."
    assert za.build_service_info("x" * 32, "1", 1, ["127.0.0.1"], "...").server == "autobangumi.local."


@pytest.mark.parametrize(
    ("value", "on"), [("0", False), ("off", False), ("false", False), ("1", True), ("", True)]
)
def test_ab_zeroconf_switch(monkeypatch: pytest.MonkeyPatch, value: str, on: bool) -> None:
    monkeypatch.setenv("AB_ZEROCONF", value)
    assert za.announcement_enabled() is on


def test_bind_address_decides_what_is_announced() -> None:
    assert za._addresses_for(za._bind_host("127.0.0.1:7893")) == (["127.0.0.1"], ["127.0.0.1"])
    assert za._bind_host("[::1]:7893") == "::1"
    addrs, interfaces = za._addresses_for(za._bind_host("0.0.0.0:7893"))
    assert interfaces is InterfaceChoice.All
    assert all(not ipaddress.ip_address(a).is_loopback for a in addrs)


async def test_announcer_registers_then_withdraws(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AB_ZEROCONF", "1")
    made: list[FakeZeroconf] = []

    def factory(interfaces: list[str] | InterfaceChoice) -> FakeZeroconf:
        made.append(FakeZeroconf(interfaces))
        return made[-1]

    announcer = await za.start_announcement("feedbeef" * 4, "0.1.0", "127.0.0.1:0", 50051, factory)
    assert announcer is not None
    (zc,) = made
    assert zc.interfaces == ["127.0.0.1"]  # a loopback bind stays on loopback
    ((info, renames),) = zc.registered
    assert renames and info.port == 50051 and info.properties[b"instance_id"] == b"feedbeef" * 4
    await announcer.stop()
    assert zc.closed
    await announcer.stop()  # idempotent


async def test_announcement_off_or_failing_never_stops_the_daemon(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setenv("AB_ZEROCONF", "0")
    assert await za.start_announcement("a" * 32, "0.1.0", "127.0.0.1:1", 1) is None

    monkeypatch.setenv("AB_ZEROCONF", "1")

    def broken(interfaces: list[str] | InterfaceChoice) -> FakeZeroconf:
        raise OSError("no multicast here")

    with caplog.at_level(logging.WARNING, logger=za.__name__):
        announcer = await za.start_announcement("a" * 32, "0.1.0", "127.0.0.1:1", 1, broken)
    assert announcer is not None
    assert "no multicast here" in caplog.text
    await announcer.stop()

    # Nothing to announce (a wildcard bind on a host with only loopback) is not an error either.
    monkeypatch.setattr(za, "_interface_addresses", lambda: ["127.0.0.1", "::1"])
    assert await za.start_announcement("a" * 32, "0.1.0", "0.0.0.0:1", 1) is None


async def test_close_failure_is_swallowed(monkeypatch: pytest.MonkeyPatch) -> None:
    class Sticky(FakeZeroconf):
        async def async_close(self) -> None:
            raise OSError("socket already gone")

    announcer = za.Announcer(za.build_service_info("b" * 32, "1", 1, ["127.0.0.1"]), ["127.0.0.1"], Sticky)
    await announcer.start()
    await announcer.stop()


async def test_test_daemons_do_not_announce(server: Server) -> None:
    assert server.running.daemon is not None
    task = server.running.daemon.announcement
    assert task is not None and await task is None
