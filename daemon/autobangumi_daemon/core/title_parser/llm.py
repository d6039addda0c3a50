"""Optional LLM title parser over an OpenAI-compatible chat-completions endpoint.

This is AutoBangumi's `experimental_openai` section done defensively: the rule-based parser runs
first; only titles it cannot read confidently are sent (or every title in "primary" mode), the
answer must follow a strict JSON schema, each request has a timeout, answers are cached in
memory, and any failure (network, HTTP error, timeout, malformed answer) falls back to the
rule-based result. It never raises to its caller.

Unlike the rest of this package it does I/O (aiohttp); the parser itself stays pure.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections import OrderedDict
from dataclasses import dataclass, replace
from typing import Any, Literal

import aiohttp

from .model import Episode, ParsedTitle
from .numbers import to_number
from .parser import parse_title

log = logging.getLogger(__name__)

SYSTEM_PROMPT = (
    "You extract fields from one anime release title (a torrent or RSS item name). "
    "Answer only with JSON matching the schema. Copy titles exactly as written in the input; "
    "never translate or invent. title_zh is the Chinese title, title_en the English or romaji "
    "title, title_jp the Japanese title (with kana). season is the season number as digits "
    '("1" when the title has no season marker) and season_raw the marker as written ("" if none). '
    'episode is the episode number as written without padding ("12.5" allowed, "1-12" for a '
    'range, "" if none). group is the release group, sub the subtitle tag, resolution like "1080p", '
    'source the medium or platform. Use "" for anything absent.'
)

_FIELDS: tuple[str, ...] = ("title_en", "title_zh", "title_jp", "season", "season_raw", "episode")
_FIELDS += ("sub", "group", "resolution", "source")

# The structured-output schema: every key required, strings only (as AutoBangumi's model has it).
RESPONSE_FORMAT: dict[str, Any] = {
    "type": "json_schema",
    "json_schema": {
        "name": "release_title",
        "strict": True,
        "schema": {
            "type": "object",
            "properties": {name: {"type": "string"} for name in _FIELDS},
            "required": list(_FIELDS),
            "additionalProperties": False,
        },
    },
}


@dataclass(frozen=True, slots=True)
class LLMConfig:
    """Connection settings; field names follow AutoBangumi's `experimental_openai` section."""

    api_key: str = ""
    api_base: str = "https://api.openai.com/v1"
    api_type: Literal["openai", "azure"] = "openai"
    api_version: str = "2023-05-15"
    model: str = "gpt-4o-mini"
    deployment_id: str = ""
    timeout: float = 20.0
    cache_size: int = 2048
    # "fallback": ask only when the rule-based parser is unsure; "primary": ask for every title.
    mode: Literal["fallback", "primary"] = "fallback"

    def endpoint(self) -> str:
        base = self.api_base.rstrip("/")
        if self.api_type == "azure":
            return (
                f"{base}/openai/deployments/{self.deployment_id}/chat/completions"
                f"?api-version={self.api_version}"
            )
        if base in ("https://api.openai.com", "http://api.openai.com"):
            base += "/v1"  # AutoBangumi normalises a bare OpenAI host the same way
        return f"{base}/chat/completions"

    def headers(self) -> dict[str, str]:
        if self.api_type == "azure":
            return {"api-key": self.api_key, "Content-Type": "application/json"}
        return {"Authorization": f"Bearer {self.api_key}", "Content-Type": "application/json"}


def is_confident(parsed: ParsedTitle | None) -> bool:
    """Whether a rule-based result is good enough not to ask the model."""
    if parsed is None or parsed.title is None:
        return False
    return parsed.episode is not None or parsed.batch or parsed.episode_type == "movie"


class LLMError(Exception):
    """The endpoint failed or answered something unusable."""


class LLMTitleParser:
    """Parse titles with the rules, asking the model when needed. One instance per config."""

    def __init__(self, config: LLMConfig, session: aiohttp.ClientSession | None = None) -> None:
        self.config = config
        self._session = session
        self._own_session = session is None
        self._cache: OrderedDict[str, ParsedTitle] = OrderedDict()
        self.requests = 0  # how many requests were sent; for tests and metrics

    async def __aenter__(self) -> LLMTitleParser:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    async def close(self) -> None:
        if self._own_session and self._session is not None:
            await self._session.close()
            self._session = None

    async def parse(self, title: str) -> ParsedTitle | None:
        """The best reading of `title`; the rule-based result when the model is not usable."""
        rule = parse_title(title)
        if self.config.mode == "fallback" and is_confident(rule):
            return rule
        cached = self._cache.get(title)
        if cached is not None:
            self._cache.move_to_end(title)
            return cached
        try:
            answer = await self._ask(title)
            result = merge(rule, answer)
        except (LLMError, aiohttp.ClientError, TimeoutError, ValueError) as exc:
            log.warning("LLM title parse failed, using rule-based result: %s", exc)
            return rule
        if result is None:
            return rule
        self._cache[title] = result
        if len(self._cache) > self.config.cache_size:
            self._cache.popitem(last=False)
        return result

    async def _ask(self, title: str) -> dict[str, str]:
        if self._session is None:
            self._session = aiohttp.ClientSession()
        body = {
            "model": self.config.model,
            "temperature": 0,
            "messages": [
                {"role": "system", "content": SYSTEM_PROMPT},
                {"role": "user", "content": title},
            ],
            "response_format": RESPONSE_FORMAT,
        }
        self.requests += 1
        timeout = aiohttp.ClientTimeout(total=self.config.timeout)
        async with asyncio.timeout(self.config.timeout):
            async with self._session.post(
                self.config.endpoint(), json=body, headers=self.config.headers(), timeout=timeout
            ) as resp:
                text = await resp.text()
                if resp.status != 200:
                    raise LLMError(f"HTTP {resp.status}: {text[:200]}")
        return parse_answer(text)


def parse_answer(body: str) -> dict[str, str]:
    """Pull the JSON object out of a chat-completion response body, checking its shape."""
    try:
        data = json.loads(body)
        message = data["choices"][0]["message"]
    except (ValueError, KeyError, IndexError, TypeError) as exc:
        raise LLMError(f"not a chat completion: {exc}") from exc
    if message.get("refusal"):
        raise LLMError(f"model refused: {message['refusal']}")
    content = message.get("content")
    if not isinstance(content, str):
        raise LLMError("no content in the answer")
    try:
        fields = json.loads(content)
    except ValueError as exc:
        raise LLMError(f"answer is not JSON: {exc}") from exc
    if not isinstance(fields, dict):
        raise LLMError("answer is not a JSON object")
    return {k: v.strip() for k in _FIELDS if isinstance(v := fields.get(k), str)}


def _episode(text: str) -> Episode | None:
    text = text.strip()
    for sep in ("-", "~"):
        if sep in text:
            first, _, last = text.partition(sep)
            a, b = to_number(first.strip()), to_number(last.strip())
            if a is not None and b is not None and b > a:
                return (a, b)
    return to_number(text)


def merge(rule: ParsedTitle | None, answer: dict[str, str]) -> ParsedTitle | None:
    """The model's titles, group, season and episode over the rule-based tags."""
    base = rule or ParsedTitle()
    season_text = answer.get("season", "")
    season = int(season_text) if season_text.isdigit() and int(season_text) > 0 else base.season
    episode = _episode(answer.get("episode", "")) if answer.get("episode") else base.episode
    result = replace(
        base,
        title_en=answer.get("title_en") or base.title_en,
        title_zh=answer.get("title_zh") or base.title_zh,
        title_jp=answer.get("title_jp") or base.title_jp,
        group=answer.get("group") or base.group,
        season=season,
        season_raw=answer.get("season_raw") or base.season_raw,
        episode=episode,
        batch=base.batch or isinstance(episode, tuple),
        resolution=base.resolution or _resolution(answer.get("resolution", "")),
        source=base.source or answer.get("source") or None,
        sub_raw=base.sub_raw or answer.get("sub") or None,
    )
    return result if result.title is not None else None


def _resolution(text: str) -> str | None:
    digits = "".join(c for c in text if c.isdigit())
    return f"{digits}p" if digits in ("480", "720", "1080", "1440", "2160") else None
