"""Writing AutoBangumi's rows into this product's database, keyed by their ids.

Rows keep their AutoBangumi ids (the WebUI's links and a rule's torrents refer to them), and a
second import of the same install finds every row already there: the AutoBangumi columns are
set again to the same values and this product's own columns (a torrent's status once the
pipeline has moved it on) are left as they are, so running it twice gives the same state.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from autobangumi_daemon.core import savepath
from autobangumi_daemon.core.preference import episode_key
from autobangumi_daemon.core.states import ItemState
from autobangumi_daemon.core.title_parser import parse_title
from autobangumi_daemon.db.models import ApiToken, Bangumi, Base, Passkey, RssItem, Torrent, User
from autobangumi_daemon.errors import invalid
from autobangumi_daemon.importer.records import SourceRows, parse_time
from autobangumi_daemon.importer.report import ImportReport

__all__ = ["UNUSABLE_PASSWORD", "check_target_empty", "write_rows"]

# Stored in place of a hash this product cannot check: bcrypt rejects it, so no password
# matches it until `autobangumi user set-password` gives the account a new one.
UNUSABLE_PASSWORD = "!unusable"
_BCRYPT_PREFIXES = ("$2a$", "$2b$", "$2y$")


def is_bcrypt(hashed: str) -> bool:
    return hashed.startswith(_BCRYPT_PREFIXES) and len(hashed) == 60


async def check_target_empty(db: async_sessionmaker[AsyncSession], imported_before: bool) -> None:
    """Refuse to mix an install into a database that already holds this product's own data
    (an import of the same install again is fine: its rows are matched by id)."""
    if imported_before:
        return
    async with db() as s:
        for model, en, zh in (
            (User, "an account", "账户"),
            (Bangumi, "rules", "规则"),
            (RssItem, "feeds", "订阅源"),
            (Torrent, "torrent records", "种子记录"),
        ):
            if await s.scalar(select(func.count()).select_from(model)):
                raise invalid(
                    f"The target database already holds {en} of its own; import into an empty data folder.",
                    f"目标数据库中已有自己的{zh}；请导入到空的数据目录。",
                )


async def _upsert(
    s: AsyncSession, model: type[Base], values: dict[str, Any], new_only: dict[str, Any]
) -> None:
    row = await s.get(model, values["id"])
    if row is None:
        s.add(model(**values, **new_only))
        return
    for key, value in values.items():
        setattr(row, key, value)


async def write_rows(
    db: async_sessionmaker[AsyncSession],
    rows: SourceRows,
    report: ImportReport,
    fallback_time: datetime,
    base_path: str,
) -> None:
    """`base_path`: the downloader's save folder, from which the pipeline derives save paths."""
    async with db.begin() as s:
        user_ids = await _users(s, rows, report, fallback_time)
        feed_ids = await _feeds(s, rows, report)
        rule_ids = {int(r["id"]) for r in rows.bangumi}
        for rule in rows.bangumi:
            await _upsert(s, Bangumi, dict(rule), {})
        report.count("rules", len(rows.bangumi), "rules", "规则")
        disabled = sum(1 for r in rows.bangumi if r.get("deleted"))
        if disabled:
            report.count("rules_disabled", disabled, "of them disabled", "其中已停用")
        for rule_id, kind in sorted(rows.episode_types.items()):
            report.note(
                f"rule {rule_id}: episode type {kind!r} has no equivalent here; it is followed as episodes.",
                f"规则 {rule_id}：剧集类型 {kind!r} 在此没有对应，按普通剧集处理。",
            )
        await _torrents(s, rows, report, feed_ids, rule_ids, base_path)
        await _passkeys(s, rows, report, user_ids)
        await _tokens(s, rows, report, user_ids)
        await s.flush()


async def _users(s: AsyncSession, rows: SourceRows, report: ImportReport, fallback: datetime) -> set[int]:
    if not rows.users:
        report.note(
            "AutoBangumi had no account: create one with the setup wizard or "
            "`autobangumi user set-password`.",
            "AutoBangumi 中没有账户：请通过设置向导或 `autobangumi user set-password` 创建。",
        )
        return set()
    user, *others = rows.users
    for extra in others:
        report.note(
            f"account {extra['username']!r}: this product has one account; "
            f"only {user['username']!r} is carried.",
            f"账户 {extra['username']!r}：本产品只有一个账户，仅导入 {user['username']!r}。",
        )
    hashed = str(user["password"] or "")
    if is_bcrypt(hashed):
        report.account_usable = True
    else:
        scheme = hashed.split("$")[1] if hashed.startswith("$") and "$" in hashed[1:] else "unknown"
        hashed = UNUSABLE_PASSWORD
        report.note(
            f"account {user['username']!r}: its password hash (scheme {scheme!r}) cannot be checked here; "
            f"set a new password: autobangumi user set-password --username {user['username']}",
            f"账户 {user['username']!r}：无法校验其密码哈希（{scheme!r}）；"
            f"请设置新密码：autobangumi user set-password --username {user['username']}",
        )
    if user.get("enabled") is not None and not user["enabled"]:
        report.note(
            f"account {user['username']!r} was disabled in AutoBangumi; here it can log in.",
            f"账户 {user['username']!r} 在 AutoBangumi 中已停用；在此可以登录。",
        )
    values = {"id": int(user["id"]), "username": str(user["username"]), "password": hashed}
    created = parse_time(user.get("created_at")) or fallback
    await _upsert(s, User, values, {"created_at": created})
    report.count("account", 1, "account", "账户")
    return {int(user["id"])}


async def _feeds(s: AsyncSession, rows: SourceRows, report: ImportReport) -> dict[int, int]:
    """Feeds by id; a URL AutoBangumi stored twice is kept once (here a URL is unique) and the
    duplicate's torrents point at the kept row."""
    by_url: dict[str, int] = {}
    ids: dict[int, int] = {}
    for feed in rows.feeds:
        kept = by_url.get(feed["url"])
        if kept is not None:
            ids[int(feed["id"])] = kept
            report.note(
                f"feed {feed['id']}: same URL as feed {kept}; merged into it.",
                f"订阅源 {feed['id']}：与订阅源 {kept} 的 URL 相同，已合并。",
            )
            continue
        by_url[feed["url"]] = ids[int(feed["id"])] = int(feed["id"])
        await _upsert(s, RssItem, dict(feed), {})
    report.count("feeds", len(by_url), "feeds", "订阅源")
    return ids


def _episode_slot(name: str, rule: dict[str, Any], base_path: str) -> dict[str, Any]:
    """Where the pipeline files a downloaded episode (its save path and `S01E05` key), so
    another release of an episode AutoBangumi already downloaded counts as a duplicate."""
    parsed = parse_title(name)
    if parsed is None:
        return {}
    season = savepath.season_folder_number(int(rule["season"]), int(rule["season_offset"]))
    key = episode_key(season, parsed.episode)
    if key is None:
        return {}
    path = savepath.save_path(
        base_path,
        str(rule["official_title"]),
        rule.get("year"),
        int(rule["season"]),
        int(rule["season_offset"]),
    )
    return {"save_path": path, "episode_key": key}


async def _torrents(
    s: AsyncSession,
    rows: SourceRows,
    report: ImportReport,
    feed_ids: dict[int, int],
    rule_ids: set[int],
    base_path: str,
) -> None:
    rules = {int(r["id"]): r for r in rows.bangumi}
    for t in rows.torrents:
        values = dict(t)
        if values.get("rss_id") is not None:
            values["rss_id"] = feed_ids.get(int(values["rss_id"]))
        if values.get("bangumi_id") is not None and int(values["bangumi_id"]) not in rule_ids:
            values["bangumi_id"] = None
        # AutoBangumi never looks at a stored item again, downloaded or not (3.2 stores a
        # subscribed feed's items as not downloaded although it sent them to the downloader):
        # they are final here too, so nothing it had is downloaded twice.
        status = ItemState.DOWNLOADED if values["downloaded"] else ItemState.SEEN
        new_only: dict[str, Any] = {"status": status}
        rule = rules.get(values["bangumi_id"]) if values.get("bangumi_id") is not None else None
        if values["downloaded"] and rule is not None:
            new_only.update(_episode_slot(str(values["name"]), rule, base_path))
        await _upsert(s, Torrent, values, new_only)
    report.count("torrents", len(rows.torrents), "torrent records", "种子记录")


async def _passkeys(s: AsyncSession, rows: SourceRows, report: ImportReport, user_ids: set[int]) -> None:
    carried = 0
    for p in rows.passkeys:
        if int(p["user_id"]) not in user_ids:
            report.note(
                f"passkey {p['name']!r}: its account was not carried.",
                f"通行密钥 {p['name']!r}：其账户未导入。",
            )
            continue
        values = dict(p)
        values["created_at"] = parse_time(p["created_at"])
        values["last_used_at"] = parse_time(p.get("last_used_at"))
        await _upsert(s, Passkey, values, {})
        carried += 1
    report.count("passkeys", carried, "passkeys", "通行密钥")
    if carried:
        report.note(
            "passkeys work when this product is opened at the same address they were registered on.",
            "通行密钥需通过注册时的同一地址访问本产品才能使用。",
        )


async def _tokens(s: AsyncSession, rows: SourceRows, report: ImportReport, user_ids: set[int]) -> None:
    carried = 0
    for t in rows.api_tokens:
        name = str(t["name"])
        if str(t.get("scope") or "api") != "api":
            report.note(
                f"API token {name!r}: scope {t['scope']!r} has no equivalent here "
                "(a token here reaches the whole API); create a new one if needed.",
                f"API 令牌 {name!r}：范围 {t['scope']!r} 在此没有对应"
                "（此处令牌可访问全部 API）；如需要请新建。",
            )
            continue
        if t.get("expires_at") and t.get("revoked_at") is None:
            report.note(
                f"API token {name!r}: it expires, and tokens here do not; "
                f"create a new one: autobangumi token create --name {name}",
                f"API 令牌 {name!r}：它有到期时间，而此处的令牌不会到期；"
                f"请新建：autobangumi token create --name {name}",
            )
            continue
        # Both products keep the lower-case hex SHA-256 of the token: the same token works.
        values = {
            "id": int(t["id"]),
            "name": name,
            "token_hash": str(t["token_hash"]).lower(),
            "created_at": parse_time(t["created_at"]),
            "last_used_at": parse_time(t.get("last_used_at")),
            "revoked_at": parse_time(t.get("revoked_at")),
        }
        await _upsert(s, ApiToken, values, {})
        carried += 1
    if "api_token" in rows.tables:
        report.count("api_tokens", carried, "API tokens", "API 令牌")
    if rows.sessions:
        report.note(
            f"{rows.sessions} login sessions: AutoBangumi's session cookies are not valid here; "
            "log in again (same password).",
            f"{rows.sessions} 个登录会话：AutoBangumi 的会话 Cookie 在此无效；请重新登录（密码不变）。",
        )
    elif "auth_session" not in rows.tables:
        report.note(
            "login sessions: AutoBangumi 3.2 keeps none (signed cookies); log in again (same password).",
            "登录会话：AutoBangumi 3.2 不保存会话（签名 Cookie）；请重新登录（密码不变）。",
        )
