"""Two versions of one episode in the library: the one placed earlier and the one placing now.

The library holds one file per episode name. When the name is taken, the file there may be a
stranger's (held, as always) or the library's own placement of another release of the same
episode, from the same rule. Then the release the downloads job replaced (its row `replaced`),
or failing that the lower version (v1 before v2), gives way: an older file already placed is set
aside as `<name>.v<N>.superseded` (a link and an unlink, never a replace) and the newer one takes
the name; an older file placing now is not placed. Whether the file there really is that
placement is checked by content (same inode, or same bytes as the release's own file) wherever
the release's file is still on disk; after a `move` it is not, and the journal's word stands.
"""

from __future__ import annotations

import os
import posixpath
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from autobangumi_daemon.core.rename_plan import SUPERSEDED_SUFFIX, PlannedFile
from autobangumi_daemon.core.states import ItemState
from autobangumi_daemon.db.models import RenameRecord, Torrent
from autobangumi_daemon.library.journal import Entry, JournalState, journal_entry
from autobangumi_daemon.library.linker import LinkResult, place, same_file
from autobangumi_daemon.library.placement import Placement

__all__ = ["Rival", "aside_name", "find_rival", "replace_older"]

#: Which of the two gives way: "placed" (the file there is older: set it aside), "placing"
#: (the file placing now is older: not placed), or None (no way to tell: held for the user).
Older = Literal["placed", "placing"] | None


@dataclass(frozen=True, slots=True)
class Rival:
    entry: Entry  # the journal entry of the file placed earlier
    older: Older


def aside_name(dst: Path, version: int) -> Path:
    return dst.with_name(f"{dst.name}.v{version}{SUPERSEDED_SUFFIX}")


async def _replaced(s: AsyncSession, hashes: list[str]) -> set[str]:
    """Of these torrents, the ones whose feed item a better release replaced."""
    rows = await s.scalars(
        select(func.lower(Torrent.qb_hash)).where(
            func.lower(Torrent.qb_hash).in_([h.lower() for h in hashes]),
            Torrent.status == ItemState.REPLACED,
        )
    )
    return set(rows.all())


def _is_there(placement: Placement, e: Entry, dst: Path, *, moved_ok: bool) -> bool:
    """Whether `dst` is the file this entry placed: where the journal says it put it (rows
    written before that was kept say nothing) and, while the release's own file is on disk,
    the same file as that one (the user may have put another there since)."""
    if e.library_path is not None and e.library_path != str(dst):
        return False
    if not e.save_path:
        return False
    # The file as the client holds it now: under the name a rename in place gave it, if any.
    src = Path(placement.paths.to_local(posixpath.join(e.save_path, e.target or e.file_path)))
    try:
        if src.exists():
            return same_file(src, dst)
    except OSError:
        return False
    return moved_ok or e.library_path is not None


async def find_rival(
    db: async_sessionmaker[AsyncSession],
    placement: Placement,
    rule_id: int | None,
    torrent_hash: str,
    item: PlannedFile,
    dst: Path,
) -> Rival | None:
    """The earlier placement of another release of this episode that holds `dst`, if any."""
    if rule_id is None or item.season is None or item.episode is None:
        return None
    async with db() as s:
        rows = (
            await s.scalars(
                select(RenameRecord).where(
                    RenameRecord.bangumi_id == rule_id,
                    RenameRecord.season == item.season,
                    RenameRecord.episode == float(item.episode),
                    RenameRecord.kind == item.kind,
                    RenameRecord.status == JournalState.DONE,
                    RenameRecord.torrent_hash != torrent_hash,
                )
            )
        ).all()
        candidates = [journal_entry(r) for r in rows]
        if not candidates:
            return None
        replaced = await _replaced(s, [torrent_hash, *(e.torrent_hash for e in candidates)])
    # After a `move` the earlier file left its torrent: only a lone candidate can be it.
    moved_ok = placement.mode == "move" and len(candidates) == 1
    for e in candidates:
        if not _is_there(placement, e, dst, moved_ok=moved_ok):
            continue
        this_replaced, that_replaced = torrent_hash.lower() in replaced, e.torrent_hash.lower() in replaced
        older: Older = None
        if that_replaced and not this_replaced:
            older = "placed"
        elif this_replaced and not that_replaced:
            older = "placing"
        elif e.version < item.version:
            older = "placed"
        elif item.version < e.version:
            older = "placing"
        return Rival(e, older)
    return None


def replace_older(src: Path, dst: Path, mode: str, aside: Path) -> LinkResult:
    """Set the older file at `dst` aside as `aside`, then place `src` at `dst`. Nothing is
    replaced: a file already at `aside` holds the episode, and when the new file cannot be put
    in place the older one gets its name back. Raises OSError as `place` does."""
    if aside.exists() or aside.is_symlink():
        return LinkResult(
            "held",
            dst,
            (
                f"{aside} already exists: the older version at {dst} cannot be set aside.",
                f"{aside} 已存在：无法把 {dst} 处的旧版本移到一旁。",
            ),
        )
    os.link(dst, aside, follow_symlinks=False)
    os.unlink(dst)
    try:
        result = place(src, dst, mode)
    except BaseException:
        _restore(aside, dst)
        raise
    if result.outcome == "held":
        _restore(aside, dst)
    return result


def _restore(aside: Path, dst: Path) -> None:
    try:
        os.link(aside, dst, follow_symlinks=False)
    except FileExistsError:
        return  # something took the name meanwhile: the older file stays aside, under its name
    os.unlink(aside)
