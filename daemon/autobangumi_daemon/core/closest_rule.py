"""The rule closest to a title no rule matches, and why that rule did not match it.

Titles are folded by `normalize_for_match`, as the title index folds them, and cut into
character pairs. A title is close when at least half of its pairs are in the name. By the
pigeonhole principle such a title shares one of its rarest `n - ceil(n/2) + 1` pairs with the
name, so only those pairs are put in the inverted table (prefix filtering): a lookup reads the
short lists of the name's pairs, then counts the shared pairs of just those titles. The cost
follows the name's length and how rare its pairs are, not the number of rules, and the answer
is the one a scan of every title would give (a test compares them).

The closest title is the one with the largest share of its own pairs found in the name (a rule
title wholly inside the name scores 1). Why it did not match is then one of:
- `season`: its title is in the name, but the name states another season than the rule's;
- `word_edge`: its Latin title is in the name only as part of a longer word (`mono` in
  `monogatari`), which matching refuses on purpose;
- `title`: its title is not in the name as written (another spelling, a typo, a sequel's
  subtitle), only most of it.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Generic, TypeVar

from autobangumi_daemon.core.title_parser import normalize_for_match

__all__ = ["MIN_SHARE", "ClosestIndex", "Miss", "MissWhy"]

T = TypeVar("T")

MIN_SHARE = 0.5  # at least half of a title's pairs must be in the name to call it close


class MissWhy(StrEnum):
    SEASON = "season"
    WORD_EDGE = "word_edge"
    TITLE = "title"


@dataclass(frozen=True, slots=True)
class Miss(Generic[T]):
    """The closest rule (`value`), the title of it that came closest, and why it missed."""

    value: T
    title: str
    why: MissWhy
    share: float
    # For `season`: the season the name states and the rule's.
    stated_season: int | None = None
    rule_season: int | None = None


def _pairs(key: str) -> set[str]:
    if len(key) < 2:
        return {key} if key else set()
    return {key[i : i + 2] for i in range(len(key) - 1)}


def _is_word_char(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def _whole_word_in(key: str, text: str) -> bool:
    """Is `key` in `text` with Latin word edges respected (the title index's rule)?"""
    start = text.find(key)
    while start != -1:
        end = start + len(key)
        before_ok = not (start and _is_word_char(text[start]) and _is_word_char(text[start - 1]))
        after_ok = not (end < len(text) and _is_word_char(key[-1]) and _is_word_char(text[end]))
        if before_ok and after_ok:
            return True
        start = text.find(key, start + 1)
    return False


def _needed(total: int) -> int:
    """How many of a title's `total` pairs must be in the name for it to be close."""
    return max(math.ceil(total * MIN_SHARE), min(total, 2))


class ClosestIndex(Generic[T]):
    """Titles mapped to values, searched by shared character pairs.

    The table is built at the first lookup after titles were added: which pairs are rare is
    known only once every title is in."""

    def __init__(self) -> None:
        self._titles: list[tuple[str, str, frozenset[str], T]] = []  # (key, title, pairs, value)
        self._postings: dict[str, list[int]] | None = None

    def __len__(self) -> int:
        return len(self._titles)

    def add(self, title: str, value: T) -> None:
        key = normalize_for_match(title)
        if not key:
            return
        self._titles.append((key, title, frozenset(_pairs(key)), value))
        self._postings = None

    def add_many(self, titles: Iterable[str], value: T) -> None:
        for t in titles:
            self.add(t, value)

    def _table(self) -> dict[str, list[int]]:
        if self._postings is None:
            freq: Counter[str] = Counter(p for _k, _t, pairs, _v in self._titles for p in pairs)
            table: dict[str, list[int]] = {}
            for n, (_key, _title, pairs, _value) in enumerate(self._titles):
                rarest = sorted(pairs, key=lambda p: (freq[p], p))
                for p in rarest[: len(pairs) - _needed(len(pairs)) + 1]:
                    table.setdefault(p, []).append(n)
            self._postings = table
        return self._postings

    def closest(
        self,
        name: str,
        stated_season: int | None = None,
        seasons: Callable[[T], Iterable[int]] | None = None,
    ) -> Miss[T] | None:
        """The closest title to `name` and why it did not match, or None when no title is close.

        `stated_season` is the season the name states (None when it states none); `seasons`
        gives the seasons a value answers to (a rule's season and its season with offset).
        """
        text = normalize_for_match(name)
        have = _pairs(text)
        table = self._table()
        seen: set[int] = set()
        for p in have:
            seen.update(table.get(p, ()))
        best: tuple[float, int, int] | None = None  # (share, key length, -entry) largest wins
        for entry in seen:
            key, _title, pairs, _value = self._titles[entry]
            shared = len(pairs & have)
            if shared < _needed(len(pairs)):
                continue
            rank = (shared / len(pairs), len(key), -entry)
            if best is None or rank > best:
                best = rank
        if best is None:
            return None
        key, title, _pairs_of, value = self._titles[-best[2]]
        share = best[0]
        if key in text:
            if _whole_word_in(key, text) and stated_season is not None and seasons is not None:
                own = sorted(set(seasons(value)))
                if stated_season not in own:
                    return Miss(value, title, MissWhy.SEASON, share, stated_season, own[0] if own else None)
            if not _whole_word_in(key, text):
                return Miss(value, title, MissWhy.WORD_EDGE, share)
        return Miss(value, title, MissWhy.TITLE, share)
