"""At most one message per interval: episodes arriving in between are collected into one.

The first episode after a quiet interval goes out at once; the ones that follow within the
interval wait and go out together when it ends (or when the daemon stops, so none is lost to
a clean shutdown).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Awaitable, Callable
from typing import Any

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


class Digest:
    def __init__(
        self,
        send: Callable[[list[Message]], Awaitable[list[Any]]],
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._send = send
        self._clock = clock
        self._pending: list[Message] = []
        self._last: float | None = None
        self._timer: asyncio.Task[None] | None = None

    @property
    def pending(self) -> int:
        return len(self._pending)

    async def add(self, message: Message, interval: float) -> list[Any]:
        """What the send returned when the message went out now; [] when it waits."""
        self._pending.append(message)
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
        return await self._send(batch)

    async def close(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._timer
            self._timer = None
        await self.flush()
