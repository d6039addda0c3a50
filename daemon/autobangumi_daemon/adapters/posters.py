"""Poster cache in `data/posters`: `posters/<md5(bytes)[:8]>.<ext>`, as AutoBangumi names them.

The WebUI requests `/` + `poster_link`, so the link is relative without a leading slash. Only
real images are stored (checked by their first bytes): an HTML error page served with status 200
must not become a "poster".
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
from pathlib import Path

from autobangumi_daemon.adapters.http import MAX_IMAGE_BYTES, Fetcher, FetchError
from autobangumi_daemon.files import write_atomic

__all__ = ["PosterCache", "image_extension"]

log = logging.getLogger(__name__)


def image_extension(data: bytes) -> str | None:
    if data.startswith(b"\xff\xd8\xff"):
        return "jpg"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "webp"
    if data[:6] in (b"GIF87a", b"GIF89a"):
        return "gif"
    return None


class PosterCache:
    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self._by_url: dict[str, str] = {}

    async def fetch(self, f: Fetcher, url: str | None) -> str | None:
        """Download and store a poster; returns `posters/<file>`, or None if it is no image.

        Raises FetchError when the host is unreachable (transient), so callers may retry.
        """
        if not url:
            return None
        known = self._by_url.get(url)
        if known is not None:
            return known
        try:
            resp = await f.get(url, max_bytes=MAX_IMAGE_BYTES)
        except FetchError as exc:
            if not exc.transient:
                log.info("Poster %s not available: %s", url, exc.msg_en)
                return None
            raise
        ext = image_extension(resp.body)
        if ext is None:
            log.info("Poster %s is not an image; ignored.", url)
            return None
        name = f"{hashlib.md5(resp.body).hexdigest()[:8]}.{ext}"
        target = self.directory / name
        if not target.exists():
            await asyncio.to_thread(write_atomic, target, resp.body)
        link = f"posters/{name}"
        self._by_url[url] = link
        return link
