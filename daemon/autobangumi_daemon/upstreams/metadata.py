"""Filling a rule draft's official title, year, season and poster from Mikan or TMDB.

`fill` answers False when the upstream was unreachable (timeout, 5xx, 429): the caller keeps the
item pending and tries again at the next refresh, instead of creating a rule under the release's
own title and a different folder than the one it will have once Mikan answers. A page that does
not exist or says nothing useful is final: the release's title is kept.

One round of lookups (a refresh, a search) shares an `Outage`: once a host has failed, the other
items of that round are deferred without asking it again, and the caller reports the host once
(with the setting to change) instead of one line per item.

A feed whose parser is `mikan` vouches for its own host: its items' episode pages on that host
are read as Mikan pages (a user's mirror or reverse proxy that `network.mikan_base_url` does not
name). The host was accepted when the feed was added, so nothing new is reached.
"""

from __future__ import annotations

import asyncio
import logging
from collections import Counter, OrderedDict
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from autobangumi_daemon.adapters.http import Fetcher, FetchError
from autobangumi_daemon.adapters.mikan import MikanPage, MikanSite, parse_episode_page
from autobangumi_daemon.adapters.posters import PosterCache
from autobangumi_daemon.adapters.tmdb import TmdbClient
from autobangumi_daemon.core.rules import RuleDraft, clean_official_title
from autobangumi_daemon.core.title_parser import ParsedTitle

__all__ = ["HostFailure", "MetadataResolver", "Outage"]

log = logging.getLogger(__name__)

_PAGE_CACHE = 2048


@dataclass(frozen=True, slots=True)
class HostFailure:
    """The first failure of an upstream host in one round, and where the user can act on it."""

    host: str
    error: FetchError
    setting: str  # the config field that points at this upstream

    def describe(self) -> tuple[str, str]:
        """Why metadata is missing and what to try, in English and Chinese."""
        if self.setting == "network.mikan_base_url":
            hint_en = (
                "If Mikan is blocked here, set network.mikan_base_url to a reachable mirror, "
                "or configure a proxy."
            )
            hint_zh = "如果此处无法访问 Mikan，请将 network.mikan_base_url 设为可访问的镜像，或配置代理。"
        else:
            hint_en = (
                f"Check {self.setting} and network.tmdb_api_key, or configure a proxy "
                "if TMDB is blocked here."
            )
            hint_zh = f"请检查 {self.setting} 和 network.tmdb_api_key；如果此处无法访问 TMDB，请配置代理。"
        return (
            f"Show metadata could not be fetched from {self.host}: {self.error.msg_en} {hint_en}",
            f"无法从 {self.host} 获取番剧信息：{self.error.msg_zh}{hint_zh}",
        )


@dataclass
class Outage:
    """Upstream hosts that failed during one round of lookups, and how many items waited."""

    failures: dict[str, HostFailure] = field(default_factory=dict)
    deferred: Counter[str] = field(default_factory=Counter)
    by_source: dict[int, HostFailure] = field(default_factory=dict)  # e.g. feed id -> its failure

    def failed(self, host: str) -> HostFailure | None:
        return self.failures.get(host)

    def record(self, host: str, error: FetchError, setting: str, source: int | None) -> None:
        failure = self.failures.setdefault(host, HostFailure(host, error, setting))
        self.deferred[host] += 1
        if source is not None:
            self.by_source.setdefault(source, failure)


def _host(url: str) -> str:
    return urlsplit(url).netloc.lower()


class MetadataResolver:
    def __init__(self, posters: PosterCache) -> None:
        self.posters = posters
        self.mikan = MikanSite("https://mikanani.me")
        self.tmdb = TmdbClient("https://api.themoviedb.org", "", "https://image.tmdb.org/t/p/w780")
        self._pages: OrderedDict[str, MikanPage] = OrderedDict()
        self._page_locks: dict[str, asyncio.Lock] = {}

    def configure(self, mikan: MikanSite, tmdb: TmdbClient) -> None:
        if (mikan.base, tmdb.base, tmdb.api_key, tmdb.image_base) != (
            self.mikan.base,
            self.tmdb.base,
            self.tmdb.api_key,
            self.tmdb.image_base,
        ):
            self.mikan = mikan
            self.tmdb = tmdb

    async def mikan_page(self, f: Fetcher, homepage: str) -> MikanPage | None:
        """The episode page's facts (cached per page); None when there is no such page."""
        url = self.mikan.rewrite(homepage) or homepage
        cached = self._pages.get(url)
        if cached is not None:
            return cached
        # Items of one show often share a page request in flight; fetch it once.
        lock = self._page_locks.setdefault(url, asyncio.Lock())
        async with lock:
            cached = self._pages.get(url)
            if cached is not None:
                return cached
            try:
                resp = await f.get(url)
            except FetchError as exc:
                if exc.transient:
                    raise
                log.info("Mikan page %s not usable: %s", url, exc.msg_en)
                return None
            finally:
                self._page_locks.pop(url, None)
            page = parse_episode_page(resp.body.decode("utf-8", "replace"), resp.url)
            self._pages[url] = page
            if len(self._pages) > _PAGE_CACHE:
                self._pages.popitem(last=False)
            return page

    def is_mikan_page(self, homepage: str | None, feed_url: str | None) -> bool:
        """A Mikan episode page: on a Mikan host, the configured mirror, or the feed's own host."""
        if not homepage:
            return False
        if self.mikan.is_mikan(homepage):
            return True
        return bool(feed_url) and _host(homepage) == _host(feed_url or "") != ""

    async def fill(
        self,
        f: Fetcher,
        draft: RuleDraft,
        parser: str,
        parsed: ParsedTitle,
        homepage: str | None,
        language: str,
        *,
        feed_url: str | None = None,
        outage: Outage | None = None,
        source: int | None = None,
    ) -> bool:
        outage = outage if outage is not None else Outage()
        if parser == "mikan" and homepage and self.is_mikan_page(homepage, feed_url):
            host, setting = _host(self.mikan.rewrite(homepage) or homepage), "network.mikan_base_url"
        elif parser == "tmdb":
            host, setting = _host(self.tmdb.base), "network.tmdb_base_url"
        else:
            return True
        known = outage.failed(host)
        if known is not None:
            outage.record(host, known.error, setting, source)
            return False  # the host already failed in this round: do not ask it again
        try:
            if setting == "network.mikan_base_url":
                assert homepage is not None
                await self._fill_mikan(f, draft, parsed, homepage, language)
            else:
                await self._fill_tmdb(f, draft, parsed, language)
        except FetchError as exc:
            if exc.transient:
                # Reported once per round by the caller, with the host and what to change.
                log.debug("Metadata for %s deferred: %s", draft.title_raw, exc)
                outage.record(host, exc, setting, source)
                return False
            log.info("Metadata for %s unavailable: %s", draft.title_raw, exc.msg_en)
        return True

    async def _fill_mikan(
        self, f: Fetcher, draft: RuleDraft, parsed: ParsedTitle, homepage: str, language: str
    ) -> None:
        page = await self.mikan_page(f, homepage)
        if page is None:
            return
        own = {"en": parsed.title_en, "jp": parsed.title_jp}.get(language)
        if page.official_title and not own:
            # Mikan's name is the Chinese one; users who chose English or Japanese keep the
            # release's title in their language when it has one.
            draft.official_title = clean_official_title(page.official_title) or draft.official_title
        if page.poster_url:
            draft.poster_link = await self._poster(f, self.mikan.rewrite(page.poster_url))

    async def _fill_tmdb(self, f: Fetcher, draft: RuleDraft, parsed: ParsedTitle, language: str) -> None:
        tried: set[str] = set()
        for title in (draft.title_raw, parsed.title_zh, parsed.title_jp, parsed.title_en):
            if not title or title in tried:
                continue
            tried.add(title)
            info = await self.tmdb.lookup(f, title, language)
            if info is None:
                continue
            draft.official_title = clean_official_title(info.title) or draft.official_title
            draft.year = info.year
            if not parsed.season_raw:
                # The release does not say its season: TMDB's newest aired one is the best guess.
                draft.season = info.season
            draft.poster_link = await self._poster(f, info.poster_url)
            return

    async def _poster(self, f: Fetcher, url: str | None) -> str | None:
        try:
            return await self.posters.fetch(f, url)
        except FetchError as exc:
            # A missing poster never holds a rule back; "refresh poster" fills it in later.
            log.info("Poster %s not fetched: %s", url, exc.msg_en)
            return None

    async def poster_for(
        self, f: Fetcher, official_title: str, homepage: str | None, language: str
    ) -> str | None:
        """A poster for an existing rule: its Mikan page when known, else TMDB by title."""
        if homepage and self.mikan.is_mikan(homepage):
            page = await self.mikan_page(f, homepage)
            if page is not None and page.poster_url:
                return await self._poster(f, self.mikan.rewrite(page.poster_url))
        info = await self.tmdb.lookup(f, official_title, language)
        if info is not None:
            return await self._poster(f, info.poster_url)
        return None
