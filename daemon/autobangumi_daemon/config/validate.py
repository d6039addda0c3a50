"""Checks beyond types (the contract's types are checked when JSON is parsed)."""

from __future__ import annotations

import ipaddress
import re
from typing import Any
from urllib.parse import urlsplit

from autobangumi_daemon.core.pathmap import check_mappings
from autobangumi_daemon.core.preference import check_ladder
from autobangumi_daemon.core.rename_template import check_template
from autobangumi_daemon.errors import DaemonError, invalid

__all__ = ["DEFAULT_DOWNLOADER", "downloader_names", "validate_config"]

DEFAULT_DOWNLOADER = "default"
_NAME = re.compile(r"[A-Za-z0-9_-]{1,32}")
_TYPES = ("qbittorrent", "transmission", "aria2", "mock")
_LIBRARY_MODES = ("", "hardlink", "copy", "move")
# The scan APIs library/mediaserver.py speaks.
_MEDIA_SERVER_TYPES = ("jellyfin", "emby", "plex")

_CHOICES: dict[tuple[str, str], tuple[str, ...]] = {
    ("downloader", "type"): _TYPES,
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


def _is_base_url(url: str) -> bool:
    """An http(s) URL with a host and no query or fragment: what a base address may be."""
    parts = urlsplit(url)
    return (
        parts.scheme in ("http", "https") and bool(parts.hostname) and not parts.query and not parts.fragment
    )


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
    _check_downloaders(cfg)
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
        if not _is_base_url(url):
            raise _bad(
                f"network.{key}",
                f"{url!r} is not an http(s) base URL (no query or fragment).",
                f"{url!r} 不是有效的 http(s) 基础地址（不能带查询参数或片段）。",
            )
    base = str(cfg["notification"]["base_url"]).strip()
    if base and not _is_base_url(base):
        raise _bad(
            "notification.base_url",
            f"{base!r} is not an http(s) base URL (no query or fragment); leave it empty for the default.",
            f"{base!r} 不是有效的 http(s) 基础地址（不能带查询参数或片段）；留空则使用默认值。",
        )
    check_template(str(cfg["bangumi_manage"]["rename_template"]))
    check_ladder(cfg["preference"]["order"], int(cfg["preference"]["delay_minutes"]), "preference")
    _check_media_servers(cfg.get("media_server") or {})
    for i, provider in enumerate(cfg["notification"]["providers"]):
        if not str(provider.get("type") or "").strip():
            raise _bad(
                f"notification.providers[{i}].type", "a provider needs a type.", "通知渠道必须指定类型。"
            )


def _check_media_servers(section: dict[str, Any]) -> None:
    """Each media server needs a known type and an http(s) URL: a typo here would otherwise only
    show as a scan that never happens, logged once, long after the settings were saved."""
    for i, server in enumerate(section.get("servers") or []):
        path = f"media_server.servers[{i}]"
        kind = str(server.get("type") or "").strip().lower()
        if kind not in _MEDIA_SERVER_TYPES:
            allowed = ", ".join(_MEDIA_SERVER_TYPES)
            raise _bad(
                f"{path}.type", f"{kind!r} is not one of {allowed}.", f"{kind!r} 不在 {allowed} 之中。"
            )
        url = str(server.get("url") or "").strip()
        if not _is_base_url(url):
            raise _bad(
                f"{path}.url",
                f"{url!r} is not an http(s) base URL (no query or fragment).",
                f"{url!r} 不是有效的 http(s) 基础地址（不能带查询参数或片段）。",
            )
        check_mappings(server.get("path_mappings") or [], f"{path}.path_mappings", "server_path")


def downloader_names(cfg: dict[str, Any]) -> set[str]:
    """Every instance name a rule or a feed may use ("default" included)."""
    return {DEFAULT_DOWNLOADER} | {str(d.get("name") or "") for d in cfg.get("downloaders") or []}


def _check_downloaders(cfg: dict[str, Any]) -> None:
    """The default's name is empty or "default"; the others' are unique, valid and not "default"."""
    own = str(cfg["downloader"].get("name") or "")
    if own not in ("", DEFAULT_DOWNLOADER):
        raise _bad(
            "downloader.name",
            f"the default instance is named {DEFAULT_DOWNLOADER!r} (or left empty), not {own!r}.",
            f"默认下载器的名称只能是 {DEFAULT_DOWNLOADER!r}（或留空），不能是 {own!r}。",
        )
    _check_library("downloader", cfg["downloader"])
    seen: set[str] = set()
    for i, inst in enumerate(cfg.get("downloaders") or []):
        path = f"downloaders[{i}]"
        name = str(inst.get("name") or "")
        if not _NAME.fullmatch(name):
            raise _bad(
                f"{path}.name",
                f"{name!r} is not a name of 1-32 letters, digits, '_' or '-'.",
                f"{name!r} 不是有效的名称（1-32 个字母、数字、下划线或连字符）。",
            )
        if name.lower() == DEFAULT_DOWNLOADER:
            raise _bad(
                f"{path}.name",
                f"{name!r} is reserved for the `downloader` section.",
                f"{name!r} 保留给 `downloader` 部分（默认下载器）使用。",
            )
        if name in seen:
            raise _bad(
                f"{path}.name",
                f"another instance is already named {name!r}.",
                f"已有另一个下载器实例名为 {name!r}。",
            )
        seen.add(name)
        kind = inst.get("type")
        if kind not in _TYPES:
            allowed = ", ".join(_TYPES)
            raise _bad(
                f"{path}.type", f"{kind!r} is not one of {allowed}.", f"{kind!r} 不在 {allowed} 之中。"
            )
        if not str(inst.get("path") or "").strip():
            raise _bad(f"{path}.path", "the download path must not be empty.", "下载路径不能为空。")
        _check_library(path, inst)


def _check_library(path: str, inst: dict[str, Any]) -> None:
    """One instance's library root, mode and path mappings (the default and every further one:
    each instance places its own episodes)."""
    root = str(inst.get("library_root") or "").strip()
    if root and not root.startswith("/"):
        raise _bad(
            f"{path}.library_root",
            f"{root!r} is not an absolute path (leave it empty for no library).",
            f"{root!r} 不是绝对路径（留空则不使用媒体库）。",
        )
    mode = inst.get("library_mode") or ""
    if mode not in _LIBRARY_MODES:
        allowed = ", ".join(repr(m) for m in _LIBRARY_MODES)
        raise _bad(
            f"{path}.library_mode", f"{mode!r} is not one of {allowed}.", f"{mode!r} 不在 {allowed} 之中。"
        )
    check_mappings(inst.get("path_mappings") or [], f"{path}.path_mappings")
