"""The integration's view of a daemon: typed data the coordinators hold, and plain-dict views.

The dict views are the stable shape of the `get_rules` / `get_torrents` action responses and of
diagnostics: snake_case keys chosen here, not the wire names, so the protocol can grow freely.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from homeassistant.util import dt as dt_util

from ._proto.autobangumi import v1
from .const import INACTIVE_STATES


@dataclass(kw_only=True)
class AutoBangumiData:
    """What the main coordinator knows; events update it in place between polls."""

    instance: v1.InstanceInfo
    state: str
    rules: dict[int, v1.Bangumi]
    feeds: dict[int, v1.RssItem]
    last_feed_refresh: datetime | None = None
    renamed_day: date | None = None
    renamed_count: int = 0

    def renamed_today(self) -> int:
        return self.renamed_count if self.renamed_day == dt_util.now().date() else 0

    def count_renamed(self) -> None:
        today = dt_util.now().date()
        if self.renamed_day != today:
            self.renamed_day, self.renamed_count = today, 0
        self.renamed_count += 1

    def active_rules(self) -> list[v1.Bangumi]:
        """Rules that still download: not disabled ("deleted" in AutoBangumi) and not archived."""
        return [r for r in self.rules.values() if not r.deleted and not r.archived]

    def failing_feeds(self) -> list[v1.RssItem]:
        return [
            f for f in self.feeds.values() if f.enabled and (f.last_error or f.connection_status == "error")
        ]


@dataclass(kw_only=True)
class DownloadsData:
    """The downloader as the daemon sees it. `torrents` is None when it cannot list them."""

    torrents: list[v1.DownloaderTorrent] | None
    reachable: bool | None
    error: str | None = None

    def active(self) -> list[v1.DownloaderTorrent]:
        return [t for t in self.torrents or [] if t.progress < 1 and t.state not in INACTIVE_STATES]

    def speed(self) -> int:
        return sum(t.dlspeed for t in self.torrents or [])


def parse_time(value: str | None) -> datetime | None:
    """An ISO-8601 time from the daemon (events, feeds), as an aware UTC datetime."""
    if not value:
        return None
    parsed = dt_util.parse_datetime(value)
    if parsed is None:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=dt_util.UTC)
    return dt_util.as_utc(parsed)


def rule_view(rule: v1.Bangumi) -> dict[str, Any]:
    return {
        "id": rule.id,
        "title": rule.official_title,
        "title_raw": rule.title_raw,
        "year": rule.year,
        "season": rule.season,
        "group": rule.group_name,
        "resolution": rule.dpi,
        "subtitle": rule.subtitle,
        "enabled": not rule.deleted,
        "archived": rule.archived,
        "air_weekday": rule.air_weekday,
        "episode_offset": rule.episode_offset,
        "season_offset": rule.season_offset,
        "filter": rule.filter,
        "save_path": rule.save_path,
        "poster": rule.poster_link,
        "needs_review": rule.needs_review,
    }


def torrent_view(torrent: v1.DownloaderTorrent) -> dict[str, Any]:
    return {
        "hash": torrent.hash,
        "name": torrent.name,
        "state": torrent.state,
        "progress": round(torrent.progress, 4),
        "size": torrent.size,
        "download_speed": torrent.dlspeed,
        "upload_speed": torrent.upspeed,
        "eta": torrent.eta,
        "category": torrent.category,
        "save_path": torrent.save_path,
        "added_on": torrent.added_on,
        "completed_on": torrent.completion_on,
    }


def feed_view(feed: v1.RssItem) -> dict[str, Any]:
    return {
        "id": feed.id,
        "name": feed.name,
        "url": feed.url,
        "aggregate": feed.aggregate,
        "parser": feed.parser,
        "enabled": feed.enabled,
        "connection_status": feed.connection_status,
        "last_checked_at": feed.last_checked_at,
        "last_error": feed.last_error,
    }
