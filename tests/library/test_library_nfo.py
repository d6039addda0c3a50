"""library.nfo: the metadata files Kodi and Jellyfin read, never written over a user's own."""

from __future__ import annotations

from pathlib import Path
from xml.etree import ElementTree as ET

from autobangumi_daemon.library.nfo import episode_nfo, tvshow_nfo, write_new


def test_tvshow_nfo_with_and_without_the_optional_parts() -> None:
    full = ET.fromstring(tvshow_nfo("葬送的芙莉莲", 2023, tmdb_id="209867", plot="勇者一行人 & <魔王>"))
    assert full.tag == "tvshow"
    assert full.findtext("title") == "葬送的芙莉莲" and full.findtext("year") == "2023"
    assert full.findtext("plot") == "勇者一行人 & <魔王>"
    uid = full.find("uniqueid")
    assert uid is not None and uid.text == "209867" and uid.attrib == {"type": "tmdb", "default": "true"}
    bare = ET.fromstring(tvshow_nfo("Show", None))
    assert [el.tag for el in bare] == ["title"]


def test_episode_nfo() -> None:
    ep = ET.fromstring(episode_nfo("Show S01E05", 1, 5))
    assert ep.tag == "episodedetails"
    assert (ep.findtext("title"), ep.findtext("season"), ep.findtext("episode")) == ("Show S01E05", "1", "5")
    assert ET.fromstring(episode_nfo("Show S01E05.5", 1, 5.5)).findtext("episode") == "5.5"
    assert episode_nfo("x", 1, 1).startswith(b'<?xml version="1.0" encoding="UTF-8"')


def test_write_new_writes_once_and_never_over_a_users_file(tmp_path: Path) -> None:
    nfo = tmp_path / "Show (2024)" / "tvshow.nfo"
    assert write_new(nfo, b"ours") is True and nfo.read_bytes() == b"ours"
    assert write_new(nfo, b"again") is False and nfo.read_bytes() == b"ours"
    poster = tmp_path / "Show (2024)" / "poster.jpg"
    poster.write_bytes(b"the user's poster")
    assert write_new(poster, b"\xff\xd8 stored poster") is False
    assert poster.read_bytes() == b"the user's poster"
    assert sorted(p.name for p in nfo.parent.iterdir()) == ["poster.jpg", "tvshow.nfo"]


def test_write_new_clears_a_crashed_temp_file(tmp_path: Path) -> None:
    (tmp_path / ".e.nfo.abpart").write_bytes(b"half")
    assert write_new(tmp_path / "e.nfo", b"whole") is True
    assert sorted(p.name for p in tmp_path.iterdir()) == ["e.nfo"]
