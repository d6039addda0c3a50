"""Which notification providers exist, and the Apprise URL of a generic `apprise` provider.

AutoBangumi's own provider types (telegram, discord, bark, server-chan, wecom, gotify,
pushover, ntfy, webhook) are sent by this project itself (outgoing.py), through the `proxy`
setting. A provider of type `apprise` (or of an unknown type with an Apprise `url`) is handed
to Apprise as it is; Apprise uses its own HTTP client, which reads the standard
HTTPS_PROXY / HTTP_PROXY environment variables, not the `proxy` setting.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

__all__ = ["KNOWN_TYPES", "ProviderError", "apprise_url"]

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


class ProviderError(ValueError):
    def __init__(self, msg_en: str, msg_zh: str) -> None:
        super().__init__(msg_en)
        self.msg_en = msg_en
        self.msg_zh = msg_zh


def apprise_url(p: Mapping[str, Any]) -> str:
    """The Apprise URL of a provider that is not one of AutoBangumi's own types."""
    kind = str(p.get("type") or "").strip().lower()
    url = str(p.get("url") or "").strip()
    if (kind == "apprise" or kind not in KNOWN_TYPES) and "://" in url:
        return url
    if kind == "apprise":
        raise ProviderError("Apprise needs `url`.", "Apprise 需要填写 `url`。")
    raise ProviderError(f"Unknown notification type: {kind!r}.", f"未知的通知类型：{kind!r}。")
