"""Every stop ends within seconds, whatever is in flight (a stalled feed, a downloader that
never answers, a run in back-off), in process and as a real `autobangumi serve` process."""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import sys
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path

import aiohttp
import grpc
import pytest
from aiohttp import web
from grpc import aio

from autobangumi.v1 import common_pb2, program_pb2
from autobangumi_app.server import Running
from autobangumi_daemon.cancel import cancel_and_wait
from autobangumi_daemon.config import ConfigStore
from autobangumi_daemon.downloader_manager import DownloaderManager
from autobangumi_daemon.paths import AppPaths
from tests.helpers import Server, complete_setup, login, new_session
from tests.ports import free_port as _free_port

STOP_WITHIN = 5.0
CLI = [sys.executable, "-m", "autobangumi_app.cli"]

RSS = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Stalling feed</title><link>http://127.0.0.2/</link>
<description>x</description></channel></rss>
"""


@dataclass
class StallingFeed:
    """Serves the feed once (adding it reads its title), then holds every request open."""

    runner: web.AppRunner | None = None
    url: str = ""
    served: int = 0
    stalled: asyncio.Event = field(default_factory=asyncio.Event)
    release: asyncio.Event = field(default_factory=asyncio.Event)

    async def start(self) -> None:
        async def handle(_request: web.Request) -> web.Response:
            self.served += 1
            if self.served > 1:
                self.stalled.set()
                await self.release.wait()
            return web.Response(body=RSS, content_type="application/rss+xml")

        app = web.Application()
        app.router.add_get("/RSS/stall", handle)
        self.runner = web.AppRunner(app, shutdown_timeout=0.5)
        await self.runner.setup()
        site = web.TCPSite(self.runner, "127.0.0.2", 0)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        self.url = f"http://127.0.0.2:{port}/RSS/stall"

    async def stop(self) -> None:
        self.release.set()
        if self.runner is not None:
            await self.runner.cleanup()


@dataclass
class BlackHole:
    """A TCP port that accepts connections and never says a word (a hung downloader)."""

    server: asyncio.base_events.Server | None = None
    port: int = 0
    accepted: asyncio.Event = field(default_factory=asyncio.Event)
    _writers: list[asyncio.StreamWriter] = field(default_factory=list)

    async def start(self) -> None:
        async def hold(_r: asyncio.StreamReader, w: asyncio.StreamWriter) -> None:
            self._writers.append(w)
            self.accepted.set()

        self.server = await asyncio.start_server(hold, "127.0.0.1", 0)
        self.port = self.server.sockets[0].getsockname()[1]

    async def stop(self) -> None:
        for w in self._writers:
            w.close()
        if self.server is not None:
            self.server.close()


@pytest.fixture
async def stalls() -> AsyncIterator[tuple[StallingFeed, BlackHole]]:
    feed, hole = StallingFeed(), BlackHole()
    await feed.start()
    await hole.start()
    yield feed, hole
    await feed.stop()
    await hole.stop()


async def _json(http: aiohttp.ClientSession, method: str, url: str, **kw: object) -> object:
    async with http.request(method, url, **kw) as resp:  # type: ignore[arg-type]
        assert resp.status == 200, (url, resp.status, await resp.text())
        return await resp.json()


async def _wait(event: asyncio.Event, what: str) -> None:
    try:
        await asyncio.wait_for(event.wait(), 20)
    except TimeoutError:
        raise AssertionError(f"never happened: {what}") from None


async def _stall_everything(
    server: Server, http: aiohttp.ClientSession, feed: StallingFeed, hole: BlackHole
) -> None:
    """A downloader that never answers, a feed refresh held by the upstream (from the API and
    from the scheduled job after a restart)."""
    await _json(
        http,
        "PATCH",
        server.api + "/config/update",
        json={"downloader": {"type": "qbittorrent", "host": f"127.0.0.1:{hole.port}"}},
    )
    await _json(
        http, "POST", server.api + "/rss/add", json={"url": feed.url, "aggregate": False, "parser": "mikan"}
    )
    await _wait(hole.accepted, "a call reached the silent downloader")
    feed.stalled.clear()
    await _json(http, "GET", server.api + "/restart")  # the rss and rename jobs run at start
    await _wait(feed.stalled, "the scheduled refresh reached the stalling feed")


async def test_stop_is_prompt_with_a_stalled_feed_and_a_silent_downloader(
    ready: Server, http: aiohttp.ClientSession, stalls: tuple[StallingFeed, BlackHole]
) -> None:
    feed, hole = stalls
    await _stall_everything(ready, http, feed, hole)
    token = await login(ready, http)
    md = (("authorization", f"Bearer {token}"),)
    channel = aio.insecure_channel(ready.grpc_target)
    # Open when the stop begins: a refresh held inside an HTTP request, another inside a gRPC
    # call, and both event streams.
    in_flight = [asyncio.create_task(http.get(ready.api + "/rss/refresh/all"))]
    refresh = channel.unary_unary(
        "/autobangumi.v1.RssService/RefreshAllRss",
        request_serializer=common_pb2.Empty.SerializeToString,
        response_deserializer=common_pb2.ApiMessage.FromString,
    )
    in_flight.append(asyncio.ensure_future(refresh(common_pb2.Empty(), metadata=md)))
    events = channel.unary_stream(
        "/autobangumi.v1.ProgramService/Events",
        request_serializer=program_pb2.EventsRequest.SerializeToString,
        response_deserializer=program_pb2.Event.FromString,
    )
    stream = events(program_pb2.EventsRequest(kinds=["program_state"]), metadata=md)
    assert (await asyncio.wait_for(stream.read(), 5)).program_state.state == "running"
    sse = await http.get(ready.api + "/events/stream")
    assert sse.status == 200
    await asyncio.sleep(0.3)
    assert not any(t.done() for t in in_flight)
    ctx = ready.running.daemon.ctx  # type: ignore[union-attr]
    assert ctx is not None and ctx.program.running
    loop = asyncio.get_running_loop()
    t0 = loop.time()
    await ready.running.stop()
    took = loop.time() - t0
    assert took < STOP_WITHIN, f"stop took {took:.1f} s"
    assert ctx.program.state == "stopped"
    # What was open was ended by the stop rather than left hanging.
    for task in in_flight:
        with contextlib.suppress(aiohttp.ClientError, grpc.RpcError):
            result = await asyncio.wait_for(task, 5)
            if isinstance(result, aiohttp.ClientResponse):
                result.release()
    sse.close()
    stream.cancel()
    await channel.close()
    assert feed.served >= 3 and not feed.release.is_set()  # the upstream was still holding them


async def test_program_stop_through_the_api_is_prompt_while_a_job_stalls(
    ready: Server,
    http: aiohttp.ClientSession,
    stalls: tuple[StallingFeed, BlackHole],
    caplog: pytest.LogCaptureFixture,
) -> None:
    feed, hole = stalls
    await _stall_everything(ready, http, feed, hole)
    loop = asyncio.get_running_loop()
    t0 = loop.time()
    await _json(http, "GET", ready.api + "/stop")
    assert loop.time() - t0 < STOP_WITHIN
    # The scheduled refresh was still held by the feed: it was given its grace, then cancelled.
    assert any("still busy" in r.getMessage() for r in caplog.records), caplog.text[-2000:]
    assert not feed.release.is_set()
    status = await _json(http, "GET", ready.api + "/status")
    assert status["status"] is False  # type: ignore[index]
    await _json(http, "GET", ready.api + "/start")  # the program starts again after a cut-short run
    status = await _json(http, "GET", ready.api + "/status")
    assert status["status"] is True  # type: ignore[index]


async def test_a_task_that_loses_a_cancellation_is_still_stopped() -> None:
    """Python 3.11's wait_for returns the result when the awaited future completes as the
    cancellation arrives; the task then goes on to a long back-off pause. A stop must not
    wait for that pause."""
    loop = asyncio.get_running_loop()
    result: asyncio.Future[int] = loop.create_future()
    reached_pause = asyncio.Event()

    async def watcher() -> None:
        await asyncio.wait_for(result, 10)
        reached_pause.set()
        await asyncio.sleep(80)  # the back-off the swallowed cancellation leads into

    task = asyncio.create_task(watcher())
    await asyncio.sleep(0)
    result.set_result(1)
    task.cancel()
    t0 = loop.time()
    left = await cancel_and_wait([task], 2.0)
    assert not left and task.cancelled()
    assert loop.time() - t0 < 1.0


async def test_the_downloader_watcher_stops_when_a_check_ends_with_the_stop(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The watcher's check completing just as the stop cancels it (so the cancellation is
    lost, above) must not lead the stop into the watcher's next back-off pause."""
    config = ConfigStore(tmp_path / "config.json")
    config.load({})
    manager = DownloaderManager(config)
    loop = asyncio.get_running_loop()
    answer: asyncio.Future[bool] = loop.create_future()
    checking = asyncio.Event()
    checks = 0

    async def check() -> bool:  # the real check's shape: a bounded wait on the client's answer
        nonlocal checks
        checks += 1
        checking.set()
        return await asyncio.wait_for(answer, 10) if checks == 1 else False

    monkeypatch.setattr(manager.default, "check", check)  # each instance has its own watcher
    manager.start()
    await checking.wait()
    await asyncio.sleep(0)  # the check is now inside its wait_for
    answer.set_result(False)  # the downloader's "unreachable" arrives with the stop
    t0 = loop.time()
    await asyncio.wait_for(manager.stop(), 20)
    assert loop.time() - t0 < 2.0, f"stop took {loop.time() - t0:.1f} s"
    assert checks == 1


async def test_serve_exits_promptly_on_sigterm_with_work_in_flight(
    tmp_path: Path, stalls: tuple[StallingFeed, BlackHole]
) -> None:
    feed, hole = stalls
    http_port = _free_port()
    env = {
        **os.environ,
        "AB_CONFIG_DIR": str(tmp_path / "c"),
        "AB_DATA_DIR": str(tmp_path / "d"),
        "AB_LOG_STDERR": "0",
        "AB_ZEROCONF": "0",
        # The real process has the real SSRF policy: the fake upstream on loopback is opted in.
        "AB_FETCH_ALLOW_NETWORKS": "127.0.0.2/32",
    }
    proc = await asyncio.create_subprocess_exec(
        *CLI,
        "serve",
        "--host",
        "127.0.0.1",
        "--port",
        str(http_port),
        "--grpc-host",
        "127.0.0.1",
        "--grpc-port",
        "0",
        env=env,
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.PIPE,
    )
    server = Server(Running(http_port=http_port), AppPaths(tmp_path / "c", tmp_path / "d"))
    try:
        async with new_session() as http:
            for _ in range(400):
                with contextlib.suppress(aiohttp.ClientError):
                    async with http.get(server.api + "/status") as resp:
                        if resp.status == 200:
                            break
                await asyncio.sleep(0.05)
            await complete_setup(server, http)
            await login(server, http)
            await _stall_everything(server, http, feed, hole)
            pending = asyncio.create_task(http.get(server.api + "/rss/refresh/all"))
            await asyncio.sleep(0.2)
            loop = asyncio.get_running_loop()
            t0 = loop.time()
            proc.send_signal(signal.SIGTERM)
            code = await asyncio.wait_for(proc.wait(), 30)
            took = loop.time() - t0
            pending.cancel()
            with contextlib.suppress(BaseException):
                await pending
        assert code == 0
        assert took < STOP_WITHIN, f"serve took {took:.1f} s to exit"
    finally:
        if proc.returncode is None:
            proc.kill()
            await proc.wait()
