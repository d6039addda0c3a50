"""Matching release names to rules, and the exclusion filters.

Titles are compared after `normalize_for_match` (Traditional→Simplified, full width, case,
punctuation), so `葬送的芙莉蓮`, `葬送的芙莉莲` and `ＳＯＵＳＯＵ` find the same rule. The longest
matching title wins, as in AutoBangumi, but a Latin title must match whole words: AutoBangumi's
plain substring test let the rule `mono` take `Monogatari` episodes (users-voice #932).

The index finds every title starting at each position through a two-character prefix table
whose entries group the titles by length: at each position one dict lookup per distinct
title length (a few dozen at most), never one comparison per title, so thousands of titles
sharing their first characters cost no more than a few (AutoBangumi builds one regex
alternation of every title, which grows with the rules).
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterable
from typing import Any, Generic, TypeVar

from autobangumi_daemon.core.title_parser import normalize_for_match

__all__ = [
    "TitleIndex",
    "compile_filter",
    "excluding_term",
    "filter_terms",
    "group_key",
    "group_members",
    "groups_related",
    "is_excluded",
]

T = TypeVar("T")


def _is_word_char(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def _longest_first(entry: tuple[int, dict[str, Any]]) -> int:
    return -entry[0]


class TitleIndex(Generic[T]):
    """Titles (already any spelling) mapped to values; `longest(name)` finds the best title."""

    def __init__(self) -> None:
        # first two characters of the normalised key -> [(length, {key: values})] longest first
        self._by_prefix: dict[str, list[tuple[int, dict[str, list[T]]]]] = {}
        self._single: dict[str, list[T]] = {}
        self._values: dict[str, list[T]] = {}

    def __len__(self) -> int:
        return len(self._values)

    def add(self, title: str, value: T) -> None:
        key = normalize_for_match(title)
        if not key:
            return
        existing = self._values.get(key)
        if existing is not None:
            if value not in existing:
                existing.append(value)
            return
        values = [value]
        self._values[key] = values
        if len(key) == 1:
            self._single[key] = values
            return
        # Longest length first; titles of one length share a dict (at most one of them can
        # start at a given position), so adding is a lookup and a rare insertion.
        bucket = self._by_prefix.setdefault(key[:2], [])
        for length, same in bucket:
            if length == len(key):
                same[key] = values
                break
        else:
            bisect.insort(bucket, (len(key), {key: values}), key=_longest_first)

    def add_many(self, titles: Iterable[str], value: T) -> None:
        for t in titles:
            self.add(t, value)

    def longest(self, name: str) -> tuple[str, list[T]] | None:
        """The longest title contained in `name` (whole words for Latin edges), with its values."""
        text = normalize_for_match(name)
        return self.longest_normalized(text)

    def longest_normalized(self, text: str) -> tuple[str, list[T]] | None:
        best: tuple[str, list[T]] | None = None
        n = len(text)
        by_prefix = self._by_prefix
        single = self._single
        # Only the positions where some title's first two characters stand are looked at,
        # unless one-character titles exist (then every position may hold one).
        starts: Iterable[int] = (
            range(n) if single else [i for i in range(n - 1) if text[i : i + 2] in by_prefix]
        )
        for i in starts:
            if best is not None and n - i <= len(best[0]):
                break  # nothing starting here can be longer than what we have
            if i and _is_word_char(text[i]) and _is_word_char(text[i - 1]):
                continue  # a Latin title may not start inside a word; CJK has no word boundaries
            candidates = by_prefix.get(text[i : i + 2])
            if candidates:
                for length, same in candidates:
                    end = i + length
                    if end > n:
                        continue
                    if best is not None and length <= len(best[0]):
                        break
                    key = text[i:end]
                    values = same.get(key)
                    if values is None:
                        continue
                    if end < n and _is_word_char(key[-1]) and _is_word_char(text[end]):
                        continue  # `mono` must not match `monogatari`
                    best = (key, values)
                    break
            if best is None and single:
                one = single.get(text[i])
                if one is not None and not (
                    i + 1 < n and _is_word_char(text[i]) and _is_word_char(text[i + 1])
                ):
                    best = (text[i], one)
        return best


def filter_terms(value: str | Iterable[str]) -> tuple[str, ...]:
    """AutoBangumi writes a rule's filter as one comma-separated string; the global one as a list."""
    items = value.split(",") if isinstance(value, str) else list(value)
    return tuple(t.strip() for t in items if t and t.strip())


@functools.lru_cache(maxsize=2048)
def compile_filter(terms: tuple[str, ...]) -> re.Pattern[str] | None:
    """One case-insensitive pattern for all terms; a term that is not a valid regex is matched
    literally (AutoBangumi turned the whole filter literal on any error; one bad term should not
    change what the others mean)."""
    parts: list[str] = []
    for term in terms:
        try:
            re.compile(term)
        except re.error:
            parts.append(re.escape(term))
        else:
            parts.append(f"(?:{term})")
    if not parts:
        return None
    return re.compile("|".join(parts), re.IGNORECASE)


def is_excluded(name: str, terms: str | Iterable[str]) -> bool:
    pattern = compile_filter(filter_terms(terms))
    return pattern is not None and pattern.search(name) is not None


def excluding_term(name: str, terms: str | Iterable[str]) -> str | None:
    """The first filter term (as the user wrote it) that excludes the name, or None.

    Called only for names `is_excluded` already refused, to say why: one compile per term.
    """
    for term in filter_terms(terms):
        pattern = compile_filter((term,))
        if pattern is not None and pattern.search(name) is not None:
            return term
    return None


# Collaborations are written `A&B`, `A×B`, `A+B`, `A/B` or `A、B`.
_GROUP_JOINERS = re.compile(r"[&＆×+＋/／、,，]")


def group_members(group: str | None) -> frozenset[str]:
    """The member groups of a release group, folded (`喵萌奶茶屋&LoliHouse` has two)."""
    if not group:
        return frozenset()
    parts = (normalize_for_match(p).replace(" ", "") for p in _GROUP_JOINERS.split(group))
    return frozenset(p for p in parts if p)


def group_key(group: str | None) -> str:
    """A release group for equality: members folded and sorted (`A&B` equals `B×A`)."""
    return "&".join(sorted(group_members(group)))


def groups_related(a: str | None, b: str | None) -> bool:
    """Same group, or collaborations sharing a member (`LoliHouse` and `喵萌奶茶屋&LoliHouse`).

    Compared by member, not by substring, so `ANi` is not related to `Sakurato-Ani`.
    """
    ma, mb = group_members(a), group_members(b)
    if not ma or not mb:
        return ma == mb
    return bool(ma & mb)
