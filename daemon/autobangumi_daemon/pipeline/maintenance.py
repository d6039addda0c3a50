"""Rule maintenance in the downloader: the torrents a rule owns, moved when its folder changes
and deleted (with their files) only when the user deletes the rule and asks for it."""

from __future__ import annotations

import logging
from collections.abc import Sequence

from sqlalchemy import select, update

from autobangumi_daemon.adapters.downloaders.base import DownloaderError
from autobangumi_daemon.core.states import ItemState
from autobangumi_daemon.db.models import Torrent
from autobangumi_daemon.errors import DaemonError, unavailable
from autobangumi_daemon.pipeline.shared import PipelineShared

__all__ = ["RuleMaintenance"]

log = logging.getLogger(__name__)


class RuleMaintenance:
    def __init__(self, shared: PipelineShared) -> None:
        self.shared = shared

    async def rule_hashes(self, rule_ids: Sequence[int], save_path: str | None = None) -> list[str]:
        """Info-hashes this daemon added for the rules (and, if given, into that save path)."""
        sh = self.shared
        async with sh.ctx.db() as s:
            q = select(Torrent.qb_hash).where(
                Torrent.bangumi_id.in_(list(rule_ids)), Torrent.status == ItemState.DOWNLOADED
            )
            if save_path is not None:
                q = q.where(Torrent.save_path == save_path)
            hashes = [h for h in (await s.scalars(q)).all() if h]
        tags = [f"ab:{i}" for i in rule_ids]
        try:
            client = sh.downloader()
            for tag in tags:
                for t in await client.list_torrents(tag=tag):
                    if save_path is None or t.save_path.rstrip("/\\") == save_path.rstrip("/\\"):
                        hashes.append(t.hash)
        except (DownloaderError, DaemonError) as exc:
            log.info("Could not list the downloader's torrents for %s: %s", tags, exc)
        return list(dict.fromkeys(hashes))

    async def move_rule(self, rule_id: int, old_path: str, new_path: str) -> int:
        sh = self.shared
        hashes = await self.rule_hashes([rule_id], old_path)
        if not hashes:
            return 0
        try:
            await sh.downloader().move(hashes, new_path)
        except DownloaderError as exc:
            raise unavailable(
                f"Could not move the downloads: {exc.msg_en}", f"无法移动已下载的文件：{exc.msg_zh}"
            ) from None
        async with sh.ctx.db.begin() as s:
            await s.execute(
                update(Torrent)
                .where(Torrent.bangumi_id == rule_id, Torrent.save_path == old_path)
                .values(save_path=new_path)
            )
        return len(hashes)

    async def delete_rule_torrents(self, rule_ids: Sequence[int]) -> int:
        sh = self.shared
        hashes = await self.rule_hashes(rule_ids)
        if not hashes:
            return 0
        try:
            await sh.downloader().delete(hashes, delete_files=True)
        except DownloaderError as exc:
            raise unavailable(
                f"Could not delete the torrents: {exc.msg_en}", f"无法删除种子：{exc.msg_zh}"
            ) from None
        return len(hashes)
