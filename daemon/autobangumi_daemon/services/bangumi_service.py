"""BangumiService: download rules (thin: storage here, downloader moves and posters in the pipeline)."""

from __future__ import annotations

import logging
from collections.abc import Sequence

from sqlalchemy import delete, select, update

from autobangumi.rpc import Caller
from autobangumi.v1 import bangumi_pb2, common_pb2
from autobangumi_daemon.context import AppContext
from autobangumi_daemon.core.preference import check_ladder
from autobangumi_daemon.core.rename_template import check_template
from autobangumi_daemon.core.savepath import rule_save_path
from autobangumi_daemon.core.states import ItemState
from autobangumi_daemon.db.models import Bangumi, RssItem, Torrent
from autobangumi_daemon.errors import bad_request, failed, not_found, require_fields
from autobangumi_daemon.library.calendar import refresh_calendar
from autobangumi_daemon.library.metadata import detect_offset, refresh_metadata, suggest
from autobangumi_daemon.pipeline.rulemsg import apply_message
from autobangumi_daemon.services.forgotten_rules import ForgottenRules, remember
from autobangumi_daemon.services.rows import bangumi_to_message, message_columns, tuples_to_messages

__all__ = ["BangumiService", "check_rule_settings"]

log = logging.getLogger(__name__)


def check_rule_settings(rule: Bangumi) -> None:
    """The rule's own ladder (order and wait) and rename template, refused with the bilingual 422
    before anything is stored; every path that saves a rule from a request checks here."""
    check_ladder(rule.preference_order, rule.delay_minutes, "preference_order")
    check_template(rule.rename_template or "", "rename_template")


def _msg(en: str, zh: str, status: bool | None = None) -> common_pb2.ApiMessage:
    m = common_pb2.ApiMessage(msg_en=en, msg_zh=zh)
    if status is not None:
        m.status = status
    return m


class BangumiService:
    SERVICE = "autobangumi.v1.BangumiService"

    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx
        # The WebUI reloads the whole list often; it is rebuilt only after a write.
        self._all: bangumi_pb2.ListBangumiResponse | None = None
        self.pipeline = ctx.pipeline
        self.pipeline.rules_changed_listeners.append(self.invalidate)
        self.forgotten = ForgottenRules(ctx)

    def invalidate(self) -> None:
        self._all = None

    def _changed(self) -> None:
        self.pipeline.rules_changed()  # also calls invalidate()

    async def ListBangumi(
        self, req: bangumi_pb2.ListBangumiRequest, caller: Caller
    ) -> bangumi_pb2.ListBangumiResponse:
        if self._all is None:
            # The columns as plain tuples, not ORM objects: at 10,000 rules loading and reading
            # the objects was most of the first call's time.
            pairs = message_columns(Bangumi, bangumi_pb2.Bangumi)
            q = select(*(getattr(Bangumi, c) for c, _ in pairs)).order_by(Bangumi.id)
            async with self.ctx.db() as s:
                rows = (await s.execute(q)).all()
            self._all = bangumi_pb2.ListBangumiResponse(
                bangumi=tuples_to_messages(rows, [f for _, f in pairs], bangumi_pb2.Bangumi)
            )
        return self._all

    async def GetBangumi(self, req: bangumi_pb2.GetBangumiRequest, caller: Caller) -> bangumi_pb2.Bangumi:
        async with self.ctx.db() as s:
            row = await s.get(Bangumi, req.bangumi_id)
        if row is None:
            raise not_found(f"Can't find data with {req.bangumi_id}", f"找不到 ID 为 {req.bangumi_id} 的数据")
        return bangumi_to_message(row)

    async def ListNeedsReview(
        self, req: bangumi_pb2.ListBangumiRequest, caller: Caller
    ) -> bangumi_pb2.ListBangumiResponse:
        async with self.ctx.db() as s:
            rows = (
                await s.scalars(
                    select(Bangumi)
                    .where(Bangumi.needs_review.is_(True), Bangumi.deleted.is_(False))
                    .order_by(Bangumi.id)
                )
            ).all()
        return bangumi_pb2.ListBangumiResponse(bangumi=[bangumi_to_message(r) for r in rows])

    async def _get(self, bangumi_id: int) -> Bangumi:
        async with self.ctx.db() as s:
            row = await s.get(Bangumi, bangumi_id)
        if row is None:
            raise failed(f"Can't find data with {bangumi_id}", f"找不到 ID 为 {bangumi_id} 的数据")
        return row

    async def UpdateBangumi(
        self, req: bangumi_pb2.UpdateBangumiRequest, caller: Caller
    ) -> common_pb2.ApiMessage:
        require_fields(req)
        base = self.ctx.config.config.downloader.path
        rule = await self._get(req.bangumi_id)  # a detached copy: nothing is saved until merged
        old_path = rule.save_path or rule_save_path(base, rule)
        apply_message(rule, req.data, req.update_mask.paths)
        rule.downloader = self.ctx.downloader.check_name(rule.downloader)
        # Checked before anything moves or is saved: a bad ladder or template changes nothing.
        check_rule_settings(rule)
        rule.season = max(1, rule.season)
        # The folder follows the rule (as AutoBangumi); a save_path sent by the client is
        # recomputed, never trusted as a place to write to.
        new_path = rule_save_path(base, rule)
        if new_path != old_path:
            # Before saving: if the downloader cannot move the files, the rule keeps pointing
            # where its files are.
            moved = await self.pipeline.move_rule(rule.id, old_path, new_path)
            log.info("Rule %s moved %d torrent(s) to %s", rule.official_title, moved, new_path)
        rule.save_path = new_path
        async with self.ctx.db.begin() as s:
            await s.merge(rule)
        title = rule.official_title
        self._changed()
        return _msg(f"Update rule for {title}", f"更新规则 {title} 成功")

    async def _delete(self, bangumi_id: int, file: bool) -> common_pb2.ApiMessage:
        rule = await self._get(bangumi_id)
        title = rule.official_title
        if file:
            await self.pipeline.delete_rule_torrents([bangumi_id])
        async with self.ctx.db.begin() as s:
            # The rule is remembered, else an aggregate feed would make it again. Its items from
            # aggregate feeds stay as pending items of no rule (nothing matches them while the
            # memory lasts), so that undoing the deletion makes the rule again from them even
            # when the feed answers "not modified"; its other items go (AutoBangumi).
            await remember(s, rule)
            aggregate = select(RssItem.id).where(RssItem.aggregate.is_(True))
            await s.execute(
                update(Torrent)
                .where(Torrent.bangumi_id == bangumi_id, Torrent.rss_id.in_(aggregate))
                .values(
                    bangumi_id=None,
                    status=ItemState.PENDING,
                    downloaded=False,
                    qb_hash=None,
                    save_path=None,
                    episode_key=None,
                    attempts=0,
                    reason=None,
                    reason_detail=None,
                    duplicate_of=None,
                    downloaded_at=None,
                )
            )
            await s.execute(delete(Torrent).where(Torrent.bangumi_id == bangumi_id))
            await s.execute(delete(Bangumi).where(Bangumi.id == bangumi_id))
        if file:
            return _msg(f"Delete rule and torrents for {title}.", f"删除 {title} 规则和种子成功。")
        return _msg(f"Delete rule for {title}.", f"删除 {title} 规则成功。")

    async def _disable(self, bangumi_id: int, file: bool) -> common_pb2.ApiMessage:
        rule = await self._get(bangumi_id)
        title = rule.official_title
        if file and not await self.pipeline.delete_rule_torrents([bangumi_id]):
            raise failed(f"Can't find torrents for {title}.", f"找不到 {title} 的种子。")
        await self._set(bangumi_id, deleted=True)
        if file:
            return _msg(f"Delete rule and torrents for {title}.", f"删除 {title} 规则和种子成功。")
        return _msg(f"Disable rule for {title}.", f"禁用 {title} 规则成功。")

    async def _many(self, ids: Sequence[int], file: bool, *, remove: bool) -> common_pb2.ApiMessage:
        if not ids:
            raise failed("No rule given.", "未指定规则。")
        last = _msg("", "")
        try:
            for i in ids:
                # AutoBangumi answers with the last rule's result.
                last = await (self._delete(i, file) if remove else self._disable(i, file))
        finally:
            self._changed()
        return last

    async def DeleteBangumi(
        self, req: bangumi_pb2.DeleteBangumiRequest, caller: Caller
    ) -> common_pb2.ApiMessage:
        return await self._many([req.bangumi_id], req.file, remove=True)

    async def DeleteManyBangumi(
        self, req: bangumi_pb2.ManyBangumiRequest, caller: Caller
    ) -> common_pb2.ApiMessage:
        return await self._many(list(req.bangumi_ids), req.file, remove=True)

    async def DisableBangumi(
        self, req: bangumi_pb2.DisableBangumiRequest, caller: Caller
    ) -> common_pb2.ApiMessage:
        return await self._many([req.bangumi_id], req.file, remove=False)

    async def DisableManyBangumi(
        self, req: bangumi_pb2.ManyBangumiRequest, caller: Caller
    ) -> common_pb2.ApiMessage:
        return await self._many(list(req.bangumi_ids), req.file, remove=False)

    async def _set(self, bangumi_id: int, **values: object) -> Bangumi:
        async with self.ctx.db.begin() as s:
            rule = await s.get(Bangumi, bangumi_id)
            if rule is None:
                raise failed(f"Can't find id {bangumi_id}", f"找不到 ID {bangumi_id}")
            for k, v in values.items():
                setattr(rule, k, v)
        self._changed()
        return rule

    async def EnableBangumi(self, req: bangumi_pb2.BangumiIdRequest, caller: Caller) -> common_pb2.ApiMessage:
        rule = await self._set(req.bangumi_id, deleted=False)
        return _msg(f"Enable rule for {rule.official_title}.", f"启用 {rule.official_title} 规则成功。")

    async def ArchiveBangumi(
        self, req: bangumi_pb2.BangumiIdRequest, caller: Caller
    ) -> common_pb2.ApiMessage:
        rule = await self._set(req.bangumi_id, archived=True)
        return _msg(f"Archived {rule.official_title}", f"已归档 {rule.official_title}")

    async def UnarchiveBangumi(
        self, req: bangumi_pb2.BangumiIdRequest, caller: Caller
    ) -> common_pb2.ApiMessage:
        rule = await self._set(req.bangumi_id, archived=False)
        return _msg(f"Unarchived {rule.official_title}", f"已取消归档 {rule.official_title}")

    async def ResetAll(self, req: common_pb2.Empty, caller: Caller) -> common_pb2.ApiMessage:
        async with self.ctx.db.begin() as s:
            await s.execute(delete(Bangumi))
        self._changed()
        return _msg("Reset all rules successfully.", "重置全部规则成功。")

    async def DismissReview(self, req: bangumi_pb2.BangumiIdRequest, caller: Caller) -> common_pb2.ApiMessage:
        async with self.ctx.db.begin() as s:
            rule = await s.get(Bangumi, req.bangumi_id)
            if rule is None:
                raise not_found(f"Bangumi {req.bangumi_id} not found.", f"番剧 {req.bangumi_id} 不存在。")
            rule.needs_review = False
            rule.needs_review_reason = None
            # The suggested_* fields keep the dismissed suggestion, so the offset scan does not
            # raise the same one again (AutoBangumi clears them and asks again every 6 hours).
        self._changed()
        return _msg("Review dismissed.", "已忽略审核提示。", status=True)

    async def SetWeekday(self, req: bangumi_pb2.SetWeekdayRequest, caller: Caller) -> common_pb2.ApiMessage:
        weekday = req.weekday if req.HasField("weekday") else None
        if weekday is not None and not 0 <= weekday <= 6:
            raise bad_request(
                "The weekday must be 0 (Monday) to 6 (Sunday), or null.",
                "放送日必须是 0（周一）到 6（周日），或为空。",
            )
        async with self.ctx.db.begin() as s:
            rule = await s.get(Bangumi, req.bangumi_id)
            if rule is None:
                raise not_found(f"Bangumi {req.bangumi_id} not found.", f"番剧 {req.bangumi_id} 不存在。")
            rule.air_weekday = weekday
            rule.weekday_locked = weekday is not None
        self._changed()
        if weekday is None:
            return _msg("Set bangumi to weekday unknown.", "已将番剧放送日设为未知。", status=True)
        return _msg(f"Set bangumi to weekday {weekday}.", f"已将番剧放送日设为 {weekday}。", status=True)

    async def _refresh_posters(self, rules: Sequence[Bangumi]) -> int:
        up = self.ctx.upstreams
        language = self.ctx.config.config.rss_parser.language
        updated = 0
        async with up.open() as f:
            for rule in rules:
                async with self.ctx.db() as s:
                    homepage = await s.scalar(
                        select(Torrent.homepage)
                        .where(Torrent.bangumi_id == rule.id, Torrent.homepage.is_not(None))
                        .limit(1)
                    )
                try:
                    link = await up.meta.poster_for(f, rule.official_title, homepage, language)
                except Exception as exc:  # one rule's poster never stops the others
                    log.info("Poster for %s not refreshed: %s", rule.official_title, exc)
                    continue
                if link and link != rule.poster_link:
                    await self._set(rule.id, poster_link=link)
                    updated += 1
        return updated

    async def RefreshPosterAll(self, req: common_pb2.Empty, caller: Caller) -> common_pb2.ApiMessage:
        async with self.ctx.db() as s:
            rules = list((await s.scalars(select(Bangumi).order_by(Bangumi.id))).all())
        # Missing posters, and remote links (older data) that should live in the local cache.
        todo = [r for r in rules if not r.poster_link or "://" in r.poster_link]
        await self._refresh_posters(todo)
        return _msg("Refresh poster link successfully.", "刷新海报链接成功。")

    async def RefreshPoster(self, req: bangumi_pb2.BangumiIdRequest, caller: Caller) -> common_pb2.ApiMessage:
        rule = await self._get(req.bangumi_id)
        await self._refresh_posters([rule])
        return _msg("Refresh poster link successfully.", "刷新海报链接成功。")

    # -- calendar, metadata and offsets ----------------------------------------------------
    async def RefreshCalendar(self, req: common_pb2.Empty, caller: Caller) -> common_pb2.ApiMessage:
        changed = await refresh_calendar(self.ctx.config, self.ctx.db)
        self._changed()
        return _msg(
            f"Calendar refreshed. Updated {changed} anime.", f"放送日历已刷新，更新了 {changed} 部番剧。"
        )

    async def RefreshMetadata(self, req: common_pb2.Empty, caller: Caller) -> common_pb2.ApiMessage:
        result = await refresh_metadata(self.ctx, self.pipeline)
        return _msg(
            f"Metadata refreshed. Archived {result.archived} ended series, updated {result.posters} posters.",
            f"元数据已刷新：归档了 {result.archived} 部已完结番剧，更新了 {result.posters} 张海报。",
        )

    async def SuggestOffset(
        self, req: bangumi_pb2.BangumiIdRequest, caller: Caller
    ) -> bangumi_pb2.SuggestOffsetResponse:
        async with self.ctx.db() as s:
            rule = await s.get(Bangumi, req.bangumi_id)
        if rule is None:
            return bangumi_pb2.SuggestOffsetResponse(suggested_offset=0, reason="Unknown bangumi id.")
        offset, reason = await suggest(self.ctx, self.pipeline, rule)
        return bangumi_pb2.SuggestOffsetResponse(suggested_offset=offset, reason=reason)

    async def DetectOffset(
        self, req: bangumi_pb2.DetectOffsetRequest, caller: Caller
    ) -> bangumi_pb2.DetectOffsetResponse:
        found, shape = await detect_offset(
            self.ctx, self.pipeline, req.title, req.parsed_season or 1, req.parsed_episode
        )
        out = bangumi_pb2.DetectOffsetResponse(has_mismatch=found.has_mismatch)
        if found.suggestion is not None:
            sug = found.suggestion
            out.suggestion.season_offset = sug.season_offset
            if sug.episode_offset is not None:
                out.suggestion.episode_offset = sug.episode_offset
            out.suggestion.reason = sug.reason
            out.suggestion.confidence = sug.confidence
        if shape is not None:
            info = out.tmdb_info
            info.title = shape.title
            info.total_seasons = shape.total_seasons
            info.status = shape.status
            for season, count in shape.counts.items():
                info.season_episode_counts[season] = count
            for season, starts in shape.virtual.items():
                info.virtual_season_starts[season].extend(starts)
        return out

    async def ListForgottenRules(
        self, req: bangumi_pb2.ListForgottenRulesRequest, caller: Caller
    ) -> bangumi_pb2.ListForgottenRulesResponse:
        return await self.forgotten.list()

    async def RestoreForgottenRule(
        self, req: bangumi_pb2.ForgottenRuleIdRequest, caller: Caller
    ) -> common_pb2.ApiMessage:
        return await self.forgotten.restore(req.id)

    async def DeleteForgottenRule(
        self, req: bangumi_pb2.ForgottenRuleIdRequest, caller: Caller
    ) -> common_pb2.ApiMessage:
        return await self.forgotten.delete(req.id)
