"""The rename journal (`rename_record`) as plain data: entries are read in one session and written
back in another, so no ORM row outlives the session that loaded it.

One entry per file of a finished torrent the renamer has looked at, keyed by the name the file
had when first seen (so planning starts from the release's own name and offsets apply once),
plus one entry with an empty path that says whether the whole torrent is settled.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields
from datetime import UTC, datetime, timedelta
from enum import StrEnum

from sqlalchemy import or_, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from autobangumi_daemon.db.models import Bangumi, RenameRecord

__all__ = [
    "FINAL",
    "MAX_ATTEMPTS",
    "RECHECK",
    "Entry",
    "Journal",
    "JournalState",
    "journal_entry",
    "now",
]

MAX_ATTEMPTS = 5
BACKOFF_BASE = 60.0  # seconds: 1, 2, 4, 8 minutes between attempts, then give up
BACKOFF_MAX = 3600.0


class JournalState(StrEnum):
    PENDING = "pending"
    DONE = "done"
    HELD = "held"
    FAILED = "failed"
    SUPERSEDED = "superseded"
    UNPARSED = "unparsed"
    REMOVED = "removed"


#: States the scheduled run never touches again. A manual run looks again at the ones in
#: RECHECK (the user may have cleared a conflict); done and superseded are final.
FINAL = frozenset(
    {
        JournalState.DONE,
        JournalState.HELD,
        JournalState.FAILED,
        JournalState.SUPERSEDED,
        JournalState.UNPARSED,
        JournalState.REMOVED,
    }
)
RECHECK = frozenset({JournalState.HELD, JournalState.FAILED, JournalState.UNPARSED})
#: A file that holds its library name (the newest version, or an older one parked aside).
NAMED = frozenset({JournalState.DONE, JournalState.SUPERSEDED})

TORRENT = ""  # the file path of the entry about the whole torrent


def now() -> datetime:
    return datetime.now(UTC)


def aware(value: datetime | None) -> datetime | None:
    # SQLite hands timezone-aware columns back naive; they were written in UTC.
    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value


@dataclass(slots=True)
class Entry:
    """One journal row. `id` is None until it is first saved."""

    torrent_hash: str
    file_path: str
    kind: str  # torrent | media | subtitle
    bangumi_id: int | None
    created_at: datetime
    updated_at: datetime
    status: str = JournalState.PENDING
    target: str | None = None  # relative to save_path
    save_path: str | None = None
    season: int | None = None
    episode: float | None = None
    version: int = 1
    attempts: int = 0
    next_attempt_at: datetime | None = None
    last_error: str | None = None
    last_error_zh: str | None = None
    notified: bool = False
    reported: bool = False
    #: Where the library holds the file, once placed there (None: not placed, or placed by a
    #: version that did not keep it).
    library_path: str | None = None
    id: int | None = None

    @classmethod
    def new(
        cls, torrent_hash: str, file_path: str, kind: str, bangumi_id: int | None, version: int = 1
    ) -> Entry:
        at = now()
        return cls(torrent_hash, file_path, kind, bangumi_id, at, at, version=version)

    def set(
        self,
        status: str,
        *,
        target: str | None = None,
        save_path: str | None = None,
        error: str | None = None,
        error_zh: str | None = None,
    ) -> None:
        self.status = status
        if target is not None:
            self.target = target
        if save_path is not None:
            self.save_path = save_path
        self.last_error = error
        self.last_error_zh = error_zh
        if status in NAMED:
            self.next_attempt_at = None
        self.updated_at = now()

    def attempt_failed(self, why: str) -> bool:
        """Count a failed attempt: pending again after a growing pause, or failed for good
        after MAX_ATTEMPTS. True when it gave up."""
        self.attempts += 1
        if self.attempts >= MAX_ATTEMPTS:
            self.set(JournalState.FAILED, error=why)
            return True
        self.set(JournalState.PENDING, error=why)
        self.next_attempt_at = now() + timedelta(
            seconds=min(BACKOFF_MAX, BACKOFF_BASE * 2 ** (self.attempts - 1))
        )
        return False

    def due(self) -> bool:
        at = aware(self.next_attempt_at)
        return at is None or at <= now()

    def report_once(self) -> bool:
        """Held, failed and unrecognised files are logged once: True the first time."""
        if self.reported:
            return False
        self.reported = True
        return True


_COLUMNS = tuple(f.name for f in fields(Entry) if f.name != "id")


def journal_entry(row: RenameRecord) -> Entry:
    """A row as plain data, detached from its session."""
    e = Entry(**{name: getattr(row, name) for name in _COLUMNS})
    e.id = row.id
    e.next_attempt_at = aware(e.next_attempt_at)
    e.created_at = aware(e.created_at) or e.created_at
    e.updated_at = aware(e.updated_at) or e.updated_at
    return e


class Journal:
    def __init__(self, db: async_sessionmaker[AsyncSession]) -> None:
        self.db = db

    async def load(self, hashes: Sequence[str]) -> dict[str, dict[str, Entry]]:
        """Every entry of these torrents: hash → file path → entry."""
        out: dict[str, dict[str, Entry]] = {}
        async with self.db() as s:
            for chunk in _chunks(hashes, 500):
                rows = await s.scalars(select(RenameRecord).where(RenameRecord.torrent_hash.in_(chunk)))
                for row in rows.all():
                    out.setdefault(row.torrent_hash, {})[row.file_path] = journal_entry(row)
        return out

    async def save(self, entries: Iterable[Entry]) -> None:
        """Write these entries in one transaction (new ones get their id)."""
        async with self.db() as s:
            await self._write(s, entries)
            await s.commit()

    async def find(self, torrent_hash: str, path: str) -> Entry | None:
        """The entry of a file of that torrent known by its first or its current name."""
        async with self.db() as s:
            row = await s.scalar(
                select(RenameRecord).where(
                    RenameRecord.torrent_hash == torrent_hash,
                    or_(RenameRecord.target == path, RenameRecord.file_path == path),
                )
            )
            return None if row is None else journal_entry(row)

    async def claim_notification(self, entry: Entry) -> bool:
        """Mark a renamed episode notified; True when no file of the same episode (same rule, or
        same folder without a rule) was notified before. Recorded before the message goes out:
        a crash then loses one message rather than repeating it forever."""
        same = select(RenameRecord.id).where(
            RenameRecord.notified.is_(True),
            RenameRecord.kind == "media",
            RenameRecord.season == entry.season,
            RenameRecord.episode == entry.episode,
        )
        if entry.bangumi_id is not None:
            same = same.where(RenameRecord.bangumi_id == entry.bangumi_id)
        else:
            same = same.where(RenameRecord.save_path == entry.save_path)
        async with self.db() as s:
            already = await s.scalar(same.limit(1))
            entry.notified = True
            await self._write(s, [entry])
            await s.commit()
        return already is None

    async def ask_review(self, bangumi_id: int, reason: str) -> None:
        """Mark the rule for review (once: an earlier reason stays)."""
        async with self.db() as s:
            row = await s.get(Bangumi, bangumi_id)
            if row is not None and not row.needs_review:
                row.needs_review = True
                row.needs_review_reason = reason
                await s.commit()

    @staticmethod
    async def _write(s: AsyncSession, entries: Iterable[Entry]) -> None:
        added: list[tuple[Entry, RenameRecord]] = []
        for e in entries:
            row = await s.get(RenameRecord, e.id) if e.id is not None else None
            if row is None:
                row = RenameRecord()
                s.add(row)
                added.append((e, row))
            for name in _COLUMNS:
                setattr(row, name, getattr(e, name))
        if added:
            await s.flush()
            for e, row in added:
                e.id = row.id


def _chunks(items: Sequence[str], n: int) -> Iterable[Sequence[str]]:
    for i in range(0, len(items), n):
        yield items[i : i + n]
