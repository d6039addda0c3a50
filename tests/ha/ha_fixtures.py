"""Fixtures and helpers: a real AutoBangumi daemon process for Home Assistant to talk to.

The daemon runs from the project's own venv (Python 3.11) as `autobangumi serve` on free
loopback ports, with fresh folders seeded through its own models (tests/ha/seed_daemon.py),
a headless account (AB_USERNAME/AB_PASSWORD), a static API token in its settings, zeroconf
off, and every upstream (downloader, Mikan, TMDB, bgm.tv) pointed at a closed loopback port so
that nothing it does can leave this machine.
"""

from __future__ import annotations

import asyncio
import base64
import json
import os
import socket
import subprocess
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from custom_components.autobangumi import coordinator as coordinator_module
from custom_components.autobangumi.const import CONF_TLS, DOMAIN
from homeassistant.const import CONF_HOST, CONF_PORT, CONF_TOKEN
from homeassistant.core import HomeAssistant
from pytest_homeassistant_custom_component.common import MockConfigEntry

ROOT = Path(__file__).resolve().parents[2]
DAEMON = Path(os.environ.get("AB_TEST_DAEMON") or ROOT / ".venv" / "bin" / "autobangumi")
PROJECT_PYTHON = DAEMON.parent / "python"
SEED_SCRIPT = Path(__file__).with_name("seed_daemon.py")

USERNAME = "hass_tester"
PASSWORD = "correct-horse-42"
TOKEN = "ha-static-token-7f3c2a91e5"
ENTRY_ID = "01JAUTOBANGUMITESTENTRY000"

# A 1x1 PNG: the poster the daemon serves from its posters folder.
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)

RULES: list[dict[str, Any]] = [
    {
        "id": 1,
        "official_title": "Frieren",
        "title_raw": "Sousou no Frieren",
        "season": 2,
        "group_name": "LoliHouse",
        "dpi": "1080p",
        "subtitle": "CHS",
        "air_weekday": 0,
        "poster_link": "posters/frieren.png",
        "save_path": "/srv/media/private/Frieren/Season 2",
    },
    {"id": 2, "official_title": "Dandadan", "title_raw": "Dandadan", "season": 1, "air_weekday": 3},
    {
        "id": 3,
        "official_title": "Old Show",
        "title_raw": "Old Show",
        "season": 1,
        "air_weekday": 3,
        "deleted": True,
    },
    {"id": 4, "official_title": "Finished Show", "title_raw": "Finished", "season": 1, "archived": True},
]
FEED_TOKEN = "s3cr3t-mikan-token"
FEEDS: list[dict[str, Any]] = [
    {
        "id": 1,
        "name": "Mikan personal",
        "url": f"http://127.0.0.1:9/RSS/MyBangumi?token={FEED_TOKEN}",
        "aggregate": True,
        "enabled": True,
        "connection_status": "error",
        "last_error": "Connection refused",
        "last_checked_at": "2026-11-20T10:00:00+00:00",
    },
    {
        "id": 2,
        "name": "Paused feed",
        "url": "http://127.0.0.1:9/RSS/Bangumi?bangumiId=1",
        "enabled": False,
    },
]
SEED: dict[str, Any] = {
    "rules": RULES,
    "feeds": FEEDS,
    "posters": {"frieren.png": base64.b64encode(PNG).decode()},
}


def _free_ports(count: int) -> list[int]:
    """Ports the kernel just handed out on loopback (taken at import, before sockets are blocked)."""
    sockets = []
    try:
        for _ in range(count):
            s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            s.bind(("127.0.0.1", 0))
            sockets.append(s)
        return [s.getsockname()[1] for s in sockets]
    finally:
        for s in sockets:
            s.close()


_PORTS = iter(_free_ports(96))


def free_port() -> int:
    return next(_PORTS)


class Daemon:
    """One `autobangumi serve` process with its own folders; start/stop keep the same ports."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.grpc_port = free_port()
        self.http_port = free_port()
        self.closed_port = free_port()  # nothing ever listens here
        self.proc: subprocess.Popen[bytes] | None = None
        self.config_dir.mkdir(parents=True, exist_ok=True)
        self.data_dir.mkdir(parents=True, exist_ok=True)

    @property
    def config_dir(self) -> Path:
        return self.root / "config"

    @property
    def data_dir(self) -> Path:
        return self.root / "data"

    @property
    def log_file(self) -> Path:
        return self.data_dir / "log.txt"

    @property
    def instance_id(self) -> str:
        return (self.config_dir / ".instance_id").read_text().strip()

    def write_config(self) -> None:
        nowhere = f"http://127.0.0.1:{self.closed_port}"
        config = {
            "downloader": {"type": "qbittorrent", "host": f"127.0.0.1:{self.closed_port}", "ssl": False},
            "rss_parser": {"enable": False},
            "security": {"login_tokens": [TOKEN]},
            "network": {
                "mikan_base_url": nowhere,
                "tmdb_base_url": nowhere,
                "tmdb_image_base_url": nowhere,
                "bgm_base_url": nowhere,
            },
        }
        (self.config_dir / "config.json").write_text(json.dumps(config))

    def seed(self, spec: dict[str, Any]) -> None:
        subprocess.run(
            [str(PROJECT_PYTHON), str(SEED_SCRIPT), str(self.config_dir), str(self.data_dir)],
            input=json.dumps(spec).encode(),
            check=True,
            capture_output=True,
            timeout=60,
        )

    def start(self, timeout: float = 30.0) -> None:
        offset = self.log_file.stat().st_size if self.log_file.exists() else 0
        env = {
            **os.environ,
            "AB_CONFIG_DIR": str(self.config_dir),
            "AB_DATA_DIR": str(self.data_dir),
            "AB_USERNAME": USERNAME,
            "AB_PASSWORD": PASSWORD,
            "AB_ZEROCONF": "0",
            "AB_LOG_STDERR": "0",
        }
        self.proc = subprocess.Popen(
            [
                str(DAEMON),
                "serve",
                "--host",
                "127.0.0.1",
                "--port",
                str(self.http_port),
                "--grpc-host",
                "127.0.0.1",
                "--grpc-port",
                str(self.grpc_port),
            ],
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=(self.root / "stderr.txt").open("ab"),
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.log_file.exists():
                with self.log_file.open("rb") as f:
                    f.seek(offset)
                    if b"Web page and API on" in f.read():
                        return
            if self.proc.poll() is not None:
                break
            time.sleep(0.05)
        self.stop()
        raise RuntimeError(f"daemon did not start:\n{(self.root / 'stderr.txt').read_text()[-3000:]}")

    def stop(self) -> None:
        proc, self.proc = self.proc, None
        if proc is None:
            return
        proc.terminate()
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:  # pragma: no cover - only if the daemon hangs
            proc.kill()
            proc.wait(5)

    def cli(self, *args: str) -> str:
        """Run the project's `autobangumi` command on this daemon's folders (e.g. `token create`)."""
        env = {**os.environ, "AB_CONFIG_DIR": str(self.config_dir), "AB_DATA_DIR": str(self.data_dir)}
        done = subprocess.run(
            [str(DAEMON), *args], env=env, check=True, capture_output=True, text=True, timeout=60
        )
        return done.stdout

    async def rest(self, method: str, path: str, token: str = TOKEN, **kwargs: Any) -> Any:
        """Call the daemon's REST API directly (not through the integration)."""
        url = f"http://127.0.0.1:{self.http_port}/api/v1/{path}"
        async with (
            aiohttp.ClientSession() as session,
            session.request(method, url, headers={"Authorization": f"Bearer {token}"}, **kwargs) as resp,
        ):
            body = await resp.read()
            assert resp.status < 300, f"{method} {path}: {resp.status} {body[:300]!r}"
            return json.loads(body) if body else None


def make_daemon(root: Path) -> Daemon:
    daemon = Daemon(root)
    daemon.write_config()
    daemon.seed(SEED)
    daemon.start()
    return daemon


@pytest.fixture(scope="module")
def daemon(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Daemon]:
    """A daemon shared by a module's tests (they leave it as they found it)."""
    d = make_daemon(tmp_path_factory.mktemp("daemon"))
    yield d
    d.stop()


@pytest.fixture
def fresh_daemon(tmp_path: Path) -> Iterator[Daemon]:
    """A daemon for one test, which may stop, restart or reseed it."""
    d = make_daemon(tmp_path)
    yield d
    d.stop()


@pytest.fixture(autouse=True)
def auto_enable_custom_integrations(enable_custom_integrations: None) -> None:
    """Load custom_components/ (Home Assistant skips them in tests unless asked)."""


@pytest.fixture(autouse=True)
def loopback_sockets(socket_enabled: None) -> None:
    """The integration talks to a real daemon: sockets on (pytest-socket keeps its 127.0.0.1 allow-list)."""


@pytest.fixture
def fast_reconnect(monkeypatch: pytest.MonkeyPatch) -> None:
    """Reconnect back-off in tenths of a second, so a daemon restart is seen quickly."""
    monkeypatch.setattr(coordinator_module, "RECONNECT_MIN", 0.1)
    monkeypatch.setattr(coordinator_module, "RECONNECT_MAX", 0.5)


def entry_for(daemon: Daemon, **data: Any) -> MockConfigEntry:
    return MockConfigEntry(
        domain=DOMAIN,
        title="AutoBangumi",
        unique_id=daemon.instance_id,
        entry_id=ENTRY_ID,
        data={
            CONF_HOST: "127.0.0.1",
            CONF_PORT: daemon.grpc_port,
            CONF_TLS: False,
            CONF_TOKEN: TOKEN,
            **data,
        },
    )


async def setup_entry(hass: HomeAssistant, daemon: Daemon, **data: Any) -> MockConfigEntry:
    entry = entry_for(daemon, **data)
    entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    return entry


async def wait_for(predicate: Callable[[], bool], seconds: float = 15.0, what: str = "condition") -> None:
    """Wait (in real time: no timer is faked) until `predicate()` holds."""
    deadline = time.monotonic() + seconds
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        await asyncio.sleep(0.05)


def state_of(hass: HomeAssistant, entity_id: str) -> str | None:
    state = hass.states.get(entity_id)
    return None if state is None else state.state
