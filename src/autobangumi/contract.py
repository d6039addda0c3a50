"""The contract as data: every service and method of proto/autobangumi/v1, read from the
descriptors once, with the HTTP rules and this project's method options."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

from google.api import annotations_pb2, http_pb2
from google.protobuf import descriptor_pool, message_factory
from google.protobuf.descriptor import MethodDescriptor, ServiceDescriptor
from google.protobuf.message import Message

from autobangumi.v1 import (  # noqa: F401  (importing registers the files in the pool)
    auth_pb2,
    bangumi_pb2,
    config_pb2,
    diagnostics_pb2,
    download_pb2,
    downloader_pb2,
    feed_item_pb2,
    library_pb2,
    log_pb2,
    notification_pb2,
    options_pb2,
    overview_pb2,
    parser_pb2,
    passkey_pb2,
    poster_pb2,
    program_pb2,
    rss_pb2,
    search_pb2,
    session_pb2,
    setup_pb2,
    token_pb2,
)

__all__ = ["SERVICE_NAMES", "HttpBinding", "MethodInfo", "methods", "services"]

SERVICE_NAMES = (
    "autobangumi.v1.AuthService",
    "autobangumi.v1.PasskeyService",
    "autobangumi.v1.ConfigService",
    "autobangumi.v1.BangumiService",
    "autobangumi.v1.RssService",
    "autobangumi.v1.SearchService",
    "autobangumi.v1.ProgramService",
    "autobangumi.v1.DownloaderService",
    "autobangumi.v1.SetupService",
    "autobangumi.v1.LogService",
    "autobangumi.v1.NotificationService",
    "autobangumi.v1.PosterService",
    "autobangumi.v1.LibraryService",
    "autobangumi.v1.ParserService",
    "autobangumi.v1.TokenService",
    "autobangumi.v1.SessionService",
    "autobangumi.v1.OverviewService",
    "autobangumi.v1.FeedItemService",
    "autobangumi.v1.DownloadService",
    "autobangumi.v1.DiagnosticsService",
)


_PUBLIC: Any = options_pb2.public
_SETS: Any = options_pb2.sets_session_cookie
_CLEARS: Any = options_pb2.clears_session_cookie


@dataclass(frozen=True, slots=True)
class HttpBinding:
    verb: str  # upper case: GET, POST, PUT, PATCH, DELETE
    path: str
    body: str  # "" (none), "*" (whole message) or a field name
    response_body: str


@dataclass(frozen=True, slots=True)
class MethodInfo:
    service: str
    name: str
    path: str  # the gRPC path, "/autobangumi.v1.AuthService/Login"
    descriptor: MethodDescriptor
    request_cls: type[Message]
    response_cls: type[Message]
    server_streaming: bool
    public: bool
    sets_session_cookie: bool
    clears_session_cookie: bool
    bindings: tuple[HttpBinding, ...]


def _bindings(rule: http_pb2.HttpRule) -> list[HttpBinding]:
    out: list[HttpBinding] = []
    verb = rule.WhichOneof("pattern")
    if verb and verb != "custom":
        out.append(HttpBinding(verb.upper(), getattr(rule, verb), rule.body, rule.response_body))
    for extra in rule.additional_bindings:
        # Additional bindings inherit nothing; an empty response_body means the whole message.
        out.extend(_bindings(extra))
    return out


@functools.cache
def services() -> tuple[ServiceDescriptor, ...]:
    pool = descriptor_pool.Default()
    return tuple(pool.FindServiceByName(name) for name in SERVICE_NAMES)


@functools.cache
def methods() -> tuple[MethodInfo, ...]:
    out: list[MethodInfo] = []
    for svc in services():
        for m in svc.methods:
            opts: Any = m.GetOptions()
            rule = opts.Extensions[annotations_pb2.http]
            out.append(
                MethodInfo(
                    service=svc.full_name,
                    name=m.name,
                    path=f"/{svc.full_name}/{m.name}",
                    descriptor=m,
                    request_cls=message_factory.GetMessageClass(m.input_type),
                    response_cls=message_factory.GetMessageClass(m.output_type),
                    server_streaming=m.server_streaming,
                    public=opts.Extensions[_PUBLIC],
                    sets_session_cookie=opts.Extensions[_SETS],
                    clears_session_cookie=opts.Extensions[_CLEARS],
                    bindings=tuple(_bindings(rule)),
                )
            )
    return tuple(out)
