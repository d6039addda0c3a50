"""The feed pipeline: fetch feeds, create rules, match items, download each episode once.

Order of a refresh, and why:

1. Fetch every enabled feed: hosts in parallel, the feeds of one host one after another with a
   pause (Mikan answers 429 when hammered). A feed that fails is recorded on its row
   (`connection_status`, `last_error`) and the others go on.
2. Store every item not seen before (by URL and by info-hash, across feeds and restarts) as
   `pending`. Nothing is lost if the process stops after this point: pending rows are matched
   at the next refresh.
3. Aggregate feeds create the rules their pending items call for (official title and poster
   from Mikan or TMDB), before anything is matched. AutoBangumi 3.2's manual refresh marked
   items seen without creating rules, so a refresh right after adding a feed lost them all.
4. Match pending items to rules (longest title, then group, then season); apply the rule's
   filter; keep one release per episode by the rule's preference (a v2 replaces its v1); add
   the winners to the downloader with category `Bangumi` and tag `ab:<id>`. An item that
   matches no rule stays pending and is matched again when rules change (AutoBangumi stored
   it as seen and never looked at it again).

One lock serialises refresh, collect, subscribe and backfill: the scheduled job and a click on
"refresh" never download the same item twice.

Items are stored with the URLs their feed gave; the Mikan mirror (`network.mikan_base_url`) is
applied when something is fetched, so changing the mirror helps every item still pending.

A refresh publishes `feed_refresh_progress` events while it runs (see `FeedRefreshProgressEvent`
in program.proto) and `feed_refreshed` once per feed at the end. A feed whose items were fetched
but whose show metadata could not be (Mikan or TMDB unreachable) is `degraded`, with the host
and what to change in `last_error`, until a refresh gets the metadata.

This module orders the jobs; each lives in its own: `intake.py` (steps 1 and 2, and each
feed's health), `new_rules.py` (step 3), `downloads.py` (step 4, also used by collect and
backfill), `maintenance.py` (a rule's torrents moved or deleted); `shared.py` holds what they
share (parsed titles, the downloader, the running refresh's progress).
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable, Iterable, Sequence

from sqlalchemy import select, update

from autobangumi.v1 import program_pb2
from autobangumi_daemon.adapters.downloaders.base import Downloader
from autobangumi_daemon.adapters.feeds import FeedError, FeedItem
from autobangumi_daemon.adapters.http import Fetcher, FetchError
from autobangumi_daemon.context import AppContext
from autobangumi_daemon.core.matching import TitleIndex, groups_related
from autobangumi_daemon.core.rules import RuleDraft, search_query
from autobangumi_daemon.core.states import FeedHealth
from autobangumi_daemon.core.title_parser import ParsedTitle
from autobangumi_daemon.db.models import Bangumi, RssItem
from autobangumi_daemon.pipeline.downloads import Downloads
from autobangumi_daemon.pipeline.intake import FeedIntake
from autobangumi_daemon.pipeline.maintenance import RuleMaintenance
from autobangumi_daemon.pipeline.new_rules import RuleCreator
from autobangumi_daemon.pipeline.progress import RefreshProgress, RefreshReport
from autobangumi_daemon.pipeline.shared import PipelineShared, build_index, candidates
from autobangumi_daemon.upstreams.metadata import Outage

__all__ = ["FeedPipeline", "RefreshReport"]

log = logging.getLogger(__name__)


class FeedPipeline:
    """The jobs of the pipeline behind one lock, and what services and jobs call on them."""

    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx
        self.upstreams = ctx.upstreams
        self.shared = PipelineShared(ctx)
        self.intake = FeedIntake(self.shared)
        self.new_rules = RuleCreator(self.shared)
        self.downloads = Downloads(self.shared)
        self.maintenance = RuleMaintenance(self.shared)
        self.lock = asyncio.Lock()
        self._background: set[asyncio.Task[RefreshReport]] = set()

    # -- what the services use -------------------------------------------------------------
    @property
    def rules_changed_listeners(self) -> list[Callable[[], None]]:
        return self.shared.rules_changed_listeners

    @property
    def downloader_override(self) -> Downloader | None:
        return self.shared.downloader_override

    @downloader_override.setter
    def downloader_override(self, value: Downloader | None) -> None:
        self.shared.downloader_override = value

    def rules_changed(self) -> None:
        self.shared.rules_changed()

    def downloader(self) -> Downloader:
        return self.shared.downloader()

    def parse(self, name: str) -> ParsedTitle | None:
        return self.shared.parse(name)

    async def load_rules(self) -> list[Bangumi]:
        return await self.shared.load_rules()

    @staticmethod
    def build_index(rules: Iterable[Bangumi]) -> TitleIndex[Bangumi]:
        return build_index(rules)

    @staticmethod
    def candidates(index: TitleIndex[Bangumi], name: str, parsed: ParsedTitle | None) -> list[Bangumi]:
        return candidates(index, name, parsed)

    async def save_drafts(self, drafts: Sequence[RuleDraft]) -> int:
        return await self.new_rules.save_drafts(drafts)

    async def process_pending(self, f: Fetcher, *, only_ids: Sequence[int] | None = None) -> int:
        return await self.downloads.process_pending(f, only_ids=only_ids)

    async def move_rule(self, rule_id: int, old_path: str, new_path: str) -> int:
        return await self.maintenance.move_rule(rule_id, old_path, new_path)

    async def delete_rule_torrents(self, rule_ids: Sequence[int]) -> int:
        return await self.maintenance.delete_rule_torrents(rule_ids)

    # -- refresh -----------------------------------------------------------------------
    async def refresh(
        self, rss_ids: Sequence[int] | None = None, *, scheduled: bool = False
    ) -> RefreshReport:
        async with self.lock:
            return await self._refresh(rss_ids, scheduled=scheduled)

    def start_refresh(self, rss_ids: Sequence[int] | None = None) -> asyncio.Task[RefreshReport]:
        """A refresh that runs to its end even when whoever asked for it stops waiting."""
        task = asyncio.create_task(self.refresh(rss_ids))
        self._background.add(task)

        def finished(t: asyncio.Task[RefreshReport]) -> None:
            self._background.discard(t)
            if not t.cancelled() and t.exception() is not None:
                log.error("Refresh failed: %s", t.exception(), exc_info=t.exception())

        task.add_done_callback(finished)
        return task

    def _publish_progress(self, event: program_pb2.FeedRefreshProgressEvent) -> None:
        self.ctx.bus.publish(event)

    async def _refresh(self, rss_ids: Sequence[int] | None, *, scheduled: bool) -> RefreshReport:
        started = time.perf_counter()
        await self.intake.retry_after_mirror_change()
        progress = RefreshProgress(self._publish_progress, rss_ids or [])
        report = progress.report
        self.shared.progress = progress
        try:
            async with self.ctx.db() as s:
                q = select(RssItem).order_by(RssItem.id)
                q = (
                    q.where(RssItem.id.in_(list(rss_ids)))
                    if rss_ids is not None
                    else q.where(RssItem.enabled.is_(True))
                )
                feeds = list((await s.scalars(q)).all())
            report.feeds = len(feeds)
            progress.update("fetch", 0, len(feeds))
            async with self.upstreams.open() as f:
                results = await self.intake.fetch_all(f, feeds)
                report.failed_feeds = sum(1 for r in results if r.error)
                pairs = [(r.feed.id, it) for r in results if r.parsed is not None for it in r.parsed.items]
                counts = await self.intake.store_items(pairs)
                for r in results:
                    r.new_items = counts.get(r.feed.id, 0)
                    report.new_items += r.new_items
                aggregate = [r for r in results if r.feed.aggregate]
                if aggregate and (not scheduled or self.ctx.config.config.rss_parser.enable):
                    outage = Outage()
                    report.rules_created = await self.new_rules.create_rules(
                        f, [r.feed for r in aggregate], outage
                    )
                    self.intake.report_outage(outage, aggregate, report)
                await self.intake.record_feeds(results)
                for r in results:
                    if r.response is not None and r.error is None:
                        # The items are stored (pending or done): a 304 next time loses nothing.
                        self.upstreams.http.remember(r.response)
                report.downloaded = await self.downloads.process_pending(f)
                await self.maintenance.remove_replaced()
            report.degraded_feeds = sum(1 for r in results if r.status == FeedHealth.DEGRADED)
        finally:
            self.shared.progress = None
        progress.update("done", report.feeds, report.feeds)
        for r in results:
            self.ctx.bus.publish(
                program_pb2.FeedRefreshedEvent(
                    rss_id=r.feed.id,
                    name=r.feed.name or "",
                    new_items=r.new_items,
                    connection_status=r.status,
                    last_error=r.last_error,
                ),
            )
        log.info(
            "Refreshed %d feed(s) in %.2fs: %d new item(s), %d rule(s) created, %d download(s), "
            "%d failed feed(s).",
            report.feeds,
            time.perf_counter() - started,
            report.new_items,
            report.rules_created,
            report.downloaded,
            report.failed_feeds,
        )
        return report

    # -- backfill (bangumi_manage.eps_complete) ----------------------------------------
    async def eps_complete(self) -> int:
        """Search Mikan for the earlier episodes of rules not yet collected, then download them."""
        async with self.lock:
            async with self.ctx.db() as s:
                rules = list(
                    (
                        await s.scalars(
                            select(Bangumi).where(Bangumi.eps_collect.is_(False), Bangumi.deleted.is_(False))
                        )
                    ).all()
                )
            if not rules:
                return 0
            done: list[int] = []
            async with self.upstreams.open() as f:
                for rule in rules:
                    query = search_query([rule.group_name, rule.title_raw, rule.season_raw])
                    try:
                        parsed, _ = await self.upstreams.fetch_feed(f, self.upstreams.mikan.search_url(query))
                    except (FetchError, FeedError) as exc:
                        log.info("Backfill search for %s failed: %s", rule.official_title, exc)
                        continue
                    items = [it for it in (parsed.items if parsed else []) if self._belongs(rule, it.title)]
                    await self.intake.store_items([(None, it) for it in items])
                    done.append(rule.id)
                await self.downloads.process_pending(f)
            if done:
                async with self.ctx.db.begin() as s:
                    await s.execute(update(Bangumi).where(Bangumi.id.in_(done)).values(eps_collect=True))
                self.rules_changed()
            return len(done)

    def _belongs(self, rule: Bangumi, name: str) -> bool:
        index = build_index([rule])
        parsed = self.parse(name)
        if not candidates(index, name, parsed):
            return False
        return groups_related(rule.group_name, parsed.group if parsed else None)

    # -- collect / subscribe -----------------------------------------------------------
    async def collect(self, rule_id: int, rss_links: Sequence[str]) -> int:
        """Download a rule's back catalogue from its feeds: every item its filter lets through."""
        async with self.lock:
            pairs: list[tuple[int | None, FeedItem]] = []
            async with self.ctx.db() as s:
                rule = await s.get(Bangumi, rule_id)
                found = await s.execute(
                    select(RssItem.url, RssItem.id).where(RssItem.url.in_(list(rss_links)))
                )
                feed_ids = {url: fid for url, fid in found.all()}
            if rule is None:
                return 0
            async with self.upstreams.open() as f:
                for link in rss_links:
                    parsed, _ = await self.upstreams.fetch_feed(f, link)
                    pairs.extend((feed_ids.get(link), it) for it in (parsed.items if parsed else []))
                await self.intake.store_items(pairs)
                return await self.downloads.collect(f, rule, [it for _, it in pairs])
