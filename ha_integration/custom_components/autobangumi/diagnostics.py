"""Diagnostics: the entry and what the daemon reported, with secrets and addresses redacted."""

from __future__ import annotations

from typing import Any

from homeassistant.components.diagnostics import async_redact_data
from homeassistant.const import CONF_HOST, CONF_PASSWORD, CONF_TOKEN, CONF_USERNAME
from homeassistant.core import HomeAssistant

from .coordinator import AutoBangumiConfigEntry
from .models import feed_view, rule_view

# Feed URLs carry personal tokens (Mikan's `?token=`); save paths reveal the file system.
TO_REDACT = {
    CONF_HOST,
    CONF_PASSWORD,
    CONF_TOKEN,
    CONF_USERNAME,
    "url",
    "save_path",
    "instance_id",
    "unique_id",
}


async def async_get_config_entry_diagnostics(
    hass: HomeAssistant, entry: AutoBangumiConfigEntry
) -> dict[str, Any]:
    runtime = entry.runtime_data
    coordinator = runtime.coordinator
    data = coordinator.data
    downloads = runtime.downloads.data
    return {
        "entry": async_redact_data(
            {"data": dict(entry.data), "options": dict(entry.options), "unique_id": entry.unique_id},
            TO_REDACT,
        ),
        "daemon": {"version": data.instance.version, "name": data.instance.name, "state": data.state},
        "stream": {
            "connected": coordinator.connected,
            "supported": coordinator.stream_supported,
            "reconnects": coordinator.reconnects,
            "last_error": coordinator.last_stream_error,
            "last_update_success": coordinator.last_update_success,
        },
        "rules": [async_redact_data(rule_view(rule), TO_REDACT) for rule in data.rules.values()],
        "feeds": [async_redact_data(feed_view(feed), TO_REDACT) for feed in data.feeds.values()],
        "downloads": {
            "reachable": downloads.reachable,
            "error": downloads.error,
            "torrents": None if downloads.torrents is None else len(downloads.torrents),
            "active": len(downloads.active()),
            "speed": downloads.speed(),
        },
        "renamed_today": data.renamed_today(),
    }
