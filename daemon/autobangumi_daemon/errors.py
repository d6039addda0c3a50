"""The daemon's failures: one tree of domain errors, each with English and Chinese text and,
where a client can act on the cause, a reason code.

Nothing here knows about gRPC: the dispatcher (`rpc/dispatch.py`) turns an error into a status
by its class, in one table, and attaches the reason as a `google.rpc.ErrorInfo` (domain
`autobangumi.v1`), which a gRPC client (the Home Assistant component) reads to tell causes apart
without parsing the English text. The codes are part of the API: add new ones, never rename.
A downloader adapter's `DownloaderError` becomes a `DownloaderUnavailable` in one place,
`from_downloader`.
"""

from __future__ import annotations

from google.protobuf.message import Message

from autobangumi.rpc import ERROR_DOMAIN
from autobangumi_daemon.adapters.downloaders.base import (
    AuthFailed,
    Banned,
    DownloaderError,
    NotThatServer,
    TlsError,
    Unreachable,
)

__all__ = [
    "DOWNLOADER_AUTH_FAILED",
    "DOWNLOADER_BANNED",
    "DOWNLOADER_TLS_FAILED",
    "DOWNLOADER_UNREACHABLE",
    "DOWNLOADER_WRONG_SERVER",
    "ERROR_DOMAIN",
    "AlreadyExists",
    "BadRequest",
    "DaemonError",
    "DownloaderUnavailable",
    "Forbidden",
    "InternalError",
    "InvalidInput",
    "NotFound",
    "NotImplementedYet",
    "OperationFailed",
    "Throttled",
    "Unauthenticated",
    "Unavailable",
    "already_exists",
    "bad_request",
    "failed",
    "forbidden",
    "from_downloader",
    "internal",
    "invalid",
    "not_found",
    "require_fields",
    "throttled",
    "unauthenticated",
    "unavailable",
    "unimplemented",
]

# The downloader answered but refused the configured username or password.
DOWNLOADER_AUTH_FAILED = "DOWNLOADER_AUTH_FAILED"
# The downloader banned this address after too many failed logins.
DOWNLOADER_BANNED = "DOWNLOADER_BANNED"
# Nothing answered at the downloader's address.
DOWNLOADER_UNREACHABLE = "DOWNLOADER_UNREACHABLE"
# Something answered, but it is not the configured kind of downloader.
DOWNLOADER_WRONG_SERVER = "DOWNLOADER_WRONG_SERVER"
# The TLS handshake with the downloader failed.
DOWNLOADER_TLS_FAILED = "DOWNLOADER_TLS_FAILED"


class DaemonError(Exception):
    """A failure the user reads, in English and Chinese; `reason` is the code a client may act
    on (UPPER_SNAKE_CASE, or empty)."""

    def __init__(self, msg_en: str, msg_zh: str, reason: str = "") -> None:
        super().__init__(msg_en)
        self.msg_en = msg_en
        self.msg_zh = msg_zh
        self.reason = reason

    def __repr__(self) -> str:
        extra = f", reason={self.reason!r}" if self.reason else ""
        return f"{type(self).__name__}({self.msg_en!r}{extra})"


class InvalidInput(DaemonError):
    """Bad input (AutoBangumi's 422): nothing was changed."""


class BadRequest(DaemonError):
    """A request AutoBangumi answers with 400 (a passkey ceremony gone wrong, a value out of range)."""


class OperationFailed(DaemonError):
    """The operation could not be done in the current state (AutoBangumi's 406)."""


class AlreadyExists(DaemonError):
    pass


class NotFound(DaemonError):
    pass


class Forbidden(DaemonError):
    pass


class Unauthenticated(DaemonError):
    pass


class Throttled(DaemonError):
    """Too many attempts: try again later; `retry_after` seconds, when known, reach HTTP clients
    as a `Retry-After` header (and gRPC clients as a `google.rpc.RetryInfo`)."""

    def __init__(self, msg_en: str, msg_zh: str, reason: str = "", *, retry_after: int = 0) -> None:
        super().__init__(msg_en, msg_zh, reason)
        self.retry_after = retry_after


class Unavailable(DaemonError):
    """Something the daemon needs (the downloader, an upstream site) cannot be used now."""


class DownloaderUnavailable(Unavailable):
    """The downloader failed; the reason code says why when a client can act on it."""


class NotImplementedYet(DaemonError):
    pass


class InternalError(DaemonError):
    pass


# The failures a client can act on get a reason code (the user fixes credentials, the host, TLS).
_DOWNLOADER_REASONS: tuple[tuple[type[DownloaderError], str], ...] = (
    (AuthFailed, DOWNLOADER_AUTH_FAILED),
    (Banned, DOWNLOADER_BANNED),
    (Unreachable, DOWNLOADER_UNREACHABLE),
    (NotThatServer, DOWNLOADER_WRONG_SERVER),
    (TlsError, DOWNLOADER_TLS_FAILED),
)


def from_downloader(exc: DownloaderError) -> DownloaderUnavailable:
    """A downloader failure as the API reports it: the adapter's safe message, with the reason
    code when the cause is one a client can act on."""
    reason = next((code for kind, code in _DOWNLOADER_REASONS if isinstance(exc, kind)), "")
    return DownloaderUnavailable(exc.msg_en, exc.msg_zh, reason)


# The names services raise by: each is its class (called with the English and Chinese text).
invalid = InvalidInput
bad_request = BadRequest
failed = OperationFailed
already_exists = AlreadyExists
not_found = NotFound
forbidden = Forbidden
throttled = Throttled
unavailable = Unavailable
internal = InternalError


def unauthenticated(msg_en: str = "Unauthorized.", msg_zh: str = "未授权，请先登录。") -> Unauthenticated:
    return Unauthenticated(msg_en, msg_zh)


def unimplemented(method: str) -> NotImplementedYet:
    return NotImplementedYet(
        f"{method} is not available in this version yet.",
        f"{method} 在当前版本中尚未提供。",
    )


def require_fields(request: Message, mask_field: str = "update_mask") -> None:
    """An update whose field mask is present but empty names nothing to change: refused, so it
    never reads as "replace every field" (an absent mask still means the whole message)."""
    if request.HasField(mask_field) and not getattr(request, mask_field).paths:
        raise invalid(
            "The request body names no field to change; nothing was changed.",
            "请求体没有包含任何要修改的字段，未做任何更改。",
        )
