"""AutoBangumi's `mock` downloader type: a downloader that lives inside the daemon.

It accepts every add, lists what it holds, and reports each torrent complete at once, so a
user can try the product (feeds, rules, downloads, renames) without a BitTorrent client, and
benchmarks can measure the daemon's own cost without a client's. Nothing is downloaded and
no file is written: renames change only the names it holds. Its torrents last as long as the
adapter (a restart, or new downloader settings, start it empty).

Files come from the `.torrent` itself; a magnet link has none until a client fetches its
metadata, so its one file is named after its `dn` (display name), as a client would show it.
"""

from __future__ import annotations

import posixpath
import time
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from urllib.parse import parse_qs, urlsplit

from .base import (
    OWN_CATEGORIES,
    AddRequest,
    AddResult,
    BadTorrent,
    Capabilities,
    Conflict,
    NotFound,
    TorrentFile,
    TorrentInfo,
    _bdecode,
    add_each,
    check_rename_target,
    fetch_torrent,
    is_own,
    magnet_hash,
    normalize_hashes,
    parse_torrent,
    source_kind,
)

__all__ = ["MockDownloader"]

VERSION = "mock"
#: What a magnet's one file is called when its name has no video extension.
_MEDIA_EXTENSIONS = (".mkv", ".mp4", ".avi", ".ts", ".m2ts", ".webm")


@dataclass(slots=True)
class _Held:
    info: TorrentInfo
    files: list[TorrentFile] = field(default_factory=list)


def _files_of(data: bytes) -> list[TorrentFile]:
    """The files a .torrent lists (already checked by parse_torrent), `/`-separated."""
    meta, _ = _bdecode(data, 0)
    info = meta[b"info"]
    name = info.get(b"name", b"").decode("utf-8", "replace")
    listed = info.get(b"files")
    if not isinstance(listed, list):
        return [TorrentFile(index=0, name=name, size=int(info.get(b"length", 0)), progress=1.0)]
    out: list[TorrentFile] = []
    for i, entry in enumerate(listed):
        parts = [p.decode("utf-8", "replace") for p in entry.get(b"path", [])]
        out.append(
            TorrentFile(
                index=i, name=posixpath.join(name, *parts), size=int(entry.get(b"length", 0)), progress=1.0
            )
        )
    return out


def _magnet_name(magnet: str, torrent_hash: str) -> str:
    names = parse_qs(urlsplit(magnet).query).get("dn", [])
    name = names[0].strip().replace("/", "_") if names else ""
    return name or torrent_hash


class MockDownloader:
    """`Downloader` that keeps its torrents in memory and finishes each one at once."""

    kind = "mock"
    capabilities = (
        Capabilities.ADD_FILE
        | Capabilities.ADD_MAGNET
        | Capabilities.ADD_URL
        | Capabilities.TAGS
        | Capabilities.SET_CATEGORY
        | Capabilities.ADD_TAGS
        | Capabilities.RENAME_FILE
        | Capabilities.RENAME_ACROSS_FOLDERS
        | Capabilities.MOVE
        | Capabilities.PAUSE_RESUME
        | Capabilities.NO_SUBFOLDER
        | Capabilities.ADDED_ON
    )

    def __init__(self, own_categories: Sequence[str] = OWN_CATEGORIES) -> None:
        self.own_categories = tuple(own_categories)
        self._held: dict[str, _Held] = {}

    def _own(self, hashes: Sequence[str]) -> list[_Held]:
        return [
            held
            for h in normalize_hashes(hashes)
            if (held := self._held.get(h)) is not None
            and is_own(held.info.category, held.info.tags, self.own_categories)
        ]

    async def check(self) -> str:
        return VERSION

    async def add(
        self,
        source: bytes | str,
        *,
        save_path: str,
        category: str = "Bangumi",
        tags: Sequence[str] = (),
        paused: bool = False,
        no_subfolder: bool = False,
    ) -> str | None:
        kind = source_kind(source)
        if kind == "url":
            source = await fetch_torrent(str(source))  # as the qBittorrent adapter does
        if isinstance(source, bytes | bytearray):
            torrent_hash, name = parse_torrent(bytes(source))
            files = _files_of(bytes(source))
        else:
            found = magnet_hash(source)
            if found is None:
                raise BadTorrent(detail="magnet link without a v1 info-hash")
            torrent_hash, name = found, _magnet_name(source, found)
            file_name = name if name.lower().endswith(_MEDIA_EXTENSIONS) else name + ".mkv"
            files = [TorrentFile(index=0, name=file_name, size=0, progress=1.0)]
        if no_subfolder:
            # qBittorrent's NoSubfolder: the files lie directly in the save path.
            files = [replace(f, name=f.name.split("/", 1)[-1]) for f in files]
        if torrent_hash in self._held:
            return torrent_hash  # added twice: not an error, as with every client
        now = int(time.time())
        size = sum(f.size for f in files)
        root = files[0].name.split("/", 1)[0] if files else name
        self._held[torrent_hash] = _Held(
            TorrentInfo(
                hash=torrent_hash,
                name=name,
                size=size,
                progress=1.0,
                dlspeed=0,
                upspeed=0,
                num_seeds=0,
                num_leechs=0,
                state="pausedUP" if paused else "stalledUP",
                eta=0,
                category=category,
                save_path=save_path,
                added_on=now,
                tags=tuple(dict.fromkeys(t for t in tags if t)),
                completion_on=now,
                content_path=posixpath.join(save_path, root if len(files) != 1 else files[0].name),
                amount_left=0,
            ),
            files,
        )
        return torrent_hash

    async def add_many(self, requests: Sequence[AddRequest]) -> list[AddResult]:
        return await add_each(self, requests)

    async def list_torrents(
        self,
        *,
        category: str | None = None,
        tag: str | None = None,
        hashes: Sequence[str] | None = None,
    ) -> list[TorrentInfo]:
        chosen = self._own(hashes) if hashes is not None else list(self._held.values())
        return [
            held.info
            for held in chosen
            if is_own(held.info.category, held.info.tags, self.own_categories)
            and (category is None or held.info.category == category)
            and (tag is None or tag in held.info.tags)
        ]

    def _one(self, torrent_hash: str) -> _Held:
        own = self._own([torrent_hash])
        if not own:
            raise NotFound(detail="no such own torrent")
        return own[0]

    async def get_files(self, torrent_hash: str) -> list[TorrentFile]:
        return list(self._one(torrent_hash).files)

    async def rename_file(self, torrent_hash: str, old_path: str, new_path: str) -> None:
        check_rename_target(old_path, new_path)
        held = self._one(torrent_hash)
        names = {f.name for f in held.files}
        if old_path not in names:
            raise NotFound("No such file in the torrent.", "种子中没有该文件。", detail=old_path)
        if old_path == new_path:
            return
        if new_path in names:
            raise Conflict(detail="name exists inside the torrent")
        held.files = [replace(f, name=new_path) if f.name == old_path else f for f in held.files]
        if len(held.files) == 1:
            held.info = replace(held.info, content_path=posixpath.join(held.info.save_path, new_path))

    async def move(self, hashes: Sequence[str], location: str) -> None:
        for held in self._own(hashes):
            old = held.info
            content = posixpath.join(location, posixpath.relpath(old.content_path, old.save_path))
            held.info = replace(old, save_path=location, content_path=content)

    async def pause(self, hashes: Sequence[str]) -> None:
        for held in self._own(hashes):
            held.info = replace(held.info, state="pausedUP")

    async def resume(self, hashes: Sequence[str]) -> None:
        for held in self._own(hashes):
            held.info = replace(held.info, state="stalledUP")

    async def delete(self, hashes: Sequence[str], *, delete_files: bool = False) -> None:
        # There are no files: `delete_files` has nothing to remove.
        for held in self._own(hashes):
            del self._held[held.info.hash]

    async def set_category(self, hashes: Sequence[str], category: str) -> None:
        for held in self._own(hashes):
            held.info = replace(held.info, category=category)

    async def add_tags(self, hashes: Sequence[str], tags: Sequence[str]) -> None:
        for held in self._own(hashes):
            merged = tuple(dict.fromkeys((*held.info.tags, *(t for t in tags if t))))
            held.info = replace(held.info, tags=merged)

    async def close(self) -> None:
        return None
