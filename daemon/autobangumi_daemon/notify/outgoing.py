"""The HTTP request each AutoBangumi provider type sends, and how its answer is read.

These are sent with the project's own HTTP client (adapters/http.py), so they follow the
`proxy` setting, the SSRF policy and its time bounds like every other fetch. The request
shapes are the services' documented APIs (and AutoBangumi's choices where it made one).
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode, urlsplit

import aiohttp

from autobangumi_daemon.notify.providers import ProviderError
from autobangumi_daemon.notify.template import DEFAULT_TEMPLATE, render_template

__all__ = ["DIRECT_TYPES", "Message", "Outgoing", "build_request", "read_answer"]

TELEGRAM_API_ENV = "AB_TELEGRAM_API_BASE"
DIRECT_TYPES = frozenset(
    {
        "telegram",
        "discord",
        "bark",
        "server-chan",
        "serverchan",
        "wecom",
        "gotify",
        "pushover",
        "ntfy",
        "webhook",
    }
)


@dataclass(frozen=True, slots=True)
class Message:
    """One notification: a title and a text for people, the episode facts for templates."""

    title: str
    text: str
    facts: Mapping[str, Any] = field(default_factory=dict)  # title, season, episode, poster_url
    poster_file: Path | None = None  # the local poster, uploaded where the service takes files
    poster_url: str | None = None  # the absolute URL of the same poster

    @property
    def full_text(self) -> str:
        return f"{self.title}\n{self.text}" if self.title else self.text


@dataclass(frozen=True, slots=True)
class Outgoing:
    url: str
    body: bytes = b""
    content_type: str = "application/json"
    headers: Mapping[str, str] = field(default_factory=dict)
    form: Mapping[str, str] | None = None  # urlencoded form (or multipart with `file`)
    file: tuple[str, Path] | None = None  # (field name, path): multipart upload
    # How a 2xx answer says the message was refused anyway: "telegram" ({"ok": false}),
    # "wecom" ({"errcode": non-zero}), "serverchan" ({"code": non-zero}); "" trusts the status.
    answer: str = ""

    def payload(self) -> Any:
        """What aiohttp sends; built per attempt (a FormData can be sent only once)."""
        if self.file is not None:
            data = aiohttp.FormData()
            for k, v in (self.form or {}).items():
                data.add_field(k, v)
            name, path = self.file
            data.add_field(name, path.read_bytes(), filename=path.name)
            return data
        if self.form is not None:
            return urlencode(dict(self.form)).encode()
        return self.body

    def send_headers(self) -> dict[str, str]:
        headers = dict(self.headers)
        if self.file is None:
            ctype = "application/x-www-form-urlencoded" if self.form is not None else self.content_type
            headers["Content-Type"] = ctype
        return headers


def _json(url: str, obj: Any, **kw: Any) -> Outgoing:
    return Outgoing(url, json.dumps(obj, ensure_ascii=False).encode(), **kw)


def _need(p: Mapping[str, Any], key: str, kind: str) -> str:
    value = str(p.get(key) or "").strip()
    if not value:
        raise ProviderError(f"{kind} needs `{key}`.", f"{kind} 需要填写 `{key}`。")
    return value


def _base(url: str, kind: str) -> str:
    """An http(s) server URL without its trailing slash; a bare host means https."""
    url = url.strip()
    if "://" not in url:
        url = "https://" + url
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ProviderError(f"{kind}: {url!r} is not an http(s) URL.", f"{kind}：{url!r} 不是 http(s) 地址。")
    return url.rstrip("/")


def _telegram(p: Mapping[str, Any], m: Message) -> Outgoing:
    token = _need(p, "token", "Telegram")
    chat = _need(p, "chat_id", "Telegram")
    base = str(p.get("server_url") or os.environ.get(TELEGRAM_API_ENV) or "https://api.telegram.org")
    api = f"{_base(base, 'Telegram')}/bot{token}"
    # Silent, as AutoBangumi sends them: a new episode is news, not an alarm at 3 a.m.
    if m.poster_file is not None:
        return Outgoing(
            f"{api}/sendPhoto",
            form={"chat_id": chat, "caption": m.full_text[:1024], "disable_notification": "true"},
            file=("photo", m.poster_file),
            answer="telegram",
        )
    body = {"chat_id": chat, "text": m.full_text[:4096], "disable_notification": True}
    return _json(f"{api}/sendMessage", body, answer="telegram")


def _discord(p: Mapping[str, Any], m: Message) -> Outgoing:
    hook = _base(_need(p, "webhook_url", "Discord"), "Discord")
    if "/webhooks/" not in urlsplit(hook).path:
        raise ProviderError(
            "Discord needs a webhook URL (…/api/webhooks/ID/TOKEN).",
            "Discord 需要 Webhook 地址（…/api/webhooks/ID/TOKEN）。",
        )
    embed: dict[str, Any] = {"title": f"📺 {m.title}"[:256], "description": m.text[:4096]}
    if m.poster_url:
        embed["image"] = {"url": m.poster_url}
    return _json(hook, {"embeds": [embed]})


def _bark(p: Mapping[str, Any], m: Message) -> Outgoing:
    device = str(p.get("device_key") or p.get("token") or "").strip()
    if not device:
        raise ProviderError("Bark needs `device_key`.", "Bark 需要填写 `device_key`。")
    server = _base(str(p.get("server_url") or "https://api.day.app"), "Bark")
    body: dict[str, Any] = {"title": m.title, "body": m.text, "device_key": device}
    if m.poster_url:
        body["icon"] = m.poster_url
    return _json(f"{server}/push", body)


def _serverchan(p: Mapping[str, Any], m: Message) -> Outgoing:
    key = _need(p, "token", "ServerChan")
    if key.startswith("sctp") and "t" in key[4:]:
        # ServerChan³ keys (sctp<uid>t...) have their own host per user.
        uid = key[4:].split("t", 1)[0]
        url = f"https://{uid}.push.ft07.com/send/{quote(key, safe='')}.send"
    else:
        url = f"https://sctapi.ftqq.com/{quote(key, safe='')}.send"
    return Outgoing(url, form={"title": m.title[:100], "desp": m.text}, answer="serverchan")


def _wecom(p: Mapping[str, Any], m: Message) -> Outgoing:
    hook = str(p.get("webhook_url") or p.get("chat_id") or "").strip()
    if not hook:
        key = str(p.get("token") or "").strip()
        if not key:
            raise ProviderError(
                "WeCom needs its bot webhook URL (with key=).", "企业微信需要机器人 Webhook 地址（含 key=）。"
            )
        hook = f"https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key={quote(key, safe='')}"
    return _json(
        _base(hook, "WeCom"), {"msgtype": "text", "text": {"content": m.full_text[:2048]}}, answer="wecom"
    )


def _gotify(p: Mapping[str, Any], m: Message) -> Outgoing:
    server = _base(_need(p, "server_url", "Gotify"), "Gotify")
    token = _need(p, "token", "Gotify")
    # The token goes in its header, not the query string, so proxies and logs never see it.
    return _json(
        f"{server}/message",
        {"title": m.title, "message": m.text, "priority": 5},
        headers={"X-Gotify-Key": token},
    )


def _pushover(p: Mapping[str, Any], m: Message) -> Outgoing:
    token = str(p.get("api_token") or p.get("token") or "").strip()
    if not token:
        raise ProviderError("Pushover needs `api_token`.", "Pushover 需要填写 `api_token`。")
    form = {
        "token": token,
        "user": _need(p, "user_key", "Pushover"),
        "title": m.title[:250],
        "message": m.text[:1024],
    }
    if m.poster_url:
        form["url"] = m.poster_url
    return Outgoing("https://api.pushover.net/1/messages.json", form=form)


def _ntfy(p: Mapping[str, Any], m: Message) -> Outgoing:
    server = _base(str(p.get("server_url") or "https://ntfy.sh"), "ntfy")
    topic = str(p.get("chat_id") or p.get("token") or "").strip()
    if not topic:
        raise ProviderError("ntfy needs a topic (`chat_id`).", "ntfy 需要填写主题（`chat_id`）。")
    body: dict[str, Any] = {"topic": topic, "title": m.title, "message": m.text}
    if m.poster_url:
        body["icon"] = m.poster_url
    return _json(server + "/", body)


def _webhook(p: Mapping[str, Any], m: Message) -> Outgoing:
    url = str(p.get("url") or p.get("webhook_url") or "").strip()
    if not url:
        raise ProviderError("Webhook needs `url`.", "Webhook 需要填写 `url`。")
    template = str(p.get("template") or "").strip() or DEFAULT_TEMPLATE
    values = {"title": m.title, "season": None, "episode": None, "poster_url": None, **m.facts}
    values["message"] = m.text
    body = render_template(template, values)
    try:
        json.loads(body)
        ctype = "application/json"
    except ValueError:
        # A template that is not JSON (plain text for a chat bot) is sent as what it is.
        ctype = "text/plain; charset=utf-8"
    return Outgoing(_base(url, "Webhook"), body.encode(), content_type=ctype)


_BUILDERS = {
    "telegram": _telegram,
    "discord": _discord,
    "bark": _bark,
    "server-chan": _serverchan,
    "serverchan": _serverchan,
    "wecom": _wecom,
    "gotify": _gotify,
    "pushover": _pushover,
    "ntfy": _ntfy,
    "webhook": _webhook,
}


def build_request(provider: Mapping[str, Any], message: Message) -> Outgoing:
    """The request for one provider of a built-in type; ProviderError for missing settings."""
    kind = str(provider.get("type") or "").strip().lower()
    return _BUILDERS[kind](provider, message)


def read_answer(out: Outgoing, status: int, body: bytes) -> tuple[str, str] | None:
    """None when the service took the message, else a short reason in English and Chinese
    (never the body itself, which may echo a token)."""
    if status >= 300:
        return f"HTTP {status}", f"HTTP {status}"
    if not out.answer:
        return None
    try:
        reply = json.loads(body)
    except ValueError:
        reply = None
    if not isinstance(reply, dict):
        return "the service gave no confirmation", "服务没有确认收到"
    if out.answer == "telegram" and reply.get("ok") is not True:
        return "the Bot API did not confirm the message", "Bot API 没有确认收到消息"
    if out.answer == "wecom" and reply.get("errcode") != 0:
        code = reply.get("errcode")
        return f"WeCom answered errcode {code!r}", f"企业微信返回错误码 {code!r}"
    if out.answer == "serverchan" and reply.get("code") != 0:
        code = reply.get("code")
        return f"ServerChan answered code {code!r}", f"Server酱返回错误码 {code!r}"
    return None
