"""Checks beyond types (the contract's types are checked when JSON is parsed)."""

from __future__ import annotations

import ipaddress
from typing import Any
from urllib.parse import urlsplit

from autobangumi_daemon.core.pathmap import check_mappings
from autobangumi_daemon.core.rename_template import check_template
from autobangumi_daemon.errors import DaemonError, invalid

__all__ = ["validate_config"]

_CHOICES: dict[tuple[str, str], tuple[str, ...]] = {
    ("downloader", "type"): ("qbittorrent", "transmission", "aria2", "mock"),
    ("downloader", "library_mode"): ("", "hardlink", "copy", "move"),
    ("rss_parser", "language"): ("zh", "en", "jp"),
    ("bangumi_manage", "rename_method"): ("pn", "advance", "normal", "none"),
    ("proxy", "type"): ("http", "https", "socks5"),
    ("experimental_openai", "api_type"): ("openai", "azure"),
}

_RANGES: dict[tuple[str, str], tuple[int, int]] = {
    ("program", "rss_time"): (30, 7 * 86400),
    ("program", "rename_time"): (5, 86400),
    ("program", "webui_port"): (1, 65535),
    ("proxy", "port"): (0, 65535),
    ("notification", "digest_minutes"): (0, 24 * 60),
}


def _bad(path: str, en: str, zh: str) -> DaemonError:
    return invalid(f"Invalid config value at {path}: {en}", f"配置项 {path} 的值无效：{zh}")


def validate_config(cfg: dict[str, Any]) -> None:
    """Raise a bilingual INVALID_ARGUMENT naming the first bad field."""
    for (section, key), choices in _CHOICES.items():
        value = cfg[section][key]
        if value not in choices:
            allowed = ", ".join(choices)
            raise _bad(
                f"{section}.{key}", f"{value!r} is not one of {allowed}.", f"{value!r} 不在 {allowed} 之中。"
            )
    for (section, key), (low, high) in _RANGES.items():
        value = cfg[section][key]
        if not low <= value <= high:
            raise _bad(
                f"{section}.{key}", f"{value} is outside {low}..{high}.", f"{value} 超出范围 {low}..{high}。"
            )
    if not str(cfg["downloader"]["path"]).strip():
        raise _bad("downloader.path", "the download path must not be empty.", "下载路径不能为空。")
    root = str(cfg["downloader"]["library_root"]).strip()
    if root and not root.startswith("/"):
        raise _bad(
            "downloader.library_root",
            f"{root!r} is not an absolute path (leave it empty for no library).",
            f"{root!r} 不是绝对路径（留空则不使用媒体库）。",
        )
    check_mappings(cfg["downloader"]["path_mappings"])
    for key in ("login_whitelist", "mcp_whitelist"):
        for i, item in enumerate(cfg["security"][key]):
            try:
                ipaddress.ip_network(str(item).strip(), strict=False)
            except ValueError:
                raise _bad(
                    f"security.{key}[{i}]",
                    f"{item!r} is not an IP network (CIDR).",
                    f"{item!r} 不是有效的 IP 网段（CIDR）。",
                ) from None
    for key in ("mikan_base_url", "tmdb_base_url", "tmdb_image_base_url", "bgm_base_url"):
        url = str(cfg["network"][key]).strip()
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname or parts.query or parts.fragment:
            raise _bad(
                f"network.{key}",
                f"{url!r} is not an http(s) base URL (no query or fragment).",
                f"{url!r} 不是有效的 http(s) 基础地址（不能带查询参数或片段）。",
            )
    base = str(cfg["notification"]["base_url"]).strip()
    parts = urlsplit(base)
    if base and (
        parts.scheme not in ("http", "https") or not parts.hostname or parts.query or parts.fragment
    ):
        raise _bad(
            "notification.base_url",
            f"{base!r} is not an http(s) base URL (no query or fragment); leave it empty for the default.",
            f"{base!r} 不是有效的 http(s) 基础地址（不能带查询参数或片段）；留空则使用默认值。",
        )
    check_template(str(cfg["bangumi_manage"]["rename_template"]))
    for i, provider in enumerate(cfg["notification"]["providers"]):
        if not str(provider.get("type") or "").strip():
            raise _bad(
                f"notification.providers[{i}].type", "a provider needs a type.", "通知渠道必须指定类型。"
            )
