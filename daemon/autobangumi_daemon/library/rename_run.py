"""One torrent's part of a rename run: plan, journal, apply, verify, announce, settle.

The journal is written before and after each step, so a crash at any point leaves either the
old name with a pending entry or the new name with a done one, and an episode is announced at
most once (the entry says so before the message goes out).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from dataclasses import dataclass

from autobangumi.v1 import program_pb2
from autobangumi_daemon.adapters.downloaders.base import Conflict, DownloaderError, TorrentInfo
from autobangumi_daemon.context import AppContext
from autobangumi_daemon.core.rename_plan import PlannedFile, TorrentPlan
from autobangumi_daemon.library.journal import (
    FINAL,
    MAX_ATTEMPTS,
    NAMED,
    RECHECK,
    TORRENT,
    Entry,
    Journal,
    JournalState,
    aware,
)
from autobangumi_daemon.library.lift import lift_out, resume_lift
from autobangumi_daemon.library.rename_state import (
    ClientDown,
    RuleRef,
    RunState,
    RunSummary,
    client,
    is_client_down,
    same_dir,
)

__all__ = ["COLLECTION_CATEGORY", "TorrentRun", "stale"]

log = logging.getLogger(__name__)

#: qBittorrent renames on disk at once but may list the new name a moment later (contract §6.4).
VERIFY_DELAYS = (0.1, 0.2, 0.4)
MOVE_WAIT = 30.0
COLLECTION_CATEGORY = "BangumiCollection"


def stale(entry: Entry, item: PlannedFile) -> bool:
    """A finished entry whose file is back under its release name: the torrent was removed and
    added again (the same hash), so its files need renaming again."""
    # `original` rather than `old_path`: a client that lists names changed (Transmission's `_`)
    # is journalled under the torrent's own names.
    return (
        entry.status in NAMED
        and entry.target is not None
        and entry.target != entry.file_path
        and item.original == entry.file_path
        and item.old_path != entry.target
    )


@dataclass(slots=True)
class TorrentRun:
    ctx: AppContext
    journal: Journal
    state: RunState
    info: TorrentInfo
    rule: RuleRef | None
    summary: RunSummary
    manual: bool

    @property
    def entries(self) -> dict[str, Entry]:
        return self.state.entries.setdefault(self.info.hash, {})

    async def process(self) -> None:
        if not await resume_lift(self):
            return
        try:
            files = await client(self.state.dl.get_files(self.info.hash))
        except DownloaderError as exc:
            await self.torrent_failed(exc.msg_en)
            return
        plan = self.state.plan(self.info, self.rule, files)
        todo = await self._journal_plan(plan)
        moving = (
            todo and plan.new_save_path is not None and not same_dir(plan.new_save_path, self.info.save_path)
        )
        if moving and not await self._move(plan.target_save_path):
            return
        for item in sorted(todo, key=lambda i: (i.kind != "media", i.old_path)):
            await self._apply(plan, item)
        await self._verify(plan, todo)
        plan, lift_failed = await lift_out(self, plan)
        if plan.collection and self.info.category == "Bangumi":
            try:
                await client(self.state.dl.set_category([self.info.hash], COLLECTION_CATEGORY))
            except DownloaderError as exc:
                log.warning("Could not move %s to %s: %s", self.info.name, COLLECTION_CATEGORY, exc.msg_en)
        await self._settle(plan)
        if lift_failed is not None:
            await self.torrent_failed(lift_failed)

    # -- the plan into the journal ----------------------------------------------------------
    def _journal_entry(self, item: PlannedFile, entry: Entry | None) -> Entry:
        """The file's journal entry (made on first sight) with what the plan now says of it:
        shared by renaming in place and placing in a library."""
        if entry is None:
            rid = self.rule.id if self.rule else None
            entry = Entry.new(self.info.hash, item.original, item.kind, rid, item.version)
            self.entries[item.original] = entry
        entry.season = item.season
        entry.episode = None if item.episode is None else float(item.episode)
        entry.version = item.version
        return entry

    async def _journal_plan(self, plan: TorrentPlan) -> list[PlannedFile]:
        """Record what the plan says of each file; the renames still to do."""
        todo: list[PlannedFile] = []
        touched: list[Entry] = []
        for item in plan.items:
            if item.kind == "extra":
                continue
            entry = self.entries.get(item.original)
            if entry is not None and stale(entry, item):
                entry.status = JournalState.PENDING  # the torrent was re-added: its files are new again
            if entry is not None and entry.status in FINAL and not (self.manual and entry.status in RECHECK):
                continue
            if (
                entry is not None
                and entry.status == JournalState.PENDING
                and not self.manual
                and not entry.due()
            ):
                continue
            entry = self._journal_entry(item, entry)
            touched.append(entry)
            if item.status == "unchanged":
                # Already right: a name in library form, or a rename that happened but was not
                # confirmed (a crash). Only the latter was our doing and is announced.
                status = JournalState.SUPERSEDED if item.superseded else JournalState.DONE
                entry.set(status, target=item.old_path, save_path=self.info.save_path)
                if item.old_path != item.original and item.kind == "media" and not item.superseded:
                    await self.journal.save(touched)
                    touched = []
                    await self._announce(plan, item, entry)
            elif item.status == "unparsed":
                entry.set(JournalState.UNPARSED, error=item.reason_en, error_zh=item.reason_zh)
                self.summary.unparsed += 1
                self._report(entry, item, "Could not recognise", item.reason_en)
            elif item.status == "conflict":
                entry.set(JournalState.HELD, error=item.reason_en, error_zh=item.reason_zh)
                self.summary.held += 1
                self._report(entry, item, "Rename held for review", f"{item.clashes_with}: {item.reason_en}")
                await self._ask_review(item)
            else:
                todo.append(item)
        await self.journal.save(touched)
        return todo

    def _report(self, entry: Entry, item: PlannedFile, what: str, why: str) -> None:
        """Held, failed and unrecognised files are logged once (the log line is also an event)."""
        if entry.report_once():
            log.warning("%s: %s in %s (%s)", what, item.old_path, self.info.name, why)

    async def _ask_review(self, item: PlannedFile) -> None:
        """A conflict usually means wrong offsets (users-voice #907, #977): ask the user to look."""
        if self.rule is None:
            return
        # A planned conflict keeps its old name as new_path; the name it clashes with is apart.
        target = item.clashes_with or item.new_path
        await self.journal.ask_review(
            self.rule.id,
            f"Rename held: {item.old_path} → {target}: {item.reason_en} / "
            f"重命名已暂停：{item.old_path} → {target}：{item.reason_zh}",
        )

    # -- applying -----------------------------------------------------------------------------
    async def _move(self, location: str) -> bool:
        """Move a season pack to its season folder, then wait until the client has done it."""
        dl, info = self.state.dl, self.info
        try:
            await client(dl.move([info.hash], location))
            loop = asyncio.get_running_loop()
            deadline = loop.time() + MOVE_WAIT
            while loop.time() < deadline:
                listed = await client(dl.list_torrents(hashes=[info.hash]))
                if listed and same_dir(listed[0].save_path, location) and listed[0].state != "moving":
                    log.info("Moved %s to %s", info.name, location)
                    await self._moved(location)
                    return True
                await asyncio.sleep(0.5)
        except DownloaderError as exc:
            await self.torrent_failed(exc.msg_en)
            return False
        await self.torrent_failed("the move did not finish in time")
        return False

    async def _moved(self, location: str) -> None:
        """Files already settled moved with the torrent: their journal entries follow."""
        moved = [e for k, e in self.entries.items() if k and e.status in FINAL and e.target]
        for e in moved:
            e.save_path = location
        await self.journal.save(moved)

    async def _apply(self, plan: TorrentPlan, item: PlannedFile) -> None:
        dl, info = self.state.dl, self.info
        entry = self.entries[item.original]
        d = item.displaces
        aside = False
        try:
            if d is not None:
                await dl.rename_file(d.torrent_hash, d.old_path, d.new_path)
                aside = True
                await self._displaced(d.torrent_hash, d.old_path, d.new_path, JournalState.SUPERSEDED)
                log.info("Kept the older version aside: %s → %s", d.old_path, d.new_path)
            await dl.rename_file(info.hash, item.old_path, item.new_path)
        except DownloaderError as exc:
            if aside and d is not None:
                # The newer file could not take the name: the older one gets it back, so the
                # episode never sits only under a `.superseded` name (tried even when the client
                # seems gone: it may answer this once more).
                try:
                    await dl.rename_file(d.torrent_hash, d.new_path, d.old_path)
                    await self._displaced(d.torrent_hash, d.new_path, d.old_path, JournalState.DONE)
                except DownloaderError as undo:
                    log.warning("Could not give %s its name back: %s", d.new_path, undo.msg_en)
            if is_client_down(exc):
                raise ClientDown() from None
            await self._refused(item, entry, exc)
            return
        status = JournalState.SUPERSEDED if item.superseded else JournalState.DONE
        entry.set(status, target=item.new_path, save_path=plan.target_save_path)
        await self.journal.save([entry])
        self.state.claim(info.hash, plan, item)
        self.summary.renamed += 1
        log.info("Renamed %s → %s", item.old_path, item.new_path)
        self.ctx.bus.publish(
            program_pb2.FileRenamedEvent(
                bangumi_id=self.rule.id if self.rule else None,
                torrent_hash=info.hash,
                old_path=item.old_path,
                new_path=item.new_path,
                official_title=self._title(plan),
                season=item.season or 0,
                episode=float(item.episode or 0),
            ),
        )

    async def _displaced(self, torrent_hash: str, old_path: str, new_path: str, status: str) -> None:
        """Another torrent's file was renamed aside (or back): its entry and claim follow."""
        entry = await self.journal.find(torrent_hash, old_path)
        if entry is None:
            return
        entry.set(status, target=new_path)
        await self.journal.save([entry])
        self.state.entries.setdefault(torrent_hash, {})[entry.file_path] = entry
        self.state.moved_claim(torrent_hash, old_path, entry)

    async def _refused(self, item: PlannedFile, entry: Entry, exc: DownloaderError) -> None:
        """A rename the client refused: a conflict is held, anything else is retried later."""
        if isinstance(exc, Conflict):
            entry.set(JournalState.HELD, error=exc.msg_en, error_zh=exc.msg_zh)
            self._report(entry, item, "Rename held for review", f"{item.new_path}: {exc.msg_en}")
            await self.journal.save([entry])
            await self._ask_review(item)
            self.summary.held += 1
            return
        await self._attempt_failed(item, entry, exc.msg_en)

    async def _attempt_failed(self, item: PlannedFile, entry: Entry, why: str) -> None:
        if entry.attempt_failed(why):
            self._report(entry, item, f"Rename failed {entry.attempts} times, giving up", why)
            self.summary.failed += 1
        else:
            log.info(
                "Rename of %s failed (attempt %d/%d): %s", item.old_path, entry.attempts, MAX_ATTEMPTS, why
            )
        await self.journal.save([entry])

    async def _verify(self, plan: TorrentPlan, todo: Sequence[PlannedFile]) -> None:
        """Check the client lists the new names, then announce each renamed episode once."""
        done = [i for i in todo if self.entries[i.original].status in NAMED]
        if not done:
            return
        names: set[str] = set()
        for delay in VERIFY_DELAYS:
            try:
                names = {f.name for f in await client(self.state.dl.get_files(self.info.hash))}
            except DownloaderError:
                names = set()
            if all(i.new_path in names for i in done):
                break
            await asyncio.sleep(delay)
        for item in done:
            if item.new_path not in names:
                # Not renamed after all: back to pending (with back-off), never announced.
                self.summary.renamed -= 1
                await self._attempt_failed(item, self.entries[item.original], "the new name did not appear")
        for item in done:
            if item.new_path in names and item.kind == "media" and not item.superseded:
                await self._announce(plan, item, self.entries[item.original])

    async def _announce(self, plan: TorrentPlan, item: PlannedFile, entry: Entry) -> None:
        """Notify one renamed episode, at most once ever (a v2 replacing a v1 is not news)."""
        if entry.notified or item.season is None or item.episode is None:
            return
        if not await self.journal.claim_notification(entry):
            return
        notifier = getattr(self.ctx, "notifier", None)
        if notifier is None:
            return
        try:
            await notifier.episode(
                official_title=self._title(plan),
                season=item.season,
                episode=item.episode,
                poster_link=self.rule.poster_link if self.rule else None,
            )
        except Exception:
            log.exception("Notification for %s failed", item.new_path)

    # -- the torrent as a whole -----------------------------------------------------------------
    def _torrent_entry(self) -> Entry:
        entry = self.entries.get(TORRENT)
        if entry is None:
            entry = Entry.new(self.info.hash, TORRENT, "torrent", self.rule.id if self.rule else None)
            self.entries[TORRENT] = entry
        return entry

    async def _settle(self, plan: TorrentPlan) -> None:
        """Mark the torrent settled when every file is final, and honour remove_bad_torrent."""
        files = [e for k, e in self.entries.items() if k]
        row = self._torrent_entry()
        settled = all(e.status in FINAL for e in files)
        row.set(JournalState.DONE if settled else JournalState.PENDING, save_path=plan.target_save_path)
        if not settled:
            pending = [aware(e.next_attempt_at) for e in files if e.status == JournalState.PENDING]
            row.next_attempt_at = min((p for p in pending if p is not None), default=None)
        media = [i for i in plan.items if i.kind == "media"]
        bad = bool(media) and all(i.status == "unparsed" for i in media)
        remove = self.ctx.config.config.bangumi_manage.remove_bad_torrent
        if bad and remove and row.status != JournalState.REMOVED:
            try:
                # The user asked for bad torrents to go; their data stays on disk (AutoBangumi
                # deleted it, users-voice #794/#758).
                await client(self.state.dl.delete([self.info.hash], delete_files=False))
                row.set(JournalState.REMOVED, error="no episode could be recognised")
                log.warning(
                    "Removed %s from the downloader (files kept): no episode recognised.", self.info.name
                )
            except DownloaderError as exc:
                log.warning("Could not remove %s: %s", self.info.name, exc.msg_en)
        await self.journal.save([row])

    async def torrent_failed(self, why: str) -> None:
        """A torrent-level failure (files unreadable, move failed): bounded retries as for files."""
        row = self._torrent_entry()
        if row.attempt_failed(why) and row.report_once():
            log.warning("Gave up renaming %s after %d attempts: %s", self.info.name, row.attempts, why)
        await self.journal.save([row])

    def _title(self, plan: TorrentPlan) -> str:
        if self.rule is not None and self.rule.official_title:
            return self.rule.official_title
        return plan.title or ""
