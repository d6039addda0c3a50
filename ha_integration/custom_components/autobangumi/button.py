"""Buttons: refresh feeds, run the renamer now, refresh the calendar and posters."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from enum import StrEnum

from homeassistant.components.button import ButtonEntity, ButtonEntityDescription
from homeassistant.core import HomeAssistant
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from .client import AutoBangumiClient
from .coordinator import AutoBangumiConfigEntry, AutoBangumiCoordinator
from .entity import AutoBangumiEntity
from .helpers import call_daemon

PARALLEL_UPDATES = 1


class AutoBangumiButton(StrEnum):
    REFRESH_FEEDS = "refresh_feeds"
    RUN_RENAME = "run_rename"
    REFRESH_CALENDAR = "refresh_calendar"
    REFRESH_POSTERS = "refresh_posters"


@dataclass(frozen=True, kw_only=True)
class AutoBangumiButtonEntityDescription(ButtonEntityDescription):
    press_fn: Callable[[AutoBangumiClient], Awaitable[str]]


BUTTONS: tuple[AutoBangumiButtonEntityDescription, ...] = (
    AutoBangumiButtonEntityDescription(
        key=AutoBangumiButton.REFRESH_FEEDS,
        translation_key=AutoBangumiButton.REFRESH_FEEDS,
        press_fn=lambda client: client.refresh_feeds(),
    ),
    AutoBangumiButtonEntityDescription(
        key=AutoBangumiButton.RUN_RENAME,
        translation_key=AutoBangumiButton.RUN_RENAME,
        press_fn=lambda client: client.run_rename(),
    ),
    AutoBangumiButtonEntityDescription(
        key=AutoBangumiButton.REFRESH_CALENDAR,
        translation_key=AutoBangumiButton.REFRESH_CALENDAR,
        entity_registry_enabled_default=False,
        press_fn=lambda client: client.refresh_calendar(),
    ),
    AutoBangumiButtonEntityDescription(
        key=AutoBangumiButton.REFRESH_POSTERS,
        translation_key=AutoBangumiButton.REFRESH_POSTERS,
        entity_registry_enabled_default=False,
        press_fn=lambda client: client.refresh_posters(),
    ),
)


async def async_setup_entry(
    hass: HomeAssistant, entry: AutoBangumiConfigEntry, async_add_entities: AddConfigEntryEntitiesCallback
) -> None:
    coordinator = entry.runtime_data.coordinator
    async_add_entities(AutoBangumiButtonEntity(coordinator, description) for description in BUTTONS)


class AutoBangumiButtonEntity(AutoBangumiEntity, ButtonEntity):
    entity_description: AutoBangumiButtonEntityDescription

    def __init__(
        self, coordinator: AutoBangumiCoordinator, description: AutoBangumiButtonEntityDescription
    ) -> None:
        super().__init__(coordinator, description.key)
        self.entity_description = description

    async def async_press(self) -> None:
        await call_daemon(
            self.hass,
            self.coordinator.config_entry,
            self.entity_description.press_fn(self.coordinator.client),
        )
        # Rules (air weekdays, posters) are not on the event stream: fetch them again.
        await self.coordinator.async_refresh()
