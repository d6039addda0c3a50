"""Ask Jellyfin, Emby and Plex to scan just the folder an episode landed in.

The requests are the servers' own APIs:

- Jellyfin: `POST <url>/Library/Media/Updated` with `{"Updates": [{"Path": <folder>,
  "UpdateType": "Created"}]}` and `Authorization: MediaBrowser Token="<token>"`;
- Emby: the same call under `<url>/emby` with `X-Emby-Token`;
- Plex: `GET <url>/library/sections` (as JSON) to find the section whose location holds the folder
  (the longest match), then `GET <url>/library/sections/<key>/refresh?path=<folder>`, the token
  as `X-Plex-Token`.

The URL is treated like the downloader's host: the user typed it in for this purpose, and media
servers live on the LAN, so the client has no SSRF guard and no proxy (a proxy on the internet
could not reach a LAN server). Failures are logged once per server until it answers again and
never raise: a media server being down must not hold up renaming.
"""

from __future__ import annotations

import json
import logging
import posixpath
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from autobangumi_daemon.adapters.http import Fetcher, FetchError, HttpClient
from autobangumi_daemon.core.pathmap import PathMap, check_mappings

__all__ = ["MediaServer", "MediaServers", "servers_from_config"]

log = logging.getLogger(__name__)

TYPES = ("jellyfin", "emby", "plex")
_TIMEOUT = 15.0


@dataclass(frozen=True, slots=True)
class MediaServer:
    type: str
    url: str
    token: str
    enabled: bool = True
    #: The daemon's folders as this server sees them (`to_downloader` goes the server's way).
    paths: PathMap = field(default_factory=PathMap, compare=False)

    @property
    def key(self) -> str:
        return f"{self.type} {self.url}"

    def folder(self, local: str) -> str:
        return self.paths.to_downloader(local)


def servers_from_config(section: Mapping[str, Any]) -> list[MediaServer]:
    """The enabled servers of a known type from `media_server.servers`."""
    out = []
    for item in section.get("servers") or []:
        kind = str(item.get("type") or "").strip().lower()
        url = str(item.get("url") or "").strip().rstrip("/")
        if kind in TYPES and url and bool(item.get("enabled", True)):
            # Checked when saved; read again here so a mapping always means what it says.
            maps = check_mappings(item.get("path_mappings") or [], "media_server", "server_path")
            out.append(MediaServer(kind, url, str(item.get("token") or ""), paths=PathMap(maps)))
    return out


class _Refused(Exception):
    pass


def _plex_section(body: bytes, folder: str) -> str | None:
    data = json.loads(body)
    best: tuple[int, str] | None = None
    for directory in data.get("MediaContainer", {}).get("Directory", []) or []:
        for loc in directory.get("Location", []) or []:
            root = posixpath.normpath(str(loc.get("path") or "/"))
            holds = folder == root or folder.startswith(root.rstrip("/") + "/")
            if holds and (best is None or len(root) > best[0]):
                best = (len(root), str(directory.get("key")))
    return best[1] if best else None


class MediaServers:
    """Long-lived: remembers which servers are failing so each failure is logged once."""

    def __init__(self, user_agent: str = "AutoBangumi") -> None:
        self.client = HttpClient(user_agent=user_agent, timeout=_TIMEOUT, retries=0, policy=None)
        self._failing: set[str] = set()

    async def _jellyfin_like(self, f: Fetcher, server: MediaServer, folder: str) -> None:
        body = json.dumps({"Updates": [{"Path": folder, "UpdateType": "Created"}]})
        headers = {"Content-Type": "application/json"}
        if server.type == "jellyfin":
            url = f"{server.url}/Library/Media/Updated"
            headers["Authorization"] = f'MediaBrowser Token="{server.token}"'
        else:
            base = server.url if server.url.endswith("/emby") else f"{server.url}/emby"
            url = f"{base}/Library/Media/Updated"
            headers["X-Emby-Token"] = server.token
        resp = await f.post(url, body.encode(), headers=headers)
        if not 200 <= resp.status < 300:
            raise _Refused(f"HTTP {resp.status}")

    async def _plex(self, f: Fetcher, server: MediaServer, folder: str) -> None:
        headers = {"X-Plex-Token": server.token, "Accept": "application/json"}
        listing = await f.get(f"{server.url}/library/sections", headers=headers, retries=0)
        try:
            key = _plex_section(listing.body, folder)
        except (ValueError, AttributeError, TypeError) as exc:
            raise _Refused(f"unreadable section list ({exc})") from None
        if key is None:
            raise _Refused(f"no library section holds {folder}")
        await f.get(
            f"{server.url}/library/sections/{key}/refresh",
            headers=headers,
            params={"path": folder, "X-Plex-Token": server.token},
            retries=0,
        )

    async def scan(self, servers: Iterable[MediaServer], local: str) -> dict[str, str]:
        """Ask each server to scan the folder `local` (the daemon's path; each server is sent its
        own, through its path mappings); returns key → "ok" or error."""
        out: dict[str, str] = {}
        servers = list(servers)
        if not servers:
            return out
        async with self.client.open() as f:
            for server in servers:
                folder = server.folder(local)
                try:
                    if server.type == "plex":
                        await self._plex(f, server, folder)
                    else:
                        await self._jellyfin_like(f, server, folder)
                except (FetchError, _Refused) as exc:
                    out[server.key] = str(exc)
                    if server.key not in self._failing:
                        self._failing.add(server.key)
                        log.warning(
                            "Media server %s did not take the scan of %s: %s", server.key, folder, exc
                        )
                    continue
                out[server.key] = "ok"
                if server.key in self._failing:
                    self._failing.discard(server.key)
                    log.info("Media server %s answers again.", server.key)
        return out
