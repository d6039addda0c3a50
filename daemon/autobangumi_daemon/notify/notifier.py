"""Sending: one request per provider, bounded in time, never raising.

AutoBangumi's provider types go through the project's HTTP client (the `proxy` setting, the
SSRF policy of feeds with its AB_FETCH_ALLOW_NETWORKS opt-in, time bounds); generic Apprise
URLs go through Apprise (apprise_send.py). While the setup wizard is open anyone may ask for a
test message, so then the LAN opt-in does not apply either.
"""

from __future__ import annotations

import asyncio
import logging
import os
import socket
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from autobangumi import __version__
from autobangumi.jsonmap import to_json_dict
from autobangumi.v1 import program_pb2
from autobangumi_daemon.adapters.http import FetchError, HttpClient, ProxySettings
from autobangumi_daemon.config import ConfigStore
from autobangumi_daemon.envvars import expand_vars
from autobangumi_daemon.events import EventBus
from autobangumi_daemon.netguard import PRIVATE, NetPolicy
from autobangumi_daemon.notify.apprise_send import check_apprise_target, send_apprise
from autobangumi_daemon.notify.digest import Digest, combine
from autobangumi_daemon.notify.outgoing import DIRECT_TYPES, Message, build_request, read_answer
from autobangumi_daemon.notify.providers import ProviderError, apprise_url

__all__ = ["Notifier", "SendResult", "provider_dict"]

log = logging.getLogger(__name__)
SEND_LIMIT = 30.0
HTTP_TIMEOUT = 15.0
_EXPANDED = ("token", "chat_id", "webhook_url", "server_url", "device_key", "user_key", "api_token", "url")


@dataclass(frozen=True, slots=True)
class SendResult:
    provider: str
    success: bool
    msg_en: str
    msg_zh: str


def provider_dict(p: Any) -> dict[str, Any]:
    d: dict[str, Any] = dict(p) if isinstance(p, dict) else to_json_dict(p)
    for key in _EXPANDED:
        if isinstance(d.get(key), str):
            d[key] = expand_vars(d[key])
    return d


def _primary_address() -> str:
    """The address this machine uses towards the internet (a UDP connect sends nothing)."""
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
            s.connect(("192.0.2.1", 9))  # TEST-NET-1: routed like the internet, never contacted
            return str(s.getsockname()[0])
    except OSError:
        return socket.gethostname() or "127.0.0.1"


def _kind(provider: dict[str, Any]) -> str:
    return str(provider.get("type") or "apprise").strip().lower()


class Notifier:
    def __init__(
        self,
        config: ConfigStore,
        bus: EventBus,
        posters_dir: Path,
        net_policy: NetPolicy | None = None,
        digest_journal: Path | None = None,
    ) -> None:
        self._config = config
        self._bus = bus
        self._posters = posters_dir
        self._policy = net_policy or NetPolicy()
        # One client per policy, so a wizard test and a saved provider's message sent at the
        # same moment can never trade policies.
        self._http = self._client(self._policy)
        self._http_setup = self._client(self._policy.with_allow(()))
        # With a journal, messages collected for the digest survive a crash (notify/digest.py).
        self._digest = Digest(self._send_digest, journal=digest_journal)
        self._address: str | None = None  # this machine's, found once

    @staticmethod
    def _client(policy: NetPolicy) -> HttpClient:
        return HttpClient(
            user_agent=f"AutoBangumi/{__version__}", timeout=HTTP_TIMEOUT, retries=0, policy=policy
        )

    # -- settings ----------------------------------------------------------------------
    def enabled_providers(self) -> list[dict[str, Any]]:
        n = self._config.config.notification
        return [provider_dict(p) for p in n.providers if p.enabled]

    def _proxy(self) -> ProxySettings:
        p = self._config.config.proxy
        return ProxySettings(
            enable=p.enable,
            type=p.type,
            host=p.host,
            port=p.port,
            username=expand_vars(p.username),
            password=expand_vars(p.password),
        )

    def public_base_url(self) -> str:
        """`notification.base_url`, else http://<this machine's address>:<web port>."""
        configured = self._config.config.notification.base_url.strip().rstrip("/")
        if configured:
            return configured
        if self._address is None:
            self._address = _primary_address()
        host = f"[{self._address}]" if ":" in self._address else self._address
        port = os.environ.get("AB_WEBUI_PORT", "").strip() or str(self._config.config.program.webui_port)
        return f"http://{host}:{port}"

    def poster_url(self, poster_link: str | None) -> str | None:
        if not poster_link:
            return None
        if "://" in poster_link:
            return poster_link
        return f"{self.public_base_url()}/{poster_link.lstrip('/')}"

    def _poster_file(self, poster_link: str | None) -> Path | None:
        if not poster_link or "://" in poster_link:
            return None
        path = (self._posters.parent / poster_link).resolve()
        return path if path.is_file() and path.is_relative_to(self._posters.resolve()) else None

    # -- sending -----------------------------------------------------------------------
    async def _send_direct(
        self, provider: dict[str, Any], message: Message, setup: bool
    ) -> tuple[str, str] | None:
        out = build_request(provider, message)
        client = self._http_setup if setup else self._http
        client.proxy = self._proxy()  # the setting as it is now (the same for every send)
        try:
            async with client.open() as f:
                resp = await f.post(out.url, out.payload(), headers=out.send_headers())
        except FetchError as exc:
            if exc.blocked:
                # The wizard never uses the LAN opt-in, so it does not suggest it either.
                raise ProviderError(*(PRIVATE if setup else (exc.msg_en, exc.msg_zh))) from None
            return exc.msg_en, exc.msg_zh
        except OSError as exc:  # the poster file vanished between the check and the upload
            return (
                f"the poster could not be read ({type(exc).__name__})",
                f"无法读取海报（{type(exc).__name__}）",
            )
        return read_answer(out, resp.status, resp.body)

    async def _send_apprise(
        self, provider: dict[str, Any], message: Message, policy: NetPolicy, setup: bool
    ) -> tuple[str, str] | None:
        url = apprise_url(provider)
        await check_apprise_target(url, policy, must_resolve=setup)
        attach = str(message.poster_file) if message.poster_file else None
        ok, detail = await send_apprise(url, message.title, message.text, attach, SEND_LIMIT)
        if ok:
            return None
        # Apprise's own log line, in English only.
        return (detail or "Apprise reported a failure"), f"Apprise 报告失败：{detail or '无详情'}"

    async def send_message(
        self, provider: dict[str, Any], message: Message, *, setup: bool = False
    ) -> SendResult:
        kind = _kind(provider)
        policy = self._policy.with_allow(()) if setup else self._policy
        try:
            if kind in DIRECT_TYPES:
                failure = await asyncio.wait_for(self._send_direct(provider, message, setup), SEND_LIMIT)
            else:
                failure = await self._send_apprise(provider, message, policy, setup)
        except ProviderError as exc:
            log.warning("Notification through %s refused: %s", kind, exc.msg_en)
            return SendResult(kind, False, exc.msg_en, exc.msg_zh)
        except TimeoutError:
            failure = ("timed out", "超时")
        ok = failure is None
        self._bus.publish(program_pb2.NotificationSentEvent(provider=kind, title=message.title, success=ok))
        if failure is None:
            return SendResult(kind, True, f"Sent through {kind}.", f"已通过 {kind} 发送。")
        en, zh = failure
        log.warning("Notification through %s failed: %s", kind, en)
        return SendResult(kind, False, f"Sending through {kind} failed: {en}", f"通过 {kind} 发送失败：{zh}")

    async def _send_all(self, providers: list[dict[str, Any]], message: Message) -> list[SendResult]:
        results = await asyncio.gather(
            *(self.send_message(p, message) for p in providers), return_exceptions=True
        )
        out = []
        for r in results:
            if isinstance(r, SendResult):
                out.append(r)
            else:
                log.error("Notification crashed: %r", r)
        return out

    async def test(self, provider: dict[str, Any], *, setup: bool = False) -> SendResult:
        message = Message(
            title="AutoBangumi",
            text="This is a test notification from AutoBangumi. / 这是一条来自 AutoBangumi 的测试通知。",
            facts={"title": "AutoBangumi"},
        )
        return await self.send_message(provider, message, setup=setup)

    # -- episodes ----------------------------------------------------------------------
    def episode_message(
        self, *, official_title: str, season: int, episode: float | int, poster_link: str | None = None
    ) -> Message:
        ep = int(episode) if float(episode).is_integer() else episode
        ep_code = f"{ep:02d}" if isinstance(ep, int) else f"{ep:04.1f}"
        poster_url = self.poster_url(poster_link)
        return Message(
            title=f"{official_title} S{season:02d}E{ep_code}",
            text=f"{official_title}\n第 {season} 季 第 {ep} 集 / Season {season}, episode {ep}",
            facts={"title": official_title, "season": season, "episode": ep, "poster_url": poster_url},
            poster_file=self._poster_file(poster_link),
            poster_url=poster_url,
        )

    async def episode(
        self, *, official_title: str, season: int, episode: float | int, poster_link: str | None = None
    ) -> list[SendResult]:
        """Notify one renamed episode. Never raises."""
        if not self._config.config.notification.enable:
            return []
        return await self._deliver(
            self.episode_message(
                official_title=official_title, season=season, episode=episode, poster_link=poster_link
            )
        )

    async def download_complete(
        self,
        *,
        official_title: str,
        season: int | None,
        episode: float | int | None,
        name: str,
        poster_link: str | None = None,
    ) -> list[SendResult]:
        """Notify one finished download that will not be renamed (notification.on_complete)."""
        if not self._config.config.notification.enable:
            return []
        if season is not None and episode is not None:
            base = self.episode_message(
                official_title=official_title, season=season, episode=episode, poster_link=poster_link
            )
            title, facts = base.title, base.facts
        else:
            title = official_title
            facts = {"title": official_title, "season": None, "episode": None}
            facts["poster_url"] = self.poster_url(poster_link)
        message = Message(
            title=title,
            text=f"下载完成 / Download complete\n{name}",
            facts=facts,
            poster_file=self._poster_file(poster_link),
            poster_url=self.poster_url(poster_link),
        )
        return await self._deliver(message)

    async def missing_episode(
        self,
        *,
        official_title: str,
        episode_key: str,
        due: str,
        days_late: int,
        poster_link: str | None = None,
    ) -> list[SendResult]:
        """Tell that a weekly show's next episode is late (core.missing_episodes). Never raises."""
        if not self._config.config.notification.enable:
            return []
        poster_url = self.poster_url(poster_link)
        message = Message(
            title=f"{official_title} {episode_key}",
            text=(
                f"{episode_key} 未按时到达（应于 {due}，已晚 {days_late} 天）/ "
                f"{episode_key} has not arrived (due {due}, {days_late} days late)"
            ),
            facts={"title": official_title, "episode_key": episode_key, "poster_url": poster_url},
            poster_file=self._poster_file(poster_link),
            poster_url=poster_url,
        )
        return await self._deliver(message)

    async def _deliver(self, message: Message) -> list[SendResult]:
        """Webhooks get each message at once (they are events for programs); the other
        providers at once too, or collected when `notification.digest_minutes` is set (then the
        results of what was sent now are returned)."""
        n = self._config.config.notification
        providers = self.enabled_providers()
        hooks = [p for p in providers if _kind(p) == "webhook"]
        people = [p for p in providers if _kind(p) != "webhook"]
        if n.digest_minutes <= 0:
            return await self._send_all(hooks + people, message)
        results = await self._send_all(hooks, message)
        return results + await self._digest.add(message, n.digest_minutes * 60.0)

    async def _send_digest(self, messages: list[Message]) -> list[SendResult]:
        people = [p for p in self.enabled_providers() if _kind(p) != "webhook"]
        return await self._send_all(people, combine(messages))

    @property
    def digest_pending(self) -> int:
        return self._digest.pending

    def resume_digest(self) -> None:
        """Send what a previous run collected and could not send (called once serving)."""
        self._digest.resume()

    async def flush_digest(self) -> list[SendResult]:
        return await self._digest.flush()

    async def close(self) -> None:
        """Send what the digest still holds (called when the daemon stops)."""
        try:
            await self._digest.close()
        except Exception:
            log.exception("Sending the collected notifications failed")
