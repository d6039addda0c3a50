"""Diagnostics carry what helps debugging and nothing secret."""

from __future__ import annotations

import json

from ha_fixtures import FEED_TOKEN, TOKEN, USERNAME, Daemon, setup_entry
from homeassistant.const import CONF_USERNAME
from homeassistant.core import HomeAssistant
from pytest_homeassistant_custom_component.components.diagnostics import get_diagnostics_for_config_entry
from pytest_homeassistant_custom_component.typing import ClientSessionGenerator


async def test_diagnostics_are_redacted(
    hass: HomeAssistant, daemon: Daemon, hass_client: ClientSessionGenerator
) -> None:
    entry = await setup_entry(hass, daemon, **{CONF_USERNAME: USERNAME})
    diagnostics = await get_diagnostics_for_config_entry(hass, hass_client, entry)
    dumped = json.dumps(diagnostics)

    # Secrets, addresses and identities are gone...
    for secret in (TOKEN, FEED_TOKEN, USERNAME, daemon.instance_id, "127.0.0.1", "/srv/media/private"):
        assert secret not in dumped, secret
    assert diagnostics["entry"]["data"]["token"] == "**REDACTED**"
    assert diagnostics["entry"]["data"]["host"] == "**REDACTED**"
    assert diagnostics["entry"]["unique_id"] == "**REDACTED**"

    # ...while what explains a problem stays.
    assert diagnostics["entry"]["data"]["port"] == daemon.grpc_port
    assert diagnostics["daemon"] == {"version": "0.1.0", "name": "AutoBangumi", "state": "running"}
    assert diagnostics["stream"]["connected"] is True
    assert diagnostics["stream"]["reconnects"] == 0
    feeds = {f["name"]: f for f in diagnostics["feeds"]}
    assert feeds["Mikan personal"]["url"] == "**REDACTED**"
    assert feeds["Mikan personal"]["last_error"]
    assert {r["title"] for r in diagnostics["rules"]} == {"Frieren", "Dandadan", "Old Show", "Finished Show"}
    assert diagnostics["downloads"]["reachable"] is False
    assert diagnostics["downloads"]["torrents"] is None
    assert diagnostics["renamed_today"] == 0
