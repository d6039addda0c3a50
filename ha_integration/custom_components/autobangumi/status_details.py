"""The details a daemon puts in a failed call's status (`grpc-status-details-bin`).

The daemon sends a `google.rpc.Status` whose details hold a `google.rpc.ErrorInfo` (a stable
reason code in the `autobangumi.v1` domain, for failures a client should tell apart) beside
two `google.rpc.LocalizedMessage`s (English and Chinese; Home Assistant has its own
translations, so they are not read here). grpclib decodes that header only through a codec it
is given, and its default one needs protobuf, which this component does without: this module
declares the two messages it reads (the fields it needs, numbered as in google/rpc/status.proto
and error_details.proto) for betterproto2.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import betterproto2
from grpclib.const import Status as GrpcStatus
from grpclib.encoding.base import StatusDetailsCodecBase

from ._proto.google.protobuf import Any as ProtoAny

__all__ = ["ERROR_DOMAIN", "StatusDetails", "StatusDetailsCodec", "parse_status_details"]

# ErrorInfo.domain of the daemon's reason codes; another domain's reasons are not ours to read.
ERROR_DOMAIN = "autobangumi.v1"
_TYPE_PREFIX = "type.googleapis.com/"


@dataclass(eq=False, repr=False)
class _Status(betterproto2.Message):
    code: int = betterproto2.field(1, betterproto2.TYPE_INT32)
    message: str = betterproto2.field(2, betterproto2.TYPE_STRING)
    # field() returns a dataclasses.field with a list factory, as in the generated code.
    details: list[ProtoAny] = betterproto2.field(3, betterproto2.TYPE_MESSAGE, repeated=True)  # noqa: RUF009


@dataclass(eq=False, repr=False)
class _ErrorInfo(betterproto2.Message):
    reason: str = betterproto2.field(1, betterproto2.TYPE_STRING)
    domain: str = betterproto2.field(2, betterproto2.TYPE_STRING)


@dataclass(frozen=True)
class StatusDetails:
    """What a failed call's status said beyond its code and message."""

    reason: str = ""  # the daemon's reason code, "" when it sent none


def parse_status_details(data: bytes) -> StatusDetails:
    """The daemon's reason code in a serialized google.rpc.Status; nothing for garbage."""
    try:
        status = _Status.parse(data)
    except Exception:  # a foreign server's bytes must not break error handling
        return StatusDetails()
    for detail in status.details:
        if detail.type_url.removeprefix(_TYPE_PREFIX) != "google.rpc.ErrorInfo":
            continue
        try:
            info = _ErrorInfo.parse(detail.value)
        except Exception:  # one malformed detail: look at the others
            continue
        if info.domain == ERROR_DOMAIN:
            return StatusDetails(info.reason)
    return StatusDetails()


class StatusDetailsCodec(StatusDetailsCodecBase):
    """grpclib's hook: GRPCError.details becomes a StatusDetails."""

    def encode(self, status: GrpcStatus, message: str | None, details: Any) -> bytes:
        # Only servers send status details; this client never does.
        raise NotImplementedError

    def decode(self, status: GrpcStatus, message: str | None, data: bytes) -> StatusDetails:
        return parse_status_details(data)
