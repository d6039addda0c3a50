"""RssService: feeds, their items, refresh, analysis, collect and subscribe (thin over the pipeline)."""

from __future__ import annotations

import asyncio
import logging
import os
from urllib.parse import urlsplit

from sqlalchemy import delete, select, update

from autobangumi.rpc import Caller
from autobangumi.v1 import bangumi_pb2, common_pb2, rss_pb2
from autobangumi_daemon.adapters.feeds import FeedError
from autobangumi_daemon.adapters.http import FetchError
from autobangumi_daemon.context import AppContext
from autobangumi_daemon.core.rules import identity
from autobangumi_daemon.core.savepath import rule_save_path
from autobangumi_daemon.db.models import Bangumi, RssItem, Torrent
from autobangumi_daemon.db.writes import TableCache
from autobangumi_daemon.errors import DaemonError, failed, invalid, require_fields
from autobangumi_daemon.pipeline.progress import RefreshReport
from autobangumi_daemon.pipeline.rulemsg import rule_from_message
from autobangumi_daemon.pipeline.search import analyse
from autobangumi_daemon.services.bangumi_service import check_rule_settings
from autobangumi_daemon.services.rows import rss_to_message, torrent_to_message

__all__ = ["RssService"]

log = logging.getLogger(__name__)

_RSS_FIELDS = ("name", "url", "aggregate", "parser", "enabled", "downloader")
# How long a refresh request waits for the refresh before answering that it goes on in the
# background: below the bridge's 120 s gRPC deadline, so the answer is always a real one.
REFRESH_WAIT = 100.0


def _refresh_wait() -> float:
    try:
        return float(os.environ.get("AB_REFRESH_WAIT", "") or REFRESH_WAIT)
    except ValueError:
        return REFRESH_WAIT


def _msg(en: str, zh: str) -> common_pb2.ApiMessage:
    return common_pb2.ApiMessage(msg_en=en, msg_zh=zh)


# The feed URL column's length (db/models.py): a URL is an identity, never cut.
MAX_FEED_URL = 2048


def _check_url(url: str, field: str = "url") -> str:
    url = url.strip()
    if not url:
        raise invalid(f"{field}: a feed URL is required.", f"{field}：必须提供订阅地址。")
    if len(url) > MAX_FEED_URL:
        raise invalid(
            f"{field}: the URL is longer than {MAX_FEED_URL} characters.",
            f"{field}：URL 超过 {MAX_FEED_URL} 个字符。",
        )
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise invalid(
            f"{field}: only http/https URLs are allowed.", f"{field}：只允许 http/https 协议的 URL。"
        )
    return url


def _no_feed(what_en: str, what_zh: str, rss_id: int) -> DaemonError:
    return failed(
        f"{what_en} failed: there is no feed with rss_id {rss_id}.",
        f"{what_zh}失败：rss_id 为 {rss_id} 的订阅不存在。",
    )


def _links(value: str) -> list[str]:
    return [u.strip() for u in value.split(",") if u.strip()]


def _counts(r: RefreshReport) -> tuple[str, str]:
    """What a refresh did, for its answer: feeds, new items, rules, downloads, what waits."""
    failed_en = f" ({r.failed_feeds} failed)" if r.failed_feeds else ""
    failed_zh = f"（{r.failed_feeds} 个失败）" if r.failed_feeds else ""
    en = (
        f"{r.feeds} feed(s) checked{failed_en}, {r.new_items} new item(s), "
        f"{r.rules_created} new rule(s), {r.downloaded} download(s) started."
    )
    zh = (
        f"检查了 {r.feeds} 个订阅{failed_zh}，新条目 {r.new_items} 个，"
        f"新规则 {r.rules_created} 条，开始下载 {r.downloaded} 个。"
    )
    if r.outages:
        hosts = ", ".join(o.host for o in r.outages)
        en += (
            f" {r.deferred_shows} show(s) wait for metadata: {hosts} could not be reached "
            "(see the feed's status)."
        )
        zh += f"有 {r.deferred_shows} 部番剧在等待番剧信息：无法访问 {hosts}（详见订阅状态）。"
    return en, zh


class RssService:
    SERVICE = "autobangumi.v1.RssService"

    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx
        self.pipeline = ctx.pipeline
        self._feeds: TableCache[rss_pb2.ListRssResponse] = TableCache(ctx.db, ("rssitem",))

    async def ListRss(self, req: rss_pb2.ListRssRequest, caller: Caller) -> rss_pb2.ListRssResponse:
        # The WebUI asks for the list often; it is read again only after a feed is written.
        return await self._feeds.get(self._list_feeds)

    async def _list_feeds(self) -> rss_pb2.ListRssResponse:
        async with self.ctx.db() as s:
            rows = (await s.scalars(select(RssItem).order_by(RssItem.id))).all()
        return rss_pb2.ListRssResponse(rss=[rss_to_message(r) for r in rows])

    async def ListRssTorrents(
        self, req: rss_pb2.RssIdRequest, caller: Caller
    ) -> rss_pb2.ListTorrentsResponse:
        async with self.ctx.db() as s:
            rows = (
                await s.scalars(select(Torrent).where(Torrent.rss_id == req.rss_id).order_by(Torrent.id))
            ).all()
        return rss_pb2.ListTorrentsResponse(torrents=[torrent_to_message(r) for r in rows])

    async def _feed_title(self, url: str) -> str:
        up = self.ctx.upstreams
        async with up.open() as f:
            parsed, _ = await up.fetch_feed(f, url)
        return parsed.title.strip() if parsed else ""

    async def AddRss(self, req: rss_pb2.RssItem, caller: Caller) -> common_pb2.ApiMessage:
        url = _check_url(req.url)
        downloader = self.ctx.downloader.check_name(req.downloader if req.HasField("downloader") else None)
        async with self.ctx.db() as s:
            if await s.scalar(select(RssItem.id).where(RssItem.url == url)) is not None:
                raise failed(
                    "RSS added failed: this url is already a feed.", "RSS 添加失败：该 url 已是订阅。"
                )
        name = req.name.strip() if req.HasField("name") else ""
        if not name:
            try:
                name = await self._feed_title(url)
            except (FetchError, FeedError) as exc:
                if isinstance(exc, FetchError) and exc.blocked:
                    raise invalid(exc.msg_en, exc.msg_zh) from None
                log.info("No title for feed %s: %s", url, exc)
                name = ""
            if not name:
                raise failed("Failed to get RSS title.", "无法获取 RSS 标题。")
        # The WebUI posts its whole blank template, `id: 0` and `enabled: false` included: a new
        # feed is always enabled and gets a fresh id (contract §12.6).
        async with self.ctx.db.begin() as s:
            s.add(
                RssItem(
                    url=url,
                    name=name,
                    aggregate=req.aggregate,
                    parser=(req.parser or "mikan").strip(),
                    enabled=True,
                    downloader=downloader,
                )
            )
        log.info("Feed added: %s (%s)", name, url)
        return _msg("RSS added successfully.", "RSS 添加成功。")

    async def _set_enabled(self, ids: list[int], enabled: bool) -> int:
        async with self.ctx.db.begin() as s:
            result = await s.execute(update(RssItem).where(RssItem.id.in_(ids)).values(enabled=enabled))
        return int(getattr(result, "rowcount", 0) or 0)

    async def EnableManyRss(self, req: rss_pb2.ManyRssRequest, caller: Caller) -> common_pb2.ApiMessage:
        await self._set_enabled(list(req.rss_ids), True)
        return _msg("Enable RSS successfully.", "启用 RSS 成功。")

    async def DisableManyRss(self, req: rss_pb2.ManyRssRequest, caller: Caller) -> common_pb2.ApiMessage:
        await self._set_enabled(list(req.rss_ids), False)
        return _msg("Disable RSS successfully.", "禁用 RSS 成功。")

    async def DisableRss(self, req: rss_pb2.RssIdRequest, caller: Caller) -> common_pb2.ApiMessage:
        if not await self._set_enabled([req.rss_id], False):
            raise _no_feed("Disable RSS", "禁用 RSS ", req.rss_id)
        return _msg("Disable RSS successfully.", "禁用 RSS 成功。")

    async def _delete(self, ids: list[int]) -> int:
        async with self.ctx.db.begin() as s:
            urls = (await s.scalars(select(RssItem.url).where(RssItem.id.in_(ids)))).all()
            # A feed's items go with it (AutoBangumi): added again, it starts from scratch.
            await s.execute(delete(Torrent).where(Torrent.rss_id.in_(ids)))
            await s.execute(delete(RssItem).where(RssItem.id.in_(ids)))
        for url in urls:
            self.ctx.upstreams.forget_feed(url)
        return len(urls)

    async def DeleteRss(self, req: rss_pb2.RssIdRequest, caller: Caller) -> common_pb2.ApiMessage:
        if not await self._delete([req.rss_id]):
            raise _no_feed("Delete RSS", "删除 RSS ", req.rss_id)
        return _msg("Delete RSS successfully.", "删除 RSS 成功。")

    async def DeleteManyRss(self, req: rss_pb2.ManyRssRequest, caller: Caller) -> common_pb2.ApiMessage:
        await self._delete(list(req.rss_ids))
        return _msg("Delete RSS successfully.", "删除 RSS 成功。")

    async def UpdateRss(self, req: rss_pb2.UpdateRssRequest, caller: Caller) -> common_pb2.ApiMessage:
        require_fields(req)
        paths = [p.split(".")[-1] for p in req.update_mask.paths] or list(_RSS_FIELDS)
        data = req.data
        async with self.ctx.db.begin() as s:
            row = await s.get(RssItem, req.rss_id)
            if row is None:
                raise _no_feed("Update RSS", "更新 RSS ", req.rss_id)
            for name in paths:
                if name == "name":
                    row.name = (data.name.strip() or None) if data.HasField("name") else None
                elif name == "url":
                    url = _check_url(data.url, "url")
                    clash = await s.scalar(select(RssItem.id).where(RssItem.url == url, RssItem.id != row.id))
                    if clash is not None:
                        raise failed(
                            "Update RSS failed: the URL is already a feed.", "更新 RSS 失败：该 URL 已存在。"
                        )
                    row.url = url
                elif name == "aggregate":
                    row.aggregate = data.aggregate
                elif name == "parser":
                    row.parser = data.parser.strip() or "mikan"
                elif name == "enabled":
                    row.enabled = data.enabled
                elif name == "downloader":
                    row.downloader = self.ctx.downloader.check_name(
                        data.downloader if data.HasField("downloader") else None
                    )
        return _msg("Update RSS successfully.", "更新 RSS 成功。")

    async def _refresh(self, rss_ids: list[int] | None, done_en: str, done_zh: str) -> common_pb2.ApiMessage:
        """Answer when the refresh is done (as AutoBangumi), or after REFRESH_WAIT, with it going on."""
        task = self.pipeline.start_refresh(rss_ids)
        wait = _refresh_wait()
        try:
            # shield: a caller who hangs up does not cancel the refresh.
            report = await asyncio.wait_for(asyncio.shield(task), wait)
        except TimeoutError:
            what_en, what_zh = ("all feeds", "全部订阅") if rss_ids is None else ("the feed", "该订阅")
            return _msg(
                f"Refreshing {what_en} takes longer than {wait:g} s; it goes on in the background "
                "and its progress is shown on the event stream.",
                f"刷新{what_zh}已超过 {wait:g} 秒，将在后台继续，进度见事件流。",
            )
        en, zh = _counts(report)
        return _msg(f"{done_en} {en}", f"{done_zh}{zh}")

    async def RefreshAllRss(self, req: common_pb2.Empty, caller: Caller) -> common_pb2.ApiMessage:
        return await self._refresh(None, "Refresh all RSS successfully.", "刷新全部 RSS 成功。")

    async def RefreshRss(self, req: rss_pb2.RssIdRequest, caller: Caller) -> common_pb2.ApiMessage:
        async with self.ctx.db() as s:
            if await s.get(RssItem, req.rss_id) is None:
                raise _no_feed("Refresh RSS", "刷新 RSS ", req.rss_id)
        return await self._refresh([req.rss_id], "Refresh RSS successfully.", "刷新 RSS 成功。")

    async def AnalyzeRss(self, req: rss_pb2.RssItem, caller: Caller) -> bangumi_pb2.Bangumi:
        return await analyse(self.pipeline, _check_url(req.url), req.parser or "mikan")

    async def _find_or_insert(self, data: bangumi_pb2.Bangumi, *, subscribe: bool) -> Bangumi:
        """The rule the body describes: by id when it exists, else by title, group and season."""
        async with self.ctx.db.begin() as s:
            if data.id:
                found = await s.get(Bangumi, data.id)
                if found is not None:
                    return found
            rule = rule_from_message(data)
            rule.downloader = self.ctx.downloader.check_name(rule.downloader)
            ident = identity(rule.title_raw, rule.group_name, rule.season)
            for existing in (await s.scalars(select(Bangumi))).all():
                if identity(existing.title_raw, existing.group_name, existing.season) == ident:
                    if existing.deleted:
                        existing.deleted = False  # subscribing again re-enables it
                    return existing
            rule.added = True
            rule.eps_collect = True
            if subscribe or not rule.filter:
                rule.filter = rule.filter or ",".join(self.ctx.config.config.rss_parser.filter)
            rule.save_path = rule_save_path(self.ctx.config.config.downloader.path, rule)
            s.add(rule)
        self.pipeline.rules_changed()
        return rule

    async def CollectRss(self, req: bangumi_pb2.Bangumi, caller: Caller) -> common_pb2.ApiMessage:
        links = [_check_url(u, "rss_link") for u in req.rss_link.split(",") if u.strip()]
        title, season = req.official_title or req.title_raw, req.season or 1
        if not links:
            raise invalid("rss_link: give the feed to collect from.", "rss_link：请提供要收集的订阅链接。")
        check_rule_settings(rule_from_message(req))  # before anything is stored
        rule = await self._find_or_insert(req, subscribe=False)
        try:
            await self.pipeline.collect(rule.id, links)
        except (FetchError, FeedError) as exc:
            raise failed(
                f"Collection of {title} failed: {exc.msg_en}", f"{title} 收集失败：{exc.msg_zh}"
            ) from None
        async with self.ctx.db.begin() as s:
            await s.execute(update(Bangumi).where(Bangumi.id == rule.id).values(eps_collect=True))
        self.pipeline.rules_changed()
        return _msg(f"Collections of {title} Season {season} completed.", f"{title} 第 {season} 季收集完成。")

    async def SubscribeRss(self, req: rss_pb2.SubscribeRequest, caller: Caller) -> common_pb2.ApiMessage:
        data = req.data
        url = req.rss.url.strip() or (_links(data.rss_link)[0] if _links(data.rss_link) else "")
        title = data.official_title or data.title_raw
        if not url:
            raise invalid(
                "data.rss_link (or rss.url): give the feed to subscribe to.",
                "data.rss_link（或 rss.url）：请提供要订阅的链接。",
            )
        url = _check_url(url, "rss.url" if req.rss.url.strip() else "data.rss_link")
        check_rule_settings(rule_from_message(data))  # a refused rule stores no feed either
        async with self.ctx.db.begin() as s:
            if await s.scalar(select(RssItem.id).where(RssItem.url == url)) is None:
                s.add(
                    RssItem(
                        url=url, name=title, aggregate=False, parser=req.rss.parser or "mikan", enabled=True
                    )
                )
        if url not in _links(data.rss_link):
            data.rss_link = ",".join([*_links(data.rss_link), url])
        # The rule is stored before anything is pushed, so every torrent carries its ab:<id> tag
        # (AutoBangumi pushed first and could not tag them).
        rule = await self._find_or_insert(data, subscribe=True)
        try:
            await self.pipeline.collect(rule.id, [url])
        except (FetchError, FeedError, DaemonError) as exc:
            log.warning("Subscribe %s: %s", title, exc)
            raise failed(
                f"Subscribed to {title}, but its episodes could not be downloaded yet: {exc.msg_en}",
                f"已订阅 {title}，但暂时无法下载其剧集：{exc.msg_zh}",
            ) from None
        return _msg(f"[Engine] Download {title} successfully.", f"[引擎] 下载 {title} 成功。")
