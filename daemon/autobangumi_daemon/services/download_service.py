"""DownloadService: the daemon's own torrents with their progress and the state of their rename."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import select

from autobangumi.rpc import Caller
from autobangumi.v1 import download_pb2
from autobangumi_daemon.adapters.downloaders.base import (
    ETA_INFINITE,
    RULE_TAG_PREFIX,
    TorrentInfo,
)
from autobangumi_daemon.context import AppContext
from autobangumi_daemon.db.models import Bangumi, RenameRecord, Torrent
from autobangumi_daemon.library.journal import JournalState

__all__ = ["DownloadService", "RenameState", "rename_state", "torrent_state"]

_CHUNK = 500
_STATES = {
    "downloading": "downloading",
    "stalledDL": "downloading",
    "metaDL": "downloading",
    "forcedMetaDL": "downloading",
    "forcedDL": "downloading",
    "allocating": "downloading",
    "uploading": "seeding",
    "stalledUP": "seeding",
    "forcedUP": "seeding",
    "pausedDL": "paused",
    # Finished and no longer seeding.
    "pausedUP": "completed",
    "queuedDL": "queued",
    "queuedUP": "queued",
    "checkingDL": "checking",
    "checkingUP": "checking",
    "checkingResumeData": "checking",
    "moving": "checking",
    "error": "error",
    "missingFiles": "error",
}


def torrent_state(t: TorrentInfo) -> str:
    return _STATES.get(t.state, "unknown")


@dataclass(frozen=True, slots=True)
class RenameState:
    state: str
    detail_en: str
    detail_zh: str


def _files(n: int) -> tuple[str, str]:
    return ("1 file" if n == 1 else f"{n} files"), f"{n} 个文件"


# Files that hold their library name, or were renamed and then removed from the torrent.
_NAMED_OR_GONE = (JournalState.DONE, JournalState.SUPERSEDED, JournalState.REMOVED)


def rename_state(completed: bool, records: Sequence[RenameRecord]) -> RenameState:
    """One state for a torrent from its journal rows, the most urgent first: failed, held,
    pending, unparsed, then renamed or nothing to rename."""
    files = [r for r in records if r.kind != "torrent"]
    whole = next((r for r in records if r.kind == "torrent"), None)
    failed = [r for r in records if r.status == JournalState.FAILED]
    if failed:
        r = failed[0]
        en = r.last_error or "the downloader refused the rename"
        zh = r.last_error_zh or r.last_error or "下载器拒绝了重命名"
        return RenameState(
            "failed",
            f"Rename failed after {r.attempts} attempts: {en}",
            f"重命名在尝试 {r.attempts} 次后失败：{zh}",
        )
    held = [r for r in files if r.status == JournalState.HELD]
    if held:
        r = held[0]
        en = r.last_error or "a name conflict"
        zh = r.last_error_zh or r.last_error or "名称冲突"
        return RenameState("held", f"Held for review: {en}", f"已暂缓，等待确认：{zh}")
    pending = [r for r in records if r.status == JournalState.PENDING]
    if pending:
        r = pending[0]
        if r.last_error:
            return RenameState(
                "pending",
                f"Rename retried later ({r.attempts} attempts so far): {r.last_error}",
                f"稍后重试重命名（已尝试 {r.attempts} 次）：{r.last_error_zh or r.last_error}",
            )
        return RenameState("pending", "Rename in progress", "正在重命名")
    if not files and whole is None:
        if completed:
            return RenameState("pending", "Renamed at the next rename run", "将在下次重命名时处理")
        return RenameState("pending", "Renamed when the download finishes", "下载完成后重命名")
    done = [
        r for r in files if r.status in (JournalState.DONE, JournalState.SUPERSEDED, JournalState.REMOVED)
    ]
    unparsed = [r for r in files if r.status == JournalState.UNPARSED]
    if unparsed and not done:
        r = unparsed[0]
        en = r.last_error or "no episode number in the file names"
        zh = r.last_error_zh or r.last_error or "文件名中没有集数"
        return RenameState("unparsed", f"Not renamed: {en}", f"未重命名：{zh}")
    if done:
        n_en, n_zh = _files(len(done))
        extra_en = f"; {len(unparsed)} not recognised" if unparsed else ""
        extra_zh = f"；{len(unparsed)} 个无法识别" if unparsed else ""
        return RenameState("renamed", f"Renamed ({n_en}){extra_en}", f"已重命名（{n_zh}）{extra_zh}")
    return RenameState("none", "Nothing to rename", "无需重命名")


def _rule_tag(tags: Iterable[str]) -> int | None:
    for tag in tags:
        if tag.startswith(RULE_TAG_PREFIX) and tag[len(RULE_TAG_PREFIX) :].isdigit():
            return int(tag[len(RULE_TAG_PREFIX) :])
    return None


def _added_at(t: TorrentInfo) -> str | None:
    if t.added_on <= 0:
        return None
    return datetime.fromtimestamp(t.added_on, UTC).isoformat(timespec="seconds")


class DownloadService:
    SERVICE = "autobangumi.v1.DownloadService"

    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx

    async def ListDownloads(
        self, req: download_pb2.ListDownloadsRequest, caller: Caller
    ) -> download_pb2.ListDownloadsResponse:
        # Every instance's torrents (one that is down is left out while another answers).
        listed = [t for _dl, t in await self.ctx.downloader.list_all()]
        hashes = [t.hash.lower() for t in listed]
        rule_of: dict[str, int] = {}
        journal: dict[str, list[RenameRecord]] = {}
        async with self.ctx.db() as s:
            rule_ids = set((await s.scalars(select(Bangumi.id))).all())
            for i in range(0, len(hashes), _CHUNK):
                chunk = hashes[i : i + _CHUNK]
                rows = await s.execute(
                    select(Torrent.qb_hash, Torrent.bangumi_id).where(Torrent.qb_hash.in_(chunk))
                )
                for h, rid in rows.all():
                    if h and rid is not None:
                        rule_of[h.lower()] = rid
                for rec in (
                    await s.scalars(select(RenameRecord).where(RenameRecord.torrent_hash.in_(chunk)))
                ).all():
                    journal.setdefault(rec.torrent_hash.lower(), []).append(rec)
        out: list[download_pb2.Download] = []
        for t in sorted(listed, key=lambda t: t.added_on, reverse=True):
            h = t.hash.lower()
            rule_id = rule_of.get(h)
            if rule_id is None:
                tagged = _rule_tag(t.tags)
                rule_id = tagged if tagged in rule_ids else None
            rename = rename_state(t.completed, journal.get(h, []))
            eta = None if t.completed or t.eta < 0 or t.eta >= ETA_INFINITE else t.eta
            out.append(
                download_pb2.Download(
                    hash=h,
                    name=t.name,
                    state=torrent_state(t),
                    progress=max(0.0, min(1.0, t.progress)),
                    dlspeed=t.dlspeed,
                    upspeed=t.upspeed,
                    size=t.size,
                    eta=eta,
                    save_path=t.save_path,
                    bangumi_id=rule_id,
                    added_at=_added_at(t),
                    rename_state=rename.state,
                    rename_detail_en=rename.detail_en,
                    rename_detail_zh=rename.detail_zh,
                )
            )
        return download_pb2.ListDownloadsResponse(torrents=out)
