"""Which calendar entry is a rule's show: pure matching on folded titles."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from autobangumi_daemon.core.title_parser import normalize_for_match

__all__ = ["RuleTitles", "match_weekdays"]


@dataclass(frozen=True, slots=True)
class RuleTitles:
    rule_id: int
    titles: Sequence[str]  # official title, title_raw, aliases


def match_weekdays(
    rules: Iterable[RuleTitles], entries: Iterable[tuple[Sequence[str], int]]
) -> dict[int, int]:
    """rule id -> weekday, for rules one of whose titles equals a calendar entry's name.

    Exact equality after folding (Simplified/Traditional, width, case, punctuation) first; a
    title containing the entry's name, or the reverse, only when that match is unique, so a
    short name like "Re" never claims a whole season of shows.
    """
    names: dict[str, set[int]] = {}
    for entry_names, weekday in entries:
        for name in entry_names:
            key = normalize_for_match(name)
            if len(key) >= 2:
                names.setdefault(key, set()).add(weekday)
    out: dict[int, int] = {}
    for rule in rules:
        keys = [k for t in rule.titles if t and len(k := normalize_for_match(t)) >= 2]
        exact = {wd for k in keys for wd in names.get(k, ())}
        if len(exact) == 1:
            out[rule.rule_id] = exact.pop()
            continue
        if exact:
            continue  # the same title airs on two days: ambiguous, leave it alone
        partial = {
            wd
            for k in keys
            for name, wds in names.items()
            if len(name) >= 4 and (name in k or k in name)
            for wd in wds
        }
        if len(partial) == 1:
            out[rule.rule_id] = partial.pop()
    return out
