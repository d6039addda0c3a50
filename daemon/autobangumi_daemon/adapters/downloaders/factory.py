"""Build the configured `Downloader` from AutoBangumi's `downloader` config section."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from autobangumi_daemon.envvars import expand_vars

from .base import DEFAULT_TIMEOUT, Downloader

#: `mock` is AutoBangumi's in-process downloader for trying the product without a client.
SUPPORTED_TYPES = ("qbittorrent", "transmission", "aria2", "mock")


def _get(settings: Mapping[str, Any] | object, key: str, default: Any) -> Any:
    if isinstance(settings, Mapping):
        return settings.get(key, default)
    return getattr(settings, key, default)


def make_downloader(settings: Mapping[str, Any] | object, *, timeout: float = DEFAULT_TIMEOUT) -> Downloader:
    """From a dict or an object with attributes type, host, username, password, ssl (path unused here).

    Raises ValueError for an unknown type or an unusable host; network is not touched.
    """
    kind = str(_get(settings, "type", "qbittorrent") or "qbittorrent").strip().lower()
    if kind == "mock":
        from .mock import MockDownloader

        return MockDownloader()  # no host, no credentials: nothing to connect to
    host = expand_vars(str(_get(settings, "host", "") or ""))
    username = expand_vars(str(_get(settings, "username", "") or ""))
    password = expand_vars(str(_get(settings, "password", "") or ""))
    ssl = bool(_get(settings, "ssl", False))
    if kind == "qbittorrent":
        from .qbittorrent import QBittorrent

        api_key = expand_vars(str(_get(settings, "api_key", "") or ""))
        return QBittorrent(host, username, password, ssl=ssl, timeout=timeout, api_key=api_key)
    if kind == "transmission":
        from .transmission import Transmission

        return Transmission(host, username, password, ssl=ssl, timeout=timeout)
    if kind == "aria2":
        from .aria2 import Aria2

        return Aria2(host, password, ssl=ssl, timeout=timeout)
    raise ValueError(f"unknown downloader type {kind!r}; expected one of {', '.join(SUPPORTED_TYPES)}")
