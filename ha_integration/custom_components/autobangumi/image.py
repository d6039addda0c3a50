"""Posters: one image entity per rule that has one, on the rule's device."""

from __future__ import annotations

from homeassistant.components.image import ImageEntity
from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback
from homeassistant.util import dt as dt_util

from .client import AutoBangumiError
from .const import LOGGER
from .coordinator import AutoBangumiConfigEntry, AutoBangumiCoordinator
from .entity import AutoBangumiRuleEntity

PARALLEL_UPDATES = 0


def poster_path(link: str | None) -> str | None:
    """The daemon's cached poster (`posters/<file>`) as a path for GetPoster."""
    if not link or link.startswith(("http://", "https://")):
        return None
    path = link.lstrip("/")
    return path.removeprefix("posters/") or None


async def async_setup_entry(
    hass: HomeAssistant, entry: AutoBangumiConfigEntry, async_add_entities: AddConfigEntryEntitiesCallback
) -> None:
    coordinator = entry.runtime_data.coordinator
    known: set[int] = set()

    @callback
    def add_new_posters() -> None:
        current = {rid for rid, rule in coordinator.data.rules.items() if rule.poster_link}
        known.intersection_update(set(coordinator.data.rules))
        new = sorted(current - known)
        if new:
            known.update(new)
            async_add_entities(PosterImage(hass, coordinator, rule_id) for rule_id in new)

    add_new_posters()
    entry.async_on_unload(coordinator.async_add_listener(add_new_posters))


class PosterImage(AutoBangumiRuleEntity, ImageEntity):
    _attr_translation_key = "poster"

    def __init__(self, hass: HomeAssistant, coordinator: AutoBangumiCoordinator, rule_id: int) -> None:
        AutoBangumiRuleEntity.__init__(self, coordinator, rule_id, "poster")
        ImageEntity.__init__(self, hass)
        self._link: str | None = None
        self._follow_link()

    def _follow_link(self) -> None:
        rule = self.rule
        link = rule.poster_link if rule is not None else None
        if link == self._link:
            return
        self._link = link
        self._cached_image = None
        # A remote poster is fetched by Home Assistant itself; a cached one comes from the daemon.
        self._attr_image_url = link if link and poster_path(link) is None else None
        self._attr_image_last_updated = dt_util.utcnow()

    @callback
    def _handle_coordinator_update(self) -> None:
        self._follow_link()
        super()._handle_coordinator_update()

    async def async_image(self) -> bytes | None:
        path = poster_path(self._link)
        if path is None:
            return await super().async_image()
        try:
            content, content_type = await self.coordinator.client.get_poster(path)
        except AutoBangumiError as err:
            LOGGER.debug("Poster %s unavailable: %s", path, err)
            return None
        self._attr_content_type = content_type
        return content
