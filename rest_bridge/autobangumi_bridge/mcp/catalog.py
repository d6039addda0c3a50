"""The MCP tools and resources, read from the contract like the REST routes are.

A method marked `(autobangumi.v1.mcp_tool)` becomes a tool named after it in snake_case; its
proto comment is the description, the JSON Schema of its request message (as the bridge reads
JSON, autobangumi.jsonmap) is the input, and that of its response (as the bridge writes it) is
the output. A method marked `(autobangumi.v1.mcp_resource) = "<name>"` backs the resource
`autobangumi://<name>`. The comments come from the descriptor set `make proto` writes with
source info (contract.binpb), because the generated Python modules do not keep them.
"""

from __future__ import annotations

import copy
import functools
import re
from dataclasses import dataclass
from importlib import resources
from typing import Any

from google.protobuf import descriptor_pb2

from autobangumi.contract import MethodInfo, methods
from autobangumi.v1 import options_pb2
from autobangumi_bridge.openapi import Schemas, schema_name

__all__ = [
    "Comments",
    "ResourceSpec",
    "ToolSpec",
    "comments",
    "resource_specs",
    "tool_name",
    "tool_specs",
]

Schema = dict[str, Any]
_MCP_TOOL: Any = options_pb2.mcp_tool
_MCP_RESOURCE: Any = options_pb2.mcp_resource
_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")
RESOURCE_SCHEME = "autobangumi://"

# FileDescriptorProto field numbers used in SourceCodeInfo paths.
_MESSAGE_TYPE, _SERVICE, _NESTED, _FIELD, _METHOD = 4, 6, 3, 2, 2


@dataclass(frozen=True, slots=True)
class Comments:
    methods: dict[str, str]  # "/pkg.Service/Method" -> comment
    messages: dict[str, str]  # message full name -> comment
    fields: dict[tuple[str, str], str]  # (message full name, field name) -> comment


def _clean(text: str) -> str:
    lines = [line.strip() for line in text.strip().splitlines()]
    return " ".join(line for line in lines if line)


@functools.cache
def comments() -> Comments:
    raw = resources.files("autobangumi.v1").joinpath("contract.binpb").read_bytes()
    fds = descriptor_pb2.FileDescriptorSet.FromString(raw)
    out = Comments({}, {}, {})
    for f in fds.file:
        docs = {tuple(loc.path): _clean(loc.leading_comments) for loc in f.source_code_info.location}
        for si, svc in enumerate(f.service):
            for mi, m in enumerate(svc.method):
                text = docs.get((_SERVICE, si, _METHOD, mi), "")
                if text:
                    out.methods[f"/{f.package}.{svc.name}/{m.name}"] = text

        def walk(msgs: Any, prefix: str, path: tuple[int, ...], docs: dict[tuple[int, ...], str]) -> None:
            for i, msg in enumerate(msgs):
                full = f"{prefix}.{msg.name}"
                here = (*path, i)
                if text := docs.get(here, ""):
                    out.messages[full] = text
                for j, fd in enumerate(msg.field):
                    if text := docs.get((*here, _FIELD, j), ""):
                        out.fields[(full, fd.name)] = text
                walk(msg.nested_type, full, (*here, _NESTED), docs)

        walk(f.message_type, f.package, (_MESSAGE_TYPE,), docs)
    return out


def tool_name(info: MethodInfo) -> str:
    return _CAMEL.sub("_", info.name).lower()


def _is_tool(info: MethodInfo) -> bool:
    opts: Any = info.descriptor.GetOptions()
    return bool(opts.Extensions[_MCP_TOOL])


def _resource_name(info: MethodInfo) -> str:
    opts: Any = info.descriptor.GetOptions()
    return str(opts.Extensions[_MCP_RESOURCE])


def _describe_fields(defs: dict[str, Schema], docs: Comments) -> None:
    """Put the proto field comments into the schemas, so the assistant reads them too."""
    by_schema_name: dict[str, str] = {}
    for full, _field in docs.fields:
        by_schema_name[schema_name(full)] = full
    for name, schema in defs.items():
        found = by_schema_name.get(name)
        if found is None:
            continue
        full = found
        for field, prop in schema.get("properties", {}).items():
            text = docs.fields.get((full, field))
            if text:
                prop["description"] = text


def _drop_required(schema: Any) -> Any:
    """Inputs: every field may be left out (protobuf's default then applies)."""
    if isinstance(schema, dict):
        # A schema's "required" is a list; a property that happens to be named so is a schema.
        return {
            k: _drop_required(v) for k, v in schema.items() if not (k == "required" and isinstance(v, list))
        }
    if isinstance(schema, list):
        return [_drop_required(v) for v in schema]
    return schema


def _root(desc: Any, for_input: bool) -> Schema:
    """A self-contained JSON Schema of one message: the message at the root, named types in $defs."""
    schemas = Schemas(ref_prefix="#/$defs/")
    ref = schemas.ref(desc)
    defs = copy.deepcopy(schemas.components)
    _describe_fields(defs, comments())
    if "$ref" not in ref:
        root: Schema = dict(ref)  # a well-known type: its natural JSON
    else:
        root = copy.deepcopy(defs[ref["$ref"].removeprefix("#/$defs/")])
    if not root.get("properties") and not for_input:
        root.setdefault("properties", {})
    if defs:
        root["$defs"] = defs
    root["type"] = "object"
    return _drop_required(root) if for_input else root


def _stream_output(desc: Any) -> Schema:
    item = _root(desc, for_input=False)
    defs = item.pop("$defs", {})
    out: Schema = {
        "type": "object",
        "properties": {
            "results": {"type": "array", "items": item},
            "truncated": {
                "type": "boolean",
                "description": "True when more results were left out (the count or time bound was reached).",
            },
        },
        "required": ["results", "truncated"],
    }
    if defs:
        out["$defs"] = defs
    return out


def _with_tool_names(text: str, names: dict[str, str]) -> str:
    """Comments name other RPCs (SubscribeRss); an assistant knows them as tools (subscribe_rss)."""
    if not names:
        return text
    pattern = re.compile(
        r"\b(" + "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)) + r")\b"
    )
    return pattern.sub(lambda m: names[m.group(1)], text)


@dataclass(frozen=True, slots=True)
class ToolSpec:
    name: str
    description: str
    info: MethodInfo
    input_schema: Schema
    output_schema: Schema


@dataclass(frozen=True, slots=True)
class ResourceSpec:
    name: str
    uri: str
    description: str
    info: MethodInfo
    mime_type: str


@functools.cache
def tool_specs() -> tuple[ToolSpec, ...]:
    docs = comments()
    marked = [info for info in methods() if _is_tool(info)]
    names = {info.name: tool_name(info) for info in marked}
    out: list[ToolSpec] = []
    seen: set[str] = set()
    for info in marked:
        name = names[info.name]
        if name in seen:
            raise ValueError(f"{info.path}: a second MCP tool named {name}")
        seen.add(name)
        desc: Any = info.request_cls.DESCRIPTOR
        resp: Any = info.response_cls.DESCRIPTOR
        output = _stream_output(resp) if info.server_streaming else _root(resp, for_input=False)
        out.append(
            ToolSpec(
                name=name,
                description=_with_tool_names(docs.methods.get(info.path, ""), names),
                info=info,
                input_schema=_root(desc, for_input=True),
                output_schema=output,
            )
        )
    return tuple(out)


@functools.cache
def resource_specs() -> tuple[ResourceSpec, ...]:
    docs = comments()
    tools = {spec.info.name: spec.name for spec in tool_specs()}
    out: list[ResourceSpec] = []
    for info in methods():
        name = _resource_name(info)
        if not name:
            continue
        raw = info.response_cls.DESCRIPTOR.full_name == "google.api.HttpBody"
        out.append(
            ResourceSpec(
                name=name,
                uri=RESOURCE_SCHEME + name,
                description=_with_tool_names(docs.methods.get(info.path, ""), tools),
                info=info,
                mime_type="text/plain" if raw else "application/json",
            )
        )
    return tuple(out)
