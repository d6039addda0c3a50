"""Protobuf messages to and from AutoBangumi's JSON.

The canonical protobuf JSON mapping differs from AutoBangumi's wire format in three ways
that matter to its WebUI: unset optionals must be `null` (not missing), 64-bit integers are
JSON numbers (not strings), and field names are the proto names. A fourth is this project's:
a repeated field marked `ordered_map` is one JSON object whose keys keep their order (a
protobuf map iterates in an order that changes from one process to the next). This module writes that
format directly from the descriptors, with one precompiled plan per message type, so a
response costs one pass over the fields that are set (`ListFields` runs in C).

Reading uses protobuf's own `json_format` (it validates types), after dropping `null`s
that protobuf would reject and unknown keys that AutoBangumi also ignores.
"""

from __future__ import annotations

import base64
from collections.abc import Callable
from typing import Any

from google.protobuf import json_format
from google.protobuf.descriptor import FieldDescriptor
from google.protobuf.message import Message

from autobangumi.v1 import options_pb2

__all__ = ["from_json_dict", "is_ordered_map", "to_json_dict"]

_WKT_JSON = {
    "google.protobuf.Struct",
    "google.protobuf.Value",
    "google.protobuf.ListValue",
    "google.protobuf.Timestamp",
    "google.protobuf.Duration",
    "google.protobuf.FieldMask",
}

_STRUCTS = {"google.protobuf.Struct", "google.protobuf.Value", "google.protobuf.ListValue"}

_Conv = Callable[[Any], Any]
# Descriptors come from protobuf's C (upb) backend; its stubs type them too narrowly to be useful.
Descriptor = Any
Field = Any


class _Plan:
    __slots__ = ("convs", "defaults")

    def __init__(self, defaults: dict[str, Any], convs: dict[str, _Conv]) -> None:
        self.defaults = defaults
        self.convs = convs


_PLANS: dict[str, _Plan] = {}
OMIT: Any = options_pb2.omit_when_unset
ORDERED_MAP: Any = options_pb2.ordered_map


def _ident(v: Any) -> Any:
    return v


def _scalar_conv(fd: Field) -> _Conv | None:
    if fd.type == FieldDescriptor.TYPE_BYTES:
        return lambda v: base64.b64encode(v).decode()
    if fd.type == FieldDescriptor.TYPE_ENUM:
        enum = fd.enum_type

        def conv(v: int) -> Any:
            ev = enum.values_by_number.get(v)
            return ev.name if ev is not None else v

        return conv
    return None


def _list_of(conv: _Conv) -> _Conv:
    return lambda v: [conv(x) for x in v]


def _value_conv(fd: Field) -> _Conv | None:
    if fd.type == FieldDescriptor.TYPE_MESSAGE:
        return to_json_dict
    return _scalar_conv(fd)


def _is_repeated(fd: Field) -> bool:
    # protobuf 7 dropped `label`; 5.x has no `is_repeated`. Both are supported runtimes.
    flag = getattr(fd, "is_repeated", None)
    if flag is not None:
        return bool(flag)
    return bool(fd.label == FieldDescriptor.LABEL_REPEATED)


def _is_map(fd: Field) -> bool:
    mt = fd.message_type
    return mt is not None and mt.GetOptions().map_entry


def is_ordered_map(fd: Field) -> bool:
    """A repeated (key, value) message field written as one ordered JSON object."""
    return bool(fd.message_type is not None and _is_repeated(fd) and fd.GetOptions().Extensions[ORDERED_MAP])


def _entry_fields(fd: Field) -> tuple[Field, Field]:
    mt = fd.message_type
    return mt.fields_by_number[1], mt.fields_by_number[2]


def _ordered_map_conv(fd: Field) -> _Conv:
    key_fd, val_fd = _entry_fields(fd)
    key_name, val_name = key_fd.name, val_fd.name
    val_conv = _value_conv(val_fd) or _ident

    def conv(v: Any) -> Any:
        return {str(getattr(e, key_name)): val_conv(getattr(e, val_name)) for e in v}

    return conv


def _plan(desc: Descriptor) -> _Plan:
    plan = _PLANS.get(desc.full_name)
    if plan is not None:
        return plan
    defaults: dict[str, Any] = {}
    convs: dict[str, _Conv] = {}
    for fd in desc.fields:
        name = fd.name
        repeated = _is_repeated(fd)
        if is_ordered_map(fd):
            defaults[name] = {}
            convs[name] = _ordered_map_conv(fd)
            continue
        if _is_map(fd):
            key_fd = fd.message_type.fields_by_name["key"]
            val_conv = _value_conv(fd.message_type.fields_by_name["value"]) or _ident
            key_is_str = key_fd.type == FieldDescriptor.TYPE_STRING

            def map_conv(v: Any, _vc: _Conv = val_conv, _ks: bool = key_is_str) -> Any:
                return {(k if _ks else str(k)): _vc(x) for k, x in v.items()}

            defaults[name] = {}
            convs[name] = map_conv
            continue
        inner = _value_conv(fd)
        if repeated:
            defaults[name] = []
            if inner is not None:
                convs[name] = _list_of(inner)
            else:
                convs[name] = list
            continue
        if fd.has_presence:
            if fd.GetOptions().Extensions[OMIT]:
                pass  # left out when unset
            else:
                defaults[name] = None
        elif fd.type == FieldDescriptor.TYPE_ENUM:
            defaults[name] = fd.enum_type.values[0].name
        elif fd.type == FieldDescriptor.TYPE_BYTES:
            defaults[name] = ""
        else:
            defaults[name] = fd.default_value
        if inner is not None:
            convs[name] = inner
    plan = _Plan(defaults, convs)
    _PLANS[desc.full_name] = plan
    return plan


def _whole_numbers(value: Any) -> Any:
    """Struct keeps every number as a double; write 60000.0 as 60000, as a JSON API would."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)
    if isinstance(value, dict):
        return {k: _whole_numbers(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_whole_numbers(v) for v in value]
    return value


def to_json_dict(msg: Message) -> Any:
    """AutoBangumi-style JSON value of a message (dict, or a WKT's natural JSON)."""
    desc = msg.DESCRIPTOR
    if desc.full_name in _WKT_JSON:
        value = json_format.MessageToDict(msg, preserving_proto_field_name=True)
        return _whole_numbers(value) if desc.full_name in _STRUCTS else value
    plan = _plan(desc)
    out = dict(plan.defaults)
    convs = plan.convs
    for fd, value in msg.ListFields():
        conv = convs.get(fd.name)
        out[fd.name] = conv(value) if conv is not None else value
    return out


def _strip_nulls(desc: Descriptor, data: Any) -> Any:
    """Drop `null`s (protobuf reads them only for WKTs) and keys the message does not have."""
    if not isinstance(data, dict):
        return data
    out: dict[str, Any] = {}
    for key, value in data.items():
        fd = desc.fields_by_name.get(key) or desc.fields_by_camelcase_name.get(key)
        if fd is None or value is None:
            continue
        if is_ordered_map(fd) and isinstance(value, dict):
            key_fd, val_fd = _entry_fields(fd)
            value = [{key_fd.name: k, val_fd.name: v} for k, v in value.items()]
        elif fd.message_type is not None and fd.message_type.full_name not in _WKT_JSON and not _is_map(fd):
            if _is_repeated(fd) and isinstance(value, list):
                value = [_strip_nulls(fd.message_type, v) for v in value]
            else:
                value = _strip_nulls(fd.message_type, value)
        out[key] = value
    return out


def from_json_dict(data: Any, cls: type[Message]) -> Message:
    """Parse AutoBangumi-style JSON into a message; raises json_format.ParseError on bad types."""
    msg = cls()
    json_format.ParseDict(_strip_nulls(cls.DESCRIPTOR, data), msg, ignore_unknown_fields=True)
    return msg
