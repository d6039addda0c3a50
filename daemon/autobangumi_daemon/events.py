"""An in-process publish/subscribe hub behind the `Events` stream.

Each subscriber has a bounded queue; a subscriber too slow to keep up loses its oldest
events rather than slowing the daemon or growing memory without bound.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from datetime import UTC, datetime

from google.protobuf.message import Message

from autobangumi.v1 import program_pb2

__all__ = ["EventBus"]


class EventBus:
    def __init__(self, queue_size: int = 1000) -> None:
        self._queue_size = queue_size
        self._subscribers: set[asyncio.Queue[program_pb2.Event]] = set()

    @property
    def subscriber_count(self) -> int:
        return len(self._subscribers)

    def publish(self, kind: str, payload: Message) -> None:
        event = program_pb2.Event(kind=kind, at=datetime.now(UTC).isoformat())
        getattr(event, kind).CopyFrom(payload)
        for queue in self._subscribers:
            if queue.full():
                with contextlib.suppress(asyncio.QueueEmpty):
                    queue.get_nowait()
            queue.put_nowait(event)

    async def subscribe(self, first: program_pb2.Event | None = None) -> AsyncIterator[program_pb2.Event]:
        queue: asyncio.Queue[program_pb2.Event] = asyncio.Queue(self._queue_size)
        self._subscribers.add(queue)
        try:
            if first is not None:
                yield first
            while True:
                yield await queue.get()
        finally:
            self._subscribers.discard(queue)
