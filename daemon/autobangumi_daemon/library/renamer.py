"""The renamer: finished torrents of ours get library names through the downloader's API.

Every run plans with `core.rename_plan` (pure) and applies the plan file by file, writing each
outcome to the `rename_record` journal (plan → journal → apply, users-voice §3.5):

- only the daemon's own torrents are looked at: category `Bangumi`/`BangumiCollection` *and*
  known to the daemon (its hash in the `torrent` table, or an `ab:<rule id>` tag). A user's
  hand-made torrent in the `Bangumi` category is left alone (users-voice #944);
- renames go through the client (qBittorrent's renameFile), so seeding continues;
- a conflict (the target exists in the torrent, in another torrent or on disk) is held: logged
  once, the rule marked for review, never retried by the schedule and never overwritten;
- other failures are retried with a growing pause and given up after MAX_ATTEMPTS, reported once;
- each renamed episode is notified exactly once: the journal says so before the message goes
  out, so a retry or a restart can never send it again (users-voice #1078);
- one torrent failing never stops the others; an unreachable client ends the run quietly.

The preview runs the same code without applying anything.
"""

from __future__ import annotations

import asyncio
import logging
import os
import posixpath
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from autobangumi.v1 import program_pb2
from autobangumi_daemon.adapters.downloaders.base import (
    OWN_CATEGORIES,
    RULE_TAG_PREFIX,
    AuthFailed,
    Banned,
    Capabilities,
    Conflict,
    Downloader,
    DownloaderError,
    NotFound,
    TlsError,
    TorrentInfo,
    Unreachable,
)
from autobangumi_daemon.context import AppContext
from autobangumi_daemon.core.rename_plan import (
    Claim,
    FileIn,
    PlannedFile,
    PlanOptions,
    RuleInfo,
    TorrentIn,
    TorrentPlan,
    join_key,
    plan_torrent,
)
from autobangumi_daemon.db.models import Bangumi, RenameRecord, Torrent
from autobangumi_daemon.errors import ApiError
from autobangumi_daemon.program import JobSpec

__all__ = ["PreviewEntry", "Renamer", "RunSummary", "get_renamer"]

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 5
BACKOFF_BASE = 60.0  # seconds: 1, 2, 4, 8 minutes between attempts, then give up
BACKOFF_MAX = 3600.0
#: qBittorrent renames on disk at once but may list the new name a moment later (contract §6.4).
VERIFY_DELAYS = (0.1, 0.2, 0.4)
MOVE_WAIT = 30.0
COLLECTION_CATEGORY = "BangumiCollection"

#: Journal states the scheduled run never touches again. A manual run looks again at the ones
#: in RECHECK (the user may have cleared a conflict); done and superseded are final.
FINAL = frozenset({"done", "held", "failed", "superseded", "unparsed", "removed"})
RECHECK = frozenset({"held", "failed", "unparsed"})
#: The client is gone or refuses us: stop the run, count nothing against the files.
_CLIENT_DOWN = (Unreachable, AuthFailed, Banned, TlsError)


class _ClientDown(Exception):
    pass


@dataclass(slots=True)
class RunSummary:
    torrents: int = 0
    renamed: int = 0
    held: int = 0
    failed: int = 0
    unparsed: int = 0
    skipped: str = ""  # why nothing ran, if nothing did

    def message(self) -> tuple[str, str]:
        if self.skipped == "disabled":
            return ("Renaming is turned off (bangumi_manage).", "重命名已关闭（bangumi_manage）。")
        if self.skipped == "method":
            return ("The rename method is `none`: nothing to rename.", "重命名方式为 none：无需重命名。")
        if self.skipped == "unsupported":
            return ("This downloader cannot rename files.", "该下载器不支持重命名文件。")
        return (
            f"Rename finished: {self.renamed} renamed, {self.held} held for review, {self.failed} failed, "
            f"{self.unparsed} not recognised, in {self.torrents} torrents.",
            f"重命名完成：共 {self.torrents} 个种子，重命名 {self.renamed} 个文件，{self.held} 个待确认，"
            f"{self.failed} 个失败，{self.unparsed} 个无法识别。",
        )


@dataclass(frozen=True, slots=True)
class PreviewEntry:
    torrent: TorrentInfo
    plan: TorrentPlan
    item: PlannedFile
    status: str
    reason: tuple[str, str]


@dataclass(slots=True)
class _Rule:
    row: Bangumi
    info: RuleInfo


@dataclass(slots=True)
class _State:
    """One look at the client and the database, shared by every torrent of a run."""

    dl: Downloader
    options: PlanOptions
    torrents: list[tuple[TorrentInfo, _Rule | None]]
    records: dict[str, dict[str, RenameRecord]]
    claims: dict[str, Claim] = field(default_factory=dict)


def _now() -> datetime:
    return datetime.now(UTC)


def _aware(value: datetime | None) -> datetime | None:
    # SQLite hands timezone-aware columns back naive; they were written in UTC.
    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value


def _exists(path: str) -> bool:
    """Whether the client's path exists here too (the usual shared Docker volume); else False.

    When the daemon cannot see the client's disk, the adapter's own checks at rename time (other
    torrents' files through the API) still stand between a rename and an overwrite.
    """
    return os.path.lexists(path)


def _rule_tag_ids(tags: Iterable[str]) -> list[int]:
    out = []
    for tag in tags:
        if tag.startswith(RULE_TAG_PREFIX) and tag[len(RULE_TAG_PREFIX) :].isdigit():
            out.append(int(tag[len(RULE_TAG_PREFIX) :]))
    return out


def _aliases(rule: Bangumi) -> list[str]:
    return ([rule.title_raw] if rule.title_raw else []) + rule.aliases()


def _same_dir(a: str, b: str) -> bool:
    return posixpath.normpath(a.replace("\\", "/")).rstrip("/") == posixpath.normpath(
        b.replace("\\", "/")
    ).rstrip("/")


class Renamer:
    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx
        self._lock = asyncio.Lock()
        self._warned_unsupported = False

    # ----------------------------------------------------------------------------------------
    # entry points

    async def scheduled(self) -> None:
        """The periodic job (`program.rename_time`)."""
        try:
            await self.run_once()
        except (DownloaderError, ApiError) as exc:
            # Unreachable or unusable settings: the downloader manager already logs reachability
            # changes, so a note is enough here (no error every minute).
            log.debug("Rename run skipped: %s", exc)

    async def run_once(self, *, manual: bool = False) -> RunSummary:
        """One pass over the finished torrents. `manual` also re-checks held and failed files."""
        summary = RunSummary()
        cfg = self.ctx.config.config.bangumi_manage
        if not cfg.enable:
            summary.skipped = "disabled"
            return summary
        if cfg.rename_method in ("none", "normal"):
            summary.skipped = "method"
            return summary
        async with self._lock:
            dl = self.ctx.downloader.get()
            if not dl.capabilities & Capabilities.RENAME_FILE:
                if not self._warned_unsupported:
                    log.warning("The %s downloader cannot rename files; renaming is skipped.", dl.kind)
                    self._warned_unsupported = True
                summary.skipped = "unsupported"
                return summary
            state = await self._state(dl, completed_only=True)
            for info, rule in state.torrents:
                if not manual and self._settled(state.records.get(info.hash, {}).get(""), info):
                    continue
                summary.torrents += 1
                try:
                    await self._process(state, info, rule, summary, manual=manual)
                except _ClientDown:
                    log.warning("The downloader went away during renaming; the next run continues.")
                    break
                except Exception:
                    # One bad torrent must not stall the others.
                    log.exception("Renaming %s failed; the other torrents go on.", info.name)
                    await self._torrent_failure(state, info, rule, "internal error")
        return summary

    async def preview(
        self, *, torrent_hash: str | None = None, bangumi_id: int | None = None
    ) -> tuple[str, list[TorrentInfo], list[PreviewEntry]]:
        """What a run started now would do, for one torrent or one rule's torrents; changes nothing."""
        method = self.ctx.config.config.bangumi_manage.rename_method or "pn"
        dl = self.ctx.downloader.get()
        state = await self._state(dl, completed_only=False)
        wanted = [
            (info, rule)
            for info, rule in state.torrents
            if (torrent_hash is not None and info.hash == torrent_hash.lower())
            or (bangumi_id is not None and rule is not None and rule.row.id == bangumi_id)
        ]
        entries: list[PreviewEntry] = []
        for info, rule in wanted:
            try:
                files = await dl.get_files(info.hash)
            except NotFound:
                continue  # removed while we looked: nothing to show for it
            plan = self._plan(state, info, rule, [f.name for f in files])
            records = state.records.get(info.hash, {})
            for item in plan.items:
                rec = records.get(item.original)
                status, reason = item.status, (item.reason_en, item.reason_zh)
                if rec is not None and rec.status in ("done", "superseded") and not _stale(rec, item):
                    status, reason = "unchanged", ("Renamed earlier.", "之前已重命名。")
                entries.append(PreviewEntry(info, plan, item, status, reason))
                if status == "rename":
                    # Later torrents of the preview see this name as taken, as the run would.
                    self._claim(state, info.hash, plan, item)
        return method, [info for info, _ in wanted], entries

    # ----------------------------------------------------------------------------------------
    # the shared look at the world

    async def _state(self, dl: Downloader, *, completed_only: bool) -> _State:
        cfg = self.ctx.config.config
        caps = dl.capabilities
        options = PlanOptions(
            method=cfg.bangumi_manage.rename_method or "pn",
            download_root=cfg.downloader.path,
            can_cross_folders=bool(caps & Capabilities.RENAME_ACROSS_FOLDERS)
            and bool(caps & Capabilities.MOVE),
        )
        listed = await dl.list_torrents()
        own_cat = [t for t in listed if t.category in OWN_CATEGORIES]
        hashes = [t.hash for t in own_cat]
        async with self.ctx.db() as s:
            rules = {r.id: r for r in (await s.scalars(select(Bangumi))).all()}
            known: dict[str, int | None] = {}
            records: dict[str, dict[str, RenameRecord]] = {}
            for chunk in _chunks(hashes, 500):
                for h, rid in (
                    await s.execute(
                        select(Torrent.qb_hash, Torrent.bangumi_id).where(Torrent.qb_hash.in_(chunk))
                    )
                ).all():
                    if h:
                        known[h.lower()] = rid if rid is not None else known.get(h.lower())
                for rec in (
                    await s.scalars(select(RenameRecord).where(RenameRecord.torrent_hash.in_(chunk)))
                ).all():
                    records.setdefault(rec.torrent_hash, {})[rec.file_path] = rec
        torrents: list[tuple[TorrentInfo, _Rule | None]] = []
        for t in own_cat:
            tag_ids = [i for i in _rule_tag_ids(t.tags) if i in rules]
            if t.hash not in known and not tag_ids:
                continue  # in our category but never added by us: the user's own
            if completed_only and not t.completed:
                continue
            torrents.append((t, self._find_rule(t, known.get(t.hash), tag_ids, rules)))
        # Oldest first, so when two releases want one name the earlier finished one is first.
        torrents.sort(key=lambda x: (x[0].completion_on if x[0].completion_on >= 0 else 2**62, x[0].hash))
        state = _State(dl, options, torrents, records)
        present = {t.hash for t in listed}
        for h, recs in records.items():
            if h not in present:
                continue  # a torrent removed from the client holds no name (its files may: disk check)
            for rec in recs.values():
                if rec.status in ("done", "superseded") and rec.target and rec.save_path:
                    state.claims[join_key(rec.save_path, rec.target)] = Claim(
                        h, rec.target, rec.version, parked=rec.status == "superseded"
                    )
        return state

    @staticmethod
    def _find_rule(
        t: TorrentInfo, row_rule: int | None, tag_ids: Sequence[int], rules: dict[int, Bangumi]
    ) -> _Rule | None:
        """AutoBangumi's order: the torrent row, the `ab:` tag, the longest title, the save path."""
        rule = rules.get(row_rule) if row_rule is not None else None
        if rule is None and tag_ids:
            rule = rules.get(tag_ids[0])
        if rule is None:
            best = 0
            for r in rules.values():
                if r.deleted:
                    continue
                for alias in _aliases(r):
                    if len(alias) > best and alias in t.name:
                        rule, best = r, len(alias)
        if rule is None:
            rule = next(
                (
                    r
                    for r in rules.values()
                    if not r.deleted and r.save_path and _same_dir(r.save_path, t.save_path)
                ),
                None,
            )
        if rule is None:
            return None
        return _Rule(
            rule,
            RuleInfo(
                rule.id,
                rule.official_title,
                rule.year,
                rule.season,
                rule.season_offset,
                rule.episode_offset,
                # The feed pipeline takes the season from TMDB (and sets the year) only when the
                # release stated none; a stated one is kept in season_raw.
                season_from_release=bool(rule.season_raw) or not rule.year,
            ),
        )

    def _plan(
        self, state: _State, info: TorrentInfo, rule: _Rule | None, names: Sequence[str]
    ) -> TorrentPlan:
        """Plan from the release's own names: files renamed before are mapped back through the journal."""
        records = state.records.get(info.hash, {})
        present = set(names)
        original_of = {
            r.target: r.file_path
            for r in records.values()
            if r.kind != "torrent" and r.target and r.file_path
        }
        files = []
        for name in names:
            orig = original_of.get(name)
            files.append(FileIn(name, orig) if orig and orig not in present else FileIn(name))
        torrent = TorrentIn(info.hash, info.name, info.save_path, tuple(files), info.tags)
        return plan_torrent(torrent, rule.info if rule else None, state.options, state.claims, _exists)

    @staticmethod
    def _claim(state: _State, torrent_hash: str, plan: TorrentPlan, item: PlannedFile) -> None:
        key = join_key(plan.target_save_path, item.new_path)
        state.claims[key] = Claim(torrent_hash, item.new_path, item.version, parked=item.superseded)

    def _settled(self, row: RenameRecord | None, info: TorrentInfo) -> bool:
        """The scheduled run skips a torrent that is finished with, or backing off."""
        if row is None:
            return False
        if info.added_on > (_aware(row.updated_at) or _now()).timestamp():
            return False  # removed and added again since: look at it afresh
        return row.status in ("done", "removed", "failed") or not self._due(row)

    @staticmethod
    def _due(rec: RenameRecord) -> bool:
        at = _aware(rec.next_attempt_at)
        return at is None or at <= _now()

    # ----------------------------------------------------------------------------------------
    # one torrent

    async def _process(
        self, state: _State, info: TorrentInfo, rule: _Rule | None, summary: RunSummary, *, manual: bool
    ) -> None:
        dl = state.dl
        try:
            files = await dl.get_files(info.hash)
        except _CLIENT_DOWN:
            raise _ClientDown() from None
        except DownloaderError as exc:
            await self._torrent_failure(state, info, rule, exc.msg_en)
            return
        names = [f.name for f in files]
        plan = self._plan(state, info, rule, names)
        records = state.records.setdefault(info.hash, {})
        todo: list[PlannedFile] = []
        async with self.ctx.db() as s:
            for item in plan.items:
                if item.kind == "extra":
                    continue
                rec = records.get(item.original)
                if rec is not None and _stale(rec, item):
                    rec.status = "pending"  # the torrent was re-added: its files are new again
                if rec is not None and rec.status in FINAL and not (manual and rec.status in RECHECK):
                    continue
                if rec is not None and rec.status == "pending" and not manual and not self._due(rec):
                    continue
                if rec is None:
                    rec = self._new_record(s, info, rule, item, records)
                else:
                    rec = await self._merge(s, rec, records)
                rec.season, rec.episode, rec.version = item.season, _float(item.episode), item.version
                if item.status == "unchanged":
                    # Already right: a name in library form, or a rename that happened but was not
                    # confirmed (a crash). Only the latter was our doing and is announced.
                    renamed = item.old_path != item.original
                    status = "superseded" if item.superseded else "done"
                    self._set(rec, status, target=item.old_path, save_path=info.save_path)
                    if renamed and item.kind == "media" and not item.superseded:
                        await s.commit()
                        await self._announce(s, info, rule, plan, item, rec)
                elif item.status == "unparsed":
                    self._set(rec, "unparsed", error=item.reason_en, error_zh=item.reason_zh)
                    summary.unparsed += 1
                    self._report(rec, info, item, "Could not recognise", item.reason_en)
                elif item.status == "conflict":
                    self._set(rec, "held", error=item.reason_en, error_zh=item.reason_zh)
                    summary.held += 1
                    self._report(rec, info, item, "Rename held for review", item.reason_en)
                    await self._mark_review(s, rule, item)
                else:
                    todo.append(item)
            await s.commit()

        moving = todo and plan.new_save_path is not None and not _same_dir(plan.new_save_path, info.save_path)
        if moving and not await self._move(state, info, rule, plan.target_save_path):
            return
        for item in sorted(todo, key=lambda i: (i.kind != "media", i.old_path)):
            await self._apply(state, info, rule, plan, item, summary)
        await self._verify(state, info, rule, plan, todo, summary)

        if plan.collection and info.category == "Bangumi":
            try:
                await dl.set_category([info.hash], COLLECTION_CATEGORY)
            except _CLIENT_DOWN:
                raise _ClientDown() from None
            except DownloaderError as exc:
                log.warning("Could not move %s to %s: %s", info.name, COLLECTION_CATEGORY, exc.msg_en)
        await self._settle(state, info, rule, plan)

    def _new_record(
        self, s: AsyncSession, info: TorrentInfo, rule: _Rule | None, item: PlannedFile,
        records: dict[str, RenameRecord],
    ) -> RenameRecord:  # fmt: skip
        now = _now()
        rec = RenameRecord(
            torrent_hash=info.hash,
            file_path=item.original,
            kind=item.kind,
            bangumi_id=rule.row.id if rule else None,
            status="pending",
            attempts=0,
            version=item.version,
            notified=False,
            reported=False,
            created_at=now,
            updated_at=now,
        )
        s.add(rec)
        records[item.original] = rec
        return rec

    @staticmethod
    def _set(
        rec: RenameRecord,
        status: str,
        *,
        target: str | None = None,
        save_path: str | None = None,
        error: str | None = None,
        error_zh: str | None = None,
    ) -> None:
        rec.status = status
        if target is not None:
            rec.target = target
        if save_path is not None:
            rec.save_path = save_path
        rec.last_error = error
        rec.last_error_zh = error_zh
        if status in ("done", "superseded"):
            rec.next_attempt_at = None
        rec.updated_at = _now()

    @staticmethod
    def _report(rec: RenameRecord, info: TorrentInfo, item: PlannedFile, what: str, why: str) -> None:
        """Held, failed and unrecognised files are logged once (the log line is also an event)."""
        if rec.reported:
            return
        rec.reported = True
        log.warning("%s: %s in %s (%s)", what, item.old_path, info.name, why)

    async def _mark_review(self, s: AsyncSession, rule: _Rule | None, item: PlannedFile) -> None:
        """A conflict usually means wrong offsets (users-voice #907, #977): ask the user to look."""
        if rule is None:
            return
        row = await s.get(Bangumi, rule.row.id)
        if row is not None and not row.needs_review:
            row.needs_review = True
            row.needs_review_reason = (
                f"Rename held: {item.old_path} → {item.new_path or item.old_path}: {item.reason_en} / "
                f"重命名已暂停：{item.reason_zh}"
            )

    async def _move(self, state: _State, info: TorrentInfo, rule: _Rule | None, location: str) -> bool:
        """Move a season pack to its season folder, then wait until the client has done it."""
        try:
            await state.dl.move([info.hash], location)
            deadline = asyncio.get_running_loop().time() + MOVE_WAIT
            while asyncio.get_running_loop().time() < deadline:
                now = await state.dl.list_torrents(hashes=[info.hash])
                if now and _same_dir(now[0].save_path, location) and now[0].state != "moving":
                    log.info("Moved %s to %s", info.name, location)
                    await self._moved(state, info.hash, location)
                    return True
                await asyncio.sleep(0.5)
        except _CLIENT_DOWN:
            raise _ClientDown() from None
        except DownloaderError as exc:
            await self._torrent_failure(state, info, rule, exc.msg_en)
            return False
        await self._torrent_failure(state, info, rule, "the move did not finish in time")
        return False

    async def _apply(
        self, state: _State, info: TorrentInfo, rule: _Rule | None, plan: TorrentPlan, item: PlannedFile,
        summary: RunSummary,
    ) -> None:  # fmt: skip
        dl = state.dl
        records = state.records[info.hash]
        rec = records[item.original]
        d = item.displaces
        aside = False
        try:
            if d is not None:
                await dl.rename_file(d.torrent_hash, d.old_path, d.new_path)
                aside = True
                await self._mark_displaced(state, d.torrent_hash, d.old_path, d.new_path, "superseded")
                log.info("Kept the older version aside: %s → %s", d.old_path, d.new_path)
            await dl.rename_file(info.hash, item.old_path, item.new_path)
        except DownloaderError as exc:
            if aside and d is not None:
                # The newer file could not take the name: the older one gets it back, so the
                # episode never sits only under a `.superseded` name.
                try:
                    await dl.rename_file(d.torrent_hash, d.new_path, d.old_path)
                    await self._mark_displaced(state, d.torrent_hash, d.new_path, d.old_path, "done")
                except DownloaderError as undo:
                    log.warning("Could not give %s its name back: %s", d.new_path, undo.msg_en)
            await self._failed(state, info, rule, item, rec, records, exc, summary)
            return
        async with self.ctx.db() as s:
            rec = await self._merge(s, rec, records)
            self._set(rec, "superseded" if item.superseded else "done", target=item.new_path,
                      save_path=plan.target_save_path)  # fmt: skip
            await s.commit()
        self._claim(state, info.hash, plan, item)
        summary.renamed += 1
        log.info("Renamed %s → %s", item.old_path, item.new_path)
        self.ctx.bus.publish(
            "file_renamed",
            program_pb2.FileRenamedEvent(
                bangumi_id=rule.row.id if rule else None,
                torrent_hash=info.hash,
                old_path=item.old_path,
                new_path=item.new_path,
                official_title=self._title(rule, plan),
                season=item.season or 0,
                episode=float(item.episode or 0),
            ),
        )

    async def _failed(
        self, state: _State, info: TorrentInfo, rule: _Rule | None, item: PlannedFile, rec: RenameRecord,
        records: dict[str, RenameRecord], exc: DownloaderError, summary: RunSummary,
    ) -> None:  # fmt: skip
        """A rename the client refused: a conflict is held, the client being away ends the run,
        anything else is retried later."""
        if isinstance(exc, _CLIENT_DOWN):
            raise _ClientDown() from None
        if isinstance(exc, Conflict):
            async with self.ctx.db() as s:
                rec = await self._merge(s, rec, records)
                self._set(rec, "held", error=exc.msg_en, error_zh=exc.msg_zh)
                self._report(rec, info, item, "Rename held for review", f"{item.new_path}: {exc.msg_en}")
                await self._mark_review(s, rule, item)
                await s.commit()
            summary.held += 1
            return
        await self._attempt_failed(rec, records, info, item, exc.msg_en, summary)

    async def _mark_displaced(
        self, state: _State, torrent_hash: str, old_path: str, new_path: str, status: str
    ) -> None:
        async with self.ctx.db() as s:
            rec = await s.scalar(
                select(RenameRecord).where(
                    RenameRecord.torrent_hash == torrent_hash,
                    or_(RenameRecord.target == old_path, RenameRecord.file_path == old_path),
                )
            )
            if rec is not None:
                self._set(rec, status, target=new_path)
                await s.commit()
                state.records.setdefault(torrent_hash, {})[rec.file_path] = rec
                for key, claim in list(state.claims.items()):
                    if claim.torrent_hash == torrent_hash and claim.path == old_path:
                        del state.claims[key]
                        if rec.save_path:
                            state.claims[join_key(rec.save_path, new_path)] = Claim(
                                torrent_hash, new_path, rec.version, parked=status == "superseded"
                            )

    async def _attempt_failed(
        self, rec: RenameRecord, records: dict[str, RenameRecord], info: TorrentInfo, item: PlannedFile,
        why: str, summary: RunSummary,
    ) -> None:  # fmt: skip
        async with self.ctx.db() as s:
            rec = await self._merge(s, rec, records)
            rec.attempts += 1
            if rec.attempts >= MAX_ATTEMPTS:
                self._set(rec, "failed", error=why)
                self._report(rec, info, item, f"Rename failed {rec.attempts} times, giving up", why)
                summary.failed += 1
            else:
                self._set(rec, "pending", error=why)
                rec.next_attempt_at = _now() + timedelta(
                    seconds=min(BACKOFF_MAX, BACKOFF_BASE * 2 ** (rec.attempts - 1))
                )
                log.info(
                    "Rename of %s failed (attempt %d/%d): %s", item.old_path, rec.attempts, MAX_ATTEMPTS, why
                )
            await s.commit()

    async def _verify(
        self, state: _State, info: TorrentInfo, rule: _Rule | None, plan: TorrentPlan,
        todo: Sequence[PlannedFile], summary: RunSummary,
    ) -> None:  # fmt: skip
        """Check the client lists the new names, then announce each renamed episode once."""
        records = state.records[info.hash]
        done = [i for i in todo if records[i.original].status in ("done", "superseded")]
        if not done:
            return
        names: set[str] = set()
        for delay in VERIFY_DELAYS:
            try:
                names = {f.name for f in await state.dl.get_files(info.hash)}
            except _CLIENT_DOWN:
                raise _ClientDown() from None
            except DownloaderError:
                names = set()
            if all(i.new_path in names for i in done):
                break
            await asyncio.sleep(delay)
        for item in done:
            if item.new_path not in names:
                # Not renamed after all: back to pending (with back-off), never announced.
                summary.renamed -= 1
                why = "the new name did not appear"
                await self._attempt_failed(records[item.original], records, info, item, why, summary)
        async with self.ctx.db() as s:
            for item in done:
                if item.new_path in names and item.kind == "media" and not item.superseded:
                    rec = await self._merge(s, records[item.original], records)
                    await self._announce(s, info, rule, plan, item, rec)

    async def _announce(
        self, s: AsyncSession, info: TorrentInfo, rule: _Rule | None, plan: TorrentPlan, item: PlannedFile,
        rec: RenameRecord,
    ) -> None:  # fmt: skip
        """Notify one renamed episode, at most once ever (a v2 replacing a v1 is not news)."""
        if rec.notified or item.season is None or item.episode is None:
            return
        same = select(RenameRecord.id).where(
            RenameRecord.notified.is_(True),
            RenameRecord.kind == "media",
            RenameRecord.season == item.season,
            RenameRecord.episode == float(item.episode),
        )
        if rule is not None:
            same = same.where(RenameRecord.bangumi_id == rule.row.id)
        else:
            same = same.where(RenameRecord.save_path == rec.save_path)
        already = await s.scalar(same.limit(1))
        # Recorded before sending: a crash now loses one message rather than repeating it forever.
        rec.notified = True
        await s.commit()
        if already is not None:
            return
        notifier = getattr(self.ctx, "notifier", None)
        if notifier is None:
            return
        try:
            await notifier.episode(
                official_title=self._title(rule, plan),
                season=item.season,
                episode=item.episode,
                poster_link=rule.row.poster_link if rule else None,
            )
        except Exception:
            log.exception("Notification for %s failed", item.new_path)

    async def _settle(self, state: _State, info: TorrentInfo, rule: _Rule | None, plan: TorrentPlan) -> None:
        """Mark the torrent settled when every file is final, and honour remove_bad_torrent."""
        records = state.records[info.hash]
        files = [r for k, r in records.items() if k]
        async with self.ctx.db() as s:
            row = records.get("")
            if row is None:
                now = _now()
                row = RenameRecord(torrent_hash=info.hash, file_path="", kind="torrent", status="pending",
                                   attempts=0, version=1, notified=False, reported=False, created_at=now,
                                   updated_at=now, bangumi_id=rule.row.id if rule else None)  # fmt: skip
                s.add(row)
            else:
                row = await self._merge(s, row, records)
            records[""] = row
            settled = all(r.status in FINAL for r in files)
            self._set(row, "done" if settled else "pending", save_path=plan.target_save_path)
            if not settled:
                pending = [_aware(r.next_attempt_at) for r in files if r.status == "pending"]
                row.next_attempt_at = min((p for p in pending if p is not None), default=None)
            media = [i for i in plan.items if i.kind == "media"]
            bad = bool(media) and all(i.status == "unparsed" for i in media)
            remove = self.ctx.config.config.bangumi_manage.remove_bad_torrent
            if bad and remove and row.status != "removed":
                try:
                    # The user asked for bad torrents to go; their data stays on disk (AutoBangumi
                    # deleted it, users-voice #794/#758).
                    await state.dl.delete([info.hash], delete_files=False)
                    self._set(row, "removed", error="no episode could be recognised")
                    log.warning(
                        "Removed %s from the downloader (files kept): no episode recognised.", info.name
                    )
                except _CLIENT_DOWN:
                    raise _ClientDown() from None
                except DownloaderError as exc:
                    log.warning("Could not remove %s: %s", info.name, exc.msg_en)
            await s.commit()

    async def _moved(self, state: _State, torrent_hash: str, location: str) -> None:
        """Files already settled moved with the torrent: their journal rows follow."""
        records = state.records.get(torrent_hash, {})
        async with self.ctx.db() as s:
            for key, rec in list(records.items()):
                if key and rec.status in FINAL and rec.target:
                    rec = await self._merge(s, rec, records)
                    rec.save_path = location
            await s.commit()

    async def _torrent_failure(self, state: _State, info: TorrentInfo, rule: _Rule | None, why: str) -> None:
        """A torrent-level failure (files unreadable, move failed): bounded retries as for files."""
        records = state.records.setdefault(info.hash, {})
        async with self.ctx.db() as s:
            row = records.get("")
            if row is None:
                now = _now()
                row = RenameRecord(torrent_hash=info.hash, file_path="", kind="torrent", status="pending",
                                   attempts=0, version=1, notified=False, reported=False, created_at=now,
                                   updated_at=now, bangumi_id=rule.row.id if rule else None)  # fmt: skip
                s.add(row)
            else:
                row = await self._merge(s, row, records)
            records[""] = row
            row.attempts += 1
            if row.attempts >= MAX_ATTEMPTS:
                self._set(row, "failed", error=why)
                if not row.reported:
                    row.reported = True
                    log.warning("Gave up renaming %s after %d attempts: %s", info.name, row.attempts, why)
            else:
                self._set(row, "pending", error=why)
                row.next_attempt_at = _now() + timedelta(
                    seconds=min(BACKOFF_MAX, BACKOFF_BASE * 2 ** (row.attempts - 1))
                )
            await s.commit()

    @staticmethod
    async def _merge(s: AsyncSession, rec: RenameRecord, records: dict[str, RenameRecord]) -> RenameRecord:
        """The same row attached to this session (rows outlive the session that loaded them)."""
        merged = await s.merge(rec)
        records[rec.file_path] = merged
        return merged

    @staticmethod
    def _title(rule: _Rule | None, plan: TorrentPlan) -> str:
        if rule is not None and rule.row.official_title:
            return rule.row.official_title
        return plan.title or ""


def _stale(rec: RenameRecord, item: PlannedFile) -> bool:
    """A finished row whose file is back under its release name: the torrent was removed and
    added again (the same hash), so its files need renaming again."""
    return (
        rec.status in ("done", "superseded")
        and rec.target is not None
        and rec.target != rec.file_path
        and item.old_path == rec.file_path
    )


def _float(value: Any) -> float | None:
    return None if value is None else float(value)


def _chunks(items: Sequence[str], n: int) -> Iterable[Sequence[str]]:
    for i in range(0, len(items), n):
        yield items[i : i + n]


_KEY = "renamer"


def get_renamer(ctx: AppContext) -> Renamer:
    """The daemon's one renamer; the first call registers its job at `program.rename_time`.

    The services are built before the program starts its jobs, so building LibraryService is
    what puts the job in place.
    """
    renamer = ctx.extras.get(_KEY)
    if renamer is None:
        renamer = Renamer(ctx)
        ctx.extras[_KEY] = renamer
        ctx.program.add_job(
            JobSpec(
                name="rename",
                run=renamer.scheduled,
                interval=lambda: float(ctx.config.config.program.rename_time or 60),
            )
        )
    assert isinstance(renamer, Renamer)
    return renamer
