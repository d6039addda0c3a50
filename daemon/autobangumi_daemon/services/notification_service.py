"""NotificationService: test messages through a saved provider or an unsaved configuration."""

from __future__ import annotations

from autobangumi.rpc import Caller
from autobangumi.v1 import config_pb2, notification_pb2
from autobangumi_daemon.context import AppContext
from autobangumi_daemon.notify import SendResult
from autobangumi_daemon.notify.notifier import provider_dict

__all__ = ["NotificationService", "result_message"]


def result_message(r: SendResult) -> notification_pb2.NotificationTestResult:
    return notification_pb2.NotificationTestResult(
        success=r.success, message=r.msg_en, message_en=r.msg_en, message_zh=r.msg_zh
    )


class NotificationService:
    SERVICE = "autobangumi.v1.NotificationService"

    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx

    async def TestProvider(
        self, req: notification_pb2.TestProviderRequest, caller: Caller
    ) -> notification_pb2.NotificationTestResult:
        providers = self.ctx.notifier.enabled_providers()
        if not 0 <= req.provider_index < len(providers):
            return notification_pb2.NotificationTestResult(
                success=False,
                message=f"No enabled provider at index {req.provider_index}.",
                message_en=f"No enabled provider at index {req.provider_index}.",
                message_zh=f"序号 {req.provider_index} 处没有已启用的通知渠道。",
            )
        return result_message(await self.ctx.notifier.test(providers[req.provider_index]))

    async def TestProviderConfig(
        self, req: config_pb2.NotificationProvider, caller: Caller
    ) -> notification_pb2.NotificationTestResult:
        return result_message(await self.ctx.notifier.test(provider_dict(req)))
