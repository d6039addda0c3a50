"""An OpenAPI 3.1 description of /api/v1, made from the same descriptors the routes are.

Schemas follow the JSON the bridge really writes (autobangumi.jsonmap): proto field names,
64-bit integers as JSON numbers, unset fields with presence as `null`, enums by name, Struct
as an object; `response_body` bindings answer with that field alone; google.api.HttpBody is
a raw body; server-streaming methods are server-sent events of their message.
"""

from __future__ import annotations

import functools
import re
from typing import Any

import orjson
from google.protobuf.descriptor import FieldDescriptor

from autobangumi import __version__
from autobangumi.contract import HttpBinding, MethodInfo, methods
from autobangumi.jsonmap import is_ordered_map
from autobangumi.v1 import options_pb2

__all__ = ["Schemas", "openapi_document", "openapi_json", "schema_name"]

# Descriptors come from protobuf's C (upb) backend; its stubs type them too narrowly.
Descriptor = Any
Field = Any
Schema = dict[str, Any]

PACKAGE = "autobangumi.v1."
_VAR = re.compile(r"\{([a-zA-Z0-9_.]+)(?:=[^}]*)?\}")
_WKT: dict[str, Schema] = {
    "google.protobuf.Struct": {"type": "object", "additionalProperties": True},
    "google.protobuf.Value": {},
    "google.protobuf.ListValue": {"type": "array", "items": {}},
    "google.protobuf.Timestamp": {"type": "string", "format": "date-time"},
    "google.protobuf.Duration": {"type": "string", "pattern": "^-?[0-9]+(\\.[0-9]+)?s$"},
    "google.protobuf.FieldMask": {"type": "string"},
}
_INT32 = {FieldDescriptor.TYPE_INT32, FieldDescriptor.TYPE_SINT32, FieldDescriptor.TYPE_SFIXED32}
_UINT32 = {FieldDescriptor.TYPE_UINT32, FieldDescriptor.TYPE_FIXED32}
_INT64 = {
    FieldDescriptor.TYPE_INT64,
    FieldDescriptor.TYPE_SINT64,
    FieldDescriptor.TYPE_SFIXED64,
    FieldDescriptor.TYPE_UINT64,
    FieldDescriptor.TYPE_FIXED64,
}
_ERROR = {
    "type": "object",
    "description": "AutoBangumi's error body, in English and Chinese.",
    "properties": {
        "msg_en": {"type": "string"},
        "msg_zh": {"type": "string"},
        "status": {"type": "boolean", "const": False},
    },
    "required": ["msg_en", "msg_zh", "status"],
}


def _repeated(fd: Field) -> bool:
    flag = getattr(fd, "is_repeated", None)
    return bool(flag) if flag is not None else bool(fd.label == FieldDescriptor.LABEL_REPEATED)


def _is_map(fd: Field) -> bool:
    mt = fd.message_type
    return mt is not None and bool(mt.GetOptions().map_entry)


def schema_name(full_name: str) -> str:
    if full_name.startswith(PACKAGE):
        return full_name[len(PACKAGE) :].replace(".", "_")
    return full_name.replace(".", "_")


class Schemas:
    """components.schemas (or any other home of named schemas, such as a JSON Schema's
    `$defs`), filled as messages and enums are referenced."""

    def __init__(self, ref_prefix: str = "#/components/schemas/") -> None:
        self.components: dict[str, Schema] = {}
        self.ref_prefix = ref_prefix

    def ref(self, desc: Descriptor) -> Schema:
        full = desc.full_name
        if full in _WKT:
            return dict(_WKT[full])
        name = schema_name(full)
        if name not in self.components:
            self.components[name] = {}  # placeholder: recursive messages end here
            self.components[name] = self._message(desc)
        return {"$ref": self.ref_prefix + name}

    def enum_ref(self, enum: Any) -> Schema:
        if enum.full_name == "google.protobuf.NullValue":
            return {"type": "null"}
        name = schema_name(enum.full_name)
        if name not in self.components:
            self.components[name] = {"type": "string", "enum": [v.name for v in enum.values]}
        return {"$ref": self.ref_prefix + name}

    def value(self, fd: Field) -> Schema:
        if fd.message_type is not None:
            return self.ref(fd.message_type)
        if fd.enum_type is not None:
            return self.enum_ref(fd.enum_type)
        t = fd.type
        if t == FieldDescriptor.TYPE_BOOL:
            return {"type": "boolean"}
        if t in _INT32:
            return {"type": "integer", "format": "int32"}
        if t in _UINT32:
            return {"type": "integer", "format": "uint32", "minimum": 0}
        if t in _INT64:
            # Written as JSON numbers, as AutoBangumi does (not protobuf's strings).
            return {"type": "integer", "format": "int64"}
        if t in (FieldDescriptor.TYPE_DOUBLE, FieldDescriptor.TYPE_FLOAT):
            return {"type": "number"}
        if t == FieldDescriptor.TYPE_BYTES:
            return {"type": "string", "contentEncoding": "base64"}
        return {"type": "string"}

    def field(self, fd: Field) -> tuple[Schema, bool]:
        """(schema, always written) of one field as the bridge writes it."""
        if _is_map(fd):
            inner = self.value(fd.message_type.fields_by_name["value"])
            return {"type": "object", "additionalProperties": inner}, True
        if is_ordered_map(fd):
            # Written as one JSON object, entry key -> entry value, in the entries' order.
            inner = self.value(fd.message_type.fields_by_number[2])
            return {"type": "object", "additionalProperties": inner}, True
        if _repeated(fd):
            return {"type": "array", "items": self.value(fd)}, True
        base = self.value(fd)
        if fd.has_presence:
            if fd.GetOptions().Extensions[options_pb2.omit_when_unset]:
                return base, False
            return ({"anyOf": [base, {"type": "null"}]} if base else base), True
        return base, True

    def _message(self, desc: Descriptor) -> Schema:
        props: dict[str, Schema] = {}
        required: list[str] = []
        for fd in desc.fields:
            schema, always = self.field(fd)
            props[fd.name] = schema
            if always:
                required.append(fd.name)
        out: Schema = {"type": "object", "properties": props}
        if required:
            out["required"] = required
        return out


def _security(info: MethodInfo) -> list[dict[str, list[str]]]:
    return [] if info.public else [{"cookie": []}, {"bearer": []}]


def _operation(info: MethodInfo, binding: HttpBinding, schemas: Schemas, op_id: str) -> Schema:
    req: Descriptor = info.request_cls.DESCRIPTOR
    resp: Descriptor = info.response_cls.DESCRIPTOR
    service = info.service.removeprefix(PACKAGE)
    path_params = [m.group(1) for m in _VAR.finditer(binding.path)]
    params: list[Schema] = []
    for name in path_params:
        params.append(
            {"name": name, "in": "path", "required": True, "schema": schemas.value(req.fields_by_name[name])}
        )
    if binding.body != "*":
        for fd in req.fields:
            if fd.name in path_params or fd.name == binding.body or fd.message_type is not None:
                continue
            schema = schemas.field(fd)[0]
            params.append({"name": fd.name, "in": "query", "required": False, "schema": schema})
    op: Schema = {
        "operationId": op_id,
        "tags": [service],
        "summary": f"{service}.{info.name}",
        "responses": {},
        "security": _security(info),
    }
    if params:
        op["parameters"] = params
    if binding.body == "*":
        op["requestBody"] = {"required": True, "content": {"application/json": {"schema": schemas.ref(req)}}}
    elif binding.body:
        body_schema = schemas.field(req.fields_by_name[binding.body])[0]
        op["requestBody"] = {"required": True, "content": {"application/json": {"schema": body_schema}}}
    if resp.full_name == "google.api.HttpBody":
        ok: Schema = {
            "description": "The raw body (its own content type).",
            "content": {
                "*/*": {"schema": {"type": "string", "contentMediaType": "application/octet-stream"}}
            },
        }
    elif info.server_streaming:
        ok = {
            "description": (
                "Server-sent events: one `data:` line per message, JSON as below; an empty JSON "
                "array when there is nothing to stream (a search with no keywords)."
            ),
            # OpenAPI 3.1 cannot type the events themselves; the extension names each one's schema.
            "content": {
                "text/event-stream": {"schema": {"type": "string"}},
                "application/json": {"schema": {"type": "array", "maxItems": 0}},
            },
            "x-event-schema": schemas.ref(resp),
        }
    else:
        if binding.response_body:
            out_schema = schemas.field(resp.fields_by_name[binding.response_body])[0]
        else:
            out_schema = schemas.ref(resp)
        ok = {"description": "OK", "content": {"application/json": {"schema": out_schema}}}
    op["responses"]["200"] = ok
    op["responses"]["default"] = {
        "description": "An error, in both languages.",
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ApiError"}}},
    }
    return op


@functools.cache
def openapi_document() -> dict[str, Any]:
    schemas = Schemas()
    paths: dict[str, dict[str, Schema]] = {}
    for info in methods():
        for n, binding in enumerate(info.bindings):
            path = _VAR.sub(lambda m: "{" + m.group(1) + "}", binding.path)
            op_id = f"{info.service.removeprefix(PACKAGE)}_{info.name}" + (f"_{n + 1}" if n else "")
            paths.setdefault(path, {})[binding.verb.lower()] = _operation(info, binding, schemas, op_id)
    schemas.components["ApiError"] = _ERROR
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "AutoBangumi API",
            "version": __version__,
            "description": "AutoBangumi 3.2's /api/v1 and this daemon's own additions, generated "
            "from the protobuf contract (proto/autobangumi/v1).",
        },
        "paths": dict(sorted(paths.items())),
        "components": {
            "schemas": dict(sorted(schemas.components.items())),
            "securitySchemes": {
                "cookie": {"type": "apiKey", "in": "cookie", "name": "token"},
                "bearer": {"type": "http", "scheme": "bearer"},
            },
        },
    }


@functools.cache
def openapi_json() -> bytes:
    return orjson.dumps(openapi_document(), option=orjson.OPT_INDENT_2)
