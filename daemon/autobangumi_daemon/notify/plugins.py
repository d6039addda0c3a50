"""This project's two Apprise plugins (registered once, on import).

- `abtgram://host[:port][/path]/?bot=TOKEN&chat=ID&ssl=yes` — the Telegram Bot API at another
  base URL; sends a photo with a caption when a poster is attached, else a message.
- `abhook://host[:port][/path]/?ssl=yes&tpl=BASE64` — AutoBangumi's webhook: a JSON POST of the
  template with `{{title}}`, `{{season}}`, `{{episode}}`, `{{poster_url}}`, `{{message}}` filled in
  (JSON-escaped), or a default JSON object when no template is set.

Apprise runs these in a worker thread, so they use the blocking `requests` client it ships with.
"""

from __future__ import annotations

import base64
import json
import logging
from collections.abc import Callable
from typing import Any, cast

import requests
from apprise.decorators import notify as _untyped_notify

__all__ = ["EPISODE_KEYS", "render_template"]

log = logging.getLogger(__name__)

_Handler = Callable[..., bool]
# Apprise ships no type information; this is its decorator's real shape.
notify = cast(Callable[..., Callable[[_Handler], _Handler]], _untyped_notify)
TIMEOUT = (5.0, 15.0)
EPISODE_KEYS = ("title", "season", "episode", "poster_url")
DEFAULT_TEMPLATE = (
    '{"title": {{title}}, "season": {{season}}, "episode": {{episode}}, "poster_url": {{poster_url}},'
    ' "message": {{message}}}'
)


def _base(meta: dict[str, Any]) -> str:
    qsd = meta.get("qsd") or {}
    scheme = "http" if str(qsd.get("ssl", "yes")).lower() == "no" else "https"
    port = f":{meta['port']}" if meta.get("port") else ""
    path = str(meta.get("fullpath") or "").rstrip("/")
    return f"{scheme}://{meta['host']}{port}{path}"


def render_template(template: str, values: dict[str, Any], message: str) -> str:
    """Fill the placeholders with JSON values, so the result stays valid JSON."""
    out = template
    for key, value in {**values, "message": message}.items():
        out = out.replace("{{" + key + "}}", json.dumps(value, ensure_ascii=False))
    return out


def _first_attachment(attach: Any) -> str | None:
    if not attach:
        return None
    for item in attach:
        path = getattr(item, "path", None)
        if path:
            return str(path)
    return None


@notify(on="abtgram", name="Telegram Bot API (custom base URL)")
def _telegram(
    body: str, title: str, notify_type: str, *args: Any, meta: dict[str, Any], **kwargs: Any
) -> bool:
    qsd = meta.get("qsd") or {}
    bot, chat = qsd.get("bot"), qsd.get("chat")
    if not bot or not chat:
        log.warning("Telegram: bot token or chat id missing")
        return False
    api = f"{_base(meta)}/bot{bot}"
    text = f"{title}\n{body}" if title else body
    photo = _first_attachment(kwargs.get("attach"))
    try:
        if photo:
            with open(photo, "rb") as fh:
                resp = requests.post(
                    f"{api}/sendPhoto",
                    data={"chat_id": chat, "caption": text[:1024]},
                    files={"photo": fh},
                    timeout=TIMEOUT,
                )
        else:
            resp = requests.post(f"{api}/sendMessage", json={"chat_id": chat, "text": text}, timeout=TIMEOUT)
        ok = resp.status_code == 200 and bool(resp.json().get("ok"))
    except (requests.RequestException, ValueError, OSError) as exc:
        log.warning("Telegram: %s", type(exc).__name__)
        return False
    if not ok:
        log.warning("Telegram answered HTTP %s", resp.status_code)
    return ok


@notify(on="abhook", name="AutoBangumi webhook")
def _webhook(
    body: str, title: str, notify_type: str, *args: Any, meta: dict[str, Any], **kwargs: Any
) -> bool:
    qsd = meta.get("qsd") or {}
    template = DEFAULT_TEMPLATE
    if qsd.get("tpl"):
        template = base64.urlsafe_b64decode(str(qsd["tpl"]).encode()).decode()
    # The episode facts travel in the body as JSON (see Notifier), so the plugin can fill the template.
    try:
        values = json.loads(body)
        message = str(values.pop("message", ""))
    except (ValueError, AttributeError):
        values, message = {"title": title}, body
    payload = render_template(template, {k: values.get(k) for k in EPISODE_KEYS}, message)
    try:
        resp = requests.post(
            _base(meta), data=payload.encode(), headers={"Content-Type": "application/json"}, timeout=TIMEOUT
        )
    except requests.RequestException as exc:
        log.warning("Webhook: %s", type(exc).__name__)
        return False
    if resp.status_code >= 400:
        log.warning("Webhook answered HTTP %s", resp.status_code)
        return False
    return True
