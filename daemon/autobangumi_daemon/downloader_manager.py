"""The configured downloader, rebuilt when its settings change, watched with back-off.

A wrong or unreachable downloader never blocks start-up or the API: calls fail fast with a
bilingual error, and a background watcher re-checks it with growing pauses (5 s doubling to
5 min), logging once when it goes away and once when it comes back.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from autobangumi.v1 import config_pb2
from autobangumi_daemon.adapters.downloaders.base import Downloader, DownloaderError
from autobangumi_daemon.adapters.downloaders.factory import make_downloader
from autobangumi_daemon.cancel import cancel_and_wait
from autobangumi_daemon.config import ConfigStore
from autobangumi_daemon.errors import DaemonError, unavailable

__all__ = ["DownloaderManager"]

log = logging.getLogger(__name__)

BACKOFF_START = 5.0
BACKOFF_MAX = 300.0
HEALTHY_RECHECK = 60.0
# Seconds a stop waits for the watcher, then for the client's logout (a courtesy: a client
# stuck on a dead host would not get it through anyway).
STOP_WAIT = 0.5


def _settings_key(cfg: config_pb2.DownloaderConfig) -> tuple[Any, ...]:
    return (cfg.type, cfg.host, cfg.username, cfg.password, cfg.ssl)


class DownloaderManager:
    def __init__(self, config: ConfigStore) -> None:
        self._config = config
        self._client: Downloader | None = None
        self._key: tuple[Any, ...] | None = None
        self._task: asyncio.Task[None] | None = None
        self._wake = asyncio.Event()
        self._stopping = False
        self.reachable: bool | None = None  # None until the first check
        self.last_error: DownloaderError | None = None
        self.version = ""
        config.on_change(lambda _cfg: self._wake.set())

    def get(self) -> Downloader:
        """The adapter for the current settings (built lazily; no network is touched)."""
        cfg = self._config.config.downloader
        key = _settings_key(cfg)
        if self._client is None or key != self._key:
            old = self._client
            if old is not None:
                asyncio.get_running_loop().create_task(old.close())
            try:
                self._client = make_downloader(cfg)
            except ValueError as exc:
                raise unavailable(
                    f"The downloader settings are not usable: {exc}", f"下载器设置不可用：{exc}"
                ) from None
            self._key = key
            self.reachable = None
        return self._client

    async def check(self) -> bool:
        """One connection and login check, recorded for status and logs."""
        try:
            self.version = await self.get().check()
        except DownloaderError as exc:
            self._record(False, exc)
            return False
        except DaemonError:
            self._record(False, None)
            return False
        self._record(True, None)
        return True

    def _record(self, ok: bool, exc: DownloaderError | None) -> None:
        if ok and self.reachable is not True:
            log.info("Downloader reachable (%s %s).", self._config.config.downloader.type, self.version)
        elif not ok and self.reachable is not False:
            log.warning("Downloader not reachable: %s", exc.msg_en if exc else "bad settings")
        self.reachable = ok
        self.last_error = exc

    def start(self) -> None:
        if self._task is None:
            self._stopping = False
            self._task = asyncio.get_running_loop().create_task(self._watch())

    async def _watch(self) -> None:
        delay = BACKOFF_START
        # The flag ends the loop even when a cancellation is lost (see cancel.py): a check that
        # completes as the stop arrives must not lead into the next back-off pause.
        while not self._stopping:
            if await self.check():
                pause, delay = HEALTHY_RECHECK, BACKOFF_START
            else:
                pause, delay = delay, min(BACKOFF_MAX, delay * 2)
            if self._stopping:
                return
            self._wake.clear()
            try:
                await asyncio.wait_for(self._wake.wait(), pause)
            except TimeoutError:
                continue
            delay = BACKOFF_START  # new settings: check at once and start the back-off over

    async def stop(self) -> None:
        """Within about 1 s whatever is in flight (a check against a stalled host included)."""
        self._stopping = True
        self._wake.set()
        if self._task is not None:
            task, self._task = self._task, None
            if await cancel_and_wait([task], STOP_WAIT):
                log.warning("The downloader watcher did not stop in time; leaving it behind.")
        if self._client is not None:
            client, self._client = self._client, None
            try:
                await asyncio.wait_for(client.close(), STOP_WAIT)
            except TimeoutError:
                log.debug("The downloader client did not close in time.")
