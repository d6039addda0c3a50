"""A large install for the page's scale tests and bench/web_scale.py: thousands of rules and one
feed with ten thousand decided items, written into a real, migrated database while no daemon runs
(the API has no bulk import, and adding 2,000 rules one request at a time would test the API, not
the page)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import create_engine
from sqlalchemy.orm import Session

from autobangumi_daemon.db.models import Bangumi, RssItem, Torrent

FEED_URL = "http://127.0.0.1:9/RSS/Scale"


def rule_title(i: int) -> str:
    return f"Scale Show {i:05d}"


def seed(db: Path, rules: int, items: int) -> tuple[int, int]:
    """Add `rules` rules and one feed with `items` items (every fifth one still waiting for a
    rule); the feed's id and its oldest item's id."""
    engine = create_engine(f"sqlite:///{db}")
    start = datetime(2026, 1, 1, tzinfo=UTC)
    with Session(engine) as s:
        feed = RssItem(name="Scale feed", url=FEED_URL, aggregate=False, parser="mikan", enabled=False)
        s.add(feed)
        s.flush()
        s.add_all(
            Bangumi(
                official_title=rule_title(i),
                title_raw=f"Scale Show {i:05d}",
                season=1 + i % 3,
                group_name="ScaleSubs",
                rss_link=FEED_URL,
                filter="720",
                needs_review=i % 97 == 0,
                archived=i % 50 == 0,
            )
            for i in range(rules)
        )
        torrents = [
            Torrent(
                rss_id=feed.id,
                name=f"[ScaleSubs] Scale Show {i % max(rules, 1):05d} - {1 + i % 24:02d} [1080p]",
                url=f"magnet:?xt=urn:btih:{i:040x}",
                downloaded=i % 5 != 0,
                status="downloaded" if i % 5 else "pending",
                reason="downloaded" if i % 5 else None,
                published_at=start + timedelta(minutes=i),
            )
            for i in range(items)
        ]
        s.add_all(torrents)
        s.commit()
        ids = (feed.id, torrents[0].id)
    engine.dispose()
    return ids
