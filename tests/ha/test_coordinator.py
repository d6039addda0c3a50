"""The coordinators' failure paths: auth lost, partial daemons, outages, session renewal."""

from __future__ import annotations

from datetime import timedelta
from typing import Any
from unittest.mock import patch

from custom_components.autobangumi._proto.autobangumi import v1
from custom_components.autobangumi.client import AuthFailed, AutoBangumiClient, CannotConnect, NotSupported
from custom_components.autobangumi.const import DOMAIN, ISSUE_DAEMON_TOO_OLD
from custom_components.autobangumi.models import parse_time
from ha_fixtures import Daemon, setup_entry, state_of, wait_for
from homeassistant.config_entries import ConfigEntryState
from homeassistant.const import STATE_UNAVAILABLE
from homeassistant.core import HomeAssistant
from homeassistant.helpers import issue_registry as ir

COORDINATOR = "custom_components.autobangumi.coordinator"


def reauth_flows(hass: HomeAssistant) -> list[str]:
    return [f["context"]["source"] for f in hass.config_entries.flow.async_progress_by_handler(DOMAIN)]


async def test_development_builds_are_not_flagged_too_old(
    hass: HomeAssistant, daemon: Daemon, issue_registry: ir.IssueRegistry
) -> None:
    original = AutoBangumiClient.get_instance

    async def dev_build(self: AutoBangumiClient) -> v1.InstanceInfo:
        info = await original(self)
        info.version = "main-1a2b3c"
        return info

    with patch.object(AutoBangumiClient, "get_instance", dev_build):
        entry = await setup_entry(hass, daemon)
    assert issue_registry.async_get_issue(DOMAIN, f"{ISSUE_DAEMON_TOO_OLD}_{entry.entry_id}") is None


async def test_partial_daemon_still_loads(hass: HomeAssistant, daemon: Daemon) -> None:
    """A daemon without rules or feeds calls (older, or mid-upgrade) loads with what it has."""
    with (
        patch.object(AutoBangumiClient, "list_rules", side_effect=NotSupported("ListBangumi")),
        patch.object(AutoBangumiClient, "list_feeds", side_effect=NotSupported("ListRss")),
        patch.object(AutoBangumiClient, "list_torrents", side_effect=NotSupported("ListTorrents")),
    ):
        entry = await setup_entry(hass, daemon)
    assert entry.state is ConfigEntryState.LOADED
    assert state_of(hass, "sensor.autobangumi_active_rules") == "0"
    assert state_of(hass, "sensor.autobangumi_program") == "running"
    # No torrent list, but the daemon can still say whether its downloader answers (it does not).
    assert state_of(hass, "binary_sensor.autobangumi_downloader") == "off"
    assert entry.runtime_data.downloads.data.torrents is None


async def test_downloader_state_unknown_on_a_daemon_that_cannot_tell(
    hass: HomeAssistant, daemon: Daemon
) -> None:
    with (
        patch.object(AutoBangumiClient, "list_torrents", side_effect=NotSupported("ListTorrents")),
        patch.object(AutoBangumiClient, "check_downloader", side_effect=NotSupported("CheckDownloader")),
    ):
        await setup_entry(hass, daemon)
    assert state_of(hass, "binary_sensor.autobangumi_downloader") == STATE_UNAVAILABLE


async def test_losing_authorisation_starts_reauth(hass: HomeAssistant, daemon: Daemon) -> None:
    entry = await setup_entry(hass, daemon)
    runtime = entry.runtime_data
    with patch.object(runtime.client, "get_status", side_effect=AuthFailed("Unauthorized.")):
        await runtime.coordinator.async_refresh()
    await hass.async_block_till_done()
    assert reauth_flows(hass) == ["reauth"]
    assert state_of(hass, "sensor.autobangumi_program") == STATE_UNAVAILABLE


async def test_downloads_poll_errors(hass: HomeAssistant, daemon: Daemon) -> None:
    entry = await setup_entry(hass, daemon)
    downloads = entry.runtime_data.downloads
    client = entry.runtime_data.client
    with patch.object(client, "list_torrents", side_effect=CannotConnect("Connection lost")):
        await downloads.async_refresh()
    assert not downloads.last_update_success
    with (
        patch.object(client, "list_torrents", side_effect=NotSupported("ListTorrents")),
        patch.object(client, "check_downloader", side_effect=CannotConnect("Connection lost")),
    ):
        await downloads.async_refresh()
    assert not downloads.last_update_success
    for failing in ("list_torrents", "check_downloader"):
        patches: dict[str, Any] = {"list_torrents": NotSupported("ListTorrents"), failing: AuthFailed("no")}
        with (
            patch.object(client, "list_torrents", side_effect=patches["list_torrents"]),
            patch.object(client, "check_downloader", side_effect=patches.get("check_downloader")),
        ):
            await downloads.async_refresh()
        await hass.async_block_till_done()
        assert reauth_flows(hass) == ["reauth"]


async def test_poll_failure_makes_entities_unavailable(
    hass: HomeAssistant, daemon: Daemon, fast_reconnect: None
) -> None:
    """A poll that times out while the stream looks up: the connection is dropped and rebuilt."""
    entry = await setup_entry(hass, daemon)
    coordinator = entry.runtime_data.coordinator
    with patch.object(coordinator.client, "get_status", side_effect=CannotConnect("timed out")):
        await coordinator.async_refresh()
        assert state_of(hass, "sensor.autobangumi_program") == STATE_UNAVAILABLE
    await wait_for(lambda: coordinator.reconnects == 1, what="stream reconnected")
    await hass.async_block_till_done()
    assert state_of(hass, "sensor.autobangumi_program") == "running"
    assert coordinator.connected


async def test_session_renewal_failures(hass: HomeAssistant, daemon: Daemon) -> None:
    client = AutoBangumiClient("127.0.0.1", daemon.grpc_port)
    from ha_fixtures import PASSWORD, USERNAME

    session = await client.login(USERNAME, PASSWORD)
    client.close()
    with patch(f"{COORDINATOR}.TOKEN_RENEW_MARGIN", timedelta(days=8)):
        entry = await setup_entry(hass, daemon, token=session)
        coordinator = entry.runtime_data.coordinator
        # A network hiccup: try again at the next poll, nothing else changes.
        with patch.object(coordinator.client, "renew_token", side_effect=CannotConnect("timed out")):
            await coordinator.async_refresh()
        assert coordinator.last_update_success
        # The session was ended in the daemon: sign in again.
        with patch.object(coordinator.client, "renew_token", side_effect=AuthFailed("Session expired.")):
            await coordinator.async_refresh()
        await hass.async_block_till_done()
    assert reauth_flows(hass) == ["reauth"]


async def test_stream_refused_starts_reauth(hass: HomeAssistant, daemon: Daemon) -> None:
    async def refused(self: AutoBangumiClient) -> Any:
        raise AuthFailed("Unauthorized.")
        yield  # pragma: no cover - makes this an async generator

    entry = await setup_entry(hass, daemon)
    coordinator = entry.runtime_data.coordinator
    await coordinator.async_stop_stream()
    coordinator._closing = False
    with patch.object(AutoBangumiClient, "events", refused):
        coordinator._ensure_stream()
        await wait_for(lambda: reauth_flows(hass) == ["reauth"], what="reauth")
    assert not coordinator.connected
    assert coordinator.last_stream_error == "Unauthorized."


def test_parse_time() -> None:
    assert parse_time(None) is None
    assert parse_time("") is None
    assert parse_time("yesterday") is None
    naive = parse_time("2026-11-20T10:00:00")
    assert naive is not None
    assert naive.isoformat() == "2026-11-20T10:00:00+00:00"
    aware = parse_time("2026-11-20T18:00:00+08:00")
    assert aware is not None
    assert aware.isoformat() == "2026-11-20T10:00:00+00:00"
