"""Bilingual failures raised by services; the transport layers turn them into statuses."""

from __future__ import annotations

import grpc

from autobangumi.rpc import ApiError

__all__ = [
    "ApiError",
    "already_exists",
    "failed",
    "forbidden",
    "internal",
    "invalid",
    "not_found",
    "throttled",
    "unauthenticated",
    "unavailable",
    "unimplemented",
]


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


def unavailable(msg_en: str, msg_zh: str) -> ApiError:
    return ApiError(grpc.StatusCode.UNAVAILABLE, msg_en, msg_zh)


def unimplemented(method: str) -> ApiError:
    return ApiError(
        grpc.StatusCode.UNIMPLEMENTED,
        f"{method} is not available in this version yet.",
        f"{method} 在当前版本中尚未提供。",
    )


def internal(msg_en: str, msg_zh: str) -> ApiError:
    return ApiError(grpc.StatusCode.INTERNAL, msg_en, msg_zh)
