"""New rules from aggregate feeds: the rules their pending items call for, with official titles,
years and posters from Mikan or TMDB, created before anything is matched (AutoBangumi 3.2's
manual refresh marked items seen without creating rules, so a refresh right after adding a feed
lost them all)."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence

import orjson
from sqlalchemy import select

from autobangumi_daemon.adapters.http import Fetcher
from autobangumi_daemon.core.matching import groups_related, is_excluded
from autobangumi_daemon.core.rules import RuleDraft, draft_from_parse, identity, semantic_duplicate
from autobangumi_daemon.core.states import ItemState
from autobangumi_daemon.core.title_parser import ParsedTitle
from autobangumi_daemon.db.models import Bangumi, RssItem, Torrent
from autobangumi_daemon.pipeline.rulemsg import rule_from_draft
from autobangumi_daemon.pipeline.shared import PipelineShared, build_index, candidates
from autobangumi_daemon.services.forgotten_rules import forgotten_identities
from autobangumi_daemon.upstreams.metadata import Outage

__all__ = ["RuleCreator"]

log = logging.getLogger(__name__)

METADATA_CONCURRENCY = 4


class RuleCreator:
    def __init__(self, shared: PipelineShared) -> None:
        self.shared = shared

    async def create_rules(self, f: Fetcher, feeds: Sequence[RssItem], outage: Outage | None = None) -> int:
        """Create the rules that pending items of these aggregate feeds call for.

        Items whose metadata host is unreachable stay pending; `outage` says which host and feed."""
        sh = self.shared
        outage = outage if outage is not None else Outage()
        by_id = {feed.id: feed for feed in feeds}
        async with sh.ctx.db() as s:
            rows = list(
                (
                    await s.scalars(
                        select(Torrent)
                        .where(Torrent.rss_id.in_(list(by_id)), Torrent.status == ItemState.PENDING)
                        .order_by(Torrent.id)
                    )
                ).all()
            )
        if not rows:
            return 0
        cfg = sh.ctx.config.config
        language = cfg.rss_parser.language
        global_filter = list(cfg.rss_parser.filter)
        await sh.llm.fill((row.name for row in rows), sh.parse_cache)
        rules = await sh.load_rules()
        index = build_index(rules)
        async with sh.ctx.db() as s:
            forgotten = await forgotten_identities(s)
        drafts: dict[tuple[str, str, int], tuple[RuleDraft, Torrent, ParsedTitle, list[Bangumi]]] = {}
        for row in rows:
            if is_excluded(row.name, global_filter):
                continue
            parsed = sh.parse(row.name)
            if parsed is None or not parsed.title:
                continue
            cands = candidates(index, row.name, parsed)
            if any(groups_related(r.group_name, parsed.group) for r in cands):
                continue  # a rule (active or disabled) already covers this show and group
            key = identity(parsed.title, parsed.group, parsed.season)
            if key in drafts or key in forgotten:
                continue  # one draft per rule; a rule the user deleted is not made again
            feed = by_id[row.rss_id or 0]
            draft = draft_from_parse(parsed, language, global_filter, feed.url)
            if draft is not None:
                drafts[key] = (draft, row, parsed, cands)
        if not drafts:
            return 0
        sem = asyncio.Semaphore(METADATA_CONCURRENCY)

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
                return await sh.upstreams.meta.fill(
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
                sh.tick("rules", looked_up, len(entries))

        entries = list(drafts.values())
        sh.tick("rules", 0, len(entries))
        ok = await asyncio.gather(*(counted(e) for e in entries))
        ready = [e[0] for e, good in zip(entries, ok, strict=True) if good]
        return await self.save_drafts(ready)

    async def save_drafts(self, drafts: Sequence[RuleDraft]) -> int:
        """Insert drafts as rules; a semantic duplicate becomes an alias of the existing rule."""
        sh = self.shared
        if not drafts:
            return 0
        base = sh.ctx.config.config.downloader.path
        created = 0
        async with sh.ctx.db.begin() as s:
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
                rule = rule_from_draft(d, base)
                s.add(rule)
                existing.append(rule)
                idents.add(ident)
                created += 1
                log.info(
                    "New rule: %s (%s, season %d, %s)", d.official_title, d.title_raw, d.season, d.group_name
                )
        sh.rules_changed()
        return created
