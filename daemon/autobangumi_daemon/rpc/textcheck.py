"""Requests whose text holds a NUL character are refused before any service sees them.

A NUL means nothing in a title, a name, a path or a password (bcrypt stops reading at it),
PostgreSQL cannot store it in a text column, and file systems end a name at it: refusing it
once, here, keeps every store and every transport alike.
"""

from __future__ import annotations

from google.protobuf.message import Message

from autobangumi_daemon.errors import invalid

__all__ = ["refuse_nul"]


def _nul_in(value: object, name: str) -> str | None:
    """The dotted name under `name` of the first text holding a NUL, or None. Decided by the
    value's type, so it reads singular, repeated and map fields alike on every protobuf runtime."""
    if isinstance(value, str):
        return name if "\0" in value else None
    if isinstance(value, Message):
        for field, inner in value.ListFields():
            if found := _nul_in(inner, f"{name}.{field.name}" if name else field.name):
                return found
        return None
    items = getattr(value, "items", None)
    if callable(items):  # a map: keys are text or numbers, values any type
        for key, inner in items():
            if isinstance(key, str) and "\0" in key:
                return name
            if found := _nul_in(inner, f"{name}.{key}"):
                return found
        return None
    if isinstance(value, (bytes, int, float, bool)):
        return None
    for inner in value:  # type: ignore[attr-defined]  # a repeated field
        if found := _nul_in(inner, name):
            return found
    return None


def refuse_nul(request: Message) -> None:
    """Raise INVALID_ARGUMENT naming the field when a string in `request` holds a NUL."""
    name = _nul_in(request, "")
    if name is not None:
        raise invalid(
            f"The field “{name}” contains a NUL character, which no text may hold.",
            f"字段“{name}”包含 NUL 字符，文本中不允许出现。",
        )
