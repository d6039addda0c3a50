"""Per-client login throttling: after repeated failures a client waits, longer each time.

Successes never count, so the WebUI's double login per click cannot lock anyone out.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

__all__ = ["LoginThrottle"]


@dataclass
class _Client:
    failures: list[float] = field(default_factory=list)
    locked_until: float = 0.0
    lockouts: int = 0


class LoginThrottle:
    def __init__(
        self, max_failures: int = 5, window: float = 600.0, base_lock: float = 30.0, max_lock: float = 900.0
    ) -> None:
        self.max_failures = max_failures
        self.window = window
        self.base_lock = base_lock
        self.max_lock = max_lock
        self._clients: dict[str, _Client] = {}

    def retry_after(self, client: str, now: float | None = None) -> float:
        """Seconds the client must still wait (0 when it may try)."""
        now = time.monotonic() if now is None else now
        state = self._clients.get(client)
        if state is None:
            return 0.0
        return max(0.0, state.locked_until - now)

    def failure(self, client: str, now: float | None = None) -> None:
        now = time.monotonic() if now is None else now
        state = self._clients.setdefault(client, _Client())
        state.failures = [t for t in state.failures if now - t < self.window]
        state.failures.append(now)
        if len(state.failures) >= self.max_failures:
            lock = min(self.max_lock, self.base_lock * (2**state.lockouts))
            state.locked_until = now + lock
            state.lockouts += 1
            state.failures.clear()
        if len(self._clients) > 10_000:  # bound memory under a spray of addresses
            self._clients.pop(next(iter(self._clients)))

    def success(self, client: str) -> None:
        self._clients.pop(client, None)
