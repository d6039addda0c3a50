"""The sites the daemon reads: one HTTP client, the Mikan site, TMDB, the poster cache and the
metadata resolver that uses them, kept in step with the configuration.

They follow `config.json` by themselves: the object subscribes to the config store and applies
the proxy and the upstream base URLs (and keys) whenever the configuration is saved, so a caller
opens the client and fetches, with nothing to remember first. `$VARNAME` credentials are read
from the environment when the configuration is loaded or saved.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import logging
import os
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

from autobangumi import __version__
from autobangumi.v1 import config_pb2
from autobangumi_daemon.adapters.feeds import MAX_FEED_ITEMS, ParsedFeed, give_back_memory, parse_feed
from autobangumi_daemon.adapters.http import (
    MAX_FEED_BYTES,
    Fetcher,
    HttpClient,
    HttpResponse,
    ProxySettings,
)
from autobangumi_daemon.adapters.mikan import MikanSite
from autobangumi_daemon.adapters.posters import PosterCache
from autobangumi_daemon.adapters.tmdb import TmdbClient
from autobangumi_daemon.config import ConfigStore
from autobangumi_daemon.envvars import expand_vars
from autobangumi_daemon.netguard import NetPolicy
from autobangumi_daemon.upstreams.metadata import MetadataResolver

__all__ = ["USER_AGENT", "FeedLimits", "Upstreams", "proxy_settings"]

log = logging.getLogger(__name__)

USER_AGENT = f"Mozilla/5.0 (X11; Linux x86_64) AutoBangumi/{__version__}"
MIKAN_DEFAULT = "https://mikanani.me"
TMDB_DEFAULT = "https://api.themoviedb.org"
TMDB_IMAGES_DEFAULT = "https://image.tmdb.org/t/p/w780"


@dataclass(frozen=True, slots=True)
class FeedLimits:
    """How much one feed and one refresh may bring in; environment knobs, read at each fetch."""

    max_bytes: int = MAX_FEED_BYTES
    max_items: int = MAX_FEED_ITEMS
    max_refresh_items: int = 20 * MAX_FEED_ITEMS

    @classmethod
    def from_env(cls) -> FeedLimits:
        def num(name: str, default: int) -> int:
            try:
                value = int(os.environ.get(name, "") or default)
            except ValueError:
                return default
            return value if value > 0 else default

        return cls(
            num("AB_FEED_MAX_BYTES", MAX_FEED_BYTES),
            num("AB_FEED_MAX_ITEMS", MAX_FEED_ITEMS),
            num("AB_REFRESH_MAX_ITEMS", 20 * MAX_FEED_ITEMS),
        )


def proxy_settings(p: config_pb2.ProxyConfig) -> ProxySettings:
    """The configured proxy, its `$VARNAME` credentials read from the environment."""
    return ProxySettings(
        enable=p.enable,
        type=p.type,
        host=p.host,
        port=p.port,
        username=expand_vars(p.username),
        password=expand_vars(p.password),
    )


class Upstreams:
    def __init__(self, config: ConfigStore, posters_dir: Path, policy: NetPolicy) -> None:
        self.http = HttpClient(user_agent=USER_AGENT, policy=policy)
        self.posters = PosterCache(posters_dir)
        self.meta = MetadataResolver(self.posters)
        self.apply(config.config)
        config.on_change(self.apply)

    def apply(self, cfg: config_pb2.Config) -> None:
        """Take the proxy and upstream settings of `cfg`; unchanged sites keep their caches."""
        self.http.proxy = proxy_settings(cfg.proxy)
        net = cfg.network
        self.meta.configure(
            MikanSite(net.mikan_base_url or MIKAN_DEFAULT),
            TmdbClient(
                net.tmdb_base_url or TMDB_DEFAULT,
                expand_vars(net.tmdb_api_key),
                net.tmdb_image_base_url or TMDB_IMAGES_DEFAULT,
            ),
        )

    @property
    def mikan(self) -> MikanSite:
        return self.meta.mikan

    @property
    def tmdb(self) -> TmdbClient:
        return self.meta.tmdb

    @contextlib.asynccontextmanager
    async def open(self) -> AsyncIterator[Fetcher]:
        async with self.http.open() as f:
            yield f

    def feed_url(self, url: str) -> str:
        """Where a feed or item URL is fetched from: the Mikan mirror applied."""
        return self.mikan.rewrite(url) or url

    def forget_feed(self, url: str) -> None:
        """Drop the validators kept for a feed, so its next fetch reads it whole."""
        self.http.forget(self.feed_url(url))

    async def fetch_feed(
        self, f: Fetcher, url: str, *, conditional: bool = False
    ) -> tuple[ParsedFeed | None, HttpResponse]:
        """Fetch and parse one feed; (None, response) when the server said 304 Not Modified."""
        limits = FeedLimits.from_env()
        resp = await f.get(self.feed_url(url), max_bytes=limits.max_bytes, conditional=conditional)
        if resp.not_modified:
            return None, resp
        # Items keep the feed's own URLs; the mirror is applied when each one is fetched.
        body = resp.body
        resp = dataclasses.replace(resp, body=b"")  # the response is kept for its validators only
        parsed = await asyncio.to_thread(parse_feed, body, limits.max_items)
        large = len(body) > 4 * 1024 * 1024
        del body
        if large:
            give_back_memory()
        if parsed.skipped:
            log.warning(
                "Feed %s has more items than the limit: kept %d, skipped %d (AB_FEED_MAX_ITEMS).",
                url,
                len(parsed.items),
                parsed.skipped,
            )
        return parsed, resp
