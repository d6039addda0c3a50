"""Calendar sync: each rule's airing weekday from Bangumi.tv, respecting locked weekdays."""

from __future__ import annotations

import logging
from typing import Any

from sqlalchemy import select

from autobangumi_daemon.adapters.bgm import CalendarError, fetch_calendar
from autobangumi_daemon.config import ConfigStore
from autobangumi_daemon.core.weekdays import RuleTitles, match_weekdays
from autobangumi_daemon.db.models import Bangumi
from autobangumi_daemon.errors import internal

__all__ = ["refresh_calendar"]

log = logging.getLogger(__name__)


def _titles(rule: Bangumi) -> list[str]:
    return [rule.official_title, rule.title_raw, *rule.aliases()]


def proxy_url(config: ConfigStore) -> str | None:
    p = config.config.proxy
    if not p.enable or not p.host or "http" not in p.type:
        return None  # SOCKS needs a connector; the calendar then goes direct
    auth = f"{p.username}:{p.password}@" if p.username else ""
    return f"http://{auth}{p.host}:{p.port}"


async def refresh_calendar(config: ConfigStore, db: Any) -> int:
    """Set air_weekday on every unlocked rule found in the calendar; returns how many changed."""
    base = config.config.network.bgm_base_url if config.config.HasField("network") else ""
    try:
        entries = await fetch_calendar(base, proxy=proxy_url(config))
    except CalendarError as exc:
        log.warning("Calendar refresh failed: %s", exc)
        raise internal(
            "Failed to fetch calendar data from Bangumi.tv.", "从 Bangumi.tv 获取放送日历失败。"
        ) from None
    async with db.begin() as s:
        rules = list((await s.scalars(select(Bangumi).where(Bangumi.weekday_locked.is_(False)))).all())
        found = match_weekdays(
            (RuleTitles(r.id, _titles(r)) for r in rules), (((e.name, e.name_cn), e.weekday) for e in entries)
        )
        changed = 0
        for rule in rules:
            weekday = found.get(rule.id)
            if weekday is not None and rule.air_weekday != weekday:
                rule.air_weekday = weekday
                changed += 1
    log.info("Calendar refreshed: %d rule(s) updated from %d calendar entries.", changed, len(entries))
    return changed
