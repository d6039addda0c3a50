"""SetupService: the first-run wizard, open without a session while no account exists.

Whether setup is needed is read from the accounts themselves, never from the
`config/.setup_complete` marker alone: losing that file must not reopen the wizard (and its
"create the account") over an account someone already owns.
"""

from __future__ import annotations

import asyncio
import logging

from sqlalchemy import select

from autobangumi.rpc import Caller
from autobangumi.v1 import setup_pb2
from autobangumi_daemon.auth.manager import validate_credentials
from autobangumi_daemon.context import AppContext
from autobangumi_daemon.db.models import RssItem
from autobangumi_daemon.errors import DaemonError, forbidden, internal, invalid
from autobangumi_daemon.netguard import NetPolicy, fetch_public

__all__ = ["SetupService", "parse_feed_summary"]

log = logging.getLogger(__name__)

# The longest the wizard's downloader test takes, whatever the host does (a silent port).
DOWNLOADER_TEST_LIMIT = 4.0
# Anyone may call the downloader test, so it must not tell a closed port from an open one, a
# silent one, another kind of server or a wrong password: one answer for all of them.
_NO_DOWNLOADER = (
    "No downloader accepted these settings: check the type, host, port, user name, password and SSL.",
    "没有下载器接受这些设置：请检查类型、地址、端口、用户名、密码和 SSL 设置。",
)
# Refusals of the input itself (nothing was contacted): these keep their own message.
_INPUT_REASONS = frozenset({"invalid", "unsupported_type"})

# The wizard sends only `type`, `token` and `chat_id`: the types those fields describe.
WIZARD_NOTIFICATION_TYPES = ("telegram", "bark", "server-chan", "serverchan")


def parse_feed_summary(body: bytes) -> tuple[str, int]:
    """(channel title, item count) of an RSS/Atom document; raises ValueError if it is none."""
    import feedparser  # only the wizard needs it here; kept off the start-up path

    parsed = feedparser.parse(body)
    if parsed.get("bozo") and not parsed.entries and not parsed.feed.get("title"):
        raise ValueError("not a feed")
    if not parsed.get("version") and not parsed.entries:
        raise ValueError("not a feed")
    return str(parsed.feed.get("title") or ""), len(parsed.entries)


class SetupService:
    SERVICE = "autobangumi.v1.SetupService"

    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx

    def _policy(self) -> NetPolicy:
        # The wizard is open to anyone until setup: the LAN opt-in never applies to it.
        return self.ctx.net_policy.with_allow(())

    async def _require_setup(self) -> None:
        # Setup is needed exactly while no account exists, read from the database: the command
        # line may have created one meanwhile, and a config marked complete without an account
        # (AutoBangumi's config/ copied alone) reopens the wizard to create it.
        if await self.ctx.auth.has_user():
            raise forbidden("Setup already completed.", "设置已完成。")

    async def GetSetupStatus(
        self, req: setup_pb2.GetSetupStatusRequest, caller: Caller
    ) -> setup_pb2.SetupStatus:
        need = not await self.ctx.auth.has_user()
        return setup_pb2.SetupStatus(need_setup=need, version=self.ctx.version)

    async def TestDownloader(
        self, req: setup_pb2.TestDownloaderRequest, caller: Caller
    ) -> setup_pb2.SetupTestResult:
        """Throttled like a login, per client address: each failed test counts as a failed
        login, so the wizard cannot be used to scan the LAN or guess a downloader's password."""
        await self._require_setup()
        from autobangumi_daemon.adapters.downloaders.probe import test_connection

        auth = self.ctx.auth
        auth.check_throttle(caller.client_ip)
        kind = req.type or "qbittorrent"
        try:
            result = await asyncio.wait_for(
                test_connection(
                    kind,
                    req.host,
                    req.username,
                    req.password,
                    req.ssl,
                    time_limit=DOWNLOADER_TEST_LIMIT,
                    api_key=req.api_key.strip(),
                ),
                DOWNLOADER_TEST_LIMIT + 0.5,
            )
        except TimeoutError:
            result = None
        if result is not None and (result.success or result.reason in _INPUT_REASONS):
            return setup_pb2.SetupTestResult(
                success=result.success, message_en=result.message_en, message_zh=result.message_zh
            )
        auth.throttle.failure(caller.client_ip)
        en, zh = _NO_DOWNLOADER
        return setup_pb2.SetupTestResult(success=False, message_en=en, message_zh=zh)

    async def TestRss(self, req: setup_pb2.TestRssRequest, caller: Caller) -> setup_pb2.SetupTestResult:
        await self._require_setup()
        body = await fetch_public(req.url.strip(), self._policy())
        try:
            title, count = await asyncio.to_thread(parse_feed_summary, body)
        except ValueError:
            return setup_pb2.SetupTestResult(
                success=False,
                message_en="The URL did not return an RSS or Atom feed.",
                message_zh="该 URL 返回的不是 RSS 或 Atom 订阅源。",
            )
        return setup_pb2.SetupTestResult(
            success=True,
            message_en=f"Feed is reachable: {count} items.",
            message_zh=f"订阅源可以访问：共 {count} 个条目。",
            title=title,
            item_count=count,
        )

    async def TestNotification(
        self, req: setup_pb2.TestNotificationRequest, caller: Caller
    ) -> setup_pb2.SetupTestResult:
        """Really sends a test message. The wizard is open to anyone, so no server URL can be
        given, and the target is checked like the wizard's feed test: no private, loopback or
        link-local address, whatever AB_FETCH_ALLOW_NETWORKS says."""
        await self._require_setup()
        kind = req.type.strip().lower()
        if kind not in WIZARD_NOTIFICATION_TYPES:
            return setup_pb2.SetupTestResult(
                success=False,
                message_en=f"Unknown notification type: {req.type!r}.",
                message_zh=f"未知的通知类型：{req.type!r}。",
            )
        provider = {"type": kind, "token": req.token.strip(), "chat_id": req.chat_id.strip()}
        result = await self.ctx.notifier.test(provider, setup=True)
        return setup_pb2.SetupTestResult(
            success=result.success, message_en=result.msg_en, message_zh=result.msg_zh
        )

    async def CompleteSetup(
        self, req: setup_pb2.CompleteSetupRequest, caller: Caller
    ) -> setup_pb2.CompleteSetupResponse:
        async with self.ctx.setup_lock:
            await self._require_setup()
            validate_credentials(req.username, req.password)
            fragment: dict[str, object] = {
                "downloader": {
                    "type": req.downloader_type or "qbittorrent",
                    "host": req.downloader_host,
                    "username": req.downloader_username,
                    "password": req.downloader_password,
                    "path": req.downloader_path or "/downloads/Bangumi",
                    "ssl": req.downloader_ssl,
                    "api_key": req.downloader_api_key.strip(),
                }
            }
            if req.notification_enable:
                fragment["notification"] = {
                    "enable": True,
                    "providers": [
                        {
                            "type": req.notification_type,
                            "enabled": True,
                            "token": req.notification_token,
                            "chat_id": req.notification_chat_id,
                        }
                    ],
                }
            try:
                # Config first: it validates everything, so a bad value changes nothing.
                self.ctx.config.replace_sections(fragment)
                await self.ctx.auth.set_account(req.username, req.password)
                if req.rss_url.strip():
                    await self._add_feed(req.rss_url.strip(), req.rss_name.strip())
                self.ctx.paths.setup_sentinel.touch()
            except DaemonError:
                raise
            except Exception as exc:
                log.exception("Setup failed")
                raise internal(
                    "Setup failed. Check the server log for details.", "设置失败，请查看服务器日志。"
                ) from exc
        log.info("Setup completed for user %s.", req.username)
        self.ctx.downloader.start()
        await self.ctx.program.start()
        return setup_pb2.CompleteSetupResponse(
            status=True, status_code=200, msg_en="Setup completed successfully.", msg_zh="设置完成。"
        )

    async def _add_feed(self, url: str, name: str) -> None:
        if not url.startswith(("http://", "https://")):
            raise invalid("Only http/https URLs are allowed.", "只允许 http/https 协议的 URL。")
        if not name:
            try:
                body = await fetch_public(url, self._policy())
                name = (await asyncio.to_thread(parse_feed_summary, body))[0]
            except (DaemonError, ValueError):
                name = ""  # the feed can still be added; its name is filled at its first refresh
        async with self.ctx.db.begin() as s:
            exists = await s.scalar(select(RssItem.id).where(RssItem.url == url))
            if exists is None:
                s.add(RssItem(url=url, name=name or None, aggregate=True, parser="mikan", enabled=True))
