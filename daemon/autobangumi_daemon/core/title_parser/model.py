"""The parse result and the spans behind it."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, Literal

EpisodeType = Literal["tv", "movie", "ova", "oad", "special"]
EpisodeNumber = int | float
Episode = EpisodeNumber | tuple[EpisodeNumber, EpisodeNumber]


@dataclass(frozen=True, slots=True)
class Span:
    """A piece of the input that was read as a field; offsets index the original text."""

    field: str
    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"field": self.field, "start": self.start, "end": self.end, "text": self.text}


@dataclass(frozen=True, slots=True)
class ParsedTitle:
    """What a release title says. Absent fields are None; season defaults to 1."""

    group: str | None = None
    title_zh: str | None = None
    title_en: str | None = None
    title_jp: str | None = None
    season: int = 1
    season_raw: str | None = None
    episode: Episode | None = None
    version: int | None = None
    batch: bool = False
    episode_type: EpisodeType = "tv"
    resolution: str | None = None
    source: str | None = None
    platform: str | None = None
    sub: str | None = None
    sub_raw: str | None = None
    video: str | None = None
    audio: str | None = None
    crc32: str | None = None
    year: int | None = None

    @property
    def title(self) -> str | None:
        """One title for display/matching, preferring the Latin one like AutoBangumi's title_raw."""
        return self.title_en or self.title_zh or self.title_jp

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        if isinstance(self.episode, tuple):
            data["episode"] = list(self.episode)
        return data
