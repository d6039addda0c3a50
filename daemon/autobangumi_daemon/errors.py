"""Bilingual failures raised by services; the transport layers turn them into statuses.

Some failures also carry a reason code: a gRPC client (the Home Assistant component) reads it
from the status's `google.rpc.ErrorInfo` (domain `autobangumi.v1`) to tell causes apart
without parsing the English text. The codes are part of the API: add new ones, never rename.
"""

from __future__ import annotations

import grpc
from google.protobuf.message import Message

from autobangumi.rpc import ERROR_DOMAIN, ApiError

__all__ = [
    "DOWNLOADER_AUTH_FAILED",
    "DOWNLOADER_BANNED",
    "DOWNLOADER_TLS_FAILED",
    "DOWNLOADER_UNREACHABLE",
    "DOWNLOADER_WRONG_SERVER",
    "ERROR_DOMAIN",
    "ApiError",
    "already_exists",
    "failed",
    "forbidden",
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


def invalid(msg_en: str, msg_zh: str) -> ApiError:
    """Bad input (HTTP 422): nothing was changed."""
    return ApiError(grpc.StatusCode.INVALID_ARGUMENT, msg_en, msg_zh)


def failed(msg_en: str, msg_zh: str) -> ApiError:
    """The operation could not be done in the current state (AutoBangumi's 406)."""
    return ApiError(grpc.StatusCode.FAILED_PRECONDITION, msg_en, msg_zh)


def already_exists(msg_en: str, msg_zh: str) -> ApiError:
    return ApiError(grpc.StatusCode.ALREADY_EXISTS, msg_en, msg_zh)


def not_found(msg_en: str, msg_zh: str) -> ApiError:
    return ApiError(grpc.StatusCode.NOT_FOUND, msg_en, msg_zh)


def forbidden(msg_en: str, msg_zh: str) -> ApiError:
    return ApiError(grpc.StatusCode.PERMISSION_DENIED, msg_en, msg_zh)


def unauthenticated(msg_en: str = "Unauthorized.", msg_zh: str = "未授权，请先登录。") -> ApiError:
    return ApiError(grpc.StatusCode.UNAUTHENTICATED, msg_en, msg_zh)


def throttled(msg_en: str, msg_zh: str) -> ApiError:
    return ApiError(grpc.StatusCode.RESOURCE_EXHAUSTED, msg_en, msg_zh)


def unavailable(msg_en: str, msg_zh: str, reason: str = "") -> ApiError:
    return ApiError(grpc.StatusCode.UNAVAILABLE, msg_en, msg_zh, reason)


def unimplemented(method: str) -> ApiError:
    return ApiError(
        grpc.StatusCode.UNIMPLEMENTED,
        f"{method} is not available in this version yet.",
        f"{method} 在当前版本中尚未提供。",
    )


def internal(msg_en: str, msg_zh: str) -> ApiError:
    return ApiError(grpc.StatusCode.INTERNAL, msg_en, msg_zh)


def require_fields(request: Message, mask_field: str = "update_mask") -> None:
    """An update whose field mask is present but empty names nothing to change: refused, so it
    never reads as "replace every field" (an absent mask still means the whole message)."""
    if request.HasField(mask_field) and not getattr(request, mask_field).paths:
        raise invalid(
            "The request body names no field to change; nothing was changed.",
            "请求体没有包含任何要修改的字段，未做任何更改。",
        )
