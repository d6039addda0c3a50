"""Rule maintenance in the downloaders: the torrents a rule owns, moved when its folder changes
and deleted (with their files) only when the user deletes the rule and asks for it, each in the
instance that holds it; and, with `preference.remove_superseded`, replaced releases removed once
their replacement has landed."""

from __future__ import annotations

import logging
from collections.abc import Sequence

from sqlalchemy import Row, select, update

from autobangumi_daemon.adapters.downloaders.base import Downloader, DownloaderError
from autobangumi_daemon.core.states import ItemReason, ItemState
from autobangumi_daemon.db.models import Bangumi, RenameRecord, Torrent
from autobangumi_daemon.downloader_manager import DEFAULT_DOWNLOADER
from autobangumi_daemon.errors import DaemonError, unavailable
from autobangumi_daemon.library.journal import JournalState
from autobangumi_daemon.pipeline.shared import PipelineShared

__all__ = ["RuleMaintenance"]

log = logging.getLogger(__name__)


class RuleMaintenance:
    def __init__(self, shared: PipelineShared) -> None:
        self.shared = shared

    def _clients(self) -> list[tuple[str, Downloader]]:
        """Every usable instance (an override stands for all of them)."""
        sh = self.shared
        if sh.downloader_override is not None:
            return [(DEFAULT_DOWNLOADER, sh.downloader_override)]
        out = []
        for inst in sh.ctx.downloader.instances():
            try:
                out.append((inst.name, inst.get()))
            except DaemonError as exc:
                log.info("Downloader %r is not usable: %s", inst.name, exc.msg_en)
        return out

    async def rule_torrents(
        self, rule_ids: Sequence[int], save_path: str | None = None
    ) -> list[tuple[Downloader, list[str]]]:
        """Info-hashes this daemon added for the rules (and, if given, into that save path),
        by the instance that holds them: a torrent's instance is where it is found (tagged
        `ab:<rule id>`); a recorded one found nowhere is taken to be in its rule's instance."""
        sh = self.shared
        async with sh.ctx.db() as s:
            q = select(Torrent.qb_hash, Torrent.bangumi_id).where(
                Torrent.bangumi_id.in_(list(rule_ids)), Torrent.status == ItemState.DOWNLOADED
            )
            if save_path is not None:
                q = q.where(Torrent.save_path == save_path)
            recorded = [(h.lower(), rid) for h, rid in (await s.execute(q)).all() if h]
            rules = {
                r.id: r
                for r in (await s.scalars(select(Bangumi).where(Bangumi.id.in_(list(rule_ids))))).all()
            }
        await sh.load_feed_downloaders()  # a rule found nowhere is routed by its feed too
        tags = [f"ab:{i}" for i in rule_ids]
        found: dict[str, tuple[Downloader, list[str]]] = {}
        seen: set[str] = set()
        for name, client in self._clients():
            hashes: list[str] = []
            try:
                for tag in tags:
                    for t in await client.list_torrents(tag=tag):
                        if save_path is None or t.save_path.rstrip("/\\") == save_path.rstrip("/\\"):
                            hashes.append(t.hash.lower())
            except DownloaderError as exc:
                log.info("Could not list downloader %r's torrents for %s: %s", name, tags, exc)
            if hashes:
                found[name] = (client, list(dict.fromkeys(hashes)))
                seen.update(hashes)
        for h, rid in recorded:
            if h in seen or rid is None or rid not in rules:
                continue
            name = sh.instance_for(rules[rid]) or DEFAULT_DOWNLOADER
            try:
                client = sh.downloader_for(rules[rid])
            except DaemonError:
                continue
            found.setdefault(name, (client, []))[1].append(h)
            seen.add(h)
        return list(found.values())

    async def rule_hashes(self, rule_ids: Sequence[int], save_path: str | None = None) -> list[str]:
        """The hashes of rule_torrents, whichever instance holds them."""
        return [h for _c, hashes in await self.rule_torrents(rule_ids, save_path) for h in hashes]

    async def move_rule(self, rule_id: int, old_path: str, new_path: str) -> int:
        sh = self.shared
        held = await self.rule_torrents([rule_id], old_path)
        if not held:
            return 0
        try:
            for client, hashes in held:
                await client.move(hashes, new_path)
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
        return sum(len(h) for _c, h in held)

    async def delete_rule_torrents(self, rule_ids: Sequence[int]) -> int:
        held = await self.rule_torrents(rule_ids)
        if not held:
            return 0
        try:
            for client, hashes in held:
                await client.delete(hashes, delete_files=True)
        except DownloaderError as exc:
            raise unavailable(
                f"Could not delete the torrents: {exc.msg_en}", f"无法删除种子：{exc.msg_zh}"
            ) from None
        return sum(len(h) for _c, h in held)

    async def remove_replaced(self) -> int:
        """With `preference.remove_superseded` on (the user's standing request): each replaced
        release leaves its downloader, files included, once its replacement is complete there
        and, where the renamer renames or places that downloader's episodes, settled by it, so
        an episode is never left with no file. Its item then says so (reason `removed`); a
        downloader that is down is tried again at the next refresh. The number removed."""
        from autobangumi_daemon.notify.completion import renaming_applies

        sh = self.shared
        if not sh.ctx.config.config.preference.remove_superseded:
            return 0
        async with sh.ctx.db() as s:
            old_rows = list(
                (
                    await s.execute(
                        select(Torrent.id, Torrent.qb_hash, Torrent.bangumi_id, Torrent.duplicate_of).where(
                            Torrent.status == ItemState.REPLACED,
                            Torrent.reason == ItemReason.REPLACED,
                            Torrent.qb_hash.is_not(None),
                            Torrent.duplicate_of.is_not(None),
                        )
                    )
                ).all()
            )
            if not old_rows:
                return 0
            by_ids = {r.duplicate_of for r in old_rows}
            new_hash = {
                i: (h or "").lower()
                for i, h in (
                    await s.execute(
                        select(Torrent.id, Torrent.qb_hash).where(
                            Torrent.id.in_(by_ids), Torrent.status == ItemState.DOWNLOADED
                        )
                    )
                ).all()
                if h
            }
            journal = (
                await s.execute(
                    select(RenameRecord.torrent_hash, RenameRecord.kind, RenameRecord.status).where(
                        RenameRecord.torrent_hash.in_(list(new_hash.values())),
                        RenameRecord.kind.in_(("torrent", "media")),
                    )
                )
            ).all()
            rule_ids = {r.bangumi_id for r in old_rows if r.bangumi_id is not None}
            rules = {
                b.id: b for b in (await s.scalars(select(Bangumi).where(Bangumi.id.in_(rule_ids)))).all()
            }
        settled = _settled(journal)
        await sh.load_feed_downloaders()
        removed: list[int] = []
        for r in old_rows:
            replacement = new_hash.get(r.duplicate_of)
            rule = rules.get(r.bangumi_id) if r.bangumi_id is not None else None
            if replacement is None or rule is None:
                continue
            try:
                client = sh.downloader_for(rule)
            except DaemonError:
                continue
            old = (r.qb_hash or "").lower()
            try:
                listed = {t.hash.lower(): t for t in await client.list_torrents(hashes=[old, replacement])}
                new = listed.get(replacement)
                if new is None or not new.completed:
                    continue
                if renaming_applies(sh.ctx, client) and replacement not in settled:
                    continue
                if old in listed:
                    await client.delete([old], delete_files=True)
                    log.info("Removed %s (replaced by %s) with its files", listed[old].name, new.name)
            except DownloaderError as exc:
                log.info("Could not remove a replaced release yet: %s", exc.msg_en)
                continue
            removed.append(r.id)
        if removed:
            async with sh.ctx.db.begin() as s:
                await s.execute(
                    update(Torrent).where(Torrent.id.in_(removed)).values(reason=ItemReason.REMOVED)
                )
        return len(removed)


def _settled(journal: Sequence[Row[str, str, str]]) -> set[str]:
    """The torrents the renamer is done with and whose episodes all took their names (renamed
    or placed): a held or failed episode may still need the old release's file."""
    done: set[str] = set()
    unsettled: set[str] = set()
    named: set[str] = set()
    for h, kind, status in journal:
        key = h.lower()
        if kind == "torrent":
            (done if status == JournalState.DONE else unsettled).add(key)
        elif status == JournalState.DONE:
            named.add(key)
        elif status != JournalState.SUPERSEDED:
            unsettled.add(key)
    return (done & named) - unsettled
