"""qBittorrent (Web API v2, 4.x and 5.x) through the `qbittorrent-api` library.

The library is synchronous (requests). Every call runs on one dedicated worker thread per
adapter: that keeps the event loop free, and serialises use of the library's shared
`requests.Session` and its lazy re-login, which are not safe to drive from several threads.
The library already handles the 4.x/5.x differences we care about (pause/stop and resume/start
naming, `paused`/`stopped` on add, 200 `Ok.`/204/401 login answers) and re-logs in once on a
403 from a stale cookie, which is what makes a qBittorrent restart invisible to callers.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import posixpath
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar, cast

import qbittorrentapi
import requests

from .base import (
    DEFAULT_TIMEOUT,
    ETA_INFINITE,
    OWN_CATEGORIES,
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

#: qBittorrent 5.x renamed the paused states; fold them so callers see one vocabulary.
_STATE_ALIASES = {"stoppedUP": "pausedUP", "stoppedDL": "pausedDL"}


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
    ) -> None:
        self.base_url = parse_host(host, ssl)
        self.timeout = timeout
        self.own_categories = tuple(own_categories)
        # What the last auth/login answered: the library only says "LoginFailed", but we need
        # to tell wrong credentials (`Fails.`, or 401 on 5.1.2+) from "not qBittorrent at all".
        self._last_login: tuple[int, str] | None = None
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="qbittorrent")
        base = str(self.base_url)
        self._client = qbittorrentapi.Client(
            # A trailing slash makes the library append api/v2 below a reverse-proxy prefix.
            host=base if base.endswith("/") else base + "/",
            username=username,
            password=password,
            # AutoBangumi never verifies the WebUI certificate: self-signed certs are the norm.
            VERIFY_WEBUI_CERTIFICATE=False,
            # Use the scheme we derived (host scheme or `ssl`); the library would otherwise HEAD
            # both schemes on every (re)connect, which doubles the cost of "daemon down".
            FORCE_SCHEME_FROM_HOST=True,
            SIMPLE_RESPONSES=True,
            REQUESTS_ARGS={
                "timeout": (min(3.0, timeout), timeout),
                # Again per request: with trust_env, requests lets REQUESTS_CA_BUNDLE /
                # CURL_CA_BUNDLE override the session's verify=False (seen on a real machine).
                "verify": False,
                "hooks": {"response": [self._remember_login]},
                # The downloader lives on the LAN; an HTTP(S)_PROXY meant for feeds must not
                # capture it (None values make requests drop the environment's proxies).
                "proxies": {"http": None, "https": None},
            },
            # One transport retry is enough on a LAN; the library retries once more itself.
            HTTPADAPTER_ARGS={"max_retries": 0},
        )

    # ---------------------------------------------------------------------------------------
    # plumbing

    def _remember_login(self, response: requests.Response, *args: Any, **kwargs: Any) -> None:
        if response.request.url and response.request.url.rstrip("/").endswith("/api/v2/auth/login"):
            # Only the first bytes: enough to recognise `Ok.`/`Fails.`, never stored in full.
            self._last_login = (response.status_code, response.text[:64])

    def _translate(self, exc: BaseException) -> DownloaderError:
        """Map the library's and requests' exceptions onto our hierarchy (runs in the worker)."""
        if isinstance(exc, DownloaderError):
            return exc
        if isinstance(exc, qbittorrentapi.LoginFailed):
            status, body = self._last_login or (0, "")
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

    def _guarded(self, fn: Callable[[], T]) -> T:
        try:
            return fn()
        except Exception as exc:
            raise self._translate(exc) from None

    async def _run(self, fn: Callable[[], T]) -> T:
        loop = asyncio.get_running_loop()
        fut = loop.run_in_executor(self._executor, self._guarded, fn)
        # requests' own timeouts bound each HTTP exchange; this bounds the whole call (a
        # re-login plus retry is several exchanges) so a caller is never stuck.
        try:
            return await asyncio.wait_for(fut, timeout=self.timeout * 4 + 5)
        except TimeoutError:
            raise Unreachable("The downloader did not answer in time.", "下载器响应超时。") from None

    def _info_sync(
        self, hashes: Sequence[str] | None = None, category: str | None = None
    ) -> list[TorrentInfo]:
        raw = self._client.torrents_info(
            category=category, torrent_hashes="|".join(hashes) if hashes else None
        )
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

    def _own_hashes_sync(self, hashes: Sequence[str]) -> list[str]:
        """Drop hashes that are not the daemon's: the user's other torrents are off limits."""
        wanted = normalize_hashes(hashes)
        if not wanted:
            return []
        return [t.hash for t in self._info_sync(wanted)]

    # ---------------------------------------------------------------------------------------
    # Downloader protocol

    async def check(self) -> str:
        def run() -> str:
            self._client.auth_log_in()
            return str(self._client.app_version())

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

        def run() -> str | None:
            result = self._client.torrents_add(
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
            if torrent_hash and self._client.torrents_info(torrent_hashes=torrent_hash):
                return torrent_hash
            raise BadTorrent(detail="qBittorrent answered Fails.")

        return await self._run(run)

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
        items = await self._run(lambda: self._info_sync(wanted, category))
        if tag is not None:
            items = [t for t in items if tag in t.tags]
        return items

    async def get_files(self, torrent_hash: str) -> list[TorrentFile]:
        def run() -> list[TorrentFile]:
            if not self._own_hashes_sync([torrent_hash]):
                raise NotFound(detail="no such own torrent")
            raw = cast(list[dict[str, Any]], self._client.torrents_files(torrent_hash=torrent_hash.lower()))
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

        def run() -> None:
            own = self._info_sync([h])
            if not own:
                raise NotFound(detail="no such own torrent")
            torrent = own[0]
            names = {
                str(f["name"])
                for f in cast(list[dict[str, Any]], self._client.torrents_files(torrent_hash=h))
            }
            if old_path not in names:
                raise NotFound("No such file in the torrent.", "种子中没有该文件。", detail=old_path)
            if old_path == new_path:
                return
            if new_path in names:
                raise Conflict(detail="name exists inside the torrent")
            target = posixpath.normpath(posixpath.join(torrent.save_path, new_path))
            self._refuse_foreign_owner(h, torrent.save_path, target)
            # The same filesystem is visible here (the usual Docker volume setup): check the
            # disk too, since qBittorrent 4.5 silently replaces a file no torrent knows about.
            if os.path.lexists(target):
                raise Conflict(detail="target exists on disk")
            try:
                self._client.torrents_rename_file(torrent_hash=h, old_path=old_path, new_path=new_path)
            except qbittorrentapi.Conflict409Error as exc:
                if "no such file" in str(exc).lower():
                    raise NotFound("No such file in the torrent.", "种子中没有该文件。") from None
                raise Conflict(detail="qBittorrent said the file exists") from None

        await self._run(run)

    def _refuse_foreign_owner(self, h: str, save_path: str, target: str) -> None:
        """Refuse if another torrent (anyone's) owns `target`: qBittorrent 4.5 would overwrite it.

        Asked through the API, so it also works when qBittorrent runs on another machine.
        """
        norm = posixpath.normpath(save_path)
        everyone = cast(list[dict[str, Any]], self._client.torrents_info())
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
            files = cast(list[dict[str, Any]], self._client.torrents_files(torrent_hash=oh))
            for f in files:
                if posixpath.normpath(posixpath.join(norm, str(f.get("name", "")))) == target:
                    raise Conflict(detail="another torrent owns the target")

    async def move(self, hashes: Sequence[str], location: str) -> None:
        def run() -> None:
            own = self._own_hashes_sync(hashes)
            if own:
                self._client.torrents_set_location(location=location, torrent_hashes=own)

        await self._run(run)

    async def pause(self, hashes: Sequence[str]) -> None:
        def run() -> None:
            own = self._own_hashes_sync(hashes)
            if own:
                self._client.torrents_stop(torrent_hashes=own)

        await self._run(run)

    async def resume(self, hashes: Sequence[str]) -> None:
        def run() -> None:
            own = self._own_hashes_sync(hashes)
            if own:
                self._client.torrents_start(torrent_hashes=own)

        await self._run(run)

    async def delete(self, hashes: Sequence[str], *, delete_files: bool = False) -> None:
        def run() -> None:
            own = self._own_hashes_sync(hashes)
            if own:
                self._client.torrents_delete(delete_files=delete_files, torrent_hashes=own)

        await self._run(run)

    async def set_category(self, hashes: Sequence[str], category: str) -> None:
        def run() -> None:
            own = self._own_hashes_sync(hashes)
            if not own:
                return
            try:
                self._client.torrents_set_category(category=category, torrent_hashes=own)
            except qbittorrentapi.Conflict409Error:
                # Unknown category: create it (no save path, so it never moves anything).
                with contextlib.suppress(qbittorrentapi.Conflict409Error):  # created concurrently
                    self._client.torrents_create_category(name=category)
                self._client.torrents_set_category(category=category, torrent_hashes=own)

        await self._run(run)

    async def add_tags(self, hashes: Sequence[str], tags: Sequence[str]) -> None:
        def run() -> None:
            own = self._own_hashes_sync(hashes)
            if own and tags:
                self._client.torrents_add_tags(tags=list(tags), torrent_hashes=own)

        await self._run(run)

    async def close(self) -> None:
        def run() -> None:
            # Log out so qBittorrent does not keep an orphan session; failure is irrelevant here.
            with contextlib.suppress(Exception):
                self._client.auth_log_out()

        with contextlib.suppress(TimeoutError, RuntimeError):
            await asyncio.wait_for(asyncio.get_running_loop().run_in_executor(self._executor, run), 5)
        self._executor.shutdown(wait=False)
