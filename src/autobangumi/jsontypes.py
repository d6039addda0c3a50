"""Which field of a JSON body has the wrong type, said in words (English and Chinese).

protobuf's JSON parser reports a bad value with its own English text ("Failed to parse
rss_time field: invalid literal for int() with base 10: 'abc'") and lets some through (a
string where an object belongs reads as an empty message). This walks the body against the
message descriptor first, with the same leniency as that parser (numbers in strings, `null`
for "unset", unknown keys ignored), and names the first field at fault by its JSON path.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from google.protobuf.descriptor import FieldDescriptor

from autobangumi.jsonmap import is_ordered_map

__all__ = ["TypeProblem", "find_type_error"]

# Descriptors come from protobuf's C (upb) backend; its stubs type them too narrowly.
Descriptor = Any
Field = Any

_INT_RANGES: dict[int, tuple[int, int]] = {
    FieldDescriptor.TYPE_INT32: (-(2**31), 2**31 - 1),
    FieldDescriptor.TYPE_SINT32: (-(2**31), 2**31 - 1),
    FieldDescriptor.TYPE_SFIXED32: (-(2**31), 2**31 - 1),
    FieldDescriptor.TYPE_UINT32: (0, 2**32 - 1),
    FieldDescriptor.TYPE_FIXED32: (0, 2**32 - 1),
    FieldDescriptor.TYPE_INT64: (-(2**63), 2**63 - 1),
    FieldDescriptor.TYPE_SINT64: (-(2**63), 2**63 - 1),
    FieldDescriptor.TYPE_SFIXED64: (-(2**63), 2**63 - 1),
    FieldDescriptor.TYPE_UINT64: (0, 2**64 - 1),
    FieldDescriptor.TYPE_FIXED64: (0, 2**64 - 1),
}
_FLOATS = {FieldDescriptor.TYPE_FLOAT, FieldDescriptor.TYPE_DOUBLE}
_STRINGS = {FieldDescriptor.TYPE_STRING, FieldDescriptor.TYPE_BYTES}
_WRAPPERS = {
    "google.protobuf.Int32Value": FieldDescriptor.TYPE_INT32,
    "google.protobuf.Int64Value": FieldDescriptor.TYPE_INT64,
    "google.protobuf.UInt32Value": FieldDescriptor.TYPE_UINT32,
    "google.protobuf.UInt64Value": FieldDescriptor.TYPE_UINT64,
    "google.protobuf.FloatValue": FieldDescriptor.TYPE_FLOAT,
    "google.protobuf.DoubleValue": FieldDescriptor.TYPE_DOUBLE,
    "google.protobuf.BoolValue": FieldDescriptor.TYPE_BOOL,
    "google.protobuf.StringValue": FieldDescriptor.TYPE_STRING,
    "google.protobuf.BytesValue": FieldDescriptor.TYPE_BYTES,
}
_AS_STRING = {"google.protobuf.Timestamp", "google.protobuf.Duration", "google.protobuf.FieldMask"}


@dataclass(frozen=True, slots=True)
class TypeProblem:
    path: str  # "program.rss_time", "rss_ids[2]", "" for the body itself
    expected_en: str
    expected_zh: str

    def messages(self, what_en: str = "the request body", what_zh: str = "请求体") -> tuple[str, str]:
        if not self.path:
            return (
                f"Invalid {what_en}: expected {self.expected_en}.",
                f"{what_zh}无效：应为{self.expected_zh}。",
            )
        return (
            f"Invalid value for {self.path}: expected {self.expected_en}.",
            f"{self.path} 的值无效：应为{self.expected_zh}。",
        )


def _join(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name


def _repeated(fd: Field) -> bool:
    flag = getattr(fd, "is_repeated", None)
    return bool(flag) if flag is not None else bool(fd.label == FieldDescriptor.LABEL_REPEATED)


def _is_map(fd: Field) -> bool:
    mt = fd.message_type
    return mt is not None and bool(mt.GetOptions().map_entry)


def _scalar(ftype: int, value: Any, path: str) -> TypeProblem | None:
    if ftype in _INT_RANGES:
        low, high = _INT_RANGES[ftype]
        number: int | None = None
        if isinstance(value, bool):
            number = None
        elif isinstance(value, int):
            number = value
        elif isinstance(value, float) and value.is_integer():
            number = int(value)
        elif isinstance(value, str):
            try:
                number = int(value.strip())
            except ValueError:
                try:
                    as_float = float(value.strip())
                except ValueError:
                    number = None
                else:
                    number = int(as_float) if as_float.is_integer() else None
        if number is None:
            return TypeProblem(path, "a whole number", "整数")
        if not low <= number <= high:
            return TypeProblem(path, f"a whole number from {low} to {high}", f"{low} 到 {high} 之间的整数")
        return None
    if ftype in _FLOATS:
        if isinstance(value, bool):
            return TypeProblem(path, "a number", "数字")
        if isinstance(value, int | float):
            return None
        if isinstance(value, str):
            try:
                float(value.strip())
            except ValueError:
                return TypeProblem(path, "a number", "数字")
            return None
        return TypeProblem(path, "a number", "数字")
    if ftype == FieldDescriptor.TYPE_BOOL:
        if isinstance(value, bool):
            return None
        return TypeProblem(path, "true or false", "布尔值（true 或 false）")
    if ftype in _STRINGS:
        if isinstance(value, str):
            return None
        return TypeProblem(path, "a string", "字符串")
    if ftype == FieldDescriptor.TYPE_ENUM:
        if isinstance(value, str) or (isinstance(value, int) and not isinstance(value, bool)):
            return None
        return TypeProblem(path, "one of the allowed names", "允许的取值之一")
    return None


def _value(fd: Field, value: Any, path: str) -> TypeProblem | None:
    """One (non-repeated) value of field `fd`."""
    mt = fd.message_type
    if mt is None:
        return _scalar(fd.type, value, path)
    name = mt.full_name
    if name in _WRAPPERS:
        return None if value is None else _scalar(_WRAPPERS[name], value, path)
    if name in _AS_STRING:
        return None if isinstance(value, str) else TypeProblem(path, "a string", "字符串")
    if name == "google.protobuf.Value":
        return None
    if name == "google.protobuf.ListValue":
        return None if isinstance(value, list) else TypeProblem(path, "a list", "列表")
    if not isinstance(value, dict):
        return TypeProblem(path, "an object", "对象")
    if name == "google.protobuf.Struct":
        return None
    return find_type_error(mt, value, path)


def _field(fd: Field, value: Any, path: str) -> TypeProblem | None:
    if is_ordered_map(fd) or _is_map(fd):
        if not isinstance(value, dict):
            return TypeProblem(path, "an object", "对象")
        entry = fd.message_type
        val_fd = entry.fields_by_number[2]
        for key, item in value.items():
            if item is None and not is_ordered_map(fd):
                continue
            problem = _value(val_fd, item, _join(path, str(key)))
            if problem is not None:
                return problem
        return None
    if _repeated(fd):
        if not isinstance(value, list):
            return TypeProblem(path, "a list", "列表")
        for i, item in enumerate(value):
            if item is None:
                return TypeProblem(f"{path}[{i}]", "a value, not null", "非 null 的值")
            problem = _value(fd, item, f"{path}[{i}]")
            if problem is not None:
                return problem
        return None
    return _value(fd, value, path)


def find_type_error(desc: Descriptor, data: Any, path: str = "") -> TypeProblem | None:
    """The first value of `data` that message `desc` cannot hold, or None when all fit."""
    if not isinstance(data, dict):
        return TypeProblem(path, "an object", "对象")
    for key, value in data.items():
        if value is None:
            continue  # null means "unset", as the JSON reader treats it
        fd = desc.fields_by_name.get(key) or desc.fields_by_camelcase_name.get(key)
        if fd is None:
            continue
        problem = _field(fd, value, _join(path, fd.name))
        if problem is not None:
            return problem
    return None
