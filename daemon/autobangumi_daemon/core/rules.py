"""Rules from release titles: the draft a new item calls for, and when two drafts are one show.

Pure code. The pipeline fills in the metadata (Mikan or TMDB) and stores the drafts.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Protocol, TypeVar

from autobangumi_daemon.core.matching import group_key, groups_related
from autobangumi_daemon.core.title_parser import ParsedTitle, normalize_for_match

__all__ = [
    "RuleDraft",
    "RuleLike",
    "clean_official_title",
    "draft_from_parse",
    "identity",
    "search_query",
    "semantic_duplicate",
    "title_in_language",
]

# Mikan writes the season into the show's name (`…第二季`); the folder carries it as `Season 2`.
_SEASON_SUFFIX = re.compile(r"\s*第[0-9一二三四五六七八九十百零〇两]+[季期部]\s*$")
# An alias shorter than this (after folding) would match too much (`地` in every title with 地).
MIN_ALIAS_LEN = 3


def clean_official_title(title: str) -> str:
    return _SEASON_SUFFIX.sub("", " ".join(title.split())).strip()


def title_in_language(p: ParsedTitle, language: str) -> str:
    """`rss_parser.language` picks the title; missing ones fall back zh → en → jp (AutoBangumi)."""
    order = {
        "zh": (p.title_zh, p.title_en, p.title_jp),
        "en": (p.title_en, p.title_zh, p.title_jp),
        "jp": (p.title_jp, p.title_zh, p.title_en),
    }.get(language, (p.title_zh, p.title_en, p.title_jp))
    return next((t for t in order if t), "") or ""


@dataclass(slots=True)
class RuleDraft:
    """A rule to create; field names are the `bangumi` table's."""

    official_title: str
    title_raw: str
    season: int = 1
    season_raw: str | None = None
    year: str | None = None
    group_name: str | None = None
    dpi: str | None = None
    source: str | None = None
    subtitle: str | None = None
    poster_link: str | None = None
    eps_collect: bool = False
    filter: str = ""
    rss_link: str = ""
    aliases: list[str] = field(default_factory=list)


class RuleLike(Protocol):
    """What the pure code reads from a stored rule (the ORM row satisfies it)."""

    @property
    def official_title(self) -> str: ...
    @property
    def season(self) -> int: ...
    @property
    def group_name(self) -> str | None: ...
    @property
    def deleted(self) -> bool: ...


R = TypeVar("R", bound=RuleLike)


def identity(title: str, group: str | None, season: int) -> tuple[str, str, int]:
    """One rule per show title, group and season: what "the same rule" means everywhere."""
    return (normalize_for_match(title), group_key(group), season)


def draft_from_parse(
    p: ParsedTitle, language: str, global_filter: Sequence[str], feed_url: str = ""
) -> RuleDraft | None:
    title_raw = p.title
    if not title_raw:
        return None
    raw_key = normalize_for_match(title_raw)
    aliases = []
    for other in (p.title_en, p.title_zh, p.title_jp):
        # The release's other-language titles match too: a group that drops its English title
        # mid-season still finds the rule.
        if (
            other
            and len(normalize_for_match(other)) >= MIN_ALIAS_LEN
            and normalize_for_match(other) != raw_key
        ):
            aliases.append(other)
    episode = p.episode
    first = episode[0] if isinstance(episode, tuple) else episode
    return RuleDraft(
        official_title=clean_official_title(title_in_language(p, language)) or title_raw,
        title_raw=title_raw,
        season=p.season or 1,
        season_raw=p.season_raw,
        group_name=p.group,
        dpi=p.resolution,
        source=p.source,
        subtitle=p.sub_raw or p.sub,
        # A show first seen at episode 1 has no back catalogue to collect (AutoBangumi's rule).
        eps_collect=first is not None and first <= 1,
        filter=",".join(global_filter),
        rss_link=feed_url,
        aliases=aliases,
    )


def semantic_duplicate(draft: RuleDraft, rules: Iterable[R]) -> R | None:
    """An active rule for the same show, season and (related) group under another title spelling.

    Stored as an alias of that rule instead of a second rule (AutoBangumi 3.2's title_aliases).
    """
    title = normalize_for_match(draft.official_title)
    for r in rules:
        if r.deleted or r.season != draft.season:
            continue
        if normalize_for_match(r.official_title) == title and groups_related(r.group_name, draft.group_name):
            return r
    return None


_NON_WORD = re.compile(r"[\W_]+")


def search_query(keywords: Iterable[str | None]) -> str:
    """Keywords for a provider's `%s`: joined by `+`, every non-word character a `+` (AutoBangumi)."""
    joined = "+".join(k.strip() for k in keywords if k and k.strip())
    return "+".join(p for p in _NON_WORD.split(joined) if p)
