"""Sending: one Apprise call per provider, in worker threads, bounded in time, never raising."""

from __future__ import annotations

import asyncio
import json
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

from autobangumi.jsonmap import to_json_dict
from autobangumi.v1 import program_pb2
from autobangumi_daemon.config import ConfigStore
from autobangumi_daemon.envvars import expand_vars
from autobangumi_daemon.events import EventBus
from autobangumi_daemon.notify.providers import ProviderError, provider_url

__all__ = ["Notifier", "SendResult", "provider_dict"]

log = logging.getLogger(__name__)
SEND_LIMIT = 30.0
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


def _send_blocking(url: str, title: str, body: str, attach: str | None) -> tuple[bool, str]:
    # Apprise loads ~100 service modules: imported on the first message, not at start-up.
    import apprise

    from autobangumi_daemon.notify import plugins  # noqa: F401  (registers abtgram:// and abhook://)

    ap = apprise.Apprise()
    if not ap.add(url):
        return False, "the provider URL was not accepted"
    with cast(Any, apprise).LogCapture(level=apprise.logging.WARNING, fmt="%(message)s") as logs:
        ok = bool(ap.notify(body=body, title=title, attach=attach))
        detail = logs.getvalue().strip().splitlines()
    return ok, (detail[-1][:200] if detail else "")


class Notifier:
    def __init__(self, config: ConfigStore, bus: EventBus, posters_dir: Path) -> None:
        self._config = config
        self._bus = bus
        self._posters = posters_dir

    def enabled_providers(self) -> list[dict[str, Any]]:
        n = self._config.config.notification
        return [provider_dict(p) for p in n.providers if p.enabled]

    def _poster_file(self, poster_link: str | None) -> str | None:
        if not poster_link or "://" in poster_link:
            return None
        path = (self._posters.parent / poster_link).resolve()
        return str(path) if path.is_file() and path.is_relative_to(self._posters.resolve()) else None

    async def send_one(
        self,
        provider: dict[str, Any],
        title: str,
        message: str,
        *,
        facts: dict[str, Any] | None = None,
        poster_link: str | None = None,
    ) -> SendResult:
        kind = str(provider.get("type") or "apprise")
        try:
            url = provider_url(provider)
        except ProviderError as exc:
            return SendResult(kind, False, exc.msg_en, exc.msg_zh)
        body = message
        if url.startswith("abhook://"):
            body = json.dumps({**(facts or {"title": title}), "message": message}, ensure_ascii=False)
        try:
            ok, detail = await asyncio.wait_for(
                asyncio.to_thread(_send_blocking, url, title, body, self._poster_file(poster_link)),
                SEND_LIMIT,
            )
        except TimeoutError:
            ok, detail = False, "timed out"
        result = (
            SendResult(kind, True, f"Sent through {kind}.", f"已通过 {kind} 发送。")
            if ok
            else SendResult(
                kind,
                False,
                f"Sending through {kind} failed{': ' + detail if detail else '.'}",
                f"通过 {kind} 发送失败{'：' + detail if detail else '。'}",
            )
        )
        self._bus.publish(program_pb2.NotificationSentEvent(provider=kind, title=title, success=ok))
        if not ok:
            log.warning("Notification through %s failed: %s", kind, detail or "no detail")
        return result

    async def test(self, provider: dict[str, Any]) -> SendResult:
        return await self.send_one(
            provider,
            "AutoBangumi",
            "This is a test notification from AutoBangumi. / 这是一条来自 AutoBangumi 的测试通知。",
        )

    async def episode(
        self, *, official_title: str, season: int, episode: float | int, poster_link: str | None = None
    ) -> list[SendResult]:
        """One message per enabled provider for one renamed episode. Never raises."""
        if not self._config.config.notification.enable:
            return []
        ep = int(episode) if float(episode).is_integer() else episode
        ep_code = f"{ep:02d}" if isinstance(ep, int) else f"{ep:04.1f}"
        title = f"{official_title} S{season:02d}E{ep_code}"
        message = f"{official_title}\n第 {season} 季 第 {ep} 集 / Season {season}, episode {ep}"
        facts = {"title": official_title, "season": season, "episode": ep, "poster_url": poster_link}
        results = await asyncio.gather(
            *(
                self.send_one(p, title, message, facts=facts, poster_link=poster_link)
                for p in self.enabled_providers()
            ),
            return_exceptions=True,
        )
        out = []
        for r in results:
            if isinstance(r, SendResult):
                out.append(r)
            else:
                log.error("Notification crashed: %r", r)
        return out
