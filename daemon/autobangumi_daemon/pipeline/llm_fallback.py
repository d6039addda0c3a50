"""The LLM fallback in the feed pipeline: titles the rules read no title from go to the model.

Behind `experimental_openai.enable` (off by default). Only a name whose rule-based parse found no
title is sent, at most `MAX_PER_PASS` a pass, a few at a time; the model's reading, checked
against the name, replaces the empty one in the pipeline's parse cache. Answers are cached in
memory and in `llm_titles.json` in the data folder (see adapters/llm.py).
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable, MutableMapping
from typing import TYPE_CHECKING, Literal, cast

import aiohttp

from autobangumi_daemon.adapters.llm import LLMTitleParser
from autobangumi_daemon.core.title_parser import ParsedTitle, parse_title
from autobangumi_daemon.core.title_parser.llm import LLMConfig
from autobangumi_daemon.netguard import GuardedConnector

if TYPE_CHECKING:
    from autobangumi_daemon.context import AppContext

MAX_PER_PASS = 50
CONCURRENCY = 4
CACHE_FILE = "llm_titles.json"


class LLMFallback:
    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx
        self._parser: LLMTitleParser | None = None
        self._config: LLMConfig | None = None
        self._asked: set[str] = set()  # names already handled in this process

    def config(self) -> LLMConfig | None:
        """The settings in force, or None while the fallback is off."""
        section = self.ctx.config.config.experimental_openai
        if not section.enable:
            return None
        base = LLMConfig()
        return LLMConfig(
            api_key=section.api_key,
            api_base=section.api_base or base.api_base,  # empty means the default
            api_type=cast(Literal["openai", "azure"], section.api_type or "openai"),
            api_version=section.api_version or base.api_version,
            model=section.model or base.model,
            deployment_id=section.deployment_id,
        )

    async def fill(self, names: Iterable[str], cache: MutableMapping[str, ParsedTitle | None]) -> int:
        """Ask about the names the rules gave up on; put the answers in `cache`. How many asked."""
        config = self.config()
        if config is None:
            return 0
        if config != self._config:
            self._parser = LLMTitleParser(
                config, cache_file=self.ctx.paths.data_dir / CACHE_FILE, policy=self.ctx.net_policy
            )
            self._config, self._asked = config, set()
        parser = self._parser
        assert parser is not None
        todo: list[str] = []
        for name in dict.fromkeys(names):
            if name in self._asked:
                continue
            parsed = cache[name] if name in cache else parse_title(name)
            if parsed is None or parsed.title is None:
                todo.append(name)
            if len(todo) >= MAX_PER_PASS:
                break
        if not todo:
            return 0
        sem = asyncio.Semaphore(CONCURRENCY)

        async def one(name: str) -> None:
            async with sem:
                cache[name] = await parser.parse(name)
                self._asked.add(name)

        # The endpoint is fetched on the user's behalf: the same SSRF guard as feeds.
        async with aiohttp.ClientSession(connector=GuardedConnector(self.ctx.net_policy)) as session:
            parser.bind(session)
            try:
                await asyncio.gather(*(one(n) for n in todo))
            finally:
                parser.bind(None)
        return len(todo)
