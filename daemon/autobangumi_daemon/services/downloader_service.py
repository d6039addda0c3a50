"""DownloaderService: the daemon's own torrents in every configured downloader instance.

Listing shows every instance's torrents; pause, resume, delete and tag act on each torrent in
the instance where it is found (a hash found nowhere goes to the default, which answers as a
single downloader always did). An instance that is down is left out of a list while another
answers; with one instance its error is the answer, as before."""

from __future__ import annotations

import logging
from collections.abc import Iterable

from sqlalchemy import select

from autobangumi.rpc import Caller
from autobangumi.v1 import common_pb2, downloader_pb2
from autobangumi_daemon.adapters.downloaders.base import (
    RULE_TAG_PREFIX,
    Downloader,
    DownloaderError,
    TorrentInfo,
)
from autobangumi_daemon.context import AppContext
from autobangumi_daemon.core.title_parser import normalize_for_match
from autobangumi_daemon.db.models import Bangumi
from autobangumi_daemon.errors import invalid, not_found

__all__ = ["DownloaderService", "torrent_message"]

log = logging.getLogger(__name__)
UNMATCHED_SHOWN = 10


def torrent_message(t: TorrentInfo) -> downloader_pb2.DownloaderTorrent:
    return downloader_pb2.DownloaderTorrent(**t.as_qb_dict())


def _titles(rule: Bangumi) -> list[str]:
    return [normalize_for_match(t) for t in (rule.title_raw, *rule.aliases()) if t and t.strip()]


def _need_hashes(hashes: Iterable[str]) -> None:
    """An empty list is a mistake, never "every torrent" (qBittorrent reads `all` that way)."""
    if not any(h.strip() for h in hashes):
        raise invalid("hashes: give at least one torrent hash.", "hashes：请至少提供一个种子哈希。")


class DownloaderService:
    SERVICE = "autobangumi.v1.DownloaderService"

    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx

    async def _listed(self) -> list[tuple[Downloader, TorrentInfo]]:
        return await self.ctx.downloader.list_all()

    async def _holders(self, hashes: Iterable[str]) -> list[tuple[Downloader, list[str]]]:
        """The hashes grouped by the instance holding them (unknown ones: the default)."""
        if len(self.ctx.downloader.instances()) == 1:
            return [(self.ctx.downloader.get(), list(hashes))]
        wanted = [h.strip().lower() for h in hashes if h.strip()]
        groups: dict[int, tuple[Downloader, list[str]]] = {}
        where = {t.hash.lower(): dl for dl, t in await self._listed()}
        for h in wanted:
            dl = where.get(h) or self.ctx.downloader.get()
            groups.setdefault(id(dl), (dl, []))[1].append(h)
        return list(groups.values())

    async def ListTorrents(
        self, req: downloader_pb2.ListDownloaderTorrentsRequest, caller: Caller
    ) -> downloader_pb2.ListDownloaderTorrentsResponse:
        items = [t for _dl, t in await self._listed()]
        return downloader_pb2.ListDownloaderTorrentsResponse(torrents=[torrent_message(t) for t in items])

    async def PauseTorrents(self, req: downloader_pb2.HashesRequest, caller: Caller) -> common_pb2.ApiMessage:
        _need_hashes(req.hashes)
        for dl, hashes in await self._holders(req.hashes):
            await dl.pause(hashes)
        return common_pb2.ApiMessage(msg_en="Torrents paused", msg_zh="种子已暂停")

    async def ResumeTorrents(
        self, req: downloader_pb2.HashesRequest, caller: Caller
    ) -> common_pb2.ApiMessage:
        _need_hashes(req.hashes)
        for dl, hashes in await self._holders(req.hashes):
            await dl.resume(hashes)
        return common_pb2.ApiMessage(msg_en="Torrents resumed", msg_zh="种子已恢复")

    async def DeleteTorrents(
        self, req: downloader_pb2.DeleteTorrentsRequest, caller: Caller
    ) -> common_pb2.ApiMessage:
        # Files go only when this request says so (delete_files defaults to false).
        _need_hashes(req.hashes)
        try:
            for dl, hashes in await self._holders(req.hashes):
                await dl.delete(hashes, delete_files=req.delete_files)
        except DownloaderError as exc:
            log.warning("Deleting torrents failed: %s", exc)
            return common_pb2.ApiMessage(
                status=False, msg_en="Failed to delete torrents", msg_zh=f"删除种子失败：{exc.msg_zh}"
            )
        log.info("Deleted %d torrent(s)%s.", len(req.hashes), " with their files" if req.delete_files else "")
        return common_pb2.ApiMessage(status=True, msg_en="Torrents deleted", msg_zh="种子已删除")

    async def TagTorrent(
        self, req: downloader_pb2.TagTorrentRequest, caller: Caller
    ) -> common_pb2.ApiMessage:
        if not req.hash.strip():
            raise invalid("hash: give the torrent's info-hash.", "hash：请提供种子的哈希值。")
        async with self.ctx.db() as s:
            rule = await s.get(Bangumi, req.bangumi_id)
        if rule is None:
            raise not_found(f"Bangumi {req.bangumi_id} not found.", f"未找到番剧 {req.bangumi_id}。")
        for dl, hashes in await self._holders([req.hash]):
            await dl.add_tags(hashes, [f"{RULE_TAG_PREFIX}{rule.id}"])
        return common_pb2.ApiMessage(
            status=True,
            msg_en=f"Tagged torrent with {rule.official_title}.",
            msg_zh=f"已将种子关联到 {rule.official_title}。",
        )

    async def AutoTagTorrents(self, req: common_pb2.Empty, caller: Caller) -> downloader_pb2.AutoTagResponse:
        """Tag untagged torrents with the rule whose title (longest first) or save path matches."""
        async with self.ctx.db() as s:
            rules = list((await s.scalars(select(Bangumi).where(Bangumi.deleted.is_(False)))).all())
        candidates = sorted(
            ((t, r) for r in rules for t in _titles(r)), key=lambda p: len(p[0]), reverse=True
        )
        by_path = {r.save_path: r for r in rules if r.save_path}
        torrents = await self._listed()
        tagged = 0
        unmatched: list[TorrentInfo] = []
        for dl, t in torrents:
            if any(tag.startswith(RULE_TAG_PREFIX) for tag in t.tags):
                continue
            name = normalize_for_match(t.name)
            rule = next((r for title, r in candidates if title in name), None) or by_path.get(t.save_path)
            if rule is None:
                unmatched.append(t)
                continue
            await dl.add_tags([t.hash], [f"{RULE_TAG_PREFIX}{rule.id}"])
            tagged += 1
        return downloader_pb2.AutoTagResponse(
            status=True,
            tagged_count=tagged,
            unmatched_count=len(unmatched),
            unmatched=[
                downloader_pb2.UnmatchedTorrent(hash=t.hash, name=t.name, save_path=t.save_path)
                for t in unmatched[:UNMATCHED_SHOWN]
            ],
            msg_en=f"Tagged {tagged} torrent(s); {len(unmatched)} unmatched.",
            msg_zh=f"已标记 {tagged} 个种子，{len(unmatched)} 个未匹配。",
        )
