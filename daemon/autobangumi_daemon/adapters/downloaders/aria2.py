"""aria2 JSON-RPC (tested against aria2 1.36) over aiohttp.

aria2 has no categories, tags or labels, and no way to attach free-form data to a download. To
know which downloads are the daemon's (and their category and `ab:<rule id>` tag) without a
side database, the adapter chooses each download's GID itself (aria2 accepts a caller-chosen
64-bit GID on add, and keeps it in its session file across restarts):

    GID (16 hex) = "abd1" marker | category code (1) | rule id (6) | random (4) | check (1)

The check digit makes a random GID of the user's own downloads pass for ours with a chance of
about one in a million. A magnet first creates a metadata download with our GID; the real
download aria2 then creates points back to it through `following`, which is how it stays ours.

aria2 cannot rename files inside a torrent, move a download, or change the category or tags of
an existing download; those raise Unsupported and the capability flags say so. aria2 never
deletes data itself, so `delete(delete_files=True)` removes the files the download reported,
which works when the daemon sees the same filesystem as aria2 (the usual volume setup).
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import hashlib
import os
import posixpath
import secrets
import shutil
import time
import zlib
from collections.abc import Sequence
from typing import Any

import aiohttp
import yarl

from .base import (
    DEFAULT_TIMEOUT,
    ETA_INFINITE,
    OWN_CATEGORIES,
    RULE_TAG_PREFIX,
    AddRequest,
    AddResult,
    AuthFailed,
    BadTorrent,
    Capabilities,
    DownloaderError,
    NotFound,
    NotThatServer,
    TorrentFile,
    TorrentInfo,
    Unreachable,
    Unsupported,
    fetch_torrent,
    magnet_hash,
    network_error,
    normalize_hashes,
    parse_host,
    parse_torrent,
    source_kind,
)

GID_MARKER = "abd1"
_MAX_RULE_ID = 0xFFFFFF
_KEYS = [
    "gid", "status", "totalLength", "completedLength", "downloadSpeed", "uploadSpeed", "numSeeders",
    "connections", "dir", "infoHash", "bittorrent", "following", "errorCode", "verifyIntegrityPending",
    "verifiedLength",
]  # fmt: skip
# What an add needs to know whether a torrent is there already, and whose it is: a full record
# carries the torrent's metainfo (`bittorrent`), so listing every download with it before each
# add made 1,000 single adds take half a minute.
_PRESENCE_KEYS = ["gid", "infoHash", "following"]
_UNSUPPORTED_EN = "aria2 cannot do this (no renaming, moving, categories or tags after adding)."
_UNSUPPORTED_ZH = "aria2 不支持此操作（添加后无法重命名、移动或修改分类和标签）。"


def rpc_url(base: yarl.URL) -> yarl.URL:
    """`/jsonrpc` by default; a host path ending in `/jsonrpc` is used as is, else it is a prefix."""
    path = base.path.rstrip("/")
    if path.endswith("/jsonrpc"):
        return base.with_path(path)
    return base.with_path(f"{path}/jsonrpc")


def _check_digit(body: str) -> str:
    return format(zlib.crc32(body.encode()) & 0xF, "x")


def make_gid(category_code: int, rule_id: int) -> str:
    body = f"{GID_MARKER}{category_code:x}{rule_id:06x}{secrets.token_hex(2)}"
    return body + _check_digit(body)


def decode_gid(gid: str) -> tuple[int, int] | None:
    """(category code, rule id) when `gid` is one of ours, else None."""
    gid = gid.lower()
    if len(gid) != 16 or not gid.startswith(GID_MARKER) or _check_digit(gid[:15]) != gid[15]:
        return None
    try:
        return int(gid[4], 16), int(gid[5:11], 16)
    except ValueError:
        return None


class Aria2:
    """`Downloader` for aria2's JSON-RPC interface."""

    kind = "aria2"
    capabilities = (
        Capabilities.ADD_FILE
        | Capabilities.ADD_MAGNET
        | Capabilities.ADD_URL
        | Capabilities.PAUSE_RESUME
        | Capabilities.DELETE_FILES
    )

    def __init__(
        self,
        host: str,
        secret: str = "",
        *,
        ssl: bool = False,
        timeout: float = DEFAULT_TIMEOUT,
        own_categories: Sequence[str] = OWN_CATEGORIES,
    ) -> None:
        self.url = rpc_url(parse_host(host, ssl))
        self._token = f"token:{secret}"
        self.timeout = timeout
        # Category codes are positions in this tuple (1-based); 0 means "no category".
        self.own_categories = tuple(own_categories)[:15]
        self._session: aiohttp.ClientSession | None = None

    # ---------------------------------------------------------------------------------------
    # plumbing

    def _http(self) -> aiohttp.ClientSession:
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(
                connector=aiohttp.TCPConnector(ssl=False, limit=8),
                timeout=aiohttp.ClientTimeout(total=self.timeout),
                trust_env=False,
            )
        return self._session

    async def _post(self, payload: Any) -> Any:
        reconnected = False
        while True:
            try:
                async with self._http().post(self.url, json=payload, allow_redirects=False) as resp:
                    try:
                        return await resp.json(content_type=None)
                    except ValueError:
                        raise NotThatServer(detail=f"HTTP {resp.status}, not JSON") from None
            except (aiohttp.ServerDisconnectedError, aiohttp.ClientOSError) as exc:
                # A keep-alive connection from before an aria2 restart: one fresh retry.
                if reconnected or isinstance(exc, aiohttp.ClientConnectorError):
                    raise network_error(exc) from None
                reconnected = True
            except aiohttp.ClientError as exc:
                raise network_error(exc) from None
            except TimeoutError:
                raise Unreachable("The downloader did not answer in time.", "下载器响应超时。") from None

    @staticmethod
    def _rpc_error(err: Any) -> DownloaderError:
        message = str(err.get("message", "")) if isinstance(err, dict) else ""
        if message == "Unauthorized":
            return AuthFailed(
                "aria2 rejected the RPC secret (put it in the password field).",
                "aria2 拒绝了 RPC 密钥（请填写在密码栏）。",
            )
        if "not found" in message.lower():
            return NotFound(detail=message)
        return DownloaderError(detail=message)

    async def _call(self, method: str, *params: Any) -> Any:
        data = await self._post(
            {"jsonrpc": "2.0", "id": "ab", "method": method, "params": [self._token, *params]}
        )
        if not isinstance(data, dict) or data.get("jsonrpc") != "2.0":
            raise NotThatServer(detail="not a JSON-RPC 2.0 answer")
        if "error" in data:
            raise self._rpc_error(data["error"])
        return data.get("result")

    async def _all(self, keys: Sequence[str] = _KEYS) -> list[dict[str, Any]]:
        """Every download aria2 knows (active, waiting, stopped) in one round trip, with the
        fields `keys` names only."""
        keys = list(keys)
        calls = [
            {"methodName": "aria2.tellActive", "params": [self._token, keys]},
            {"methodName": "aria2.tellWaiting", "params": [self._token, 0, 1 << 20, keys]},
            {"methodName": "aria2.tellStopped", "params": [self._token, 0, 1 << 20, keys]},
        ]
        data = await self._post(
            {"jsonrpc": "2.0", "id": "ab", "method": "system.multicall", "params": [calls]}
        )
        if not isinstance(data, dict) or data.get("jsonrpc") != "2.0":
            raise NotThatServer(detail="not a JSON-RPC 2.0 answer")
        if "error" in data:
            raise self._rpc_error(data["error"])
        out: list[dict[str, Any]] = []
        for part in data.get("result") or []:
            if isinstance(part, dict):  # a failed sub-call
                raise self._rpc_error(part)
            if isinstance(part, list) and part and isinstance(part[0], list):
                out.extend(d for d in part[0] if isinstance(d, dict))
        return out

    def _owner(self, d: dict[str, Any], by_gid: dict[str, dict[str, Any]]) -> tuple[int, int] | None:
        own = decode_gid(str(d.get("gid", "")))
        if own is None and d.get("following"):
            own = decode_gid(str(d["following"]))
        return own

    def _own_records(
        self, everything: list[dict[str, Any]]
    ) -> list[tuple[dict[str, Any], str, tuple[str, ...]]]:
        """(record, category, tags) of our downloads; a magnet's metadata stub is dropped once
        the real download that follows it exists (both carry the same info-hash)."""
        by_gid = {str(d.get("gid")): d for d in everything}
        followed = {str(d.get("following")) for d in everything if d.get("following")}
        out: list[tuple[dict[str, Any], str, tuple[str, ...]]] = []
        for d in everything:
            if d.get("status") == "removed" or str(d.get("gid")) in followed:
                continue
            own = self._owner(d, by_gid)
            if own is None:
                continue
            code, rule = own
            category = self.own_categories[code - 1] if 0 < code <= len(self.own_categories) else ""
            tags = (f"{RULE_TAG_PREFIX}{rule}",) if rule else ()
            out.append((d, category, tags))
        return out

    async def _gids_for(self, hashes: Sequence[str], keys: Sequence[str] = _KEYS) -> list[dict[str, Any]]:
        """Every record (including a magnet's metadata stub) of our downloads with those hashes."""
        wanted = set(normalize_hashes(hashes))
        if not wanted:
            return []
        everything = await self._all(keys)
        by_gid = {str(d.get("gid")): d for d in everything}
        return [
            d
            for d in everything
            if str(d.get("infoHash", "")).lower() in wanted and self._owner(d, by_gid) is not None
        ]

    @staticmethod
    def _name(d: dict[str, Any]) -> str:
        bt = d.get("bittorrent") or {}
        info = bt.get("info") if isinstance(bt, dict) else None
        if isinstance(info, dict) and info.get("name"):
            return str(info["name"])
        return f"[METADATA]{d.get('infoHash', '')}"

    @staticmethod
    def _state(d: dict[str, Any], complete: bool) -> str:
        status = d.get("status")
        if status == "active":
            bt = d.get("bittorrent") or {}
            if not (isinstance(bt, dict) and bt.get("info")):
                return "metaDL"
            if d.get("verifyIntegrityPending") == "true" or "verifiedLength" in d:
                return "checkingUP" if complete else "checkingDL"
            if complete:
                return "uploading" if int(d.get("uploadSpeed", 0)) > 0 else "stalledUP"
            return "downloading" if int(d.get("downloadSpeed", 0)) > 0 else "stalledDL"
        if status == "waiting":
            return "queuedUP" if complete else "queuedDL"
        if status == "paused":
            return "pausedUP" if complete else "pausedDL"
        if status == "complete":
            # Finished and no longer seeding: qBittorrent calls that pausedUP.
            return "pausedUP"
        if status == "error":
            return "error"
        return "unknown"

    def _to_info(self, d: dict[str, Any], category: str, tags: tuple[str, ...]) -> TorrentInfo:
        total = int(d.get("totalLength", 0))
        done = int(d.get("completedLength", 0))
        complete = d.get("status") == "complete" or (total > 0 and done >= total)
        progress = 1.0 if complete else (done / total if total else 0.0)
        speed = int(d.get("downloadSpeed", 0))
        eta = (total - done) // speed if speed > 0 and not complete else (0 if complete else ETA_INFINITE)
        save_path = str(d.get("dir", ""))
        name = self._name(d)
        return TorrentInfo(
            hash=str(d.get("infoHash", "")).lower(),
            name=name,
            size=total,
            progress=progress,
            dlspeed=speed,
            upspeed=int(d.get("uploadSpeed", 0)),
            num_seeds=int(d.get("numSeeders", 0)),
            num_leechs=max(0, int(d.get("connections", 0)) - int(d.get("numSeeders", 0))),
            state=self._state(d, complete),
            eta=eta,
            category=category,
            save_path=save_path,
            added_on=0,  # aria2 does not record it (no ADDED_ON capability)
            tags=tags,
            completion_on=0 if complete else -1,
            content_path=posixpath.join(save_path, name) if save_path else name,
            amount_left=max(0, total - done),
        )

    # ---------------------------------------------------------------------------------------
    # Downloader protocol

    async def check(self) -> str:
        result = await self._call("aria2.getVersion")
        if not isinstance(result, dict) or "version" not in result:
            raise NotThatServer(detail="getVersion without version")
        return str(result["version"])

    async def _session_file(self) -> str | None:
        """aria2's session file (`--save-session`), or "" when it keeps none; asked at each add
        since a user may change it with changeGlobalOption. None when the answer is unreadable
        (treated as "keeps one", with the .torrent copy left where aria2 puts it)."""
        try:
            opts = await self._call("aria2.getGlobalOption")
        except DownloaderError:
            return None
        if not isinstance(opts, dict):
            return None
        return str(opts.get("save-session", "")).strip()

    def _codes(self, category: str, tags: Sequence[str]) -> tuple[int, int]:
        code = 0
        if category:
            if category not in self.own_categories:
                raise Unsupported(_UNSUPPORTED_EN, _UNSUPPORTED_ZH, detail=f"category {category!r}")
            code = self.own_categories.index(category) + 1
        rule = 0
        tags = [t for t in tags if t]
        if len(tags) > 1:
            raise Unsupported(_UNSUPPORTED_EN, _UNSUPPORTED_ZH, detail="more than one tag")
        if tags:
            tag = tags[0]
            digits = tag[len(RULE_TAG_PREFIX) :] if tag.startswith(RULE_TAG_PREFIX) else ""
            if not digits.isdigit() or not 0 < int(digits) <= _MAX_RULE_ID:
                raise Unsupported(_UNSUPPORTED_EN, _UNSUPPORTED_ZH, detail=f"tag {tag!r}")
            rule = int(digits)
        if code == 0 and rule == 0:
            # Neither a category nor a rule tag: the download could never be recognised again.
            raise Unsupported(_UNSUPPORTED_EN, _UNSUPPORTED_ZH, detail="untagged, uncategorised")
        return code, rule

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
        # `no_subfolder` is not available in aria2 (no NO_SUBFOLDER capability).
        code, rule = self._codes(category, tags)
        kind = source_kind(source)
        if kind == "url":
            # Adding the URL would let aria2 create the real download under a GID of its own
            # choosing (follow-torrent), losing ownership; fetch the .torrent ourselves instead.
            source = await fetch_torrent(str(source), time_limit=max(self.timeout, 30.0))
        if isinstance(source, bytes | bytearray):
            h: str | None = parse_torrent(bytes(source))[0]
        else:
            h = magnet_hash(source)
            if h is None:
                raise BadTorrent(detail="magnet without a btih info-hash")
        # Idempotent add: aria2 refuses an active duplicate but would happily add a second copy
        # of a finished one.
        if h and await self._gids_for([h], _PRESENCE_KEYS):
            return h
        return await self._submit(source, h, save_path, code, rule, paused)

    async def _submit(
        self, source: bytes | str, h: str | None, save_path: str, code: int, rule: int, paused: bool
    ) -> str | None:
        """Hand a checked source to aria2 under a GID that marks it as ours."""
        options = {
            "dir": save_path,
            # Reuse data already on disk (the file is verified, not re-downloaded).
            "check-integrity": "true",
            "pause": "true" if paused else "false",
        }
        if isinstance(source, bytes | bytearray):
            session = await self._session_file()
            if session == "":
                # aria2 keeps an uploaded .torrent as `<sha1>.torrent` in `dir`; without a
                # session nothing needs that copy, so it is not written at all.
                options["rpc-save-upload-metadata"] = "false"
            elif session:
                # With a session the copy is what the session entry refers to (without it the
                # download is not saved and a restart loses it and our GID), and aria2 writes
                # it into the `dir` given at add, i.e. beside the episodes. So the torrent is
                # added, paused, into a folder of its own beside the session file, and then
                # pointed at the real folder; when that folder cannot be made from here (aria2
                # on another filesystem) or aria2 could not write the copy into it, the
                # download is added the plain way, keeping the copy beside the episodes.
                stage = await asyncio.to_thread(_stage_root, session)
                if stage and await self._add_staged(bytes(source), stage, options, code, rule, paused):
                    return h
        return await self._add_plain(source, h, options, code, rule)

    async def _add_plain(
        self, source: bytes | str, h: str | None, options: dict[str, str], code: int, rule: int
    ) -> str | None:
        for _ in range(5):
            options["gid"] = make_gid(code, rule)
            try:
                if isinstance(source, bytes | bytearray):
                    await self._call(
                        "aria2.addTorrent", base64.b64encode(bytes(source)).decode(), [], options
                    )
                else:
                    await self._call("aria2.addUri", [str(source).strip()], options)
                return h
            except DownloaderError as exc:
                if "not unique" in exc.detail.lower():
                    continue  # the 16 random bits collided with another of our GIDs
                if "already registered" in exc.detail.lower():
                    return h
                raise BadTorrent(detail=exc.detail) from None
        raise DownloaderError(detail="could not find a free GID")

    async def _add_staged(
        self, source: bytes, stage: str, options: dict[str, str], code: int, rule: int, paused: bool
    ) -> bool:
        """Add `source` paused under `<stage>/<gid>/`, then move it to `options["dir"]`.

        One folder per download because aria2 keeps a multi-file torrent's control file at
        `<first dir>/<name>.aria2` (and, with force-save, keeps it): two torrents of one name
        would share it. False when aria2 did not save its copy there (nothing is left added)."""
        for _ in range(5):
            gid = make_gid(code, rule)
            folder = os.path.join(stage, gid)
            await asyncio.to_thread(os.makedirs, folder, exist_ok=True)
            staged = dict(options, gid=gid, dir=folder, pause="true")
            try:
                await self._call("aria2.addTorrent", base64.b64encode(source).decode(), [], staged)
            except DownloaderError as exc:
                await asyncio.to_thread(_drop_stage, stage, gid)
                if "not unique" in exc.detail.lower():
                    continue
                if "already registered" in exc.detail.lower():
                    return True
                raise BadTorrent(detail=exc.detail) from None
            copy = os.path.join(folder, hashlib.sha1(source).hexdigest() + ".torrent")
            if not await asyncio.to_thread(os.path.isfile, copy):
                await self._forget(gid)
                await asyncio.to_thread(_drop_stage, stage, gid)
                return False
            await self._relocate(gid, folder, options["dir"], paused)
            return True
        raise DownloaderError(detail="could not find a free GID")

    async def _forget(self, gid: str) -> None:
        with contextlib.suppress(DownloaderError):
            await self._call("aria2.forceRemove", gid)
            await self._wait_stopped(gid)
            await self._call("aria2.removeDownloadResult", gid)

    async def _relocate(self, gid: str, stage: str, save_path: str, paused: bool) -> None:
        """Point a download added (paused, nothing written yet) under `stage` at `save_path`.

        Changing `dir` alone does not move a torrent's file paths in aria2 1.36 (they are
        fixed when the torrent is loaded); `index-out` given together with `dir` recomputes
        each file's path as `dir/<relative path>`, and both are kept in the session entry, so
        a restart finds the files in the same place. Should that fail, the download is
        removed again rather than left to write into the private folder."""
        try:
            files = await self._call("aria2.getFiles", gid) or []
            index_out = []
            for f in files:
                path = str(f.get("path", ""))
                rel = posixpath.relpath(path, stage) if path.startswith(stage.rstrip("/") + "/") else ""
                if not rel or rel.startswith(".."):
                    raise DownloaderError(detail=f"unexpected file path {path!r}")
                index_out.append(f"{int(f.get('index', 0))}={rel}")
            await self._call("aria2.changeOption", gid, {"dir": save_path, "index-out": index_out})
            if not paused:
                await self._call("aria2.unpause", gid)
        except DownloaderError:
            await self._forget(gid)
            raise

    async def add_many(self, requests: Sequence[AddRequest]) -> list[AddResult]:
        # `add` asks aria2 for every download to see whether the torrent is there already,
        # which grows with the downloads; here that is asked once for the whole batch.
        results: list[AddResult | None] = [None] * len(requests)
        ready: list[tuple[int, AddRequest, bytes | str, str]] = []
        for i, req in enumerate(requests):
            try:
                source = req.source
                if source_kind(source) == "url":
                    source = await fetch_torrent(str(source), time_limit=max(self.timeout, 30.0))
                if isinstance(source, bytes | bytearray):
                    source = bytes(source)
                    h: str | None = parse_torrent(source)[0]
                else:
                    h = magnet_hash(source)
                if h is None:
                    raise BadTorrent(detail="magnet without a btih info-hash")
            except DownloaderError as exc:
                results[i] = AddResult(error=exc)
                continue
            ready.append((i, req, source, h))
        try:
            records = await self._gids_for([h for _i, _r, _s, h in ready], _PRESENCE_KEYS) if ready else []
            present = {str(d.get("infoHash", "")).lower() for d in records}
        except DownloaderError as exc:
            for i, _req, _src, _h in ready:
                results[i] = AddResult(error=exc)
            ready, present = [], set()
        seen: set[str] = set()
        for i, req, source, h in ready:
            if h in present or h in seen:
                results[i] = AddResult(hash=h)
                continue
            try:
                code, rule = self._codes(req.category, req.tags)
                results[i] = AddResult(
                    hash=await self._submit(source, h, req.save_path, code, rule, req.paused)
                )
                seen.add(h)
            except DownloaderError as exc:
                results[i] = AddResult(error=exc)
        return [r if r is not None else AddResult(error=DownloaderError()) for r in results]

    async def list_torrents(
        self,
        *,
        category: str | None = None,
        tag: str | None = None,
        hashes: Sequence[str] | None = None,
    ) -> list[TorrentInfo]:
        wanted = set(normalize_hashes(hashes)) if hashes is not None else None
        if wanted is not None and not wanted:
            return []
        items = []
        for d, cat, tags in self._own_records(await self._all()):
            info = self._to_info(d, cat, tags)
            if wanted is not None and info.hash not in wanted:
                continue
            if category is not None and cat != category:
                continue
            if tag is not None and tag not in tags:
                continue
            items.append(info)
        return items

    async def _primary(self, torrent_hash: str) -> dict[str, Any]:
        records = await self._gids_for([torrent_hash])
        # Prefer the real download over a magnet's metadata stub.
        records.sort(key=lambda d: 0 if d.get("following") else 1)
        if not records:
            raise NotFound(detail="no such own torrent")
        return records[0]

    async def get_files(self, torrent_hash: str) -> list[TorrentFile]:
        d = await self._primary(torrent_hash)
        base = str(d.get("dir", ""))
        out = []
        for i, f in enumerate(await self._call("aria2.getFiles", d["gid"]) or []):
            length = int(f.get("length", 0))
            done = int(f.get("completedLength", 0))
            path = str(f.get("path", ""))
            name = posixpath.relpath(path, base) if base and path.startswith(base + "/") else path
            out.append(
                TorrentFile(
                    index=int(f.get("index", i + 1)) - 1,
                    name=name,
                    size=length,
                    progress=(done / length) if length else 1.0,
                    priority=1 if f.get("selected", "true") == "true" else 0,
                )
            )
        return out

    async def rename_file(self, torrent_hash: str, old_path: str, new_path: str) -> None:
        raise Unsupported(_UNSUPPORTED_EN, _UNSUPPORTED_ZH, detail="rename")

    async def move(self, hashes: Sequence[str], location: str) -> None:
        raise Unsupported(_UNSUPPORTED_EN, _UNSUPPORTED_ZH, detail="move")

    async def set_category(self, hashes: Sequence[str], category: str) -> None:
        raise Unsupported(_UNSUPPORTED_EN, _UNSUPPORTED_ZH, detail="set category")

    async def add_tags(self, hashes: Sequence[str], tags: Sequence[str]) -> None:
        raise Unsupported(_UNSUPPORTED_EN, _UNSUPPORTED_ZH, detail="add tags")

    async def pause(self, hashes: Sequence[str]) -> None:
        for d in await self._gids_for(hashes):
            if d.get("status") in ("active", "waiting"):
                with contextlib.suppress(NotFound):
                    await self._call("aria2.forcePause", d["gid"])

    async def resume(self, hashes: Sequence[str]) -> None:
        for d in await self._gids_for(hashes):
            if d.get("status") == "paused":
                with contextlib.suppress(NotFound):
                    await self._call("aria2.unpause", d["gid"])

    async def delete(self, hashes: Sequence[str], *, delete_files: bool = False) -> None:
        records = await self._gids_for(hashes)
        session = await self._session_file() if records else ""
        stage = await asyncio.to_thread(_stage_root, session) if session else ""
        for d in records:
            gid = str(d["gid"])
            paths: list[str] = []
            if delete_files:
                paths = [str(f.get("path", "")) for f in await self._call("aria2.getFiles", gid) or []]
            if d.get("status") in ("active", "waiting", "paused"):
                with contextlib.suppress(NotFound):
                    await self._call("aria2.forceRemove", gid)
                await self._wait_stopped(gid)
            with contextlib.suppress(NotFound, DownloaderError):
                await self._call("aria2.removeDownloadResult", gid)
            if delete_files:
                await asyncio.to_thread(_remove_files, str(d.get("dir", "")), self._name(d), paths)
            if stage:
                # aria2's copy of the .torrent is no longer referred to by its session.
                await asyncio.to_thread(_drop_stage, stage, gid)

    async def _wait_stopped(self, gid: str) -> None:
        # forceRemove returns at once; the download reaches "removed" a moment later, and only
        # then can its result be dropped and its files deleted safely.
        deadline = time.monotonic() + min(self.timeout, 10.0)
        while time.monotonic() < deadline:
            try:
                status = await self._call("aria2.tellStatus", gid, ["status"])
            except NotFound:
                return
            if isinstance(status, dict) and status.get("status") in ("removed", "complete", "error"):
                return
            await asyncio.sleep(0.05)

    async def close(self) -> None:
        if self._session is not None and not self._session.closed:
            await self._session.close()
        self._session = None


STAGE_FOLDER = "autobangumi-torrents"


def _stage_root(session: str) -> str:
    """`<session file's folder>/autobangumi-torrents`, made if need be; "" when the session's
    folder is not visible from here (aria2 on another machine or in another container)."""
    parent = os.path.dirname(session)
    if not parent or not os.path.isdir(parent):
        return ""
    root = os.path.join(parent, STAGE_FOLDER)
    try:
        os.makedirs(root, exist_ok=True)
    except OSError:
        return ""
    return root


def _drop_stage(stage: str, gid: str) -> None:
    """Remove one download's private folder (only ever `<stage>/<one of our GIDs>`)."""
    if decode_gid(gid) is None:
        return
    shutil.rmtree(os.path.join(stage, gid), ignore_errors=True)


def _remove_files(base: str, name: str, paths: list[str]) -> None:
    """Delete a download's files (and aria2's `.aria2` control file), only inside `base`."""
    if not base:
        return
    root = os.path.realpath(base)
    for p in paths:
        if not p:
            continue
        real = os.path.realpath(p)
        if not real.startswith(root + os.sep):
            continue  # never follow a reported path out of the download directory
        with contextlib.suppress(FileNotFoundError, IsADirectoryError):
            os.unlink(real)
    top = os.path.realpath(os.path.join(base, name)) if name else ""
    for extra in (top + ".aria2",) if top else ():
        with contextlib.suppress(FileNotFoundError):
            os.unlink(extra)
    # Remove the now-empty folders of a multi-file torrent, deepest first, never `base` itself.
    if top.startswith(root + os.sep) and os.path.isdir(top):
        for dirpath, _dirs, _files in sorted(os.walk(top), key=lambda w: -len(w[0])):
            with contextlib.suppress(OSError):
                os.rmdir(dirpath)
