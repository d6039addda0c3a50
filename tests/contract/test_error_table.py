"""The daemon's errors: every domain error class has its row in the dispatcher's status table,
the reason codes a client reads keep their names, and nothing below the transport speaks gRPC."""

from __future__ import annotations

import ast
from pathlib import Path

import grpc

from autobangumi_daemon import errors
from autobangumi_daemon.adapters.downloaders.base import AuthFailed, DownloaderError
from autobangumi_daemon.rpc.dispatch import STATUS_OF, to_api_error

DAEMON = Path(__file__).resolve().parents[2] / "daemon" / "autobangumi_daemon"


def _all_subclasses(cls: type[errors.DaemonError]) -> set[type[errors.DaemonError]]:
    found: set[type[errors.DaemonError]] = set()
    todo = [cls]
    while todo:
        for sub in todo.pop().__subclasses__():
            if sub not in found:
                found.add(sub)
                todo.append(sub)
    return found


def test_every_domain_error_has_a_status() -> None:
    classes = _all_subclasses(errors.DaemonError)
    assert classes, "the tree has its classes"
    assert classes - set(STATUS_OF) == set()
    assert errors.DaemonError not in STATUS_OF  # the root is abstract: raise a kind of it


def test_each_class_travels_as_its_status_in_both_languages() -> None:
    for cls, code in STATUS_OF.items():
        err = to_api_error(cls("english", "中文", "SOME_REASON"))
        assert (err.code, err.msg_en, err.msg_zh, err.reason) == (code, "english", "中文", "SOME_REASON")


def test_a_downloader_failure_is_translated_with_its_reason() -> None:
    err = to_api_error(AuthFailed("wrong password", "密码错误"))
    assert err.code == grpc.StatusCode.UNAVAILABLE and err.reason == "DOWNLOADER_AUTH_FAILED"
    plain = to_api_error(DownloaderError("went away", "断开"))
    assert plain.code == grpc.StatusCode.UNAVAILABLE and plain.reason == ""


def test_the_reason_codes_keep_their_names() -> None:
    # The Home Assistant component reads these: renaming one breaks its repairs.
    assert [
        errors.DOWNLOADER_AUTH_FAILED,
        errors.DOWNLOADER_BANNED,
        errors.DOWNLOADER_UNREACHABLE,
        errors.DOWNLOADER_WRONG_SERVER,
        errors.DOWNLOADER_TLS_FAILED,
    ] == [
        "DOWNLOADER_AUTH_FAILED",
        "DOWNLOADER_BANNED",
        "DOWNLOADER_UNREACHABLE",
        "DOWNLOADER_WRONG_SERVER",
        "DOWNLOADER_TLS_FAILED",
    ]


def _speaks_grpc(path: Path) -> list[str]:
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out.extend(a.name for a in node.names if a.name == "grpc" or a.name.startswith("grpc"))
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            if node.module.split(".")[0] in ("grpc", "grpc_health"):
                out.append(node.module)
            elif node.module == "autobangumi.rpc" and any(a.name == "ApiError" for a in node.names):
                out.append("autobangumi.rpc.ApiError")
    return out


def test_only_the_transport_speaks_grpc() -> None:
    # The gRPC server and the dispatcher (rpc/) and the composition root that starts them.
    allowed = {DAEMON / "app.py"}
    found = []
    for path in sorted(DAEMON.rglob("*.py")):
        if path in allowed or (DAEMON / "rpc") in path.parents:
            continue
        found.extend(f"{path.relative_to(DAEMON)}: {name}" for name in _speaks_grpc(path))
    assert found == []


def test_a_throttled_wait_travels_to_grpc_and_http_clients() -> None:
    from google.rpc import error_details_pb2, status_pb2

    from autobangumi.rpc import decode_status, encode_status

    err = to_api_error(errors.throttled("Too many failed logins.", "登录失败次数过多。", retry_after=42))
    assert (err.code, err.retry_after) == (grpc.StatusCode.RESOURCE_EXHAUSTED, 42)
    blob = encode_status(err)
    st = status_pb2.Status.FromString(blob)
    infos = [d for d in st.details if d.Is(error_details_pb2.RetryInfo.DESCRIPTOR)]
    assert len(infos) == 1  # a standard RetryInfo any gRPC client library reads
    back = decode_status(err.code, err.msg_en, blob)
    assert (back.retry_after, back.msg_zh) == (42, "登录失败次数过多。")
    # Other errors carry no wait.
    plain = encode_status(to_api_error(errors.invalid("a", "b")))
    assert decode_status(err.code, "x", plain).retry_after == 0
