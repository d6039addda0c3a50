"""What the daemon and the bridge share about a call: the caller, and bilingual errors.

Errors travel as a gRPC status whose details carry two `google.rpc.LocalizedMessage`s
(en-US and zh-CN), so any gRPC client gets both languages; the bridge turns them into
AutoBangumi's `{"msg_en", "msg_zh", "status"}` bodies. A failure a program should tell apart
(the downloader refusing its credentials, say) also carries a `google.rpc.ErrorInfo` whose
`reason` is a stable code in the `autobangumi.v1` domain, so nobody has to match the text.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import grpc
from google.rpc import error_details_pb2, status_pb2

__all__ = [
    "ERROR_DOMAIN",
    "MCP_SURFACE",
    "STATUS_DETAILS_KEY",
    "SURFACE_KEY",
    "ApiError",
    "Caller",
    "Identity",
    "decode_status",
    "encode_status",
]

STATUS_DETAILS_KEY = "grpc-status-details-bin"
# ErrorInfo.domain of every reason code this project defines (the proto package's name).
ERROR_DOMAIN = "autobangumi.v1"
# Caller.metadata key naming the surface a call came through; the MCP server sets it to
# MCP_SURFACE so that the daemon applies security.mcp_tokens and security.mcp_whitelist.
SURFACE_KEY = "autobangumi-surface"
MCP_SURFACE = "mcp"


class ApiError(Exception):
    """A failure the user should read: a gRPC code plus an English and a Chinese message."""

    def __init__(
        self, code: grpc.StatusCode, msg_en: str, msg_zh: str, reason: str = "", *, retry_after: int = 0
    ) -> None:
        super().__init__(msg_en)
        self.code = code
        self.msg_en = msg_en
        self.msg_zh = msg_zh
        # A machine-readable cause (UPPER_SNAKE_CASE, see autobangumi_daemon.errors), or "".
        self.reason = reason
        # Whole seconds to wait before trying again (a throttled login), or 0 when not known.
        self.retry_after = retry_after

    def __repr__(self) -> str:
        extra = f", reason={self.reason!r}" if self.reason else ""
        return f"ApiError({self.code.name}, {self.msg_en!r}{extra})"


@dataclass(slots=True)
class Identity:
    """Who is calling: a logged-in user's session, or a configured API token."""

    username: str
    kind: str  # "session" or "api_token"
    session_id: str | None = None
    user_id: int | None = None


@dataclass(slots=True)
class Caller:
    """The transport-neutral facts about one call that services may look at."""

    client_ip: str = ""
    token: str | None = None
    metadata: Mapping[str, str] = field(default_factory=dict)
    identity: Identity | None = None


def encode_status(err: ApiError) -> bytes:
    st = status_pb2.Status(code=err.code.value[0], message=err.msg_en)
    if err.reason:
        st.details.add().Pack(error_details_pb2.ErrorInfo(reason=err.reason, domain=ERROR_DOMAIN))
    if err.retry_after > 0:
        info = error_details_pb2.RetryInfo()
        info.retry_delay.seconds = err.retry_after
        st.details.add().Pack(info)
    for locale, text in (("en-US", err.msg_en), ("zh-CN", err.msg_zh)):
        st.details.add().Pack(error_details_pb2.LocalizedMessage(locale=locale, message=text))
    blob: bytes = st.SerializeToString()
    return blob


def decode_status(code: grpc.StatusCode, details: str | None, blob: bytes | None) -> ApiError:
    """Rebuild an ApiError from a gRPC failure (the zh text falls back to the English one)."""
    msg_en = details or code.name
    msg_zh = ""
    reason = ""
    retry_after = 0
    if blob:
        st = status_pb2.Status()
        try:
            st.ParseFromString(blob)
        except Exception:  # a foreign server's garbage must not break error handling
            st = status_pb2.Status()
        for any_msg in st.details:
            loc = error_details_pb2.LocalizedMessage()
            info = error_details_pb2.ErrorInfo()
            retry = error_details_pb2.RetryInfo()
            if any_msg.Unpack(loc):
                if loc.locale.startswith("zh"):
                    msg_zh = loc.message
                elif loc.locale.startswith("en"):
                    msg_en = loc.message
            elif any_msg.Unpack(info) and info.domain == ERROR_DOMAIN:
                reason = info.reason
            elif any_msg.Unpack(retry):
                # Rounded up: a client told to wait less than the daemon asks is refused again.
                delay = retry.retry_delay
                retry_after = max(0, delay.seconds + (1 if delay.nanos > 0 else 0))
    return ApiError(code, msg_en, msg_zh or msg_en, reason, retry_after=retry_after)
