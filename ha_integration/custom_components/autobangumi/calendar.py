"""A calendar of airing episodes, from the weekday each active rule airs on.

The daemon knows the weekday a show airs (from the calendar data or the user), not the hour,
so each airing is an all-day event on that weekday in Home Assistant's time zone. All-day
events use plain dates, never datetimes, so no time zone shifts them to the day before.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from homeassistant.components.calendar import CalendarEntity, CalendarEvent
from homeassistant.core import HomeAssistant
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback
from homeassistant.util import dt as dt_util

from ._proto.autobangumi import v1
from .coordinator import AutoBangumiConfigEntry, AutoBangumiCoordinator
from .entity import AutoBangumiEntity

PARALLEL_UPDATES = 0

# A client asking for years of events gets at most this many days.
MAX_DAYS = 400


async def async_setup_entry(
    hass: HomeAssistant, entry: AutoBangumiConfigEntry, async_add_entities: AddConfigEntryEntitiesCallback
) -> None:
    async_add_entities([AiringCalendar(entry.runtime_data.coordinator)])


def _describe(rule: v1.Bangumi) -> str:
    parts = [f"S{rule.season:02d}"]
    parts.extend(p for p in (rule.group_name, rule.dpi, rule.subtitle) if p)
    return " · ".join(parts)


class AiringCalendar(AutoBangumiEntity, CalendarEntity):
    _attr_translation_key = "airing"

    def __init__(self, coordinator: AutoBangumiCoordinator) -> None:
        super().__init__(coordinator, "airing")

    @property
    def event(self) -> CalendarEvent | None:
        """Today's first airing, or else the next one within a week."""
        today = dt_util.now().date()
        events = self._events(today, today + timedelta(days=6))
        return events[0] if events else None

    async def async_get_events(
        self, hass: HomeAssistant, start_date: datetime, end_date: datetime
    ) -> list[CalendarEvent]:
        first = dt_util.as_local(start_date).date()
        end = dt_util.as_local(end_date)
        # An all-day event covers [day 00:00, next day 00:00): it overlaps a range ending at
        # midnight only if its day starts before that midnight.
        last = end.date() - timedelta(days=1) if end.time() == time(0) else end.date()
        return self._events(first, min(last, first + timedelta(days=MAX_DAYS)))

    def _events(self, first: date, last: date) -> list[CalendarEvent]:
        by_weekday: dict[int, list[v1.Bangumi]] = {}
        for rule in self.coordinator.data.active_rules():
            if rule.air_weekday is not None and 0 <= rule.air_weekday <= 6:
                by_weekday.setdefault(rule.air_weekday, []).append(rule)
        events: list[CalendarEvent] = []
        day = first
        while day <= last:
            for rule in sorted(by_weekday.get(day.weekday(), []), key=lambda r: r.official_title):
                events.append(
                    CalendarEvent(
                        start=day,
                        end=day + timedelta(days=1),
                        summary=rule.official_title,
                        description=_describe(rule),
                        uid=f"{rule.id}-{day.isoformat()}",
                    )
                )
            day += timedelta(days=1)
        return events
