"""Asking an OpenAI-compatible chat-completions endpoint to read the titles the rules cannot.

The rule-based parser runs first; a title goes to the model only when it finds no title there
(or always, in "primary" mode). The answer is kept only where the title bears it out
(`core.title_parser.llm.validate`), each request has a timeout, and any failure (network, HTTP
error, timeout, malformed answer) leaves the rule-based result. Never raises to its caller.

Answers are cached twice: in memory (an LRU of `cache_size` titles) and, when a `cache_file` is
given, in a small JSON file beside the database, so a restart does not ask again for the titles
of a feed it has already read. Only accepted answers are cached; failures are retried next time.

The endpoint is a URL fetched on the user's behalf like a feed: its own sessions connect through
the SSRF guard (`netguard`), so a model on the LAN needs AB_FETCH_ALLOW_NETWORKS like a LAN feed.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
from collections import OrderedDict
from pathlib import Path

import aiohttp

from autobangumi_daemon.core.title_parser import ParsedTitle, parse_title
from autobangumi_daemon.core.title_parser.llm import (
    LLMConfig,
    LLMError,
    is_confident,
    merge,
    parse_answer,
    request_body,
    validate,
)
from autobangumi_daemon.netguard import ALLOW_ENV, BlockedAddress, GuardedConnector, NetPolicy

log = logging.getLogger(__name__)

# The file cache holds validated answers (field -> text); a bound keeps it small.
FILE_CACHE_MAX = 5000


class LLMTitleParser:
    """Parse titles with the rules, asking the model when they find no title. One per config."""

    def __init__(
        self,
        config: LLMConfig,
        session: aiohttp.ClientSession | None = None,
        cache_file: Path | None = None,
        policy: NetPolicy | None = None,
    ) -> None:
        self.config = config
        self._policy = policy or NetPolicy()
        self._session = session
        self._own_session = session is None
        self._cache: OrderedDict[str, ParsedTitle | None] = OrderedDict()
        self._answers: dict[str, dict[str, str]] = {}
        self._cache_file = cache_file
        self.requests = 0  # how many requests were sent; for tests and metrics
        if cache_file is not None:
            self._answers = _read_cache(cache_file)

    async def __aenter__(self) -> LLMTitleParser:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    async def close(self) -> None:
        if self._own_session and self._session is not None:
            await self._session.close()
            self._session = None

    def bind(self, session: aiohttp.ClientSession | None) -> None:
        """Send through `session` (owned by the caller) from now on; None to let go of it."""
        if self._own_session and self._session is not None and self._session is not session:
            raise RuntimeError("close the parser's own session before binding another")
        self._session = session
        self._own_session = session is None

    async def parse(self, title: str) -> ParsedTitle | None:
        """The best reading of `title`; the rule-based result when the model is not usable."""
        rule = parse_title(title)
        if self.config.mode == "fallback" and is_confident(rule):
            return rule
        if title in self._cache:
            self._cache.move_to_end(title)
            return self._cache[title]
        answer = self._answers.get(title)
        if answer is None:
            try:
                answer = validate(await self._ask(title), title)
            except BlockedAddress as exc:
                log.warning(
                    "LLM endpoint %s is not a public address and was not asked (list its network in %s "
                    "to allow it); using the rule-based result",
                    exc.host,
                    ALLOW_ENV,
                )
                return rule
            except (LLMError, aiohttp.ClientError, TimeoutError, ValueError) as exc:
                log.warning("LLM title parse failed, using rule-based result: %s", exc)
                return rule
            self._remember(title, answer)
        result = merge(rule, answer) or rule
        self._cache[title] = result
        if len(self._cache) > self.config.cache_size:
            self._cache.popitem(last=False)
        return result

    async def _ask(self, title: str) -> dict[str, str]:
        if self._session is None:
            self._session = aiohttp.ClientSession(connector=GuardedConnector(self._policy))
        self.requests += 1
        timeout = aiohttp.ClientTimeout(total=self.config.timeout)
        async with asyncio.timeout(self.config.timeout):
            async with self._session.post(
                self.config.endpoint(),
                json=request_body(self.config, title),
                headers=self.config.headers(),
                timeout=timeout,
            ) as resp:
                text = await resp.text()
                if resp.status != 200:
                    raise LLMError(f"HTTP {resp.status}: {text[:200]}")
        return parse_answer(text)

    def _remember(self, title: str, answer: dict[str, str]) -> None:
        self._answers[title] = answer
        while len(self._answers) > FILE_CACHE_MAX:
            self._answers.pop(next(iter(self._answers)))
        if self._cache_file is not None:
            _write_cache(self._cache_file, self._answers)


def _read_cache(path: Path) -> dict[str, dict[str, str]]:
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return {}  # absent or damaged: start empty, it is only a cache
    if not isinstance(data, dict):
        return {}
    return {
        k: {f: x for f, x in v.items() if isinstance(x, str)}
        for k, v in data.items()
        if isinstance(k, str) and isinstance(v, dict)
    }


def _write_cache(path: Path, answers: dict[str, dict[str, str]]) -> None:
    tmp = path.with_name(path.name + ".tmp")
    try:
        tmp.write_text(json.dumps(answers, ensure_ascii=False), "utf-8")
        os.replace(tmp, path)
    except OSError as exc:
        log.warning("could not write the LLM answer cache %s: %s", path, exc)
