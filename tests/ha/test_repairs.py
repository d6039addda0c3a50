"""Repair issues: a real qBittorrent rejecting the daemon's credentials, fixed from Home Assistant."""

from __future__ import annotations

from unittest.mock import patch

import pytest
from custom_components.autobangumi.client import REASON_DOWNLOADER_AUTH_FAILED, RequestFailed, Unavailable
from custom_components.autobangumi.const import DOMAIN, ISSUE_DOWNLOADER_AUTH
from custom_components.autobangumi.repairs import async_create_fix_flow
from ha_fixtures import Daemon, setup_entry
from homeassistant.components.repairs import DOMAIN as REPAIRS_DOMAIN
from homeassistant.components.repairs.issue_handler import async_process_repairs_platforms
from homeassistant.core import HomeAssistant
from homeassistant.data_entry_flow import FlowResultType
from homeassistant.helpers import issue_registry as ir
from homeassistant.setup import async_setup_component
from qbittorrent import PASSWORD as QB_PASSWORD
from qbittorrent import USERNAME, QBittorrent

REJECTED = "The downloader rejected the username or password."


async def start_fix(hass: HomeAssistant, issue_id: str) -> dict[str, object]:
    from homeassistant.components.repairs import repairs_flow_manager

    manager = repairs_flow_manager(hass)
    assert manager is not None
    return dict(await manager.async_init(DOMAIN, data={"issue_id": issue_id}))


async def test_rejected_downloader_credentials_are_fixed_from_home_assistant(
    hass: HomeAssistant, daemon: Daemon, qbittorrent: QBittorrent, issue_registry: ir.IssueRegistry
) -> None:
    assert await async_setup_component(hass, REPAIRS_DOMAIN, {})
    entry = await setup_entry(hass, daemon)
    runtime = entry.runtime_data
    issue_id = f"{ISSUE_DOWNLOADER_AUTH}_{entry.entry_id}"
    # The test daemon's downloader is only unreachable: no credentials issue for that.
    assert issue_registry.async_get_issue(DOMAIN, issue_id) is None
    assert runtime.downloads.data.reachable is False

    # A real qBittorrent, and the daemon holding a wrong password for it.
    await set_downloader(daemon, qbittorrent.host, USERNAME, "not-the-password")
    try:
        with pytest.raises(Unavailable) as exc:
            await runtime.client.list_torrents()
        assert exc.value.reason == REASON_DOWNLOADER_AUTH_FAILED
        await runtime.downloads.async_refresh()
        issue = issue_registry.async_get_issue(DOMAIN, issue_id)
        assert issue is not None
        assert issue.is_fixable
        assert state_error(hass) == str(exc.value)

        await async_process_repairs_platforms(hass)
        flow = await start_fix(hass, issue_id)
        assert flow["type"] is FlowResultType.FORM
        assert flow["step_id"] == "confirm"

        from homeassistant.components.repairs import repairs_flow_manager

        manager = repairs_flow_manager(hass)
        assert manager is not None
        with patch.object(runtime.client, "set_downloader_credentials", side_effect=RequestFailed("nope")):
            result = await manager.async_configure(str(flow["flow_id"]), {"username": "qb", "password": "pw"})
        assert result["type"] is FlowResultType.FORM
        assert result["errors"] == {"base": "cannot_save"}

        # The daemon stores the right credentials; qBittorrent lets it in and the issue goes.
        result = await manager.async_configure(
            str(flow["flow_id"]), {"username": USERNAME, "password": QB_PASSWORD}
        )
        assert result["type"] is FlowResultType.CREATE_ENTRY
        config = await daemon.rest("GET", "config/get")
        assert config["downloader"]["username"] == USERNAME
        assert config["downloader"]["password"] != QB_PASSWORD  # never echoed back
        await hass.async_block_till_done()
        assert issue_registry.async_get_issue(DOMAIN, issue_id) is None
        assert runtime.downloads.data.reachable is True
        assert runtime.downloads.data.torrents == []
    finally:
        # The module's daemon goes back to its closed downloader port.
        await set_downloader(daemon, f"127.0.0.1:{daemon.closed_port}", "admin", "adminadmin")


async def test_the_issue_follows_the_reason_code_not_the_message(
    hass: HomeAssistant, daemon: Daemon, issue_registry: ir.IssueRegistry
) -> None:
    entry = await setup_entry(hass, daemon)
    runtime = entry.runtime_data
    issue_id = f"{ISSUE_DOWNLOADER_AUTH}_{entry.entry_id}"
    # The English words without the code (an older daemon, a translated message): no issue.
    with patch.object(runtime.client, "list_torrents", side_effect=Unavailable(REJECTED)):
        await runtime.downloads.async_refresh()
    assert issue_registry.async_get_issue(DOMAIN, issue_id) is None
    # The code, whatever the words.
    rejected = Unavailable("下载器拒绝了用户名或密码。", REASON_DOWNLOADER_AUTH_FAILED)
    with patch.object(runtime.client, "list_torrents", side_effect=rejected):
        await runtime.downloads.async_refresh()
    assert issue_registry.async_get_issue(DOMAIN, issue_id) is not None
    # Another cause of the same outage clears it.
    with patch.object(
        runtime.client, "list_torrents", side_effect=Unavailable(REJECTED, "DOWNLOADER_UNREACHABLE")
    ):
        await runtime.downloads.async_refresh()
    assert issue_registry.async_get_issue(DOMAIN, issue_id) is None


async def set_downloader(daemon: Daemon, host: str, username: str, password: str) -> None:
    body = {"downloader": {"type": "qbittorrent", "host": host, "username": username, "password": password}}
    await daemon.rest("PATCH", "config/update", json=body)


def state_error(hass: HomeAssistant) -> object:
    state = hass.states.get("binary_sensor.autobangumi_downloader")
    assert state is not None
    return state.attributes.get("error")


async def test_fix_flow_for_an_unloaded_entry_aborts(hass: HomeAssistant, daemon: Daemon) -> None:
    flow = await async_create_fix_flow(hass, "downloader_auth_failed_x", {"entry_id": "missing"})
    flow.hass = hass
    result = await flow.async_step_init()
    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "entry_not_loaded"
