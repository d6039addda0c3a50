"""Mikan Project: the official title and poster from an episode page, and mirror URLs.

The episode page (`/Home/Episode/<hash>`) names the show in `p.bangumi-title a[href^=
"/Home/Bangumi/"]` and carries the poster only in the inline style of `div.bangumi-poster`
(`url('/images/Bangumi/…jpg?width=…')`, relative, with a query to drop). All non-ASCII text is
written as character references, so the page is read with an HTML parser, never a regex on the
raw text.

`rewrite` maps every Mikan host (mikanani.me, its mikanime.tv mirror) onto the configured
`network.mikan_base_url`: a user behind a firewall who points it at a mirror gets feeds,
torrents, pages and posters from the mirror (AutoBangumi kept fetching torrents from the
original host, users-voice #804).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit, urlunsplit

__all__ = ["MIKAN_HOSTS", "MikanPage", "MikanSite", "parse_episode_page"]

MIKAN_HOSTS = frozenset({"mikanani.me", "www.mikanani.me", "mikanime.tv", "www.mikanime.tv"})
_STYLE_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)['\"]?\s*\)")
_BANGUMI_ID = re.compile(r"^/Home/Bangumi/(\d+)")


@dataclass(frozen=True, slots=True)
class MikanPage:
    official_title: str | None
    poster_url: str | None  # absolute, query dropped
    bangumi_id: str | None


class _EpisodeParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.poster: str | None = None
        self.title_parts: list[str] = []
        self.bangumi_href: str | None = None
        self._in_title_p = 0
        self._in_title_a = False
        self._p_depth = 0
        self._done_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        classes = (a.get("class") or "").split()
        if tag == "div" and "bangumi-poster" in classes and self.poster is None:
            m = _STYLE_URL.search(a.get("style") or "")
            if m:
                self.poster = m.group(1).strip()
        elif tag == "p":
            if "bangumi-title" in classes and not self._done_title:
                self._in_title_p = 1
        elif tag == "a" and self._in_title_p and not self._done_title:
            href = a.get("href") or ""
            if href.startswith("/Home/Bangumi/"):
                self._in_title_a = True
                self.bangumi_href = href

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._in_title_a:
            self._in_title_a = False
            self._done_title = True
        elif tag == "p" and self._in_title_p:
            self._in_title_p = 0

    def handle_data(self, data: str) -> None:
        if self._in_title_a:
            self.title_parts.append(data)


def parse_episode_page(html_text: str, page_url: str) -> MikanPage:
    p = _EpisodeParser()
    p.feed(html_text)
    p.close()
    title = " ".join("".join(p.title_parts).split()) or None
    poster = None
    if p.poster:
        absolute = urljoin(page_url, p.poster)
        parts = urlsplit(absolute)
        if parts.scheme in ("http", "https"):
            poster = urlunsplit((parts.scheme, parts.netloc, parts.path, "", ""))
    bangumi_id = None
    if p.bangumi_href:
        m = _BANGUMI_ID.match(p.bangumi_href)
        bangumi_id = m.group(1) if m else None
    return MikanPage(title, poster, bangumi_id)


class MikanSite:
    def __init__(self, base_url: str) -> None:
        parts = urlsplit(base_url.strip() or "https://mikanani.me")
        self.scheme = parts.scheme or "https"
        self.netloc = parts.netloc
        self.prefix = parts.path.rstrip("/")

    @property
    def base(self) -> str:
        return f"{self.scheme}://{self.netloc}{self.prefix}"

    def rewrite(self, url: str | None) -> str | None:
        """The same URL on the configured Mikan host, when it points at any Mikan host."""
        if not url:
            return url
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
        if host not in MIKAN_HOSTS or parts.netloc == self.netloc:
            return url
        return urlunsplit((self.scheme, self.netloc, self.prefix + parts.path, parts.query, parts.fragment))

    def is_mikan(self, url: str | None) -> bool:
        if not url:
            return False
        parts = urlsplit(url)
        return (parts.hostname or "").lower() in MIKAN_HOSTS or parts.netloc == self.netloc

    def search_url(self, query: str) -> str:
        return f"{self.base}/RSS/Search?searchstr={query}"
