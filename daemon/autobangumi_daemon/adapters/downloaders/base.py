"""The one downloader protocol the daemon talks to, whatever BitTorrent client sits behind it.

Everything here is client-neutral: the `Downloader` Protocol, the qBittorrent-shaped data the
daemon and the WebUI consume (contract §3.9), capability flags for what a client cannot do, the
bilingual error hierarchy, and small helpers (host parsing, info-hash, .torrent fetch) shared by
the adapters and by the setup-wizard probe.
"""

from __future__ import annotations

import asyncio
import base64
import enum
import hashlib
import re
import socket
import ssl
from base64 import b32decode
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar, Protocol, runtime_checkable
from urllib.parse import parse_qs, urlsplit

import aiohttp
import yarl

from autobangumi_daemon.adapters.streams import BodyTooLarge, read_capped

#: Categories the daemon owns. A torrent in one of them (or carrying an `ab:` tag) is "ours";
#: everything else in the client belongs to the user and is never listed or touched.
OWN_CATEGORIES: tuple[str, ...] = ("Bangumi", "BangumiCollection")
#: AutoBangumi tags a torrent with `ab:<bangumi id>` so the renamer can find its rule.
RULE_TAG_PREFIX = "ab:"
#: qBittorrent reports "no ETA" as 100 days; the WebUI shows it as ∞, so every adapter uses it.
ETA_INFINITE = 8640000
#: Default per-request timeout (seconds). Every network call in the adapters is bounded.
DEFAULT_TIMEOUT = 15.0
#: A .torrent larger than this is refused when we fetch it ourselves (a feed is not a file host).
MAX_TORRENT_BYTES = 16 * 1024 * 1024
#: Adds in flight at once in `add_many` for clients that take one torrent per call: enough to
#: hide a LAN round trip, few enough not to swamp a small NAS.
ADD_CONCURRENCY = 8


# --------------------------------------------------------------------------------------------
# Errors
# --------------------------------------------------------------------------------------------


class DownloaderError(Exception):
    """Base of every downloader failure.

    `msg_en`/`msg_zh` are safe to show to a user (they never contain what a remote host sent);
    `detail` is for the log only.
    """

    default_en: ClassVar[str] = "The downloader reported an error."
    default_zh: ClassVar[str] = "下载器返回了错误。"

    def __init__(self, msg_en: str | None = None, msg_zh: str | None = None, *, detail: str = "") -> None:
        self.msg_en = msg_en or self.default_en
        self.msg_zh = msg_zh or self.default_zh
        self.detail = detail
        super().__init__(self.msg_en if not detail else f"{self.msg_en} ({detail})")


class Unreachable(DownloaderError):
    default_en = "Cannot connect to the downloader: check the host and port, and that it is running."
    default_zh = "无法连接到下载器：请检查地址和端口，并确认下载器正在运行。"


class NotThatServer(DownloaderError):
    default_en = "Something answered at this address, but it is not the selected kind of downloader."
    default_zh = "该地址有服务响应，但不是所选类型的下载器。"


class AuthFailed(DownloaderError):
    default_en = "The downloader rejected the username or password."
    default_zh = "下载器拒绝了用户名或密码。"


class Banned(DownloaderError):
    default_en = (
        "The downloader has banned this address after too many failed logins; "
        "wait for the ban to expire or restart the downloader."
    )
    default_zh = "登录失败次数过多，下载器已封禁本机地址；请等待封禁解除或重启下载器。"


class TlsError(DownloaderError):
    default_en = "TLS/SSL handshake failed: check the SSL setting and whether the WebUI uses HTTPS."
    default_zh = "TLS/SSL 握手失败：请检查 SSL 设置以及 WebUI 是否启用了 HTTPS。"


class Conflict(DownloaderError):
    default_en = "The target name already exists; nothing was overwritten."
    default_zh = "目标名称已存在；未覆盖任何文件。"


class NotFound(DownloaderError):
    default_en = "No such torrent or file in the downloader."
    default_zh = "下载器中没有该种子或文件。"


class Unsupported(DownloaderError):
    default_en = "This downloader cannot do that."
    default_zh = "该下载器不支持此操作。"


class BadTorrent(DownloaderError):
    default_en = "The downloader refused the torrent (not a valid .torrent or magnet)."
    default_zh = "下载器拒绝了该种子（不是有效的种子文件或磁力链接）。"


# --------------------------------------------------------------------------------------------
# Data
# --------------------------------------------------------------------------------------------


class Capabilities(enum.Flag):
    """What an adapter can do. Callers test a flag before offering an action to the user."""

    NONE = 0
    ADD_FILE = enum.auto()
    ADD_MAGNET = enum.auto()
    ADD_URL = enum.auto()
    #: Arbitrary tags (qBittorrent tags, Transmission labels). aria2 only keeps one `ab:<id>`.
    TAGS = enum.auto()
    #: Change the category / add tags after the torrent was added.
    SET_CATEGORY = enum.auto()
    ADD_TAGS = enum.auto()
    RENAME_FILE = enum.auto()
    #: Rename may also move the file to another folder inside the torrent (qBittorrent only).
    RENAME_ACROSS_FOLDERS = enum.auto()
    MOVE = enum.auto()
    PAUSE_RESUME = enum.auto()
    DELETE_FILES = enum.auto()
    #: Add with qBittorrent's contentLayout=NoSubfolder (what AutoBangumi 3.2 sends).
    NO_SUBFOLDER = enum.auto()
    #: The client reports when a torrent was added (aria2 does not).
    ADDED_ON = enum.auto()


@dataclass(frozen=True, slots=True)
class TorrentInfo:
    """One torrent, with the fields of qBittorrent's `torrents/info` the daemon and WebUI use."""

    hash: str
    name: str
    size: int
    progress: float
    dlspeed: int
    upspeed: int
    num_seeds: int
    num_leechs: int
    #: qBittorrent 4.x state names (`pausedUP`, `stalledDL`, ...) for every client; 5.x
    #: `stoppedUP`/`stoppedDL` are folded to `pausedUP`/`pausedDL` so callers match one vocabulary.
    state: str
    eta: int
    category: str
    save_path: str
    added_on: int
    tags: tuple[str, ...] = ()
    #: Unix time the torrent completed, -1 while incomplete (0 = complete, time unknown).
    completion_on: int = -1
    content_path: str = ""
    amount_left: int = 0

    @property
    def completed(self) -> bool:
        return self.progress >= 1.0

    @property
    def paused(self) -> bool:
        return self.state in ("pausedUP", "pausedDL")

    def as_qb_dict(self) -> dict[str, Any]:
        """The item exactly as qBittorrent would list it (tags joined by ", ")."""
        return {
            "hash": self.hash,
            "name": self.name,
            "size": self.size,
            "progress": self.progress,
            "dlspeed": self.dlspeed,
            "upspeed": self.upspeed,
            "num_seeds": self.num_seeds,
            "num_leechs": self.num_leechs,
            "state": self.state,
            "eta": self.eta,
            "category": self.category,
            "save_path": self.save_path,
            "added_on": self.added_on,
            "tags": ", ".join(self.tags),
            "completion_on": self.completion_on,
            "content_path": self.content_path,
            "amount_left": self.amount_left,
        }


@dataclass(frozen=True, slots=True)
class TorrentFile:
    """A file inside a torrent; `name` is relative to the torrent's save path, `/`-separated."""

    index: int
    name: str
    size: int
    progress: float
    priority: int = 1
    #: The name as the torrent states it, when the client lists it changed (Transmission writes
    #: `:` and the other characters Windows refuses as `_`); empty when it is `name`. Names are
    #: read from it, the client is always addressed by `name`.
    release_name: str = ""


@dataclass(frozen=True, slots=True)
class AddRequest:
    """One torrent for `Downloader.add_many`, with the same meaning as `add`'s arguments."""

    source: bytes | str
    save_path: str
    category: str = "Bangumi"
    tags: tuple[str, ...] = ()
    paused: bool = False
    no_subfolder: bool = False


@dataclass(frozen=True, slots=True)
class AddResult:
    """What became of one AddRequest: the info-hash when known, or the error that refused it."""

    hash: str | None = None
    error: DownloaderError | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


# --------------------------------------------------------------------------------------------
# The protocol
# --------------------------------------------------------------------------------------------


@runtime_checkable
class Downloader(Protocol):
    """What the daemon needs from any BitTorrent client. Every method is async and bounded.

    `hashes` are lowercase hex info-hashes. Methods that take hashes act only on the daemon's
    own torrents; a hash that is not ours is ignored (never an error that leaks its existence).
    """

    kind: str
    capabilities: Capabilities

    async def check(self) -> str:
        """Connect and authenticate; returns the client's version. Raises a DownloaderError."""
        ...

    async def add(
        self,
        source: bytes | str,
        *,
        save_path: str,
        category: str = "Bangumi",
        tags: Sequence[str] = (),
        paused: bool = False,
        no_subfolder: bool = False,
    ) -> str | None:
        """Add `.torrent` bytes, a `magnet:` link or an http(s) URL of a .torrent.

        Returns the info-hash when known. Adding a torrent that is already present is not an
        error (the RSS loop may see an item twice); the existing hash is returned.
        """
        ...

    async def add_many(self, requests: Sequence[AddRequest]) -> list[AddResult]:
        """Add several torrents at once: one result per request, in order.

        One refused torrent never fails the others; only its own result carries the error.
        Clients whose API takes many torrents in one call (qBittorrent) get few calls.
        """
        ...

    async def list_torrents(
        self,
        *,
        category: str | None = None,
        tag: str | None = None,
        hashes: Sequence[str] | None = None,
    ) -> list[TorrentInfo]:
        """The daemon's own torrents, optionally narrowed by category, tag or hashes."""
        ...

    async def get_files(self, torrent_hash: str) -> list[TorrentFile]: ...

    async def rename_file(self, torrent_hash: str, old_path: str, new_path: str) -> None:
        """Rename a file inside a torrent; raises Conflict rather than overwrite anything."""
        ...

    async def move(self, hashes: Sequence[str], location: str) -> None: ...

    async def pause(self, hashes: Sequence[str]) -> None: ...

    async def resume(self, hashes: Sequence[str]) -> None: ...

    async def delete(self, hashes: Sequence[str], *, delete_files: bool = False) -> None: ...

    async def set_category(self, hashes: Sequence[str], category: str) -> None: ...

    async def add_tags(self, hashes: Sequence[str], tags: Sequence[str]) -> None: ...

    async def close(self) -> None: ...


# --------------------------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------------------------


async def add_each(
    dl: Downloader, requests: Sequence[AddRequest], concurrency: int = ADD_CONCURRENCY
) -> list[AddResult]:
    """`add_many` for clients that take one torrent per call: `add` for each, `concurrency`
    at a time, each failure kept to its own result."""
    gate = asyncio.Semaphore(max(1, concurrency))

    async def one(req: AddRequest) -> AddResult:
        async with gate:
            try:
                h = await dl.add(
                    req.source,
                    save_path=req.save_path,
                    category=req.category,
                    tags=req.tags,
                    paused=req.paused,
                    no_subfolder=req.no_subfolder,
                )
            except DownloaderError as exc:
                return AddResult(error=exc)
            return AddResult(hash=h)

    # The same torrent twice in one batch is added once: two concurrent adds of one torrent
    # race inside some clients (aria2 would keep the loser as a failed download).
    first: dict[tuple[bytes | str, str], int] = {}
    unique: list[AddRequest] = []
    where: list[int] = []
    for req in requests:
        key = (req.source, req.save_path)
        if key not in first:
            first[key] = len(unique)
            unique.append(req)
        where.append(first[key])
    done = await asyncio.gather(*(one(r) for r in unique))
    return [done[i] for i in where]


def is_own(category: str, tags: Iterable[str], own_categories: Sequence[str] = OWN_CATEGORIES) -> bool:
    return category in own_categories or any(t.startswith(RULE_TAG_PREFIX) for t in tags)


def parse_host(host: str, ssl: bool, *, default_path: str = "") -> yarl.URL:
    """Turn AutoBangumi's `downloader.host` into a base URL.

    The host may carry a scheme (which wins over `ssl`, as in AutoBangumi) and a reverse-proxy
    path prefix (`https://nas.lan/qbt`). The returned URL has no trailing slash in its path unless
    it is the root; `default_path` is used when the host has no path at all.
    """
    raw = host.strip()
    if not raw:
        raise ValueError("empty host")
    if "://" not in raw:
        raw = ("https://" if ssl else "http://") + raw
    url = yarl.URL(raw)
    if url.scheme not in ("http", "https"):
        raise ValueError("Only http/https URLs are allowed.")
    if not url.host:
        raise ValueError("Invalid URL: no hostname.")
    if url.user is not None or url.password is not None:
        # Credentials belong in username/password; a URL with them would end up in logs.
        raise ValueError("Put the username and password in their own fields, not in the URL.")
    path = url.path.rstrip("/")
    if not path:
        path = default_path or "/"
    return url.with_path(path).with_query(None).with_fragment(None)


def join_url(base: yarl.URL, rel: str) -> yarl.URL:
    """Append `rel` below the base path (keeps a reverse-proxy prefix; never replaces it)."""
    prefix = base.path.rstrip("/")
    return base.with_path(f"{prefix}/{rel.lstrip('/')}")


def basic_auth_header(username: str, password: str) -> dict[str, str]:
    """HTTP basic auth as a header (UTF-8, like Transmission's web client); {} when both empty."""
    if not (username or password):
        return {}
    token = base64.b64encode(f"{username}:{password}".encode()).decode("ascii")
    return {"Authorization": f"Basic {token}"}


def tcp_port_open(url: yarl.URL, limit: float = 1.0) -> bool:
    """Blocking: does a bare TCP connect to the URL's host:port succeed? (no bytes are sent)

    Used after a TLS timeout: if the port accepts TCP but never completes a handshake, it is
    almost always a plain-HTTP port addressed with SSL on, which deserves a TLS error message.
    """
    try:
        with socket.create_connection((url.host or "", url.port or 443), timeout=limit):
            return True
    except OSError:
        return False


def normalize_hashes(hashes: Iterable[str]) -> list[str]:
    return [h.strip().lower() for h in hashes if h and h.strip()]


# A minimal bencode reader: enough to find the raw bytes of the `info` dict (for the info-hash)
# and read a few fields. Written for robustness against hostile input: bounded, no recursion
# beyond what the data nests, and every malformed case raises ValueError.
def _bdecode(data: bytes, i: int) -> tuple[Any, int]:
    c = data[i : i + 1]
    if c == b"i":
        end = data.index(b"e", i)
        return int(data[i + 1 : end]), end + 1
    if c == b"l":
        i += 1
        items: list[Any] = []
        while data[i : i + 1] != b"e":
            item, i = _bdecode(data, i)
            items.append(item)
        return items, i + 1
    if c == b"d":
        i += 1
        d: dict[bytes, Any] = {}
        while data[i : i + 1] != b"e":
            key, i = _bdecode(data, i)
            if not isinstance(key, bytes):
                raise ValueError("dict key is not a string")
            start = i
            value, i = _bdecode(data, i)
            d[key] = value
            if key == b"info":
                d[b"\x00info-span"] = (start, i)
        return d, i + 1
    if c.isdigit():
        colon = data.index(b":", i)
        n = int(data[i:colon])
        if n < 0 or colon + 1 + n > len(data):
            raise ValueError("string runs past the end")
        return data[colon + 1 : colon + 1 + n], colon + 1 + n
    raise ValueError(f"bad bencode at offset {i}")


def parse_torrent(data: bytes) -> tuple[str, str]:
    """Return (info-hash hex, name) of .torrent bytes; raises BadTorrent when it is not one.

    The hash is the v1 SHA-1, or for a pure v2 torrent the SHA-256 truncated to 40 hex digits,
    which is what qBittorrent reports as `hash` in both cases.
    """
    try:
        meta, _ = _bdecode(data, 0)
        if not isinstance(meta, dict) or b"info" not in meta:
            raise ValueError("no info dict")
        start, end = meta[b"\x00info-span"]
        info = meta[b"info"]
        raw = data[start:end]
        name = info.get(b"name", b"")
        name_s = name.decode("utf-8", "replace") if isinstance(name, bytes) else ""
        if b"pieces" in info:
            return hashlib.sha1(raw).hexdigest(), name_s
        return hashlib.sha256(raw).hexdigest()[:40], name_s
    except (ValueError, IndexError, KeyError, TypeError, RecursionError) as exc:
        raise BadTorrent(detail=f"not a .torrent: {exc}") from None


_HEX40 = re.compile(r"^[0-9a-fA-F]{40}$")


#: The common magnet `magnet:?xt=urn:btih:<40 hex>&...` read with one search; only when the
#: query holds nothing to decode (no `%`, `+` or `#`), so it means what parse_qs would read.
_PLAIN_BTIH = re.compile(r"[?&]xt=(?i:urn:btih:)([0-9a-fA-F]{40})(?=&|$)")


def magnet_hash(magnet: str) -> str | None:
    """The v1 info-hash of a magnet link (hex or base32 form), or None if it has none. A
    refresh reads each new magnet's hash a few times (feed, downloader), so the plain form
    skips the full query parse."""
    if "%" not in magnet and "+" not in magnet and "#" not in magnet:
        q = magnet.find("?")
        m = _PLAIN_BTIH.search(magnet, q) if q >= 0 else None
        # Only when this is the query's first `xt` and starts a parameter (`?` begins the
        # query, a later `?` is part of a value): then it is the one the loop below returns.
        if (
            m is not None
            and magnet.find("xt=", q) == m.start() + 1
            and (m.start() == q or magnet[m.start()] == "&")
        ):
            return m.group(1).lower()
    query = parse_qs(urlsplit(magnet).query)
    for xt in query.get("xt", []):
        if xt.lower().startswith("urn:btih:"):
            value = xt[9:]
            if _HEX40.match(value):
                return value.lower()
            if len(value) == 32:
                try:
                    return b32decode(value.upper()).hex()
                except ValueError:
                    return None
    return None


def source_kind(source: bytes | str) -> str:
    """Classify an add() source as `file`, `magnet` or `url` (anything else is refused)."""
    if isinstance(source, bytes | bytearray):
        return "file"
    s = source.strip()
    if s.lower().startswith("magnet:"):
        return "magnet"
    if s.lower().startswith(("http://", "https://")):
        return "url"
    raise BadTorrent(detail="source is neither .torrent bytes, a magnet link nor an http(s) URL")


async def fetch_torrent(url: str, *, time_limit: float = 30.0) -> bytes:
    """Download a .torrent ourselves (what AutoBangumi does), so the hash is known at add time.

    Bounded in time and size; only http(s); the body is validated as a torrent before returning.
    """
    if not url.lower().startswith(("http://", "https://")):
        raise BadTorrent(detail="only http(s) torrent URLs can be fetched")
    client_timeout = aiohttp.ClientTimeout(total=time_limit)
    try:
        async with (
            aiohttp.ClientSession(timeout=client_timeout) as session,
            session.get(url, max_redirects=5) as resp,
        ):
            if resp.status != 200:
                raise BadTorrent(
                    "Could not download the .torrent file.",
                    "无法下载种子文件。",
                    detail=f"HTTP {resp.status}",
                )
            body = await read_capped(resp.content, MAX_TORRENT_BYTES)
    except (aiohttp.ClientError, TimeoutError) as exc:
        raise BadTorrent(
            "Could not download the .torrent file.", "无法下载种子文件。", detail=repr(exc)
        ) from None
    except BodyTooLarge:
        raise BadTorrent(detail="torrent file too large") from None
    parse_torrent(body)
    return body


def network_error(exc: BaseException) -> DownloaderError:
    """An aiohttp failure as the user should read it: TLS trouble, something that is not a
    downloader, or nothing listening (the JSON-RPC adapters share this)."""
    if isinstance(exc, aiohttp.ClientSSLError | ssl.SSLError):
        return TlsError(detail=repr(exc))
    if isinstance(exc, aiohttp.ClientConnectorError) and isinstance(exc.os_error, ssl.SSLError):
        return TlsError(detail=repr(exc))
    if isinstance(exc, aiohttp.ClientResponseError | aiohttp.ClientPayloadError):
        return NotThatServer(detail=repr(exc))
    return Unreachable(detail=repr(exc))


def check_rename_target(old_path: str, new_path: str) -> None:
    """Refuse renames that would escape the torrent's folder or are empty (never touch the disk)."""
    for p in (old_path, new_path):
        parts = p.replace("\\", "/").split("/")
        if not p or p.startswith("/") or any(part in ("", ".", "..") for part in parts):
            raise Unsupported(
                "Invalid file path for rename.",
                "重命名的文件路径无效。",
                detail=f"bad path {p!r}",
            )
