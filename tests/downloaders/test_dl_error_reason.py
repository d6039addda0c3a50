"""A downloader failure carries a machine-readable reason (google.rpc.ErrorInfo) in its gRPC status.

Against a real qBittorrent: a wrong password gives DOWNLOADER_AUTH_FAILED, a closed port gives
DOWNLOADER_UNREACHABLE, beside the two LocalizedMessages; a bridge in front of the daemon over
gRPC keeps the reason, and AutoBangumi's JSON body stays as it was.
"""

from __future__ import annotations

import aiohttp
import grpc
import pytest
from google.rpc import error_details_pb2, status_pb2
from grpc import aio

from autobangumi.contract import methods
from autobangumi.rpc import STATUS_DETAILS_KEY, ApiError, Caller, decode_status, encode_status
from autobangumi.v1 import downloader_pb2
from autobangumi_app.server import start_bridge
from autobangumi_bridge.transport import GrpcTransport
from autobangumi_daemon import errors
from autobangumi_daemon.rpc.dispatch import to_api_error
from tests.helpers import Server, login

from .conftest import Daemon, free_port


async def _configure(
    server: Server, http: aiohttp.ClientSession, host: str, d: Daemon, password: str
) -> None:
    body = {"downloader": {"type": "qbittorrent", "host": host, "username": d.username,
                           "password": password, "path": str(d.save_dir)}}  # fmt: skip
    async with http.patch(server.api + "/config/update", json=body) as resp:
        assert resp.status == 200, await resp.text()


async def _list_torrents_status(server: Server, token: str) -> status_pb2.Status:
    async with aio.insecure_channel(server.grpc_target) as ch:
        call = ch.unary_unary(
            "/autobangumi.v1.DownloaderService/ListTorrents",
            request_serializer=downloader_pb2.ListDownloaderTorrentsRequest.SerializeToString,
            response_deserializer=downloader_pb2.ListDownloaderTorrentsResponse.FromString,
        )
        try:
            await call(
                downloader_pb2.ListDownloaderTorrentsRequest(),
                metadata=(("authorization", f"Bearer {token}"),),
            )
        except aio.AioRpcError as exc:
            assert exc.code() == grpc.StatusCode.UNAVAILABLE
            blob = dict(exc.trailing_metadata() or ())[STATUS_DETAILS_KEY]
            assert isinstance(blob, bytes)
            st = status_pb2.Status.FromString(blob)
            assert st.code == grpc.StatusCode.UNAVAILABLE.value[0]
            return st
    raise AssertionError("ListTorrents succeeded against a misconfigured downloader")


def _details(st: status_pb2.Status) -> tuple[list[error_details_pb2.ErrorInfo], dict[str, str]]:
    infos: list[error_details_pb2.ErrorInfo] = []
    texts: dict[str, str] = {}
    for any_msg in st.details:
        info, loc = error_details_pb2.ErrorInfo(), error_details_pb2.LocalizedMessage()
        if any_msg.Unpack(info):
            infos.append(info)
        elif any_msg.Unpack(loc):
            texts[loc.locale] = loc.message
    return infos, texts


async def test_wrong_password_carries_the_auth_failed_reason(
    ready: Server, http: aiohttp.ClientSession, qbt_daemon: Daemon
) -> None:
    token = await login(ready, http)
    await _configure(ready, http, qbt_daemon.host, qbt_daemon, "not-the-password")
    infos, texts = _details(await _list_torrents_status(ready, token))
    assert [(i.reason, i.domain) for i in infos] == [("DOWNLOADER_AUTH_FAILED", "autobangumi.v1")]
    assert "password" in texts["en-US"] and "密码" in texts["zh-CN"]

    # Right password: the same call works, so the reason was about the credentials.
    await _configure(ready, http, qbt_daemon.host, qbt_daemon, qbt_daemon.password)
    async with http.get(ready.api + "/downloader/torrents") as resp:
        assert resp.status == 200, await resp.text()

    # Nothing listening: another reason, never the credentials one.
    await _configure(ready, http, f"127.0.0.1:{free_port()}", qbt_daemon, qbt_daemon.password)
    infos, texts = _details(await _list_torrents_status(ready, token))
    assert [i.reason for i in infos] == [errors.DOWNLOADER_UNREACHABLE]
    assert texts["en-US"] and texts["zh-CN"]


async def test_a_bridge_over_grpc_keeps_the_reason_and_the_json_body(
    ready: Server, http: aiohttp.ClientSession, qbt_daemon: Daemon
) -> None:
    await _configure(ready, http, qbt_daemon.host, qbt_daemon, "not-the-password")
    token = await login(ready, http)
    info = next(m for m in methods() if m.path == "/autobangumi.v1.DownloaderService/ListTorrents")
    transport = GrpcTransport(ready.grpc_target)
    try:
        with pytest.raises(ApiError) as exc:
            await transport.unary(info, info.request_cls(), Caller(token=token))
    finally:
        await transport.close()
    assert exc.value.reason == errors.DOWNLOADER_AUTH_FAILED
    assert exc.value.code == grpc.StatusCode.UNAVAILABLE and "密码" in exc.value.msg_zh

    bridge = await start_bridge(ready.grpc_target, "127.0.0.1", 0)
    try:
        base = f"http://127.0.0.1:{bridge.http_port}/api/v1"
        headers = {"Authorization": f"Bearer {token}"}
        async with (
            aiohttp.ClientSession() as anon,
            anon.get(base + "/downloader/torrents", headers=headers) as r,
        ):
            assert r.status == 503
            body = await r.json()
        # AutoBangumi's body has no place for the code: it keeps its two messages only.
        assert set(body) <= {"msg_en", "msg_zh", "status"} and "password" in body["msg_en"]
    finally:
        await bridge.stop()


def test_the_reason_round_trips_and_foreign_domains_are_ignored() -> None:
    err = to_api_error(errors.unavailable("down", "停机", errors.DOWNLOADER_AUTH_FAILED))
    back = decode_status(err.code, err.msg_en, encode_status(err))
    assert (back.reason, back.msg_en, back.msg_zh) == ("DOWNLOADER_AUTH_FAILED", "down", "停机")
    # No reason: no ErrorInfo at all.
    plain = status_pb2.Status.FromString(encode_status(ApiError(grpc.StatusCode.NOT_FOUND, "a", "乙")))
    assert _details(plain)[0] == []
    # Someone else's ErrorInfo is not ours to interpret.
    st = status_pb2.Status(code=14, message="x")
    st.details.add().Pack(error_details_pb2.ErrorInfo(reason="DOWNLOADER_AUTH_FAILED", domain="example.com"))
    assert decode_status(grpc.StatusCode.UNAVAILABLE, "x", st.SerializeToString()).reason == ""
