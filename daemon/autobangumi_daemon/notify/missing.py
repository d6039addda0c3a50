"""Missing-episode alerts: each late episode of a weekly show told once, on the event stream
and as a notification. Lateness itself is decided in core.missing_episodes."""

from __future__ import annotations

import logging
import re
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import func, select, update

from autobangumi.v1 import program_pb2
from autobangumi_daemon.context import AppContext
from autobangumi_daemon.core.missing_episodes import Late, Show, late_shows
from autobangumi_daemon.core.states import ItemState
from autobangumi_daemon.db.models import Bangumi, Torrent

__all__ = ["CALENDAR_TZ", "tell_late_episodes"]

log = logging.getLogger(__name__)

# Bangumi.tv's calendar gives weekdays in Beijing time; a day is counted there.
CALENDAR_TZ = ZoneInfo("Asia/Shanghai")
_EPISODE = re.compile(r"^S(\d+)E(\d+(?:\.\d+)?)$")


async def tell_late_episodes(ctx: AppContext, now: datetime | None = None) -> list[Late]:
    """Find the late episodes, publish and notify each not told before, and remember them."""
    now = now or datetime.now(UTC)
    async with ctx.db() as s:
        rules = list(
            (
                await s.scalars(
                    select(Bangumi).where(
                        Bangumi.deleted.is_(False),
                        Bangumi.archived.is_(False),
                        Bangumi.air_weekday.is_not(None),
                    )
                )
            ).all()
        )
        ids = [r.id for r in rules]
        when = func.coalesce(Torrent.published_at, Torrent.downloaded_at)
        # Each rule's downloaded episodes with their times; the newest episode number wins.
        rows = (
            await s.execute(
                select(Torrent.bangumi_id, Torrent.episode_key, func.max(when))
                .where(
                    Torrent.bangumi_id.in_(ids),
                    Torrent.status == ItemState.DOWNLOADED,
                    Torrent.episode_key.is_not(None),
                )
                .group_by(Torrent.bangumi_id, Torrent.episode_key)
            )
        ).all()
    newest: dict[int, tuple[int, float, datetime]] = {}
    for rule_id, key, at in rows:
        m = _EPISODE.match(key or "")
        if rule_id is None or m is None or at is None:
            continue
        season, ep = int(m.group(1)), float(m.group(2))
        at = at if at.tzinfo else at.replace(tzinfo=UTC)  # SQLite gives naive UTC times back
        if rule_id not in newest or (season, ep) > newest[rule_id][:2]:
            newest[rule_id] = (season, ep, at)
    shows = []
    for r in rules:
        if r.id not in newest:
            continue
        season, ep, at = newest[r.id]
        shows.append(Show(r.id, r.official_title, r.air_weekday, season, ep, at, r.late_told))
    late = late_shows(shows, now, CALENDAR_TZ)
    by_id = {r.id: r for r in rules}
    for item in late:
        log.info("%s: %s is %d days late", item.title, item.episode_key, item.days_late)
        async with ctx.db.begin() as s:
            await s.execute(
                update(Bangumi).where(Bangumi.id == item.rule_id).values(late_told=item.episode_key)
            )
        ctx.bus.publish(
            program_pb2.MissingEpisodeEvent(
                bangumi_id=item.rule_id,
                official_title=item.title,
                episode_key=item.episode_key,
                due=item.due.isoformat(),
                days_late=item.days_late,
            )
        )
        await ctx.notifier.missing_episode(
            official_title=item.title,
            episode_key=item.episode_key,
            due=item.due.isoformat(),
            days_late=item.days_late,
            poster_link=by_id[item.rule_id].poster_link,
        )
    return late
