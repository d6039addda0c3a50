"""TMDB-backed library upkeep: archive ended shows, fill posters, suggest and detect offsets,
and the periodic scan that flags rules whose episodes do not fit their season."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from sqlalchemy import select

from autobangumi_daemon.adapters.http import FetchError
from autobangumi_daemon.adapters.tmdb import series_shape
from autobangumi_daemon.context import AppContext
from autobangumi_daemon.core.offsets import Detection, SeriesShape, detect, suggest_offset
from autobangumi_daemon.core.title_parser import parse_title
from autobangumi_daemon.db.models import Bangumi, Torrent
from autobangumi_daemon.pipeline.feeds import FeedPipeline

__all__ = ["MetadataResult", "detect_offset", "refresh_metadata", "scan_offsets", "shape_for", "suggest"]

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class MetadataResult:
    archived: int
    posters: int


async def shape_for(ctx: AppContext, pipeline: FeedPipeline, title: str) -> SeriesShape | None:
    """The TMDB shape of a series, or None (no key configured, not found, TMDB unreachable)."""
    tmdb = ctx.upstreams.tmdb
    if not tmdb.enabled:
        return None
    try:
        async with ctx.upstreams.open() as f:
            return await series_shape(tmdb, f, title, ctx.config.config.rss_parser.language)
    except FetchError as exc:
        log.warning("TMDB lookup of %s failed: %s", title, exc.msg_en)
        return None


async def suggest(ctx: AppContext, pipeline: FeedPipeline, rule: Bangumi) -> tuple[int, str]:
    if rule.season <= 1:
        return 0, "Season 1 needs no offset."
    shape = await shape_for(ctx, pipeline, rule.official_title)
    if shape is None:
        return 0, "No TMDB data for this show."
    return suggest_offset(shape, rule.season)


async def detect_offset(
    ctx: AppContext, pipeline: FeedPipeline, title: str, season: int, episode: int
) -> tuple[Detection, SeriesShape | None]:
    shape = await shape_for(ctx, pipeline, title)
    if shape is None:
        return Detection(False, None), None
    return detect(shape, season, episode), shape


async def refresh_metadata(ctx: AppContext, pipeline: FeedPipeline) -> MetadataResult:
    """Archive the rules of shows TMDB calls Ended; fill missing posters."""
    tmdb = ctx.upstreams.tmdb
    language = ctx.config.config.rss_parser.language
    async with ctx.db() as s:
        rules = list((await s.scalars(select(Bangumi).where(Bangumi.deleted.is_(False)))).all())
    archived = posters = 0
    if not tmdb.enabled:
        return MetadataResult(0, 0)
    async with ctx.upstreams.open() as f:
        for rule in rules:
            try:
                info = await tmdb.lookup(f, rule.official_title, language)
            except FetchError as exc:  # one show's failure never stops the others
                log.info("Metadata for %s not refreshed: %s", rule.official_title, exc.msg_en)
                continue
            if info is None:
                continue
            changes: dict[str, object] = {}
            if info.status == "Ended" and not rule.archived:
                changes["archived"] = True
                archived += 1
            if not rule.poster_link and info.poster_url:
                link = await ctx.upstreams.posters.fetch(f, info.poster_url)
                if link:
                    changes["poster_link"] = link
                    posters += 1
            if changes:
                async with ctx.db.begin() as s:
                    row = await s.get(Bangumi, rule.id)
                    if row is not None:
                        for key, value in changes.items():
                            setattr(row, key, value)
    if archived or posters:
        pipeline.rules_changed()
    return MetadataResult(archived, posters)


async def scan_offsets(ctx: AppContext, pipeline: FeedPipeline) -> int:
    """Flag rules whose downloaded episodes do not fit TMDB's season (once; a dismissed or
    reviewed rule is not flagged again for the same suggestion)."""
    async with ctx.db() as s:
        rules = list(
            (
                await s.scalars(
                    select(Bangumi).where(
                        Bangumi.deleted.is_(False),
                        Bangumi.archived.is_(False),
                        Bangumi.needs_review.is_(False),
                        Bangumi.episode_offset == 0,
                        Bangumi.season_offset == 0,
                    )
                )
            ).all()
        )
    flagged = 0
    for rule in rules:
        async with ctx.db() as s:
            names = list(
                (await s.scalars(select(Torrent.name).where(Torrent.bangumi_id == rule.id).limit(200))).all()
            )
        episodes = [
            int(p.episode)
            for n in names
            if (p := parse_title(n)) is not None and isinstance(p.episode, int | float) and p.episode >= 1
        ]
        if not episodes:
            continue
        found, shape = await detect_offset(ctx, pipeline, rule.official_title, rule.season, max(episodes))
        if shape is None or not found.has_mismatch or found.suggestion is None:
            continue
        sug = found.suggestion
        if (sug.season_offset, sug.episode_offset) == (
            rule.suggested_season_offset,
            rule.suggested_episode_offset,
        ):
            continue  # already suggested and dismissed: do not nag
        async with ctx.db.begin() as s:
            row = await s.get(Bangumi, rule.id)
            if row is None:
                continue
            row.needs_review = True
            row.needs_review_reason = sug.reason
            row.suggested_season_offset = sug.season_offset
            row.suggested_episode_offset = sug.episode_offset
        flagged += 1
        log.info("Rule %s flagged for review: %s", rule.official_title, sug.reason)
    if flagged:
        pipeline.rules_changed()
    return flagged
