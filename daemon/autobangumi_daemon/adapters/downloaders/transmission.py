"""Transmission RPC (tested against transmission-daemon 3.00, RPC version 16) over aiohttp.

The protocol is small enough that a hand-written async client is simpler and safer than a sync
library in a thread: one POST per call, HTTP basic auth, and the anti-CSRF handshake (a 409
carries a fresh `X-Transmission-Session-Id`, which we store and resend). Category and tags are
kept as Transmission *labels* (RPC 16+): the category is the label that is one of the daemon's
own categories, every other label is a tag. RPC 16 ignores `labels` on `torrent-add`, so labels
are set with `torrent-set` right after adding.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import functools
import os
import posixpath
import re
from collections.abc import Sequence
from typing import Any

import aiohttp
import yarl

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
    TorrentFile,
    TorrentInfo,
    Unreachable,
    Unsupported,
    add_each,
    basic_auth_header,
    check_rename_target,
    is_own,
    network_error,
    normalize_hashes,
    parse_host,
    source_kind,
)

SESSION_HEADER = "X-Transmission-Session-Id"

_LIST_FIELDS = [
    "hashString", "name", "sizeWhenDone", "percentDone", "metadataPercentComplete", "rateDownload",
    "rateUpload", "peersSendingToUs", "peersGettingFromUs", "status", "eta", "labels", "downloadDir",
    "addedDate", "doneDate", "leftUntilDone", "error", "isFinished",
]  # fmt: skip

# Transmission's tr_torrent_activity values.
_STOPPED, _CHECK_WAIT, _CHECK, _DOWNLOAD_WAIT, _DOWNLOAD, _SEED_WAIT, _SEED = range(7)


#: What Transmission writes as `_` in the file names it lists and creates (the torrent's own
#: `name` field keeps the original).
_SUBSTITUTED = re.compile(r'[<>:"|?*]')


def release_name(torrent_name: str, path: str) -> str:
    """`path` with Transmission's `_` substitutions undone where the torrent's name shows them.

    Only the name is reported unchanged, so each word of it that holds a substituted character
    is put back where its `_` form appears (a single-file torrent's name is the whole file name;
    a pack's file names usually repeat its title). A `_` the torrent really has stays.
    """
    out = path
    for word in {w for w in torrent_name.split() if _SUBSTITUTED.search(w)}:
        out = out.replace(_SUBSTITUTED.sub("_", word), word)
    return out


def rpc_url(base: yarl.URL) -> yarl.URL:
    """The RPC endpoint: `/transmission/rpc` by default; a host path is taken as the `rpc-url`.

    `host:9091` → `/transmission/rpc`; `host/tr/` (custom rpc-url, or a proxy prefix that already
    includes it) → `/tr/rpc`; a path ending in `/rpc` is used as given.
    """
    path = base.path.rstrip("/")
    if not path:
        return base.with_path("/transmission/rpc")
    if path.endswith("/rpc"):
        return base.with_path(path)
    return base.with_path(path + "/rpc")


def _state(t: dict[str, Any]) -> str:
    """Transmission status → qBittorrent 4.x state name."""
    status = int(t.get("status", 0))
    done = float(t.get("percentDone", 0.0)) >= 1.0
    if int(t.get("error", 0)) in (3,):  # local error (missing files, disk full, ...)
        return "missingFiles" if not done else "error"
    if status == _STOPPED:
        return "pausedUP" if done else "pausedDL"
    if status in (_CHECK_WAIT, _CHECK):
        return "checkingUP" if done else "checkingDL"
    if status == _DOWNLOAD_WAIT:
        return "queuedDL"
    if status == _DOWNLOAD:
        if float(t.get("metadataPercentComplete", 1.0)) < 1.0:
            return "metaDL"
        return "downloading" if int(t.get("rateDownload", 0)) > 0 else "stalledDL"
    if status == _SEED_WAIT:
        return "queuedUP"
    if status == _SEED:
        return "uploading" if int(t.get("rateUpload", 0)) > 0 else "stalledUP"
    return "unknown"


class Transmission:
    """`Downloader` for Transmission's JSON RPC."""

    kind = "transmission"
    capabilities = (
        Capabilities.ADD_FILE
        | Capabilities.ADD_MAGNET
        | Capabilities.ADD_URL
        | Capabilities.TAGS
        | Capabilities.SET_CATEGORY
        | Capabilities.ADD_TAGS
        | Capabilities.RENAME_FILE
        | Capabilities.MOVE
        | Capabilities.PAUSE_RESUME
        | Capabilities.DELETE_FILES
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
        self.url = rpc_url(parse_host(host, ssl))
        self.timeout = timeout
        self.own_categories = tuple(own_categories)
        self._session: aiohttp.ClientSession | None = None
        self._sid: str | None = None
        self._auth_header = basic_auth_header(username, password)
        # Pauses Transmission would forget (see pause()); one watcher task per torrent.
        self._deferred_stops: dict[str, asyncio.Task[None]] = {}

    # ---------------------------------------------------------------------------------------
    # plumbing

    def _http(self) -> aiohttp.ClientSession:
        # Created lazily so it binds to the running loop; ssl=False skips certificate checks
        # (self-signed certs behind a proxy are common) but a failed handshake still errors.
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(
                connector=aiohttp.TCPConnector(ssl=False, limit=8),
                timeout=aiohttp.ClientTimeout(total=self.timeout),
                trust_env=False,
            )
        return self._session

    async def _rpc(self, method: str, arguments: dict[str, Any] | None = None) -> dict[str, Any]:
        payload: dict[str, Any] = {"method": method, "arguments": arguments or {}}
        reconnected = False
        for _ in range(4):
            headers = dict(self._auth_header)
            if self._sid:
                headers[SESSION_HEADER] = self._sid
            try:
                async with self._http().post(
                    self.url, json=payload, headers=headers, allow_redirects=False
                ) as resp:
                    status = resp.status
                    if status == 409 and SESSION_HEADER in resp.headers:
                        # First call, or Transmission restarted and minted a new session id.
                        self._sid = resp.headers[SESSION_HEADER]
                        continue
                    if status == 200:
                        try:
                            data = await resp.json(content_type=None)
                        except ValueError:
                            raise NotThatServer(detail="RPC answer is not JSON") from None
                        break
                    self._raise_for_status(status, resp.headers.get("WWW-Authenticate", ""))
            except (aiohttp.ServerDisconnectedError, aiohttp.ClientOSError) as exc:
                # A pooled keep-alive connection died with a restarted daemon: retry once on a
                # fresh connection before calling the daemon unreachable.
                if reconnected or isinstance(exc, aiohttp.ClientConnectorError):
                    raise network_error(exc) from None
                reconnected = True
                continue
            except aiohttp.ClientError as exc:
                raise network_error(exc) from None
            except TimeoutError:
                raise Unreachable("The downloader did not answer in time.", "下载器响应超时。") from None
        else:
            raise NotThatServer(detail="session-id handshake never settled")
        if not isinstance(data, dict) or "result" not in data:
            raise NotThatServer(detail="RPC answer has no result")
        result = str(data["result"])
        if result != "success":
            raise self._result_error(result)
        args = data.get("arguments")
        return args if isinstance(args, dict) else {}

    @staticmethod
    def _raise_for_status(status: int, www_auth: str) -> None:
        if status == 401:
            if "transmission" in www_auth.lower():
                raise AuthFailed(detail="HTTP 401")
            raise NotThatServer(detail="HTTP 401 from a non-Transmission realm")
        if status == 403:
            # Not in rpc-whitelist, or locked after too many failed logins.
            raise Banned(detail="HTTP 403")
        if status == 421:
            raise Banned(
                "Transmission refused this host name (rpc-host-whitelist).",
                "Transmission 拒绝了该主机名（rpc-host-whitelist）。",
                detail="HTTP 421",
            )
        raise NotThatServer(detail=f"HTTP {status}")

    @staticmethod
    def _result_error(result: str) -> DownloaderError:
        low = result.lower()
        if "invalid or corrupt" in low or "unrecognized info" in low:
            return BadTorrent(detail=result)
        if "http error" in low or "couldn't fetch" in low or "gotmetadatafromurl" in low:
            return BadTorrent("Could not download the .torrent file.", "无法下载种子文件。", detail=result)
        if "file exists" in low or "already exists" in low:
            return Conflict(detail=result)
        return DownloaderError(detail=result)

    def _to_info(self, t: dict[str, Any]) -> TorrentInfo:
        labels = [str(x) for x in t.get("labels") or []]
        category = next((lb for lb in labels if lb in self.own_categories), "")
        tags = tuple(lb for lb in labels if lb != category)
        progress = float(t.get("percentDone", 0.0))
        eta = int(t.get("eta", -1))
        added = int(t.get("addedDate", 0))
        done = int(t.get("doneDate", 0))
        save_path = str(t.get("downloadDir", ""))
        name = str(t.get("name", ""))
        return TorrentInfo(
            hash=str(t.get("hashString", "")).lower(),
            name=name,
            size=int(t.get("sizeWhenDone", 0)),
            progress=progress,
            dlspeed=int(t.get("rateDownload", 0)),
            upspeed=int(t.get("rateUpload", 0)),
            num_seeds=int(t.get("peersSendingToUs", 0)),
            num_leechs=int(t.get("peersGettingFromUs", 0)),
            state=_state(t),
            eta=eta if eta >= 0 else ETA_INFINITE,
            category=category,
            save_path=save_path,
            added_on=added,
            tags=tags,
            # A torrent whose data was already there never "finished downloading" in this
            # session, so doneDate stays 0: report the add time, like qBittorrent does.
            completion_on=(done or added) if progress >= 1.0 else -1,
            content_path=posixpath.join(save_path, name) if save_path else name,
            amount_left=int(t.get("leftUntilDone", 0)),
        )

    async def _get(self, fields: list[str], ids: Sequence[str] | None = None) -> list[dict[str, Any]]:
        args: dict[str, Any] = {"fields": fields}
        if ids is not None:
            args["ids"] = list(ids)
        torrents = (await self._rpc("torrent-get", args)).get("torrents", [])
        return [t for t in torrents if isinstance(t, dict)]

    async def _own(self, hashes: Sequence[str], extra: Sequence[str] = ()) -> list[dict[str, Any]]:
        """Raw records of the given hashes that are the daemon's (the user's are off limits)."""
        wanted = normalize_hashes(hashes)
        if not wanted:
            return []
        fields = ["hashString", "labels", *extra]
        out = []
        for t in await self._get(fields, wanted):
            labels = [str(x) for x in t.get("labels") or []]
            category = next((lb for lb in labels if lb in self.own_categories), "")
            if is_own(category, labels, self.own_categories):
                out.append(t)
        return out

    async def _own_hashes(self, hashes: Sequence[str]) -> list[str]:
        return [str(t["hashString"]).lower() for t in await self._own(hashes)]

    # ---------------------------------------------------------------------------------------
    # Downloader protocol

    async def check(self) -> str:
        args = await self._rpc("session-get")
        if "rpc-version" not in args:
            raise NotThatServer(detail="session-get without rpc-version")
        if int(args.get("rpc-version", 0)) < 16:
            # Labels (our category and tags) arrived with RPC 16 (Transmission 3.00).
            raise Unsupported(
                "Transmission 3.00 or newer is required (labels).",
                "需要 Transmission 3.00 或更新版本（标签功能）。",
            )
        return str(args.get("version", ""))

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
        # `no_subfolder` is not available in Transmission (no NO_SUBFOLDER capability): the
        # torrent keeps its own layout, so multi-file torrents get their root folder.
        kind = source_kind(source)
        args: dict[str, Any] = {"download-dir": save_path, "paused": paused}
        if kind == "file":
            assert isinstance(source, bytes | bytearray)
            args["metainfo"] = base64.b64encode(bytes(source)).decode()
        else:
            # Transmission fetches http(s) URLs itself and answers only once it has the
            # torrent, with its hash, so (unlike qBittorrent) there is no need to fetch it here.
            args["filename"] = str(source).strip()
        result = await self._rpc("torrent-add", args)
        added = result.get("torrent-added")
        if isinstance(added, dict):
            h = str(added.get("hashString", "")).lower()
            labels = [category] if category else []
            labels += [t for t in tags if t and t not in labels]
            if labels:
                await self._rpc("torrent-set", {"ids": [h], "labels": labels})
            return h
        dup = result.get("torrent-duplicate")
        if isinstance(dup, dict):
            return str(dup.get("hashString", "")).lower() or None
        raise BadTorrent(detail="torrent-add returned neither added nor duplicate")

    async def add_many(self, requests: Sequence[AddRequest]) -> list[AddResult]:
        # One torrent per RPC call; several calls in flight hide the round trips.
        return await add_each(self, requests)

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
        items = []
        for raw in await self._get(_LIST_FIELDS, wanted):
            info = self._to_info(raw)
            if not is_own(info.category, info.tags, self.own_categories):
                continue
            if category is not None and info.category != category:
                continue
            if tag is not None and tag not in info.tags:
                continue
            items.append(info)
        return items

    async def get_files(self, torrent_hash: str) -> list[TorrentFile]:
        own = await self._own([torrent_hash], ["files", "fileStats", "name"])
        if not own:
            raise NotFound(detail="no such own torrent")
        torrent_name = str(own[0].get("name", ""))
        files = own[0].get("files") or []
        stats = own[0].get("fileStats") or []
        out = []
        for i, f in enumerate(files):
            length = int(f.get("length", 0))
            done = int(f.get("bytesCompleted", 0))
            wanted = bool(stats[i].get("wanted", True)) if i < len(stats) else True
            name = str(f.get("name", ""))
            release = release_name(torrent_name, name)
            out.append(
                TorrentFile(
                    index=i,
                    name=name,
                    size=length,
                    progress=(done / length) if length else 1.0,
                    priority=1 if wanted else 0,
                    release_name=release if release != name else "",
                )
            )
        return out

    async def rename_file(self, torrent_hash: str, old_path: str, new_path: str) -> None:
        check_rename_target(old_path, new_path)
        if posixpath.dirname(old_path) != posixpath.dirname(new_path):
            # torrent-rename-path only changes the last path component.
            raise Unsupported(
                "Transmission can only rename a file within its folder.",
                "Transmission 只能在原文件夹内重命名文件。",
            )
        h = torrent_hash.lower()
        own = await self._own([h], ["files", "downloadDir", "name"])
        if not own:
            raise NotFound(detail="no such own torrent")
        names = {str(f.get("name", "")) for f in own[0].get("files") or []}
        if old_path not in names:
            raise NotFound("No such file in the torrent.", "种子中没有该文件。", detail=old_path)
        if old_path == new_path:
            return
        if new_path in names:
            raise Conflict(detail="name exists inside the torrent")
        save_path = str(own[0].get("downloadDir", ""))
        target = posixpath.normpath(posixpath.join(save_path, new_path))
        await self._refuse_foreign_owner(h, save_path, target)
        # Same filesystem (the usual volume setup): never let a rename replace a file on disk.
        if await asyncio.to_thread(os.path.lexists, target):
            raise Conflict(detail="target exists on disk")
        await self._rpc(
            "torrent-rename-path", {"ids": [h], "path": old_path, "name": posixpath.basename(new_path)}
        )

    async def lift_out_of_subfolder(self, torrent_hash: str) -> str:
        """Bring a multi-file torrent's files up out of its own top folder into its download
        folder (`<dir>/<top>/x.mkv` → `<dir>/x.mkv`), where qBittorrent's renames put them;
        returns the torrent's new download folder (the parent of `<dir>`).

        Transmission renames only one path component at a time and never across folders, so
        (as verified by hand against Transmission 3.00) the top folder is renamed to the name
        of the download folder itself while still nested (`<dir>/<dir name>/x.mkv`), and the
        torrent is then moved to `<dir>`'s parent, which lands each file at `<dir>/x.mkv`.
        That move overwrites whatever is there, so every target is checked free first (on
        disk and in other torrents); a clash raises Conflict with nothing changed. Should the
        move be refused, the top folder gets its name back."""
        h = torrent_hash.lower()
        own = await self._own([h], ["files", "downloadDir", "name"])
        if not own:
            raise NotFound(detail="no such own torrent")
        save_path = posixpath.normpath(str(own[0].get("downloadDir", "")))
        names = [str(f.get("name", "")) for f in own[0].get("files") or []]
        # The top folder as the files list it: the torrent's `name` keeps a `:` that the
        # folder on disk (and every file path) spells `_`.
        tops = {n.split("/", 1)[0] for n in names}
        top = next(iter(tops)) if len(tops) == 1 else ""
        folder, parent = posixpath.basename(save_path), posixpath.dirname(save_path)
        if not names or not top or not all(n.startswith(top + "/") for n in names):
            raise Unsupported(
                "This torrent has no folder of its own to bring its files out of.",
                "该种子没有自己的文件夹，无法将文件移出。",
                detail="single-file torrent",
            )
        if not folder or not parent or parent == save_path:
            raise Unsupported(
                "The torrent's download folder has no parent folder to move it to.",
                "种子的下载文件夹没有上级文件夹，无法移动。",
                detail=save_path,
            )
        targets = [posixpath.join(save_path, n[len(top) + 1 :]) for n in names]
        for target in targets:
            await self._refuse_foreign_owner(h, save_path, target)
            if await asyncio.to_thread(os.path.lexists, target):
                raise Conflict(detail=f"target exists on disk: {target}")
        nested = posixpath.join(save_path, folder)
        if top != folder and await asyncio.to_thread(os.path.lexists, nested):
            raise Conflict(detail=f"target exists on disk: {nested}")
        if top != folder:
            await self._rpc("torrent-rename-path", {"ids": [h], "path": top, "name": folder})
        try:
            await self._rpc("torrent-set-location", {"ids": [h], "location": parent, "move": True})
            await self._wait_location(h, parent)
        except DownloaderError:
            if top != folder:
                with contextlib.suppress(DownloaderError):
                    await self._rpc("torrent-rename-path", {"ids": [h], "path": folder, "name": top})
            raise
        return parent

    async def _wait_location(self, h: str, location: str) -> None:
        """torrent-set-location answers before the files have moved; wait (bounded) for it."""
        deadline = asyncio.get_running_loop().time() + max(self.timeout, 30.0)
        while True:
            got = await self._own([h], ["downloadDir"])
            if got and posixpath.normpath(str(got[0].get("downloadDir", ""))) == posixpath.normpath(location):
                return
            if asyncio.get_running_loop().time() > deadline:
                raise DownloaderError(detail="the move did not finish in time")
            await asyncio.sleep(0.1)

    async def _refuse_foreign_owner(self, h: str, save_path: str, target: str) -> None:
        norm = posixpath.normpath(save_path)
        for other in await self._get(["hashString", "downloadDir", "name", "files"]):
            if str(other.get("hashString", "")).lower() == h:
                continue
            if posixpath.normpath(str(other.get("downloadDir", ""))) != norm:
                continue
            for f in other.get("files") or []:
                if posixpath.normpath(posixpath.join(norm, str(f.get("name", "")))) == target:
                    raise Conflict(detail="another torrent owns the target")

    async def move(self, hashes: Sequence[str], location: str) -> None:
        own = await self._own_hashes(hashes)
        if own:
            await self._rpc("torrent-set-location", {"ids": own, "location": location, "move": True})

    async def pause(self, hashes: Sequence[str]) -> None:
        own = await self._own(hashes, ["status"])
        if not own:
            return
        await self._rpc("torrent-stop", {"ids": [str(t["hashString"]) for t in own]})
        # Transmission 3.00 ignores a stop while the torrent is (waiting to be) verified and
        # starts it when the check ends (seen on the real daemon). Stop it again then.
        for t in own:
            h = str(t["hashString"]).lower()
            if int(t.get("status", 0)) in (_CHECK_WAIT, _CHECK) and h not in self._deferred_stops:
                task = asyncio.create_task(self._stop_after_check(h))
                self._deferred_stops[h] = task
                task.add_done_callback(functools.partial(self._forget_stop, h))

    def _forget_stop(self, h: str, _task: asyncio.Task[None]) -> None:
        self._deferred_stops.pop(h, None)

    async def _stop_after_check(self, h: str) -> None:
        deadline = asyncio.get_running_loop().time() + 3600
        with contextlib.suppress(DownloaderError):
            while asyncio.get_running_loop().time() < deadline:
                await asyncio.sleep(0.5)
                found = await self._get(["hashString", "status"], [h])
                if not found:
                    return
                status = int(found[0].get("status", 0))
                if status not in (_CHECK_WAIT, _CHECK):
                    if status != _STOPPED:
                        await self._rpc("torrent-stop", {"ids": [h]})
                    return

    async def resume(self, hashes: Sequence[str]) -> None:
        own = await self._own_hashes(hashes)
        for h in own:
            task = self._deferred_stops.pop(h, None)
            if task is not None:
                task.cancel()
        if own:
            await self._rpc("torrent-start", {"ids": own})

    async def delete(self, hashes: Sequence[str], *, delete_files: bool = False) -> None:
        own = await self._own_hashes(hashes)
        if own:
            await self._rpc("torrent-remove", {"ids": own, "delete-local-data": bool(delete_files)})

    async def set_category(self, hashes: Sequence[str], category: str) -> None:
        # Labels are per torrent, so each torrent gets its own torrent-set (keeps its tags).
        for t in await self._own(hashes):
            labels = [str(x) for x in t.get("labels") or []]
            rest = [lb for lb in labels if lb not in self.own_categories and lb != category]
            new = ([category] if category else []) + rest
            await self._rpc("torrent-set", {"ids": [str(t["hashString"])], "labels": new})

    async def add_tags(self, hashes: Sequence[str], tags: Sequence[str]) -> None:
        if any("," in t for t in tags):
            raise Unsupported("Tags cannot contain commas.", "标签不能包含逗号。")
        for t in await self._own(hashes):
            labels = [str(x) for x in t.get("labels") or []]
            new = labels + [tag for tag in tags if tag and tag not in labels]
            if new != labels:
                await self._rpc("torrent-set", {"ids": [str(t["hashString"])], "labels": new})

    async def close(self) -> None:
        for task in list(self._deferred_stops.values()):
            task.cancel()
        self._deferred_stops.clear()
        if self._session is not None and not self._session.closed:
            await self._session.close()
        self._session = None
