"""Stored states are enums whose values are the strings already in users' databases, and the
event bus knows every payload of the contract's `Event`."""

from __future__ import annotations

import asyncio
from typing import get_args

from autobangumi.v1 import program_pb2
from autobangumi_daemon.core.states import FeedHealth, ItemReason, ItemState
from autobangumi_daemon.events import EventBus, EventPayload, kind_of
from autobangumi_daemon.library.journal import JournalState


def test_the_stored_strings_are_unchanged() -> None:
    # A changed value would need a migration: these are the strings rows already hold.
    assert [s.value for s in ItemState] == [
        "pending",
        "failed",
        "downloaded",
        "superseded",
        "filtered",
        "replaced",
        "disabled",
        "seen",
    ]
    assert {r.value for r in ItemReason} == {
        "downloaded",
        "manual",
        "failed",
        "filtered",
        "disabled",
        "duplicate",
        "duplicate_kept",
        "worse",
        "worse_kept",
        "waiting",
        "replaced",
        "removed",  # added: a new value needs no migration, a changed one would
    }
    assert [h.value for h in FeedHealth] == ["healthy", "degraded", "error"]
    assert {j.value for j in JournalState} == {
        "pending",
        "done",
        "held",
        "failed",
        "superseded",
        "unparsed",
        "removed",
    }


def test_every_event_of_the_contract_can_be_published() -> None:
    oneof = program_pb2.Event.DESCRIPTOR.oneofs_by_name["payload"]
    in_contract = {f.message_type.full_name for f in oneof.fields if f.message_type is not None}
    typed = {t.DESCRIPTOR.full_name for t in get_args(EventPayload)}
    assert typed == in_contract


async def test_a_payload_travels_under_its_own_kind() -> None:
    bus = EventBus()
    stream = bus.subscribe()
    first = stream.__anext__()
    waiting = asyncio.ensure_future(first)
    await asyncio.sleep(0)
    bus.publish(program_pb2.TorrentAddedEvent(bangumi_id=3, name="x"))
    event = await asyncio.wait_for(waiting, 2)
    await stream.aclose()
    assert event.kind == "torrent_added" == kind_of(program_pb2.TorrentAddedEvent())
    assert event.WhichOneof("payload") == "torrent_added" and event.torrent_added.bangumi_id == 3
