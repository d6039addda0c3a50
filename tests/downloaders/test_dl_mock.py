"""The in-process `mock` downloader: what it holds, renames without overwriting, own torrents only."""

from __future__ import annotations

import hashlib

import pytest

from autobangumi_daemon.adapters.downloaders import BadTorrent, Conflict, NotFound, make_downloader
from autobangumi_daemon.adapters.downloaders.base import AddRequest

from .torrentmaker import bencode, make_virtual_torrent


def _pack(name: str) -> tuple[bytes, str]:
    """A two-file torrent (its data exists nowhere: the mock never reads any)."""
    info = {
        "name": name,
        "piece length": 16384,
        "pieces": b"\x00" * 20,
        "files": [{"length": 5, "path": ["01.mkv"]}, {"length": 7, "path": ["sub", "01.ass"]}],
    }
    return bencode({"info": info}), hashlib.sha1(bencode(info)).hexdigest()


async def test_mock_holds_complete_torrents_and_renames_without_overwriting() -> None:
    dl = make_downloader({"type": "mock", "host": ""})
    assert await dl.check() == "mock"
    pack, ph = _pack("Pack")
    single, sh = make_virtual_torrent("[ANi] Show - 01.mkv")
    magnet = "magnet:?xt=urn:btih:" + "ab" * 20 + "&dn=%5BANi%5D%20Show%20-%2002"
    results = await dl.add_many(
        [
            AddRequest(pack, save_path="/lib/A", tags=("ab:1",)),
            AddRequest(single, save_path="/lib/B", tags=("ab:2",), no_subfolder=True),
            AddRequest(magnet, save_path="/lib/B", tags=("ab:2",)),
            AddRequest(b"junk", save_path="/lib/B"),
            AddRequest(single, save_path="/lib/X", category="Other"),  # a duplicate: kept once
        ]
    )
    assert [r.hash for r in results[:3]] == [ph, sh, "ab" * 20]
    assert isinstance(results[3].error, BadTorrent)
    assert results[4].hash == sh
    listed = {t.hash: t for t in await dl.list_torrents()}
    assert set(listed) == {ph, sh, "ab" * 20}
    assert all(t.completed and t.completion_on > 0 for t in listed.values())
    assert listed[sh].save_path == "/lib/B"  # the first add wins, as in a real client
    assert [f.name for f in await dl.get_files(ph)] == ["Pack/01.mkv", "Pack/sub/01.ass"]
    assert [f.name for f in await dl.get_files("ab" * 20)] == ["[ANi] Show - 02.mkv"]
    assert [t.hash for t in await dl.list_torrents(tag="ab:2")] == [sh, "ab" * 20]

    with pytest.raises(Conflict):
        await dl.rename_file(ph, "Pack/01.mkv", "Pack/sub/01.ass")
    with pytest.raises(NotFound):
        await dl.rename_file(ph, "Pack/02.mkv", "Pack/x.mkv")
    await dl.rename_file(ph, "Pack/01.mkv", "Pack/Show S01E01.mkv")
    assert "Pack/Show S01E01.mkv" in [f.name for f in await dl.get_files(ph)]

    await dl.pause([ph])
    assert (await dl.list_torrents(hashes=[ph]))[0].paused
    theirs, th = make_virtual_torrent("not ours.mkv")
    assert await dl.add(theirs, save_path="/else", category="Other") == th
    assert await dl.list_torrents(hashes=[th]) == []  # neither our category nor an ab: tag
    with pytest.raises(NotFound):
        await dl.get_files(th)
    await dl.delete([sh])
    assert {t.hash for t in await dl.list_torrents()} == {ph, "ab" * 20}
