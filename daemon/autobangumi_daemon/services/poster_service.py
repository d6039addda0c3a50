"""PosterService: cached posters from data/posters, never a file outside it."""

from __future__ import annotations

import asyncio
import mimetypes

from google.api import httpbody_pb2

from autobangumi.rpc import Caller
from autobangumi.v1 import poster_pb2
from autobangumi_daemon.context import AppContext
from autobangumi_daemon.errors import forbidden, not_found

__all__ = ["PosterService"]


class PosterService:
    SERVICE = "autobangumi.v1.PosterService"

    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx

    async def GetPoster(self, req: poster_pb2.GetPosterRequest, caller: Caller) -> httpbody_pb2.HttpBody:
        root = self.ctx.paths.posters_dir.resolve()
        if "\x00" in req.path:
            # No file can have such a name; the OS call would fail with ValueError.
            raise not_found("Poster not found.", "海报不存在。")
        try:
            target = (root / req.path).resolve()
        except OSError:
            raise not_found("Poster not found.", "海报不存在。") from None
        if not target.is_relative_to(root) or target == root:
            raise forbidden("Forbidden path.", "禁止访问该路径。")
        try:
            data = await asyncio.to_thread(target.read_bytes)
        except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
            raise not_found("Poster not found.", "海报不存在。") from None
        except OSError:
            # A name longer than the filesystem allows (ENAMETOOLONG), a loop of links, ...
            raise not_found("Poster not found.", "海报不存在。") from None
        ctype = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        return httpbody_pb2.HttpBody(content_type=ctype, data=data)
