"""Home Assistant tests. In the project's venv (no Home Assistant) they are skipped whole."""

from __future__ import annotations

import importlib.util

if importlib.util.find_spec("pytest_homeassistant_custom_component") is None:
    # The project's Python 3.11 venv: this suite runs through tools/test-ha.sh instead.
    collect_ignore_glob = ["*"]
else:
    from ha_fixtures import (  # noqa: F401  (fixtures are found by name)
        auto_enable_custom_integrations,
        daemon,
        fast_reconnect,
        fresh_daemon,
        loopback_sockets,
    )
    from qbittorrent import qbittorrent  # noqa: F401
