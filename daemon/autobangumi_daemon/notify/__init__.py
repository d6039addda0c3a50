"""Notifications through Apprise, from AutoBangumi's provider settings or any Apprise URL."""

from autobangumi_daemon.notify.notifier import Notifier, SendResult
from autobangumi_daemon.notify.providers import ProviderError, provider_url

__all__ = ["Notifier", "ProviderError", "SendResult", "provider_url"]
