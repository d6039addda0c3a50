"""RSS 2.0 / RSS 1.0 / Atom bodies to feed items, in the shapes the torrent sites use.

* Mikan and dmhy put the download in `<enclosure url>` (a .torrent URL or a magnet) and the web
  page in `<link>`; nyaa puts the .torrent (or a magnet) in `<link>` and has no enclosure.
  As in AutoBangumi: the enclosure wins when present, else the link.
* The info-hash is read wherever a site writes it (magnet `xt`, hex or base32; nyaa's
  `<nyaa:infoHash>`; Mikan's `/Home/Episode/<hash>` and `/Download/<date>/<hash>.torrent`), so
  one release seen through two sites downloads once.
* Hostile XML is refused before parsing: documents declaring entities (billion laughs, external
  entities) are never legitimate feeds. Sizes are bounded by the fetcher.

The standard library's expat parser reads well-formed feeds (fast: a 2,000-item feed is a few
tens of milliseconds); feedparser, which repairs broken markup, reads the rest.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from email.utils import parsedate_to_datetime
from urllib.parse import urlsplit

from autobangumi_daemon.adapters.downloaders.base import magnet_hash

__all__ = ["FeedError", "FeedItem", "ParsedFeed", "info_hash_of", "parse_feed"]


class FeedError(ValueError):
    def __init__(self, msg_en: str, msg_zh: str) -> None:
        super().__init__(msg_en)
        self.msg_en = msg_en
        self.msg_zh = msg_zh

    @property
    def bilingual(self) -> str:
        return f"{self.msg_en} / {self.msg_zh}"


@dataclass(frozen=True, slots=True)
class FeedItem:
    title: str
    url: str  # what to download: .torrent URL or magnet
    homepage: str | None = None  # the item's web page (Mikan episode page), if any
    info_hash: str | None = None  # lower-case hex, v1
    published: datetime | None = None  # when the feed says the item was published


@dataclass(frozen=True, slots=True)
class ParsedFeed:
    title: str
    items: list[FeedItem]


_HEX40 = re.compile(r"(?<![0-9a-fA-F])([0-9a-fA-F]{40})(?![0-9a-fA-F])")
_TORRENT_HASH_PATH = re.compile(r"/(?:Home/Episode|Download/\d{8})/([0-9a-fA-F]{40})(?:\.torrent)?$")
_ENTITY_DECL = re.compile(rb"<!ENTITY", re.IGNORECASE)
_DOCTYPE = re.compile(rb"<!DOCTYPE[^>\[]*\[", re.IGNORECASE)


def info_hash_of(url: str | None) -> str | None:
    """The v1 info-hash a magnet or a Mikan-style URL names, lower-case hex; None when unknown."""
    if not url:
        return None
    u = url.strip()
    if u[:7].lower() == "magnet:":
        return magnet_hash(u)
    m = _TORRENT_HASH_PATH.search(urlsplit(u).path)
    return m.group(1).lower() if m else None


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1] if "}" in tag else tag


def _text(el: ET.Element | None) -> str:
    return (el.text or "").strip() if el is not None else ""


def _is_download(url: str, mime: str = "") -> bool:
    u = url.lower()
    return u.startswith("magnet:") or u.split("?", 1)[0].endswith(".torrent") or "bittorrent" in mime.lower()


# Mikan writes its own <pubDate> without a zone, in China's time.
_MIKAN_TZ = timezone(timedelta(hours=8))


def parse_published(text: str, naive_tz: timezone = UTC) -> datetime | None:
    """An RSS (RFC 822) or Atom/Mikan (ISO 8601) date, in UTC; None when it is neither."""
    text = text.strip()
    if not text:
        return None
    value: datetime | None
    try:
        value = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        try:
            value = parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            return None
    if value is None:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=naive_tz)
    return value.astimezone(UTC)


def _item(
    title: str,
    link: str,
    enclosure: str,
    enclosure_type: str,
    hash_text: str,
    published: datetime | None = None,
) -> FeedItem | None:
    title = " ".join(html.unescape(title).split()) if "&" in title else " ".join(title.split())
    if enclosure:
        url, homepage = enclosure, (link or None)
    elif link:
        url, homepage = link, None
    else:
        return None
    if homepage and _is_download(homepage) and not _is_download(url, enclosure_type):
        url, homepage = homepage, None
    h = hash_text.strip().lower() if _HEX40.fullmatch(hash_text.strip() or "-") else None
    return FeedItem(
        title=title,
        url=url.strip(),
        homepage=homepage.strip() if homepage else None,
        info_hash=h or info_hash_of(url) or info_hash_of(homepage),
        published=published,
    )


def _parse_etree(body: bytes) -> ParsedFeed:
    root = ET.fromstring(body)
    kind = _local(root.tag).lower()
    items: list[FeedItem] = []
    title = ""
    if kind in ("rss", "rdf"):
        channel = next((c for c in root if _local(c.tag) == "channel"), None)
        if channel is not None:
            title = _text(next((c for c in channel if _local(c.tag) == "title"), None))
        # RSS 2.0 items sit in <channel>; RSS 1.0 (RDF) items are siblings of the channel.
        containers = [c for c in (channel, root) if c is not None]
        for container in containers:
            for el in container:
                if _local(el.tag) != "item":
                    continue
                t = link = enc = enc_type = hash_text = ""
                published: datetime | None = None
                for child in el:
                    name = _local(child.tag)
                    if name == "title":
                        t = child.text or ""
                    elif name == "link" and not link:
                        link = (child.text or "").strip()
                    elif name == "enclosure" and not enc:
                        enc = (child.get("url") or "").strip()
                        enc_type = child.get("type") or ""
                    elif name == "infoHash":
                        hash_text = child.text or ""
                    elif name in ("pubDate", "date") and published is None:
                        published = parse_published(child.text or "")
                    elif name == "torrent" and published is None:
                        # Mikan's own element carries the date.
                        when = next((g for g in child if _local(g.tag) == "pubDate"), None)
                        published = parse_published(_text(when), _MIKAN_TZ)
                it = _item(t, link, enc, enc_type, hash_text, published)
                if it is not None:
                    items.append(it)
    elif kind == "feed":  # Atom
        title = _text(next((c for c in root if _local(c.tag) == "title"), None))
        for el in root:
            if _local(el.tag) != "entry":
                continue
            t = link = enc = enc_type = hash_text = ""
            when_text = ""
            for child in el:
                name = _local(child.tag)
                if name == "title":
                    t = child.text or ""
                elif name in ("published", "updated") and not when_text:
                    when_text = child.text or ""
                elif name == "link":
                    rel = child.get("rel") or "alternate"
                    href = (child.get("href") or "").strip()
                    if rel == "enclosure" and not enc:
                        enc, enc_type = href, child.get("type") or ""
                    elif rel == "alternate" and not link:
                        link = href
                elif name == "infoHash":
                    hash_text = child.text or ""
            it = _item(t, link, enc, enc_type, hash_text, parse_published(when_text))
            if it is not None:
                items.append(it)
    else:
        raise FeedError("This is not an RSS or Atom feed.", "这不是 RSS 或 Atom 订阅。")
    return ParsedFeed(html.unescape(title), items)


def _parse_loose(body: bytes) -> ParsedFeed:
    import feedparser

    parsed = feedparser.parse(body)
    if not parsed.get("version") and not parsed.entries:
        raise FeedError("This is not an RSS or Atom feed.", "这不是 RSS 或 Atom 订阅。")
    items: list[FeedItem] = []
    for e in parsed.entries:
        enc = enc_type = ""
        for ln in e.get("links", []):
            if ln.get("rel") == "enclosure" and ln.get("href"):
                enc, enc_type = ln["href"], ln.get("type", "")
                break
        hash_text = e.get("nyaa_infohash", "") or ""
        when = parse_published(str(e.get("published") or e.get("updated") or ""))
        it = _item(e.get("title", ""), e.get("link", ""), enc, enc_type, hash_text, when)
        if it is not None:
            items.append(it)
    return ParsedFeed(str(parsed.feed.get("title", "")), items)


def parse_feed(body: bytes) -> ParsedFeed:
    """Parse a feed body; raises FeedError for hostile XML or something that is no feed at all."""
    head = body[:4096]
    if _ENTITY_DECL.search(body) or _DOCTYPE.search(head):
        raise FeedError(
            "The feed declares XML entities; refused as unsafe.",
            "该订阅声明了 XML 实体，出于安全原因已拒绝。",
        )
    stripped = body.lstrip()
    if not stripped.startswith(b"<") and not stripped.startswith(b"\xef\xbb\xbf<"):
        raise FeedError("This is not an RSS or Atom feed.", "这不是 RSS 或 Atom 订阅。")
    try:
        return _parse_etree(body)
    except ET.ParseError:
        pass
    try:
        return _parse_loose(body)
    except FeedError:
        raise
    except Exception:
        raise FeedError("This is not an RSS or Atom feed.", "这不是 RSS 或 Atom 订阅。") from None
