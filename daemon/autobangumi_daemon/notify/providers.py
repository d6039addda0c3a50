"""AutoBangumi's notification provider settings as Apprise URLs.

Each AutoBangumi provider type maps onto the Apprise service that speaks the same API; a
provider of type `apprise` (or any provider whose `url` is an Apprise URL) is used as is.
Two cases Apprise cannot express get this project's small Apprise plugins (plugins.py): a
Telegram Bot API at another base URL (users behind a Telegram API proxy) and AutoBangumi's
webhook with a body template.
"""

from __future__ import annotations

import base64
import os
from collections.abc import Mapping
from typing import Any
from urllib.parse import quote, urlencode, urlsplit

__all__ = ["KNOWN_TYPES", "ProviderError", "provider_url"]

KNOWN_TYPES = (
    "telegram",
    "discord",
    "bark",
    "server-chan",
    "serverchan",
    "wecom",
    "gotify",
    "pushover",
    "webhook",
    "ntfy",
    "apprise",
)
TELEGRAM_API_ENV = "AB_TELEGRAM_API_BASE"


class ProviderError(ValueError):
    def __init__(self, msg_en: str, msg_zh: str) -> None:
        super().__init__(msg_en)
        self.msg_en = msg_en
        self.msg_zh = msg_zh


def _need(p: Mapping[str, Any], key: str, kind: str) -> str:
    value = str(p.get(key) or "").strip()
    if not value:
        raise ProviderError(f"{kind} needs `{key}`.", f"{kind} 需要填写 `{key}`。")
    return value


def _host_url(url: str, kind: str) -> tuple[bool, str]:
    """(https?, host[:port][/path]) of a server URL; a bare host means https."""
    if "://" not in url:
        url = "https://" + url
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ProviderError(f"{kind}: {url!r} is not an http(s) URL.", f"{kind}：{url!r} 不是 http(s) 地址。")
    return parts.scheme == "https", (parts.netloc + parts.path.rstrip("/"))


def _telegram(p: Mapping[str, Any]) -> str:
    token = _need(p, "token", "Telegram")
    chat = _need(p, "chat_id", "Telegram")
    base = str(p.get("server_url") or os.environ.get(TELEGRAM_API_ENV) or "").strip()
    if not base:
        return f"tgram://{quote(token, safe=':')}/{quote(chat, safe='')}"
    secure, host = _host_url(base, "Telegram")
    query = urlencode({"bot": token, "chat": chat, "ssl": "yes" if secure else "no"})
    return f"abtgram://{host}/?{query}"


def _webhook(p: Mapping[str, Any]) -> str:
    url = str(p.get("url") or p.get("webhook_url") or "").strip()
    if not url:
        raise ProviderError("Webhook needs `url`.", "Webhook 需要填写 `url`。")
    secure, host = _host_url(url, "Webhook")
    query = {"ssl": "yes" if secure else "no"}
    template = p.get("template")
    if template:
        query["tpl"] = base64.urlsafe_b64encode(str(template).encode()).decode()
    return f"abhook://{host}/?{urlencode(query)}"


def provider_url(p: Mapping[str, Any]) -> str:
    """The Apprise URL for one provider (a dict with AutoBangumi's provider keys)."""
    kind = str(p.get("type") or "").strip().lower()
    if kind == "telegram":
        return _telegram(p)
    if kind == "discord":
        hook = _need(p, "webhook_url", "Discord")
        parts = [x for x in urlsplit(hook).path.split("/") if x]
        if len(parts) < 2 or "webhooks" not in parts:
            raise ProviderError(
                "Discord needs a webhook URL (…/api/webhooks/ID/TOKEN).",
                "Discord 需要 Webhook 地址（…/api/webhooks/ID/TOKEN）。",
            )
        return f"discord://{parts[-2]}/{parts[-1]}"
    if kind == "bark":
        device = str(p.get("device_key") or p.get("token") or "").strip()
        if not device:
            raise ProviderError("Bark needs `device_key`.", "Bark 需要填写 `device_key`。")
        secure, host = _host_url(str(p.get("server_url") or "https://api.day.app"), "Bark")
        return f"{'barks' if secure else 'bark'}://{host}/{quote(device, safe='')}"
    if kind in ("server-chan", "serverchan"):
        return f"schan://{quote(_need(p, 'token', 'ServerChan'), safe='')}"
    if kind == "wecom":
        hook = str(p.get("webhook_url") or "").strip()
        key = (
            dict(x.split("=", 1) for x in urlsplit(hook).query.split("&") if "=" in x).get("key")
            if hook
            else None
        )
        key = key or str(p.get("token") or "").strip()
        if not key:
            raise ProviderError(
                "WeCom needs its bot webhook URL (with key=).", "企业微信需要机器人 Webhook 地址（含 key=）。"
            )
        return f"wecombot://{quote(key, safe='')}"
    if kind == "gotify":
        secure, host = _host_url(_need(p, "server_url", "Gotify"), "Gotify")
        return f"{'gotifys' if secure else 'gotify'}://{host}/{quote(_need(p, 'token', 'Gotify'), safe='')}"
    if kind == "pushover":
        user = _need(p, "user_key", "Pushover")
        return f"pover://{quote(user, safe='')}@{quote(_need(p, 'api_token', 'Pushover'), safe='')}"
    if kind == "ntfy":
        secure, host = _host_url(str(p.get("server_url") or "https://ntfy.sh"), "ntfy")
        topic = str(p.get("chat_id") or p.get("token") or "").strip()
        if not topic:
            raise ProviderError("ntfy needs a topic (`chat_id`).", "ntfy 需要填写主题（`chat_id`）。")
        return f"{'ntfys' if secure else 'ntfy'}://{host}/{quote(topic, safe='')}"
    if kind == "webhook":
        return _webhook(p)
    url = str(p.get("url") or "").strip()
    if (kind == "apprise" or kind not in KNOWN_TYPES) and "://" in url:
        return url
    raise ProviderError(f"Unknown notification type: {kind!r}.", f"未知的通知类型：{kind!r}。")
