"""Downloads: match pending items to rules, decide one release per episode, add the winners.

Shared by the refresh, by collect (a rule's back catalogue) and by backfill. Items are matched
to rules by longest title, then group, then season; the rule's filter applies; one release per
episode is kept by the rule's preference (a v2 replaces its v1); the winners go to the
downloader with category `Bangumi` and tag `ab:<id>`. An item that matches no rule stays
pending and is matched again when rules change (AutoBangumi stored it as seen and never looked
at it again).
"""

from __future__ import annotations

import asyncio
import logging
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime

from sqlalchemy import or_, select, update

from autobangumi.v1 import config_pb2, program_pb2
from autobangumi_daemon.adapters.downloaders.base import (
    AddRequest,
    BadTorrent,
    Capabilities,
    Downloader,
    DownloaderError,
    parse_torrent,
)
from autobangumi_daemon.adapters.feeds import FeedItem, info_hash_of
from autobangumi_daemon.adapters.http import MAX_TORRENT_BYTES, Fetcher, FetchError
from autobangumi_daemon.core import savepath
from autobangumi_daemon.core.matching import excluding_term, groups_related, is_excluded
from autobangumi_daemon.core.preference import (
    DEFAULT_ORDER,
    Preference,
    Release,
    best_first_key,
    decide,
    episode_key,
    parse_order,
    rank,
    wait_until,
)
from autobangumi_daemon.core.states import ItemReason, ItemState
from autobangumi_daemon.core.title_parser import ParsedTitle
from autobangumi_daemon.db.models import Bangumi, Torrent
from autobangumi_daemon.downloader_manager import instance_name
from autobangumi_daemon.errors import DaemonError
from autobangumi_daemon.pipeline.outcomes import (
    Disabled,
    Downloaded,
    Failed,
    Filtered,
    ItemOutcome,
    Replaced,
    Superseded,
    Waiting,
)
from autobangumi_daemon.pipeline.shared import CHUNK, PipelineShared, candidates

__all__ = ["CATEGORY", "MAX_ATTEMPTS", "Candidate", "Downloads", "Groups"]

log = logging.getLogger(__name__)

CATEGORY = "Bangumi"
MAX_ATTEMPTS = 3
MAX_REMATCH = 20_000
# Jobs handed to the downloaders per round: large enough that qBittorrent takes them in a few
# `torrents/add` calls, small enough that a failing client is given up on early and that the
# progress bar moves.
DOWNLOAD_BATCH = 250
FETCH_CONCURRENCY = 16  # .torrent files fetched at once (the HTTP client also limits per host)


@dataclass
class _Progress:
    total: int
    attempted: int = 0
    done: int = 0
    #: Instances that failed this round: their jobs stay pending, the other instances go on.
    down: set[str] = field(default_factory=set)


@dataclass
class Candidate:
    row: Torrent
    rule: Bangumi
    parsed: ParsedTitle | None
    save_path: str
    episode: str | None
    release: Release
    order: int


# Candidates by (save path, episode key); an item without an episode is a group of its own.
Groups = dict[tuple[str, str | None], list[Candidate]]


def _as_good(a: Release, b: Release, pref: Preference) -> bool:
    """Are two releases of an episode equal by the rule's preference (then one is a duplicate
    of the other; otherwise the one not kept is worse)?"""
    return rank(a, pref) == rank(b, pref) and a.version == b.version


def _default_ladder(cfg: config_pb2.PreferenceConfig) -> Preference:
    """The config's ladder (checked when saved; a stored bad order falls back to the default)."""
    try:
        order = parse_order(cfg.order)
    except ValueError:
        order = DEFAULT_ORDER
    pref = Preference.from_rule(cfg.groups, cfg.resolutions, cfg.subtitles, cfg.codecs, cfg.sources)
    return replace(pref, order=order)


def _ladder(rule: Bangumi, default: Preference) -> Preference:
    """The rule's own ladder, each empty field filled from the default one."""
    try:
        order = parse_order(rule.preference_order)
    except ValueError:
        order = DEFAULT_ORDER
    own = Preference.from_rule(
        rule.preferred_group,
        rule.preferred_resolution,
        rule.preferred_subtitle,
        rule.preferred_codec,
        rule.preferred_source,
    )
    return replace(own, order=order).over(default)


def _aware(t: datetime) -> datetime:
    """SQLite gives back naive times; they were stored in UTC."""
    return t if t.tzinfo is not None else t.replace(tzinfo=UTC)


def _named(c: Candidate) -> Release:
    return Release.from_parsed(c.parsed, c.row.name) if c.parsed is not None else Release(name=c.row.name)


class Downloads:
    def __init__(self, shared: PipelineShared) -> None:
        self.shared = shared
        self._matched_version = -1
        self._high_water = 0  # rows up to this id were matched against the current rules
        self._retry_all = False  # the downloader failed: look at every pending row next time
        # The time the episodes' waits are measured by; tests set their own.
        self.clock: Callable[[], datetime] = lambda: datetime.now(UTC)

    async def process_pending(self, f: Fetcher, *, only_ids: Sequence[int] | None = None) -> int:
        """Match pending items to rules, choose one release per episode, download the winners."""
        sh = self.shared
        # Unmatched items are matched again only when rules changed since they were last
        # looked at; otherwise only rows newer than that pass are (and failed ones, retried).
        full = self._matched_version != sh.rules_version
        version = sh.rules_version
        async with sh.ctx.db() as s:
            retry = (Torrent.status == ItemState.FAILED) & (Torrent.attempts < MAX_ATTEMPTS)
            pending = Torrent.status == ItemState.PENDING
            if not full:
                pending = pending & (Torrent.id > self._high_water)
            q = select(Torrent).where(or_(pending, retry))
            if only_ids is not None:
                q = q.where(Torrent.id.in_(list(only_ids)))
            # The newest unmatched items only: a busy unrelated feed (nyaa's front page) would
            # otherwise make every rule change cost a pass over years of items.
            q = q.order_by(Torrent.id.desc()).limit(MAX_REMATCH)
            rows = list(reversed((await s.scalars(q)).all()))
        if not rows and (only_ids is not None or not await self._any_waiting()):
            # Nothing pending and no episode waiting for other releases: no rule is loaded,
            # so this costs the same for 10 rules or 10,000.
            if only_ids is None:
                self._matched_version = -1 if self._retry_all else version
                self._retry_all = False
            return 0
        await sh.llm.fill((row.name for row in rows), sh.parse_cache)
        index = await sh.rule_index()
        base = sh.ctx.config.config.downloader.path
        finals: list[ItemOutcome] = []
        groups: Groups = defaultdict(list)
        for order, row in enumerate(rows):
            parsed = sh.parse(row.name)
            cands = candidates(index, row.name, parsed)
            if not cands:
                continue  # stays pending until a rule for it appears
            active = [r for r in cands if not r.deleted]
            if not active:
                finals.append(Disabled(row.id, cands[0].id))
                continue
            group = parsed.group if parsed else None
            rule = next((r for r in active if groups_related(r.group_name, group)), active[0])
            self.add_candidate(groups, row, rule, parsed, base, order, finals)
        downloaded = await self.decide_and_download(f, groups, finals)
        if only_ids is None:
            if rows:
                self._high_water = max(self._high_water, rows[-1].id)
            self._matched_version = -1 if self._retry_all else version
            self._retry_all = False
        return downloaded

    def add_candidate(
        self,
        groups: Groups,
        row: Torrent,
        rule: Bangumi,
        parsed: ParsedTitle | None,
        base: str,
        order: int,
        finals: list[ItemOutcome],
    ) -> None:
        if is_excluded(row.name, rule.filter):
            finals.append(Filtered(row.id, rule.id, excluding_term(row.name, rule.filter)))
            return
        path = savepath.rule_save_path(base, rule)
        season = savepath.season_folder_number(rule.season, rule.season_offset)
        ep = episode_key(season, parsed.episode) if parsed is not None else None
        release = Release.from_parsed(parsed) if parsed is not None else Release()
        cand = Candidate(row, rule, parsed, path, ep, release, order)
        if ep is None or rule.allow_duplicates:
            groups[(path, f"#{row.id}")].append(cand)  # no episode to share: its own group
        else:
            groups[(path, ep)].append(cand)

    async def _any_waiting(self) -> bool:
        """Whether an episode waits for other releases (one indexed lookup): a refresh with
        nothing new must still end the waits that are over."""
        async with self.shared.ctx.db() as s:
            found = await s.scalar(
                select(Torrent.id)
                .where(Torrent.waiting_since.is_not(None), Torrent.status == ItemState.PENDING)
                .limit(1)
            )
        return found is not None

    async def _add_waiting(self, groups: Groups) -> None:
        """Put the items whose episode waits for other releases back into their episode's group,
        so that a refresh with nothing new still ends the waits that are over. Waiting items
        are few and found through the index on waiting_since, not by a scan of the items."""
        sh = self.shared
        present = {c.row.id for cands in groups.values() for c in cands}
        async with sh.ctx.db() as s:
            rows = (
                await s.scalars(
                    select(Torrent).where(
                        Torrent.waiting_since.is_not(None), Torrent.status == ItemState.PENDING
                    )
                )
            ).all()
        if not rows:
            return
        rules = {r.id: r for r in await sh.load_rules()}
        for order, row in enumerate(rows, start=len(present)):
            rule = rules.get(row.bangumi_id) if row.bangumi_id is not None else None
            if row.id in present or rule is None or rule.deleted or not row.save_path or not row.episode_key:
                continue
            parsed = sh.parse(row.name)
            release = Release.from_parsed(parsed) if parsed is not None else Release()
            groups[(row.save_path, row.episode_key)].append(
                Candidate(row, rule, parsed, row.save_path, row.episode_key, release, order)
            )

    async def _kept(self, keys: Iterable[tuple[str, str | None]]) -> dict[tuple[str, str], Torrent]:
        sh = self.shared
        eps = list({ep for _, ep in keys if ep and not ep.startswith("#")})
        kept: dict[tuple[str, str], Torrent] = {}
        async with sh.ctx.db() as s:
            for i in range(0, len(eps), CHUNK):
                rows = await s.scalars(
                    select(Torrent).where(
                        Torrent.status == ItemState.DOWNLOADED, Torrent.episode_key.in_(eps[i : i + CHUNK])
                    )
                )
                for row in rows.all():
                    if row.save_path and row.episode_key:
                        kept[(row.save_path, row.episode_key)] = row
        return kept

    async def decide_and_download(
        self,
        f: Fetcher,
        groups: Groups,
        finals: list[ItemOutcome],
    ) -> int:
        sh = self.shared
        now = self.clock()
        await self._add_waiting(groups)
        kept = await self._kept(groups)
        ladder_cfg = sh.ctx.config.config.preference
        default = _default_ladder(ladder_cfg)
        jobs: list[tuple[Candidate, Torrent | None]] = []
        ladders: dict[int, Preference] = {}  # a rule's ladder, built once for all its episodes
        for (path, ep), cands in groups.items():
            if ep is None or ep.startswith("#"):
                jobs.extend((c, None) for c in cands)
                continue
            rule = cands[0].rule
            pref = ladders.get(rule.id)
            if pref is None:
                pref = ladders[rule.id] = _ladder(rule, default)
            # Codec, bit depth and subtitle form are read from the name as well.
            cands = [replace(c, release=_named(c)) for c in cands]
            if len(cands) > 1:  # one release alone needs no ranking
                cands.sort(key=lambda c: best_first_key(c.release, pref, c.order))
            best, rest = cands[0], cands[1:]
            for c in rest:
                why = ItemReason.DUPLICATE if _as_good(c.release, best.release, pref) else ItemReason.WORSE
                finals.append(Superseded(c.row.id, c.rule.id, why, best.row.id, ep))
            old = kept.get((path, ep))
            if old is None:
                # The first release of an episode may wait for others (the rule's delay, else
                # the default ladder's); the wait began when the first one was seen.
                delay = rule.delay_minutes if rule.delay_minutes is not None else ladder_cfg.delay_minutes
                seen = [_aware(c.row.waiting_since) for c in cands if c.row.waiting_since is not None]
                since = min(seen) if seen else None
                until = wait_until(now, delay, since)
                if until is not None:
                    finals.extend(Waiting(c.row.id, c.rule.id, since or now, until, path, ep) for c in cands)
                    continue
            old_release = None
            if old is not None:
                old_parsed = sh.parse(old.name)
                old_release = Release.from_parsed(old_parsed, old.name) if old_parsed else Release()
            verdict = decide(best.release, old_release, pref)
            if verdict == "skip":
                kept_id = old.id if old is not None else None
                same = old_release is None or _as_good(best.release, old_release, pref)
                why = ItemReason.DUPLICATE_KEPT if same else ItemReason.WORSE_KEPT
                finals.append(Superseded(best.row.id, best.rule.id, why, kept_id, ep))
            else:
                jobs.append((best, old if verdict == "replace" else None))
        downloaded = 0
        if jobs:
            downloaded = await self._download(f, jobs, finals)
        if finals:
            async with sh.ctx.db.begin() as s:
                await s.execute(update(Torrent), [o.row() for o in finals])
        return downloaded

    async def _download(
        self, f: Fetcher, jobs: Sequence[tuple[Candidate, Torrent | None]], finals: list[ItemOutcome]
    ) -> int:
        """Add the winners: .torrent files fetched concurrently, then each batch handed to its
        rule's downloader in one `add_many` call, so qBittorrent gets a few `torrents/add`
        calls instead of one per item. A refused item fails alone (attempts counted); a
        downloader instance that fails keeps its jobs pending for the next refresh (nothing is
        sent to it for the rest of this one) while the other instances' jobs go on."""
        sh = self.shared
        state = _Progress(total=len(jobs))
        if jobs:
            await sh.load_feed_downloaders()  # rules route by their own instance, else their feed's
        sh.tick("download", 0, len(jobs))
        for start in range(0, len(jobs), DOWNLOAD_BATCH):
            batch = jobs[start : start + DOWNLOAD_BATCH]
            by_client: dict[str, tuple[Downloader, list[tuple[Candidate, Torrent | None]]]] = {}
            for c, old in batch:
                name = instance_name(sh.instance_for(c.rule))
                if name in state.down:
                    continue  # stays pending: its instance failed earlier in this refresh
                try:
                    client = sh.downloader_for(c.rule)
                except DaemonError as exc:
                    self._instance_down(name, exc.msg_en, state)
                    continue
                by_client.setdefault(name, (client, []))[1].append((c, old))
            ready = await self._fetch_sources(
                f, [c for _, group in by_client.values() for c, _ in group], finals
            )
            for name, (client, group) in by_client.items():
                await self._add_batch(
                    name, client, [(c, old) for c, old in group if c.row.id in ready], ready, finals, state
                )
            state.attempted = min(state.total, start + len(batch))
            if sh.progress is not None:
                sh.progress.report.downloaded = state.done
            sh.tick("download", state.attempted, state.total)
        if state.down:
            self._retry_all = True
        return state.done

    def _instance_down(
        self, name: str, why: str, state: _Progress, exc: DownloaderError | None = None
    ) -> None:
        """An instance failed: said once per refresh, naming it, and recorded on the instance so
        the status and overview show it until its watcher sees it back."""
        if name in state.down:
            return
        state.down.add(name)
        log.warning(
            "Downloader %r failed (%s): its downloads stay pending for the next refresh; "
            "the other downloaders go on.",
            name,
            why,
        )
        manager = self.shared.ctx.downloader
        if self.shared.downloader_override is None and name in manager.names():
            manager.instance(name).failed(exc)

    async def _fetch_sources(
        self, f: Fetcher, cands: Sequence[Candidate], finals: list[ItemOutcome]
    ) -> dict[int, tuple[bytes | str, str | None]]:
        """What to hand the downloader for each row (the magnet, or the fetched .torrent's
        bytes) and its info-hash, parsed here once; a fetch or parse failure is that row's."""
        sh = self.shared
        ready: dict[int, tuple[bytes | str, str | None]] = {}
        gate = asyncio.Semaphore(FETCH_CONCURRENCY)

        async def one(c: Candidate) -> None:
            row = c.row
            if row.url.lower().startswith("magnet:"):
                ready[row.id] = (row.url, info_hash_of(row.url) or row.qb_hash)
                return
            try:
                async with gate:
                    resp = await f.get(sh.upstreams.feed_url(row.url), max_bytes=MAX_TORRENT_BYTES)
                ready[row.id] = (resp.body, parse_torrent(resp.body)[0])
            except FetchError as exc:
                finals.append(self._failure(row, c.rule.id, exc.bilingual))
            except BadTorrent as exc:
                finals.append(self._failure(row, c.rule.id, exc.msg_en))

        await asyncio.gather(*(one(c) for c in cands))
        return ready

    async def _add_batch(
        self,
        name: str,
        client: Downloader,
        group: Sequence[tuple[Candidate, Torrent | None]],
        ready: dict[int, tuple[bytes | str, str | None]],
        finals: list[ItemOutcome],
        state: _Progress,
    ) -> None:
        if not group:
            return
        sh = self.shared
        no_subfolder = Capabilities.NO_SUBFOLDER in client.capabilities
        requests = [
            AddRequest(
                ready[c.row.id][0],
                save_path=c.save_path,
                category=CATEGORY,
                tags=(f"ab:{c.rule.id}",),
                no_subfolder=no_subfolder,
            )
            for c, _ in group
        ]
        try:
            results = await client.add_many(requests)
        except DownloaderError as exc:
            self._instance_down(name, exc.msg_en, state, exc)
            return
        for (c, old), result in zip(group, results, strict=True):
            row = c.row
            if isinstance(result.error, BadTorrent):
                finals.append(self._failure(row, c.rule.id, result.error.msg_en))
                continue
            if result.error is not None:
                # The client itself failed (unreachable, logged out...): this row stays
                # pending, and so does everything not yet sent to this instance.
                self._instance_down(name, result.error.msg_en, state, result.error)
                continue
            torrent_hash = (result.hash or ready[row.id][1] or "").lower() or None
            finals.append(Downloaded(row.id, c.rule.id, torrent_hash, c.save_path, c.episode))
            state.done += 1
            log.info("Downloading %s into %s", row.name, c.save_path)
            sh.ctx.bus.publish(
                program_pb2.TorrentAddedEvent(
                    bangumi_id=c.rule.id, name=row.name, url=row.url, save_path=c.save_path
                ),
            )
            if old is not None:
                # The new release takes the episode's place, but nothing is deleted: the old
                # torrent keeps seeding and the renamer gives the new file the episode's
                # name, setting the old one aside as "<name>.v1.superseded".
                log.info("Replaced %s with %s", old.name, row.name)
                finals.append(Replaced(old.id, row.id))

    @staticmethod
    def _failure(row: Torrent, rule_id: int, reason: str) -> Failed:
        attempts = row.attempts + 1
        log.warning("Could not add %s (attempt %d/%d): %s", row.name, attempts, MAX_ATTEMPTS, reason)
        return Failed(row.id, rule_id, attempts, reason)

    async def collect(self, f: Fetcher, rule: Bangumi, items: Sequence[FeedItem]) -> int:
        """Download what these stored items hold for `rule`, one release per episode."""
        sh = self.shared
        urls = [it.url for it in items]
        hashes = [it.info_hash for it in items if it.info_hash]
        async with sh.ctx.db() as s:
            rows = list(
                (
                    await s.scalars(
                        select(Torrent).where(
                            or_(Torrent.url.in_(urls), Torrent.qb_hash.in_(hashes)),
                            or_(
                                Torrent.status == ItemState.PENDING,
                                (Torrent.status == ItemState.FAILED) & (Torrent.attempts < MAX_ATTEMPTS),
                            ),
                        )
                    )
                ).all()
            )
        # Collect trusts the user's choice of feed: no title check (as AutoBangumi), but still
        # one release per episode and the rule's filter.
        base = sh.ctx.config.config.downloader.path
        groups: Groups = defaultdict(list)
        finals: list[ItemOutcome] = []
        for order, row in enumerate(rows):
            self.add_candidate(groups, row, rule, sh.parse(row.name), base, order, finals)
        return await self.decide_and_download(f, groups, finals)
