"""Sensors: program state, rules, downloads, speed, renames today, last feed refresh, next airing."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Any

from homeassistant.components.sensor import (
    SensorDeviceClass,
    SensorEntity,
    SensorEntityDescription,
    SensorStateClass,
)
from homeassistant.const import EntityCategory, UnitOfDataRate
from homeassistant.core import HomeAssistant
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback
from homeassistant.util import dt as dt_util

from .const import PROGRAM_STATES
from .coordinator import AutoBangumiConfigEntry, AutoBangumiCoordinator, AutoBangumiDownloadsCoordinator
from .entity import AutoBangumiDownloadsEntity, AutoBangumiEntity
from .models import AutoBangumiData, DownloadsData

# Read-only: the coordinators fetch, entities only read.
PARALLEL_UPDATES = 0


class AutoBangumiSensor(StrEnum):
    PROGRAM_STATE = "program_state"
    RULES = "rules"
    RENAMED_TODAY = "renamed_today"
    LAST_FEED_REFRESH = "last_feed_refresh"
    NEXT_AIRING = "next_airing"
    ACTIVE_DOWNLOADS = "active_downloads"
    DOWNLOAD_SPEED = "download_speed"


def next_airing(data: AutoBangumiData, today: date | None = None) -> tuple[date, list[str]] | None:
    """The first day from today (local) on which an active rule airs, and the shows that day."""
    weekdays: dict[int, list[str]] = {}
    for rule in data.active_rules():
        if rule.air_weekday is not None and 0 <= rule.air_weekday <= 6:
            weekdays.setdefault(rule.air_weekday, []).append(rule.official_title)
    if not weekdays:
        return None
    start = today or dt_util.now().date()
    for offset in range(7):
        day = start + timedelta(days=offset)
        if day.weekday() in weekdays:
            return day, sorted(weekdays[day.weekday()])
    return None  # pragma: no cover - one of seven consecutive days has every weekday


@dataclass(frozen=True, kw_only=True)
class AutoBangumiSensorEntityDescription(SensorEntityDescription):
    value_fn: Callable[[AutoBangumiData], str | int | date | datetime | None]
    attrs_fn: Callable[[AutoBangumiData], dict[str, Any] | None] = lambda _: None


@dataclass(frozen=True, kw_only=True)
class AutoBangumiDownloadsSensorEntityDescription(SensorEntityDescription):
    value_fn: Callable[[DownloadsData], int]


SENSORS: tuple[AutoBangumiSensorEntityDescription, ...] = (
    AutoBangumiSensorEntityDescription(
        key=AutoBangumiSensor.PROGRAM_STATE,
        translation_key=AutoBangumiSensor.PROGRAM_STATE,
        device_class=SensorDeviceClass.ENUM,
        options=PROGRAM_STATES,
        value_fn=lambda data: data.state if data.state in PROGRAM_STATES else None,
    ),
    AutoBangumiSensorEntityDescription(
        key=AutoBangumiSensor.RULES,
        translation_key=AutoBangumiSensor.RULES,
        state_class=SensorStateClass.MEASUREMENT,
        value_fn=lambda data: len(data.active_rules()),
    ),
    AutoBangumiSensorEntityDescription(
        key=AutoBangumiSensor.RENAMED_TODAY,
        translation_key=AutoBangumiSensor.RENAMED_TODAY,
        # Resets at local midnight: a drop is a reset, as TOTAL_INCREASING expects.
        state_class=SensorStateClass.TOTAL_INCREASING,
        value_fn=lambda data: data.renamed_today(),
    ),
    AutoBangumiSensorEntityDescription(
        key=AutoBangumiSensor.LAST_FEED_REFRESH,
        translation_key=AutoBangumiSensor.LAST_FEED_REFRESH,
        device_class=SensorDeviceClass.TIMESTAMP,
        entity_category=EntityCategory.DIAGNOSTIC,
        value_fn=lambda data: data.last_feed_refresh,
    ),
    AutoBangumiSensorEntityDescription(
        key=AutoBangumiSensor.NEXT_AIRING,
        translation_key=AutoBangumiSensor.NEXT_AIRING,
        # The daemon knows the weekday a show airs, not the hour: a date, not a timestamp.
        device_class=SensorDeviceClass.DATE,
        value_fn=lambda data: nxt[0] if (nxt := next_airing(data)) else None,
        attrs_fn=lambda data: {"shows": nxt[1]} if (nxt := next_airing(data)) else None,
    ),
)

DOWNLOAD_SENSORS: tuple[AutoBangumiDownloadsSensorEntityDescription, ...] = (
    AutoBangumiDownloadsSensorEntityDescription(
        key=AutoBangumiSensor.ACTIVE_DOWNLOADS,
        translation_key=AutoBangumiSensor.ACTIVE_DOWNLOADS,
        state_class=SensorStateClass.MEASUREMENT,
        value_fn=lambda data: len(data.active()),
    ),
    AutoBangumiDownloadsSensorEntityDescription(
        key=AutoBangumiSensor.DOWNLOAD_SPEED,
        translation_key=AutoBangumiSensor.DOWNLOAD_SPEED,
        device_class=SensorDeviceClass.DATA_RATE,
        state_class=SensorStateClass.MEASUREMENT,
        native_unit_of_measurement=UnitOfDataRate.BYTES_PER_SECOND,
        suggested_unit_of_measurement=UnitOfDataRate.MEGABYTES_PER_SECOND,
        suggested_display_precision=2,
        value_fn=lambda data: data.speed(),
    ),
)


async def async_setup_entry(
    hass: HomeAssistant, entry: AutoBangumiConfigEntry, async_add_entities: AddConfigEntryEntitiesCallback
) -> None:
    runtime = entry.runtime_data
    entities: list[SensorEntity] = [AutoBangumiSensorEntity(runtime.coordinator, d) for d in SENSORS]
    entities.extend(
        AutoBangumiDownloadsSensorEntity(runtime.downloads, runtime.coordinator, d) for d in DOWNLOAD_SENSORS
    )
    async_add_entities(entities)


class AutoBangumiSensorEntity(AutoBangumiEntity, SensorEntity):
    entity_description: AutoBangumiSensorEntityDescription

    def __init__(
        self, coordinator: AutoBangumiCoordinator, description: AutoBangumiSensorEntityDescription
    ) -> None:
        super().__init__(coordinator, description.key)
        self.entity_description = description

    @property
    def native_value(self) -> str | int | date | datetime | None:
        return self.entity_description.value_fn(self.coordinator.data)

    @property
    def extra_state_attributes(self) -> dict[str, Any] | None:
        return self.entity_description.attrs_fn(self.coordinator.data)


class AutoBangumiDownloadsSensorEntity(AutoBangumiDownloadsEntity, SensorEntity):
    entity_description: AutoBangumiDownloadsSensorEntityDescription

    def __init__(
        self,
        coordinator: AutoBangumiDownloadsCoordinator,
        main: AutoBangumiCoordinator,
        description: AutoBangumiDownloadsSensorEntityDescription,
    ) -> None:
        super().__init__(coordinator, main, description.key)
        self.entity_description = description

    @property
    def available(self) -> bool:
        # No torrent list (downloader down, or a daemon that cannot list): unknown, not zero.
        return super().available and self.coordinator.data.torrents is not None

    @property
    def native_value(self) -> int:
        return self.entity_description.value_fn(self.coordinator.data)
