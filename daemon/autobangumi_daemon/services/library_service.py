"""LibraryService: the rename preview and an on-demand rename run (beyond AutoBangumi)."""

from __future__ import annotations

from autobangumi.rpc import Caller
from autobangumi.v1 import common_pb2, library_pb2
from autobangumi_daemon.context import AppContext
from autobangumi_daemon.core.states import RenameSkip
from autobangumi_daemon.db.models import Bangumi
from autobangumi_daemon.errors import failed, invalid, not_found

__all__ = ["LibraryService"]


class LibraryService:
    SERVICE = "autobangumi.v1.LibraryService"

    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx
        # Building the service registers the rename job, before the program starts its jobs.
        self.renamer = ctx.renamer

    async def PreviewRename(
        self, req: library_pb2.PreviewRenameRequest, caller: Caller
    ) -> library_pb2.PreviewRenameResponse:
        has_hash = req.HasField("hash") and bool(req.hash.strip())
        has_rule = req.HasField("bangumi_id")
        if has_hash == has_rule:
            raise invalid(
                "Give either a torrent hash or a bangumi_id.",
                "请提供种子哈希（hash）或番剧规则 ID（bangumi_id）其中之一。",
            )
        own_template = ""
        if has_rule:
            async with self.ctx.db() as s:
                row = await s.get(Bangumi, req.bangumi_id)
                own_template = (row.rename_template or "") if row is not None else ""
                if row is None:
                    raise not_found(
                        f"No such bangumi rule (bangumi_id {req.bangumi_id}).",
                        f"番剧规则不存在（bangumi_id 为 {req.bangumi_id}）。",
                    )
        method, torrents, entries = await self.renamer.preview(
            torrent_hash=req.hash.strip() if has_hash else None,
            bangumi_id=req.bangumi_id if has_rule else None,
        )
        if has_hash and not torrents:
            # The user's own torrents are never previewed (nor renamed): same answer as unknown.
            raise not_found(
                "No such torrent of AutoBangumi's in the downloader.",
                "下载器中没有该 AutoBangumi 种子。",
            )
        # A rule's own template wins over the configured one. By hash, the template is the one
        # the torrent's files were planned with (its rule's, as the run will use).
        template = own_template or self.ctx.config.config.bangumi_manage.rename_template
        if has_hash and entries:
            template = entries[0].template
        # `none` and `normal` rename nothing, so no template is in play for them.
        resp = library_pb2.PreviewRenameResponse(
            method=method, template=template if method in ("pn", "advance") else ""
        )
        for e in entries:
            item = resp.items.add(
                torrent_hash=e.torrent.hash,
                torrent_name=e.torrent.name,
                save_path=e.torrent.save_path,
                new_save_path=e.plan.target_save_path,
                old_path=e.item.old_path,
                new_path=e.item.new_path if e.status == "rename" else e.item.old_path,
                status=e.status,
                kind=e.item.kind,
                reason_en=e.reason[0],
                reason_zh=e.reason[1],
                completed=e.torrent.completed,
            )
            if e.item.season is not None:
                item.season = e.item.season
            if e.item.episode is not None:
                item.episode = float(e.item.episode)
        return resp

    async def RunRename(self, req: common_pb2.Empty, caller: Caller) -> common_pb2.ApiMessage:
        summary = await self.renamer.run_once(manual=True)
        en, zh = summary.message()
        if summary.skipped in (RenameSkip.DISABLED, RenameSkip.UNSUPPORTED):
            raise failed(en, zh)
        return common_pb2.ApiMessage(msg_en=en, msg_zh=zh, status=True)
