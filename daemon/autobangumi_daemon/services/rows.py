"""Database rows to contract messages: same names, None left unset (written as null)."""

from __future__ import annotations

from typing import Any, TypeVar

from google.protobuf.message import Message

from autobangumi.v1 import bangumi_pb2, rss_pb2
from autobangumi_daemon.db import models

__all__ = ["bangumi_to_message", "row_to_message", "rss_to_message", "torrent_to_message"]

M = TypeVar("M", bound=Message)
_FIELDS: dict[tuple[type[Any], str], tuple[tuple[str, str], ...]] = {}


def row_to_message(row: Any, cls: type[M], renames: dict[str, str] | None = None) -> M:
    key = (type(row), cls.DESCRIPTOR.full_name)
    pairs = _FIELDS.get(key)
    if pairs is None:
        names = set(cls.DESCRIPTOR.fields_by_name)
        renames = renames or {}
        cols = [c.key for c in row.__mapper__.column_attrs]
        pairs = tuple((c, renames.get(c, c)) for c in cols if renames.get(c, c) in names)
        _FIELDS[key] = pairs
    values = {f: v for c, f in pairs if (v := getattr(row, c)) is not None}
    return cls(**values)


def bangumi_to_message(row: models.Bangumi) -> bangumi_pb2.Bangumi:
    return row_to_message(row, bangumi_pb2.Bangumi)


def rss_to_message(row: models.RssItem) -> rss_pb2.RssItem:
    return row_to_message(row, rss_pb2.RssItem)


def torrent_to_message(row: models.Torrent) -> rss_pb2.Torrent:
    return row_to_message(row, rss_pb2.Torrent, {"bangumi_id": "refer_id"})
