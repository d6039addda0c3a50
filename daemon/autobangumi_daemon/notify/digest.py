"""At most one message per interval: episodes arriving in between are collected into one.

The first episode after a quiet interval goes out at once; the ones that follow within the
interval wait and go out together when it ends (or when the daemon stops, so none is lost to
a clean shutdown). With a journal file, what waits is also written to disk at each change, so a
crash or a kill loses nothing either: the next start sends what the journal holds.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from autobangumi_daemon.files import write_atomic
from autobangumi_daemon.notify.outgoing import Message

__all__ = ["Digest", "combine"]

log = logging.getLogger(__name__)


def combine(messages: list[Message]) -> Message:
    """One message for several episodes (a single one stays as it is)."""
    if len(messages) == 1:
        return messages[0]
    n = len(messages)
    lines = "\n".join(f"• {m.title}" for m in messages)
    return Message(title=f"AutoBangumi: {n} 集更新 / {n} new episodes", text=lines)


def _to_json(m: Message) -> dict[str, Any]:
    return {
        "title": m.title,
        "text": m.text,
        "facts": dict(m.facts),
        "poster_file": str(m.poster_file) if m.poster_file is not None else None,
        "poster_url": m.poster_url,
    }


def _from_json(d: dict[str, Any]) -> Message:
    poster = d.get("poster_file")
    return Message(
        title=str(d.get("title") or ""),
        text=str(d.get("text") or ""),
        facts=dict(d.get("facts") or {}),
        poster_file=Path(poster) if poster else None,
        poster_url=d.get("poster_url") or None,
    )


class Digest:
    def __init__(
        self,
        send: Callable[[list[Message]], Awaitable[list[Any]]],
        clock: Callable[[], float] = time.monotonic,
        journal: Path | None = None,
    ) -> None:
        self._send = send
        self._clock = clock
        self._journal = journal
        self._pending: list[Message] = self._load()
        self._last: float | None = None
        self._timer: asyncio.Task[None] | None = None

    def _load(self) -> list[Message]:
        """What a previous run left waiting. An unreadable journal is set aside (not deleted,
        so it can still be read by a person) and the digest starts empty."""
        if self._journal is None or not self._journal.exists():
            return []
        try:
            items = json.loads(self._journal.read_text(encoding="utf-8"))
            return [_from_json(d) for d in items["pending"]]
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            aside = self._journal.with_name(self._journal.name + ".unreadable")
            log.warning("The notification digest journal %s is unreadable; kept as %s", self._journal, aside)
            with contextlib.suppress(OSError):
                self._journal.replace(aside)
            return []

    def _save(self) -> None:
        if self._journal is None:
            return
        if not self._pending:
            with contextlib.suppress(FileNotFoundError):
                self._journal.unlink()
            return
        body = {"pending": [_to_json(m) for m in self._pending]}
        write_atomic(self._journal, json.dumps(body, ensure_ascii=False, default=str).encode(), 0o600)

    def resume(self) -> None:
        """Send what a previous run left waiting, soon (its interval is unknown, so at once)."""
        if self._pending and (self._timer is None or self._timer.done()):
            self._timer = asyncio.get_running_loop().create_task(self._later(0.0))

    @property
    def pending(self) -> int:
        return len(self._pending)

    async def add(self, message: Message, interval: float) -> list[Any]:
        """What the send returned when the message went out now; [] when it waits."""
        self._pending.append(message)
        self._save()
        if self._timer is not None and not self._timer.done():
            return []  # a flush is already due; this one joins it
        now = self._clock()
        wait = 0.0 if self._last is None else self._last + interval - now
        if wait <= 0:
            return await self.flush()
        self._timer = asyncio.get_running_loop().create_task(self._later(wait))
        return []

    async def _later(self, wait: float) -> None:
        await asyncio.sleep(wait)
        self._timer = None
        try:
            await self.flush()
        except Exception:
            log.exception("Sending the collected notifications failed")

    async def flush(self) -> list[Any]:
        """Send what is collected now (the interval starts again)."""
        if not self._pending:
            return []
        batch, self._pending = self._pending, []
        self._last = self._clock()
        try:
            result = await self._send(batch)
        except BaseException:
            # Not sent: kept (before what arrived meanwhile) for the next flush.
            self._pending = batch + self._pending
            raise
        self._save()
        return result

    async def close(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._timer
            self._timer = None
        await self.flush()
