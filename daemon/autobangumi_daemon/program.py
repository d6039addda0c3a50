"""Program control: the scheduler's periodic jobs start, stop and restart; the API stays up.

Later features register jobs with `add_job`; each runs at its interval while the program
is running, never overlaps itself, and a failing run is logged without stopping the job.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Literal

from apscheduler.schedulers.asyncio import AsyncIOScheduler

from autobangumi.v1 import program_pb2
from autobangumi_daemon.cancel import cancel_and_wait
from autobangumi_daemon.events import EventBus

__all__ = ["JobSpec", "Program", "ProgramState"]

log = logging.getLogger(__name__)

# A stop lets a run in progress reach its end for this long, then cancels it: every stop of
# the daemon (API, signal, restart) must end within seconds, whatever a job is waiting on.
STOP_GRACE = 1.5
CANCEL_WAIT = 1.0

ProgramState = Literal["setup", "starting", "running", "stopping", "stopped"]


@dataclass(frozen=True, slots=True)
class JobSpec:
    name: str
    run: Callable[[], Awaitable[None]]
    interval: Callable[[], float]  # seconds, read at each start so config changes apply
    run_at_start: bool = True
    # Seconds after the start before the first run (jobs that reach the internet wait a little,
    # so a quick restart or a test never triggers them).
    first_delay: float = 0.0


class Program:
    def __init__(self, bus: EventBus) -> None:
        self._bus = bus
        self._jobs: dict[str, JobSpec] = {}
        self._scheduler: AsyncIOScheduler | None = None
        self._state: ProgramState = "stopped"
        self._lock = asyncio.Lock()
        self._active: set[asyncio.Task[None]] = set()

    @property
    def state(self) -> ProgramState:
        return self._state

    @property
    def running(self) -> bool:
        return self._state == "running"

    def add_job(self, spec: JobSpec) -> None:
        self._jobs[spec.name] = spec

    def next_run(self, name: str) -> datetime | None:
        """When the job runs next; None when the program is stopped or has no such job."""
        if self._scheduler is None:
            return None
        job = self._scheduler.get_job(name)
        when = getattr(job, "next_run_time", None) if job is not None else None
        return when if isinstance(when, datetime) else None

    def _set(self, state: ProgramState) -> None:
        self._state = state
        self._bus.publish(self.state_event())

    def state_event(self) -> program_pb2.ProgramStateEvent:
        return program_pb2.ProgramStateEvent(state=self._state, running=self.running)

    def mark_setup(self) -> None:
        self._set("setup")

    async def start(self) -> bool:
        """Start the jobs. False when they were already running."""
        async with self._lock:
            if self._state == "running":
                return False
            self._set("starting")
            scheduler = AsyncIOScheduler()
            for spec in self._jobs.values():
                scheduler.add_job(
                    self._guard(spec),
                    "interval",
                    seconds=max(1.0, spec.interval()),
                    id=spec.name,
                    max_instances=1,
                    coalesce=True,
                    next_run_time=(
                        datetime.now(UTC) + timedelta(seconds=spec.first_delay) if spec.run_at_start else None
                    ),
                )
            scheduler.start()
            self._scheduler = scheduler
            self._set("running")
            log.info("Program started with jobs: %s", ", ".join(self._jobs) or "none")
            return True

    async def stop(self) -> bool:
        """Stop the jobs (a run in progress has STOP_GRACE seconds to finish). False when they
        were not running."""
        async with self._lock:
            if self._state != "running" or self._scheduler is None:
                return False
            self._set("stopping")
            self._scheduler.shutdown(wait=False)
            self._scheduler = None
            await self._finish_active()
            self._set("stopped")
            log.info("Program stopped.")
            return True

    async def restart(self) -> None:
        await self.stop()
        await self.start()

    async def _finish_active(self) -> None:
        """Let runs in progress finish (so a quick one is not cut mid-write), within a limit,
        then cancel the rest: a feed that stalls or a downloader in back-off never holds a stop."""
        active = {t for t in self._active if not t.done()}
        if not active:
            return
        _done, pending = await asyncio.wait(active, timeout=STOP_GRACE)
        if not pending:
            return
        log.warning("%d job run(s) still busy %.1f s after stopping; cancelling.", len(pending), STOP_GRACE)
        left = await cancel_and_wait(pending, CANCEL_WAIT)
        if left:
            log.warning("%d job run(s) ignored cancellation; leaving them behind.", len(left))

    def _guard(self, spec: JobSpec) -> Callable[[], Awaitable[None]]:
        async def run() -> None:
            if self._state != "running":
                return  # fired as a stop began (the scheduler's shutdown takes effect a tick later)
            # The run is a task of its own: APScheduler cancels the futures of running jobs when
            # it shuts down, which would cut every run short at once (and log the cancellation as
            # a failure). Ending a run is the stop's decision: a grace, then a cancel.
            task = asyncio.create_task(self._run(spec), name=f"job {spec.name}")
            self._active.add(task)
            task.add_done_callback(self._active.discard)
            with contextlib.suppress(asyncio.CancelledError):
                await asyncio.shield(task)

        return run

    @staticmethod
    async def _run(spec: JobSpec) -> None:
        try:
            await spec.run()
        except Exception:
            log.exception("Job %s failed; it will run again at its next interval.", spec.name)
