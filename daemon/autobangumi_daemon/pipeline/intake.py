"""Feed intake: fetch the feeds, store the items never seen before as pending, and record each
feed's health.

Hosts are fetched in parallel, the feeds of one host one after another with a pause (Mikan
answers 429 when hammered). A feed that fails is recorded on its row (`connection_status`,
`last_error`) and the others go on. Items are stored by URL and by info-hash across feeds and
restarts, with the URLs their feed gave: the Mikan mirror is applied when something is fetched,
so changing the mirror helps every item still pending.
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
import os
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy import insert, select, update

from autobangumi_daemon.adapters.feeds import FeedError, FeedItem, ParsedFeed
from autobangumi_daemon.adapters.http import Fetcher, FetchError, HttpResponse
from autobangumi_daemon.adapters.mikan import MIKAN_HOSTS
from autobangumi_daemon.core.states import FeedHealth, ItemState
from autobangumi_daemon.db.models import RssItem, Torrent
from autobangumi_daemon.pipeline.progress import RefreshReport
from autobangumi_daemon.pipeline.shared import CHUNK, PipelineShared
from autobangumi_daemon.upstreams import FeedLimits
from autobangumi_daemon.upstreams.metadata import HostFailure, Outage

__all__ = ["FeedIntake", "FeedResult"]

log = logging.getLogger(__name__)

FEED_HOSTS_IN_PARALLEL = 5


def _now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _cut_note(kept: int, skipped: int, setting: str) -> str:
    return (
        f"Only the first {kept} item(s) were read; {skipped} more were skipped ({setting}). / "
        f"仅读取了前 {kept} 个条目，另有 {skipped} 个被跳过（{setting}）。"
    )


@dataclass
class FeedResult:
    feed: RssItem
    parsed: ParsedFeed | None = None
    response: HttpResponse | None = None
    error: str | None = None
    new_items: int = 0
    metadata_failure: HostFailure | None = None  # set: the feed is degraded
    note: str | None = None  # items were cut by the limits: shown as the feed's last error

    @property
    def status(self) -> FeedHealth:
        if self.error:
            return FeedHealth.ERROR
        return FeedHealth.DEGRADED if self.metadata_failure is not None else FeedHealth.HEALTHY

    @property
    def last_error(self) -> str | None:
        if self.error:
            return self.error
        if self.metadata_failure is not None:
            en, zh = self.metadata_failure.describe()
            return f"{en} / {zh}"
        return self.note


class FeedIntake:
    def __init__(self, shared: PipelineShared) -> None:
        self.shared = shared
        self._mirror: str | None = None  # the Mikan base the failed rows were last tried with

    # -- fetching ----------------------------------------------------------------------
    async def fetch_all(self, f: Fetcher, feeds: Sequence[RssItem]) -> list[FeedResult]:
        results = [FeedResult(feed) for feed in feeds]
        by_host: dict[str, list[FeedResult]] = defaultdict(list)
        for r in results:
            by_host[urlsplit(self.shared.upstreams.feed_url(r.feed.url)).netloc.lower()].append(r)
        gap = float(os.environ.get("AB_FEED_HOST_GAP", "") or 1.0)
        hosts = asyncio.Semaphore(FEED_HOSTS_IN_PARALLEL)

        fetched = 0

        async def one_host(items: list[FeedResult]) -> None:
            nonlocal fetched
            async with hosts:
                for i, r in enumerate(items):
                    if i and gap > 0:
                        await asyncio.sleep(gap)  # a pause between feeds of one host
                    try:
                        r.parsed, r.response = await self.shared.upstreams.fetch_feed(
                            f, r.feed.url, conditional=True
                        )
                        if r.parsed is not None and r.parsed.skipped:
                            r.note = _cut_note(len(r.parsed.items), r.parsed.skipped, "AB_FEED_MAX_ITEMS")
                    except (FetchError, FeedError) as exc:
                        r.error = exc.bilingual
                        log.warning("Feed %s (%s) failed: %s", r.feed.name or r.feed.id, r.feed.url, exc)
                    except Exception:  # one feed's surprise must not stop the others
                        r.error = "The feed could not be read; see the log. / 无法读取该订阅，详见日志。"
                        log.exception("Feed %s failed", r.feed.url)
                    fetched += 1
                    self.shared.tick("fetch", fetched, len(results))

        await asyncio.gather(*(one_host(v) for v in by_host.values()))
        self._cap_refresh(results, FeedLimits.from_env().max_refresh_items)
        return results

    @staticmethod
    def _cap_refresh(results: Sequence[FeedResult], budget: int) -> None:
        """At most `budget` items per refresh, in feed order; the feeds cut say so."""
        for r in results:
            if r.parsed is None:
                continue
            kept = r.parsed.items[: max(0, budget)]
            cut = len(r.parsed.items) - len(kept)
            budget -= len(kept)
            if cut:
                skipped = r.parsed.skipped + cut
                r.parsed = dataclasses.replace(r.parsed, items=kept, skipped=skipped)
                r.note = _cut_note(len(kept), skipped, "AB_REFRESH_MAX_ITEMS")
                log.warning(
                    "Refresh item limit reached: feed %s kept %d item(s), skipped %d (AB_REFRESH_MAX_ITEMS).",
                    r.feed.url,
                    len(kept),
                    skipped,
                )

    # -- storing new items -------------------------------------------------------------
    async def _known(self, urls: Iterable[str], hashes: Iterable[str]) -> tuple[set[str], set[str]]:
        url_list, hash_list = list(set(urls)), list(set(hashes))
        seen_urls: set[str] = set()
        seen_hashes: set[str] = set()
        async with self.shared.ctx.db() as s:
            for i in range(0, len(url_list), CHUNK):
                chunk = url_list[i : i + CHUNK]
                seen_urls.update((await s.scalars(select(Torrent.url).where(Torrent.url.in_(chunk)))).all())
            for i in range(0, len(hash_list), CHUNK):
                chunk = hash_list[i : i + CHUNK]
                found = await s.scalars(select(Torrent.qb_hash).where(Torrent.qb_hash.in_(chunk)))
                seen_hashes.update(h for h in found.all() if h)
        return seen_urls, seen_hashes

    async def store_items(self, pairs: Sequence[tuple[int | None, FeedItem]]) -> dict[int | None, int]:
        """Insert items never seen (by URL or info-hash) as pending; returns new rows per feed."""
        seen_urls, seen_hashes = await self._known(
            (it.url for _, it in pairs), (it.info_hash for _, it in pairs if it.info_hash)
        )
        rows: list[dict[str, Any]] = []
        counts: dict[int | None, int] = defaultdict(int)
        for rss_id, it in pairs:
            if not it.url or it.url in seen_urls or (it.info_hash and it.info_hash in seen_hashes):
                continue
            seen_urls.add(it.url)
            if it.info_hash:
                seen_hashes.add(it.info_hash)
            rows.append(
                {
                    "rss_id": rss_id,
                    "bangumi_id": None,
                    "name": it.title,
                    "url": it.url,
                    "homepage": it.homepage,
                    "downloaded": False,
                    "qb_hash": it.info_hash,
                    "status": ItemState.PENDING,
                    "attempts": 0,
                    "published_at": it.published,
                }
            )
            counts[rss_id] += 1
        if rows:
            async with self.shared.ctx.db.begin() as s:
                await s.execute(insert(Torrent), rows)
        return counts

    @staticmethod
    def report_outage(outage: Outage, aggregate: Sequence[FeedResult], report: RefreshReport) -> None:
        """One line per unreachable host and refresh (not one per item), and the feeds degraded."""
        if not outage.failures:
            return
        for host, failure in outage.failures.items():
            en, _ = failure.describe()
            log.warning(
                "%s %d show(s) wait for it; their items stay pending and are tried again at the "
                "next refresh.",
                en,
                outage.deferred[host],
            )
            report.outages.append(failure)
            report.deferred_shows += outage.deferred[host]
        for r in aggregate:
            if not r.error:
                r.metadata_failure = outage.by_source.get(r.feed.id)

    async def retry_after_mirror_change(self) -> None:
        """A new Mikan mirror gives the items that failed on the old one their attempts back."""
        base = self.shared.upstreams.mikan.base
        previous, self._mirror = self._mirror, base
        if previous is None or previous == base:
            return
        old_netloc = urlsplit(previous).netloc.lower()

        def on_mikan(url: str) -> bool:
            parts = urlsplit(url)
            return parts.netloc.lower() == old_netloc or (parts.hostname or "").lower() in MIKAN_HOSTS

        async with self.shared.ctx.db() as s:
            rows = (
                await s.execute(select(Torrent.id, Torrent.url).where(Torrent.status == ItemState.FAILED))
            ).all()
        ids = [i for i, url in rows if on_mikan(url)]
        if ids:
            async with self.shared.ctx.db.begin() as s:
                for i in range(0, len(ids), CHUNK):
                    chunk = ids[i : i + CHUNK]
                    await s.execute(update(Torrent).where(Torrent.id.in_(chunk)).values(attempts=0))
            log.info("Mikan mirror changed to %s: %d failed item(s) will be tried again.", base, len(ids))

    async def record_feeds(self, results: Sequence[FeedResult]) -> None:
        if not results:
            return
        now = _now_iso()
        async with self.shared.ctx.db.begin() as s:
            for r in results:
                values: dict[str, Any] = {
                    "connection_status": r.status,
                    "last_checked_at": now,
                    "last_error": r.last_error,
                }
                if not r.feed.name and r.parsed is not None and r.parsed.title:
                    values["name"] = r.parsed.title
                    r.feed.name = r.parsed.title
                await s.execute(update(RssItem).where(RssItem.id == r.feed.id).values(**values))
