"""The digest: at most one message per interval, the episodes in between sent together."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from autobangumi_daemon.context import AppContext
from autobangumi_daemon.notify.digest import Digest, combine
from autobangumi_daemon.notify.outgoing import Message
from tests.helpers import Server
from tests.notify.receivers import GOOD_TELEGRAM, Receiver, receiver


@pytest.fixture
async def rx() -> AsyncIterator[Receiver]:
    async with receiver() as r:
        yield r


def _m(title: str) -> Message:
    return Message(title=title, text=f"text of {title}")


async def test_first_at_once_then_collected_until_the_interval_ends() -> None:
    sent: list[list[str]] = []

    async def send(batch: list[Message]) -> list[Any]:
        sent.append([m.title for m in batch])
        return [len(batch)]

    digest = Digest(send)
    assert await digest.add(_m("A"), 0.4) == [1]
    assert sent == [["A"]]
    assert await digest.add(_m("B"), 0.4) == []
    assert await digest.add(_m("C"), 0.4) == []
    assert sent == [["A"]] and digest.pending == 2
    await asyncio.sleep(1.0)  # the interval (0.4 s) ended well before: B and C went out together
    assert sent == [["A"], ["B", "C"]] and digest.pending == 0
    # The interval starts again at each message sent.
    await digest.add(_m("D"), 5.0)
    assert sent[-1] == ["B", "C"] and digest.pending == 1
    await digest.close()  # a stop sends what is held
    assert sent[-1] == ["D"] and digest.pending == 0
    await digest.close()
    assert len(sent) == 3


async def test_what_waits_survives_a_crash_through_the_journal(tmp_path: Path) -> None:
    """Collected messages are on disk as they wait: a digest made again from the journal (as after
    a kill) holds them, sends them on resume, and the journal is gone once they are sent."""
    journal = tmp_path / "notify-digest.json"
    sent: list[list[str]] = []

    async def send(batch: list[Message]) -> list[Any]:
        sent.append([m.title for m in batch])
        return [len(batch)]

    first = Digest(send, journal=journal)
    await first.add(_m("A"), 60.0)
    assert sent == [["A"]] and not journal.exists()  # nothing waits: nothing on disk
    poster = tmp_path / "p.jpg"
    held = Message(
        title="B",
        text="b",
        facts={"episode": 2, "title": "B"},
        poster_file=poster,
        poster_url="http://x/p.jpg",
    )
    await first.add(held, 60.0)
    await first.add(_m("C"), 60.0)
    assert first.pending == 2 and journal.exists()
    # No close: the process died here. The next start reads the journal.
    again = Digest(send, journal=journal)
    assert again.pending == 2
    again.resume()
    for _ in range(100):
        if len(sent) == 2:
            break
        await asyncio.sleep(0.02)
    assert sent == [["A"], ["B", "C"]] and again.pending == 0
    assert not journal.exists()
    # The "dead" digest's timer is stopped without a flush, as a kill would have stopped it.
    assert first._timer is not None
    first._timer.cancel()


async def test_a_failed_send_keeps_the_messages_and_an_unreadable_journal_is_set_aside(
    tmp_path: Path,
) -> None:
    journal = tmp_path / "notify-digest.json"
    fail = True
    sent: list[list[Message]] = []

    async def send(batch: list[Message]) -> list[Any]:
        if fail:
            raise OSError("network down")
        sent.append(batch)
        return []

    digest = Digest(send, journal=journal)
    with pytest.raises(OSError):
        await digest.add(_m("A"), 60.0)
    assert digest.pending == 1 and journal.exists()  # not sent, so not forgotten
    fail = False
    await digest.flush()
    assert [m.title for m in sent[0]] == ["A"] and not journal.exists()
    journal.write_text("{not json", encoding="utf-8")
    fresh = Digest(send, journal=journal)
    assert fresh.pending == 0 and not journal.exists()
    assert (tmp_path / "notify-digest.json.unreadable").read_text(encoding="utf-8") == "{not json"


def test_combined_message_lists_every_episode() -> None:
    one = _m("X S01E01")
    assert combine([one]) is one
    both = combine([_m("X S01E02"), _m("Y S02E10")])
    assert both.title == "AutoBangumi: 2 集更新 / 2 new episodes"
    assert both.text == "• X S01E02\n• Y S02E10"
    assert both.poster_file is None and both.poster_url is None


def _ctx(server: Server) -> AppContext:
    assert server.running.daemon is not None and server.running.daemon.ctx is not None
    return server.running.daemon.ctx


async def test_digest_setting_through_the_notifier(
    ready: Server, http: aiohttp.ClientSession, rx: Receiver
) -> None:
    providers = [
        {
            "type": "telegram",
            "enabled": True,
            "token": GOOD_TELEGRAM,
            "chat_id": "1",
            "server_url": rx.base + "/tg",
        },
        {"type": "webhook", "enabled": True, "url": rx.base + "/hook"},
    ]
    body = {"notification": {"enable": True, "providers": providers, "digest_minutes": 30}}
    async with http.patch(ready.api + "/config/update", json=body) as resp:
        assert resp.status == 200, await resp.text()
    notifier = _ctx(ready).notifier
    tg = f"/tg/bot{GOOD_TELEGRAM}/sendMessage"

    first = await notifier.episode(official_title="A", season=1, episode=1)
    assert [r.provider for r in first] == ["webhook", "telegram"] and all(r.success for r in first)
    for ep in (2, 3):
        held = await notifier.episode(official_title="A", season=1, episode=ep)
        assert [r.provider for r in held] == ["webhook"]  # webhooks: every episode at once
    assert [r.json()["episode"] for r in rx.at("/hook")] == [1, 2, 3]
    assert [r.json()["text"].split("\n")[0] for r in rx.at(tg)] == ["A S01E01"]
    assert notifier.digest_pending == 2

    results = await notifier.flush_digest()
    assert [r.success for r in results] == [True]
    assert rx.at(tg)[-1].json()["text"] == ("AutoBangumi: 2 集更新 / 2 new episodes\n• A S01E02\n• A S01E03")
    assert notifier.digest_pending == 0

    # Held messages are sent when the daemon stops, not lost.
    await notifier.episode(official_title="B", season=1, episode=9)
    assert notifier.digest_pending == 1
    await ready.running.stop()
    assert rx.at(tg)[-1].json()["text"].startswith("B S01E09\n")
