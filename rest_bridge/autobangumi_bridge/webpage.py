"""The web page at `/`: a built single-page app served from a folder.

By default the folder is the bundle shipped inside this package (webui/, built from web/ by
`make web`), so an installed package or the Docker image needs no Node. AB_WEB_DIR points at
another folder instead (AutoBangumi 3.2's WebUI `dist/`, say), served the same way.

Caching follows how Vite names files: index.html is revalidated on every load (so a new
release is picked up at once), hashed assets never change and are cached for a year, anything
else is revalidated by ETag. Text files are gzipped once and kept in memory.
"""

from __future__ import annotations

import gzip
import hashlib
import mimetypes
import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from aiohttp import web

__all__ = ["AB32_ROUTES", "PACKAGED_ROUTES", "PACKAGED_WEB_DIR", "WebPage"]

PACKAGED_WEB_DIR = Path(__file__).resolve().parent / "webui"

# The first path segments that are the page's own client routes and so get index.html; any
# other path that is not a file is a 404, so a probe for /docs or /openapi.json learns nothing
# and a mistyped link is not silently the home page. The packaged page routes on the hash
# (`/#/rules`); its section names are kept here too, for links written without the `#`.
PACKAGED_ROUTES = frozenset(
    {"rules", "feeds", "downloads", "search", "calendar", "settings", "log", "account", "explain"}
)
# AutoBangumi 3.2's WebUI (AB_WEB_DIR): its pages under src/pages, and the two outside the shell.
AB32_ROUTES = frozenset(
    {"login", "setup", "bangumi", "calendar", "config", "downloader", "log", "player", "rss"}
)

# Python's table depends on the system's mime.types (absent in slim images); these must be right.
_TYPES = {
    ".html": "text/html",
    ".js": "text/javascript",
    ".mjs": "text/javascript",
    ".css": "text/css",
    ".json": "application/json",
    ".map": "application/json",
    ".webmanifest": "application/manifest+json",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".webp": "image/webp",
    ".avif": "image/avif",
    ".gif": "image/gif",
    ".ico": "image/x-icon",
    ".woff": "font/woff",
    ".woff2": "font/woff2",
    ".ttf": "font/ttf",
    ".txt": "text/plain",
    ".wasm": "application/wasm",
}
_TEXT = ("text/", "application/json", "application/manifest+json", "image/svg+xml", "application/wasm")
# Vite writes assets/<name>-<8 url-safe base64 chars>.<ext>.
_HASHED = re.compile(r"^assets/(?:.+/)?[^/]+-[A-Za-z0-9_-]{8}\.[A-Za-z0-9]+$")
_GZIP_MIN = 512
NO_CACHE = "no-cache"
IMMUTABLE = "public, max-age=31536000, immutable"

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def content_type(path: Path) -> str:
    ctype = _TYPES.get(path.suffix.lower()) or mimetypes.guess_type(path.name)[0]
    return ctype or "application/octet-stream"


@dataclass(frozen=True, slots=True)
class _Entry:
    stamp: tuple[int, int]  # (mtime_ns, size): a changed file is read again
    body: bytes
    gz: bytes | None
    etag: str
    ctype: str


class WebPage:
    """Serves one folder; the page's own routes get index.html (its router takes over)."""

    def __init__(self, root: Path, routes: frozenset[str] = PACKAGED_ROUTES) -> None:
        self.root = root.resolve()
        self.routes = routes
        self._cache: dict[Path, _Entry] = {}

    def _load(self, path: Path) -> _Entry:
        st = path.stat()
        stamp = (st.st_mtime_ns, st.st_size)
        entry = self._cache.get(path)
        if entry is not None and entry.stamp == stamp:
            return entry
        body = path.read_bytes()
        ctype = content_type(path)
        gz = None
        if ctype.startswith(_TEXT) and len(body) >= _GZIP_MIN:
            # mtime=0 keeps the compressed bytes, and so the ETag, the same on every start.
            packed = gzip.compress(body, compresslevel=9, mtime=0)
            gz = packed if len(packed) < len(body) else None
        etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
        entry = _Entry(stamp, body, gz, etag, ctype)
        self._cache[path] = entry
        return entry

    def _resolve(self, rel: str) -> Path | None:
        if not rel:
            return None
        try:
            target = (self.root / rel).resolve()
            if target.is_relative_to(self.root) and target.is_file():
                return target
        except (ValueError, OSError):
            # A NUL byte or a name longer than the file system allows: no such file.
            return None
        return None

    def _respond(self, request: web.Request, path: Path, cache_control: str) -> web.StreamResponse:
        entry = self._load(path)
        headers = {
            "Cache-Control": cache_control,
            "ETag": entry.etag,
            "X-Content-Type-Options": "nosniff",
            "Vary": "Accept-Encoding",
        }
        if entry.etag in (t.strip() for t in request.headers.get("If-None-Match", "").split(",")):
            return web.Response(status=304, headers=headers)
        ctype = entry.ctype
        charset = "utf-8" if ctype.startswith("text/") or ctype in ("application/json",) else None
        body = entry.body
        if entry.gz is not None and "gzip" in request.headers.get("Accept-Encoding", "").lower():
            headers["Content-Encoding"] = "gzip"
            body = entry.gz
        # aiohttp sends the headers alone (with the length) when the request is a HEAD.
        return web.Response(body=body, content_type=ctype, charset=charset, headers=headers)

    async def handle(self, request: web.Request) -> web.StreamResponse:
        rel = request.match_info.get("tail", "")
        target = self._resolve(rel)
        if target is not None:
            if target.name == "index.html":
                return self._respond(request, target, NO_CACHE)
            posix = PurePosixPath(*target.relative_to(self.root).parts).as_posix()
            return self._respond(request, target, IMMUTABLE if _HASHED.match(posix) else NO_CACHE)
        if request.path.startswith("/api/") or _looks_like_a_file(rel):
            # A missing script must not come back as HTML (the browser would run the page as JS).
            raise web.HTTPNotFound()
        if rel.split("/", 1)[0] not in self.routes and rel not in ("", "index.html"):
            raise web.HTTPNotFound()
        index = self.root / "index.html"
        if index.is_file():
            return self._respond(request, index, NO_CACHE)
        raise web.HTTPNotFound()


def _looks_like_a_file(rel: str) -> bool:
    last = rel.rsplit("/", 1)[-1]
    return rel.startswith("assets/") or ("." in last and not last.endswith(".html"))
