"""Coordinators: one fed live by the daemon's event stream, one polling the downloader.

`AutoBangumiCoordinator` keeps the program state, rules and feeds. A background task reads
the daemon's `Events` stream and applies each event at once (push); it reconnects with an
exponential back-off, logging once when the daemon goes away and once when it is back, and
resynchronises everything on reconnect because events were missed meanwhile. A slow poll is
the safety net: it catches rule changes (not carried by the stream) and restarts a dead stream.

`AutoBangumiDownloadsCoordinator` polls the torrents: speed and progress are not pushed.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TypeVar

from awesomeversion import AwesomeVersion, AwesomeVersionException
from betterproto2 import which_one_of
from homeassistant.config_entries import ConfigEntry
from homeassistant.const import CONF_TOKEN
from homeassistant.core import CALLBACK_TYPE, HomeAssistant, callback
from homeassistant.exceptions import ConfigEntryAuthFailed, ConfigEntryError, ConfigEntryNotReady
from homeassistant.helpers.update_coordinator import DataUpdateCoordinator, UpdateFailed
from homeassistant.util import dt as dt_util

from ._proto.autobangumi import v1
from .client import (
    AuthFailed,
    AutoBangumiClient,
    AutoBangumiError,
    CannotConnect,
    NotSupported,
    Unavailable,
    seconds_left,
)
from .const import (
    DOMAIN,
    DOWNLOADS_INTERVAL,
    LOGGER,
    MIN_DAEMON_VERSION,
    POLL_INTERVAL,
    RECONNECT_MAX,
    RECONNECT_MIN,
    TOKEN_RENEW_MARGIN,
)
from .models import AutoBangumiData, DownloadsData, parse_time
from .repairs import async_sync_daemon_version_issue, async_sync_downloader_auth_issue

EventListener = Callable[[v1.Event], None]
_T = TypeVar("_T")

ERROR_LEVELS = frozenset({"ERROR", "CRITICAL"})


def _auth_failed(err: Exception) -> ConfigEntryAuthFailed:
    return ConfigEntryAuthFailed(translation_domain=DOMAIN, translation_key="auth_failed")


def _update_failed(err: Exception) -> UpdateFailed:
    return UpdateFailed(
        translation_domain=DOMAIN,
        translation_key="update_failed",
        translation_placeholders={"error": str(err)},
    )


class AutoBangumiCoordinator(DataUpdateCoordinator[AutoBangumiData]):
    """Program state, rules and feeds, pushed by the event stream and polled as a fallback."""

    config_entry: AutoBangumiConfigEntry

    def __init__(self, hass: HomeAssistant, entry: AutoBangumiConfigEntry, client: AutoBangumiClient) -> None:
        super().__init__(hass, LOGGER, config_entry=entry, name=DOMAIN, update_interval=POLL_INTERVAL)
        self.client = client
        self.downloads: AutoBangumiDownloadsCoordinator | None = None
        self.instance = v1.InstanceInfo()
        # Stream health, shown by the "connected" binary sensor and in diagnostics.
        self.connected = False
        self.stream_supported = True
        self.reconnects = 0
        self.last_stream_error: str | None = None
        self._resync = False
        self._closing = False
        self._stream_task: asyncio.Task[None] | None = None
        self._event_listeners: list[EventListener] = []

    async def _async_setup(self) -> None:
        try:
            instance = await self.client.get_instance()
        except AuthFailed as err:
            raise _auth_failed(err) from err
        except NotSupported as err:
            async_sync_daemon_version_issue(self.hass, self.config_entry, None)
            raise ConfigEntryNotReady(translation_domain=DOMAIN, translation_key="daemon_too_old") from err
        except AutoBangumiError as err:
            raise ConfigEntryNotReady(
                translation_domain=DOMAIN,
                translation_key="cannot_connect",
                translation_placeholders={"error": str(err)},
            ) from err
        if self.config_entry.unique_id and instance.instance_id != self.config_entry.unique_id:
            # Another daemon now answers at this address: never mix its data into this entry.
            raise ConfigEntryError(translation_domain=DOMAIN, translation_key="wrong_daemon")
        self.instance = instance
        try:
            too_old = AwesomeVersion(instance.version) < AwesomeVersion(MIN_DAEMON_VERSION)
        except AwesomeVersionException:
            too_old = False  # a development build without a release number
        async_sync_daemon_version_issue(self.hass, self.config_entry, instance.version if too_old else "")

    async def _optional(self, call: Awaitable[_T], fallback: _T) -> _T:
        """A read the daemon may not implement yet: an older or partial daemon still loads."""
        try:
            return await call
        except NotSupported:
            return fallback

    async def _async_update_data(self) -> AutoBangumiData:
        await self._renew_session()
        try:
            status = await self.client.get_status()
            rules = await self._optional(self.client.list_rules(), [])
            feeds = await self._optional(self.client.list_feeds(), [])
        except AuthFailed as err:
            raise _auth_failed(err) from err
        except AutoBangumiError as err:
            if isinstance(err, CannotConnect) and self.connected:
                # The stream looks up but the daemon does not answer: its connection may be
                # half-open. Drop it, so the stream notices and reconnects.
                self.client.drop_connection()
            raise _update_failed(err) from err
        old = self.data
        checked = [t for t in (parse_time(f.last_checked_at) for f in feeds) if t is not None]
        candidates = [*checked, *([old.last_feed_refresh] if old and old.last_feed_refresh else [])]
        data = AutoBangumiData(
            instance=self.instance,
            state=status.state,
            rules={r.id: r for r in rules if r.id is not None},  # saved rules always have one
            feeds={f.id: f for f in feeds},
            last_feed_refresh=max(candidates, default=None),
            renamed_day=old.renamed_day if old else None,
            renamed_count=old.renamed_count if old else 0,
        )
        self._ensure_stream()
        return data

    async def _renew_session(self) -> None:
        """Keep a password-login session alive; a static API token never expires."""
        token = self.client.token
        left = seconds_left(token) if token else None
        if left is None or left > TOKEN_RENEW_MARGIN.total_seconds():
            return
        try:
            token = await self.client.renew_token()
        except AuthFailed as err:
            raise _auth_failed(err) from err
        except AutoBangumiError as err:
            LOGGER.debug("Renewing the session failed (%s); trying again at the next poll", err)
            return
        self.hass.config_entries.async_update_entry(
            self.config_entry, data={**self.config_entry.data, CONF_TOKEN: token}
        )

    # The event stream

    def _ensure_stream(self) -> None:
        if (
            self._closing
            or not self.stream_supported
            or (self._stream_task is not None and not self._stream_task.done())
        ):
            return
        self._stream_task = self.config_entry.async_create_background_task(
            self.hass, self._stream(), f"{DOMAIN} event stream {self.config_entry.entry_id}"
        )

    async def async_stop_stream(self) -> None:
        """Stop the stream for good (unload): cancel it and wait, so nothing logs a disconnect."""
        self._closing = True
        task, self._stream_task = self._stream_task, None
        if task is not None and not task.done():
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

    async def async_shutdown(self) -> None:
        await self.async_stop_stream()
        await super().async_shutdown()

    async def _stream(self) -> None:
        delay = RECONNECT_MIN
        while True:
            try:
                async for event in self.client.events():
                    if not self.connected:
                        delay = RECONNECT_MIN
                        await self._on_connected()
                    self._apply(event)
            except AuthFailed as err:
                self._on_disconnected(err)
                self.config_entry.async_start_reauth(self.hass)
                return
            except NotSupported:
                # A daemon without the stream: the poll keeps entities current, only slower.
                self.stream_supported = False
                async_sync_daemon_version_issue(self.hass, self.config_entry, self.instance.version or None)
                self.async_update_listeners()
                return
            except AutoBangumiError as err:
                if self._closing:
                    return  # the channel closed under us on unload: not an outage
                self._on_disconnected(err)
            # Debug only: the one error was logged when the daemon went away.
            LOGGER.debug("Event stream down (%s); reconnecting in %.0f s", self.last_stream_error, delay)
            await asyncio.sleep(delay)
            delay = min(delay * 2, RECONNECT_MAX)

    async def _on_connected(self) -> None:
        self.connected = True
        self.last_stream_error = None
        if self._resync:
            # Events were missed while away: fetch everything again (this logs "recovered").
            self._resync = False
            self.reconnects += 1
            await self.async_refresh()
            if self.downloads is not None:
                await self.downloads.async_refresh()
        else:
            self.async_update_listeners()

    @callback
    def _on_disconnected(self, err: AutoBangumiError) -> None:
        was_connected = self.connected
        self.connected = False
        self.last_stream_error = str(err)
        self._resync = True
        # Logs once, as entities turn unavailable; repeated failures stay silent.
        self.async_set_update_error(_update_failed(err))
        if was_connected:
            self.async_update_listeners()

    @callback
    def async_add_event_listener(self, listener: EventListener) -> CALLBACK_TYPE:
        """Call `listener` with each event this entry's stream delivers (for event entities)."""
        self._event_listeners.append(listener)

        @callback
        def remove() -> None:
            self._event_listeners.remove(listener)

        return remove

    @callback
    def _apply(self, event: v1.Event) -> None:
        _, payload = which_one_of(event, "payload")
        data = self.data
        if isinstance(payload, v1.ProgramStateEvent):
            data.state = payload.state
        elif isinstance(payload, v1.FeedRefreshedEvent):
            if (feed := data.feeds.get(payload.rss_id)) is not None:
                feed.connection_status = payload.connection_status
                feed.last_error = payload.last_error
                feed.last_checked_at = event.at
            data.last_feed_refresh = parse_time(event.at) or dt_util.utcnow()
            if payload.new_items:
                # New items may have created rules: the stream does not carry those.
                self.config_entry.async_create_task(self.hass, self.async_request_refresh())
        elif isinstance(payload, v1.RulesChangedEvent):
            # Rules are not carried on the stream: fetch them again (one call).
            self.config_entry.async_create_task(self.hass, self.async_request_refresh())
            return
        elif isinstance(payload, v1.TorrentAddedEvent):
            if self.downloads is not None:
                self.config_entry.async_create_task(self.hass, self.downloads.async_request_refresh())
        elif isinstance(payload, v1.FileRenamedEvent):
            data.count_renamed()
        elif isinstance(payload, v1.LogLineEvent):
            if payload.level.rstrip(":").upper() not in ERROR_LEVELS:
                return  # ordinary log chatter changes nothing here
        elif not isinstance(payload, v1.NotificationSentEvent):
            return  # a kind newer than this integration
        for listener in list(self._event_listeners):
            listener(event)
        if self.last_update_success:
            self.async_update_listeners()
        else:
            self.async_set_updated_data(data)


class AutoBangumiDownloadsCoordinator(DataUpdateCoordinator[DownloadsData]):
    """The daemon's torrents in the downloader, polled (speed and progress are not pushed)."""

    config_entry: AutoBangumiConfigEntry

    def __init__(self, hass: HomeAssistant, entry: AutoBangumiConfigEntry, client: AutoBangumiClient) -> None:
        super().__init__(
            hass, LOGGER, config_entry=entry, name=f"{DOMAIN}_downloads", update_interval=DOWNLOADS_INTERVAL
        )
        self.client = client

    async def _async_update_data(self) -> DownloadsData:
        try:
            torrents = await self.client.list_torrents()
        except NotSupported:
            return await self._reachability_only()
        except Unavailable as err:
            # The daemon is fine; its downloader is not. Sensors about torrents go unavailable.
            async_sync_downloader_auth_issue(self.hass, self.config_entry, err)
            return DownloadsData(torrents=None, reachable=False, error=str(err))
        except AuthFailed as err:
            raise _auth_failed(err) from err
        except AutoBangumiError as err:
            raise _update_failed(err) from err
        async_sync_downloader_auth_issue(self.hass, self.config_entry, None)
        return DownloadsData(torrents=torrents, reachable=True)

    async def _reachability_only(self) -> DownloadsData:
        """A daemon that cannot list torrents may still say whether its downloader answers."""
        try:
            reachable: bool | None = await self.client.check_downloader()
        except NotSupported:
            reachable = None
        except AuthFailed as err:
            raise _auth_failed(err) from err
        except AutoBangumiError as err:
            raise _update_failed(err) from err
        return DownloadsData(torrents=None, reachable=reachable)


@dataclass
class AutoBangumiRuntimeData:
    client: AutoBangumiClient
    coordinator: AutoBangumiCoordinator
    downloads: AutoBangumiDownloadsCoordinator


AutoBangumiConfigEntry = ConfigEntry[AutoBangumiRuntimeData]
