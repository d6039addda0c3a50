"""AutoBangumi's rows, read from a snapshot and turned into this product's column values.

Both products use AutoBangumi 3.2's table and column names, so most values pass unchanged; what
is translated here is what AutoBangumi writes in its own way (3.2's aggregate `rss_link` with a
leading comma, naive-UTC timestamps as text, 0/1 booleans).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

__all__ = ["SourceRows", "clean_rss_link", "parse_time", "read_rows"]

# Columns of each table that this product keeps under the same name.
BANGUMI_COLUMNS = (
    "id",
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
    "suggested_season_offset",
    "suggested_episode_offset",
    "title_aliases",
    "preferred_group",
    "preferred_resolution",
)
RSS_COLUMNS = (
    "id",
    "name",
    "url",
    "aggregate",
    "parser",
    "enabled",
    "connection_status",
    "last_checked_at",
    "last_error",
)
TORRENT_COLUMNS = ("id", "bangumi_id", "rss_id", "name", "url", "homepage", "downloaded", "qb_hash")
PASSKEY_COLUMNS = (
    "id",
    "user_id",
    "name",
    "credential_id",
    "public_key",
    "sign_count",
    "aaguid",
    "transports",
    "created_at",
    "last_used_at",
    "backup_eligible",
    "backup_state",
)
BOOLEAN_COLUMNS = {
    "eps_collect",
    "added",
    "deleted",
    "archived",
    "weekday_locked",
    "needs_review",
    "aggregate",
    "enabled",
    "downloaded",
    "backup_eligible",
    "backup_state",
}
# Tables AutoBangumi 3.3 has and this product has no place for; their rows are reported.
UNCARRIED_TABLES = {
    "movie": ("movie rules", "电影规则"),
    "inboxmessage": ("inbox messages", "站内消息"),
    "rename_operation": ("pending rename operations", "待处理的重命名操作"),
    "aria2_gid": ("aria2 download records", "aria2 下载记录"),
    "llmcredential": ("LLM sign-in credentials", "LLM 登录凭据"),
}


@dataclass(slots=True)
class SourceRows:
    schema_version: int | None
    tables: set[str]
    users: list[dict[str, Any]] = field(default_factory=list)
    bangumi: list[dict[str, Any]] = field(default_factory=list)
    feeds: list[dict[str, Any]] = field(default_factory=list)
    torrents: list[dict[str, Any]] = field(default_factory=list)
    passkeys: list[dict[str, Any]] = field(default_factory=list)
    api_tokens: list[dict[str, Any]] = field(default_factory=list)
    sessions: int = 0
    episode_types: dict[int, str] = field(default_factory=dict)  # rule id -> non-"episode" type
    uncarried: dict[str, int] = field(default_factory=dict)  # table -> row count


def parse_time(value: object) -> datetime | None:
    """AutoBangumi's times: naive UTC text (`YYYY-MM-DD HH:MM:SS[.ffffff]`) or ISO with offset."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        parsed = value
    else:
        try:
            parsed = datetime.fromisoformat(str(value))
        except ValueError:
            return None
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)


def clean_rss_link(raw: str | None) -> str:
    """AutoBangumi 3.2 joins an aggregate rule's feeds onto an empty first element
    (`,http://…`); the list itself is what matters, without empty or repeated entries."""
    links: list[str] = []
    for part in (raw or "").split(","):
        link = part.strip()
        if link and link not in links:
            links.append(link)
    return ",".join(links)


def _columns(conn: sqlite3.Connection, table: str) -> set[str]:
    return {r[1] for r in conn.execute(f'PRAGMA table_info("{table}")')}


def _select(conn: sqlite3.Connection, table: str, wanted: tuple[str, ...]) -> list[dict[str, Any]]:
    present = _columns(conn, table)
    cols = [c for c in wanted if c in present]
    quoted = ", ".join(f'"{c}"' for c in cols)
    rows = conn.execute(f'SELECT {quoted} FROM "{table}" ORDER BY id').fetchall()
    out: list[dict[str, Any]] = []
    for row in rows:
        item = {c: row[c] for c in cols}
        for c in cols:
            if c in BOOLEAN_COLUMNS and item[c] is not None:
                item[c] = bool(item[c])
        out.append(item)
    return out


def read_rows(conn: sqlite3.Connection) -> SourceRows:
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    version = None
    if "schema_version" in tables:
        found = conn.execute("SELECT version FROM schema_version ORDER BY id DESC LIMIT 1").fetchone()
        version = int(found[0]) if found else None
    rows = SourceRows(schema_version=version, tables=tables)
    user_cols = _columns(conn, "user")
    extra = ", enabled" if "enabled" in user_cols else ""
    extra += ", created_at" if "created_at" in user_cols else ""
    for r in conn.execute(f'SELECT id, username, password{extra} FROM "user" ORDER BY id'):
        rows.users.append(dict(r))
    rows.bangumi = _select(conn, "bangumi", BANGUMI_COLUMNS)
    for rule in rows.bangumi:
        rule["rss_link"] = clean_rss_link(rule.get("rss_link"))
    if "episode_type" in _columns(conn, "bangumi"):
        for r in conn.execute("SELECT id, episode_type FROM bangumi"):
            if r[1] and r[1] != "episode":
                rows.episode_types[int(r[0])] = str(r[1])
    rows.feeds = _select(conn, "rssitem", RSS_COLUMNS)
    rows.torrents = _select(conn, "torrent", TORRENT_COLUMNS)
    if "passkey" in tables:
        rows.passkeys = _select(conn, "passkey", PASSKEY_COLUMNS)
    if "api_token" in tables:
        rows.api_tokens = [dict(r) for r in conn.execute("SELECT * FROM api_token ORDER BY id")]
    if "auth_session" in tables:
        rows.sessions = int(conn.execute("SELECT count(*) FROM auth_session").fetchone()[0])
    for table in UNCARRIED_TABLES:
        if table in tables:
            count = int(conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0])
            if count:
                rows.uncarried[table] = count
    return rows
