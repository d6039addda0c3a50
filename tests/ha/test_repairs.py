"""Repair issues: the downloader rejecting the daemon's credentials, fixed from Home Assistant."""

from __future__ import annotations

from unittest.mock import patch

from custom_components.autobangumi.client import RequestFailed, Unavailable
from custom_components.autobangumi.const import DOMAIN, ISSUE_DOWNLOADER_AUTH
from custom_components.autobangumi.repairs import async_create_fix_flow
from ha_fixtures import Daemon, setup_entry
from homeassistant.components.repairs import DOMAIN as REPAIRS_DOMAIN
from homeassistant.components.repairs.issue_handler import async_process_repairs_platforms
from homeassistant.core import HomeAssistant
from homeassistant.data_entry_flow import FlowResultType
from homeassistant.helpers import issue_registry as ir
from homeassistant.setup import async_setup_component

REJECTED = "The downloader rejected the username or password."


async def start_fix(hass: HomeAssistant, issue_id: str) -> dict[str, object]:
    from homeassistant.components.repairs import repairs_flow_manager

    manager = repairs_flow_manager(hass)
    assert manager is not None
    return dict(await manager.async_init(DOMAIN, data={"issue_id": issue_id}))


async def test_rejected_downloader_credentials_are_fixed_from_home_assistant(
    hass: HomeAssistant, daemon: Daemon, issue_registry: ir.IssueRegistry
) -> None:
    assert await async_setup_component(hass, REPAIRS_DOMAIN, {})
    entry = await setup_entry(hass, daemon)
    runtime = entry.runtime_data
    issue_id = f"{ISSUE_DOWNLOADER_AUTH}_{entry.entry_id}"
    # The test daemon's downloader is only unreachable: no credentials issue for that.
    assert issue_registry.async_get_issue(DOMAIN, issue_id) is None

    with patch.object(runtime.client, "list_torrents", side_effect=Unavailable(REJECTED)):
        await runtime.downloads.async_refresh()
    issue = issue_registry.async_get_issue(DOMAIN, issue_id)
    assert issue is not None
    assert issue.is_fixable
    assert state_error(hass) == REJECTED

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

    # The real daemon stores the new credentials; the downloader answers again afterwards.
    result = await manager.async_configure(
        str(flow["flow_id"]), {"username": "qbuser", "password": "qb-pass-2"}
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY
    config = await daemon.rest("GET", "config/get")
    assert config["downloader"]["username"] == "qbuser"
    assert config["downloader"]["password"] != "qb-pass-2"  # never echoed back
    await hass.async_block_till_done()
    assert issue_registry.async_get_issue(DOMAIN, issue_id) is None


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
