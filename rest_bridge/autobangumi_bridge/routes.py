"""Routes built from the contract's google.api.http rules, one per binding, grpc-gateway style.

Every rule is checked and compiled once at start; a request then costs one dict assembly,
one protobuf parse and one call. Body, path and query are assembled in grpc-gateway's order:
the body first, then path variables (they win), then query parameters for fields still free.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl

import aiohttp
import orjson
from aiohttp import web
from google.api import httpbody_pb2
from google.protobuf import json_format
from google.protobuf.descriptor import FieldDescriptor
from google.protobuf.message import Message

from autobangumi.contract import HttpBinding, MethodInfo, methods
from autobangumi.jsonmap import from_json_dict, is_ordered_map, to_json_dict
from autobangumi.jsontypes import find_type_error
from autobangumi.rpc import ApiError, Caller
from autobangumi_bridge.compat import (
    api_error_response,
    clear_session_cookie,
    error_response,
    http_status,
    set_session_cookie,
    token_from_request,
    unauthenticated,
)
from autobangumi_bridge.guard import CLIENT_IP
from autobangumi_bridge.jsoncache import EncodedAnswer
from autobangumi_bridge.transport import Transport

__all__ = ["Route", "build_routes"]

log = logging.getLogger(__name__)

_VAR = re.compile(r"\{([a-zA-Z0-9_.]+)(?:=([^}]*))?\}")
_INT_TYPES = {
    FieldDescriptor.TYPE_INT32,
    FieldDescriptor.TYPE_INT64,
    FieldDescriptor.TYPE_UINT32,
    FieldDescriptor.TYPE_UINT64,
    FieldDescriptor.TYPE_SINT32,
    FieldDescriptor.TYPE_SINT64,
}
# Descriptors come from protobuf's C (upb) backend; its stubs type them too narrowly.
Descriptor = Any
Field = Any
SSE_PING_SECONDS = 15.0
SSE_POLL_SECONDS = 0.5
# Set on the application when it starts shutting down, so open streams end promptly.
SHUTTING_DOWN = web.AppKey("shutting_down", asyncio.Event)


def _repeated(fd: Field) -> bool:
    flag = getattr(fd, "is_repeated", None)
    return bool(flag) if flag is not None else bool(fd.label == FieldDescriptor.LABEL_REPEATED)


def _coerce(fd: Field, raw: str) -> Any:
    if fd.type == FieldDescriptor.TYPE_BOOL:
        return raw.strip().lower() in ("true", "1", "t", "yes", "on")
    return raw  # protobuf's JSON parser takes numeric strings for number fields


def _mask_paths(desc: Descriptor, body: dict[str, Any], prefix: str = "") -> list[str]:
    """grpc-gateway's PATCH feature: the body's keys say which fields to update."""
    paths: list[str] = []
    for key, value in body.items():
        fd = desc.fields_by_name.get(key)
        if fd is None:
            continue
        name = prefix + fd.name
        mt = fd.message_type
        nested = mt is not None and not mt.GetOptions().map_entry and not _repeated(fd)
        if nested and mt.full_name.startswith("autobangumi."):
            # A section sent as {} or null sets nothing in it; it never means "back to defaults".
            if isinstance(value, dict) and value:
                paths.extend(_mask_paths(mt, value, name + "."))
            elif not isinstance(value, dict) and value is not None:
                paths.append(name)  # the type check reports it
        else:
            paths.append(name)
    return paths


@dataclass(slots=True)
class Route:
    info: MethodInfo
    binding: HttpBinding
    aiohttp_path: str
    path_fields: dict[str, Field]
    query_fields: dict[str, Field]
    mask_field: str | None
    answer: EncodedAnswer = field(default_factory=EncodedAnswer)

    def build_request(self, body: Any, match: dict[str, str], query: list[tuple[str, str]]) -> Message:
        data: dict[str, Any] = {}
        b = self.binding.body
        desc: Descriptor = self.info.request_cls.DESCRIPTOR
        if b == "*":
            if body is not None:
                if not isinstance(body, dict):
                    raise _bad_body("The request body must be a JSON object.", "请求体必须是 JSON 对象。")
                data = dict(body)
        elif b:
            fd = desc.fields_by_name[b]
            if body is None:
                # Never "all defaults": that would reset a config or a rule to factory values.
                raise _BadRequest(
                    422, f"The request needs a JSON body ({b}).", f"请求缺少 JSON 请求体（{b}）。"
                )
            is_map = (
                fd.message_type is not None and fd.message_type.GetOptions().map_entry
            ) or is_ordered_map(fd)
            if _repeated(fd) and not is_map and isinstance(body, dict):
                # AutoBangumi's docs wrap id lists as {"bangumi_ids": [...]}; its UI sends the bare list.
                body = body.get(b, next((v for v in body.values() if isinstance(v, list)), []))
            if body is not None:
                data[b] = body
        for name, value in match.items():
            data[name] = value
        if b != "*":
            for key, raw in query:
                fd = self.query_fields.get(key)
                if fd is None or key in match or key == b:
                    continue
                value = _coerce(fd, raw)
                if _repeated(fd):
                    data.setdefault(key, []).append(value)
                else:
                    data[key] = value
        problem = find_type_error(desc, data)
        if problem is not None:
            raise _bad_type(problem.path, b, desc, problem.messages())
        try:
            msg = from_json_dict(data, self.info.request_cls)
        except json_format.ParseError:
            log.info("%s: a body the type check let through did not parse", self.info.name, exc_info=True)
            raise _BadRequest(
                422, "The request has a value of the wrong type.", "请求中有类型错误的值。"
            ) from None
        if self.mask_field and isinstance(data.get(b), dict):
            mask = getattr(msg, self.mask_field)
            if not mask.paths:
                mask.paths.extend(_mask_paths(desc.fields_by_name[b].message_type, data[b]))
            if not mask.paths:
                # A body that names no field sends a mask that is present but empty, which the
                # daemon refuses (after checking the caller) instead of reading "replace all".
                mask.SetInParent()
        return msg

    def encode(self, result: Message) -> bytes:
        """The answer as AutoBangumi's JSON (a bare array where the rule names a response body)."""
        payload = to_json_dict(result)
        if self.binding.response_body:
            payload = payload[self.binding.response_body]
        return orjson.dumps(payload)


class _BadRequest(Exception):
    def __init__(self, status: int, msg_en: str, msg_zh: str) -> None:
        super().__init__(msg_en)
        self.status, self.msg_en, self.msg_zh = status, msg_en, msg_zh


def _bad_body(en: str, zh: str) -> _BadRequest:
    return _BadRequest(400, en, zh)


def _bad_type(path: str, body: str, desc: Descriptor, messages: tuple[str, str]) -> _BadRequest:
    """A wrong type, named as the client sees it: inside a message body, relative to it."""
    fd = desc.fields_by_name.get(body) if body not in ("", "*") else None
    if fd is not None and fd.message_type is not None and not _repeated(fd):
        if path == body:
            en, zh = "The request body must be a JSON object.", "请求体必须是 JSON 对象。"
            return _BadRequest(422, en, zh)
        if path.startswith(body + "."):
            rel = path[len(body) + 1 :]
            en, zh = messages
            return _BadRequest(422, en.replace(path, rel, 1), zh.replace(path, rel, 1))
    return _BadRequest(422, *messages)


def _compile(info: MethodInfo, binding: HttpBinding) -> Route:
    desc = info.request_cls.DESCRIPTOR
    path_fields: dict[str, Field] = {}

    def sub(m: re.Match[str]) -> str:
        name, pattern = m.group(1), m.group(2)
        fd = desc.fields_by_name.get(name)
        if fd is None or fd.message_type is not None:
            raise ValueError(f"{info.path}: path variable {name} is not a scalar field")
        path_fields[name] = fd
        if pattern:
            regex = pattern.replace("**", ".+").replace("*", "[^/]+")
        elif fd.type in _INT_TYPES:
            regex = r"-?\d+"  # so /delete/many never reaches /delete/{id}
        else:
            regex = "[^/]+"
        return f"{{{name}:{regex}}}"

    aiohttp_path = _VAR.sub(sub, binding.path)
    if binding.verb == "GET" and binding.body:
        raise ValueError(f"{info.path}: GET cannot have a body")
    if binding.body not in ("", "*") and binding.body not in desc.fields_by_name:
        raise ValueError(f"{info.path}: body field {binding.body} does not exist")
    query_fields = {
        fd.name: fd for fd in desc.fields if fd.message_type is None and fd.name not in path_fields
    }
    mask_field = None
    # Every binding of a masked update (config/update also answers POST) derives its mask
    # from the body, so no verb can send an empty one.
    if binding.body not in ("", "*"):
        masks = [
            fd.name
            for fd in desc.fields
            if fd.message_type is not None and fd.message_type.full_name == "google.protobuf.FieldMask"
        ]
        mask_field = masks[0] if len(masks) == 1 else None
    return Route(info, binding, aiohttp_path, path_fields, query_fields, mask_field)


_FORMS = ("application/x-www-form-urlencoded", "multipart/form-data")
_WRONG_TYPE = (
    "This content type is not accepted here: send application/json.",
    "此接口不接受该内容类型，请使用 application/json。",
)
_BAD_FORM = ("The form in the request body could not be read.", "无法读取请求体中的表单。")


def _takes_form(route: Route) -> bool:
    # Logins are OAuth2-style form posts (AutoBangumi's WebUI, curl -d/-F); every other route
    # documents JSON only, so a cross-site "simple" form or text/plain post is never accepted.
    return route.info.sets_session_cookie


async def _read_form(request: web.Request) -> dict[str, str]:
    try:
        form = await request.post()
    except web.HTTPException:
        raise  # 413 and the like keep their own status
    except (ValueError, AssertionError, UnicodeDecodeError, LookupError, aiohttp.ClientPayloadError):
        raise _bad_body(*_BAD_FORM) from None
    fields: dict[str, str] = {}
    for key, value in form.items():
        if not isinstance(value, str):
            raise _bad_body("File uploads are not accepted here.", "此接口不接受文件上传。")
        fields[key] = value
    return fields


async def _read_body(request: web.Request, route: Route) -> Any:
    if not route.binding.body or not request.can_read_body:
        return None
    # No Content-Type at all is read as JSON (scripts often omit it); a declared type must be one
    # the route documents.
    declared = "Content-Type" in request.headers
    ctype = request.content_type if declared else "application/json"
    is_json = ctype == "application/json" or (ctype.startswith("application/") and ctype.endswith("+json"))
    if ctype in _FORMS and _takes_form(route):
        if ctype == "multipart/form-data":
            # Parsed from the stream: reading the raw bytes first would leave nothing to parse.
            return await _read_form(request) or None
        raw = await request.read()
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            raise _bad_body(*_BAD_FORM) from None
        return dict(parse_qsl(text, keep_blank_values=True)) or None
    raw = await request.read()
    if not raw.strip():
        return None
    if not is_json:
        raise _BadRequest(415, *_WRONG_TYPE)
    try:
        return orjson.loads(raw)
    except orjson.JSONDecodeError:
        raise _bad_body("Malformed JSON in the request body.", "请求体中的 JSON 格式错误。") from None


# Request headers a service may need (WebAuthn derives its origin from them).
FORWARDED_HEADERS = ("user-agent", "origin", "referer", "host", "x-forwarded-proto", "x-forwarded-host")


def _encodable(value: str) -> bool:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _caller(request: web.Request) -> Caller:
    headers = request.headers
    return Caller(
        client_ip=request.get(CLIENT_IP) or request.remote or "",
        token=token_from_request(request),
        # Undecodable header bytes arrive as surrogates, which gRPC metadata cannot carry.
        metadata={h: v for h in FORWARDED_HEADERS if (v := headers.get(h)) and _encodable(v)},
    )


def _json_response(route: Route, result: Message) -> web.Response:
    if isinstance(result, httpbody_pb2.HttpBody):
        ctype, _, params = result.content_type.partition(";")
        charset = "utf-8" if "charset" in params else None
        return web.Response(
            body=result.data, content_type=ctype.strip() or "application/octet-stream", charset=charset
        )
    return web.Response(body=route.answer.json(result, route.encode), content_type="application/json")


def _unary_handler(route: Route, transport: Transport) -> Callable[[web.Request], Any]:
    info = route.info

    async def handle(request: web.Request) -> web.StreamResponse:
        caller = _caller(request)
        if caller.token is None and not info.public:
            # Without any credential the answer is 401 whatever the body holds; input
            # errors are only reported to callers who may use the method.
            return api_error_response(unauthenticated())
        try:
            msg = route.build_request(
                await _read_body(request, route), dict(request.match_info), list(request.query.items())
            )
            result = await transport.unary(info, msg, caller)
        except _BadRequest as bad:
            return error_response(bad.status, bad.msg_en, bad.msg_zh)
        except ApiError as err:
            return api_error_response(err)
        response = _json_response(route, result)
        if info.sets_session_cookie:
            token = getattr(result, "access_token", "")
            if token:
                set_session_cookie(response, token)
        if info.clears_session_cookie:
            clear_session_cookie(response)
        return response

    return handle


def _stream_handler(route: Route, transport: Transport) -> Callable[[web.Request], Any]:
    info = route.info

    async def handle(request: web.Request) -> web.StreamResponse:
        caller = _caller(request)
        if caller.token is None and not info.public:
            return api_error_response(unauthenticated())
        try:
            msg = route.build_request(None, dict(request.match_info), list(request.query.items()))
        except _BadRequest as bad:
            return error_response(bad.status, bad.msg_en, bad.msg_zh)
        stream = transport.stream(info, msg, caller).__aiter__()
        try:
            # Wait for the first item so that auth and argument errors get a real status.
            first: Message | None = await stream.__anext__()
        except StopAsyncIteration:
            first = None
        except ApiError as err:
            return api_error_response(err)
        if first is None:
            # Nothing to stream (a search with no keywords): AutoBangumi answers a JSON `[]`.
            return web.Response(body=b"[]", content_type="application/json")
        resp = web.StreamResponse(
            headers={
                "Content-Type": "text/event-stream",
                "Cache-Control": "no-cache",
                "X-Accel-Buffering": "no",
            }
        )
        await resp.prepare(request)
        queue: asyncio.Queue[Message | ApiError | None] = asyncio.Queue(64)

        async def pump() -> None:
            try:
                async for item in stream:
                    await queue.put(item)
                await queue.put(None)
            except ApiError as err:
                await queue.put(err)

        task = asyncio.create_task(pump())
        try:
            await resp.write(b"data: " + orjson.dumps(to_json_dict(first)) + b"\n\n")
            idle = 0.0
            while True:
                try:
                    item = await asyncio.wait_for(queue.get(), SSE_POLL_SECONDS)
                except TimeoutError:
                    transport_ = request.transport
                    if transport_ is None or transport_.is_closing() or request.app[SHUTTING_DOWN].is_set():
                        break  # the client left, or the server is stopping
                    idle += SSE_POLL_SECONDS
                    if idle >= SSE_PING_SECONDS:
                        idle = 0.0
                        await resp.write(b": ping\n\n")  # keeps proxies from closing an idle stream
                    continue
                idle = 0.0
                if item is None:
                    break
                if isinstance(item, ApiError):
                    # The headers (200) are long gone: the HTTP status the failure would have
                    # had travels in the event, so a client can tell "log in again" (401).
                    err_body = {
                        "msg_en": item.msg_en,
                        "msg_zh": item.msg_zh,
                        "status": False,
                        "status_code": http_status(item.code),
                    }
                    await resp.write(b"event: error\ndata: " + orjson.dumps(err_body) + b"\n\n")
                    break
                await resp.write(b"data: " + orjson.dumps(to_json_dict(item)) + b"\n\n")
        except (ConnectionResetError, asyncio.CancelledError):
            pass  # the client left; the finally block cancels the upstream stream
        finally:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task
            aclose = getattr(stream, "aclose", None)
            if aclose is not None:
                with contextlib.suppress(Exception):
                    await aclose()
        return resp

    return handle


def build_routes(transport: Transport) -> list[tuple[str, str, Callable[[web.Request], Any], Route]]:
    """(method, aiohttp path, handler, route) for every binding of every contract method."""
    out = []
    for info in methods():
        for binding in info.bindings:
            route = _compile(info, binding)
            handler = (
                _stream_handler(route, transport)
                if info.server_streaming
                else _unary_handler(route, transport)
            )
            out.append((binding.verb, route.aiohttp_path, handler, route))
    return out
