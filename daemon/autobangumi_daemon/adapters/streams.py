"""Reading an HTTP body with a size cap.

aiohttp's `StreamReader.read(n)` returns whatever has arrived, up to n bytes, not n bytes:
a single call silently truncates a large body. This reads to the end or to the cap.
"""

from __future__ import annotations

from aiohttp import StreamReader

__all__ = ["BodyTooLarge", "read_capped"]


class BodyTooLarge(Exception):
    pass


async def read_capped(stream: StreamReader, limit: int, *, truncate: bool = False) -> bytes:
    """The whole body, or BodyTooLarge past `limit` bytes (or the first `limit` bytes if truncating)."""
    chunks: list[bytes] = []
    size = 0
    while chunk := await stream.read(min(256 * 1024, limit + 1 - size)):
        chunks.append(chunk)
        size += len(chunk)
        if size > limit:
            if truncate:
                return b"".join(chunks)[:limit]
            raise BodyTooLarge(limit)
        if size == limit and truncate:
            break
    return b"".join(chunks)
