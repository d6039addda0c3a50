"""RSS 2.0 / RSS 1.0 / Atom bodies to feed items, in the shapes the torrent sites use.

* Mikan and dmhy put the download in `<enclosure url>` (a .torrent URL or a magnet) and the web
  page in `<link>`; nyaa puts the .torrent (or a magnet) in `<link>` and has no enclosure.
  As in AutoBangumi: the enclosure wins when present, else the link.
* The info-hash is read wherever a site writes it (magnet `xt`, hex or base32; nyaa's
  `<nyaa:infoHash>`; Mikan's `/Home/Episode/<hash>` and `/Download/<date>/<hash>.torrent`), so
  one release seen through two sites downloads once.
* Hostile XML is refused before parsing: documents declaring entities (billion laughs, external
  entities) are never legitimate feeds, and expat never fetches an external DTD. Bytes are
  bounded by the fetcher; items by `max_items` (the rest are counted, not kept).

The standard library's expat parser reads well-formed feeds as a stream: each item is turned into
a FeedItem and its element dropped at once, so memory follows the items kept, not the document
(a 2,000-item feed is a few tens of milliseconds). feedparser, which repairs broken markup,
reads the rest.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urlsplit

from autobangumi_daemon.adapters.downloaders.base import magnet_hash

__all__ = [
    "MAX_FEED_ITEMS",
    "FeedError",
    "FeedItem",
    "ParsedFeed",
    "give_back_memory",
    "info_hash_of",
    "parse_feed",
]

# Items kept from one feed; real feeds carry tens to a few hundred.
MAX_FEED_ITEMS = 2000
# The store's columns for an item's links (db/models.py): longer links are not kept.
MAX_ITEM_URL = 4096
MAX_ITEM_HOMEPAGE = 2048
_CHUNK = 256 * 1024


def give_back_memory() -> None:
    """Return freed heap to the system after a large body (glibc keeps it otherwise, and a
    long-running daemon would sit on a huge feed's peak for good). A no-op elsewhere."""
    import ctypes
    import ctypes.util

    name = ctypes.util.find_library("c")
    if not name:
        return
    try:
        trim = ctypes.CDLL(name).malloc_trim
    except (OSError, AttributeError):
        return
    trim(0)


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
    skipped: int = 0  # items past the limit, counted and dropped


_HEX40 = re.compile(r"(?<![0-9a-fA-F])([0-9a-fA-F]{40})(?![0-9a-fA-F])")
_TORRENT_HASH_PATH = re.compile(r"/(?:Home/Episode|Download/\d{8})/([0-9a-fA-F]{40})(?:\.torrent)?$")
_ENTITY_DECL = re.compile(rb"<!ENTITY", re.IGNORECASE)
_DOCTYPE = re.compile(rb"<!DOCTYPE[^>\[]*\[", re.IGNORECASE)
_ITEM_TAG = re.compile(rb"<(?:[\w-]+:)?item[\s>/]")
_ENTRY_TAG = re.compile(rb"<(?:[\w-]+:)?entry[\s>/]")


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
    url = url.strip()
    if len(url) > MAX_ITEM_URL:
        return None  # no real download link is this long; it could not be stored whole
    if homepage and len(homepage.strip()) > MAX_ITEM_HOMEPAGE:
        homepage = None
    h = hash_text.strip().lower() if _HEX40.fullmatch(hash_text.strip() or "-") else None
    return FeedItem(
        title=title,
        url=url.strip(),
        homepage=homepage.strip() if homepage else None,
        info_hash=h or info_hash_of(url) or info_hash_of(homepage),
        published=published,
    )


def _rss_item(el: ET.Element) -> FeedItem | None:
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
    return _item(t, link, enc, enc_type, hash_text, published)


def _atom_entry(el: ET.Element) -> FeedItem | None:
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
    return _item(t, link, enc, enc_type, hash_text, parse_published(when_text))


def _is_feed_title(kind: str, depth: int, container: str) -> bool:
    return (kind == "feed" and depth == 1) or (kind != "feed" and container == "channel")


def _parse_etree(body: bytes, max_items: int) -> ParsedFeed:
    parser: ET.XMLPullParser[ET.Element] = ET.XMLPullParser(events=("start", "end"))
    stack: list[ET.Element] = []
    kind = ""
    title = ""
    items: list[FeedItem] = []
    seen = 0
    for offset in range(0, max(len(body), 1), _CHUNK):
        parser.feed(body[offset : offset + _CHUNK])
        events: Iterator[tuple[str, Any]] = parser.read_events()  # type: ignore[assignment]
        for event, found in events:
            if not isinstance(found, ET.Element):
                continue
            el = found
            if event == "start":
                if not stack:
                    kind = _local(el.tag).lower()
                    if kind not in ("rss", "rdf", "feed"):
                        raise FeedError("This is not an RSS or Atom feed.", "这不是 RSS 或 Atom 订阅。")
                stack.append(el)
                continue
            stack.pop()
            if not stack:
                continue
            parent = stack[-1]
            name = _local(el.tag)
            container = _local(parent.tag)
            # RSS 2.0 items sit in <channel>; RSS 1.0 (RDF) items are siblings of the channel.
            is_item = (kind == "feed" and name == "entry" and len(stack) == 1) or (
                kind != "feed" and name == "item" and (len(stack) == 1 or container == "channel")
            )
            if is_item:
                seen += 1
                it = _atom_entry(el) if kind == "feed" else _rss_item(el)
                if it is not None:
                    items.append(it)
                parent.remove(el)  # the element is done with: memory follows the items kept
                if len(items) >= max_items:
                    # The rest is counted, not parsed: a 93,000-item feed costs what 2,000 do.
                    tag = _ENTRY_TAG if kind == "feed" else _ITEM_TAG
                    skipped = max(0, len(tag.findall(body)) - seen)
                    return ParsedFeed(html.unescape(title), items, skipped)
            elif name == "title" and not title and _is_feed_title(kind, len(stack), container):
                title = _text(el)
    parser.close()
    if not kind:
        raise FeedError("This is not an RSS or Atom feed.", "这不是 RSS 或 Atom 订阅。")
    return ParsedFeed(html.unescape(title), items)


def _parse_loose(body: bytes, max_items: int) -> ParsedFeed:
    import feedparser

    parsed = feedparser.parse(body)
    if not parsed.get("version") and not parsed.entries:
        raise FeedError("This is not an RSS or Atom feed.", "这不是 RSS 或 Atom 订阅。")
    items: list[FeedItem] = []
    skipped = max(0, len(parsed.entries) - max_items)
    for e in parsed.entries[:max_items]:
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
    return ParsedFeed(str(parsed.feed.get("title", "")), items, skipped)


def parse_feed(body: bytes, max_items: int = MAX_FEED_ITEMS) -> ParsedFeed:
    """Parse a feed body, keeping at most `max_items` items; raises FeedError for hostile XML or
    something that is no feed at all."""
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
        return _parse_etree(body, max_items)
    except ET.ParseError:
        pass
    try:
        return _parse_loose(body, max_items)
    except FeedError:
        raise
    except Exception:
        raise FeedError("This is not an RSS or Atom feed.", "这不是 RSS 或 Atom 订阅。") from None
