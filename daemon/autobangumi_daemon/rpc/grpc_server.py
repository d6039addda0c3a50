"""The grpc.aio server: every contract method, plus the standard health and reflection services."""

from __future__ import annotations

import hmac
import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

import grpc
from google.protobuf.message import Message
from grpc import aio
from grpc_health.v1 import _async as health_aio
from grpc_health.v1 import health_pb2, health_pb2_grpc
from grpc_reflection.v1alpha import reflection

from autobangumi.clientaddr import BRIDGE_KEY_HEADER, CLIENT_IP_HEADER, TrustedProxies, normalize_ip
from autobangumi.contract import SERVICE_NAMES
from autobangumi.rpc import STATUS_DETAILS_KEY, ApiError, Caller, encode_status
from autobangumi_daemon.rpc.dispatch import Dispatcher, Endpoint

__all__ = ["ClientAddressPolicy", "build_server", "caller_from_context"]

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class ClientAddressPolicy:
    """Whom the daemon believes about a caller's address: proxies in `trusted` (by their
    address, through X-Forwarded-For / Forwarded) and a bridge holding `bridge_key`."""

    trusted: TrustedProxies = field(default_factory=TrustedProxies)
    bridge_key: str = ""

    def client_ip(self, peer: str, md: dict[str, str]) -> str:
        claimed = md.get(CLIENT_IP_HEADER)
        key = md.get(BRIDGE_KEY_HEADER, "")
        bridge = bool(key and self.bridge_key) and hmac.compare_digest(key.encode(), self.bridge_key.encode())
        if claimed and bridge:
            return normalize_ip(claimed) or peer
        return self.trusted.client_address(peer, md.get("forwarded"), md.get("x-forwarded-for"))


def _peer_ip(peer: str) -> str:
    """The address from a gRPC peer string such as 'ipv4:127.0.0.1:5555'."""
    if peer.startswith("unix:"):
        return "127.0.0.1"
    kind, _, rest = peer.partition(":")
    if kind == "ipv4":
        host = rest.rsplit(":", 1)[0]
    elif kind == "ipv6":
        host = rest.rsplit(":", 1)[0].strip("[]")
    else:
        return rest
    host = host.replace("%5B", "").replace("%5D", "")
    return normalize_ip(host) or host


def caller_from_context(context: aio.ServicerContext[Any, Any], policy: ClientAddressPolicy) -> Caller:
    md = {k: v for k, v in (context.invocation_metadata() or ()) if isinstance(v, str)}
    ip = policy.client_ip(_peer_ip(context.peer() or ""), md)
    auth = md.get("authorization", "")
    token = auth[7:].strip() if auth[:7].lower() == "bearer " else None
    # HTTP headers forwarded by a bridge arrive as x-http-<name>; direct clients may send them too.
    http_md = {k[7:]: v for k, v in md.items() if k.startswith("x-http-")}
    return Caller(client_ip=ip, token=token, metadata=http_md)


async def _abort(context: aio.ServicerContext[Any, Any], err: ApiError) -> None:
    await context.abort(err.code, err.msg_en, trailing_metadata=((STATUS_DETAILS_KEY, encode_status(err)),))


def _unary(
    dispatcher: Dispatcher, ep: Endpoint, policy: ClientAddressPolicy
) -> Callable[[Message, Any], Awaitable[Message]]:
    path = ep.info.path

    async def handler(request: Message, context: aio.ServicerContext[Any, Any]) -> Message:
        try:
            return await dispatcher.unary(path, request, caller_from_context(context, policy))
        except ApiError as err:
            await _abort(context, err)
            raise  # unreachable: abort raises

    return handler


def _streaming(
    dispatcher: Dispatcher, ep: Endpoint, policy: ClientAddressPolicy
) -> Callable[[Message, Any], AsyncIterator[Message]]:
    path = ep.info.path

    async def handler(request: Message, context: aio.ServicerContext[Any, Any]) -> AsyncIterator[Message]:
        try:
            async for item in dispatcher.stream(path, request, caller_from_context(context, policy)):
                yield item
        except ApiError as err:
            await _abort(context, err)

    return handler


def _generic_handlers(dispatcher: Dispatcher, policy: ClientAddressPolicy) -> list[Any]:
    grouped: dict[str, dict[str, Any]] = {}
    for ep in dispatcher.endpoints.values():
        info = ep.info
        if info.server_streaming:
            h = grpc.unary_stream_rpc_method_handler(
                _streaming(dispatcher, ep, policy),
                request_deserializer=info.request_cls.FromString,
                response_serializer=info.response_cls.SerializeToString,
            )
        else:
            h = grpc.unary_unary_rpc_method_handler(
                _unary(dispatcher, ep, policy),
                request_deserializer=info.request_cls.FromString,
                response_serializer=info.response_cls.SerializeToString,
            )
        grouped.setdefault(info.service, {})[info.name] = h
    return [grpc.method_handlers_generic_handler(svc, hs) for svc, hs in grouped.items()]


def build_server(
    dispatcher: Dispatcher, addresses: list[str], policy: ClientAddressPolicy | None = None
) -> tuple[aio.Server, Any]:
    server = aio.server(options=[("grpc.so_reuseport", 0)])
    server.add_generic_rpc_handlers(_generic_handlers(dispatcher, policy or ClientAddressPolicy()))
    health_servicer = health_aio.HealthServicer()
    health_pb2_grpc.add_HealthServicer_to_server(health_servicer, server)
    reflection.enable_server_reflection(
        (*SERVICE_NAMES, health_pb2.DESCRIPTOR.services_by_name["Health"].full_name, reflection.SERVICE_NAME),
        server,
    )
    for addr in addresses:
        server.add_insecure_port(addr)
    return server, health_servicer
