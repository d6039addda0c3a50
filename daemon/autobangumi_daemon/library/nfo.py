"""Kodi/Jellyfin metadata beside library files: tvshow.nfo, one .nfo per episode, poster.jpg.

Each file is written only when no file of that name exists: a user's own (hand-edited) nfo or
poster is never replaced, and writing again after a restart is a no-op. Files are written to a
temp name and linked into place, so a crash leaves no half file and a file appearing meanwhile is
not overwritten.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from xml.etree import ElementTree as ET

__all__ = ["episode_nfo", "tvshow_nfo", "write_new"]


def _xml(root: ET.Element) -> bytes:
    ET.indent(root)
    body: bytes = ET.tostring(root, encoding="utf-8")
    return b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' + body + b"\n"


def _child(parent: ET.Element, tag: str, text: str, **attrs: str) -> None:
    el = ET.SubElement(parent, tag, attrs)
    el.text = text


def tvshow_nfo(title: str, year: int | None, tmdb_id: str = "", plot: str = "") -> bytes:
    """`<tvshow>` with the title, and the year, TMDB id and plot when known."""
    root = ET.Element("tvshow")
    _child(root, "title", title)
    if year:
        _child(root, "year", str(year))
    if plot:
        _child(root, "plot", plot)
    if tmdb_id:
        _child(root, "uniqueid", tmdb_id, type="tmdb", default="true")
    return _xml(root)


def episode_nfo(title: str, season: int, episode: float) -> bytes:
    """`<episodedetails>` with the title, season and episode (a .5 special keeps its fraction)."""
    root = ET.Element("episodedetails")
    _child(root, "title", title)
    _child(root, "season", str(season))
    _child(root, "episode", str(int(episode)) if float(episode).is_integer() else str(episode))
    return _xml(root)


def write_new(path: Path, data: bytes) -> bool:
    """Write `data` at `path` unless something is already there; True when written."""
    if path.exists() or path.is_symlink():
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.abpart")
    tmp.unlink(missing_ok=True)
    try:
        with tmp.open("xb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        try:
            os.link(tmp, path)
        except FileExistsError:
            return False
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
    return True
