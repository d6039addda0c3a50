"""Binary sensors: stream connected, downloader reachable, feed errors."""

from __future__ import annotations

from typing import Any

from homeassistant.components.binary_sensor import (
    BinarySensorDeviceClass,
    BinarySensorEntity,
    BinarySensorEntityDescription,
)
from homeassistant.const import EntityCategory
from homeassistant.core import HomeAssistant
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from .coordinator import AutoBangumiConfigEntry, AutoBangumiCoordinator, AutoBangumiDownloadsCoordinator
from .entity import AutoBangumiDownloadsEntity, AutoBangumiEntity

PARALLEL_UPDATES = 0

CONNECTED = BinarySensorEntityDescription(
    key="connected",
    translation_key="connected",
    device_class=BinarySensorDeviceClass.CONNECTIVITY,
    entity_category=EntityCategory.DIAGNOSTIC,
)
DOWNLOADER = BinarySensorEntityDescription(
    key="downloader_reachable",
    translation_key="downloader_reachable",
    device_class=BinarySensorDeviceClass.CONNECTIVITY,
)
FEED_ERRORS = BinarySensorEntityDescription(
    key="feed_errors",
    translation_key="feed_errors",
    device_class=BinarySensorDeviceClass.PROBLEM,
)


async def async_setup_entry(
    hass: HomeAssistant, entry: AutoBangumiConfigEntry, async_add_entities: AddConfigEntryEntitiesCallback
) -> None:
    runtime = entry.runtime_data
    async_add_entities(
        [
            ConnectedBinarySensor(runtime.coordinator, CONNECTED),
            DownloaderBinarySensor(runtime.downloads, runtime.coordinator, DOWNLOADER),
            FeedErrorsBinarySensor(runtime.coordinator, FEED_ERRORS),
        ]
    )


class ConnectedBinarySensor(AutoBangumiEntity, BinarySensorEntity):
    """Whether the live event stream is up. Always available: "off" is the useful answer."""

    def __init__(
        self, coordinator: AutoBangumiCoordinator, description: BinarySensorEntityDescription
    ) -> None:
        super().__init__(coordinator, description.key)
        self.entity_description = description

    @property
    def available(self) -> bool:
        return True

    @property
    def is_on(self) -> bool:
        return self.coordinator.connected


class DownloaderBinarySensor(AutoBangumiDownloadsEntity, BinarySensorEntity):
    """Whether the daemon can talk to its BitTorrent client."""

    def __init__(
        self,
        coordinator: AutoBangumiDownloadsCoordinator,
        main: AutoBangumiCoordinator,
        description: BinarySensorEntityDescription,
    ) -> None:
        super().__init__(coordinator, main, description.key)
        self.entity_description = description

    @property
    def available(self) -> bool:
        return super().available and self.coordinator.data.reachable is not None

    @property
    def is_on(self) -> bool:
        return bool(self.coordinator.data.reachable)

    @property
    def extra_state_attributes(self) -> dict[str, Any] | None:
        return {"error": self.coordinator.data.error} if self.coordinator.data.error else None


class FeedErrorsBinarySensor(AutoBangumiEntity, BinarySensorEntity):
    """On while any enabled feed failed its last check."""

    def __init__(
        self, coordinator: AutoBangumiCoordinator, description: BinarySensorEntityDescription
    ) -> None:
        super().__init__(coordinator, description.key)
        self.entity_description = description

    @property
    def is_on(self) -> bool:
        return bool(self.coordinator.data.failing_feeds())

    @property
    def extra_state_attributes(self) -> dict[str, Any]:
        return {"feeds": sorted(f.name or f"#{f.id}" for f in self.coordinator.data.failing_feeds())}
