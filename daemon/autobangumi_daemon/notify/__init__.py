"""Notifications: AutoBangumi's provider types sent through the project's HTTP client, any
other Apprise URL through Apprise."""

from autobangumi_daemon.notify.notifier import Notifier, SendResult
from autobangumi_daemon.notify.providers import ProviderError, apprise_url

__all__ = ["Notifier", "ProviderError", "SendResult", "apprise_url"]
