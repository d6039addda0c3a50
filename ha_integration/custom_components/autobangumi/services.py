"""Actions, each aimed at one AutoBangumi entry: feeds, refresh, torrents, and data queries."""

from __future__ import annotations

from typing import Any

import voluptuous as vol
from homeassistant.config_entries import ConfigEntryState
from homeassistant.core import HomeAssistant, ServiceCall, ServiceResponse, SupportsResponse, callback
from homeassistant.exceptions import ServiceValidationError
from homeassistant.helpers import config_validation as cv

from .const import ATTR_CONFIG_ENTRY_ID, DOMAIN
from .coordinator import AutoBangumiConfigEntry
from .helpers import call_daemon
from .models import rule_view, torrent_view

SERVICE_REFRESH_FEEDS = "refresh_feeds"
SERVICE_ADD_FEED = "add_feed"
SERVICE_SUBSCRIBE_FEED = "subscribe_feed"
SERVICE_PAUSE_TORRENTS = "pause_torrents"
SERVICE_RESUME_TORRENTS = "resume_torrents"
SERVICE_GET_RULES = "get_rules"
SERVICE_GET_TORRENTS = "get_torrents"

ATTR_FEED_ID = "feed_id"
ATTR_URL = "url"
ATTR_NAME = "name"
ATTR_AGGREGATE = "aggregate"
ATTR_PARSER = "parser"
ATTR_HASHES = "hashes"

PARSERS = ["mikan", "tmdb", "parser"]

ENTRY_SCHEMA = vol.Schema({vol.Required(ATTR_CONFIG_ENTRY_ID): cv.string})
REFRESH_SCHEMA = ENTRY_SCHEMA.extend({vol.Optional(ATTR_FEED_ID): cv.positive_int})
FEED_SCHEMA = ENTRY_SCHEMA.extend(
    {
        vol.Required(ATTR_URL): cv.url,
        vol.Optional(ATTR_NAME): cv.string,
        vol.Optional(ATTR_PARSER, default="mikan"): vol.In(PARSERS),
    }
)
ADD_FEED_SCHEMA = FEED_SCHEMA.extend({vol.Optional(ATTR_AGGREGATE, default=False): cv.boolean})
TORRENTS_SCHEMA = ENTRY_SCHEMA.extend({vol.Optional(ATTR_HASHES): vol.All(cv.ensure_list, [cv.string])})


def _get_entry(hass: HomeAssistant, call: ServiceCall) -> AutoBangumiConfigEntry:
    entry_id: str = call.data[ATTR_CONFIG_ENTRY_ID]
    entry: AutoBangumiConfigEntry | None = hass.config_entries.async_get_entry(entry_id)
    if entry is None or entry.domain != DOMAIN:
        raise ServiceValidationError(
            translation_domain=DOMAIN,
            translation_key="entry_not_found",
            translation_placeholders={"entry": entry_id},
        )
    if entry.state is not ConfigEntryState.LOADED:
        raise ServiceValidationError(
            translation_domain=DOMAIN,
            translation_key="entry_not_loaded",
            translation_placeholders={"entry": entry.title},
        )
    return entry


async def _refresh_feeds(call: ServiceCall) -> None:
    entry = _get_entry(call.hass, call)
    client = entry.runtime_data.client
    await call_daemon(call.hass, entry, client.refresh_feeds(call.data.get(ATTR_FEED_ID)))


async def _add_feed(call: ServiceCall) -> None:
    entry = _get_entry(call.hass, call)
    client = entry.runtime_data.client
    await call_daemon(
        call.hass,
        entry,
        client.add_feed(
            call.data[ATTR_URL], call.data.get(ATTR_NAME), call.data[ATTR_AGGREGATE], call.data[ATTR_PARSER]
        ),
    )
    await entry.runtime_data.coordinator.async_refresh()


async def _subscribe_feed(call: ServiceCall) -> ServiceResponse:
    entry = _get_entry(call.hass, call)
    client = entry.runtime_data.client
    rule = await call_daemon(
        call.hass,
        entry,
        client.subscribe(call.data[ATTR_URL], call.data.get(ATTR_NAME), call.data[ATTR_PARSER]),
    )
    await entry.runtime_data.coordinator.async_refresh()
    return {"rule": rule_view(rule)}


async def _torrent_hashes(call: ServiceCall, entry: AutoBangumiConfigEntry) -> list[str]:
    """The hashes asked for, or else every torrent the daemon manages."""
    if hashes := call.data.get(ATTR_HASHES):
        return list(hashes)
    torrents = await call_daemon(call.hass, entry, entry.runtime_data.client.list_torrents())
    return [t.hash for t in torrents]


async def _pause_torrents(call: ServiceCall) -> None:
    entry = _get_entry(call.hass, call)
    hashes = await _torrent_hashes(call, entry)
    if hashes:
        await call_daemon(call.hass, entry, entry.runtime_data.client.pause_torrents(hashes))
    await entry.runtime_data.downloads.async_refresh()


async def _resume_torrents(call: ServiceCall) -> None:
    entry = _get_entry(call.hass, call)
    hashes = await _torrent_hashes(call, entry)
    if hashes:
        await call_daemon(call.hass, entry, entry.runtime_data.client.resume_torrents(hashes))
    await entry.runtime_data.downloads.async_refresh()


async def _get_rules(call: ServiceCall) -> ServiceResponse:
    entry = _get_entry(call.hass, call)
    rules = await call_daemon(call.hass, entry, entry.runtime_data.client.list_rules())
    result: list[Any] = [rule_view(r) for r in rules]
    return {"rules": result}


async def _get_torrents(call: ServiceCall) -> ServiceResponse:
    entry = _get_entry(call.hass, call)
    torrents = await call_daemon(call.hass, entry, entry.runtime_data.client.list_torrents())
    result: list[Any] = [torrent_view(t) for t in torrents]
    return {"torrents": result}


@callback
def async_setup_services(hass: HomeAssistant) -> None:
    hass.services.async_register(DOMAIN, SERVICE_REFRESH_FEEDS, _refresh_feeds, schema=REFRESH_SCHEMA)
    hass.services.async_register(DOMAIN, SERVICE_ADD_FEED, _add_feed, schema=ADD_FEED_SCHEMA)
    hass.services.async_register(
        DOMAIN,
        SERVICE_SUBSCRIBE_FEED,
        _subscribe_feed,
        schema=FEED_SCHEMA,
        supports_response=SupportsResponse.OPTIONAL,
    )
    hass.services.async_register(DOMAIN, SERVICE_PAUSE_TORRENTS, _pause_torrents, schema=TORRENTS_SCHEMA)
    hass.services.async_register(DOMAIN, SERVICE_RESUME_TORRENTS, _resume_torrents, schema=TORRENTS_SCHEMA)
    hass.services.async_register(
        DOMAIN, SERVICE_GET_RULES, _get_rules, schema=ENTRY_SCHEMA, supports_response=SupportsResponse.ONLY
    )
    hass.services.async_register(
        DOMAIN,
        SERVICE_GET_TORRENTS,
        _get_torrents,
        schema=ENTRY_SCHEMA,
        supports_response=SupportsResponse.ONLY,
    )
