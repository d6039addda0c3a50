"""AutoBangumi 3.2's factory configuration, and the AB_* environment bootstrap."""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any

from autobangumi_daemon.errors import invalid

__all__ = ["DEFAULTS", "env_overrides", "factory_defaults"]

DEFAULTS: dict[str, Any] = {
    "program": {"rss_time": 900, "rename_time": 60, "webui_port": 7892},
    "downloader": {
        "type": "qbittorrent",
        "host": "172.17.0.1:8080",
        "username": "admin",
        "password": "adminadmin",
        "path": "/downloads/Bangumi",
        "ssl": False,
        # Empty: this section is the instance "default"; a qBittorrent 5.2+ Web API key.
        "name": "",
        "api_key": "",
        # Off by default: renaming happens inside the downloader as before.
        "library_root": "",
        "library_mode": "",
        "path_mappings": [],
    },
    # Further downloader instances, each {"name", "type", "host", ...} as `downloader` above.
    "downloaders": [],
    "rss_parser": {"enable": True, "filter": ["720", "\\d+-\\d+"], "language": "zh"},
    "bangumi_manage": {
        "enable": True,
        "eps_complete": False,
        "rename_method": "pn",
        # Empty: the method's own names (`Title S01E05`); else e.g. `{title} S{season}E{episode}`.
        "rename_template": "",
        "group_tag": False,
        "remove_bad_torrent": False,
    },
    "log": {"debug_enable": False},
    "proxy": {"enable": False, "type": "http", "host": "", "port": 0, "username": "", "password": ""},
    "notification": {
        "enable": False,
        "providers": [],
        "type": None,
        "token": None,
        "chat_id": None,
        "base_url": "",
        "digest_minutes": 0,
        "on_complete": False,
    },
    "experimental_openai": {
        "enable": False,
        "api_key": "",
        "api_base": "https://api.openai.com/v1",
        "api_type": "openai",
        "api_version": "2023-05-15",
        "model": "gpt-3.5-turbo",
        "deployment_id": "",
    },
    "security": {
        "login_whitelist": [],
        "login_tokens": [],
        "mcp_whitelist": [],
        "mcp_tokens": [],
        "webauthn_rp_id": "",
        "webauthn_origin": "",
    },
    # The default preference ladder (core/preference.py); a rule's own fields override it.
    "preference": {
        "order": ["subtitle", "group", "resolution", "codec", "bitdepth", "source", "version"],
        "subtitles": [],
        "groups": [],
        "resolutions": [],
        "codecs": [],
        "sources": [],
        "delay_minutes": 0,
        "remove_superseded": False,
    },
    # Upstream sites; point them at mirrors or reverse proxies where the originals are blocked.
    "network": {
        "mikan_base_url": "https://mikanani.me",
        "tmdb_base_url": "https://api.themoviedb.org",
        "tmdb_api_key": "",
        "tmdb_image_base_url": "https://image.tmdb.org/t/p/w780",
        "bgm_base_url": "https://api.bgm.tv",
    },
    # Jellyfin, Emby and Plex servers told to scan a library folder; none by default.
    "media_server": {"servers": [], "write_nfo": False, "write_poster": False},
}


def factory_defaults() -> dict[str, Any]:
    return copy.deepcopy(DEFAULTS)


def _bool(v: str) -> bool:
    return v.strip().lower() in ("true", "1", "t", "yes", "on")


def _int(v: str) -> int:
    return int(v.strip())


_UNSET = object()


def _port(v: str) -> object:
    # AB_WEBUI_PORT=0 (any free port) is valid for a start, never as the stored port.
    port = int(v.strip())
    return _UNSET if port == 0 else port


# env name -> (section, key, converter), as AutoBangumi's Docker image documents them.
_ENV: dict[str, tuple[str, str, Any]] = {
    "AB_INTERVAL_TIME": ("program", "rss_time", _int),
    "AB_RENAME_FREQ": ("program", "rename_time", _int),
    "AB_WEBUI_PORT": ("program", "webui_port", _port),
    "AB_DOWNLOADER_TYPE": ("downloader", "type", str),
    "AB_DOWNLOADER_HOST": ("downloader", "host", str),
    "AB_DOWNLOADER_USERNAME": ("downloader", "username", str),
    "AB_DOWNLOADER_PASSWORD": ("downloader", "password", str),
    "AB_DOWNLOAD_PATH": ("downloader", "path", str),
    "AB_RSS_COLLECTOR": ("rss_parser", "enable", _bool),
    "AB_NOT_CONTAIN": ("rss_parser", "filter", lambda v: [x for x in v.split("|") if x]),
    "AB_LANGUAGE": ("rss_parser", "language", str),
    "AB_RENAME": ("bangumi_manage", "enable", _bool),
    "AB_METHOD": ("bangumi_manage", "rename_method", str),
    "AB_GROUP_TAG": ("bangumi_manage", "group_tag", _bool),
    "AB_EP_COMPLETE": ("bangumi_manage", "eps_complete", _bool),
    "AB_REMOVE_BAD_BT": ("bangumi_manage", "remove_bad_torrent", _bool),
    "AB_DEBUG_MODE": ("log", "debug_enable", _bool),
}


def env_overrides(env: Mapping[str, str]) -> dict[str, Any]:
    """The config fragments that AB_* variables set (used only when config.json is absent)."""
    out: dict[str, Any] = {}
    for name, (section, key, conv) in _ENV.items():
        raw = env.get(name)
        if raw is None or raw == "":
            continue
        try:
            value = conv(raw)
        except ValueError:
            # Refused rather than ignored: the variable is read only at the first start, so a
            # typo kept quiet would stay in config.json for good.
            raise invalid(
                f"{name} must be a whole number, not {raw!r}.", f"{name} 须为整数，而不是 {raw!r}。"
            ) from None
        if value is not _UNSET:
            out.setdefault(section, {})[key] = value
    proxy = env.get("AB_HTTP_PROXY")
    if proxy and ":" in proxy:
        host, _, port = proxy.rpartition(":")
        if port.isdigit():
            out["proxy"] = {"enable": True, "type": "http", "host": host, "port": int(port)}
    socks = env.get("AB_SOCKS")
    if socks:
        parts = socks.split(",")
        if len(parts) >= 2 and parts[1].strip().isdigit():
            out["proxy"] = {
                "enable": True,
                "type": "socks5",
                "host": parts[0].strip(),
                "port": int(parts[1]),
                "username": parts[2].strip() if len(parts) > 2 else "",
                "password": parts[3].strip() if len(parts) > 3 else "",
            }
    return out
