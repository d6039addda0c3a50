"""Database rows to contract messages: same names, None left unset (written as null)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, TypeVar

from google.protobuf.message import Message

from autobangumi.v1 import bangumi_pb2, rss_pb2
from autobangumi_daemon.db import models

__all__ = [
    "bangumi_to_message",
    "message_columns",
    "row_to_message",
    "rss_to_message",
    "torrent_to_message",
    "tuples_to_messages",
]

M = TypeVar("M", bound=Message)
_FIELDS: dict[tuple[type[Any], str], tuple[tuple[str, str], ...]] = {}


def message_columns(
    model: type[Any], cls: type[Message], renames: dict[str, str] | None = None
) -> tuple[tuple[str, str], ...]:
    """(column attribute, message field) for each of a model's columns the message has."""
    key = (model, cls.DESCRIPTOR.full_name)
    pairs = _FIELDS.get(key)
    if pairs is None:
        names = set(cls.DESCRIPTOR.fields_by_name)
        renames = renames or {}
        cols = [c.key for c in model.__mapper__.column_attrs]
        pairs = tuple((c, renames.get(c, c)) for c in cols if renames.get(c, c) in names)
        _FIELDS[key] = pairs
    return pairs


def row_to_message(row: Any, cls: type[M], renames: dict[str, str] | None = None) -> M:
    pairs = message_columns(type(row), cls, renames)
    values = {f: v for c, f in pairs if (v := getattr(row, c)) is not None}
    return cls(**values)


def tuples_to_messages(rows: Iterable[Sequence[Any]], fields: Sequence[str], cls: type[M]) -> list[M]:
    """Messages from plain result tuples (one value per field, in `fields`' order): a list of
    every rule reads thousands of rows, and skipping the ORM's objects halves its cost."""
    return [cls(**{f: v for f, v in zip(fields, row, strict=True) if v is not None}) for row in rows]


def bangumi_to_message(row: models.Bangumi) -> bangumi_pb2.Bangumi:
    return row_to_message(row, bangumi_pb2.Bangumi)


def rss_to_message(row: models.RssItem) -> rss_pb2.RssItem:
    return row_to_message(row, rss_pb2.RssItem)


def torrent_to_message(row: models.Torrent) -> rss_pb2.Torrent:
    return row_to_message(row, rss_pb2.Torrent, {"bangumi_id": "refer_id"})
