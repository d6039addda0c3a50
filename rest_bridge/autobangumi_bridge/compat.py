"""Everything AutoBangumi's HTTP surface does that plain transcoding would not, in one place:
its status codes and error bodies, the `token` cookie, and form-encoded logins."""

from __future__ import annotations

import base64
import time
from typing import Any

import grpc
import orjson
from aiohttp import web

from autobangumi.rpc import ApiError

__all__ = [
    "COOKIE_NAME",
    "clear_session_cookie",
    "error_response",
    "http_error_response",
    "http_status",
    "set_session_cookie",
    "token_from_request",
    "unauthenticated",
]

COOKIE_NAME = "token"

# gRPC code -> AutoBangumi's HTTP status. 406 is its "operation failed" and 422 its
# validation error; the rest follow grpc-gateway's table.
_STATUS: dict[grpc.StatusCode, int] = {
    grpc.StatusCode.OK: 200,
    grpc.StatusCode.INVALID_ARGUMENT: 422,
    grpc.StatusCode.OUT_OF_RANGE: 400,
    grpc.StatusCode.FAILED_PRECONDITION: 406,
    grpc.StatusCode.ALREADY_EXISTS: 406,
    grpc.StatusCode.NOT_FOUND: 404,
    grpc.StatusCode.PERMISSION_DENIED: 403,
    grpc.StatusCode.UNAUTHENTICATED: 401,
    grpc.StatusCode.RESOURCE_EXHAUSTED: 429,
    grpc.StatusCode.ABORTED: 409,
    grpc.StatusCode.CANCELLED: 499,
    grpc.StatusCode.UNIMPLEMENTED: 501,
    grpc.StatusCode.UNAVAILABLE: 503,
    grpc.StatusCode.DEADLINE_EXCEEDED: 504,
}


def http_status(code: grpc.StatusCode) -> int:
    return _STATUS.get(code, 500)


def error_response(status: int, msg_en: str, msg_zh: str) -> web.Response:
    body = orjson.dumps({"msg_en": msg_en, "msg_zh": msg_zh, "status": False})
    return web.Response(status=status, body=body, content_type="application/json")


# Failures raised by the HTTP layer itself (before any method runs), in both languages.
_HTTP_ERRORS: dict[int, tuple[str, str]] = {
    400: ("The request could not be read.", "无法读取该请求。"),
    404: ("Not found.", "请求的接口不存在。"),
    405: ("Method not allowed.", "不支持该请求方法。"),
    408: ("The request took too long to arrive.", "请求发送超时。"),
    411: ("The request needs a Content-Length.", "请求缺少 Content-Length。"),
    413: ("The request body is too large.", "请求体过大。"),
    415: ("This content type is not supported.", "不支持该内容类型。"),
    431: ("The request headers are too large.", "请求头过大。"),
}


def http_error_response(status: int) -> web.Response:
    """AutoBangumi's bilingual body for a failure of the HTTP layer (aiohttp's HTTPException)."""
    en, zh = _HTTP_ERRORS.get(
        status, (f"The request failed (HTTP {status}).", f"请求失败（HTTP {status}）。")
    )
    return error_response(status, en, zh)


def api_error_response(err: ApiError) -> web.Response:
    resp = error_response(http_status(err.code), err.msg_en, err.msg_zh)
    if err.retry_after > 0:
        resp.headers["Retry-After"] = str(err.retry_after)
    return resp


def unauthenticated() -> ApiError:
    return ApiError(grpc.StatusCode.UNAUTHENTICATED, "Unauthorized.", "未授权，请先登录。")


def _usable(token: str | None) -> str | None:
    # Session JWTs and API tokens are printable ASCII. Anything else (aiohttp keeps undecodable
    # header bytes as surrogates) cannot be valid, so it counts as no credential: a 401 where one
    # is needed, never an encoding failure further down.
    if not token or not token.isascii() or not token.isprintable():
        return None
    return token


def token_from_request(request: web.Request) -> str | None:
    """The Authorization Bearer token, else the `token` cookie (what the WebUI sends)."""
    auth = request.headers.get("Authorization", "")
    if auth[:7].lower() == "bearer ":
        return _usable(auth[7:].strip())
    try:
        cookie = request.cookies.get(COOKIE_NAME)
    except (ValueError, UnicodeError):
        return None
    return _usable(cookie)


def _expiry(token: str) -> int | None:
    """The JWT's `exp` (read, not verified: the daemon verifies every use)."""
    try:
        payload = token.split(".")[1]
        claims: Any = orjson.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
        return int(claims["exp"])
    except (IndexError, ValueError, KeyError, TypeError, orjson.JSONDecodeError):
        return None


def set_session_cookie(response: web.StreamResponse, token: str) -> None:
    exp = _expiry(token)
    max_age = max(60, exp - int(time.time())) if exp else 86400
    # Path /, no Domain, not Secure, SameSite=Lax: the WebUI may sit behind a proxy on
    # another host or port, over plain HTTP on a LAN.
    response.set_cookie(COOKIE_NAME, token, max_age=max_age, path="/", httponly=True, samesite="Lax")


def clear_session_cookie(response: web.StreamResponse) -> None:
    response.del_cookie(COOKIE_NAME, path="/")
