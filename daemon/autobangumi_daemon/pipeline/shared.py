"""What the pipeline's jobs (intake, new rules, downloads, rule maintenance) share: the context,
titles parsed once, the downloader to use, the running refresh's progress, and the rules."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from sqlalchemy import select

from autobangumi.v1 import program_pb2
from autobangumi_daemon.adapters.downloaders.base import Downloader
from autobangumi_daemon.context import AppContext
from autobangumi_daemon.core.matching import TitleIndex
from autobangumi_daemon.core.title_parser import ParsedTitle, parse_title
from autobangumi_daemon.db.models import Bangumi, RssItem
from autobangumi_daemon.pipeline.llm_fallback import LLMFallback
from autobangumi_daemon.pipeline.progress import RefreshProgress

__all__ = ["CHUNK", "PipelineShared", "build_index", "candidates"]

CHUNK = 500  # ids or URLs per `IN (...)`: SQLite's limit on bound parameters is far above it
_PARSE_CACHE = 50_000


def build_index(rules: Iterable[Bangumi]) -> TitleIndex[Bangumi]:
    index: TitleIndex[Bangumi] = TitleIndex()
    for r in rules:
        index.add(r.title_raw, r)
        index.add_many(r.aliases(), r)
    return index


def candidates(index: TitleIndex[Bangumi], name: str, parsed: ParsedTitle | None) -> list[Bangumi]:
    """Rules whose longest title is in the name, compatible with the season the name states."""
    hit = index.longest(name)
    if hit is None:
        return []
    rules = hit[1]
    if parsed is not None and parsed.season_raw:
        rules = [r for r in rules if parsed.season in (r.season, r.season + r.season_offset)]
    return rules


class PipelineShared:
    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx
        self.upstreams = ctx.upstreams
        self.parse_cache: dict[str, ParsedTitle | None] = {}
        self.llm = LLMFallback(ctx)  # reads the titles the rules cannot, when configured
        self.progress: RefreshProgress | None = None  # the running refresh's, if any
        self.rules_version = 0
        self.rules_changed_listeners: list[Callable[[], None]] = []
        # For tests and the benchmark: a Downloader to use instead of the configured one.
        self.downloader_override: Downloader | None = None
        # The rules' title index, built once per rules version: a refresh with something
        # pending would otherwise load and index every rule again (10,000 rules: ~0.4 s).
        self._index: tuple[int, TitleIndex[Bangumi]] | None = None
        # Feed URL -> the downloader instance its feed names, read by load_feed_downloaders
        # so routing a rule by its feed needs no query per item.
        self.feed_downloaders: dict[str, str] = {}

    def parse(self, name: str) -> ParsedTitle | None:
        cache = self.parse_cache
        if name not in cache:
            if len(cache) > _PARSE_CACHE:
                cache.clear()
            cache[name] = parse_title(name)
        return cache[name]

    def downloader(self) -> Downloader:
        if self.downloader_override is not None:
            return self.downloader_override
        return self.ctx.downloader.get()

    def instance_for(self, rule: Bangumi) -> str | None:
        """The instance a rule downloads with: its own, else its first feed's that names one,
        else None (the default)."""
        if rule.downloader and rule.downloader.strip():
            return rule.downloader.strip()
        for url in (rule.rss_link or "").split(","):
            name = self.feed_downloaders.get(url.strip())
            if name:
                return name
        return None

    def downloader_for(self, rule: Bangumi) -> Downloader:
        """The client for a rule's downloads (see instance_for); an instance that was removed
        from the settings is a bilingual error naming it, so the item stays pending."""
        if self.downloader_override is not None:
            return self.downloader_override
        return self.ctx.downloader.get(self.instance_for(rule))

    def tick(self, stage: str, done: int, total: int) -> None:
        if self.progress is not None:
            self.progress.update(stage, done, total)

    def rules_changed(self) -> None:
        """Rules were created or edited: pending items are matched again, caches dropped."""
        self.rules_version += 1
        self._index = None
        for cb in self.rules_changed_listeners:
            cb()
        self.ctx.bus.publish(program_pb2.RulesChangedEvent())

    async def load_rules(self) -> list[Bangumi]:
        async with self.ctx.db() as s:
            return list((await s.scalars(select(Bangumi).order_by(Bangumi.id))).all())

    async def load_feed_downloaders(self) -> None:
        """Read which instance each feed names. Feeds are few and this runs once per refresh
        that has something to add, so a feed edited since the rules were indexed routes right."""
        async with self.ctx.db() as s:
            feeds = (await s.execute(select(RssItem.url, RssItem.downloader))).all()
        self.feed_downloaders = {url: name for url, name in feeds if name}

    async def rule_index(self) -> TitleIndex[Bangumi]:
        """Every rule by title and alias, kept until `rules_changed` (every rule write calls
        it, as the rule list the WebUI reads relies on too). The rules in it are detached
        copies: read them, never write through them."""
        cached = self._index
        if cached is not None and cached[0] == self.rules_version:
            return cached[1]
        version = self.rules_version
        index = build_index(await self.load_rules())
        if version == self.rules_version:  # not changed while loading: a stale copy is not kept
            self._index = (version, index)
        return index
