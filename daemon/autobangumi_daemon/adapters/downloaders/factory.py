"""Build the configured `Downloader` from AutoBangumi's `downloader` config section."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from typing import Any

from .base import DEFAULT_TIMEOUT, Downloader

SUPPORTED_TYPES = ("qbittorrent", "transmission", "aria2")

_ENV_REF = re.compile(r"^\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?$")


def expand_env(value: str) -> str:
    """`$VAR` / `${VAR}` as the *whole* value reads the environment (AutoBangumi's rule).

    Only a whole-value reference is expanded, so a password that merely contains `$` is kept
    as typed. An unset variable expands to "" rather than leaking the literal `$NAME`.
    """
    m = _ENV_REF.match(value.strip())
    if m is None:
        return value
    return os.environ.get(m.group(1), "")


def _get(settings: Mapping[str, Any] | object, key: str, default: Any) -> Any:
    if isinstance(settings, Mapping):
        return settings.get(key, default)
    return getattr(settings, key, default)


def make_downloader(settings: Mapping[str, Any] | object, *, timeout: float = DEFAULT_TIMEOUT) -> Downloader:
    """From a dict or an object with attributes type, host, username, password, ssl (path unused here).

    Raises ValueError for an unknown type or an unusable host; network is not touched.
    """
    kind = str(_get(settings, "type", "qbittorrent") or "qbittorrent").strip().lower()
    host = expand_env(str(_get(settings, "host", "") or ""))
    username = expand_env(str(_get(settings, "username", "") or ""))
    password = expand_env(str(_get(settings, "password", "") or ""))
    ssl = bool(_get(settings, "ssl", False))
    if kind == "qbittorrent":
        from .qbittorrent import QBittorrent

        return QBittorrent(host, username, password, ssl=ssl, timeout=timeout)
    if kind == "transmission":
        from .transmission import Transmission

        return Transmission(host, username, password, ssl=ssl, timeout=timeout)
    if kind == "aria2":
        from .aria2 import Aria2

        return Aria2(host, password, ssl=ssl, timeout=timeout)
    raise ValueError(f"unknown downloader type {kind!r}; expected one of {', '.join(SUPPORTED_TYPES)}")
