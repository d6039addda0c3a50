"""Feed analysis (one rule from a feed, not saved) and provider search (one rule per variant)."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator

from autobangumi.v1 import bangumi_pb2
from autobangumi_daemon.adapters.feeds import FeedError
from autobangumi_daemon.adapters.http import Fetcher, FetchError
from autobangumi_daemon.core.matching import is_excluded
from autobangumi_daemon.core.rules import RuleDraft, draft_from_parse, search_query
from autobangumi_daemon.core.title_parser import ParsedTitle
from autobangumi_daemon.errors import DaemonError, failed
from autobangumi_daemon.pipeline.feeds import FeedPipeline
from autobangumi_daemon.pipeline.rulemsg import draft_to_message
from autobangumi_daemon.upstreams.metadata import Outage

__all__ = ["MAX_RESULTS", "analyse", "search"]

log = logging.getLogger(__name__)

MAX_RESULTS = 100
_METADATA_CONCURRENCY = 4


async def analyse(pipeline: FeedPipeline, url: str, parser: str) -> bangumi_pb2.Bangumi:
    """The first parseable item of a feed as a rule (AutoBangumi's `/rss/analysis`)."""
    cfg = pipeline.ctx.config.config
    up = pipeline.ctx.upstreams
    async with up.open() as f:
        try:
            parsed, _ = await up.fetch_feed(f, url)
        except (FetchError, FeedError) as exc:
            raise failed(f"Cannot parse this link: {exc.msg_en}", f"无法解析此链接：{exc.msg_zh}") from None
        items = parsed.items if parsed else []
        if not items:
            raise failed("Cannot find any torrent.", "找不到任何种子。")
        for it in items:
            p = pipeline.parse(it.title)
            if p is None:
                continue
            draft = draft_from_parse(p, cfg.rss_parser.language, list(cfg.rss_parser.filter), url)
            if draft is None:
                continue
            await up.meta.fill(
                f, draft, parser or "mikan", p, it.homepage, cfg.rss_parser.language, feed_url=url
            )
            return draft_to_message(draft)
    raise failed("Cannot parse this link.", "无法解析此链接。")


def _variant_link(template: str, draft: RuleDraft) -> str:
    query = search_query(
        [draft.group_name, draft.title_raw, draft.season_raw, draft.subtitle, draft.source, draft.dpi]
    )
    return template.replace("%s", query)


async def search(
    pipeline: FeedPipeline, site: str, template: str, keywords: str
) -> AsyncIterator[bangumi_pb2.Bangumi]:
    """One rule per release variant found by a provider, streamed as metadata arrives."""
    words = keywords.split()
    if not words:
        return
    cfg = pipeline.ctx.config.config
    up = pipeline.ctx.upstreams
    language = cfg.rss_parser.language
    global_filter = list(cfg.rss_parser.filter)
    url = template.replace("%s", search_query(words))
    is_mikan = site == "mikan" or up.mikan.is_mikan(url)
    parser = "mikan" if is_mikan else "tmdb"
    async with up.open() as f:
        try:
            parsed, _ = await up.fetch_feed(f, url)
        except (FetchError, FeedError) as exc:
            raise failed(f"Search failed: {exc.msg_en}", f"搜索失败：{exc.msg_zh}") from None
        drafts: dict[str, tuple[RuleDraft, str | None, ParsedTitle]] = {}
        for it in parsed.items if parsed else []:
            if is_excluded(it.title, global_filter):
                continue
            p = pipeline.parse(it.title)
            if p is None:
                continue
            draft = draft_from_parse(p, language, global_filter)
            if draft is None:
                continue
            # One result per variant (group, title, season, subtitles, source, resolution): its
            # own search feed URL, which is also what AutoBangumi deduplicates on.
            # The provider's own link: the mirror is applied when the feed is fetched.
            draft.rss_link = _variant_link(template, draft)
            if draft.rss_link in drafts:
                continue
            drafts[draft.rss_link] = (draft, it.homepage, p)
            if len(drafts) >= MAX_RESULTS:
                break
        async for msg in _with_metadata(pipeline, f, list(drafts.values()), parser, language, url):
            yield msg


async def _with_metadata(
    pipeline: FeedPipeline,
    f: Fetcher,
    entries: list[tuple[RuleDraft, str | None, ParsedTitle]],
    parser: str,
    language: str,
    feed_url: str,
) -> AsyncIterator[bangumi_pb2.Bangumi]:
    sem = asyncio.Semaphore(_METADATA_CONCURRENCY)
    # Shared by the results: once Mikan or TMDB is unreachable, the rest do not wait on it.
    outage = Outage()

    async def one(draft: RuleDraft, homepage: str | None, parsed: ParsedTitle) -> bangumi_pb2.Bangumi:
        async with sem:
            # A result without metadata is still a result: the user can edit the title.
            with contextlib.suppress(FetchError, DaemonError):
                await pipeline.ctx.upstreams.meta.fill(
                    f, draft, parser, parsed, homepage, language, feed_url=feed_url, outage=outage
                )
            return draft_to_message(draft)

    tasks = [asyncio.ensure_future(one(d, h, p)) for d, h, p in entries]
    try:
        for fut in asyncio.as_completed(tasks):
            yield await fut
    finally:
        for t in tasks:
            t.cancel()
        for host, failure in outage.failures.items():
            log.warning("%s (search: %d result(s) without it)", failure.describe()[0], outage.deferred[host])
