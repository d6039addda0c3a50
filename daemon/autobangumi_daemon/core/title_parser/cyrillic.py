"""Season and episode markers of Russian and Ukrainian release names.

Trackers in those languages write `Сезон: 1 / Серии: 1-8 из 8`, `2 сезон 24 серия`,
`1-10 серии`, `Серія 5 з 10`: the word before or after the number, a range, and how many
episodes there are. A pure function over the text, so the parser decides what to do with it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_SEASON_WORD = r"сезон(?:а|ы|ов|и)?"
_EPISODE_WORD = (
    r"(?:сери[яийю]|сері[їяйю]|эпизод(?:ы|а|ов)?|епізод(?:и|ів)?|выпуск(?:и|а|ов)?|випуск(?:и|ів)?)"
)
_RANGE = r"(\d{1,4})(?:\s*[-~]\s*(\d{1,4}))?"
# (`1-й сезон`, `5-я серия`: an ordinal's ending after the number)
_ORDINAL = r"(?:\s*-?(?:й|я|ый|ий|ой|ая))?"
_OF = r"(?:\s*(?:из|з|of)\s*\d{1,4})?"

_MARKER = re.compile(
    rf"(?<![^\W\d_])(?:(?P<sw>{_SEASON_WORD})\s*:?\s*{_RANGE}"
    rf"|(?P<ew>{_EPISODE_WORD})\s*:?\s*(\d{{1,4}})(?:\s*[-~]\s*(\d{{1,4}}))?{_OF}"
    rf"|(\d{{1,4}})(?:\s*[-~]\s*(\d{{1,4}}))?{_ORDINAL}\s*(?:(?P<sa>{_SEASON_WORD})|(?P<ea>{_EPISODE_WORD})))"
    r"(?![^\W\d_])",
    re.I,
)
_HAS_CYRILLIC = re.compile(r"[\u0400-\u04ff]")


@dataclass(frozen=True, slots=True)
class Marker:
    """A season or an episode marker: `first` to `last` (equal for one), at [start, end)."""

    kind: str  # "season" or "episode"
    start: int
    end: int
    first: int
    last: int


def markers(text: str) -> list[Marker]:
    """Every season and episode marker written in Cyrillic, in text order."""
    if text.isascii() or _HAS_CYRILLIC.search(text) is None:
        return []
    out: list[Marker] = []
    for m in _MARKER.finditer(text):
        if m.group("sw"):
            kind, first, last = "season", m.group(2), m.group(3)
        elif m.group("ew"):
            kind, first, last = "episode", m.group(5), m.group(6)
        else:
            kind = "season" if m.group("sa") else "episode"
            first, last = m.group(7), m.group(8)
        a = int(first)
        b = int(last) if last else a
        out.append(Marker(kind, m.start(), m.end(), a, b if b >= a else a))
    return out
