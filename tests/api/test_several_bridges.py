"""Two standalone bridges in front of one daemon: one login works through both, a write made
through one is read at once through the other, and events reach the clients of both."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import orjson
import pytest

from autobangumi_app.server import start_bridge
from tests.helpers import PASSWORD, USERNAME, Server, complete_setup, new_session


@pytest.fixture
async def bridges(server: Server) -> AsyncIterator[tuple[str, str]]:
    first = await start_bridge(server.grpc_target, "127.0.0.1", 0)
    second = await start_bridge(server.grpc_target, "127.0.0.1", 0)
    try:
        yield (f"http://127.0.0.1:{first.http_port}/api/v1", f"http://127.0.0.1:{second.http_port}/api/v1")
    finally:
        await asyncio.gather(first.stop(), second.stop())


async def _json(http: aiohttp.ClientSession, method: str, url: str, **kw: Any) -> Any:
    async with http.request(method, url, **kw) as resp:
        assert resp.status == 200, (url, resp.status, await resp.text())
        return await resp.json()


class States:
    """The program states one event stream reports, in order."""

    def __init__(self) -> None:
        self.seen: list[str] = []
        self._changed = asyncio.Condition()

    async def read(self, resp: aiohttp.ClientResponse) -> None:
        async for raw in resp.content:
            line = raw.strip()
            if line.startswith(b"data: "):
                event = orjson.loads(line[6:])
                if event["kind"] == "program_state":
                    async with self._changed:
                        self.seen.append(event["program_state"]["state"])
                        self._changed.notify_all()

    async def wait_for(self, state: str, after: str | None = None) -> None:
        """Until `state` is reported (after `after`, when given)."""

        def done() -> bool:
            if after is None:
                return state in self.seen
            return after in self.seen and state in self.seen[self.seen.index(after) + 1 :]

        try:
            async with self._changed:
                await asyncio.wait_for(self._changed.wait_for(done), 10)
        except TimeoutError:
            raise AssertionError(f"no {state!r} after {after!r}; the stream reported {self.seen}") from None


async def test_one_daemon_two_bridges(server: Server, bridges: tuple[str, str]) -> None:
    a, b = bridges
    async with new_session() as http_a, new_session() as http_b:
        await complete_setup(server, http_a)
        login = {"username": USERNAME, "password": PASSWORD}
        body = await _json(http_a, "POST", a + "/auth/login", data=login)
        # A session made through one bridge is the daemon's: the other bridge accepts it.
        token = body["access_token"]
        assert await _json(http_b, "GET", b + "/config/get", headers={"Authorization": f"Bearer {token}"})
        await _json(http_b, "POST", b + "/auth/login", data=login)

        # Writes through one bridge, read at once through the other (no stale cached answer).
        feed = {"name": "Shared", "url": "http://127.0.0.1:9/rss/shared", "parser": "mikan"}
        await _json(http_a, "POST", a + "/rss/add", json=feed)
        listed = await _json(http_b, "GET", b + "/rss")
        assert [f["name"] for f in listed] == ["Shared"]
        await _json(http_b, "PATCH", b + f"/rss/update/{listed[0]['id']}", json={"name": "Renamed"})
        assert [f["name"] for f in await _json(http_a, "GET", a + "/rss")] == ["Renamed"]
        assert [f["name"] for f in await _json(http_b, "GET", b + "/rss")] == ["Renamed"]

        # Events: a client on each bridge sees a change made through either.
        seen_a, seen_b = States(), States()
        async with (
            http_a.get(a + "/events/stream") as stream_a,
            http_b.get(b + "/events/stream") as stream_b,
        ):
            assert stream_a.status == 200 and stream_b.status == 200
            readers = [
                asyncio.create_task(seen_a.read(stream_a)),
                asyncio.create_task(seen_b.read(stream_b)),
            ]
            try:
                await seen_a.wait_for("running")
                await seen_b.wait_for("running")
                await _json(http_a, "GET", a + "/stop")
                await seen_a.wait_for("stopped")
                await seen_b.wait_for("stopped")
                await _json(http_b, "GET", b + "/start")
                await seen_a.wait_for("running", after="stopped")
                await seen_b.wait_for("running", after="stopped")
            finally:
                for task in readers:
                    task.cancel()
                await asyncio.gather(*readers, return_exceptions=True)
        assert seen_a.seen == ["running", "stopping", "stopped", "starting", "running"] == seen_b.seen
