"""FeedItemService: a feed's items with the decision on each, and acting on one item."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import UTC, datetime

from sqlalchemy import func, select, update

from autobangumi.rpc import Caller
from autobangumi.v1 import bangumi_pb2, common_pb2, feed_item_pb2
from autobangumi_daemon.adapters.downloaders.base import (
    BadTorrent,
    Capabilities,
    parse_torrent,
)
from autobangumi_daemon.adapters.feeds import info_hash_of
from autobangumi_daemon.adapters.http import MAX_TORRENT_BYTES, Fetcher, FetchError
from autobangumi_daemon.context import AppContext
from autobangumi_daemon.core import savepath
from autobangumi_daemon.core.closest_rule import ClosestIndex
from autobangumi_daemon.core.decisions import STATUSES, Closest, Decision, ItemFacts, ReasonKind, describe
from autobangumi_daemon.core.matching import TitleIndex, excluding_term, groups_related
from autobangumi_daemon.core.preference import episode_key
from autobangumi_daemon.core.rules import draft_from_parse
from autobangumi_daemon.core.savepath import rule_save_path
from autobangumi_daemon.core.states import ItemReason, ItemState
from autobangumi_daemon.db.models import Bangumi, RssItem, Torrent
from autobangumi_daemon.errors import failed, invalid, not_found
from autobangumi_daemon.pipeline import FeedPipeline
from autobangumi_daemon.pipeline.downloads import CATEGORY, MAX_ATTEMPTS
from autobangumi_daemon.services.rows import bangumi_to_message
from autobangumi_daemon.services.times import iso

__all__ = ["FeedItemService"]

log = logging.getLogger(__name__)

DEFAULT_LIMIT = 100
MAX_LIMIT = 500


def _no_item(item_id: int) -> Exception:
    return not_found(f"There is no feed item {item_id}.", f"不存在编号为 {item_id} 的订阅条目。")


def _seasons(rule: Bangumi) -> tuple[int, int]:
    return (rule.season, rule.season + rule.season_offset)


class _Near:
    """The closest-rule index of one listing, built only when an unmatched item asks for it."""

    def __init__(self, rules: Iterable[Bangumi]) -> None:
        self._rules = [r for r in rules if not r.deleted]
        self._index: ClosestIndex[Bangumi] | None = None

    def closest(self, name: str, stated_season: int | None) -> Closest | None:
        if self._index is None:
            self._index = ClosestIndex()
            for r in self._rules:
                self._index.add(r.title_raw, r)
                self._index.add_many(r.aliases(), r)
        miss = self._index.closest(name, stated_season, _seasons)
        if miss is None:
            return None
        r = miss.value
        return Closest(r.id, r.official_title, miss.title, miss.why, miss.stated_season, miss.rule_season)


# The kinds whose rule, filter word or other release the reason names.
_WITH_RULE = {
    ReasonKind.FILTERED, ReasonKind.DISABLED, ReasonKind.DUPLICATE, ReasonKind.WORSE,
    ReasonKind.MATCHED, ReasonKind.DOWNLOADED, ReasonKind.MANUAL, ReasonKind.FAILED,
    ReasonKind.WAITING, ReasonKind.SUPERSEDED, ReasonKind.REPLACED,
}  # fmt: skip
_WITH_RELEASE = {ReasonKind.DUPLICATE, ReasonKind.WORSE, ReasonKind.REPLACED}


def _reason(
    decision: Decision,
    row: Torrent,
    rule: Bangumi | None,
    names: dict[int, str],
    closest: Closest | None,
    global_term: str | None,
) -> feed_item_pb2.FeedItemReason:
    kind = decision.kind
    out = feed_item_pb2.FeedItemReason(kind=kind)
    if kind in _WITH_RULE and rule is not None:
        out.rule_id = rule.id
        out.rule_title = rule.official_title
    if kind == ReasonKind.FILTERED and row.reason_detail:
        out.word = row.reason_detail
    if kind == ReasonKind.GLOBAL_FILTER and global_term:
        out.word = global_term
    if kind in _WITH_RELEASE and row.duplicate_of is not None:
        out.release_id = row.duplicate_of
        if row.duplicate_of in names:
            out.release_name = names[row.duplicate_of]
    if kind == ReasonKind.WAITING and row.reason_detail:
        out.until = row.reason_detail
    if kind == ReasonKind.NO_RULE and closest is not None:
        out.closest_rule_id = closest.rule_id
        out.closest_rule_title = closest.rule_title
        out.closest_title = closest.title
        out.closest_why = closest.why
    return out


class FeedItemService:
    SERVICE = "autobangumi.v1.FeedItemService"

    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx
        self.pipeline: FeedPipeline = ctx.pipeline

    # -- listing ---------------------------------------------------------------------------
    async def ListFeedItems(
        self, req: feed_item_pb2.ListFeedItemsRequest, caller: Caller
    ) -> feed_item_pb2.ListFeedItemsResponse:
        limit = req.limit or DEFAULT_LIMIT
        if not 1 <= limit <= MAX_LIMIT:
            raise invalid(
                f"The field “limit” must be between 1 and {MAX_LIMIT}.",
                f"字段“limit”必须在 1 到 {MAX_LIMIT} 之间。",
            )
        if req.offset < 0:
            raise invalid("The field “offset” must not be negative.", "字段“offset”不能为负数。")
        wanted = req.status.strip()
        if wanted and wanted not in STATUSES:
            raise invalid(
                f"The field “status” must be one of {', '.join(STATUSES)}.",
                f"字段“status”必须是以下之一：{'、'.join(STATUSES)}。",
            )
        async with self.ctx.db() as s:
            feed = await s.get(RssItem, req.rss_id)
            if feed is None:
                raise not_found(f"There is no feed {req.rss_id}.", f"不存在编号为 {req.rss_id} 的订阅。")
            newest_first = select(Torrent).where(Torrent.rss_id == feed.id).order_by(Torrent.id.desc())
            total: int | None = None
            if not wanted:
                # Without a status filter only the page's rows need a decision: a feed of
                # 10,000 items is paged through by the web page one screen at a time.
                total = await s.scalar(
                    select(func.count()).select_from(Torrent).where(Torrent.rss_id == feed.id)
                )
                newest_first = newest_first.offset(req.offset).limit(limit)
            rows = list((await s.scalars(newest_first)).all())
            rules = {r.id: r for r in (await s.scalars(select(Bangumi))).all()}
            other_ids = list({r.duplicate_of for r in rows if r.duplicate_of is not None})
            names: dict[int, str] = {}
            for i in range(0, len(other_ids), 500):
                found = await s.execute(
                    select(Torrent.id, Torrent.name).where(Torrent.id.in_(other_ids[i : i + 500]))
                )
                names.update((tid, tname) for tid, tname in found.all())
        index = self.pipeline.build_index(rules.values())
        near = _Near(rules.values())
        if total is not None:
            items = [self._item(row, feed, rules, index, names, near) for row in rows]
            return feed_item_pb2.ListFeedItemsResponse(total=total, items=items)
        # The status is decided here, not stored, so a filter looks at every item; the closest
        # rule (which does not change a status) is looked up for the page's items only.
        kept = [row for row in rows if self._item(row, feed, rules, index, names, None).status == wanted]
        page = [
            self._item(row, feed, rules, index, names, near) for row in kept[req.offset : req.offset + limit]
        ]
        return feed_item_pb2.ListFeedItemsResponse(total=len(kept), items=page)

    def _item(
        self,
        row: Torrent,
        feed: RssItem,
        rules: dict[int, Bangumi],
        index: TitleIndex[Bangumi],
        names: dict[int, str],
        near: _Near | None,
    ) -> feed_item_pb2.FeedItem:
        rule = rules.get(row.bangumi_id) if row.bangumi_id is not None else None
        matches = False
        parsed_ok = True
        global_term = None
        closest: Closest | None = None
        if row.status in (None, ItemState.PENDING) and not row.downloaded:
            parsed = self.pipeline.parse(row.name)
            parsed_ok = parsed is not None and bool(parsed.title)
            active = [r for r in self.pipeline.candidates(index, row.name, parsed) if not r.deleted]
            if active:
                group = parsed.group if parsed else None
                rule = next((r for r in active if groups_related(r.group_name, group)), active[0])
                matches = True
            elif feed.aggregate:
                global_term = excluding_term(row.name, list(self.ctx.config.config.rss_parser.filter))
            elif near is not None:
                stated = parsed.season if parsed is not None and parsed.season_raw else None
                closest = near.closest(row.name, stated)
        decision = describe(
            ItemFacts(
                status=row.status,
                reason=row.reason,
                reason_detail=row.reason_detail,
                downloaded=row.downloaded,
                attempts=row.attempts,
                max_attempts=MAX_ATTEMPTS,
                duplicate_of=row.duplicate_of,
                episode_key=row.episode_key,
                save_path=row.save_path,
                rule_title=rule.official_title if rule is not None else None,
                rule_matches=matches,
                aggregate=feed.aggregate,
                parsed=parsed_ok,
                global_filter_term=global_term,
                duplicate_name=names.get(row.duplicate_of) if row.duplicate_of is not None else None,
                closest=closest,
            )
        )
        return feed_item_pb2.FeedItem(
            id=row.id,
            rss_id=row.rss_id,
            name=row.name,
            url=row.url,
            homepage=row.homepage,
            published_at=iso(row.published_at),
            status=decision.status,
            reason_en=decision.reason_en,
            reason_zh=decision.reason_zh,
            bangumi_id=rule.id if rule is not None else None,
            bangumi_title=rule.official_title if rule is not None else None,
            duplicate_of=row.duplicate_of,
            episode_key=row.episode_key,
            attempts=row.attempts,
            reason=_reason(decision, row, rule, names, closest, global_term),
        )

    # -- acting on one item ----------------------------------------------------------------
    async def _row(self, item_id: int) -> Torrent:
        async with self.ctx.db() as s:
            row = await s.get(Torrent, item_id)
        if row is None:
            raise _no_item(item_id)
        return row

    async def _rule_for(self, row: Torrent) -> Bangumi | None:
        """The item's rule: the one recorded, else the one its title matches now."""
        rules = await self.pipeline.load_rules()
        if row.bangumi_id is not None:
            found = next((r for r in rules if r.id == row.bangumi_id), None)
            if found is not None:
                return found
        parsed = self.pipeline.parse(row.name)
        cands = self.pipeline.candidates(self.pipeline.build_index(rules), row.name, parsed)
        active = [r for r in cands if not r.deleted] or cands
        if not active:
            return None
        group = parsed.group if parsed else None
        return next((r for r in active if groups_related(r.group_name, group)), active[0])

    async def DownloadFeedItem(
        self, req: feed_item_pb2.FeedItemIdRequest, caller: Caller
    ) -> common_pb2.ApiMessage:
        row = await self._row(req.id)
        pipeline = self.pipeline
        async with pipeline.lock:
            rule = await self._rule_for(row)
            base = self.ctx.config.config.downloader.path
            save_path = rule_save_path(base, rule) if rule is not None else base
            try:
                # The rule's own downloader instance (its feed's, else the default).
                client = pipeline.shared.downloader_for(rule) if rule is not None else pipeline.downloader()
                async with self.ctx.upstreams.open() as f:
                    source, torrent_hash = await self._source(f, row)
                added = await client.add(
                    source,
                    save_path=save_path,
                    category=CATEGORY,
                    tags=[f"ab:{rule.id}"] if rule is not None else [],
                    # The same layout as the pipeline's downloads, so the renamer treats it alike.
                    no_subfolder=Capabilities.NO_SUBFOLDER in client.capabilities,
                )
            except FetchError as exc:
                raise failed(
                    f"Could not fetch the torrent: {exc.msg_en}", f"无法获取种子：{exc.msg_zh}"
                ) from None
            except BadTorrent as exc:
                raise failed(exc.msg_en, exc.msg_zh) from None
            parsed = pipeline.parse(row.name)
            ep = None
            if rule is not None and parsed is not None:
                ep = episode_key(
                    savepath.season_folder_number(rule.season, rule.season_offset), parsed.episode
                )
            async with self.ctx.db.begin() as s:
                await s.execute(
                    update(Torrent)
                    .where(Torrent.id == row.id)
                    .values(
                        status=ItemState.DOWNLOADED,
                        downloaded=True,
                        bangumi_id=rule.id if rule is not None else row.bangumi_id,
                        qb_hash=(added or torrent_hash or row.qb_hash or "").lower() or None,
                        save_path=save_path,
                        episode_key=ep or row.episode_key,
                        reason=ItemReason.MANUAL,
                        reason_detail=None,
                        duplicate_of=None,
                        downloaded_at=datetime.now(UTC),
                    )
                )
        log.info("Downloading %s into %s (by hand)", row.name, save_path)
        return common_pb2.ApiMessage(
            msg_en=f"Sent to the downloader: {row.name}", msg_zh=f"已发送到下载器：{row.name}"
        )

    @staticmethod
    async def _source(f: Fetcher, row: Torrent) -> tuple[bytes | str, str | None]:
        if row.url.lower().startswith("magnet:"):
            return row.url, info_hash_of(row.url) or row.qb_hash
        resp = await f.get(row.url, max_bytes=MAX_TORRENT_BYTES)
        return resp.body, parse_torrent(resp.body)[0]

    async def CreateRuleFromFeedItem(
        self, req: feed_item_pb2.FeedItemIdRequest, caller: Caller
    ) -> bangumi_pb2.Bangumi:
        row = await self._row(req.id)
        pipeline = self.pipeline
        existing = await self._rule_for(row)
        if existing is not None:
            return bangumi_to_message(existing)
        parsed = pipeline.parse(row.name)
        if parsed is None or not parsed.title:
            raise invalid(
                "This item's title could not be read as a show and episode, so no rule can be made from it.",
                "无法从此条目的标题中识别出番剧和集数，因此无法据此创建规则。",
            )
        cfg = self.ctx.config.config
        async with self.ctx.db() as s:
            feed = await s.get(RssItem, row.rss_id) if row.rss_id is not None else None
        draft = draft_from_parse(
            parsed, cfg.rss_parser.language, list(cfg.rss_parser.filter), feed.url if feed else ""
        )
        if draft is None:  # pragma: no cover - parsed.title was checked above
            raise invalid("No rule can be made from this title.", "无法根据此标题创建规则。")
        async with pipeline.lock, self.ctx.upstreams.open() as f:
            await self.ctx.upstreams.meta.fill(
                f, draft, feed.parser if feed else "mikan", parsed, row.homepage, cfg.rss_parser.language
            )
            await pipeline.save_drafts([draft])
            rule = await self._rule_for(row)
            if rule is None:
                raise failed("The rule could not be saved.", "规则未能保存。")
            # Matched at once, as at a refresh: downloaded unless the rule's filter excludes it.
            await pipeline.process_pending(f, only_ids=[row.id])
        log.info("Rule %s made from item %d", rule.official_title, row.id)
        return bangumi_to_message(rule)
