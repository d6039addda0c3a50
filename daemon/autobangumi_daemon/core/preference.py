"""Release preference: which one release of an episode to keep.

Several releases of one episode arrive all the time: a v2, another group, CHS and CHT, 1080p and
2160p, HEVC and AVC. AutoBangumi downloads all of them and the renamer then fights over `S01E05`
(users-voice T3, #419, #993). Here each episode keeps one release, chosen by a preference ladder:
criteria (subtitle, group, resolution, codec, bit depth, source, version) in a user-chosen order,
each an ordered list of terms, best first. A release is ranked criterion by criterion; the first
criterion where two releases differ decides.

Subtitles are compared by language AND form, so `简体内嵌 > 简繁内封 > 繁体` means what a user
means: a Simplified hard-subbed release first, then a Simplified+Traditional soft-subbed one, then
anything carrying Traditional. Codec and bit depth are not given by every parser, so they are read
from the release name here. A newer version of the kept release (same in every criterion but the
version) replaces it; a release that ranks better than the kept one replaces it; anything else is
skipped. Ties keep what is already there, so nothing churns when the feed repeats itself.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

from autobangumi_daemon.core.matching import group_key, groups_related
from autobangumi_daemon.core.title_parser import ParsedTitle
from autobangumi_daemon.errors import invalid

__all__ = [
    "CRITERIA",
    "DEFAULT_ORDER",
    "MAX_DELAY_MINUTES",
    "Decision",
    "Preference",
    "Release",
    "SubtitleTerm",
    "best_first_key",
    "bit_depth",
    "check_ladder",
    "codec",
    "decide",
    "episode_key",
    "normalize_resolution",
    "normalize_source",
    "parse_order",
    "parse_subtitle_term",
    "rank",
    "subtitle_form",
    "subtitle_language",
    "wait_until",
]

Decision = Literal["download", "skip", "replace"]

CRITERIA = ("subtitle", "group", "resolution", "codec", "bitdepth", "source", "version")
DEFAULT_ORDER = CRITERIA

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


# -- codec and bit depth, read from the name ------------------------------------------------------

# Names write a codec many ways: `HEVC`, `x265`, `H.265`, `H265`; `AVC`, `x264`, `H.264`.
# Ma10p/Hi10p are 10-bit profiles and name the codec too (HEVC Main10, AVC High10).
_CODECS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("hevc", re.compile(r"(?<![a-z0-9])(?:hevc|x\.?265|h\.?265|ma10p)(?![a-z])", re.I)),
    ("avc", re.compile(r"(?<![a-z0-9])(?:avc|x\.?264|h\.?264|hi10p)(?![a-z])", re.I)),
    ("av1", re.compile(r"(?<![a-z0-9])av1(?![a-z0-9])", re.I)),
)
_TEN = re.compile(r"(?<![0-9])10[-_]?bits?(?![a-z])|(?<![a-z0-9])(?:ma10p|hi10p)(?![a-z0-9])", re.I)
_EIGHT = re.compile(r"(?<![0-9])8[-_]?bits?(?![a-z])", re.I)


def codec(name: str | None, video: str | None = None) -> str:
    """`hevc`, `avc`, `av1`, or "" when neither the parser's `video` nor the name tells."""
    for text in (video, name):
        for key, pat in _CODECS:
            if text and pat.search(text):
                return key
    return ""


def bit_depth(name: str | None) -> str:
    """`10bit`, `8bit`, or "" when the name does not say."""
    if name and _TEN.search(name):
        return "10bit"
    if name and _EIGHT.search(name):
        return "8bit"
    return ""


def normalize_source(value: str | None) -> str:
    """`WEB-DL`, `WebDL` and `web-dl` are one source; platforms (`Baha`, `B-Global`) likewise."""
    return re.sub(r"[^0-9a-z]", "", (value or "").casefold())


# -- subtitles: language and form -----------------------------------------------------------------

_LANGS = ("chs", "cht", "jpn", "eng")
_LANG_CODES = {"chs": "chs", "sc": "chs", "gb": "chs", "cht": "cht", "tc": "cht", "big5": "cht"}
_LANG_CODES |= {"jpn": "jpn", "jp": "jpn", "ja": "jpn", "eng": "eng", "en": "eng"}
# Chinese words for languages (简繁 and 简日 name two each).
_LANG_WORDS = (("简", "chs"), ("繁", "cht"), ("日", "jpn"), ("英", "eng"))
_FORMS = (
    ("hardsub", ("内嵌", "內嵌", "hardsub")),
    ("softsub", ("内封", "內封", "softsub")),
    ("external", ("外挂", "外掛", "external")),
)


def _langs_of(text: str) -> frozenset[str]:
    low = text.casefold()
    found = {code for word, code in _LANG_CODES.items() if re.search(rf"(?<![a-z]){word}(?![a-z])", low)}
    found |= {code for word, code in _LANG_WORDS if word in text}
    return frozenset(found)


def _join(langs: Iterable[str]) -> str:
    s = set(langs)
    return "+".join([x for x in _LANGS if x in s] + sorted(s - set(_LANGS)))


def subtitle_language(sub: str | None, sub_raw: str | None = None) -> str:
    """`chs`, `cht`, `chs+cht`, `chs+jpn`, `eng`...: the parser's normalised `sub` (`CHS+CHT`)
    when it has one, else read from the words as written (`简繁内封字幕`); "" when unknown."""
    if sub:
        parts = [p.strip().casefold() for p in sub.split("+") if p.strip()]
        return _join(_LANG_CODES.get(p, p) for p in parts)
    return _join(_langs_of(sub_raw or ""))


# In the name only a bracketed tag counts: 外挂 is also a word in titles (`开外挂的前勇者`).
_TAGS = re.compile(r"[\[【(（]([^\]】)）\[【(（]*)[\]】)）]")


def _form_in(text: str) -> str:
    low = text.casefold()
    for form, words in _FORMS:
        if any(w in low for w in words):
            return form
    return ""


def subtitle_form(sub_raw: str | None, name: str | None = None) -> str:
    """`hardsub` (内嵌), `softsub` (内封) or `external` (外挂); "" when the release does not say."""
    if sub_raw and (form := _form_in(sub_raw)):
        return form
    for tag in _TAGS.findall(name or ""):
        if form := _form_in(tag):
            return form
    return ""


@dataclass(frozen=True, slots=True)
class SubtitleTerm:
    """One step of the subtitle list: languages the release must carry and/or a form; `raw` is
    matched as written when the term names neither."""

    langs: frozenset[str]
    form: str
    raw: str

    def accepts(self, langs: str, form: str, text: str) -> bool:
        if not self.langs and not self.form:
            return self.raw in text
        have = set(langs.split("+")) if langs else set()
        return self.langs <= have and (not self.form or self.form == form)


def parse_subtitle_term(term: str) -> SubtitleTerm:
    """`简体内嵌` -> Simplified, hard-subbed; `简繁内封` -> both, soft-subbed; `繁体` -> Traditional
    in any form; `CHS+CHT` -> both; `内封` -> soft-subbed in any language."""
    t = term.strip()
    langs = frozenset(_LANG_CODES.get(p, p) for p in t.casefold().split("+")) if "+" in t else _langs_of(t)
    if langs - set(_LANGS):
        langs = frozenset()
    return SubtitleTerm(langs, subtitle_form(t), t.casefold())


# -- the ladder -----------------------------------------------------------------------------------


def _terms(value: str | Iterable[str] | None) -> tuple[str, ...]:
    items = value.split(",") if isinstance(value, str) else (value or ())
    return tuple(t.strip().casefold() for t in items if t.strip())


def parse_order(value: str | Iterable[str] | None) -> tuple[str, ...]:
    """The criteria in the user's order; unnamed ones follow in the default order. Raises
    ValueError naming an unknown or repeated criterion."""
    named = _terms(value)
    for i, c in enumerate(named):
        if c not in CRITERIA:
            raise ValueError(f"unknown criterion {c!r}")
        if c in named[:i]:
            raise ValueError(f"criterion {c!r} given twice")
    return named + tuple(c for c in DEFAULT_ORDER if c not in named)


MAX_DELAY_MINUTES = 7 * 24 * 60  # a week: longer and the episode is old news


def check_ladder(order: str | Iterable[str] | None, delay_minutes: int | None, field: str) -> None:
    """Refuse a ladder order naming an unknown or repeated criterion, or a wait out of range, with
    the bilingual 422; `field` names where (`preference` or the rule's fields)."""
    try:
        parse_order(order)
    except ValueError as e:
        known = ", ".join(CRITERIA)
        raise invalid(
            f"Invalid preference order at {field}: {e}; the criteria are {known}.",
            f"{field} 的偏好顺序无效：{e}；可用的条件为 {known}。",
        ) from None
    if delay_minutes is not None and not 0 <= delay_minutes <= MAX_DELAY_MINUTES:
        raise invalid(
            f"Invalid wait at {field}: {delay_minutes} minutes; give 0 to {MAX_DELAY_MINUTES}.",
            f"{field} 的等待时间无效：{delay_minutes} 分钟；应为 0 到 {MAX_DELAY_MINUTES}。",
        )


def _is_depth(term: str) -> bool:
    return bool(bit_depth(term)) and not codec(term)


@dataclass(frozen=True, slots=True)
class Preference:
    groups: tuple[str, ...] = ()
    resolutions: tuple[str, ...] = ()
    subtitles: tuple[str, ...] = ()
    codecs: tuple[str, ...] = ()  # normalised: hevc, avc, av1
    bitdepths: tuple[str, ...] = ()  # 10bit, 8bit
    sources: tuple[str, ...] = ()  # normalised: webdl, webrip, bdrip, baha...
    order: tuple[str, ...] = DEFAULT_ORDER

    @classmethod
    def from_rule(
        cls,
        group: str | Iterable[str] | None,
        resolution: str | Iterable[str] | None,
        subtitle: str | Iterable[str] | None,
        codec_terms: str | Iterable[str] | None = None,
        source: str | Iterable[str] | None = None,
        order: str | Iterable[str] | None = None,
    ) -> Preference:
        """Comma lists (a rule's fields) or lists (the config's). The codec list holds bit depths
        too (`HEVC,10bit`): they form the bit-depth criterion. Raises ValueError for an unknown
        criterion in `order`."""
        cterms = _terms(codec_terms)
        return cls(
            groups=_terms(group),
            resolutions=tuple(normalize_resolution(t) for t in _terms(resolution)),
            subtitles=_terms(subtitle),
            codecs=tuple(codec(t) or t for t in cterms if not _is_depth(t)),
            bitdepths=tuple(bit_depth(t) for t in cterms if _is_depth(t)),
            sources=tuple(normalize_source(t) for t in _terms(source)),
            order=parse_order(order),
        )

    def over(self, default: Preference) -> Preference:
        """This (a rule's) preference with every empty list filled from the default ladder; an
        order of its own wins only when it was given (not the default one)."""
        return Preference(
            groups=self.groups or default.groups,
            resolutions=self.resolutions or default.resolutions,
            subtitles=self.subtitles or default.subtitles,
            codecs=self.codecs or default.codecs,
            bitdepths=self.bitdepths or default.bitdepths,
            sources=self.sources or default.sources,
            order=self.order if self.order != DEFAULT_ORDER else default.order,
        )


@dataclass(frozen=True, slots=True)
class Release:
    group: str | None = None
    resolution: str | None = None
    subtitle: str | None = None  # parser's normalised form, e.g. "CHS+CHT"
    subtitle_raw: str | None = None  # as written, e.g. "简繁内封字幕"
    version: int = 1
    name: str = ""  # the release name, where codec, bit depth and subtitle form are read from
    video: str | None = None
    source: str | None = None
    platform: str | None = None

    @classmethod
    def from_parsed(cls, p: ParsedTitle, name: str = "") -> Release:
        return cls(
            p.group, p.resolution, p.sub, p.sub_raw, p.version or 1, name, p.video, p.source, p.platform
        )

    @property
    def codec(self) -> str:
        return codec(self.name, self.video)

    @property
    def bit_depth(self) -> str:
        return bit_depth(self.name)

    @property
    def language(self) -> str:
        return subtitle_language(self.subtitle, self.subtitle_raw)

    @property
    def form(self) -> str:
        return subtitle_form(self.subtitle_raw, self.name)

    def same_lineage(self, other: Release) -> bool:
        """The same release apart from its version: same group, resolution, subtitles, codec,
        bit depth and source."""
        return (
            group_key(self.group) == group_key(other.group)
            and normalize_resolution(self.resolution) == normalize_resolution(other.resolution)
            and (self.subtitle or self.subtitle_raw or "") == (other.subtitle or other.subtitle_raw or "")
            and self.form == other.form
            and self.codec == other.codec
            and self.bit_depth == other.bit_depth
            and normalize_source(self.source) == normalize_source(other.source)
        )


def _position(terms: tuple[str, ...], hit: Callable[[str], bool]) -> int:
    """Index of the first term `hit` accepts; len(terms) when none (ranks after every listed one)."""
    for i, term in enumerate(terms):
        if hit(term):
            return i
    return len(terms)


def _subtitle_rank(release: Release, terms: tuple[str, ...]) -> int:
    langs, form = release.language, release.form
    text = f"{release.subtitle or ''} {release.subtitle_raw or ''}".casefold()
    return _position(terms, lambda t: parse_subtitle_term(t).accepts(langs, form, text))


def rank(release: Release, pref: Preference) -> tuple[int, ...]:
    """Lower is better, one number per criterion in the ladder's order; an empty list ranks every
    release equal on that criterion. Version ranks a higher version better."""
    group = release.group or ""
    res = normalize_resolution(release.resolution)
    srcs = {normalize_source(release.source), normalize_source(release.platform)} - {""}
    by: dict[str, Callable[[], int]] = {
        "subtitle": lambda: _subtitle_rank(release, pref.subtitles),
        "group": lambda: _position(pref.groups, lambda t: groups_related(t, group) or t in group.casefold()),
        "resolution": lambda: _position(pref.resolutions, lambda t: t == res),
        "codec": lambda: _position(pref.codecs, lambda t: t == release.codec),
        "bitdepth": lambda: _position(pref.bitdepths, lambda t: t == release.bit_depth),
        "source": lambda: _position(pref.sources, lambda t: t in srcs),
        "version": lambda: -release.version,
    }
    return tuple(by[c]() for c in pref.order)


def decide(candidate: Release, kept: Release | None, pref: Preference) -> Decision:
    if kept is None:
        return "download"
    if candidate.same_lineage(kept):
        return "replace" if candidate.version > kept.version else "skip"
    return "replace" if rank(candidate, pref) < rank(kept, pref) else "skip"


def best_first_key(release: Release, pref: Preference, order: int) -> tuple[int, ...]:
    """Sort key choosing among releases that arrive together: rank, then newest version, then
    feed order (feeds list the newest first)."""
    return (*rank(release, pref), -release.version, order)


def wait_until(now: datetime, delay_minutes: int, waiting_since: datetime | None) -> datetime | None:
    """Sonarr's delay profile for the first release of an episode: with a wait of N minutes the
    episode is held until `waiting_since` (when its first release was seen; `now` when this is
    the first) + N, then its best release seen is chosen. Returns until when it is still held, or
    None when the release is to be chosen now (no wait, or the wait is over)."""
    if delay_minutes <= 0:
        return None
    until = (waiting_since or now) + timedelta(minutes=delay_minutes)
    return until if now < until else None


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
