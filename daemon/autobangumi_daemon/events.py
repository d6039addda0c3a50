"""An in-process publish/subscribe hub behind the `Events` stream.

Each subscriber has a bounded queue; a subscriber too slow to keep up loses its oldest
events rather than slowing the daemon or growing memory without bound.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import Any

from autobangumi.v1 import program_pb2

__all__ = ["EventBus", "EventPayload", "kind_of"]

# Every payload of the `Event` oneof; the kind written on the event is its field's name.
EventPayload = (
    program_pb2.ProgramStateEvent
    | program_pb2.FeedRefreshedEvent
    | program_pb2.TorrentAddedEvent
    | program_pb2.FileRenamedEvent
    | program_pb2.NotificationSentEvent
    | program_pb2.LogLineEvent
    | program_pb2.RulesChangedEvent
    | program_pb2.FeedRefreshProgressEvent
)

# Message type -> oneof field, read from the contract once (a payload outside it is a KeyError
# at the first publish, found by any test that publishes it).
_KIND_OF: dict[str, str] = {
    f.message_type.full_name: f.name
    for f in program_pb2.Event.DESCRIPTOR.oneofs_by_name["payload"].fields
    if f.message_type is not None
}


def kind_of(payload: EventPayload) -> str:
    """The event kind a payload travels as (`file_renamed` for a FileRenamedEvent, ...)."""
    return _KIND_OF[payload.DESCRIPTOR.full_name]


class EventBus:
    def __init__(self, queue_size: int = 1000) -> None:
        self._queue_size = queue_size
        self._subscribers: set[asyncio.Queue[program_pb2.Event]] = set()

    @property
    def subscriber_count(self) -> int:
        return len(self._subscribers)

    def publish(self, payload: EventPayload) -> None:
        kind = kind_of(payload)
        oneof: dict[str, Any] = {kind: payload}  # the field named by the payload's type
        event = program_pb2.Event(kind=kind, at=datetime.now(UTC).isoformat(), **oneof)
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
