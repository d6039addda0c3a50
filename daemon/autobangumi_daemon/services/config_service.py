"""ConfigService: read the configuration with secrets masked; partial, validated updates."""

from __future__ import annotations

import logging

from autobangumi.rpc import Caller
from autobangumi.v1 import common_pb2, config_pb2
from autobangumi_daemon.context import AppContext
from autobangumi_daemon.errors import invalid, require_fields

__all__ = ["ConfigService"]

log = logging.getLogger(__name__)


class ConfigService:
    SERVICE = "autobangumi.v1.ConfigService"

    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx

    async def GetConfig(self, req: config_pb2.GetConfigRequest, caller: Caller) -> config_pb2.Config:
        return self.ctx.config.masked()

    async def UpdateConfig(
        self, req: config_pb2.UpdateConfigRequest, caller: Caller
    ) -> common_pb2.ApiMessage:
        require_fields(req)
        if not req.HasField("config"):
            # An absent config is never "every section back to its defaults".
            raise invalid("config: the new configuration is missing.", "config：缺少新的配置。")
        self.ctx.config.update(req.config, req.update_mask.paths)
        logging.getLogger().setLevel(
            logging.DEBUG if self.ctx.config.config.log.debug_enable else logging.INFO
        )
        log.info("Config updated.")
        return common_pb2.ApiMessage(msg_en="Update config successfully.", msg_zh="更新配置成功。")
