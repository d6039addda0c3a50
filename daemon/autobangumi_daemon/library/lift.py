"""Transmission's season packs: once every episode of a multi-file torrent has its library name
inside the torrent's own folder (Transmission renames only within a folder), the files are
brought up into the save path (`Season N/`), where qBittorrent's renames put them.

The adapter's `lift_out_of_subfolder` checks every target free first (on disk and in other
torrents): a clash holds the lift with its reason and nothing moves. The journal is written
around the two client steps so a crash anywhere is finished on the next look at the torrent:

1. the torrent entry says `lift:<new save path>` (a lift under way);
2. the client renames the top folder and moves the torrent (`lift_out_of_subfolder`);
3. every file entry gets its new name and save path and the torrent entry says `lifted`, in
   one transaction.

A torrent found under step 1 is lifted again unless it already sits in the new save path (the
move finished, step 3 did not happen), in which case only the journal is brought up to date.
"""

from __future__ import annotations

import dataclasses
import logging
import posixpath
from typing import TYPE_CHECKING

from autobangumi_daemon.adapters.downloaders.base import Conflict, DownloaderError
from autobangumi_daemon.adapters.downloaders.transmission import Transmission
from autobangumi_daemon.core.rename_plan import TorrentPlan
from autobangumi_daemon.library.journal import NAMED, TORRENT, Entry
from autobangumi_daemon.library.rename_state import ClientDown, client, is_client_down, same_dir

if TYPE_CHECKING:
    from autobangumi_daemon.library.rename_run import TorrentRun

__all__ = ["LIFTED", "LIFTING", "lift_out", "resume_lift"]

log = logging.getLogger(__name__)

#: The torrent entry's `target` while a lift is under way (followed by the new save path).
LIFTING = "lift:"
#: The torrent entry's `target` once its files are out of the torrent's folder.
LIFTED = "lifted"


def _parent(save_path: str) -> str:
    return posixpath.dirname(posixpath.normpath(save_path.replace("\\", "/")))


async def resume_lift(run: TorrentRun) -> bool:
    """Finish a lift a crash interrupted, before the torrent is planned again (its names would
    otherwise read as new files). False when the client would not let it finish now."""
    row = run.entries.get(TORRENT)
    dl = run.state.dl
    if row is None or not (row.target or "").startswith(LIFTING) or not isinstance(dl, Transmission):
        return True
    parent = (row.target or "")[len(LIFTING) :]
    try:
        if not same_dir(run.info.save_path, parent):
            await client(dl.lift_out_of_subfolder(run.info.hash))
        listed = await client(dl.list_torrents(hashes=[run.info.hash]))
    except DownloaderError as exc:
        await run.torrent_failed(f"bringing the files out of the torrent's folder: {exc.msg_en}")
        return False
    if listed:
        run.info = listed[0]
    await _journal_lifted(run, row, parent)
    return True


def _ready(run: TorrentRun, plan: TorrentPlan) -> bool:
    """Every episode and subtitle named (none held, pending or unrecognised), all inside the
    torrent's own top folder, and the torrent not lifted already from where it is."""
    row = run.entries.get(TORRENT)
    if row is not None and row.target == LIFTED and same_dir(row.save_path or "", run.info.save_path):
        return False
    items = [i for i in plan.items if i.kind != "extra"]
    if not items or plan.new_save_path is not None:
        return False
    # The folder as Transmission lists it (its `_` for a `:` of the torrent's name included).
    tops = {i.old_path.split("/", 1)[0] for i in plan.items if "/" in i.old_path}
    if len(tops) != 1:
        return False
    top = tops.pop() + "/"
    renamed = False
    for item in items:
        entry = run.entries.get(item.original)
        if entry is None or entry.status not in NAMED or not (entry.target or "").startswith(top):
            return False
        renamed = renamed or entry.target != entry.file_path
    # Only a pack this product renamed is lifted: files that came with their names (one
    # lifted before the journal was lost, a pack with its own `Season 1/` folder) stay put.
    return renamed and all(i.old_path.startswith(top) or i.kind == "extra" for i in plan.items)


async def lift_out(run: TorrentRun, plan: TorrentPlan) -> tuple[TorrentPlan, str | None]:
    """Bring a finished Transmission pack's files into its save path. Returns the plan with
    the torrent's new save path, and why the lift is to be retried later (None: done, held,
    or nothing to do)."""
    dl = run.state.dl
    if not isinstance(dl, Transmission) or not _ready(run, plan):
        return plan, None
    row = run._torrent_entry()
    parent = _parent(run.info.save_path)
    name = run.info.name
    row.target = LIFTING + parent
    await run.journal.save([row])
    try:
        await dl.lift_out_of_subfolder(run.info.hash)
    except Conflict as exc:
        # Nothing moved: the files keep their library names inside the torrent's folder.
        row.target = None
        await run.journal.save([row])
        run.summary.held += 1
        reason_en = f"{exc.msg_en} ({exc.detail})" if exc.detail else exc.msg_en
        if row.report_once():
            log.warning("Files of %s stay in its folder: %s", run.info.name, reason_en)
        if run.rule is not None:
            await run.journal.ask_review(
                run.rule.id,
                f"{run.info.name}: its files stay in the torrent's folder: {reason_en} / "
                f"{run.info.name}：文件保留在种子文件夹中：{exc.msg_zh}",
            )
        return plan, None
    except DownloaderError as exc:
        if is_client_down(exc):
            raise ClientDown() from None
        # The `lift:` mark stays: the next look at the torrent finishes or redoes the lift.
        return plan, f"bringing the files out of the torrent's folder: {exc.msg_en}"
    await _journal_lifted(run, row, parent)
    log.info("Brought the files of %s out of its folder into %s", name, parent)
    return dataclasses.replace(plan, new_save_path=parent), None


async def _journal_lifted(run: TorrentRun, row: Entry, parent: str) -> None:
    """Each file entry follows its file (`<top>/x` under `<dir>` is now `<dir name>/x` under
    `<dir>`'s parent); written together with the `lifted` mark."""
    changed = [row]
    for key, entry in run.entries.items():
        if key == TORRENT or not entry.target or entry.save_path is None:
            continue
        if same_dir(entry.save_path, parent) or not same_dir(_parent(entry.save_path), parent):
            continue  # already followed, or not of this lift
        folder = posixpath.basename(posixpath.normpath(entry.save_path))
        rest = entry.target.split("/", 1)[1] if "/" in entry.target else entry.target
        entry.target = f"{folder}/{rest}"
        entry.save_path = parent
        changed.append(entry)
    row.target = LIFTED
    row.save_path = parent
    await run.journal.save(changed)
