"""Loopback ports for the real daemons and servers the tests start.

A port the kernel gives for `bind(0)` comes from its ephemeral range, and once released it is
free only until an outgoing connection (an HTTP client, a database pool) is given it; a daemon
that binds it a moment later then fails with "address already in use". The kernel never hands
out ports below that range by itself, so the ports are taken from there, each checked by a bind
and never given twice in one run.
"""

from __future__ import annotations

import random
import socket
from pathlib import Path

_LOWEST = 10_000
_given: set[int] = set()


def _ephemeral_low() -> int:
    try:
        return int(Path("/proc/sys/net/ipv4/ip_local_port_range").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return 32_768


def _bindable(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def free_port() -> int:
    """A loopback TCP port nothing is bound to and no other test was given."""
    high = _ephemeral_low()
    if high - _LOWEST >= 1_000:
        for _ in range(1_000):
            port = random.randrange(_LOWEST, high)
            if port not in _given and _bindable(port):
                _given.add(port)
                return port
    # A machine whose ephemeral range starts low leaves no such band: fall back to the kernel.
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        port = int(s.getsockname()[1])
    _given.add(port)
    return port
