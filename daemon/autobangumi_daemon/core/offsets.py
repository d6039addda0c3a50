"""Season and episode offsets from a series' shape on TMDB (pure; no I/O).

Fansub releases number episodes their own way: absolutely across seasons ("S2 - 13" for the
first episode of season 2), or one "season" per cour where TMDB keeps one long season. The
shape of the series (episodes per season, and where a long season pauses for months) tells
which TMDB season and episode a release means. Offsets are added to the parsed numbers
(AutoBangumi's convention): season = parsed + season_offset, episode = parsed + episode_offset.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field

__all__ = [
    "LONG_GAP_DAYS",
    "Detection",
    "SeriesShape",
    "Suggestion",
    "detect",
    "suggest_offset",
    "virtual_starts",
]

# A pause this long inside one TMDB season is a break between cours (a "virtual season").
LONG_GAP_DAYS = 56


@dataclass(frozen=True, slots=True)
class SeriesShape:
    title: str
    status: str
    counts: dict[int, int]  # regular season number -> episode count (specials excluded)
    virtual: dict[int, list[int]] = field(default_factory=dict)  # season -> episodes starting a cour

    @property
    def total_seasons(self) -> int:
        return len(self.counts)


@dataclass(frozen=True, slots=True)
class Suggestion:
    season_offset: int
    episode_offset: int | None
    reason: str
    confidence: str  # high | medium | low


@dataclass(frozen=True, slots=True)
class Detection:
    has_mismatch: bool
    suggestion: Suggestion | None


def virtual_starts(
    episodes: Sequence[tuple[int, dt.date | None]], gap_days: int = LONG_GAP_DAYS
) -> list[int]:
    """Episode numbers (after the first) that air more than `gap_days` after the one before."""
    dated = sorted((n, d) for n, d in episodes if d is not None)
    return [n for (_, prev), (n, cur) in itertools.pairwise(dated) if (cur - prev).days > gap_days]


def suggest_offset(shape: SeriesShape, season: int) -> tuple[int, str]:
    """The episode offset for a rule of `season` whose releases count episodes from season 1."""
    if season <= 1:
        return 0, "Season 1 needs no offset."
    before = [shape.counts.get(s, 0) for s in range(1, season)]
    if not all(before):
        return 0, f"TMDB does not list every season before season {season}."
    total = sum(before)
    return -total, f"TMDB lists {total} episodes before season {season}."


def _cours(shape: SeriesShape) -> list[tuple[int, int, int]]:
    """(TMDB season, first episode, last episode) for every cour, in airing order."""
    out: list[tuple[int, int, int]] = []
    for season in sorted(shape.counts):
        count = shape.counts[season]
        starts = [1, *[e for e in shape.virtual.get(season, []) if 1 < e <= count]]
        for i, start in enumerate(starts):
            end = starts[i + 1] - 1 if i + 1 < len(starts) else count
            out.append((season, start, end))
    return out


def detect(shape: SeriesShape, parsed_season: int, parsed_episode: int) -> Detection:
    counts = shape.counts
    if not counts or parsed_episode < 1:
        return Detection(False, None)
    in_season = counts.get(parsed_season, 0)
    cours = _cours(shape)
    has_virtual = any(shape.virtual.get(s) for s in counts)
    if 1 <= parsed_episode <= in_season and not (has_virtual and parsed_season > 1):
        return Detection(False, None)

    # Counted from season 1: "S2 - 26" when season 1 has 25 episodes.
    if parsed_season > 1 and in_season:
        before = sum(counts.get(s, 0) for s in range(1, parsed_season))
        if before and 1 <= parsed_episode - before <= in_season:
            return Detection(
                True,
                Suggestion(
                    0,
                    -before,
                    f"Episodes are numbered from season 1 ({before} episodes before season {parsed_season}).",
                    "high",
                ),
            )

    # One release "season" per cour inside a long TMDB season.
    if has_virtual and parsed_season <= len(cours):
        tmdb_season, start, end = cours[parsed_season - 1]
        if 1 <= parsed_episode <= end - start + 1 and (tmdb_season, start) != (parsed_season, 1):
            return Detection(
                True,
                Suggestion(
                    tmdb_season - parsed_season,
                    start - 1,
                    f"TMDB season {tmdb_season} pauses before episode {start}: release season "
                    f"{parsed_season} is that part.",
                    "medium",
                ),
            )

    # Counted on past the end of the season: "S1 - 13" when season 1 has 12 episodes.
    if parsed_episode > in_season and in_season:
        season, remaining = parsed_season, parsed_episode
        while counts.get(season) and remaining > counts[season]:
            remaining -= counts[season]
            season += 1
        if counts.get(season):
            return Detection(
                True,
                Suggestion(
                    season - parsed_season,
                    remaining - parsed_episode,
                    f"Episode {parsed_episode} of season {parsed_season} is episode {remaining} of "
                    f"season {season} on TMDB.",
                    "high",
                ),
            )
    if parsed_season not in counts:
        last = max(counts)
        return Detection(
            True,
            Suggestion(
                last - parsed_season, None, f"TMDB has no season {parsed_season}; its last is {last}.", "low"
            ),
        )
    return Detection(True, None)
