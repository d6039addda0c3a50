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
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import select

from autobangumi_daemon.adapters.downloaders.base import (
    OWN_CATEGORIES,
    RULE_TAG_PREFIX,
    Capabilities,
    Downloader,
    DownloaderError,
    NotFound,
    TorrentInfo,
)
from autobangumi_daemon.context import AppContext
from autobangumi_daemon.core.rename_plan import PlannedFile, PlanOptions, RuleInfo, TorrentPlan
from autobangumi_daemon.core.states import RenameSkip
from autobangumi_daemon.db.models import Bangumi, Torrent
from autobangumi_daemon.errors import DaemonError
from autobangumi_daemon.library.journal import NAMED, TORRENT, Entry, Journal, JournalState, aware, now
from autobangumi_daemon.library.mediaserver import MediaServers
from autobangumi_daemon.library.place_run import PlaceRun, preview_library, scan_renamed, unplaced
from autobangumi_daemon.library.placement import placement_of
from autobangumi_daemon.library.rename_run import TorrentRun, stale
from autobangumi_daemon.library.rename_state import ClientDown, RuleRef, RunState, RunSummary, same_dir

__all__ = ["PreviewEntry", "Renamer", "RunSummary"]

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class PreviewEntry:
    torrent: TorrentInfo
    plan: TorrentPlan
    item: PlannedFile
    status: str
    reason: tuple[str, str]
    #: The template this torrent's names come from: its rule's own, else the configured one
    #: (the same choice the plan makes), so a preview by hash shows what the run will use.
    template: str = ""


def _rule_tag_ids(tags: Iterable[str]) -> list[int]:
    out = []
    for tag in tags:
        if tag.startswith(RULE_TAG_PREFIX) and tag[len(RULE_TAG_PREFIX) :].isdigit():
            out.append(int(tag[len(RULE_TAG_PREFIX) :]))
    return out


def _cannot_rename(kind: str) -> tuple[str, str]:
    return (
        f"{kind} cannot rename files inside a torrent (its API has no such call), so this file "
        "keeps its release name. Set a library root for this downloader to get renamed episodes "
        "in a library folder.",
        f"{kind} 无法重命名种子内的文件（其接口不提供此功能），该文件将保留原发布名称。"
        "为该下载器设置媒体库根目录（library_root），即可在媒体库中得到重命名后的剧集。",
    )


def _aliases(rule: Bangumi) -> list[str]:
    return ([rule.title_raw] if rule.title_raw else []) + rule.aliases()


class Renamer:
    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx
        self.journal = Journal(ctx.db)
        self._lock = asyncio.Lock()
        self._warned_unsupported = False
        self.media = MediaServers()

    # ----------------------------------------------------------------------------------------
    # entry points

    async def scheduled(self) -> None:
        """The periodic job (`program.rename_time`)."""
        try:
            await self.run_once()
        except (DownloaderError, DaemonError) as exc:
            # Unreachable or unusable settings: the downloader manager already logs reachability
            # changes, so a note is enough here (no error every minute).
            log.debug("Rename run skipped: %s", exc)

    async def run_once(self, *, manual: bool = False) -> RunSummary:
        """One pass over the finished torrents. `manual` also re-checks held and failed files."""
        summary = RunSummary()
        cfg = self.ctx.config.config.bangumi_manage
        if not cfg.enable:
            summary.skipped = RenameSkip.DISABLED
            return summary
        if cfg.rename_method in ("none", "normal"):
            summary.skipped = RenameSkip.METHOD
            return summary
        async with self._lock:
            clients = self._clients()
            # An instance with a library places its episodes there, whatever it can rename.
            renaming = [
                dl
                for dl in clients
                if dl.capabilities & Capabilities.RENAME_FILE or placement_of(self.ctx, dl).library
            ]
            if not renaming:
                if not self._warned_unsupported:
                    kinds = ", ".join(sorted({dl.kind for dl in clients})) or "configured"
                    log.warning("The %s downloader cannot rename files; renaming is skipped.", kinds)
                    self._warned_unsupported = True
                summary.skipped = RenameSkip.UNSUPPORTED
                return summary
            for dl in renaming:
                # Each instance on its own: one that is down must not hold up the others (the
                # last one's error still reaches the caller when every instance failed).
                try:
                    await self._run_client(dl, summary, manual)
                except (DownloaderError, DaemonError):
                    if len(renaming) == 1:
                        raise
                    log.debug("Rename run skipped one downloader.", exc_info=True)
        return summary

    def _clients(self) -> list[Downloader]:
        """Every downloader instance whose settings are usable (the default first)."""
        manager = self.ctx.downloader
        out = []
        for inst in manager.instances():
            try:
                out.append(inst.get())
            except DaemonError:
                if inst.name == manager.default.name and len(manager.instances()) == 1:
                    raise
        return out

    async def _run_client(self, dl: Downloader, summary: RunSummary, manual: bool) -> None:
        state = await self._state(dl, completed_only=True)
        placement = placement_of(self.ctx, dl)
        for info, rule in state.torrents:
            known = state.entries.get(info.hash, {})
            # Episodes renamed in place before this instance had a library are placed now.
            todo = placement.library and any(unplaced(e) for e in known.values())
            if not manual and not todo and self._settled(known.get(TORRENT), info):
                continue
            summary.torrents += 1
            args = (self.ctx, self.journal, state, info, rule, summary, manual)
            run = PlaceRun(*args, placement, self.media) if placement.library else TorrentRun(*args)
            started = now()
            try:
                await run.process()
                if not placement.library:
                    await scan_renamed(self.ctx, self.media, run, placement, started)
            except ClientDown:
                log.warning("The downloader went away during renaming; the next run continues.")
                break
            except Exception:
                # One bad torrent must not stall the others.
                log.exception("Renaming %s failed; the other torrents go on.", info.name)
                await run.torrent_failed("internal error")

    async def preview(
        self, *, torrent_hash: str | None = None, bangumi_id: int | None = None
    ) -> tuple[str, list[TorrentInfo], list[PreviewEntry]]:
        """What a run started now would do, for one torrent or one rule's torrents; changes nothing."""
        method = self.ctx.config.config.bangumi_manage.rename_method or "pn"
        infos: list[TorrentInfo] = []
        entries: list[PreviewEntry] = []
        clients = self._clients()
        for dl in clients:
            # Every instance's torrents (a torrent is previewed where it is found); one that is
            # down is left out while another answers.
            try:
                i, e = await self._preview_client(dl, torrent_hash, bangumi_id)
            except (DownloaderError, DaemonError):
                if len(clients) == 1:
                    raise
                log.debug("Preview left out one downloader.", exc_info=True)
                continue
            infos.extend(i)
            entries.extend(e)
        return method, infos, entries

    async def _preview_client(
        self, dl: Downloader, torrent_hash: str | None, bangumi_id: int | None
    ) -> tuple[list[TorrentInfo], list[PreviewEntry]]:
        state = await self._state(dl, completed_only=False)
        wanted = [
            (info, rule)
            for info, rule in state.torrents
            if (torrent_hash is not None and info.hash == torrent_hash.lower())
            or (bangumi_id is not None and rule is not None and rule.id == bangumi_id)
        ]
        entries: list[PreviewEntry] = []
        placement = placement_of(self.ctx, dl)
        if placement.library:
            # With a library nothing is renamed inside the client: the preview shows the library.
            found = []
            for info, rule in wanted:
                try:
                    found.append((info, rule, await dl.get_files(info.hash)))
                except NotFound:
                    continue
            placed = await preview_library(self.ctx.db, state, placement, found)
            # The library names come from the same template choice as in-place names.
            own = {info.hash: rule.info.template if rule is not None else None for info, rule in wanted}
            return [info for info, _ in wanted], [
                PreviewEntry(*p, own.get(p[0].hash) or state.options.template) for p in placed
            ]
        # A client without file renaming (aria2) would answer the run with 406: the preview says
        # so for every file instead of promising names the run cannot give.
        cannot = None if dl.capabilities & Capabilities.RENAME_FILE else _cannot_rename(dl.kind)
        for info, rule in wanted:
            template = (rule.info.template if rule is not None else None) or state.options.template
            try:
                files = await dl.get_files(info.hash)
            except NotFound:
                continue  # removed while we looked: nothing to show for it
            plan = state.plan(info, rule, files)
            known = state.entries.get(info.hash, {})
            for item in plan.items:
                entry = known.get(item.original)
                status: str = item.status
                reason = (item.reason_en, item.reason_zh)
                if entry is not None and entry.status in NAMED and not stale(entry, item):
                    status, reason = "unchanged", ("Renamed earlier.", "之前已重命名。")
                elif cannot is not None and status in ("rename", "conflict"):
                    status, reason = "unsupported", cannot
                entries.append(PreviewEntry(info, plan, item, status, reason, template))
                if status == "rename":
                    # Later torrents of the preview see this name as taken, as the run would.
                    state.claim(info.hash, plan, item)
        return [info for info, _ in wanted], entries

    # ----------------------------------------------------------------------------------------
    # the shared look at the world

    async def _state(self, dl: Downloader, *, completed_only: bool) -> RunState:
        cfg = self.ctx.config.config
        caps = dl.capabilities
        options = PlanOptions(
            method=cfg.bangumi_manage.rename_method or "pn",
            download_root=cfg.downloader.path,
            can_cross_folders=bool(caps & Capabilities.RENAME_ACROSS_FOLDERS)
            and bool(caps & Capabilities.MOVE),
            template=cfg.bangumi_manage.rename_template,
        )
        listed = await dl.list_torrents()
        own_cat = [t for t in listed if t.category in OWN_CATEGORIES]
        hashes = [t.hash for t in own_cat]
        torrents: list[tuple[TorrentInfo, RuleRef | None]] = []
        async with self.ctx.db() as s:
            rules = {r.id: r for r in (await s.scalars(select(Bangumi))).all()}
            known: dict[str, int | None] = {}
            for i in range(0, len(hashes), 500):
                chunk = hashes[i : i + 500]
                for h, rid in (
                    await s.execute(
                        select(Torrent.qb_hash, Torrent.bangumi_id).where(Torrent.qb_hash.in_(chunk))
                    )
                ).all():
                    if h:
                        known[h.lower()] = rid if rid is not None else known.get(h.lower())
            # Rules are read here and copied out: nothing of this session outlives it.
            for t in own_cat:
                tag_ids = [i for i in _rule_tag_ids(t.tags) if i in rules]
                if t.hash not in known and not tag_ids:
                    continue  # in our category but never added by us: the user's own
                if completed_only and not t.completed:
                    continue
                torrents.append((t, self._find_rule(t, known.get(t.hash), tag_ids, rules)))
        entries = await self.journal.load(hashes)
        # Oldest first, so when two releases want one name the earlier finished one is first.
        torrents.sort(key=lambda x: (x[0].completion_on if x[0].completion_on >= 0 else 2**62, x[0].hash))
        state = RunState(dl, options, torrents, entries, paths=placement_of(self.ctx, dl).paths)
        state.claim_named({t.hash for t in listed})
        return state

    @staticmethod
    def _find_rule(
        t: TorrentInfo, row_rule: int | None, tag_ids: Sequence[int], rules: dict[int, Bangumi]
    ) -> RuleRef | None:
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
                    if not r.deleted and r.save_path and same_dir(r.save_path, t.save_path)
                ),
                None,
            )
        if rule is None:
            return None
        return RuleRef(
            rule.id,
            rule.official_title,
            rule.poster_link,
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
                template=rule.rename_template or None,
            ),
        )

    def _settled(self, entry: Entry | None, info: TorrentInfo) -> bool:
        """The scheduled run skips a torrent that is finished with, or backing off."""
        if entry is None:
            return False
        if info.added_on > (aware(entry.updated_at) or now()).timestamp():
            return False  # removed and added again since: look at it afresh
        return (
            entry.status in (JournalState.DONE, JournalState.REMOVED, JournalState.FAILED) or not entry.due()
        )
