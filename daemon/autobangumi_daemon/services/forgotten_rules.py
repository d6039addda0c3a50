"""Deleted rules, remembered so an aggregate feed does not make them again.

AutoBangumi 3.2 deletes a rule together with its feed items; an aggregate feed that still
carries the show then makes the rule again at the next refresh and downloads its episodes a
second time. Deleting a rule therefore leaves a memory of it (raw title and aliases, release
group, season, feed), which `pipeline.new_rules` consults before making a rule. The user sees
the memories in the rule list and can undo one: the memory goes and the rule is made again from
the feed's items (which stay pending while no rule matches them).
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime

import orjson
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from autobangumi.v1 import bangumi_pb2, common_pb2
from autobangumi_daemon.context import AppContext
from autobangumi_daemon.core.rules import identity
from autobangumi_daemon.db.models import Bangumi, ForgottenRule, RssItem
from autobangumi_daemon.errors import not_found
from autobangumi_daemon.services.times import iso

__all__ = ["ForgottenRules", "forgotten_identities", "remember"]

log = logging.getLogger(__name__)


async def remember(s: AsyncSession, rule: Bangumi) -> None:
    """Remember a rule being deleted in `s`'s transaction (once per title, group and season)."""
    if identity(rule.title_raw, rule.group_name, rule.season) in await forgotten_identities(s):
        return
    aliases = [a for a in rule.aliases() if a != rule.title_raw]
    s.add(
        ForgottenRule(
            title_raw=rule.title_raw,
            title_aliases=orjson.dumps(aliases).decode() if aliases else None,
            group_name=rule.group_name,
            season=rule.season,
            official_title=rule.official_title,
            rss_link=rule.rss_link or "",
            forgotten_at=datetime.now(UTC),
        )
    )


def _titles(row: ForgottenRule) -> list[str]:
    """The raw title and the aliases; a damaged alias list reads as none."""
    titles = [row.title_raw]
    try:
        extra = orjson.loads(row.title_aliases) if row.title_aliases else []
    except orjson.JSONDecodeError:
        extra = []
    if isinstance(extra, list):
        titles += [t for t in extra if isinstance(t, str) and t.strip()]
    return titles


async def forgotten_identities(s: AsyncSession) -> set[tuple[str, str, int]]:
    """`core.rules.identity` of every remembered rule (every raw title of it): what new rules
    must not be made from."""
    rows = (await s.scalars(select(ForgottenRule))).all()
    return {identity(t, r.group_name, r.season) for r in rows for t in _titles(r)}


def _message(row: ForgottenRule) -> bangumi_pb2.ForgottenRule:
    m = bangumi_pb2.ForgottenRule(
        id=row.id,
        title_raw=row.title_raw,
        season=row.season,
        official_title=row.official_title,
        rss_link=row.rss_link,
        forgotten_at=iso(row.forgotten_at) or "",
    )
    if row.group_name is not None:
        m.group_name = row.group_name
    return m


def _msg(en: str, zh: str) -> common_pb2.ApiMessage:
    return common_pb2.ApiMessage(msg_en=en, msg_zh=zh, status=True)


class ForgottenRules:
    """The bodies of BangumiService's forgotten-rule RPCs."""

    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx

    async def list(self) -> bangumi_pb2.ListForgottenRulesResponse:
        async with self.ctx.db() as s:
            rows = (await s.scalars(select(ForgottenRule).order_by(ForgottenRule.id.desc()))).all()
        return bangumi_pb2.ListForgottenRulesResponse(rules=[_message(r) for r in rows])

    async def _drop(self, forgotten_id: int) -> ForgottenRule:
        async with self.ctx.db.begin() as s:
            row = await s.get(ForgottenRule, forgotten_id)
            if row is None:
                raise not_found(
                    f"No deleted rule {forgotten_id} is remembered.",
                    f"没有记录 ID 为 {forgotten_id} 的已删除规则。",
                )
            await s.delete(row)
        return row

    async def restore(self, forgotten_id: int) -> common_pb2.ApiMessage:
        row = await self._drop(forgotten_id)
        links = [u.strip() for u in row.rss_link.split(",") if u.strip()]
        feeds: list[int] = []
        if links:
            q = select(RssItem.id).where(RssItem.url.in_(links), RssItem.aggregate.is_(True))
            async with self.ctx.db() as s:
                feeds = list((await s.scalars(q)).all())
        if feeds:
            # The feed's items that called for the rule are still pending: a refresh makes it.
            self.ctx.pipeline.start_refresh(feeds)
        title = row.official_title or row.title_raw
        log.info("Restored deleted rule %s (%s, season %d)", title, row.group_name, row.season)
        return _msg(
            f"{title} will be made again from its feed.",
            f"{title} 将从订阅源重新生成规则。",
        )

    async def delete(self, forgotten_id: int) -> common_pb2.ApiMessage:
        row = await self._drop(forgotten_id)
        title = row.official_title or row.title_raw
        return _msg(
            f"Forgot the deletion of {title}; its feed may make it again at the next refresh.",
            f"已忘记 {title} 的删除记录，订阅源下次刷新时可能重新生成该规则。",
        )
