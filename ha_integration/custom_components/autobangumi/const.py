"""Constants for the AutoBangumi integration."""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Final

DOMAIN: Final = "autobangumi"
LOGGER = logging.getLogger(__package__)

CONF_TLS: Final = "tls"
DEFAULT_PORT: Final = 7893
DEFAULT_NAME: Final = "AutoBangumi"

# Push is the main path; the poll is the safety net that resyncs rules and feeds (which the
# event stream does not carry) and restarts the stream if it died.
POLL_INTERVAL: Final = timedelta(minutes=5)
# Download speed and progress are not pushed by the daemon, so torrents are polled.
DOWNLOADS_INTERVAL: Final = timedelta(seconds=30)
RPC_TIMEOUT: Final = 10.0
# Event-stream reconnect back-off, in seconds.
RECONNECT_MIN: Final = 1.0
RECONNECT_MAX: Final = 60.0
# A session token (a JWT from a password login) is renewed when it has less than this left.
TOKEN_RENEW_MARGIN: Final = timedelta(days=3)

# The oldest daemon this integration was built against (GetInstance and Events exist there).
MIN_DAEMON_VERSION: Final = "0.1.0"

ISSUE_DAEMON_TOO_OLD: Final = "daemon_too_old"
ISSUE_DOWNLOADER_AUTH: Final = "downloader_auth_failed"

# qBittorrent-style states (the daemon reports every client in that shape) that mean
# "not moving right now": paused/stopped or broken torrents are not active downloads.
INACTIVE_STATES: Final = frozenset({"pausedDL", "stoppedDL", "error", "missingFiles", "unknown"})

PROGRAM_STATES: Final = ["running", "stopped", "starting", "stopping", "setup"]

ATTR_CONFIG_ENTRY_ID: Final = "config_entry_id"
