"""ProgramService: status, start/stop/restart of the jobs, shutdown, health and events."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator

from autobangumi.rpc import Caller
from autobangumi.v1 import common_pb2, program_pb2
from autobangumi_daemon.context import AppContext
from autobangumi_daemon.errors import failed, invalid

__all__ = ["ProgramService"]

log = logging.getLogger(__name__)


class ProgramService:
    SERVICE = "autobangumi.v1.ProgramService"

    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx

    async def GetStatus(
        self, req: program_pb2.GetStatusRequest, caller: Caller
    ) -> program_pb2.StatusResponse:
        first_run = self.ctx.need_setup
        return program_pb2.StatusResponse(
            status=self.ctx.program.running and not first_run,
            version=self.ctx.version,
            first_run=first_run,
            state=self.ctx.program.state,
        )

    async def StartProgram(self, req: common_pb2.Empty, caller: Caller) -> common_pb2.ApiMessage:
        if self.ctx.need_setup:
            raise failed("Finish the setup wizard first.", "请先完成设置向导。")
        await self.ctx.program.start()
        return common_pb2.ApiMessage(msg_en="Program started.", msg_zh="程序启动成功。")

    async def StopProgram(self, req: common_pb2.Empty, caller: Caller) -> common_pb2.ApiMessage:
        if not await self.ctx.program.stop():
            raise failed("Program is not running.", "程序未运行。")
        return common_pb2.ApiMessage(msg_en="Program stopped.", msg_zh="程序停止成功。")

    async def RestartProgram(self, req: common_pb2.Empty, caller: Caller) -> common_pb2.ApiMessage:
        if self.ctx.need_setup:
            raise failed("Finish the setup wizard first.", "请先完成设置向导。")
        # Restarting only reschedules jobs; it never waits on the downloader or the network.
        await self.ctx.program.restart()
        return common_pb2.ApiMessage(msg_en="Program restarted.", msg_zh="程序重启成功。")

    async def Shutdown(self, req: common_pb2.Empty, caller: Caller) -> common_pb2.ApiMessage:
        await self.ctx.program.stop()
        log.info("Shutdown requested through the API.")
        # Answer first, then stop serving.
        asyncio.get_running_loop().call_later(0.2, self.ctx.shutdown.set)
        return common_pb2.ApiMessage(msg_en="Shutdown program successfully.", msg_zh="关闭程序成功。")

    async def CheckDownloader(self, req: common_pb2.Empty, caller: Caller) -> common_pb2.BoolValue:
        return common_pb2.BoolValue(value=await self.ctx.downloader.check())

    async def Health(self, req: common_pb2.Empty, caller: Caller) -> program_pb2.HealthResponse:
        return program_pb2.HealthResponse(status="ok", version=self.ctx.version)

    async def GetInstance(self, req: common_pb2.Empty, caller: Caller) -> program_pb2.InstanceInfo:
        return program_pb2.InstanceInfo(
            instance_id=self.ctx.instance_id, version=self.ctx.version, name="AutoBangumi"
        )

    async def Events(
        self, req: program_pb2.EventsRequest, caller: Caller
    ) -> AsyncIterator[program_pb2.Event]:
        kinds = set(req.kinds)
        known = [f.name for f in program_pb2.Event.DESCRIPTOR.oneofs_by_name["payload"].fields]
        unknown = sorted(kinds - set(known))
        if unknown:
            names = ", ".join(known)
            raise invalid(
                f"kinds: unknown event kind {unknown[0]!r}; the kinds are {names}.",
                f"kinds：未知的事件类型 {unknown[0]!r}；可用的类型为 {names}。",
            )
        first = program_pb2.Event(kind="program_state", program_state=self.ctx.program.state_event())
        async for event in self.ctx.bus.subscribe(first):
            if not kinds or event.kind in kinds:
                yield event
