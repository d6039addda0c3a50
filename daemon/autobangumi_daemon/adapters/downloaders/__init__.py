"""BitTorrent client adapters (qBittorrent, Transmission, aria2) behind one async protocol."""

from .base import (
    OWN_CATEGORIES,
    RULE_TAG_PREFIX,
    AuthFailed,
    BadTorrent,
    Banned,
    Capabilities,
    Conflict,
    Downloader,
    DownloaderError,
    NotFound,
    NotThatServer,
    TlsError,
    TorrentFile,
    TorrentInfo,
    Unreachable,
    Unsupported,
)
from .factory import SUPPORTED_TYPES, make_downloader

__all__ = [
    "OWN_CATEGORIES",
    "RULE_TAG_PREFIX",
    "SUPPORTED_TYPES",
    "AuthFailed",
    "BadTorrent",
    "Banned",
    "Capabilities",
    "Conflict",
    "Downloader",
    "DownloaderError",
    "NotFound",
    "NotThatServer",
    "TlsError",
    "TorrentFile",
    "TorrentInfo",
    "Unreachable",
    "Unsupported",
    "make_downloader",
]
