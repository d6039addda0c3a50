"""Which tables have been written, as a counter per table, and answers cached against it.

Every statement the engine runs passes `before_cursor_execute`; one that writes a table
(INSERT, UPDATE, DELETE, REPLACE, ALTER, DROP) bumps that table's counter at once, and again
when its connection goes back to the pool, which is after the transaction has committed or
rolled back. A statement whose table cannot be read off its first words bumps every table.

`TableCache` keeps one answer built from some tables and hands it out until one of them is
written. It records the counter *before* building, so an answer built from data a write had
not yet committed is stored under a counter the write's end has already moved past: it can
be served stale by no call that starts after the write ends. Only writes made through this
process's engine are seen; the daemon is the only writer of the tables it caches.
"""

from __future__ import annotations

import re
import weakref
from collections import defaultdict
from collections.abc import Awaitable, Callable, Sequence
from typing import Any, Generic, TypeVar

from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker

__all__ = ["TableCache", "TableWrites", "watch_writes", "writes_for"]

T = TypeVar("T")

_WRITE = re.compile(
    r"\s*(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|REPLACE\s+INTO|UPDATE(?:\s+OR\s+\w+)?|DELETE\s+FROM"
    r"|ALTER\s+TABLE|DROP\s+TABLE(?:\s+IF\s+EXISTS)?|TRUNCATE(?:\s+TABLE)?)\s+[\"`]?(\w+)",
    re.IGNORECASE,
)
_READ = re.compile(r"\s*(?:SELECT|PRAGMA|SAVEPOINT|RELEASE|ROLLBACK|BEGIN|COMMIT|SHOW|SET|EXPLAIN)\b", re.I)
_WRITTEN_KEY = "autobangumi_written"


class TableWrites:
    def __init__(self) -> None:
        self._tables: defaultdict[str, int] = defaultdict(int)
        self._everything = 0

    def version(self, tables: Sequence[str]) -> tuple[int, ...]:
        return (self._everything, *(self._tables[t] for t in tables))

    def _bump(self, names: set[str] | None) -> None:
        if names is None:
            self._everything += 1
            return
        for name in names:
            self._tables[name] += 1

    def _before_execute(
        self, conn: Any, _cursor: Any, statement: str, _params: Any, _context: Any, _many: bool
    ) -> None:
        head = statement[:200]
        m = _WRITE.match(head)
        if m is not None:
            names: set[str] | None = {m.group(1).lower()}
        elif _READ.match(head):
            return
        else:
            names = None  # a statement we cannot read (a CTE, a raw script): everything
        written: dict[str, Any] = conn.info.setdefault(_WRITTEN_KEY, {"tables": set(), "all": False})
        if names is None:
            written["all"] = True
        else:
            written["tables"].update(names)
        self._bump(names)

    def _checkin(self, _dbapi_conn: Any, record: Any) -> None:
        written = record.info.pop(_WRITTEN_KEY, None) if record is not None else None
        if written:
            self._bump(None if written["all"] else set(written["tables"]))


_WATCHED: weakref.WeakKeyDictionary[Any, TableWrites] = weakref.WeakKeyDictionary()


def watch_writes(engine: AsyncEngine) -> TableWrites:
    """Start counting the writes made through `engine` (once per engine)."""
    sync = engine.sync_engine
    writes = _WATCHED.get(sync)
    if writes is None:
        writes = TableWrites()
        event.listen(sync, "before_cursor_execute", writes._before_execute)
        event.listen(sync, "checkin", writes._checkin)
        _WATCHED[sync] = writes
    return writes


def writes_for(factory: async_sessionmaker[Any]) -> TableWrites:
    """The counters of the engine a session factory is bound to."""
    bind = factory.kw.get("bind")
    if not isinstance(bind, AsyncEngine):
        raise TypeError("the session factory is not bound to an async engine")
    return watch_writes(bind)


class TableCache(Generic[T]):
    """One answer built from `tables`, rebuilt after any of them is written."""

    def __init__(self, factory: async_sessionmaker[Any], tables: Sequence[str]) -> None:
        self._writes = writes_for(factory)
        self._tables = tuple(tables)
        self._value: T | None = None
        self._at: tuple[int, ...] | None = None

    async def get(self, build: Callable[[], Awaitable[T]]) -> T:
        at = self._writes.version(self._tables)
        if self._value is not None and self._at == at:
            return self._value
        value = await build()
        self._value, self._at = value, at
        return value
