"""Setup, states against the daemon's data, devices, restart recovery, unload, retries."""

from __future__ import annotations

import logging
from datetime import timedelta
from unittest.mock import patch

import pytest
from custom_components.autobangumi import async_remove_config_entry_device
from custom_components.autobangumi.client import NotSupported
from custom_components.autobangumi.const import DOMAIN, ISSUE_DAEMON_TOO_OLD
from ha_fixtures import (
    PASSWORD,
    USERNAME,
    Daemon,
    entry_for,
    setup_entry,
    state_of,
    wait_for,
)
from homeassistant.config_entries import ConfigEntryState
from homeassistant.const import CONF_PORT, CONF_TOKEN, STATE_OFF, STATE_ON, STATE_UNAVAILABLE
from homeassistant.core import HomeAssistant
from homeassistant.helpers import device_registry as dr
from homeassistant.helpers import entity_registry as er
from homeassistant.helpers import issue_registry as ir
from pytest_homeassistant_custom_component.common import MockConfigEntry

COORDINATOR = "custom_components.autobangumi.coordinator"


async def test_states_match_the_daemon(hass: HomeAssistant, daemon: Daemon) -> None:
    entry = await setup_entry(hass, daemon)
    assert entry.state is ConfigEntryState.LOADED

    assert state_of(hass, "sensor.autobangumi_program") == "running"
    assert state_of(hass, "switch.autobangumi_program") == STATE_ON
    # Frieren and Dandadan: Old Show is disabled, Finished Show archived.
    assert state_of(hass, "sensor.autobangumi_active_rules") == "2"
    assert state_of(hass, "sensor.autobangumi_last_feed_refresh") == "2026-11-20T10:00:00+00:00"
    assert state_of(hass, "sensor.autobangumi_episodes_renamed_today") == "0"
    feed_errors = hass.states.get("binary_sensor.autobangumi_feed_errors")
    assert feed_errors is not None
    assert feed_errors.state == STATE_ON
    assert feed_errors.attributes["feeds"] == ["Mikan personal"]
    assert state_of(hass, "binary_sensor.autobangumi_live_updates") == STATE_ON
    # The test daemon's downloader points at a closed port.
    downloader = hass.states.get("binary_sensor.autobangumi_downloader")
    assert downloader is not None
    assert downloader.state == STATE_OFF
    assert "Cannot connect to the downloader" in downloader.attributes["error"]
    assert state_of(hass, "sensor.autobangumi_active_downloads") == STATE_UNAVAILABLE
    assert state_of(hass, "sensor.autobangumi_download_speed") == STATE_UNAVAILABLE

    assert state_of(hass, "switch.frieren_download_new_episodes") == STATE_ON
    assert state_of(hass, "switch.dandadan_download_new_episodes") == STATE_ON
    assert state_of(hass, "switch.old_show_download_new_episodes") == STATE_OFF
    assert hass.states.get("image.frieren_poster") is not None
    assert hass.states.get("image.dandadan_poster") is None  # no poster, no image entity


async def test_devices(hass: HomeAssistant, daemon: Daemon, device_registry: dr.DeviceRegistry) -> None:
    entry = await setup_entry(hass, daemon)
    service = device_registry.async_get_device(identifiers={(DOMAIN, daemon.instance_id)})
    assert service is not None
    assert service.entry_type is dr.DeviceEntryType.SERVICE
    assert service.sw_version == "0.1.0"
    assert service.manufacturer == "AutoBangumi"
    frieren = device_registry.async_get_device(identifiers={(DOMAIN, f"{daemon.instance_id}_rule_1")})
    assert frieren is not None
    assert frieren.name == "Frieren"
    assert frieren.model == "LoliHouse"
    assert frieren.via_device_id == service.id
    assert len(dr.async_entries_for_config_entry(device_registry, entry.entry_id)) == 5

    runtime = entry.runtime_data
    # Neither the daemon's device nor a live rule's can be removed by hand; a stale one can.
    assert not await async_remove_config_entry_device(hass, entry, service)
    assert not await async_remove_config_entry_device(hass, entry, frieren)
    del runtime.coordinator.data.rules[1]
    assert await async_remove_config_entry_device(hass, entry, frieren)


async def test_entities_are_translated_and_categorised(
    hass: HomeAssistant, daemon: Daemon, entity_registry: er.EntityRegistry
) -> None:
    await setup_entry(hass, daemon)
    connected = entity_registry.async_get("binary_sensor.autobangumi_live_updates")
    assert connected is not None
    assert connected.entity_category is er.EntityCategory.DIAGNOSTIC
    assert connected.translation_key == "connected"
    assert connected.unique_id == f"{daemon.instance_id}_connected"
    calendar = entity_registry.async_get("button.autobangumi_refresh_calendar")
    assert calendar is not None
    assert calendar.disabled_by is er.RegistryEntryDisabler.INTEGRATION


async def test_unload_stops_the_stream_quietly(
    hass: HomeAssistant, daemon: Daemon, caplog: pytest.LogCaptureFixture
) -> None:
    entry = await setup_entry(hass, daemon)
    task = entry.runtime_data.coordinator._stream_task
    assert task is not None
    assert not task.done()
    with caplog.at_level(logging.WARNING):
        assert await hass.config_entries.async_unload(entry.entry_id)
        await hass.async_block_till_done()
    assert entry.state is ConfigEntryState.NOT_LOADED
    assert task.done()
    assert not [
        r
        for r in caplog.records
        if r.name.startswith("custom_components.autobangumi") and r.levelno >= logging.WARNING
    ]
    assert state_of(hass, "sensor.autobangumi_program") == STATE_UNAVAILABLE


async def test_setup_retries_while_the_daemon_is_away(hass: HomeAssistant, daemon: Daemon) -> None:
    entry = entry_for(daemon, **{CONF_PORT: daemon.closed_port})
    entry.add_to_hass(hass)
    await hass.config_entries.async_setup(entry.entry_id)
    assert entry.state is ConfigEntryState.SETUP_RETRY


async def test_setup_refuses_another_daemon_at_the_address(hass: HomeAssistant, daemon: Daemon) -> None:
    entry = MockConfigEntry(domain=DOMAIN, unique_id="another-install", data=dict(entry_for(daemon).data))
    entry.add_to_hass(hass)
    await hass.config_entries.async_setup(entry.entry_id)
    assert entry.state is ConfigEntryState.SETUP_ERROR


async def test_too_old_daemon_raises_a_repair_issue(
    hass: HomeAssistant, daemon: Daemon, issue_registry: ir.IssueRegistry
) -> None:
    with patch(f"{COORDINATOR}.MIN_DAEMON_VERSION", "99.0.0"):
        entry = await setup_entry(hass, daemon)
    issue = issue_registry.async_get_issue(DOMAIN, f"{ISSUE_DAEMON_TOO_OLD}_{entry.entry_id}")
    assert issue is not None
    assert issue.translation_placeholders == {
        "title": "AutoBangumi",
        "version": "0.1.0",
        "min_version": "0.1.0",
    }
    # Still usable: the issue tells the user, nothing is switched off.
    assert entry.state is ConfigEntryState.LOADED
    await hass.config_entries.async_reload(entry.entry_id)
    await hass.async_block_till_done()
    assert issue_registry.async_get_issue(DOMAIN, f"{ISSUE_DAEMON_TOO_OLD}_{entry.entry_id}") is None


async def test_daemon_without_instance_rpc_is_too_old(
    hass: HomeAssistant, daemon: Daemon, issue_registry: ir.IssueRegistry
) -> None:
    entry = entry_for(daemon)
    entry.add_to_hass(hass)
    with patch(f"{COORDINATOR}.AutoBangumiClient.get_instance", side_effect=NotSupported("no GetInstance")):
        await hass.config_entries.async_setup(entry.entry_id)
    assert entry.state is ConfigEntryState.SETUP_RETRY
    issue = issue_registry.async_get_issue(DOMAIN, f"{ISSUE_DAEMON_TOO_OLD}_{entry.entry_id}")
    assert issue is not None
    assert issue.translation_placeholders is not None
    assert issue.translation_placeholders["version"] == "?"


async def test_daemon_without_event_stream_falls_back_to_polling(
    hass: HomeAssistant, daemon: Daemon, issue_registry: ir.IssueRegistry
) -> None:
    async def no_stream(self: object) -> None:
        raise NotSupported("Events")
        yield  # pragma: no cover - makes this an async generator

    with patch(f"{COORDINATOR}.AutoBangumiClient.events", no_stream):
        entry = await setup_entry(hass, daemon)
        await hass.async_block_till_done()
    coordinator = entry.runtime_data.coordinator
    assert not coordinator.stream_supported
    assert issue_registry.async_get_issue(DOMAIN, f"{ISSUE_DAEMON_TOO_OLD}_{entry.entry_id}") is not None
    # Polled data still shows; the event entities say they cannot work.
    assert state_of(hass, "sensor.autobangumi_program") == "running"
    assert state_of(hass, "event.autobangumi_episode") == STATE_UNAVAILABLE
    assert state_of(hass, "binary_sensor.autobangumi_live_updates") == STATE_OFF


async def test_password_session_is_renewed_before_it_expires(hass: HomeAssistant, daemon: Daemon) -> None:
    from custom_components.autobangumi.client import AutoBangumiClient

    client = AutoBangumiClient("127.0.0.1", daemon.grpc_port)
    session_token = await client.login(USERNAME, PASSWORD)
    client.close()
    renewed: list[str] = []
    original = AutoBangumiClient.renew_token

    async def spy(self: AutoBangumiClient) -> str:
        renewed.append(await original(self))
        return renewed[-1]

    # A 7-day session counts as "about to expire" with an 8-day margin.
    with (
        patch(f"{COORDINATOR}.TOKEN_RENEW_MARGIN", timedelta(days=8)),
        patch.object(AutoBangumiClient, "renew_token", spy),
    ):
        entry = await setup_entry(hass, daemon, **{CONF_TOKEN: session_token})
    assert renewed
    assert entry.data[CONF_TOKEN] == renewed[-1]
    assert entry.state is ConfigEntryState.LOADED


async def test_restart_makes_entities_unavailable_then_back_by_themselves(
    hass: HomeAssistant,
    fresh_daemon: Daemon,
    fast_reconnect: None,
    device_registry: dr.DeviceRegistry,
    caplog: pytest.LogCaptureFixture,
) -> None:
    daemon = fresh_daemon
    entry = await setup_entry(hass, daemon)
    caplog.clear()

    await hass.async_add_executor_job(daemon.stop)
    await wait_for(
        lambda: state_of(hass, "sensor.autobangumi_program") == STATE_UNAVAILABLE, what="unavailable"
    )
    assert state_of(hass, "switch.autobangumi_program") == STATE_UNAVAILABLE
    assert state_of(hass, "binary_sensor.autobangumi_live_updates") == STATE_OFF
    assert state_of(hass, "event.autobangumi_episode") == STATE_UNAVAILABLE

    # While it is away a show is added and another deleted in the daemon.
    await hass.async_add_executor_job(
        daemon.seed,
        {
            "rules": [{"id": 5, "official_title": "New Show", "title_raw": "New Show", "season": 1}],
            "delete_rules": [2],
        },
    )
    await hass.async_add_executor_job(daemon.start)
    await wait_for(lambda: state_of(hass, "sensor.autobangumi_program") == "running", what="back")
    await hass.async_block_till_done()
    assert state_of(hass, "binary_sensor.autobangumi_live_updates") == STATE_ON
    assert state_of(hass, "switch.new_show_download_new_episodes") == STATE_ON
    assert device_registry.async_get_device(identifiers={(DOMAIN, f"{daemon.instance_id}_rule_2")}) is None
    assert hass.states.get("switch.dandadan_download_new_episodes") is None
    assert entry.runtime_data.coordinator.reconnects == 1

    # Logged once when it went away and once when it came back, however many retries.
    ours = [r for r in caplog.records if r.name.startswith("custom_components.autobangumi")]
    logged = [(r.levelno, r.getMessage()) for r in ours if r.levelno >= logging.INFO]
    assert [level for level, _ in logged] == [logging.ERROR, logging.INFO]
    assert "recovered" in logged[1][1]


async def test_revoked_token_asks_to_sign_in_again(hass: HomeAssistant, daemon: Daemon) -> None:
    """A machine token revoked in AutoBangumi (`autobangumi token revoke`): reauth, by itself."""
    token = (await hass.async_add_executor_job(daemon.cli, "token", "create", "--name", "hass")).strip()
    entry = await setup_entry(hass, daemon, **{CONF_TOKEN: token})
    assert entry.state is ConfigEntryState.LOADED
    listed = await hass.async_add_executor_job(daemon.cli, "token", "list")
    token_id = next(line.split("\t")[0] for line in listed.splitlines() if "\thass\t" in line)
    await hass.async_add_executor_job(daemon.cli, "token", "revoke", token_id)

    await entry.runtime_data.coordinator.async_refresh()  # the next poll
    await hass.async_block_till_done()
    assert [f["context"]["source"] for f in hass.config_entries.flow.async_progress_by_handler(DOMAIN)] == [
        "reauth"
    ]
    assert state_of(hass, "sensor.autobangumi_program") == STATE_UNAVAILABLE
