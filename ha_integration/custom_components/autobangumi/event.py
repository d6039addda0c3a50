"""Event entities fed by the daemon's live stream: episodes and problems.

* episode: `download_started` (a torrent was sent to the downloader) and `renamed` (the
  finished episode was renamed into the library: AutoBangumi's "downloaded").
* problem: `feed_failed`, `notification_failed` and `error_logged` (an error in the daemon's log).
"""

from __future__ import annotations

from typing import Any

from betterproto2 import which_one_of
from homeassistant.components.event import EventEntity, EventEntityDescription
from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from ._proto.autobangumi import v1
from .coordinator import AutoBangumiConfigEntry, AutoBangumiCoordinator
from .entity import AutoBangumiEntity

PARALLEL_UPDATES = 0

EPISODE = EventEntityDescription(
    key="episode", translation_key="episode", event_types=["download_started", "renamed"]
)
PROBLEM = EventEntityDescription(
    key="problem",
    translation_key="problem",
    event_types=["feed_failed", "notification_failed", "error_logged"],
)


def episode_event(event: v1.Event) -> tuple[str, dict[str, Any]] | None:
    _, payload = which_one_of(event, "payload")
    if isinstance(payload, v1.TorrentAddedEvent):
        return "download_started", {
            "rule_id": payload.bangumi_id,
            "name": payload.name,
            "save_path": payload.save_path,
        }
    if isinstance(payload, v1.FileRenamedEvent):
        return "renamed", {
            "rule_id": payload.bangumi_id,
            "title": payload.official_title,
            "season": payload.season,
            "episode": payload.episode,
            "path": payload.new_path,
        }
    return None


def problem_event(event: v1.Event) -> tuple[str, dict[str, Any]] | None:
    _, payload = which_one_of(event, "payload")
    if isinstance(payload, v1.FeedRefreshedEvent):
        if payload.last_error or payload.connection_status == "error":
            return "feed_failed", {
                "feed_id": payload.rss_id,
                "feed": payload.name,
                "error": payload.last_error,
            }
    elif isinstance(payload, v1.NotificationSentEvent):
        if not payload.success:
            return "notification_failed", {"provider": payload.provider, "title": payload.title}
    elif isinstance(payload, v1.LogLineEvent):
        # The coordinator forwards only error-level lines.
        return "error_logged", {"message": payload.message}
    return None


async def async_setup_entry(
    hass: HomeAssistant, entry: AutoBangumiConfigEntry, async_add_entities: AddConfigEntryEntitiesCallback
) -> None:
    coordinator = entry.runtime_data.coordinator
    async_add_entities([DaemonEvent(coordinator, EPISODE), DaemonEvent(coordinator, PROBLEM)])


class DaemonEvent(AutoBangumiEntity, EventEntity):
    """Fires for this entry's stream only (never a global signal shared by all daemons)."""

    def __init__(self, coordinator: AutoBangumiCoordinator, description: EventEntityDescription) -> None:
        super().__init__(coordinator, description.key)
        self.entity_description = description
        self._convert = episode_event if description.key == EPISODE.key else problem_event

    @property
    def available(self) -> bool:
        # Without the stream no event can arrive: say so rather than look quiet.
        return super().available and self.coordinator.connected

    async def async_added_to_hass(self) -> None:
        await super().async_added_to_hass()
        self.async_on_remove(self.coordinator.async_add_event_listener(self._on_event))

    @callback
    def _on_event(self, event: v1.Event) -> None:
        if (converted := self._convert(event)) is None:
            return
        event_type, attributes = converted
        self._trigger_event(event_type, attributes)
        self.async_write_ha_state()
