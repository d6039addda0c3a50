"""Write the web page's TypeScript view of the contract: web/src/api/generated/contract.ts.

The types follow the JSON the bridge writes (src/autobangumi/jsonmap.py), not protobuf's
canonical JSON: proto field names, 64-bit integers as numbers, unset fields with presence as
`null` (or left out when marked omit_when_unset), enums by name, Struct as a JSON object and
google.api.HttpBody as a raw body. The route table comes from the google.api.http rules
(src/autobangumi/contract.py), so the page calls exactly the paths the bridge routes.

    python tools/gen_web_types.py            # writes web/src/api/generated/contract.ts
    python tools/gen_web_types.py --out DIR  # writes DIR/contract.ts (the staleness test)
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from google.protobuf.descriptor import FieldDescriptor  # noqa: E402

from autobangumi.contract import methods  # noqa: E402
from autobangumi.jsonmap import is_ordered_map  # noqa: E402
from autobangumi.v1 import options_pb2  # noqa: E402

OUT_DIR = ROOT / "web" / "src" / "api" / "generated"
PACKAGE = "autobangumi.v1"
COMMAND = "make web-types (python tools/gen_web_types.py)"

# Descriptors come from protobuf's C (upb) backend; its stubs type them too narrowly.
Descriptor = Any
Field = Any

# Well-known types the bridge writes in their natural JSON (jsonmap._WKT_JSON) and the raw body.
WKT_TS = {
    "google.protobuf.Struct": "JsonObject",
    "google.protobuf.Value": "JsonValue",
    "google.protobuf.ListValue": "JsonValue[]",
    "google.protobuf.Timestamp": "string",  # RFC 3339
    "google.protobuf.Duration": "string",  # "1.5s"
    "google.protobuf.FieldMask": "string",  # "a,b.c"
    "google.api.HttpBody": "Blob",
}
WKT_ENUM_TS = {"google.protobuf.NullValue": "null"}

_NUMBERS = {
    FieldDescriptor.TYPE_DOUBLE,
    FieldDescriptor.TYPE_FLOAT,
    FieldDescriptor.TYPE_INT32,
    FieldDescriptor.TYPE_INT64,
    FieldDescriptor.TYPE_UINT32,
    FieldDescriptor.TYPE_UINT64,
    FieldDescriptor.TYPE_SINT32,
    FieldDescriptor.TYPE_SINT64,
    FieldDescriptor.TYPE_FIXED32,
    FieldDescriptor.TYPE_FIXED64,
    FieldDescriptor.TYPE_SFIXED32,
    FieldDescriptor.TYPE_SFIXED64,
}
_VAR = re.compile(r"\{([a-zA-Z0-9_.]+)(?:=[^}]*)?\}")


def _repeated(fd: Field) -> bool:
    flag = getattr(fd, "is_repeated", None)
    return bool(flag) if flag is not None else bool(fd.label == FieldDescriptor.LABEL_REPEATED)


def _is_map(fd: Field) -> bool:
    mt = fd.message_type
    return mt is not None and bool(mt.GetOptions().map_entry)


def ts_name(full_name: str) -> str:
    """autobangumi.v1.Outer.Inner -> Outer_Inner; other packages keep theirs (google_protobuf_Empty)."""
    if full_name.startswith(PACKAGE + "."):
        return full_name[len(PACKAGE) + 1 :].replace(".", "_")
    return full_name.replace(".", "_")


class Collector:
    """Every message and enum the routes reach, in a stable order (first reached, depth first)."""

    def __init__(self) -> None:
        self.messages: dict[str, Descriptor] = {}
        self.enums: dict[str, Any] = {}

    def message(self, desc: Descriptor) -> None:
        name = desc.full_name
        if name in WKT_TS or name in self.messages or desc.GetOptions().map_entry:
            return
        self.messages[name] = desc
        for fd in desc.fields:
            self.field(fd)

    def field(self, fd: Field) -> None:
        if _is_map(fd):
            self.field(fd.message_type.fields_by_name["value"])
        elif fd.message_type is not None:
            self.message(fd.message_type)
        elif fd.enum_type is not None and fd.enum_type.full_name not in WKT_ENUM_TS:
            self.enums.setdefault(fd.enum_type.full_name, fd.enum_type)


def value_type(fd: Field) -> str:
    """The TS type of one value of the field (an element, for repeated fields)."""
    if fd.message_type is not None:
        full = fd.message_type.full_name
        return WKT_TS.get(full) or ts_name(full)
    if fd.enum_type is not None:
        full = fd.enum_type.full_name
        return WKT_ENUM_TS.get(full) or ts_name(full)
    if fd.type == FieldDescriptor.TYPE_BOOL:
        return "boolean"
    if fd.type in _NUMBERS:
        return "number"
    return "string"  # string, and bytes as base64


def _array(t: str) -> str:
    return f"({t})[]" if "|" in t else f"{t}[]"


def field_type(fd: Field) -> tuple[str, bool]:
    """(TS type, optional key) of a field as the bridge writes it."""
    if is_ordered_map(fd):
        # Written as one JSON object whose keys keep the saved order (see jsonmap).
        return f"Record<string, {value_type(fd.message_type.fields_by_number[2])}>", False
    if _is_map(fd):
        return f"Record<string, {value_type(fd.message_type.fields_by_name['value'])}>", False
    if _repeated(fd):
        return _array(value_type(fd)), False
    base = value_type(fd)
    if fd.has_presence:
        if fd.GetOptions().Extensions[options_pb2.omit_when_unset]:
            return base, True
        return ("JsonValue" if base == "JsonValue" else f"{base} | null"), False
    return base, False


def _ts_key(name: str) -> str:
    return name if re.fullmatch(r"[A-Za-z_$][A-Za-z0-9_$]*", name) else f'"{name}"'


def _str(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def emit_enum(enum: Any) -> list[str]:
    name = ts_name(enum.full_name)
    values = [v.name for v in enum.values]
    lines = [f"export type {name} =", *(f"  | {_str(v)}" for v in values)]
    lines[-1] += ";"
    lines.append(f"export const {name}Values: readonly {name}[] = [{', '.join(_str(v) for v in values)}];")
    return lines


def emit_message(desc: Descriptor) -> list[str]:
    name = ts_name(desc.full_name)
    if not desc.fields:
        return [f"export type {name} = Record<string, never>;"]
    lines = [f"export interface {name} {{"]
    for fd in desc.fields:
        t, optional = field_type(fd)
        lines.append(f"  {_ts_key(fd.name)}{'?' if optional else ''}: {t};")
    lines.append("}")
    return lines


PRELUDE = """\
/* eslint-disable */
// Generated from proto/autobangumi/v1 by tools/gen_web_types.py. Do not edit by hand.
// Regenerate with: {command}

/** Any JSON value (google.protobuf.Value). */
export type JsonValue = null | boolean | number | string | JsonValue[] | {{ [key: string]: JsonValue }};
/** A JSON object (google.protobuf.Struct). */
export type JsonObject = {{ [key: string]: JsonValue }};

/**
 * What a request may carry: the bridge fills protobuf defaults for every field left out or
 * null, except the path parameters `P`, which the URL needs.
 */
export type Input<T, P extends keyof T = never> = {{ [K in Exclude<keyof T, P>]?: T[K] | null }} & {{
  [K in P]: T[K];
}};

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

export interface HttpBinding {{
  readonly http_method: HttpMethod;
  /** The path with `{{param}}` placeholders for the request's path fields. */
  readonly path: string;
  /** "*" (the whole request is the JSON body), a field whose value is the body, or null (none). */
  readonly body: string | null;
  /** The response field written as the whole body (a bare array, say), or null (the message). */
  readonly response_body: string | null;
}}

export interface Route extends HttpBinding {{
  readonly service: string;
  readonly method: string;
  readonly path_params: readonly string[];
  readonly request_type: string;
  readonly response_type: string;
  /** Served as server-sent events: one `data:` line per response message. */
  readonly server_streaming: boolean;
  /** Callable without a session (login, setup, status, posters). */
  readonly public: boolean;
  /** The response is a raw body (google.api.HttpBody), not JSON. */
  readonly raw_response: boolean;
  /** Further paths the same method answers on (AutoBangumi's aliases). */
  readonly additional_bindings: readonly HttpBinding[];
}}
"""


def _binding_fields(b: Any) -> list[str]:
    return [
        f"http_method: {_str(b.verb)}",
        f"path: {_str(_VAR.sub(lambda m: '{' + m.group(1) + '}', b.path))}",
        f"body: {_str(b.body) if b.body else 'null'}",
        f"response_body: {_str(b.response_body) if b.response_body else 'null'}",
    ]


def _response_ts(info: Any, response_body: str) -> str:
    desc = info.response_cls.DESCRIPTOR
    if desc.full_name in WKT_TS:
        return WKT_TS[desc.full_name]
    if response_body:
        return field_type(desc.fields_by_name[response_body])[0]
    return ts_name(desc.full_name)


def render() -> str:
    infos = [i for i in methods() if i.bindings]
    col = Collector()
    for info in infos:
        col.message(info.request_cls.DESCRIPTOR)
        col.message(info.response_cls.DESCRIPTOR)

    out: list[str] = [PRELUDE.format(command=COMMAND)]
    out.append("// Enums: written by name.")
    out.append("")
    for full in sorted(col.enums):
        out.extend(emit_enum(col.enums[full]))
        out.append("")
    out.append("// Messages: the JSON the bridge writes for each.")
    out.append("")
    for full in sorted(col.messages, key=lambda n: (not n.startswith(PACKAGE + "."), ts_name(n))):
        out.extend(emit_message(col.messages[full]))
        out.append("")

    out.append("/** Every RPC by `Service.Method`, with its HTTP binding(s). */")
    out.append("export const ROUTES = {")
    method_types: list[str] = []
    for info in infos:
        svc = info.service.rsplit(".", 1)[1]
        key = f"{svc}.{info.name}"
        first, *rest = info.bindings
        params = [m.group(1) for m in _VAR.finditer(first.path)]
        req = info.request_cls.DESCRIPTOR.full_name
        resp = info.response_cls.DESCRIPTOR.full_name
        fields = [
            f"service: {_str(svc)}",
            f"method: {_str(info.name)}",
            *_binding_fields(first),
            f"path_params: [{', '.join(_str(p) for p in params)}]",
            f"request_type: {_str(WKT_TS.get(req) or ts_name(req))}",
            f"response_type: {_str(WKT_TS.get(resp) or ts_name(resp))}",
            f"server_streaming: {'true' if info.server_streaming else 'false'}",
            f"public: {'true' if info.public else 'false'}",
            f"raw_response: {'true' if resp == 'google.api.HttpBody' else 'false'}",
        ]
        out.append(f"  {_str(key)}: {{")
        out.extend(f"    {f}," for f in fields)
        if rest:
            out.append("    additional_bindings: [")
            out.extend(f"      {{ {', '.join(_binding_fields(b))} }}," for b in rest)
            out.append("    ],")
        else:
            out.append("    additional_bindings: [],")
        out.append("  },")
        req_ts = ts_name(req) if req not in WKT_TS else WKT_TS[req]
        param_union = " | ".join(_str(p) for p in params)
        request = f"Input<{req_ts}, {param_union}>" if params else f"Input<{req_ts}>"
        method_types.extend(
            [
                f"  {_str(key)}: {{",
                f"    request: {request};",
                f"    response: {_response_ts(info, first.response_body)};",
                f"    server_streaming: {'true' if info.server_streaming else 'false'};",
                "  };",
            ]
        )
    out.append("} as const satisfies Record<string, Route>;")
    out.append("")
    out.append("/** Request and response types by `Service.Method`, for a typed `call<K>()`. */")
    out.append("export interface Methods {")
    out.extend(method_types)
    out.append("}")
    out.append("")
    out.append("export type MethodKey = keyof Methods;")
    out.append('export type RequestOf<K extends MethodKey> = Methods[K]["request"];')
    out.append('export type ResponseOf<K extends MethodKey> = Methods[K]["response"];')
    out.append("")
    return "\n".join(out)


def write(out_dir: Path, files: Iterable[tuple[str, str]]) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    for name, text in files:
        (out_dir / name).write_text(text, encoding="utf-8", newline="\n")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, default=OUT_DIR, help="folder for contract.ts")
    args = ap.parse_args(argv)
    write(args.out, [("contract.ts", render())])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
