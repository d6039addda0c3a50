"""The AutoBangumi integration: a live view and remote control of an AutoBangumi daemon."""

from __future__ import annotations

from homeassistant.const import CONF_HOST, CONF_PORT, CONF_TOKEN, Platform
from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers import config_validation as cv
from homeassistant.helpers import device_registry as dr
from homeassistant.helpers.typing import ConfigType

from .client import AutoBangumiClient, make_ssl_context
from .const import CONF_TLS, DOMAIN, RPC_TIMEOUT
from .coordinator import (
    AutoBangumiConfigEntry,
    AutoBangumiCoordinator,
    AutoBangumiDownloadsCoordinator,
    AutoBangumiRuntimeData,
)
from .entity import daemon_identifier, rule_identifier
from .services import async_setup_services

PLATFORMS: list[Platform] = [
    Platform.BINARY_SENSOR,
    Platform.BUTTON,
    Platform.CALENDAR,
    Platform.EVENT,
    Platform.IMAGE,
    Platform.SENSOR,
    Platform.SWITCH,
]

CONFIG_SCHEMA = cv.config_entry_only_config_schema(DOMAIN)


async def async_setup(hass: HomeAssistant, config: ConfigType) -> bool:
    """Actions are registered once, for every entry (they take the entry as a target)."""
    async_setup_services(hass)
    return True


async def async_setup_entry(hass: HomeAssistant, entry: AutoBangumiConfigEntry) -> bool:
    ssl_context = await hass.async_add_executor_job(make_ssl_context) if entry.data.get(CONF_TLS) else None
    client = AutoBangumiClient(
        entry.data[CONF_HOST],
        entry.data[CONF_PORT],
        token=entry.data[CONF_TOKEN],
        ssl_context=ssl_context,
        timeout=RPC_TIMEOUT,
    )
    coordinator = AutoBangumiCoordinator(hass, entry, client)
    downloads = AutoBangumiDownloadsCoordinator(hass, entry, client)
    coordinator.downloads = downloads

    async def shutdown() -> None:
        # Stop the stream before closing the channel, so unloading never logs a disconnect.
        await coordinator.async_stop_stream()
        client.close()

    entry.async_on_unload(shutdown)
    await coordinator.async_config_entry_first_refresh()
    await downloads.async_config_entry_first_refresh()
    entry.runtime_data = AutoBangumiRuntimeData(client=client, coordinator=coordinator, downloads=downloads)

    @callback
    def prune_rule_devices() -> None:
        """A rule deleted in the daemon takes its device (and its entities) with it."""
        if not coordinator.last_update_success:
            return
        registry = dr.async_get(hass)
        daemon_id = daemon_identifier(coordinator)
        current = {(DOMAIN, rule_identifier(daemon_id, rid)) for rid in coordinator.data.rules}
        prefix = f"{daemon_id}_rule_"
        for device in dr.async_entries_for_config_entry(registry, entry.entry_id):
            ours = {i for i in device.identifiers if i[0] == DOMAIN and i[1].startswith(prefix)}
            if ours and not ours & current:
                registry.async_update_device(device.id, remove_config_entry_id=entry.entry_id)

    prune_rule_devices()
    entry.async_on_unload(coordinator.async_add_listener(prune_rule_devices))
    await hass.config_entries.async_forward_entry_setups(entry, PLATFORMS)
    return True


async def async_unload_entry(hass: HomeAssistant, entry: AutoBangumiConfigEntry) -> bool:
    return await hass.config_entries.async_unload_platforms(entry, PLATFORMS)


async def async_remove_config_entry_device(
    hass: HomeAssistant, entry: AutoBangumiConfigEntry, device: dr.DeviceEntry
) -> bool:
    """Only a rule the daemon no longer has may be removed by hand; the daemon's device stays."""
    coordinator = entry.runtime_data.coordinator
    daemon_id = daemon_identifier(coordinator)
    live = {(DOMAIN, rule_identifier(daemon_id, rid)) for rid in coordinator.data.rules}
    return (DOMAIN, daemon_id) not in device.identifiers and not device.identifiers & live
