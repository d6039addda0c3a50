"""qBittorrent (Web API v2, 4.x and 5.x) through the `qbittorrent-api` library.

The library is synchronous (requests), so calls run in worker threads. Its client object (a
shared `requests.Session` with a lazy re-login) is not safe to drive from several threads, so
the adapter keeps a small pool of clients and lends each to one thread at a time: several
calls (the adds of a refresh) run at once, each on its own connection. More clients are made
only once a login has worked, so wrong credentials cost one failed login per call, never one
per client (qBittorrent bans an address after a few).

The library asks for the Web API version before every add, start and stop to pick 4.x or 5.x
parameter names; the clients here remember it until the library resets its context (a new
login, a reconnect), which is when a restarted or upgraded qBittorrent would answer otherwise.

The library handles the 4.x/5.x differences we care about (pause/stop and resume/start naming,
`paused`/`stopped` on add, 200 `Ok.`/204/401 login answers) and re-logs in once on a 403 from a
stale cookie, which is what makes a qBittorrent restart invisible to callers.

qBittorrent 5.2 (Web API 2.14.1) can authenticate with an API key, sent on every request as
`Authorization: Bearer <key>`; a key has no login endpoint. When a key is set it is tried first;
if the server refuses it (401/403) or is older than 5.2 (older servers ignore the header, and
with "bypass authentication for localhost" would answer as if it had been accepted) and a
username is set, the adapter drops the key and logs in with username/password instead, for as
long as it lives (new settings build a new adapter, which tries the key again).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import posixpath
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar, cast

import qbittorrentapi
import requests

from .base import (
    DEFAULT_TIMEOUT,
    ETA_INFINITE,
    OWN_CATEGORIES,
    AddRequest,
    AddResult,
    AuthFailed,
    BadTorrent,
    Banned,
    Capabilities,
    Conflict,
    DownloaderError,
    NotFound,
    NotThatServer,
    TlsError,
    TorrentFile,
    TorrentInfo,
    Unreachable,
    check_rename_target,
    fetch_torrent,
    is_own,
    magnet_hash,
    normalize_hashes,
    parse_host,
    parse_torrent,
    source_kind,
    tcp_port_open,
)

T = TypeVar("T")
log = logging.getLogger(__name__)

#: qBittorrent 5.x renamed the paused states; fold them so callers see one vocabulary.
_STATE_ALIASES = {"stoppedUP": "pausedUP", "stoppedDL": "pausedDL"}
#: Clients (connections, worker threads) per adapter: calls beyond this wait for a free one.
POOL_SIZE = 4
#: Torrents sent in one `torrents/add` call by add_many (a multipart body of .torrent files
#: stays a few MB; qBittorrent refuses very large requests).
ADD_BATCH = 50
#: The first Web API version (qBittorrent 5.2.0) that accepts an API key.
KEY_WEB_API = (2, 14, 1)
#: .torrent downloads from feed URLs in flight at once in add_many.
FETCH_CONCURRENCY = 8


def _numbers(version: str) -> tuple[int, ...]:
    """ "2.14.1" as (2, 14, 1); anything unreadable is (0,): older than every real version."""
    try:
        return tuple(int(p) for p in version.strip().lstrip("v").split("."))
    except ValueError:
        return (0,)


class _Client(qbittorrentapi.Client):
    """The library's client, remembering the Web API version and what the last login said."""

    def __init__(self, **kwargs: Any) -> None:
        self.api_version: str | None = None
        #: True while this client sends the API key (`Authorization: Bearer`).
        self.keyed = bool(kwargs.get("api_key"))
        #: The library only says "LoginFailed"; we need to tell wrong credentials (`Fails.`,
        #: or 401 on 5.1.2+) from "not qBittorrent at all".
        self.last_login: tuple[int, str] | None = None
        super().__init__(**kwargs)

    def _initialize_context(self) -> None:
        # A new login or a reconnect: the server may have been restarted or upgraded.
        self.api_version = None
        super()._initialize_context()

    def app_web_api_version(self, **kwargs: Any) -> str:
        if self.api_version is None or kwargs:
            self.api_version = super().app_web_api_version(**kwargs)
        return self.api_version

    def drop_key(self) -> None:
        """Stop sending the API key: from now on this client logs in with username/password.

        The library reads `_api_key` on every auth decision and puts the header on its session
        once, so both are undone here (it offers no public way to switch modes)."""
        self.keyed = False
        self._api_key = ""
        if self._http_session is not None:
            self._http_session.headers.pop("Authorization", None)
        self._initialize_context()


class QBittorrent:
    """`Downloader` for qBittorrent's Web API v2."""

    kind = "qbittorrent"
    capabilities = (
        Capabilities.ADD_FILE
        | Capabilities.ADD_MAGNET
        | Capabilities.ADD_URL
        | Capabilities.TAGS
        | Capabilities.SET_CATEGORY
        | Capabilities.ADD_TAGS
        | Capabilities.RENAME_FILE
        | Capabilities.RENAME_ACROSS_FOLDERS
        | Capabilities.MOVE
        | Capabilities.PAUSE_RESUME
        | Capabilities.DELETE_FILES
        | Capabilities.NO_SUBFOLDER
        | Capabilities.ADDED_ON
    )

    def __init__(
        self,
        host: str,
        username: str = "",
        password: str = "",
        *,
        ssl: bool = False,
        timeout: float = DEFAULT_TIMEOUT,
        own_categories: Sequence[str] = OWN_CATEGORIES,
        api_key: str = "",
    ) -> None:
        self.base_url = parse_host(host, ssl)
        self._api_key = api_key.strip()
        #: Whether clients send the key; cleared for good once the fallback to login happened.
        self.use_key = bool(self._api_key)
        self.timeout = timeout
        self.own_categories = tuple(own_categories)
        self._username = username
        self._password = password
        self._executor = ThreadPoolExecutor(max_workers=POOL_SIZE, thread_name_prefix="qbittorrent")
        self._idle: list[_Client] = [self._new_client()]
        self._made = 1
        self._freed = asyncio.Condition()
        #: Set once a call has succeeded (a login worked); until then calls share one client.
        self._trusted = False
        self._closed = False

    def _new_client(self) -> _Client:
        base = str(self.base_url)
        client: _Client

        def hook(response: requests.Response, *args: Any, **kwargs: Any) -> None:
            self._remember_login(client, response)

        client = _Client(
            # A trailing slash makes the library append api/v2 below a reverse-proxy prefix.
            host=base if base.endswith("/") else base + "/",
            username=self._username,
            password=self._password,
            api_key=self._api_key if self.use_key else None,
            # AutoBangumi never verifies the WebUI certificate: self-signed certs are the norm.
            VERIFY_WEBUI_CERTIFICATE=False,
            # Use the scheme we derived (host scheme or `ssl`); the library would otherwise HEAD
            # both schemes on every (re)connect, which doubles the cost of "daemon down".
            FORCE_SCHEME_FROM_HOST=True,
            SIMPLE_RESPONSES=True,
            REQUESTS_ARGS={
                "timeout": (min(3.0, self.timeout), self.timeout),
                # Again per request: with trust_env, requests lets REQUESTS_CA_BUNDLE /
                # CURL_CA_BUNDLE override the session's verify=False (seen on a real machine).
                "verify": False,
                "hooks": {"response": [hook]},
                # The downloader lives on the LAN; an HTTP(S)_PROXY meant for feeds must not
                # capture it (None values make requests drop the environment's proxies).
                "proxies": {"http": None, "https": None},
            },
            # One transport retry is enough on a LAN; the library retries once more itself.
            HTTPADAPTER_ARGS={"max_retries": 0},
        )
        return client

    # ---------------------------------------------------------------------------------------
    # plumbing

    @staticmethod
    def _remember_login(client: _Client, response: requests.Response) -> None:
        if response.request.url and response.request.url.rstrip("/").endswith("/api/v2/auth/login"):
            # Only the first bytes: enough to recognise `Ok.`/`Fails.`, never stored in full.
            client.last_login = (response.status_code, response.text[:64])

    def _translate(self, client: _Client, exc: BaseException) -> DownloaderError:
        """Map the library's and requests' exceptions onto our hierarchy (runs in the worker)."""
        if isinstance(exc, DownloaderError):
            return exc
        if client.keyed and isinstance(
            exc,
            qbittorrentapi.LoginFailed
            | qbittorrentapi.Forbidden403Error
            | qbittorrentapi.Unauthorized401Error,
        ):
            return AuthFailed(
                "qBittorrent refused the API key (set a username and password to log in instead).",
                "qBittorrent 拒绝了 API 密钥（可填写用户名和密码改用登录）。",
                detail="API key refused",
            )
        if isinstance(exc, qbittorrentapi.LoginFailed):
            status, body = client.last_login or (0, "")
            if status == 401 or (status == 200 and body.strip() == "Fails."):
                return AuthFailed(detail=f"login answered {status}")
            return NotThatServer(detail=f"login answered {status}")
        if isinstance(exc, qbittorrentapi.Forbidden403Error):
            if "banned" in str(exc).lower():
                return Banned(detail="HTTP 403 banned")
            return AuthFailed(detail="HTTP 403 after re-login")
        if isinstance(exc, qbittorrentapi.Unauthorized401Error):
            return AuthFailed(
                "qBittorrent refused the request (check its CSRF / Host header settings).",
                "qBittorrent 拒绝了请求（请检查其 CSRF / Host 头验证设置）。",
                detail="HTTP 401",
            )
        if isinstance(exc, qbittorrentapi.NotFound404Error):
            url = getattr(getattr(exc, "response", None), "url", "") or ""
            if "/auth/" in url or "/app/" in url:
                return NotThatServer(detail="HTTP 404 on a core endpoint")
            return NotFound(detail="HTTP 404")
        if isinstance(exc, qbittorrentapi.UnsupportedMediaType415Error):
            return BadTorrent(detail="HTTP 415")
        if isinstance(exc, qbittorrentapi.Conflict409Error):
            return Conflict(detail="HTTP 409")
        if isinstance(exc, qbittorrentapi.APIConnectionError):
            cause = exc.__context__
            if isinstance(cause, requests.exceptions.SSLError):
                return TlsError(detail=repr(cause))
            if isinstance(cause, requests.exceptions.Timeout):
                if self.base_url.scheme == "https" and tcp_port_open(self.base_url):
                    return TlsError(detail=f"no TLS handshake: {cause!r}")
                return Unreachable(
                    "The downloader did not answer in time.", "下载器响应超时。", detail=repr(cause)
                )
            return Unreachable(detail=repr(cause))
        if isinstance(exc, qbittorrentapi.HTTP5XXError):
            return DownloaderError(detail=f"HTTP {getattr(exc, 'http_status_code', '5xx')}")
        if isinstance(exc, qbittorrentapi.APIError | ValueError):
            # Typically an HTML page where JSON was expected: something else is listening.
            return NotThatServer(detail=repr(exc))
        return DownloaderError(detail=repr(exc))

    def _guarded(self, client: _Client, fn: Callable[[_Client], T]) -> T:
        try:
            if client.keyed and not self.use_key:
                client.drop_key()  # another client found the key refused
            try:
                return fn(client)
            except (qbittorrentapi.Forbidden403Error, qbittorrentapi.Unauthorized401Error):
                if not (client.keyed and self._username):
                    raise
                self._fall_back(client, "refused")
                return fn(client)  # without the key the library logs in on the first 403
        except Exception as exc:
            raise self._translate(client, exc) from None

    def _fall_back(self, client: _Client, why: str) -> None:
        if self.use_key:
            log.info("qBittorrent at %s: API key %s; logging in with the username.", self.base_url, why)
        self.use_key = False
        client.drop_key()

    async def _borrow(self) -> _Client:
        async with self._freed:
            while True:
                if self._idle:
                    return self._idle.pop()
                if self._trusted and self._made < POOL_SIZE:
                    self._made += 1
                    return self._new_client()
                await self._freed.wait()

    async def _give_back(self, client: _Client) -> None:
        async with self._freed:
            self._idle.append(client)
            self._freed.notify()

    async def _run(self, fn: Callable[[_Client], T]) -> T:
        client = await self._borrow()
        loop = asyncio.get_running_loop()
        fut = loop.run_in_executor(self._executor, self._guarded, client, fn)
        # requests' own timeouts bound each HTTP exchange; this bounds the whole call (a
        # re-login plus retry is several exchanges) so a caller is never stuck.
        try:
            result = await asyncio.wait_for(asyncio.shield(fut), timeout=self.timeout * 4 + 5)
        except TimeoutError:
            # The thread still holds the client: it goes back to the pool when the thread ends.
            fut.add_done_callback(lambda _f: loop.create_task(self._give_back(client)))
            raise Unreachable("The downloader did not answer in time.", "下载器响应超时。") from None
        except asyncio.CancelledError:
            fut.add_done_callback(lambda _f: loop.create_task(self._give_back(client)))
            raise
        except (AuthFailed, Banned):
            self._trusted = False
            await self._give_back(client)
            raise
        except BaseException:
            await self._give_back(client)
            raise
        self._trusted = True
        await self._give_back(client)
        return result

    def _info_sync(
        self, c: _Client, hashes: Sequence[str] | None = None, category: str | None = None
    ) -> list[TorrentInfo]:
        raw = c.torrents_info(category=category, torrent_hashes="|".join(hashes) if hashes else None)
        items = cast(list[dict[str, Any]], raw)
        out: list[TorrentInfo] = []
        for t in items:
            info = self._to_info(t)
            if is_own(info.category, info.tags, self.own_categories):
                out.append(info)
        return out

    @staticmethod
    def _to_info(t: dict[str, Any]) -> TorrentInfo:
        tags = tuple(s.strip() for s in str(t.get("tags") or "").split(",") if s.strip())
        progress = float(t.get("progress", 0.0))
        completion_on = int(t.get("completion_on", -1) or 0)
        if progress < 1.0 or completion_on >= 0xFFFFFFFF:
            completion_on = -1
        state = str(t.get("state", "unknown"))
        return TorrentInfo(
            hash=str(t.get("hash", "")).lower(),
            name=str(t.get("name", "")),
            size=int(t.get("size", 0)),
            progress=progress,
            dlspeed=int(t.get("dlspeed", 0)),
            upspeed=int(t.get("upspeed", 0)),
            num_seeds=int(t.get("num_seeds", 0)),
            num_leechs=int(t.get("num_leechs", 0)),
            state=_STATE_ALIASES.get(state, state),
            eta=int(t.get("eta", ETA_INFINITE)),
            category=str(t.get("category", "")),
            save_path=str(t.get("save_path", "")),
            added_on=int(t.get("added_on", 0)),
            tags=tags,
            completion_on=completion_on,
            content_path=str(t.get("content_path", "")),
            amount_left=int(t.get("amount_left", 0)),
        )

    def _own_hashes_sync(self, c: _Client, hashes: Sequence[str]) -> list[str]:
        """Drop hashes that are not the daemon's: the user's other torrents are off limits."""
        wanted = normalize_hashes(hashes)
        if not wanted:
            return []
        return [t.hash for t in self._info_sync(c, wanted)]

    # ---------------------------------------------------------------------------------------
    # Downloader protocol

    async def check(self) -> str:
        def run(c: _Client) -> str:
            if c.keyed:
                # No login with a key; an old server ignores the header, so ask its version.
                version = str(c.app_version())
                if _numbers(c.app_web_api_version()) >= KEY_WEB_API or not self._username:
                    return version
                self._fall_back(c, f"not supported (Web API {c.api_version})")
            c.auth_log_in()
            return str(c.app_version())

        return await self._run(run)

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
        kind = source_kind(source)
        if kind == "url":
            # qBittorrent answers `Ok.` for any URL (even a 404) and adds it later, so neither
            # failure nor the hash would be known. Fetch it ourselves, as AutoBangumi does.
            source = await fetch_torrent(str(source), time_limit=max(self.timeout, 30.0))
            kind = "file"
        if isinstance(source, bytes | bytearray):
            torrent_hash: str | None = parse_torrent(bytes(source))[0]
        else:
            torrent_hash = magnet_hash(source)

        def run(c: _Client) -> str | None:
            result = c.torrents_add(
                urls=str(source) if kind == "magnet" else None,
                torrent_files=bytes(source) if isinstance(source, bytes | bytearray) else None,
                save_path=save_path,
                category=category or None,
                tags=list(tags) or None,
                is_paused=paused,
                use_auto_torrent_management=False,
                content_layout="NoSubfolder" if no_subfolder else "Original",
            )
            ok = self._add_succeeded(result)
            if ok:
                return torrent_hash
            # `Fails.` is also the answer for a duplicate: adding twice is fine for the caller.
            if torrent_hash and c.torrents_info(torrent_hashes=torrent_hash):
                return torrent_hash
            raise BadTorrent(detail="qBittorrent answered Fails.")

        return await self._run(run)

    async def add_many(self, requests: Sequence[AddRequest]) -> list[AddResult]:
        """Torrents going to the same folder with the same labels travel together, up to
        ADD_BATCH per `torrents/add` call, the calls spread over the client pool."""
        results: list[AddResult | None] = [None] * len(requests)
        gate = asyncio.Semaphore(FETCH_CONCURRENCY)
        groups: dict[tuple[Any, ...], list[tuple[int, bytes | str, str]]] = {}

        async def prepare(i: int, req: AddRequest) -> None:
            try:
                source = req.source
                if source_kind(source) == "url":
                    async with gate:  # as in add(): the hash and any failure are known now
                        source = await fetch_torrent(str(source), time_limit=max(self.timeout, 30.0))
                h = (
                    parse_torrent(bytes(source))[0]
                    if isinstance(source, bytes | bytearray)
                    else magnet_hash(source)
                )
            except DownloaderError as exc:
                results[i] = AddResult(error=exc)
                return
            if h is None:
                # A magnet without a v1 hash cannot be checked inside a batch: add it alone.
                results[i] = await self._add_one(req)
                return
            key = (req.save_path, req.category, tuple(req.tags), req.paused, req.no_subfolder)
            groups.setdefault(key, []).append(
                (i, bytes(source) if isinstance(source, bytes | bytearray) else str(source).strip(), h)
            )

        await asyncio.gather(*(prepare(i, r) for i, r in enumerate(requests)))
        chunks = [
            (key, items[n : n + ADD_BATCH])
            for key, items in groups.items()
            for n in range(0, len(items), ADD_BATCH)
        ]

        async def send(key: tuple[Any, ...], chunk: list[tuple[int, bytes | str, str]]) -> None:
            save_path, category, tags, paused, no_subfolder = key
            try:
                missing = await self._run(
                    lambda c: self._add_batch(c, chunk, save_path, category, tags, paused, no_subfolder)
                )
            except DownloaderError as exc:
                for i, _src, _h in chunk:
                    results[i] = AddResult(error=exc)
                return
            for i, _src, h in chunk:
                if h in missing:
                    results[i] = AddResult(hash=h, error=BadTorrent(detail="qBittorrent did not add it"))
                else:
                    results[i] = AddResult(hash=h)

        await asyncio.gather(*(send(key, chunk) for key, chunk in chunks))
        return [r if r is not None else AddResult(error=DownloaderError()) for r in results]

    async def _add_one(self, req: AddRequest) -> AddResult:
        try:
            h = await self.add(
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

    def _add_batch(
        self,
        c: _Client,
        chunk: list[tuple[int, bytes | str, str]],
        save_path: str,
        category: str,
        tags: tuple[str, ...],
        paused: bool,
        no_subfolder: bool,
    ) -> set[str]:
        """One `torrents/add` call; returns the hashes qBittorrent does not have afterwards."""
        magnets = [src for _i, src, _h in chunk if isinstance(src, str)]
        files = [src for _i, src, _h in chunk if isinstance(src, bytes)]
        result = c.torrents_add(
            urls=magnets or None,
            torrent_files=files or None,
            save_path=save_path,
            category=category or None,
            tags=list(tags) or None,
            is_paused=paused,
            use_auto_torrent_management=False,
            content_layout="NoSubfolder" if no_subfolder else "Original",
        )
        if self._add_succeeded(result):
            # 5.1's JSON answer counts every torrent: nothing failed. 4.x's `Ok.` means "at
            # least one was added"; every torrent here was checked first (a .torrent that
            # parses, a magnet with its hash), so one it refused is a duplicate: no error.
            return set()
        # `Fails.` may be all duplicates, and 5.1 counts a duplicate as a failure: look. A
        # torrent qBittorrent accepted can take a moment to be listed (libtorrent adds
        # asynchronously), hence a few looks.
        wanted = {h for _i, _src, h in chunk}
        delay = 0.05
        for _ in range(6):
            present = {t.hash for t in self._info_sync(c, sorted(wanted))}
            wanted -= present
            if not wanted or isinstance(result, str):  # `Fails.`: nothing is on its way
                break
            time.sleep(delay)
            delay *= 2
        return wanted

    @staticmethod
    def _add_succeeded(result: Any) -> bool:
        if isinstance(result, str):
            return result.strip() == "Ok."
        # Web API 2.11+ (5.1) may answer JSON: {"success_count":..,"failure_count":..}.
        if isinstance(result, dict):
            return int(result.get("failure_count", 0)) == 0 and (
                int(result.get("success_count", 0)) + int(result.get("pending_count", 0)) > 0
            )
        return False

    async def list_torrents(
        self,
        *,
        category: str | None = None,
        tag: str | None = None,
        hashes: Sequence[str] | None = None,
    ) -> list[TorrentInfo]:
        wanted = normalize_hashes(hashes) if hashes is not None else None
        if wanted is not None and not wanted:
            return []
        items = await self._run(lambda c: self._info_sync(c, wanted, category))
        if tag is not None:
            items = [t for t in items if tag in t.tags]
        return items

    async def get_files(self, torrent_hash: str) -> list[TorrentFile]:
        def run(c: _Client) -> list[TorrentFile]:
            if not self._own_hashes_sync(c, [torrent_hash]):
                raise NotFound(detail="no such own torrent")
            raw = cast(list[dict[str, Any]], c.torrents_files(torrent_hash=torrent_hash.lower()))
            return [
                TorrentFile(
                    index=int(f.get("index", i)),
                    name=str(f.get("name", "")),
                    size=int(f.get("size", 0)),
                    progress=float(f.get("progress", 0.0)),
                    priority=int(f.get("priority", 1)),
                )
                for i, f in enumerate(raw)
            ]

        return await self._run(run)

    async def rename_file(self, torrent_hash: str, old_path: str, new_path: str) -> None:
        check_rename_target(old_path, new_path)
        h = torrent_hash.lower()

        def run(c: _Client) -> None:
            own = self._info_sync(c, [h])
            if not own:
                raise NotFound(detail="no such own torrent")
            torrent = own[0]
            names = {str(f["name"]) for f in cast(list[dict[str, Any]], c.torrents_files(torrent_hash=h))}
            if old_path not in names:
                raise NotFound("No such file in the torrent.", "种子中没有该文件。", detail=old_path)
            if old_path == new_path:
                return
            if new_path in names:
                raise Conflict(detail="name exists inside the torrent")
            target = posixpath.normpath(posixpath.join(torrent.save_path, new_path))
            self._refuse_foreign_owner(c, h, torrent.save_path, target)
            # The same filesystem is visible here (the usual Docker volume setup): check the
            # disk too, since qBittorrent 4.5 silently replaces a file no torrent knows about.
            if os.path.lexists(target):
                raise Conflict(detail="target exists on disk")
            try:
                c.torrents_rename_file(torrent_hash=h, old_path=old_path, new_path=new_path)
            except qbittorrentapi.Conflict409Error as exc:
                if "no such file" in str(exc).lower():
                    raise NotFound("No such file in the torrent.", "种子中没有该文件。") from None
                raise Conflict(detail="qBittorrent said the file exists") from None

        await self._run(run)

    def _refuse_foreign_owner(self, c: _Client, h: str, save_path: str, target: str) -> None:
        """Refuse if another torrent (anyone's) owns `target`: qBittorrent 4.5 would overwrite it.

        Asked through the API, so it also works when qBittorrent runs on another machine.
        """
        norm = posixpath.normpath(save_path)
        everyone = cast(list[dict[str, Any]], c.torrents_info())
        for other in everyone:
            oh = str(other.get("hash", "")).lower()
            if oh == h or posixpath.normpath(str(other.get("save_path", ""))) != norm:
                continue
            content = posixpath.normpath(str(other.get("content_path", "")))
            if content == target:
                raise Conflict(detail="another torrent owns the target")
            if not target.startswith(content + "/") and content != norm:
                # Neither this torrent's single file nor under its root folder.
                continue
            files = cast(list[dict[str, Any]], c.torrents_files(torrent_hash=oh))
            for f in files:
                if posixpath.normpath(posixpath.join(norm, str(f.get("name", "")))) == target:
                    raise Conflict(detail="another torrent owns the target")

    async def move(self, hashes: Sequence[str], location: str) -> None:
        def run(c: _Client) -> None:
            own = self._own_hashes_sync(c, hashes)
            if own:
                c.torrents_set_location(location=location, torrent_hashes=own)

        await self._run(run)

    async def pause(self, hashes: Sequence[str]) -> None:
        def run(c: _Client) -> None:
            own = self._own_hashes_sync(c, hashes)
            if own:
                c.torrents_stop(torrent_hashes=own)

        await self._run(run)

    async def resume(self, hashes: Sequence[str]) -> None:
        def run(c: _Client) -> None:
            own = self._own_hashes_sync(c, hashes)
            if own:
                c.torrents_start(torrent_hashes=own)

        await self._run(run)

    async def delete(self, hashes: Sequence[str], *, delete_files: bool = False) -> None:
        def run(c: _Client) -> None:
            own = self._own_hashes_sync(c, hashes)
            if own:
                c.torrents_delete(delete_files=delete_files, torrent_hashes=own)

        await self._run(run)

    async def set_category(self, hashes: Sequence[str], category: str) -> None:
        def run(c: _Client) -> None:
            own = self._own_hashes_sync(c, hashes)
            if not own:
                return
            try:
                c.torrents_set_category(category=category, torrent_hashes=own)
            except qbittorrentapi.Conflict409Error:
                # Unknown category: create it (no save path, so it never moves anything).
                with contextlib.suppress(qbittorrentapi.Conflict409Error):  # created concurrently
                    c.torrents_create_category(name=category)
                c.torrents_set_category(category=category, torrent_hashes=own)

        await self._run(run)

    async def add_tags(self, hashes: Sequence[str], tags: Sequence[str]) -> None:
        def run(c: _Client) -> None:
            own = self._own_hashes_sync(c, hashes)
            if own and tags:
                c.torrents_add_tags(tags=list(tags), torrent_hashes=own)

        await self._run(run)

    async def close(self) -> None:
        self._closed = True
        clients, self._idle = self._idle, []
        loop = asyncio.get_running_loop()

        def run(c: _Client) -> None:
            # Log out so qBittorrent does not keep an orphan session; failure is irrelevant here.
            with contextlib.suppress(Exception):
                c.auth_log_out()

        if clients:
            # Only clients that have talked to qBittorrent hold a session worth ending.
            pending = [loop.run_in_executor(self._executor, run, c) for c in clients if c.last_login]
            if pending:
                with contextlib.suppress(TimeoutError, RuntimeError):
                    await asyncio.wait_for(asyncio.gather(*pending), 5)
        self._executor.shutdown(wait=False)
