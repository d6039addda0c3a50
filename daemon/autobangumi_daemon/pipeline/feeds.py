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
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
import os
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

import orjson
from sqlalchemy import insert, or_, select, update

from autobangumi.v1 import program_pb2
from autobangumi_daemon.adapters.downloaders.base import (
    BadTorrent,
    Capabilities,
    Downloader,
    DownloaderError,
    parse_torrent,
)
from autobangumi_daemon.adapters.feeds import (
    FeedError,
    FeedItem,
    ParsedFeed,
    info_hash_of,
)
from autobangumi_daemon.adapters.http import (
    MAX_TORRENT_BYTES,
    Fetcher,
    FetchError,
    HttpResponse,
)
from autobangumi_daemon.adapters.mikan import MIKAN_HOSTS
from autobangumi_daemon.context import AppContext
from autobangumi_daemon.core import savepath
from autobangumi_daemon.core.matching import TitleIndex, excluding_term, groups_related, is_excluded
from autobangumi_daemon.core.preference import Preference, Release, best_first_key, decide, episode_key
from autobangumi_daemon.core.rules import (
    RuleDraft,
    draft_from_parse,
    identity,
    search_query,
    semantic_duplicate,
)
from autobangumi_daemon.core.title_parser import ParsedTitle, parse_title
from autobangumi_daemon.db.models import Bangumi, RssItem, Torrent
from autobangumi_daemon.errors import ApiError, unavailable
from autobangumi_daemon.pipeline.llm_fallback import LLMFallback
from autobangumi_daemon.pipeline.progress import RefreshProgress, RefreshReport
from autobangumi_daemon.upstreams import FeedLimits
from autobangumi_daemon.upstreams.metadata import HostFailure, Outage

__all__ = ["FeedPipeline", "RefreshReport"]

log = logging.getLogger(__name__)

CATEGORY = "Bangumi"
HEALTHY, DEGRADED, ERROR = "healthy", "degraded", "error"
MAX_ATTEMPTS = 3
MAX_REMATCH = 20_000
DOWNLOAD_CONCURRENCY = 8
FEED_HOSTS_IN_PARALLEL = 5
_CHUNK = 500
# Row states: `pending` and `failed` (below MAX_ATTEMPTS) are matched again at each refresh;
# downloaded, filtered, superseded, replaced, disabled and seen are final.


def _now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def rule_save_path(base: str, rule: Bangumi) -> str:
    return savepath.save_path(base, rule.official_title, rule.year, rule.season, rule.season_offset)


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
    def status(self) -> str:
        if self.error:
            return ERROR
        return DEGRADED if self.metadata_failure is not None else HEALTHY

    @property
    def last_error(self) -> str | None:
        if self.error:
            return self.error
        if self.metadata_failure is not None:
            en, zh = self.metadata_failure.describe()
            return f"{en} / {zh}"
        return self.note


@dataclass
class _Candidate:
    row: Torrent
    rule: Bangumi
    parsed: ParsedTitle | None
    save_path: str
    episode: str | None
    release: Release
    order: int


class FeedPipeline:
    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx
        self.upstreams = ctx.upstreams
        self.lock = asyncio.Lock()
        self._rules_version = 0
        self._matched_version = -1
        self._high_water = 0  # rows up to this id were matched against the current rules
        self._retry_all = False  # the downloader failed: look at every pending row next time
        self._parse_cache: dict[str, ParsedTitle | None] = {}
        self.llm = LLMFallback(ctx)  # reads the titles the rules cannot, when configured
        self._progress: RefreshProgress | None = None  # the running refresh's, if any
        self._mirror: str | None = None  # the Mikan base the failed rows were last tried with
        self._background: set[asyncio.Task[RefreshReport]] = set()
        self.rules_changed_listeners: list[Callable[[], None]] = []
        # For tests and the benchmark: a Downloader to use instead of the configured one.
        self.downloader_override: Downloader | None = None

    def rules_changed(self) -> None:
        """Rules were created or edited: pending items are matched again, caches dropped."""
        self._rules_version += 1
        for cb in self.rules_changed_listeners:
            cb()
        self.ctx.bus.publish("rules_changed", program_pb2.RulesChangedEvent())

    def downloader(self) -> Downloader:
        if self.downloader_override is not None:
            return self.downloader_override
        return self.ctx.downloader.get()

    def parse(self, name: str) -> ParsedTitle | None:
        cache = self._parse_cache
        if name not in cache:
            if len(cache) > 50_000:
                cache.clear()
            cache[name] = parse_title(name)
        return cache[name]

    # -- fetching ----------------------------------------------------------------------
    async def _fetch_all(self, f: Fetcher, feeds: Sequence[RssItem]) -> list[FeedResult]:
        results = [FeedResult(feed) for feed in feeds]
        by_host: dict[str, list[FeedResult]] = defaultdict(list)
        for r in results:
            by_host[urlsplit(self.upstreams.feed_url(r.feed.url)).netloc.lower()].append(r)
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
                        r.parsed, r.response = await self.upstreams.fetch_feed(
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
                    self._tick("fetch", fetched, len(results))

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
        async with self.ctx.db() as s:
            for i in range(0, len(url_list), _CHUNK):
                chunk = url_list[i : i + _CHUNK]
                seen_urls.update((await s.scalars(select(Torrent.url).where(Torrent.url.in_(chunk)))).all())
            for i in range(0, len(hash_list), _CHUNK):
                chunk = hash_list[i : i + _CHUNK]
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
                    "status": "pending",
                    "attempts": 0,
                    "published_at": it.published,
                }
            )
            counts[rss_id] += 1
        if rows:
            async with self.ctx.db.begin() as s:
                await s.execute(insert(Torrent), rows)
        return counts

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

    def _tick(self, stage: str, done: int, total: int) -> None:
        if self._progress is not None:
            self._progress.update(stage, done, total)

    def _publish_progress(self, event: program_pb2.FeedRefreshProgressEvent) -> None:
        self.ctx.bus.publish("feed_refresh_progress", event)

    async def _refresh(self, rss_ids: Sequence[int] | None, *, scheduled: bool) -> RefreshReport:
        started = time.perf_counter()
        await self._retry_after_mirror_change()
        progress = RefreshProgress(self._publish_progress, rss_ids or [])
        report = progress.report
        self._progress = progress
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
                results = await self._fetch_all(f, feeds)
                report.failed_feeds = sum(1 for r in results if r.error)
                pairs = [(r.feed.id, it) for r in results if r.parsed is not None for it in r.parsed.items]
                counts = await self.store_items(pairs)
                for r in results:
                    r.new_items = counts.get(r.feed.id, 0)
                    report.new_items += r.new_items
                aggregate = [r for r in results if r.feed.aggregate]
                if aggregate and (not scheduled or self.ctx.config.config.rss_parser.enable):
                    outage = Outage()
                    report.rules_created = await self.create_rules(f, [r.feed for r in aggregate], outage)
                    self._report_outage(outage, aggregate, report)
                await self._record_feeds(results)
                for r in results:
                    if r.response is not None and r.error is None:
                        # The items are stored (pending or done): a 304 next time loses nothing.
                        self.upstreams.http.remember(r.response)
                report.downloaded = await self.process_pending(f)
            report.degraded_feeds = sum(1 for r in results if r.status == DEGRADED)
        finally:
            self._progress = None
        progress.update("done", report.feeds, report.feeds)
        for r in results:
            self.ctx.bus.publish(
                "feed_refreshed",
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

    @staticmethod
    def _report_outage(outage: Outage, aggregate: Sequence[FeedResult], report: RefreshReport) -> None:
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

    async def _retry_after_mirror_change(self) -> None:
        """A new Mikan mirror gives the items that failed on the old one their attempts back."""
        base = self.upstreams.mikan.base
        previous, self._mirror = self._mirror, base
        if previous is None or previous == base:
            return
        old_netloc = urlsplit(previous).netloc.lower()

        def on_mikan(url: str) -> bool:
            parts = urlsplit(url)
            return parts.netloc.lower() == old_netloc or (parts.hostname or "").lower() in MIKAN_HOSTS

        async with self.ctx.db() as s:
            rows = (await s.execute(select(Torrent.id, Torrent.url).where(Torrent.status == "failed"))).all()
        ids = [i for i, url in rows if on_mikan(url)]
        if ids:
            async with self.ctx.db.begin() as s:
                for i in range(0, len(ids), _CHUNK):
                    chunk = ids[i : i + _CHUNK]
                    await s.execute(update(Torrent).where(Torrent.id.in_(chunk)).values(attempts=0))
            log.info("Mikan mirror changed to %s: %d failed item(s) will be tried again.", base, len(ids))

    async def _record_feeds(self, results: Sequence[FeedResult]) -> None:
        if not results:
            return
        now = _now_iso()
        async with self.ctx.db.begin() as s:
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

    # -- rules from aggregate feeds ----------------------------------------------------
    async def load_rules(self) -> list[Bangumi]:
        async with self.ctx.db() as s:
            return list((await s.scalars(select(Bangumi).order_by(Bangumi.id))).all())

    @staticmethod
    def build_index(rules: Iterable[Bangumi]) -> TitleIndex[Bangumi]:
        index: TitleIndex[Bangumi] = TitleIndex()
        for r in rules:
            index.add(r.title_raw, r)
            index.add_many(r.aliases(), r)
        return index

    @staticmethod
    def candidates(index: TitleIndex[Bangumi], name: str, parsed: ParsedTitle | None) -> list[Bangumi]:
        """Rules whose longest title is in the name, compatible with the season the name states."""
        hit = index.longest(name)
        if hit is None:
            return []
        rules = hit[1]
        if parsed is not None and parsed.season_raw:
            rules = [r for r in rules if parsed.season in (r.season, r.season + r.season_offset)]
        return rules

    async def create_rules(self, f: Fetcher, feeds: Sequence[RssItem], outage: Outage | None = None) -> int:
        """Create the rules that pending items of these aggregate feeds call for.

        Items whose metadata host is unreachable stay pending; `outage` says which host and feed."""
        outage = outage if outage is not None else Outage()
        by_id = {feed.id: feed for feed in feeds}
        async with self.ctx.db() as s:
            rows = list(
                (
                    await s.scalars(
                        select(Torrent)
                        .where(Torrent.rss_id.in_(list(by_id)), Torrent.status == "pending")
                        .order_by(Torrent.id)
                    )
                ).all()
            )
        if not rows:
            return 0
        cfg = self.ctx.config.config
        language = cfg.rss_parser.language
        global_filter = list(cfg.rss_parser.filter)
        await self.llm.fill((row.name for row in rows), self._parse_cache)
        rules = await self.load_rules()
        index = self.build_index(rules)
        drafts: dict[tuple[str, str, int], tuple[RuleDraft, Torrent, ParsedTitle, list[Bangumi]]] = {}
        for row in rows:
            if is_excluded(row.name, global_filter):
                continue
            parsed = self.parse(row.name)
            if parsed is None or not parsed.title:
                continue
            cands = self.candidates(index, row.name, parsed)
            if any(groups_related(r.group_name, parsed.group) for r in cands):
                continue  # a rule (active or disabled) already covers this show and group
            key = identity(parsed.title, parsed.group, parsed.season)
            if key in drafts:
                continue
            feed = by_id[row.rss_id or 0]
            draft = draft_from_parse(parsed, language, global_filter, feed.url)
            if draft is not None:
                drafts[key] = (draft, row, parsed, cands)
        if not drafts:
            return 0
        sem = asyncio.Semaphore(4)

        async def fill(entry: tuple[RuleDraft, Torrent, ParsedTitle, list[Bangumi]]) -> bool:
            draft, row, parsed, cands = entry
            same_show = next((r for r in cands if not r.deleted and r.season == draft.season), None)
            if same_show is not None:
                # Another group's rule for this show already has the metadata: reuse it.
                draft.official_title, draft.year = same_show.official_title, same_show.year
                draft.poster_link = same_show.poster_link
                return True
            feed = by_id[row.rss_id or 0]
            async with sem:
                return await self.upstreams.meta.fill(
                    f,
                    draft,
                    feed.parser,
                    parsed,
                    row.homepage,
                    language,
                    feed_url=feed.url,
                    outage=outage,
                    source=feed.id,
                )

        looked_up = 0

        async def counted(entry: tuple[RuleDraft, Torrent, ParsedTitle, list[Bangumi]]) -> bool:
            nonlocal looked_up
            try:
                return await fill(entry)
            finally:
                looked_up += 1
                self._tick("rules", looked_up, len(entries))

        entries = list(drafts.values())
        self._tick("rules", 0, len(entries))
        ok = await asyncio.gather(*(counted(e) for e in entries))
        ready = [e[0] for e, good in zip(entries, ok, strict=True) if good]
        return await self.save_drafts(ready)

    async def save_drafts(self, drafts: Sequence[RuleDraft]) -> int:
        """Insert drafts as rules; a semantic duplicate becomes an alias of the existing rule."""
        if not drafts:
            return 0
        base = self.ctx.config.config.downloader.path
        created = 0
        async with self.ctx.db.begin() as s:
            existing = list((await s.scalars(select(Bangumi))).all())
            idents = {identity(r.title_raw, r.group_name, r.season) for r in existing}
            for r in existing:
                for a in r.aliases():
                    idents.add(identity(a, r.group_name, r.season))
            for d in drafts:
                ident = identity(d.title_raw, d.group_name, d.season)
                if ident in idents:
                    continue
                dup = semantic_duplicate(d, existing)
                if dup is not None:
                    names = dup.aliases()
                    for t in (d.title_raw, *d.aliases):
                        if t not in names and t != dup.title_raw:
                            names.append(t)
                    dup.title_aliases = orjson.dumps(names).decode()
                    idents.add(ident)
                    continue
                rule = Bangumi(
                    official_title=d.official_title,
                    year=d.year,
                    title_raw=d.title_raw,
                    season=d.season,
                    season_raw=d.season_raw,
                    group_name=d.group_name,
                    dpi=d.dpi,
                    source=d.source,
                    subtitle=d.subtitle,
                    eps_collect=d.eps_collect,
                    episode_offset=0,
                    season_offset=0,
                    filter=d.filter,
                    rss_link=d.rss_link,
                    poster_link=d.poster_link,
                    added=True,
                    deleted=False,
                    archived=False,
                    title_aliases=orjson.dumps(d.aliases).decode() if d.aliases else None,
                )
                rule.save_path = rule_save_path(base, rule)
                s.add(rule)
                existing.append(rule)
                idents.add(ident)
                created += 1
                log.info(
                    "New rule: %s (%s, season %d, %s)", d.official_title, d.title_raw, d.season, d.group_name
                )
        self.rules_changed()
        return created

    # -- matching and downloading ------------------------------------------------------
    async def process_pending(self, f: Fetcher, *, only_ids: Sequence[int] | None = None) -> int:
        """Match pending items to rules, choose one release per episode, download the winners."""
        # Unmatched items are matched again only when rules changed since they were last
        # looked at; otherwise only rows newer than that pass are (and failed ones, retried).
        full = self._matched_version != self._rules_version
        version = self._rules_version
        async with self.ctx.db() as s:
            retry = (Torrent.status == "failed") & (Torrent.attempts < MAX_ATTEMPTS)
            pending = Torrent.status == "pending"
            if not full:
                pending = pending & (Torrent.id > self._high_water)
            q = select(Torrent).where(or_(pending, retry))
            if only_ids is not None:
                q = q.where(Torrent.id.in_(list(only_ids)))
            # The newest unmatched items only: a busy unrelated feed (nyaa's front page) would
            # otherwise make every rule change cost a pass over years of items.
            q = q.order_by(Torrent.id.desc()).limit(MAX_REMATCH)
            rows = list(reversed((await s.scalars(q)).all()))
        await self.llm.fill((row.name for row in rows), self._parse_cache)
        rules = await self.load_rules()
        index = self.build_index(rules)
        base = self.ctx.config.config.downloader.path
        finals: list[dict[str, Any]] = []
        groups: dict[tuple[str, str | None], list[_Candidate]] = defaultdict(list)
        for order, row in enumerate(rows):
            parsed = self.parse(row.name)
            cands = self.candidates(index, row.name, parsed)
            if not cands:
                continue  # stays pending until a rule for it appears
            active = [r for r in cands if not r.deleted]
            if not active:
                finals.append(
                    {"id": row.id, "status": "disabled", "bangumi_id": cands[0].id, "reason": "disabled"}
                )
                continue
            group = parsed.group if parsed else None
            rule = next((r for r in active if groups_related(r.group_name, group)), active[0])
            self._add_candidate(groups, row, rule, parsed, base, order, finals)
        downloaded = await self._decide_and_download(f, groups, finals)
        if only_ids is None:
            if rows:
                self._high_water = max(self._high_water, rows[-1].id)
            self._matched_version = -1 if self._retry_all else version
            self._retry_all = False
        return downloaded

    def _add_candidate(
        self,
        groups: dict[tuple[str, str | None], list[_Candidate]],
        row: Torrent,
        rule: Bangumi,
        parsed: ParsedTitle | None,
        base: str,
        order: int,
        finals: list[dict[str, Any]],
    ) -> None:
        if is_excluded(row.name, rule.filter):
            finals.append(
                {
                    "id": row.id,
                    "status": "filtered",
                    "bangumi_id": rule.id,
                    "reason": "filtered",
                    "reason_detail": excluding_term(row.name, rule.filter),
                }
            )
            return
        path = rule_save_path(base, rule)
        season = savepath.season_folder_number(rule.season, rule.season_offset)
        ep = episode_key(season, parsed.episode) if parsed is not None else None
        release = Release.from_parsed(parsed) if parsed is not None else Release()
        cand = _Candidate(row, rule, parsed, path, ep, release, order)
        if ep is None or rule.allow_duplicates:
            groups[(path, f"#{row.id}")].append(cand)  # no episode to share: its own group
        else:
            groups[(path, ep)].append(cand)

    async def _kept(self, keys: Iterable[tuple[str, str | None]]) -> dict[tuple[str, str], Torrent]:
        eps = list({ep for _, ep in keys if ep and not ep.startswith("#")})
        kept: dict[tuple[str, str], Torrent] = {}
        async with self.ctx.db() as s:
            for i in range(0, len(eps), _CHUNK):
                rows = await s.scalars(
                    select(Torrent).where(
                        Torrent.status == "downloaded", Torrent.episode_key.in_(eps[i : i + _CHUNK])
                    )
                )
                for row in rows.all():
                    if row.save_path and row.episode_key:
                        kept[(row.save_path, row.episode_key)] = row
        return kept

    async def _decide_and_download(
        self,
        f: Fetcher,
        groups: dict[tuple[str, str | None], list[_Candidate]],
        finals: list[dict[str, Any]],
    ) -> int:
        kept = await self._kept(groups)
        jobs: list[tuple[_Candidate, Torrent | None]] = []
        for (path, ep), cands in groups.items():
            if ep is None or ep.startswith("#"):
                jobs.extend((c, None) for c in cands)
                continue
            rule = cands[0].rule
            pref = Preference.from_rule(
                rule.preferred_group, rule.preferred_resolution, rule.preferred_subtitle
            )
            cands.sort(key=lambda c: best_first_key(c.release, pref, c.order))
            best, rest = cands[0], cands[1:]
            for c in rest:
                finals.append(
                    {
                        "id": c.row.id,
                        "status": "superseded",
                        "bangumi_id": c.rule.id,
                        "reason": "duplicate",
                        "duplicate_of": best.row.id,
                        "episode_key": ep,
                    }
                )
            old = kept.get((path, ep))
            old_release = None
            if old is not None:
                old_parsed = self.parse(old.name)
                old_release = Release.from_parsed(old_parsed) if old_parsed else Release()
            verdict = decide(best.release, old_release, pref)
            if verdict == "skip":
                finals.append(
                    {
                        "id": best.row.id,
                        "status": "superseded",
                        "bangumi_id": best.rule.id,
                        "reason": "duplicate_kept",
                        "duplicate_of": old.id if old is not None else None,
                        "episode_key": ep,
                    }
                )
            else:
                jobs.append((best, old if verdict == "replace" else None))
        downloaded = 0
        if jobs:
            downloaded = await self._download(f, jobs, finals)
        if finals:
            async with self.ctx.db.begin() as s:
                await s.execute(update(Torrent), finals)
        return downloaded

    async def _download(
        self, f: Fetcher, jobs: Sequence[tuple[_Candidate, Torrent | None]], finals: list[dict[str, Any]]
    ) -> int:
        try:
            client = self.downloader()
        except ApiError as exc:
            log.warning("No usable downloader: %s; %d item(s) stay pending.", exc.msg_en, len(jobs))
            self._retry_all = True
            return 0
        no_subfolder = Capabilities.NO_SUBFOLDER in client.capabilities
        sem = asyncio.Semaphore(DOWNLOAD_CONCURRENCY)
        down = asyncio.Event()  # set when the downloader itself fails: stop trying the rest
        done = 0

        async def one(c: _Candidate, old: Torrent | None) -> None:
            nonlocal done
            async with sem:
                if down.is_set():
                    return
                row = c.row
                try:
                    source: bytes | str
                    if row.url.lower().startswith("magnet:"):
                        source = row.url
                        torrent_hash = info_hash_of(row.url) or row.qb_hash
                    else:
                        resp = await f.get(self.upstreams.feed_url(row.url), max_bytes=MAX_TORRENT_BYTES)
                        source = resp.body
                        torrent_hash = parse_torrent(resp.body)[0]
                    added = await client.add(
                        source,
                        save_path=c.save_path,
                        category=CATEGORY,
                        tags=[f"ab:{c.rule.id}"],
                        no_subfolder=no_subfolder,
                    )
                    torrent_hash = (added or torrent_hash or "").lower() or None
                except FetchError as exc:
                    finals.append(self._failure(row, c.rule.id, exc.bilingual))
                    return
                except BadTorrent as exc:
                    finals.append(self._failure(row, c.rule.id, exc.msg_en))
                    return
                except DownloaderError as exc:
                    if not down.is_set():
                        log.warning("Downloader failed (%s); the rest stay pending.", exc)
                    down.set()
                    return
                finals.append(
                    {
                        "id": row.id,
                        "status": "downloaded",
                        "downloaded": True,
                        "bangumi_id": c.rule.id,
                        "qb_hash": torrent_hash,
                        "save_path": c.save_path,
                        "episode_key": c.episode,
                        "reason": "downloaded",
                        "reason_detail": None,
                        "duplicate_of": None,
                        "downloaded_at": datetime.now(UTC),
                    }
                )
                done += 1
                log.info("Downloading %s into %s", row.name, c.save_path)
                self.ctx.bus.publish(
                    "torrent_added",
                    program_pb2.TorrentAddedEvent(
                        bangumi_id=c.rule.id, name=row.name, url=row.url, save_path=c.save_path
                    ),
                )
                if old is not None:
                    # The new release takes the episode's place, but nothing is deleted: the old
                    # torrent keeps seeding and the renamer gives the new file the episode's
                    # name, setting the old one aside as "<name>.v1.superseded".
                    log.info("Replaced %s with %s", old.name, row.name)
                    finals.append(
                        {"id": old.id, "status": "replaced", "reason": "replaced", "duplicate_of": row.id}
                    )

        attempted = 0

        async def tracked(c: _Candidate, old: Torrent | None) -> None:
            nonlocal attempted
            try:
                await one(c, old)
            finally:
                attempted += 1
                if self._progress is not None:
                    self._progress.report.downloaded = done
                self._tick("download", attempted, len(jobs))

        self._tick("download", 0, len(jobs))
        await asyncio.gather(*(tracked(c, old) for c, old in jobs))
        if down.is_set():
            self._retry_all = True
        return done

    @staticmethod
    def _failure(row: Torrent, rule_id: int, reason: str) -> dict[str, Any]:
        attempts = row.attempts + 1
        log.warning("Could not add %s (attempt %d/%d): %s", row.name, attempts, MAX_ATTEMPTS, reason)
        return {
            "id": row.id,
            "status": "failed",
            "attempts": attempts,
            "bangumi_id": rule_id,
            "reason": "failed",
            "reason_detail": reason,
        }

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
                    await self.store_items([(None, it) for it in items])
                    done.append(rule.id)
                await self.process_pending(f)
            if done:
                async with self.ctx.db.begin() as s:
                    await s.execute(update(Bangumi).where(Bangumi.id.in_(done)).values(eps_collect=True))
                self.rules_changed()
            return len(done)

    def _belongs(self, rule: Bangumi, name: str) -> bool:
        index = self.build_index([rule])
        parsed = self.parse(name)
        if not self.candidates(index, name, parsed):
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
                items = [it for _, it in pairs]
                await self.store_items(pairs)
                urls = [it.url for it in items]
                hashes = [it.info_hash for it in items if it.info_hash]
                async with self.ctx.db() as s:
                    rows = list(
                        (
                            await s.scalars(
                                select(Torrent).where(
                                    or_(Torrent.url.in_(urls), Torrent.qb_hash.in_(hashes)),
                                    or_(
                                        Torrent.status == "pending",
                                        (Torrent.status == "failed") & (Torrent.attempts < MAX_ATTEMPTS),
                                    ),
                                )
                            )
                        ).all()
                    )
                # Collect trusts the user's choice of feed: no title check (as AutoBangumi), but
                # still one release per episode and the rule's filter.
                base = self.ctx.config.config.downloader.path
                groups: dict[tuple[str, str | None], list[_Candidate]] = defaultdict(list)
                finals: list[dict[str, Any]] = []
                for order, row in enumerate(rows):
                    self._add_candidate(groups, row, rule, self.parse(row.name), base, order, finals)
                return await self._decide_and_download(f, groups, finals)

    # -- maintenance -------------------------------------------------------------------
    async def rule_hashes(self, rule_ids: Sequence[int], save_path: str | None = None) -> list[str]:
        """Info-hashes this daemon added for the rules (and, if given, into that save path)."""
        async with self.ctx.db() as s:
            q = select(Torrent.qb_hash).where(
                Torrent.bangumi_id.in_(list(rule_ids)), Torrent.status == "downloaded"
            )
            if save_path is not None:
                q = q.where(Torrent.save_path == save_path)
            hashes = [h for h in (await s.scalars(q)).all() if h]
        tags = [f"ab:{i}" for i in rule_ids]
        try:
            client = self.downloader()
            for tag in tags:
                for t in await client.list_torrents(tag=tag):
                    if save_path is None or t.save_path.rstrip("/\\") == save_path.rstrip("/\\"):
                        hashes.append(t.hash)
        except (DownloaderError, ApiError) as exc:
            log.info("Could not list the downloader's torrents for %s: %s", tags, exc)
        return list(dict.fromkeys(hashes))

    async def move_rule(self, rule_id: int, old_path: str, new_path: str) -> int:
        hashes = await self.rule_hashes([rule_id], old_path)
        if not hashes:
            return 0
        try:
            await self.downloader().move(hashes, new_path)
        except DownloaderError as exc:
            raise unavailable(
                f"Could not move the downloads: {exc.msg_en}", f"无法移动已下载的文件：{exc.msg_zh}"
            ) from None
        async with self.ctx.db.begin() as s:
            await s.execute(
                update(Torrent)
                .where(Torrent.bangumi_id == rule_id, Torrent.save_path == old_path)
                .values(save_path=new_path)
            )
        return len(hashes)

    async def delete_rule_torrents(self, rule_ids: Sequence[int]) -> int:
        hashes = await self.rule_hashes(rule_ids)
        if not hashes:
            return 0
        try:
            await self.downloader().delete(hashes, delete_files=True)
        except DownloaderError as exc:
            raise unavailable(
                f"Could not delete the torrents: {exc.msg_en}", f"无法删除种子：{exc.msg_zh}"
            ) from None
        return len(hashes)
