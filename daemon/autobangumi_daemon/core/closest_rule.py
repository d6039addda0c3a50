"""The rule closest to a title no rule matches, and why that rule did not match it.

Titles are folded by `normalize_for_match`, as the title index folds them, and cut into
character pairs. An inverted table from each pair to the titles holding it finds the rules
sharing pairs with a release name by looking only at the pairs the name has: the cost follows
the name's length and how many titles share its pairs, not the number of rules. A pair held by
very many titles (`10` of `1080`, ` s`) tells rules apart badly and is skipped.

The closest title is the one with the largest share of its own pairs found in the name (a rule
title wholly inside the name scores 1). Why it did not match is then one of:
- `season`: its title is in the name, but the name states another season than the rule's;
- `word_edge`: its Latin title is in the name only as part of a longer word (`mono` in
  `monogatari`), which matching refuses on purpose;
- `title`: its title is not in the name as written (another spelling, a typo, a sequel's
  subtitle), only most of it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Generic, TypeVar

from autobangumi_daemon.core.title_parser import normalize_for_match

__all__ = ["MIN_SHARE", "ClosestIndex", "Miss", "MissWhy"]

T = TypeVar("T")

MIN_SHARE = 0.5  # at least half of a title's pairs must be in the name to call it close
_COMMON = 400  # a pair held by more titles than this is skipped (see the module's note)


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


class ClosestIndex(Generic[T]):
    """Titles mapped to values, searched by shared character pairs."""

    def __init__(self) -> None:
        self._titles: list[tuple[str, str, int, T]] = []  # (key, title as given, pair count, value)
        self._postings: dict[str, list[int]] = {}

    def __len__(self) -> int:
        return len(self._titles)

    def add(self, title: str, value: T) -> None:
        key = normalize_for_match(title)
        if not key:
            return
        pairs = _pairs(key)
        n = len(self._titles)
        self._titles.append((key, title, len(pairs), value))
        for p in pairs:
            self._postings.setdefault(p, []).append(n)

    def add_many(self, titles: Iterable[str], value: T) -> None:
        for t in titles:
            self.add(t, value)

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
        counts: Counter[int] = Counter()
        for p in _pairs(text):
            posting = self._postings.get(p)
            if posting is None or len(posting) > _COMMON:
                continue
            counts.update(posting)
        best: tuple[float, int, int] | None = None  # (share, key length, -entry) largest wins
        for entry, shared in counts.items():
            key, _title, total, _value = self._titles[entry]
            share = shared / total
            if share < MIN_SHARE or (total > 1 and shared < 2):
                continue
            rank = (share, len(key), -entry)
            if best is None or rank > best:
                best = rank
        if best is None:
            return None
        key, title, _total, value = self._titles[-best[2]]
        share = best[0]
        if key in text:
            if _whole_word_in(key, text) and stated_season is not None and seasons is not None:
                own = sorted(set(seasons(value)))
                if stated_season not in own:
                    return Miss(value, title, MissWhy.SEASON, share, stated_season, own[0] if own else None)
            if not _whole_word_in(key, text):
                return Miss(value, title, MissWhy.WORD_EDGE, share)
        return Miss(value, title, MissWhy.TITLE, share)
