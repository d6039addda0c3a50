"""One torrent's part of a rename run for an instance with a library root: episodes are placed
in the library instead of being renamed inside the client.

Each finished episode goes to `<root>/<Title> (<Year>)/Season N/<name>`, the name being what the
rename template (the rule's, else the configured one, else `Title S01E05`) gives, subtitles beside
it. The torrent's own files are never renamed or moved (unless the user chose mode `move`), so it
keeps seeding from its folder, and any downloader can have a library, aria2 included.

The rename journal records every file as for a rename (pending, done, held, failed), with the
file's own name kept as it is in the client: a restart repeats nothing, and each episode is still
announced once, by the same claim the renamer uses. Paths the downloader reports go through the
instance's path mappings before the daemon touches the disk. A target that already exists is
done when it is the same file (same inode, or same content) and held with the reason when it is
a different one: nothing is ever overwritten (library/linker.py).

After an episode lands, each enabled media server is asked to scan its folder, and with
`media_server.write_nfo` / `write_poster` the show's and the episode's .nfo and the poster are
written beside it, never over a file already there.
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
import posixpath
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from autobangumi.v1 import program_pb2
from autobangumi_daemon.adapters.downloaders.base import DownloaderError, TorrentFile, TorrentInfo
from autobangumi_daemon.context import AppContext
from autobangumi_daemon.core.rename_plan import (
    FileIn,
    PlannedFile,
    TorrentIn,
    TorrentPlan,
    plan_torrent,
)
from autobangumi_daemon.library import nfo
from autobangumi_daemon.library.journal import FINAL, NAMED, RECHECK, Entry, JournalState, aware
from autobangumi_daemon.library.linker import LinkResult, library_dir, place, same_file
from autobangumi_daemon.library.mediaserver import MediaServers, servers_from_config
from autobangumi_daemon.library.placement import Placement
from autobangumi_daemon.library.rename_run import TorrentRun
from autobangumi_daemon.library.rename_state import RuleRef, RunState, client
from autobangumi_daemon.library.versions import aside_name, find_rival, replace_older

__all__ = ["PlaceRun", "library_plan", "preview_library", "scan_renamed", "unplaced"]

log = logging.getLogger(__name__)

Preview = tuple[TorrentInfo, TorrentPlan, PlannedFile, str, tuple[str, str]]

_HOW = {
    "hardlink": (
        "Hardlinked into the library (a copy where no link can be made); the torrent keeps "
        "seeding from its own folder.",
        "以硬链接放入媒体库（无法硬链接时复制）；种子继续从原文件夹做种。",
    ),
    "copy": (
        "Copied into the library; the torrent keeps seeding from its own folder.",
        "复制到媒体库；种子继续从原文件夹做种。",
    ),
    "move": (
        "Moved into the library (library mode `move`: the torrent stops seeding this file).",
        "移动到媒体库（媒体库模式为 move：该文件将停止做种）。",
    ),
}
_PLACED = ("Placed in the library earlier.", "之前已放入媒体库。")
_THERE = ("The same file is already in the library.", "媒体库中已有同一文件。")
_NEWER_THERE = (
    "An older version of this episode: the library holds a newer one, so it is not placed.",
    "此集的旧版本：媒体库中已有更新的版本，不放入媒体库。",
)
_OLDER = (
    "An older version of an episode this torrent has newer: not placed in the library.",
    "该种子内有此集的更新版本，旧版本不放入媒体库。",
)


def library_plan(
    state: RunState, info: TorrentInfo, rule: RuleRef | None, files: Sequence[TorrentFile]
) -> TorrentPlan:
    """The rename plan, for names only: files keep their place in the torrent, so nothing the
    client or other torrents hold can clash (the library checks its own disk when placing).
    A file renamed in place before the instance had a library is planned from its release name,
    read back through the journal, so its offsets apply once."""
    release = {f.name: f.release_name for f in files if f.release_name}
    entries = state.entries.get(info.hash, {})
    original_of = {
        e.target: e.file_path for e in entries.values() if e.kind != "torrent" and e.target and e.file_path
    }
    present = {f.name for f in files}
    inputs = []
    for f in files:
        orig = original_of.get(f.name)
        if not orig or orig in present:
            orig = release.get(f.name, "")
        inputs.append(FileIn(f.name, orig))
    torrent = TorrentIn(info.hash, info.name, info.save_path, tuple(inputs), info.tags)
    options = dataclasses.replace(state.options, can_cross_folders=True)
    plan = plan_torrent(torrent, rule.info if rule else None, options, {}, None)
    return dataclasses.replace(plan, new_save_path=None)


def unplaced(entry: Entry) -> bool:
    """Renamed inside the client before its instance had a library: still to be placed."""
    return (
        entry.kind in ("media", "subtitle")
        and entry.status == JournalState.DONE
        and bool(entry.target)
        and not entry.library_path
    )


def _year(rule: RuleRef | None) -> int | None:
    year = (rule.info.year or "").strip() if rule is not None else ""
    return int(year) if year.isdigit() else None


def _title(rule: RuleRef | None, plan: TorrentPlan) -> str:
    return (rule.official_title if rule is not None and rule.official_title else "") or plan.title or ""


def _placeable(item: PlannedFile) -> bool:
    return (
        item.kind in ("media", "subtitle")
        and item.status in ("rename", "unchanged")
        and not item.superseded
        and item.season is not None
        and item.episode is not None
    )


def target_of(placement: Placement, rule: RuleRef | None, plan: TorrentPlan, item: PlannedFile) -> Path:
    """Where the library keeps this file (the daemon's own path)."""
    assert placement.root is not None and item.season is not None
    name = posixpath.basename(item.new_path if item.status == "rename" else item.old_path)
    return library_dir(placement.root, _title(rule, plan), _year(rule), item.season) / name


def source_of(placement: Placement, info: TorrentInfo, item: PlannedFile) -> Path:
    """The torrent's file as the daemon finds it (the downloader's path through the mappings)."""
    return Path(placement.paths.to_local(posixpath.join(info.save_path, item.old_path)))


@dataclass(slots=True)
class PlaceRun(TorrentRun):
    placement: Placement
    media: MediaServers
    #: Library folders an episode landed in during this run (scanned by media servers once).
    landed: dict[Path, None] = field(default_factory=dict)

    async def process(self) -> None:
        try:
            files = await client(self.state.dl.get_files(self.info.hash))
        except DownloaderError as exc:
            await self.torrent_failed(exc.msg_en)
            return
        plan = library_plan(self.state, self.info, self.rule, files)
        todo = await self._journal_library(plan)
        for item in sorted(todo, key=lambda i: (i.kind != "media", i.old_path)):
            await self._place(plan, item)
        await self._settle(plan)
        await scan(self.ctx, self.media, self.landed)

    async def _journal_library(self, plan: TorrentPlan) -> list[PlannedFile]:
        """Record what the plan says of each file; the files still to place."""
        todo: list[PlannedFile] = []
        touched: list[Entry] = []
        for item in plan.items:
            if item.kind == "extra":
                continue
            entry = self.entries.get(item.original)
            final = entry is not None and entry.status in FINAL and not unplaced(entry)
            if final and entry is not None and not (self.manual and entry.status in RECHECK):
                continue
            waiting = entry is not None and entry.status == JournalState.PENDING and not entry.due()
            if waiting and not self.manual:
                continue
            entry = self._journal_entry(item, entry)
            touched.append(entry)
            if _placeable(item):
                todo.append(item)
            elif item.superseded:
                entry.set(JournalState.SUPERSEDED, save_path=self.info.save_path)
            elif item.status == "conflict":
                entry.set(JournalState.HELD, error=item.reason_en, error_zh=item.reason_zh)
                self.summary.held += 1
                self._report(entry, item, "Placing held for review", f"{item.clashes_with}: {item.reason_en}")
                await self._ask_review(item)
            else:
                reason = (item.reason_en, item.reason_zh) if item.reason_en else None
                en, zh = reason or ("no episode could be read from the name", "无法从名称识别集数")
                entry.set(JournalState.UNPARSED, error=en, error_zh=zh)
                self.summary.unparsed += 1
                self._report(entry, item, "Could not recognise", en)
        await self.journal.save(touched)
        return todo

    async def _place(self, plan: TorrentPlan, item: PlannedFile) -> None:
        entry = self.entries[item.original]
        src = source_of(self.placement, self.info, item)
        dst = target_of(self.placement, self.rule, plan, item)
        try:
            result = await asyncio.to_thread(place, src, dst, self.placement.mode)
        except OSError as exc:
            why = f"{src}: {exc.strerror or exc}"
            if isinstance(exc, FileNotFoundError) and not src.exists():
                why = f"{src} is not there (check the downloader's path mappings)"
            await self._attempt_failed(item, entry, why)
            return
        if result.outcome == "held":
            settled = await self._other_version(item, entry, src, dst, result)
            if settled is None:
                return
            result = settled
        if result.outcome == "held":
            entry.set(JournalState.HELD, error=result.reason[0], error_zh=result.reason[1])
            self._report(entry, item, "Placing held for review", result.reason[0])
            await self.journal.save([entry])
            if self.rule is not None:
                await self.journal.ask_review(self.rule.id, f"{result.reason[0]} / {result.reason[1]}")
            self.summary.held += 1
            return
        # The file keeps its name in the client: the entry's target is left as it is (empty, or
        # the name an earlier rename in place gave it), so the journal still maps that name back.
        entry.set(JournalState.DONE, save_path=self.info.save_path)
        entry.library_path = str(dst)
        await self.journal.save([entry])
        self.summary.renamed += 1
        log.info("%s %s → %s", result.outcome.capitalize(), src, dst)
        if item.kind != "media":
            return
        self.landed[dst.parent] = None
        self.ctx.bus.publish(
            program_pb2.FileRenamedEvent(
                bangumi_id=self.rule.id if self.rule else None,
                torrent_hash=self.info.hash,
                old_path=item.old_path,
                new_path=str(dst),
                official_title=self._title(plan),
                season=item.season or 0,
                episode=float(item.episode or 0),
            ),
        )
        await self._metadata(plan, item, result)
        await self._announce(plan, item, entry)

    async def _other_version(
        self, item: PlannedFile, entry: Entry, src: Path, dst: Path, held: LinkResult
    ) -> LinkResult | None:
        """The name is taken: by another version of this episode the library placed earlier, the
        older of the two gives way (library/versions.py). What placing came to, or None when
        this file is the older one and stays out of the library."""
        rule_id = self.rule.id if self.rule is not None else None
        rival = await find_rival(self.ctx.db, self.placement, rule_id, self.info.hash, item, dst)
        if rival is None or rival.older is None:
            return held
        if rival.older == "placing":
            entry.set(JournalState.SUPERSEDED, save_path=self.info.save_path)
            await self.journal.save([entry])
            log.info("Not placed, the library has a newer version of the episode: %s", src)
            return None
        aside = aside_name(dst, rival.entry.version)
        try:
            result = await asyncio.to_thread(replace_older, src, dst, self.placement.mode, aside)
        except OSError as exc:
            await self._attempt_failed(item, entry, f"{dst}: {exc.strerror or exc}")
            return None
        if result.outcome == "held":
            return result
        rival.entry.set(JournalState.SUPERSEDED)
        rival.entry.library_path = str(aside)
        self.state.entries.setdefault(rival.entry.torrent_hash, {})[rival.entry.file_path] = rival.entry
        log.info("Kept the older version aside: %s → %s", dst, aside)
        if self.ctx.config.config.preference.remove_superseded:
            # The user's standing request: replaced releases go once the newer one is in place.
            try:
                await asyncio.to_thread(aside.unlink)
                rival.entry.library_path = None
                log.info("Removed the older version %s (preference.remove_superseded)", aside)
            except OSError as exc:
                log.warning("Could not remove %s: %s", aside, exc.strerror or exc)
        await self.journal.save([rival.entry])
        return result

    async def _metadata(self, plan: TorrentPlan, item: PlannedFile, result: LinkResult) -> None:
        """tvshow.nfo, the episode's .nfo and the poster, when asked for; never over a file."""
        cfg = self.ctx.config.config.media_server
        if not (cfg.write_nfo or cfg.write_poster) or item.season is None or item.episode is None:
            return
        show = result.target.parent.parent
        title = _title(self.rule, plan)
        season, episode = item.season, item.episode
        writes: list[tuple[Path, Callable[[], bytes]]] = []
        if cfg.write_nfo:
            writes.append((show / "tvshow.nfo", lambda: nfo.tvshow_nfo(title, _year(self.rule))))
            episode_file = result.target.with_suffix(".nfo")
            writes.append((episode_file, lambda: nfo.episode_nfo(title, season, episode)))
        poster = self._poster() if cfg.write_poster else None
        if poster is not None:
            writes.append((show / f"poster{poster.suffix.lower() or '.jpg'}", poster.read_bytes))
        for path, data in writes:
            try:
                if await asyncio.to_thread(_write_if_new, path, data):
                    log.info("Wrote %s", path)
            except OSError as exc:
                log.warning("Could not write %s: %s", path, exc.strerror or exc)

    def _poster(self) -> Path | None:
        """The rule's stored poster (kept under the posters folder), if there is one."""
        link = self.rule.poster_link if self.rule is not None else None
        if not link or "://" in link:
            return None
        posters = self.ctx.paths.posters_dir.resolve()
        path = (posters.parent / link).resolve()
        return path if path.is_file() and path.is_relative_to(posters) else None


def _write_if_new(path: Path, data: Callable[[], bytes]) -> bool:
    # Checked before reading: a poster is not read for nothing when one is there already.
    return not (path.exists() or path.is_symlink()) and nfo.write_new(path, data())


async def scan(ctx: AppContext, media: MediaServers, folders: Iterable[Path]) -> None:
    """Ask each enabled media server to scan each folder; failures are logged by MediaServers
    (once per server) and never raise."""
    folders = list(dict.fromkeys(folders))
    servers = servers_from_config(_media_section(ctx))
    if not folders or not servers:
        return
    for folder in folders:
        try:
            await media.scan(servers, str(folder))
        except Exception:
            # A media server must never hold up renaming, whatever goes wrong on the way.
            log.exception("Asking the media servers to scan %s failed", folder)


def _media_section(ctx: AppContext) -> dict[str, object]:
    cfg = ctx.config.config.media_server
    return {
        "servers": [
            {
                "type": s.type,
                "url": s.url,
                "token": s.token,
                "enabled": s.enabled,
                "path_mappings": [
                    {"local_path": m.local_path, "server_path": m.server_path} for m in s.path_mappings
                ],
            }
            for s in cfg.servers
        ]
    }


async def scan_renamed(
    ctx: AppContext, media: MediaServers, run: TorrentRun, placement: Placement, since: datetime
) -> None:
    """After an episode was renamed inside the client: its folder, as the daemon sees it."""
    folders = []
    for e in run.entries.values():
        at = aware(e.updated_at)
        fresh = at is not None and at >= since
        if e.kind == "media" and e.status == JournalState.DONE and e.target and e.save_path and fresh:
            full = posixpath.join(e.save_path, e.target)
            folders.append(Path(placement.paths.to_local(posixpath.dirname(full))))
    await scan(ctx, media, folders)


async def preview_library(
    db: async_sessionmaker[AsyncSession],
    state: RunState,
    placement: Placement,
    wanted: Sequence[tuple[TorrentInfo, RuleRef | None, Sequence[TorrentFile]]],
) -> list[Preview]:
    """What placing would do: the library folder as the new save path, the library name as the
    new path; a file there already is shown as done (the same file) or held (another file)."""
    out: list[Preview] = []
    for info, rule, files in wanted:
        plan = library_plan(state, info, rule, files)
        known = state.entries.get(info.hash, {})
        for item in plan.items:
            if not _placeable(item):
                status = "unchanged" if item.superseded else item.status
                reason = _OLDER if item.superseded else (item.reason_en, item.reason_zh)
                out.append((info, plan, item, status, reason))
                continue
            dst = target_of(placement, rule, plan, item)
            one = dataclasses.replace(plan, new_save_path=str(dst.parent))
            placed = dataclasses.replace(item, new_path=dst.name)
            entry = known.get(item.original)
            if entry is not None and entry.status == JournalState.SUPERSEDED:
                out.append((info, one, placed, "unchanged", _NEWER_THERE))
            elif entry is not None and entry.status in NAMED and not unplaced(entry):
                out.append((info, one, placed, "unchanged", _PLACED))
            elif dst.exists() or dst.is_symlink():
                src = source_of(placement, info, item)
                if await asyncio.to_thread(_same, src, dst):
                    out.append((info, one, placed, "unchanged", _THERE))
                    continue
                rule_id = rule.id if rule is not None else None
                rival = await find_rival(db, placement, rule_id, info.hash, item, dst)
                if rival is not None and rival.older == "placed":
                    aside = aside_name(dst, rival.entry.version).name
                    reason = (
                        f"Replaces the older version in the library (set aside as {aside}). "
                        + _HOW.get(placement.mode, _HOW["hardlink"])[0],
                        f"替换媒体库中的旧版本（旧版本改名为 {aside}）。"
                        + _HOW.get(placement.mode, _HOW["hardlink"])[1],
                    )
                    out.append((info, one, placed, "rename", reason))
                elif rival is not None and rival.older == "placing":
                    out.append((info, one, placed, "unchanged", _NEWER_THERE))
                else:
                    reason = (
                        f"{dst} already exists and is a different file; it is left as it is.",
                        f"{dst} 已存在且是另一个文件，保持不变。",
                    )
                    out.append((info, one, placed, "conflict", reason))
            else:
                out.append((info, one, placed, "rename", _HOW.get(placement.mode, _HOW["hardlink"])))
    return out


def _same(src: Path, dst: Path) -> bool:
    try:
        return same_file(src, dst)
    except OSError:
        return False
