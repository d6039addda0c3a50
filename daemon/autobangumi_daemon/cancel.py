"""Ending work promptly: cancel tasks and wait for them to end, within a bound.

Python 3.11's `asyncio.wait_for` drops a cancellation that arrives in the same loop iteration
as the awaited future completes, so a task can survive one `cancel()` and go on to its next
wait (a back-off pause of minutes, say). Cancelling once and waiting without a bound is how a
stop ends up waiting on such a pause; here a task is cancelled again until it really ends.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable
from typing import Any

__all__ = ["cancel_and_wait"]

_RECANCEL = 0.1  # seconds between repeated cancellations of a task that is still running


async def cancel_and_wait(tasks: Iterable[asyncio.Future[Any]], within: float) -> set[asyncio.Future[Any]]:
    """Cancel the tasks and wait at most `within` seconds for them; returns those still running.

    Their results and exceptions are retrieved (a cancelled job is not an unhandled error).
    """
    loop = asyncio.get_running_loop()
    deadline = loop.time() + within
    every = list(tasks)
    pending = {t for t in every if not t.done()}
    while pending:
        left = deadline - loop.time()
        if left <= 0:
            break
        for task in pending:
            task.cancel()
        _done, pending = await asyncio.wait(pending, timeout=min(left, _RECANCEL))
    for task in every:
        if task.done() and not task.cancelled():
            task.exception()
    return pending
