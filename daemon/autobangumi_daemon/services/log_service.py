"""LogService: the tail of the log file, and clearing it."""

from __future__ import annotations

import asyncio

from google.api import httpbody_pb2

from autobangumi.rpc import Caller
from autobangumi.v1 import common_pb2, log_pb2
from autobangumi_daemon.context import AppContext
from autobangumi_daemon.errors import failed, not_found
from autobangumi_daemon.logs import read_log_tail

__all__ = ["LogService"]


class LogService:
    SERVICE = "autobangumi.v1.LogService"

    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx

    async def GetLog(self, req: log_pb2.GetLogRequest, caller: Caller) -> httpbody_pb2.HttpBody:
        text = await asyncio.to_thread(read_log_tail, self.ctx.paths.log_file, self.ctx.version_line())
        if text is None:
            raise not_found("Log file not found", "日志文件不存在")
        return httpbody_pb2.HttpBody(content_type="text/plain; charset=utf-8", data=text.encode())

    async def ClearLog(self, req: common_pb2.Empty, caller: Caller) -> common_pb2.ApiMessage:
        path = self.ctx.paths.log_file
        if not path.exists():
            raise failed("Log file not found.", "日志文件不存在。")
        # Truncate in place: the rotating handler keeps writing to the same open file.
        with path.open("r+b") as fh:
            fh.truncate(0)
        return common_pb2.ApiMessage(msg_en="Log cleared successfully.", msg_zh="日志清除成功。")
