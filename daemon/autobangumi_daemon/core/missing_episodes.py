"""Which weekly shows are late: their next episode has not come some days after its weekday.

A show airs on its rule's weekday (from Bangumi.tv's calendar, core.weekdays). After its newest
episode was published, the next is due on the next such weekday; when that day plus a grace of
some days has passed with nothing newer, the show is late. Each late episode is told once: the
episode told last is remembered per rule, and a show late for more than `STALE_DAYS` is taken
as ended or on a break, not as late (so the first check after an upgrade does not call every
finished show late).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo

from autobangumi_daemon.core.preference import episode_key

__all__ = ["GRACE_DAYS", "STALE_DAYS", "Late", "Show", "late_shows"]

GRACE_DAYS = 2
STALE_DAYS = 14


@dataclass(frozen=True, slots=True)
class Show:
    rule_id: int
    title: str
    air_weekday: int | None  # 0 = Monday .. 6 = Sunday
    season: int
    last_episode: float | None  # the newest episode downloaded
    last_published: datetime | None  # when that episode was published (or downloaded)
    told: str | None = None  # the episode key already told late


@dataclass(frozen=True, slots=True)
class Late:
    rule_id: int
    title: str
    episode_key: str  # the episode waited for, e.g. "S01E06"
    due: date  # the weekday it was due on
    days_late: int


def next_due(last: date, weekday: int) -> date:
    """The first `weekday` after `last` (a week later when `last` is that weekday)."""
    return last + timedelta(days=(weekday - last.weekday()) % 7 or 7)


def late_shows(shows: Iterable[Show], now: datetime, tz: tzinfo, grace_days: int = GRACE_DAYS) -> list[Late]:
    """The shows whose next episode is late at `now`, in the calendar's time zone `tz`."""
    today = now.astimezone(tz).date()
    out: list[Late] = []
    for s in shows:
        if s.air_weekday is None or s.last_episode is None or s.last_published is None:
            continue
        if not 0 <= s.air_weekday <= 6 or not float(s.last_episode).is_integer():
            continue  # no weekday known, or a .5 special: no next number to wait for
        due = next_due(s.last_published.astimezone(tz).date(), s.air_weekday)
        late = (today - due).days
        if late < grace_days or late > STALE_DAYS:
            continue
        key = episode_key(s.season, int(s.last_episode) + 1)
        if key is None or key == s.told:
            continue
        out.append(Late(s.rule_id, s.title, key, due, late))
    return out
