"""The configured downloader instances, each rebuilt when its settings change and watched with
its own back-off.

The `downloader` section is the instance "default"; `downloaders` holds any number of further
named instances of any type. A wrong or unreachable instance never blocks start-up, the API or
the other instances: calls to it fail fast with a bilingual error, and its background watcher
re-checks it with growing pauses (5 s doubling to 5 min), logging once when it goes away and
once when it comes back.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from autobangumi.v1 import config_pb2
from autobangumi_daemon.adapters.downloaders.base import Downloader, DownloaderError, TorrentInfo
from autobangumi_daemon.adapters.downloaders.factory import make_downloader
from autobangumi_daemon.cancel import cancel_and_wait
from autobangumi_daemon.config import ConfigStore
from autobangumi_daemon.config.validate import DEFAULT_DOWNLOADER
from autobangumi_daemon.errors import DaemonError, invalid, unavailable

__all__ = ["DEFAULT_DOWNLOADER", "DownloaderInstance", "DownloaderManager", "instance_name"]

log = logging.getLogger(__name__)

BACKOFF_START = 5.0
BACKOFF_MAX = 300.0
HEALTHY_RECHECK = 60.0
# Seconds a stop waits for the watcher, then for the client's logout (a courtesy: a client
# stuck on a dead host would not get it through anyway).
STOP_WAIT = 0.5


def instance_name(name: str | None) -> str:
    """The canonical name: None, "" and "default" all mean the default instance."""
    return (name or "").strip() or DEFAULT_DOWNLOADER


def _settings_key(cfg: config_pb2.DownloaderConfig) -> tuple[Any, ...]:
    return (cfg.type, cfg.host, cfg.username, cfg.password, cfg.ssl, cfg.api_key)


class DownloaderInstance:
    """One named downloader: its adapter, its watcher and its last known state."""

    def __init__(self, name: str, cfg: config_pb2.DownloaderConfig) -> None:
        self.name = name
        self.cfg = cfg
        self._client: Downloader | None = None
        self._key: tuple[Any, ...] | None = None
        self._task: asyncio.Task[None] | None = None
        self._wake = asyncio.Event()
        self._stopping = False
        self.reachable: bool | None = None  # None until the first check
        self.last_error: DownloaderError | None = None
        self.version = ""

    def configure(self, cfg: config_pb2.DownloaderConfig) -> None:
        """New settings: the next `get` builds a new adapter and the watcher checks at once."""
        self.cfg = cfg
        self._wake.set()

    def get(self) -> Downloader:
        """The adapter for the current settings (built lazily; no network is touched)."""
        key = _settings_key(self.cfg)
        if self._client is None or key != self._key:
            old = self._client
            if old is not None:
                asyncio.get_running_loop().create_task(old.close())
            try:
                self._client = make_downloader(self.cfg)
            except ValueError as exc:
                raise unavailable(
                    f"The settings of downloader {self.name!r} are not usable: {exc}",
                    f"下载器 {self.name!r} 的设置不可用：{exc}",
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

    def failed(self, exc: DownloaderError | None) -> None:
        """A call through this instance failed elsewhere (a refresh adding torrents): recorded
        as a failed check, and the watcher looks again at once so its back-off starts now."""
        self._record(False, exc)
        self._wake.set()

    def _record(self, ok: bool, exc: DownloaderError | None) -> None:
        if ok and self.reachable is not True:
            log.info("Downloader %r reachable (%s %s).", self.name, self.cfg.type, self.version)
        elif not ok and self.reachable is not False:
            log.warning("Downloader %r not reachable: %s", self.name, exc.msg_en if exc else "bad settings")
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
                log.warning("The watcher of downloader %r did not stop in time.", self.name)
        if self._client is not None:
            client, self._client = self._client, None
            try:
                await asyncio.wait_for(client.close(), STOP_WAIT)
            except TimeoutError:
                log.debug("The client of downloader %r did not close in time.", self.name)


class DownloaderManager:
    """All instances, kept in step with the settings; `get(name)` is the one way to a client."""

    def __init__(self, config: ConfigStore) -> None:
        self._config = config
        self._instances: dict[str, DownloaderInstance] = {}
        self._started = False
        # Instances dropped from the settings, stopped in the background (kept so none is lost).
        self._retiring: set[asyncio.Task[None]] = set()
        self._seen: config_pb2.Config | None = None
        self._sync(config.config)
        config.on_change(self._sync)

    def _wanted(self, cfg: config_pb2.Config) -> dict[str, config_pb2.DownloaderConfig]:
        out = {DEFAULT_DOWNLOADER: cfg.downloader}
        for extra in cfg.downloaders:
            out.setdefault(instance_name(extra.name), extra)
        return out

    def _current(self) -> None:
        """Settings replaced without a change notice (a load) are picked up on the next use."""
        if self._config.config is not self._seen:
            self._sync(self._config.config)

    def _sync(self, cfg: config_pb2.Config) -> None:
        self._seen = cfg
        wanted = self._wanted(cfg)
        for name in list(self._instances):
            if name not in wanted:
                gone = self._instances.pop(name)
                try:
                    task = asyncio.get_running_loop().create_task(gone.stop())
                except RuntimeError:  # no loop yet: nothing was started either
                    continue
                self._retiring.add(task)
                task.add_done_callback(self._retiring.discard)
        for name, dcfg in wanted.items():
            inst = self._instances.get(name)
            if inst is None:
                inst = self._instances[name] = DownloaderInstance(name, dcfg)
                if self._started:
                    inst.start()
            else:
                inst.configure(dcfg)
        self._instances = {name: self._instances[name] for name in wanted}  # the settings' order

    # -- lookup --------------------------------------------------------------------------
    def names(self) -> list[str]:
        """The default first, then the others as configured."""
        self._current()
        return list(self._instances)

    def instances(self) -> list[DownloaderInstance]:
        self._current()
        return list(self._instances.values())

    def instance(self, name: str | None = None) -> DownloaderInstance:
        """The named instance ("", None and "default": the default); unknown names are refused."""
        self._current()
        key = instance_name(name)
        inst = self._instances.get(key)
        if inst is None:
            known = ", ".join(self._instances)
            raise invalid(
                f"There is no downloader named {key!r} (configured: {known}).",
                f"没有名为 {key!r} 的下载器（已配置：{known}）。",
            )
        return inst

    def check_name(self, name: str | None, field: str = "downloader") -> str | None:
        """A rule's or a feed's choice, as stored: None for the default; unknown names refused."""
        key = (name or "").strip()
        if not key or key == DEFAULT_DOWNLOADER:
            return None
        self._current()
        if key not in self._instances:
            known = ", ".join(self._instances)
            raise invalid(
                f"{field}: there is no downloader named {key!r} (configured: {known}).",
                f"{field}：没有名为 {key!r} 的下载器（已配置：{known}）。",
            )
        return key

    def get(self, name: str | None = None) -> Downloader:
        """The named instance's adapter (built lazily; no network is touched)."""
        return self.instance(name).get()

    async def list_all(self) -> list[tuple[Downloader, TorrentInfo]]:
        """Every instance's torrents with the client holding each. An instance that is down is
        left out while another answers; when none answers, the last error is raised."""
        out: list[tuple[Downloader, TorrentInfo]] = []
        failure: DownloaderError | DaemonError | None = None
        answered = 0
        for inst in self.instances():
            try:
                dl = inst.get()
                out.extend((dl, t) for t in await dl.list_torrents())
                answered += 1
            except (DownloaderError, DaemonError) as exc:
                log.info("Downloader %r left out of the list: %s", inst.name, exc.msg_en)
                failure = exc
        if not answered and failure is not None:
            raise failure
        return out

    # -- the default's state, as before there were several ---------------------------------
    @property
    def default(self) -> DownloaderInstance:
        self._current()
        return self._instances[DEFAULT_DOWNLOADER]

    @property
    def reachable(self) -> bool | None:
        return self.default.reachable

    @property
    def last_error(self) -> DownloaderError | None:
        return self.default.last_error

    @property
    def version(self) -> str:
        return self.default.version

    async def check(self, name: str | None = None) -> bool:
        return await self.instance(name).check()

    # -- lifetime --------------------------------------------------------------------------
    def start(self) -> None:
        self._started = True
        for inst in self._instances.values():
            inst.start()

    async def stop(self) -> None:
        self._started = False
        await asyncio.gather(*(inst.stop() for inst in self._instances.values()))
        if self._retiring:
            await asyncio.gather(*self._retiring, return_exceptions=True)
