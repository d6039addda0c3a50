"""Release preference: which one release of an episode to keep.

Several releases of one episode arrive all the time: a v2, another group, CHS and CHT, 1080p and
2160p. AutoBangumi downloads all of them and the renamer then fights over `S01E05` (users-voice
T3, #419, #993). Here each episode keeps one release, chosen by the rule's preference: group, then
resolution, then subtitle language, each a comma-separated list, best first. A newer version of
the kept release (same group, resolution and subtitles) replaces it; a release that ranks better
than the kept one replaces it; anything else is skipped. Ties keep what is already there, so
nothing churns when the feed repeats itself.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from autobangumi_daemon.core.matching import group_key, groups_related
from autobangumi_daemon.core.title_parser import ParsedTitle

__all__ = [
    "Decision",
    "Preference",
    "Release",
    "best_first_key",
    "decide",
    "episode_key",
    "normalize_resolution",
    "rank",
]

Decision = Literal["download", "skip", "replace"]

_RES = re.compile(r"(\d{3,4})\s*[pPiI]?$|x(\d{3,4})$", re.IGNORECASE)


def normalize_resolution(value: str | None) -> str:
    """`1080P`, `1920x1080` and `1080p` are one resolution; `4K` is `2160p`."""
    if not value:
        return ""
    v = value.strip().lower()
    if v in ("4k", "uhd"):
        return "2160p"
    m = _RES.search(v)
    if m:
        return f"{m.group(1) or m.group(2)}p"
    return v


def _terms(value: str | None) -> tuple[str, ...]:
    return tuple(t.strip().casefold() for t in (value or "").split(",") if t.strip())


@dataclass(frozen=True, slots=True)
class Preference:
    groups: tuple[str, ...] = ()
    resolutions: tuple[str, ...] = ()
    subtitles: tuple[str, ...] = ()

    @classmethod
    def from_rule(cls, group: str | None, resolution: str | None, subtitle: str | None) -> Preference:
        return cls(
            _terms(group),
            tuple(normalize_resolution(t) for t in _terms(resolution)),
            _terms(subtitle),
        )


@dataclass(frozen=True, slots=True)
class Release:
    group: str | None = None
    resolution: str | None = None
    subtitle: str | None = None  # parser's normalised form, e.g. "CHS+CHT"
    subtitle_raw: str | None = None  # as written, e.g. "简繁内封字幕"
    version: int = 1

    @classmethod
    def from_parsed(cls, p: ParsedTitle) -> Release:
        return cls(p.group, p.resolution, p.sub, p.sub_raw, p.version or 1)

    def same_lineage(self, other: Release) -> bool:
        """The same release apart from its version: same group, resolution and subtitles."""
        return (
            group_key(self.group) == group_key(other.group)
            and normalize_resolution(self.resolution) == normalize_resolution(other.resolution)
            and (self.subtitle or self.subtitle_raw or "") == (other.subtitle or other.subtitle_raw or "")
        )


def _position(terms: tuple[str, ...], hit: Callable[[str], bool]) -> int:
    """Index of the first term `hit` accepts; len(terms) when none (ranks after every listed one)."""
    for i, term in enumerate(terms):
        if hit(term):
            return i
    return len(terms)


def rank(release: Release, pref: Preference) -> tuple[int, int, int]:
    """Lower is better; a preference list that is empty ranks every release equal."""
    group = release.group or ""
    res = normalize_resolution(release.resolution)
    subs = f"{release.subtitle or ''} {release.subtitle_raw or ''}".casefold()
    return (
        _position(pref.groups, lambda t: groups_related(t, group) or t in group.casefold()),
        _position(pref.resolutions, lambda t: t == res),
        _position(pref.subtitles, lambda t: t in subs),
    )


def decide(candidate: Release, kept: Release | None, pref: Preference) -> Decision:
    if kept is None:
        return "download"
    if candidate.same_lineage(kept):
        return "replace" if candidate.version > kept.version else "skip"
    return "replace" if rank(candidate, pref) < rank(kept, pref) else "skip"


def best_first_key(release: Release, pref: Preference, order: int) -> tuple[int, int, int, int, int]:
    """Sort key choosing among releases that arrive together: rank, then newest version, then
    feed order (feeds list the newest first)."""
    return (*rank(release, pref), -release.version, order)


def _num(n: float) -> str:
    if isinstance(n, float) and not n.is_integer():
        return f"{n:g}"
    return f"{int(n):02d}"


def episode_key(season: int, episode: int | float | tuple[int | float, int | float] | None) -> str | None:
    """`S01E05`, `S01E12.5`, `S01E01-12` for a batch; None when the release has no episode."""
    if episode is None:
        return None
    if isinstance(episode, tuple):
        return f"S{season:02d}E{_num(episode[0])}-{_num(episode[1])}"
    return f"S{season:02d}E{_num(episode)}"
