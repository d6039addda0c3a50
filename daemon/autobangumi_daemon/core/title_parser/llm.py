"""The pure half of the optional LLM title parser (AutoBangumi's `experimental_openai`).

What to send (prompt, schema, endpoint and headers), how to read the answer, and what of it to
believe: every value the model gives must be found in the title itself, so a model cannot invent a
title, an episode or a group. The request itself is sent by `adapters/llm.py`; nothing here does I/O.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, replace
from typing import Any, Literal

from .model import Episode, ParsedTitle
from .numbers import to_number

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


def request_body(config: LLMConfig, title: str) -> dict[str, Any]:
    """The chat-completion request for one title."""
    return {
        "model": config.model,
        "temperature": 0,
        "messages": [
            {"role": "system", "content": SYSTEM_PROMPT},
            {"role": "user", "content": title},
        ],
        "response_format": RESPONSE_FORMAT,
    }


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


def _fold(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text)).casefold().strip()


def _number_in(number: float, title: str) -> bool:
    """Whether `number` is written in the title as a number of its own (`01` counts for 1)."""
    text = f"{number:g}".replace(".", r"\.")
    return re.search(rf"(?<![\d.])0*{text}(?![\d])", unicodedata.normalize("NFKC", title)) is not None


def validate(answer: dict[str, str], title: str) -> dict[str, str]:
    """The part of a model's answer that the title bears out; the rest is dropped.

    Text fields must occur in the title (compared after width and case folding); an episode
    or a range only when each number is written in the title; a season other than 1 only with
    its marker (`season_raw`) found in the title.
    """
    folded = _fold(title)
    kept: dict[str, str] = {}
    for name, value in answer.items():
        if not value:
            continue
        if name == "episode":
            ep = _episode(value)
            numbers = list(ep) if isinstance(ep, tuple) else [ep] if ep is not None else []
            if numbers and all(_number_in(n, title) for n in numbers):
                kept[name] = value
        elif name == "season":
            continue  # decided below, from season_raw
        elif _fold(value) in folded:
            kept[name] = value
    season = answer.get("season", "")
    if season == "1" or (season.isdigit() and "season_raw" in kept):
        kept["season"] = season
    return kept


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
