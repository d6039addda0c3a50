"""Config flow against a real daemon: manual, zeroconf, reauth, reconfigure, and every error."""

from __future__ import annotations

from ipaddress import ip_address
from typing import Any
from unittest.mock import patch

import pytest
from custom_components.autobangumi.client import Forbidden, NotSupported, Throttled
from custom_components.autobangumi.const import CONF_TLS, DOMAIN
from ha_fixtures import PASSWORD, TOKEN, USERNAME, Daemon, entry_for
from homeassistant.config_entries import SOURCE_USER, SOURCE_ZEROCONF, ConfigEntryState
from homeassistant.const import CONF_HOST, CONF_PASSWORD, CONF_PORT, CONF_TOKEN, CONF_USERNAME
from homeassistant.core import HomeAssistant
from homeassistant.data_entry_flow import FlowResultType
from homeassistant.helpers.service_info.zeroconf import ZeroconfServiceInfo
from pytest_homeassistant_custom_component.common import MockConfigEntry

CLIENT = "custom_components.autobangumi.config_flow.AutoBangumiClient"


def connection(daemon: Daemon, **extra: Any) -> dict[str, Any]:
    return {CONF_HOST: "127.0.0.1", CONF_PORT: daemon.grpc_port, CONF_TLS: False, **extra}


def discovery(daemon: Daemon, host: str = "127.0.0.1", **props: str) -> ZeroconfServiceInfo:
    properties = {"instance_id": daemon.instance_id, "version": "0.1.0", "api": "grpc", **props}
    return ZeroconfServiceInfo(
        ip_address=ip_address(host),
        ip_addresses=[ip_address(host)],
        hostname="mediabox.local.",
        name=f"AutoBangumi {daemon.instance_id[:8]}._autobangumi._tcp.local.",
        port=daemon.grpc_port,
        type="_autobangumi._tcp.local.",
        properties=properties,
    )


async def test_user_flow_with_token(hass: HomeAssistant, daemon: Daemon) -> None:
    result = await hass.config_entries.flow.async_init(DOMAIN, context={"source": SOURCE_USER})
    assert result["type"] is FlowResultType.FORM
    assert result["step_id"] == "user"

    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {**connection(daemon), CONF_HOST: " 127.0.0.1 ", CONF_TOKEN: TOKEN}
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["title"] == "AutoBangumi"
    assert result["data"] == {**connection(daemon), CONF_TOKEN: TOKEN}
    assert result["result"].unique_id == daemon.instance_id
    await hass.async_block_till_done()
    assert result["result"].state is ConfigEntryState.LOADED


async def test_user_flow_password_is_exchanged_for_a_token(hass: HomeAssistant, daemon: Daemon) -> None:
    result = await hass.config_entries.flow.async_init(DOMAIN, context={"source": SOURCE_USER})
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {**connection(daemon), CONF_USERNAME: USERNAME, CONF_PASSWORD: PASSWORD}
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY
    data = result["data"]
    assert CONF_PASSWORD not in data
    assert data[CONF_USERNAME] == USERNAME
    assert data[CONF_TOKEN].count(".") == 2  # a session JWT from AuthService/Login
    await hass.async_block_till_done()
    assert result["result"].state is ConfigEntryState.LOADED


@pytest.mark.parametrize(
    ("change", "error"),
    [
        ({}, "missing_credentials"),
        ({CONF_USERNAME: USERNAME}, "missing_credentials"),
        ({CONF_TOKEN: "not-a-token"}, "invalid_auth"),
        ({CONF_USERNAME: USERNAME, CONF_PASSWORD: "wrong-password"}, "invalid_auth"),
        ({"port": "closed", CONF_TOKEN: TOKEN}, "cannot_connect"),  # nothing listens
        ({"port": "http", CONF_TOKEN: TOKEN}, "cannot_connect"),  # the web port, not gRPC
        ({CONF_TLS: True, CONF_TOKEN: TOKEN}, "cannot_connect"),  # TLS against plaintext
    ],
)
async def test_user_flow_errors_then_recovery(
    hass: HomeAssistant, daemon: Daemon, change: dict[str, Any], error: str
) -> None:
    ports = {"closed": daemon.closed_port, "http": daemon.http_port}
    user_input = {**connection(daemon), **change}
    if "port" in change:
        user_input[CONF_PORT] = ports[change["port"]]
        del user_input["port"]
    result = await hass.config_entries.flow.async_init(DOMAIN, context={"source": SOURCE_USER})
    result = await hass.config_entries.flow.async_configure(result["flow_id"], user_input)
    assert result["type"] is FlowResultType.FORM
    assert result["errors"] == {"base": error}

    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {**connection(daemon), CONF_TOKEN: TOKEN}
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY


@pytest.mark.parametrize(
    ("exc", "error"),
    [
        (Forbidden("IP not in login whitelist"), "forbidden"),
        (Throttled("Too many failed logins"), "throttled"),
        (NotSupported("GetInstance is not available"), "daemon_too_old"),
        (RuntimeError("boom"), "unknown"),
    ],
)
async def test_user_flow_maps_daemon_refusals(
    hass: HomeAssistant, daemon: Daemon, exc: Exception, error: str
) -> None:
    """Refusals a test daemon cannot be made to give on demand, raised at the client boundary."""
    result = await hass.config_entries.flow.async_init(DOMAIN, context={"source": SOURCE_USER})
    with patch(f"{CLIENT}.get_instance", side_effect=exc):
        result = await hass.config_entries.flow.async_configure(
            result["flow_id"], {**connection(daemon), CONF_TOKEN: TOKEN}
        )
    assert result["errors"] == {"base": error}


async def test_user_flow_already_configured(hass: HomeAssistant, daemon: Daemon) -> None:
    entry_for(daemon).add_to_hass(hass)
    result = await hass.config_entries.flow.async_init(DOMAIN, context={"source": SOURCE_USER})
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {**connection(daemon), CONF_TOKEN: TOKEN}
    )
    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "already_configured"


async def test_zeroconf_discovery(hass: HomeAssistant, daemon: Daemon) -> None:
    result = await hass.config_entries.flow.async_init(
        DOMAIN, context={"source": SOURCE_ZEROCONF}, data=discovery(daemon)
    )
    assert result["type"] is FlowResultType.FORM
    assert result["step_id"] == "zeroconf_confirm"
    assert result["description_placeholders"] == {"host": "127.0.0.1", "port": str(daemon.grpc_port)}

    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {CONF_TLS: False, CONF_TOKEN: "wrong-token"}
    )
    assert result["errors"] == {"base": "invalid_auth"}
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {CONF_TLS: False, CONF_USERNAME: USERNAME, CONF_PASSWORD: PASSWORD}
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["result"].unique_id == daemon.instance_id
    assert result["data"][CONF_HOST] == "127.0.0.1"
    assert result["data"][CONF_PORT] == daemon.grpc_port


async def test_zeroconf_follows_a_known_daemon_to_its_new_address(
    hass: HomeAssistant, daemon: Daemon
) -> None:
    entry = entry_for(daemon, **{CONF_HOST: "127.0.0.5", CONF_PORT: 1})
    entry.add_to_hass(hass)
    result = await hass.config_entries.flow.async_init(
        DOMAIN, context={"source": SOURCE_ZEROCONF}, data=discovery(daemon)
    )
    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "already_configured"
    assert entry.data[CONF_HOST] == "127.0.0.1"
    assert entry.data[CONF_PORT] == daemon.grpc_port


async def test_zeroconf_ignores_other_services(hass: HomeAssistant, daemon: Daemon) -> None:
    info = discovery(daemon)
    info.properties.pop("instance_id")
    result = await hass.config_entries.flow.async_init(DOMAIN, context={"source": SOURCE_ZEROCONF}, data=info)
    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "not_autobangumi"


async def test_reauth_after_the_token_is_revoked(hass: HomeAssistant, daemon: Daemon) -> None:
    entry = entry_for(daemon, **{CONF_TOKEN: "revoked-token", CONF_USERNAME: USERNAME})
    entry.add_to_hass(hass)
    assert not await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    assert entry.state is ConfigEntryState.SETUP_ERROR

    (flow,) = hass.config_entries.flow.async_progress_by_handler(DOMAIN)
    assert flow["context"]["source"] == "reauth"
    result = await hass.config_entries.flow.async_configure(flow["flow_id"], {})
    assert result["errors"] == {"base": "missing_credentials"}
    assert result["description_placeholders"]["host"] == "127.0.0.1"
    result = await hass.config_entries.flow.async_configure(
        flow["flow_id"], {CONF_USERNAME: USERNAME, CONF_PASSWORD: PASSWORD}
    )
    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "reauth_successful"
    await hass.async_block_till_done()
    assert entry.data[CONF_TOKEN] != "revoked-token"
    assert entry.state is ConfigEntryState.LOADED


async def test_reauth_refuses_another_daemon(hass: HomeAssistant, daemon: Daemon) -> None:
    entry = MockConfigEntry(
        domain=DOMAIN, unique_id="another-install", data={**connection(daemon), CONF_TOKEN: TOKEN}
    )
    entry.add_to_hass(hass)
    result = await entry.start_reauth_flow(hass)
    assert result["step_id"] == "reauth_confirm"
    result = await hass.config_entries.flow.async_configure(result["flow_id"], {CONF_TOKEN: TOKEN})
    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "wrong_daemon"


async def test_reconfigure_keeps_the_token_when_no_credentials_are_given(
    hass: HomeAssistant, daemon: Daemon
) -> None:
    entry = entry_for(daemon, **{CONF_HOST: "127.0.0.5", CONF_USERNAME: USERNAME})
    entry.add_to_hass(hass)
    result = await entry.start_reconfigure_flow(hass)
    assert result["step_id"] == "reconfigure"

    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {**connection(daemon), CONF_PORT: daemon.closed_port}
    )
    assert result["errors"] == {"base": "cannot_connect"}
    result = await hass.config_entries.flow.async_configure(result["flow_id"], connection(daemon))
    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "reconfigure_successful"
    assert entry.data == {**connection(daemon), CONF_TOKEN: TOKEN, CONF_USERNAME: USERNAME}


async def test_reconfigure_with_new_credentials(hass: HomeAssistant, daemon: Daemon) -> None:
    entry = entry_for(daemon)
    entry.add_to_hass(hass)
    result = await entry.start_reconfigure_flow(hass)
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {**connection(daemon), CONF_USERNAME: USERNAME, CONF_PASSWORD: PASSWORD}
    )
    assert result["reason"] == "reconfigure_successful"
    assert entry.data[CONF_USERNAME] == USERNAME
    assert entry.data[CONF_TOKEN] != TOKEN


async def test_reconfigure_refuses_another_daemon(hass: HomeAssistant, daemon: Daemon) -> None:
    entry = MockConfigEntry(
        domain=DOMAIN, unique_id="another-install", data={**connection(daemon), CONF_TOKEN: TOKEN}
    )
    entry.add_to_hass(hass)
    result = await entry.start_reconfigure_flow(hass)
    result = await hass.config_entries.flow.async_configure(result["flow_id"], connection(daemon))
    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "wrong_daemon"
