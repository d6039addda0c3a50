"""Rules between the contract's `Bangumi` message and the `bangumi` table."""

from __future__ import annotations

from collections.abc import Sequence

import orjson

from autobangumi.v1 import bangumi_pb2
from autobangumi_daemon.core.rules import RuleDraft
from autobangumi_daemon.db.models import Bangumi

__all__ = ["EDITABLE", "apply_message", "draft_to_message", "rule_from_message"]

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


def rule_from_message(msg: bangumi_pb2.Bangumi) -> Bangumi:
    rule = Bangumi(
        official_title="official_title",
        title_raw="title_raw",
        season=1,
        eps_collect=False,
        episode_offset=0,
        season_offset=0,
        filter="",
        rss_link="",
        added=False,
        deleted=False,
        archived=False,
        weekday_locked=False,
        needs_review=False,
        allow_duplicates=False,
    )
    apply_message(rule, msg)
    if rule.season < 1:
        rule.season = 1
    return rule


def draft_to_message(d: RuleDraft) -> bangumi_pb2.Bangumi:
    msg = bangumi_pb2.Bangumi(
        official_title=d.official_title,
        title_raw=d.title_raw,
        season=d.season,
        eps_collect=d.eps_collect,
        filter=d.filter,
        rss_link=d.rss_link,
    )
    for name in ("year", "season_raw", "group_name", "dpi", "source", "subtitle", "poster_link"):
        value = getattr(d, name)
        if value is not None:
            setattr(msg, name, value)
    if d.aliases:
        msg.title_aliases = orjson.dumps(d.aliases).decode()
    return msg
