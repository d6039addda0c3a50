"""Where a rule's downloads go: `<downloader.path>/<title>[ (<year>)]/Season <n>`.

Every fragment that comes from a feed, a web page or TMDB is sanitised before it becomes a
folder name: the downloader may run on Windows or Linux, and a title such as `乱马 1/2` or
`Re:Zero` must never create nested folders, escape the download root or be refused by the
client's filesystem (users-voice T2: reserved characters made qBittorrent split paths).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import Protocol

__all__ = [
    "RuleFolder",
    "folder_name",
    "rule_save_path",
    "sanitize_fragment",
    "save_path",
    "season_folder_number",
]

# Windows-reserved characters plus both separators; replaced by a space rather than removed so
# `Re:Zero` stays readable as `Re Zero`.
_RESERVED = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]')
_SPACES = re.compile(r"\s+")
# Names Windows refuses whatever the extension (CON.txt is as bad as CON).
_WINDOWS_DEVICES = {"CON", "PRN", "AUX", "NUL"} | {f"{p}{i}" for p in ("COM", "LPT") for i in range(1, 10)}
# Most filesystems cap a name at 255 bytes; keep a margin for the client's temporary suffixes.
_MAX_BYTES = 200


def sanitize_fragment(text: str, fallback: str = "Unknown") -> str:
    """One safe folder name: no separators, no reserved characters, never `.`/`..` or empty."""
    s = unicodedata.normalize("NFC", text or "")
    s = _RESERVED.sub(" ", s)
    s = _SPACES.sub(" ", s).strip()
    # Windows drops trailing dots and spaces silently, so `Dr. Stone.` and `Dr. Stone` would
    # collide there; leading dots would hide the folder on Unix.
    s = s.strip(" .")
    if s.split(".")[0].upper() in _WINDOWS_DEVICES:
        s = f"_{s}"
    encoded = s.encode("utf-8")
    if len(encoded) > _MAX_BYTES:
        s = encoded[:_MAX_BYTES].decode("utf-8", "ignore").rstrip(" .")
    return s or fallback


def season_folder_number(season: int, season_offset: int) -> int:
    """The season the folder says: the offset applies unless it would go below 1 (as AutoBangumi)."""
    shifted = season + season_offset
    return shifted if shifted >= 1 else max(1, season)


def folder_name(official_title: str, year: str | None) -> str:
    title = sanitize_fragment(official_title)
    y = (year or "").strip()
    if y.isdigit() and len(y) == 4:
        return f"{title} ({y})"
    return title


@functools.lru_cache(maxsize=8192)  # a refresh asks it once per new item, of a few rules
def save_path(base: str, official_title: str, year: str | None, season: int, season_offset: int = 0) -> str:
    """The full save path, written with the separator the configured base path uses.

    A base like `D:\\Downloads\\Bangumi` (qBittorrent on Windows) keeps backslashes; anything
    else uses `/`. The base itself is the user's setting and is kept as typed.
    """
    sep = "\\" if ("\\" in base and "/" not in base) else "/"
    root = base.rstrip("/\\") if base.strip("/\\") else base[:1]
    parts = [folder_name(official_title, year), f"Season {season_folder_number(season, season_offset)}"]
    if root in ("/", "\\"):
        return root + sep.join(parts)
    return sep.join([root, *parts])


class RuleFolder(Protocol):
    """What a rule's folder is made of (a stored rule has these fields)."""

    @property
    def official_title(self) -> str: ...
    @property
    def year(self) -> str | None: ...
    @property
    def season(self) -> int: ...
    @property
    def season_offset(self) -> int: ...


def rule_save_path(base: str, rule: RuleFolder) -> str:
    """The save path of a rule's downloads under the downloader's base path."""
    return save_path(base, rule.official_title, rule.year, rule.season, rule.season_offset)
