"""Program control, the log, the Events stream (SSE and gRPC), health and reflection."""

from __future__ import annotations

import asyncio
import json

import aiohttp
import grpc
import orjson
import pytest
from grpc import aio
from grpc_health.v1 import health_pb2, health_pb2_grpc
from grpc_reflection.v1alpha import reflection_pb2, reflection_pb2_grpc

from autobangumi.rpc import decode_status
from autobangumi.v1 import bangumi_pb2, common_pb2, program_pb2
from tests.helpers import Server, login


async def _get(http: aiohttp.ClientSession, url: str) -> tuple[int, object]:
    async with http.get(url) as resp:
        return resp.status, await resp.json(content_type=None)


async def test_stop_start_restart(ready: Server, http: aiohttp.ClientSession) -> None:
    assert (await _get(http, ready.api + "/status"))[1]["status"] is True  # type: ignore[index]
    status, body = await _get(http, ready.api + "/stop")
    assert status == 200 and body == {"msg_en": "Program stopped.", "msg_zh": "程序停止成功。"}
    st = (await _get(http, ready.api + "/status"))[1]
    assert st["status"] is False and st["state"] == "stopped"  # type: ignore[index]
    status, body = await _get(http, ready.api + "/stop")
    assert status == 406 and body["msg_en"] == "Program is not running."  # type: ignore[index]
    status, _ = await _get(http, ready.api + "/start")
    assert status == 200
    assert (await _get(http, ready.api + "/status"))[1]["state"] == "running"  # type: ignore[index]
    async with http.post(ready.api + "/restart") as resp:
        assert resp.status == 200
    assert (await _get(http, ready.api + "/status"))[1]["status"] is True  # type: ignore[index]


async def test_restart_is_prompt_with_the_downloader_down(ready: Server, http: aiohttp.ClientSession) -> None:
    loop = asyncio.get_running_loop()
    t0 = loop.time()
    status, _ = await _get(http, ready.api + "/restart")
    assert status == 200 and loop.time() - t0 < 1.0


async def test_log_page_format(ready: Server, http: aiohttp.ClientSession) -> None:
    async with http.get(ready.api + "/log") as resp:
        assert resp.status == 200 and resp.content_type == "text/plain"
        text = await resp.text()
    assert "Version 0.1.0" in text.splitlines()[0]
    with pytest.raises(json.JSONDecodeError):
        json.loads(text)
    async with http.get(ready.api + "/log/clear") as resp:
        assert resp.status == 200 and (await resp.json())["msg_en"] == "Log cleared successfully."
    async with http.get(ready.api + "/log") as resp:
        text = await resp.text()
    assert "Version" in text.splitlines()[0] and "Program started" not in text
    ready.paths.log_file.unlink()
    async with http.get(ready.api + "/log") as resp:
        assert resp.status == 404
    async with http.get(ready.api + "/log/clear") as resp:
        assert resp.status == 406


async def test_log_tail_is_bounded_and_starts_at_a_line(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from autobangumi_daemon.logs import read_log_tail

    f = tmp_path / "log.txt"
    f.write_text("Version 1\n" + "".join(f"[t] INFO:    line {i}\n" for i in range(100_000)))
    text = read_log_tail(f, "AutoBangumi Version 9", limit=4096)
    assert text is not None and len(text.encode()) <= 4096 + 40
    assert text.splitlines()[0] == "AutoBangumi Version 9"
    assert text.splitlines()[1].startswith("[t] INFO:")


async def test_events_stream_over_sse_shows_a_state_change(
    ready: Server, http: aiohttp.ClientSession
) -> None:
    async with http.get(ready.api + "/events/stream") as resp:
        assert resp.status == 200 and resp.content_type == "text/event-stream"

        async def next_event() -> dict:  # type: ignore[type-arg]
            while True:
                line = await asyncio.wait_for(resp.content.readline(), 5)
                if line.startswith(b"data: "):
                    return orjson.loads(line[6:])  # type: ignore[no-any-return]

        first = await next_event()
        assert first["kind"] == "program_state" and first["program_state"]["state"] == "running"
        async with (
            aiohttp.ClientSession(cookie_jar=http.cookie_jar) as other,
            other.get(ready.api + "/stop") as r,
        ):
            assert r.status == 200
        seen = [await next_event(), await next_event()]
        states = [e["program_state"]["state"] for e in seen if e["kind"] == "program_state"]
        assert states[-1] == "stopped"


async def test_events_stream_without_session_is_401(ready: Server) -> None:
    async with aiohttp.ClientSession() as anon, anon.get(ready.api + "/events/stream") as resp:
        assert resp.status == 401


async def test_grpc_events_health_reflection_and_unimplemented(
    ready: Server, http: aiohttp.ClientSession
) -> None:
    token = await login(ready, http)
    md = (("authorization", f"Bearer {token}"),)
    async with aio.insecure_channel(ready.grpc_target) as ch:
        health = health_pb2_grpc.HealthStub(ch)
        assert (
            await health.Check(health_pb2.HealthCheckRequest())
        ).status == health_pb2.HealthCheckResponse.SERVING

        refl = reflection_pb2_grpc.ServerReflectionStub(ch)
        call = refl.ServerReflectionInfo(iter([reflection_pb2.ServerReflectionRequest(list_services="")]))
        names = set()
        async for answer in call:
            names = {s.name for s in answer.list_services_response.service}
            break
        assert {
            "autobangumi.v1.AuthService",
            "autobangumi.v1.ProgramService",
            "grpc.health.v1.Health",
        } <= names

        events = ch.unary_stream(
            "/autobangumi.v1.ProgramService/Events",
            request_serializer=program_pb2.EventsRequest.SerializeToString,
            response_deserializer=program_pb2.Event.FromString,
        )
        stream = events(program_pb2.EventsRequest(kinds=["program_state"]), metadata=md)
        it = stream.__aiter__()
        first = await asyncio.wait_for(it.__anext__(), 5)
        assert first.program_state.state == "running"
        stop = ch.unary_unary(
            "/autobangumi.v1.ProgramService/StopProgram",
            request_serializer=common_pb2.Empty.SerializeToString,
            response_deserializer=common_pb2.ApiMessage.FromString,
        )
        assert (await stop(common_pb2.Empty(), metadata=md)).msg_en == "Program stopped."
        states = []
        while "stopped" not in states:
            states.append((await asyncio.wait_for(it.__anext__(), 5)).program_state.state)
        stream.cancel()

        # A failure carries both languages as google.rpc.LocalizedMessage details.
        get = ch.unary_unary(
            "/autobangumi.v1.BangumiService/GetBangumi",
            request_serializer=bangumi_pb2.GetBangumiRequest.SerializeToString,
            response_deserializer=bangumi_pb2.Bangumi.FromString,
        )
        with pytest.raises(aio.AioRpcError) as exc:
            await get(bangumi_pb2.GetBangumiRequest(bangumi_id=999), metadata=md)
        assert exc.value.code() == grpc.StatusCode.NOT_FOUND
        blob = dict(exc.value.trailing_metadata())["grpc-status-details-bin"]
        err = decode_status(exc.value.code(), exc.value.details(), blob)  # type: ignore[arg-type]
        assert "999" in err.msg_en and "999" in err.msg_zh and err.msg_en != err.msg_zh


async def test_a_method_without_code_is_unimplemented_in_both_languages() -> None:
    """The mechanism that kept unbuilt routes honest: a contract method no service defines."""
    from autobangumi.contract import methods
    from autobangumi.rpc import ApiError, Caller
    from autobangumi_daemon.rpc.dispatch import Dispatcher

    async def nobody(token: str | None) -> object:
        raise AssertionError("public method: no authentication needed")

    info = next(m for m in methods() if m.name == "GetStatus")
    dispatcher = Dispatcher([], nobody)  # type: ignore[arg-type]
    with pytest.raises(ApiError) as exc:
        await dispatcher.unary(info.path, info.request_cls(), Caller())
    assert exc.value.code == grpc.StatusCode.UNIMPLEMENTED
    assert "GetStatus" in exc.value.msg_en and "尚未" in exc.value.msg_zh


async def test_shutdown_sets_the_shutdown_signal(ready: Server, http: aiohttp.ClientSession) -> None:
    status, body = await _get(http, ready.api + "/shutdown")
    assert status == 200 and body["msg_en"] == "Shutdown program successfully."  # type: ignore[index]
    assert ready.running.daemon is not None and ready.running.daemon.ctx is not None
    await asyncio.wait_for(ready.running.daemon.ctx.shutdown.wait(), 2)


async def test_client_disconnect_cancels_the_stream(ready: Server, http: aiohttp.ClientSession) -> None:
    assert ready.running.daemon is not None and ready.running.daemon.ctx is not None
    bus = ready.running.daemon.ctx.bus
    before = bus.subscriber_count
    async with http.get(ready.api + "/events/stream") as resp:
        await asyncio.wait_for(resp.content.readline(), 5)
        assert bus.subscriber_count == before + 1
    for _ in range(50):  # the bridge notices within its poll interval
        if bus.subscriber_count == before:
            break
        await asyncio.sleep(0.1)
    assert bus.subscriber_count == before


async def test_rule_changes_are_announced_on_the_stream(ready: Server, http: aiohttp.ClientSession) -> None:
    from autobangumi_daemon.db.models import Bangumi

    assert ready.running.daemon is not None and ready.running.daemon.ctx is not None
    async with ready.running.daemon.ctx.db.begin() as s:
        rule = Bangumi(official_title="Show", title_raw="Show")
        s.add(rule)
        await s.flush()
        rid = rule.id
    async with http.get(ready.api + "/events/stream") as resp:
        async with (
            aiohttp.ClientSession(cookie_jar=http.cookie_jar) as other,
            other.delete(ready.api + f"/bangumi/disable/{rid}") as r,
        ):
            assert r.status == 200
        kinds = []
        while "rules_changed" not in kinds:
            line = await asyncio.wait_for(resp.content.readline(), 5)
            if line.startswith(b"data: "):
                kinds.append(orjson.loads(line[6:])["kind"])


async def test_secrets_in_urls_never_reach_the_log(ready: Server, http: aiohttp.ClientSession) -> None:
    import logging

    logging.getLogger("autobangumi_daemon.test").warning(
        "Feed https://mikanani.me/RSS/MyBangumi?token=SeCrEt-123%2B&lang=zh failed"
    )
    async with http.get(ready.api + "/log") as resp:
        text = await resp.text()
    assert "MyBangumi?token=***&lang=zh" in text and "SeCrEt" not in text
