"""Which weekly shows are late (core.missing_episodes): due days, the grace, the stale limit,
told once, and the calendar's time zone."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from autobangumi_daemon.core.missing_episodes import GRACE_DAYS, STALE_DAYS, Late, Show, late_shows, next_due

SH = ZoneInfo("Asia/Shanghai")
# Episode 5 of a Saturday show, published Saturday 2026-11-21 at 23:30 in Beijing.
EP5 = datetime(2026, 11, 21, 15, 30, tzinfo=UTC)
SAT = 5


def show(**kw: object) -> Show:
    base = {
        "rule_id": 1, "title": "葬送的芙莉莲", "air_weekday": SAT, "season": 1,
        "last_episode": 5.0, "last_published": EP5, "told": None,
    }  # fmt: skip
    base.update(kw)
    return Show(**base)  # type: ignore[arg-type]


def at(day: date, hour: int = 12) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=SH)


@pytest.mark.parametrize(
    ("last", "weekday", "due"),
    [
        (date(2026, 11, 21), SAT, date(2026, 11, 28)),  # on its day: a week later
        (date(2026, 11, 22), SAT, date(2026, 11, 28)),  # a day late: still the next Saturday
        (date(2026, 11, 20), SAT, date(2026, 11, 21)),  # a day early: the next day
        (date(2026, 11, 23), 0, date(2026, 11, 30)),  # Monday
        (date(2026, 11, 29), 6, date(2026, 12, 6)),  # Sunday
    ],
)
def test_next_due(last: date, weekday: int, due: date) -> None:
    assert next_due(last, weekday) == due


def test_late_after_the_grace_only() -> None:
    due = date(2026, 11, 28)
    assert late_shows([show()], at(due), SH) == []
    assert late_shows([show()], at(due + timedelta(days=GRACE_DAYS - 1)), SH) == []
    late = late_shows([show()], at(due + timedelta(days=GRACE_DAYS)), SH)
    assert late == [Late(1, "葬送的芙莉莲", "S01E06", due, GRACE_DAYS)]
    assert late_shows([show()], at(due + timedelta(days=3)), SH, grace_days=4) == []


def test_told_once() -> None:
    now = at(date(2026, 12, 1))
    assert late_shows([show(told="S01E06")], now, SH) == []
    # An earlier episode told late does not hide the next one.
    assert [x.episode_key for x in late_shows([show(told="S01E05")], now, SH)] == ["S01E06"]


def test_a_show_long_silent_is_ended_not_late() -> None:
    due = date(2026, 11, 28)
    assert late_shows([show()], at(due + timedelta(days=STALE_DAYS)), SH)[0].days_late == STALE_DAYS
    assert late_shows([show()], at(due + timedelta(days=STALE_DAYS + 1)), SH) == []


def test_days_are_counted_in_the_calendars_time_zone() -> None:
    # Friday 20:00 UTC is Saturday 04:00 in Beijing: the episode came on its day there.
    published = datetime(2026, 11, 20, 20, 0, tzinfo=UTC)
    late = late_shows([show(last_published=published)], at(date(2026, 11, 30)), SH)
    assert [(x.due, x.days_late) for x in late] == [(date(2026, 11, 28), 2)]
    # Counted in UTC instead, it was a Friday release, due the next day: long late by now.
    assert late_shows([show(last_published=published)], datetime(2026, 11, 30, tzinfo=UTC), UTC)[
        0
    ].due == date(2026, 11, 21)


@pytest.mark.parametrize(
    "kw",
    [
        {"air_weekday": None},  # no weekday known: nothing to wait for
        {"air_weekday": 9},
        {"last_episode": None},
        {"last_published": None},
        {"last_episode": 5.5},  # a special: no next number
    ],
)
def test_nothing_to_wait_for(kw: dict[str, object]) -> None:
    assert late_shows([show(**kw)], at(date(2026, 12, 1)), SH) == []


def test_season_and_several_shows() -> None:
    shows = [
        show(rule_id=1, season=2, last_episode=11.0),
        show(
            rule_id=2,
            title="末日后酒店",
            air_weekday=1,
            last_published=datetime(2026, 11, 24, 14, tzinfo=UTC),
        ),
        show(rule_id=3, title="arrived", last_published=datetime(2026, 11, 28, 15, tzinfo=UTC)),
    ]
    late = late_shows(shows, at(date(2026, 12, 3)), SH)  # a Thursday
    assert [(x.rule_id, x.episode_key, x.due, x.days_late) for x in late] == [
        (1, "S02E12", date(2026, 11, 28), 5),
        (2, "S01E06", date(2026, 12, 1), 2),
    ]
