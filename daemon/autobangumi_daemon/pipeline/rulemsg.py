"""Rules between their three forms, written once: a draft (core.rules.RuleDraft, what a feed
or a search proposes), a row of the `bangumi` table, and the contract's `Bangumi` message."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import Any

import orjson

from autobangumi.v1 import bangumi_pb2
from autobangumi_daemon.core.rules import RuleDraft
from autobangumi_daemon.core.savepath import rule_save_path
from autobangumi_daemon.db.models import Bangumi

__all__ = ["EDITABLE", "apply_message", "draft_to_message", "rule_from_draft", "rule_from_message"]

# A draft's fields are named as the table's columns; its `aliases` list is `title_aliases`.
_DRAFT_COLUMNS = tuple(f.name for f in dataclasses.fields(RuleDraft) if f.name != "aliases")

# A new rule's columns before its draft or message fills them.
_NEW_RULE: dict[str, Any] = {
    "official_title": "official_title",
    "title_raw": "title_raw",
    "season": 1,
    "eps_collect": False,
    "episode_offset": 0,
    "season_offset": 0,
    "filter": "",
    "rss_link": "",
    "added": False,
    "deleted": False,
    "archived": False,
    "weekday_locked": False,
    "needs_review": False,
    "allow_duplicates": False,
}

# Fields a client may write (`BangumiUpdate`: everything but the id and the suggested_* pair,
# which only the offset scanner sets).
EDITABLE = (
    "official_title",
    "year",
    "title_raw",
    "season",
    "season_raw",
    "group_name",
    "dpi",
    "source",
    "subtitle",
    "eps_collect",
    "episode_offset",
    "season_offset",
    "filter",
    "rss_link",
    "poster_link",
    "added",
    "rule_name",
    "save_path",
    "deleted",
    "archived",
    "air_weekday",
    "weekday_locked",
    "needs_review",
    "needs_review_reason",
    "title_aliases",
    "preferred_group",
    "preferred_resolution",
    "preferred_subtitle",
    "allow_duplicates",
    "downloader",
    "preferred_codec",
    "preferred_source",
    "delay_minutes",
    "preference_order",
    "rename_template",
)
_FIELDS = bangumi_pb2.Bangumi.DESCRIPTOR.fields_by_name


def _value(msg: bangumi_pb2.Bangumi, name: str) -> object:
    fd = _FIELDS[name]
    if fd.has_presence and not msg.HasField(name):
        return None
    return getattr(msg, name)


def apply_message(rule: Bangumi, msg: bangumi_pb2.Bangumi, paths: Sequence[str] = ()) -> list[str]:
    """Copy the named fields (all editable ones when `paths` is empty); returns what changed."""
    names = [p.split(".")[-1] for p in paths] if paths else list(EDITABLE)
    changed = []
    for name in names:
        if name not in EDITABLE:
            continue
        value = _value(msg, name)
        if name in ("official_title", "title_raw") and not str(value or "").strip():
            continue  # never blank the match key or the folder name
        if name == "title_aliases" and value is not None:
            value = _clean_aliases(str(value))
        if getattr(rule, name) != value:
            setattr(rule, name, value)
            changed.append(name)
    return changed


def _clean_aliases(value: str) -> str | None:
    """Accept a JSON list or a comma-separated string; store a JSON list (AutoBangumi's form)."""
    v = value.strip()
    if not v:
        return None
    try:
        parsed = orjson.loads(v)
    except orjson.JSONDecodeError:
        parsed = [p.strip() for p in v.split(",")]
    if not isinstance(parsed, list):
        parsed = [str(parsed)]
    items = [str(p).strip() for p in parsed if str(p).strip()]
    return orjson.dumps(items).decode() if items else None


def draft_columns(d: RuleDraft) -> dict[str, Any]:
    """The columns a draft fills, as the table stores them."""
    values: dict[str, Any] = {name: getattr(d, name) for name in _DRAFT_COLUMNS}
    values["title_aliases"] = orjson.dumps(d.aliases).decode() if d.aliases else None
    return values


def rule_from_draft(d: RuleDraft, base_path: str) -> Bangumi:
    """A new rule row from a draft, with its folder under the downloader's base path."""
    rule = Bangumi(**{**_NEW_RULE, **draft_columns(d), "added": True})
    rule.save_path = rule_save_path(base_path, rule)
    return rule


def rule_from_message(msg: bangumi_pb2.Bangumi) -> Bangumi:
    rule = Bangumi(**_NEW_RULE)
    apply_message(rule, msg)
    if rule.season < 1:
        rule.season = 1
    return rule


def draft_to_message(d: RuleDraft) -> bangumi_pb2.Bangumi:
    return bangumi_pb2.Bangumi(**{k: v for k, v in draft_columns(d).items() if v is not None})
