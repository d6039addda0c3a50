"""A credential ended in AutoBangumi while Home Assistant streams its events: the daemon ends
the stream (UNAUTHENTICATED) within seconds and the integration asks to sign in again at
once, without waiting for its next poll (minutes away)."""

from __future__ import annotations

import os
import subprocess
import time

from custom_components.autobangumi.client import AutoBangumiClient
from custom_components.autobangumi.const import DOMAIN
from ha_fixtures import DAEMON, PASSWORD, USERNAME, Daemon, setup_entry, wait_for
from homeassistant.config_entries import ConfigEntryState
from homeassistant.const import CONF_TOKEN
from homeassistant.core import HomeAssistant

# The daemon rechecks a stream's credential every second; the rest is room for a busy machine.
WITHIN = 8.0


def _reauth_flows(hass: HomeAssistant) -> list[str]:
    return [f["context"]["source"] for f in hass.config_entries.flow.async_progress_by_handler(DOMAIN)]


async def _streaming(hass: HomeAssistant, daemon: Daemon, token: str) -> object:
    entry = await setup_entry(hass, daemon, **{CONF_TOKEN: token})
    assert entry.state is ConfigEntryState.LOADED
    coordinator = entry.runtime_data.coordinator
    await wait_for(lambda: coordinator.connected, what="the event stream")
    assert _reauth_flows(hass) == []
    return coordinator


async def test_revoked_token_ends_the_stream_and_starts_reauth(hass: HomeAssistant, daemon: Daemon) -> None:
    token = (await hass.async_add_executor_job(daemon.cli, "token", "create", "--name", "streamer")).strip()
    coordinator = await _streaming(hass, daemon, token)
    listed = await hass.async_add_executor_job(daemon.cli, "token", "list")
    token_id = next(line.split("\t")[0] for line in listed.splitlines() if "\tstreamer\t" in line)

    await hass.async_add_executor_job(daemon.cli, "token", "revoke", token_id)
    start = time.monotonic()
    await wait_for(lambda: _reauth_flows(hass) == ["reauth"], WITHIN, "reauth after the revoke")
    assert time.monotonic() - start < WITHIN
    assert not coordinator.connected  # type: ignore[attr-defined]
    assert coordinator.last_stream_error  # type: ignore[attr-defined]  # the stream, not a poll


async def test_password_changed_by_the_cli_ends_the_stream_and_starts_reauth(
    hass: HomeAssistant, fresh_daemon: Daemon
) -> None:
    client = AutoBangumiClient("127.0.0.1", fresh_daemon.grpc_port)
    session_token = await client.login(USERNAME, PASSWORD)
    client.close()
    coordinator = await _streaming(hass, fresh_daemon, session_token)

    def set_password() -> None:
        env = {
            **os.environ,
            "AB_CONFIG_DIR": str(fresh_daemon.config_dir),
            "AB_DATA_DIR": str(fresh_daemon.data_dir),
            "AB_PASSWORD": "changed-elsewhere-1",
        }
        subprocess.run(
            [str(DAEMON), "user", "set-password", "--password-env"],
            env=env,
            check=True,
            capture_output=True,
            timeout=60,
        )

    await hass.async_add_executor_job(set_password)
    await wait_for(lambda: _reauth_flows(hass) == ["reauth"], WITHIN, "reauth after the password change")
    assert not coordinator.connected  # type: ignore[attr-defined]
