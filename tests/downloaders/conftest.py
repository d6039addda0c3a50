"""Real qbittorrent-nox / transmission-daemon / aria2c instances for the downloader tests.

Each daemon is started once per test session (lazily, only when a test asks for it) on free
loopback ports, with a throw-away profile under pytest's tmp dir, known credentials, and DHT,
LSD, PeX, UPnP/NAT-PMP off, so nothing ever leaves 127.0.0.1. Tests that stop or restart a
daemon start it again.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import hashlib
import http.server
import json
import os
import shutil
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from tests.ports import free_port

USER = "admin"
PASSWORD = "testpass123"
ARIA2_SECRET = "testsecret"


def need_binary(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.skip(f"{name} is not installed (run tools/install-test-deps.sh or `make test`)")
    return path


def _port_open(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.settimeout(0.2)
        return s.connect_ex(("127.0.0.1", port)) == 0


def _http_answers(url: str) -> bool:
    try:
        urllib.request.urlopen(url, timeout=1).close()
    except urllib.error.HTTPError:
        return True  # any HTTP status means the server is up
    except (OSError, ValueError):
        return False
    return True


@dataclass
class Daemon:
    """A client process we own: started and stopped by PID, never by name."""

    kind: str
    argv: list[str]
    port: int
    home: Path
    save_dir: Path
    username: str
    password: str
    ready_url: str | None = None
    proc: subprocess.Popen[bytes] | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def host(self) -> str:
        return f"127.0.0.1:{self.port}"

    def start(self, timeout: float = 20.0) -> None:
        assert self.proc is None or self.proc.poll() is not None
        log = open(self.home / "stdout.log", "ab")  # noqa: SIM115 - owned by the process
        # A clean environment: an inherited QBT_* variable would change qbittorrent-nox's
        # behaviour (real-components.md §1.6 #7), HOME keeps any stray dotfiles in the profile.
        env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(self.home), "LANG": "C.UTF-8"}
        self.proc = subprocess.Popen(
            self.argv, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT, env=env
        )
        log.close()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                out = (self.home / "stdout.log").read_text(errors="replace")[-2000:]
                raise RuntimeError(f"{self.kind} exited with {self.proc.returncode}: {out}")
            if _port_open(self.port) and (self.ready_url is None or _http_answers(self.ready_url)):
                return
            time.sleep(0.05)
        self.stop()
        raise RuntimeError(f"{self.kind} did not start within {timeout}s")

    def stop(self) -> None:
        proc, self.proc = self.proc, None
        if proc is None or proc.poll() is not None:
            return
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=5)

    def restart(self) -> None:
        self.stop()
        self.start()


def _pbkdf2(password: str) -> str:
    salt = os.urandom(16)
    key = hashlib.pbkdf2_hmac("sha512", password.encode(), salt, 100000, dklen=64)
    return f"@ByteArray({base64.b64encode(salt).decode()}:{base64.b64encode(key).decode()})"


def make_qbittorrent(root: Path, *, max_fail: int = 0, https: tuple[Path, Path] | None = None) -> Daemon:
    binary = need_binary("qbittorrent-nox")
    home = root / "profile"
    save = root / "downloads"
    (home / "qBittorrent" / "config").mkdir(parents=True)
    save.mkdir(parents=True)
    port, bt_port = free_port(), free_port()
    https_lines = ""
    if https is not None:
        https_lines = (
            "WebUI\\HTTPS\\Enabled=true\n"
            f"WebUI\\HTTPS\\CertificatePath={https[0]}\n"
            f"WebUI\\HTTPS\\KeyPath={https[1]}\n"
        )
    # Written before start: qBittorrent rewrites this file on exit, so edits while running are lost.
    conf = f"""[LegalNotice]
Accepted=true

[Meta]
MigrationVersion=4

[BitTorrent]
Session\\Port={bt_port}
Session\\Interface=lo
Session\\InterfaceName=lo
Session\\InterfaceAddress=127.0.0.1
Session\\DHTEnabled=false
Session\\LSDEnabled=false
Session\\PeXEnabled=false
Session\\AddTrackersEnabled=false
Session\\QueueingSystemEnabled=false
Session\\DefaultSavePath={save}
Session\\TempPathEnabled=false
Session\\RefreshInterval=500

[Network]
PortForwardingEnabled=false

[RSS]
Session\\EnableProcessing=false
AutoDownloader\\EnableProcessing=false

[Preferences]
Connection\\ResolvePeerCountries=false
General\\StatusbarExternalIPDisplayed=false
WebUI\\Enabled=true
WebUI\\Address=127.0.0.1
WebUI\\Port={port}
WebUI\\UseUPnP=false
WebUI\\Username={USER}
WebUI\\Password_PBKDF2="{_pbkdf2(PASSWORD)}"
WebUI\\LocalHostAuth=true
WebUI\\CSRFProtection=false
WebUI\\HostHeaderValidation=false
WebUI\\MaxAuthenticationFailCount={max_fail}
WebUI\\BanDuration=3600
{https_lines}"""
    (home / "qBittorrent" / "config" / "qBittorrent.conf").write_text(conf)
    scheme = "https" if https else "http"
    return Daemon(
        kind="qbittorrent",
        argv=[binary, f"--profile={home}", f"--webui-port={port}"],
        port=port,
        home=home,
        save_dir=save,
        username=USER,
        password=PASSWORD,
        ready_url=None if https else f"{scheme}://127.0.0.1:{port}/api/v2/app/version",
    )


def make_transmission(root: Path) -> Daemon:
    binary = need_binary("transmission-daemon")
    home = root / "config"
    save = root / "downloads"
    home.mkdir(parents=True)
    save.mkdir(parents=True)
    port, peer_port = free_port(), free_port()
    settings = {
        "rpc-enabled": True,
        "rpc-bind-address": "127.0.0.1",
        "rpc-port": port,
        "rpc-url": "/transmission/",
        "rpc-authentication-required": True,
        "rpc-username": USER,
        "rpc-password": PASSWORD,
        "rpc-whitelist-enabled": True,
        "rpc-whitelist": "127.0.0.1,::1",
        "rpc-host-whitelist-enabled": False,
        "bind-address-ipv4": "127.0.0.1",
        "bind-address-ipv6": "::1",
        "peer-port": peer_port,
        "peer-port-random-on-start": False,
        "port-forwarding-enabled": False,
        "dht-enabled": False,
        "lpd-enabled": False,
        "pex-enabled": False,
        "utp-enabled": False,
        "blocklist-enabled": False,
        "download-dir": str(save),
        "incomplete-dir-enabled": False,
        "watch-dir-enabled": False,
        "start-added-torrents": True,
        "download-queue-enabled": False,
        "seed-queue-enabled": False,
        "message-level": 2,
    }
    (home / "settings.json").write_text(json.dumps(settings, indent=1))
    return Daemon(
        kind="transmission",
        argv=[binary, "--foreground", "--config-dir", str(home), "--logfile", str(home / "daemon.log")],
        port=port,
        home=home,
        save_dir=save,
        username=USER,
        password=PASSWORD,
    )


def make_aria2(root: Path) -> Daemon:
    binary = need_binary("aria2c")
    home = root / "home"
    save = root / "downloads"
    home.mkdir(parents=True)
    save.mkdir(parents=True)
    session = home / "session.txt"
    session.touch()
    port, listen_port = free_port(), free_port()
    argv = [
        binary,
        "--enable-rpc",
        "--rpc-listen-all=false",
        f"--rpc-listen-port={port}",
        f"--rpc-secret={ARIA2_SECRET}",
        f"--dir={save}",
        "--interface=127.0.0.1",
        "--disable-ipv6=true",
        "--enable-dht=false",
        "--enable-dht6=false",
        "--bt-enable-lpd=false",
        "--enable-peer-exchange=false",
        f"--listen-port={listen_port}",
        "--check-integrity=true",
        "--bt-hash-check-seed=true",
        "--seed-time=0",
        "--follow-torrent=true",
        "--auto-file-renaming=false",
        "--allow-overwrite=false",
        "--file-allocation=none",
        "--max-concurrent-downloads=1000",
        # The session file keeps downloads (and their GIDs, which carry ownership) across a
        # restart, as a real aria2 setup would.
        f"--input-file={session}",
        f"--save-session={session}",
        "--force-save=true",
        "--quiet=true",
        f"--log={home / 'aria2.log'}",
        "--log-level=notice",
    ]
    return Daemon(
        kind="aria2",
        argv=argv,
        port=port,
        home=home,
        save_dir=save,
        username="",
        password=ARIA2_SECRET,
    )


@pytest.fixture(scope="session")
def qbt_daemon(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Daemon]:
    d = make_qbittorrent(tmp_path_factory.mktemp("qbt"))
    d.start()
    yield d
    d.stop()


@pytest.fixture(scope="session")
def tr_daemon(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Daemon]:
    d = make_transmission(tmp_path_factory.mktemp("tr"))
    d.start()
    yield d
    d.stop()


@pytest.fixture(scope="session")
def aria2_daemon(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Daemon]:
    d = make_aria2(tmp_path_factory.mktemp("a2"))
    d.start()
    yield d
    d.stop()


@pytest.fixture(scope="session")
def self_signed_cert(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    openssl = shutil.which("openssl")
    if openssl is None:
        pytest.skip("openssl is not installed")
    d = tmp_path_factory.mktemp("cert")
    cert, key = d / "cert.pem", d / "key.pem"
    subprocess.run(
        [openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
         "-subj", "/CN=127.0.0.1", "-keyout", str(key), "-out", str(cert)],
        check=True,
        capture_output=True,
    )  # fmt: skip
    return cert, key


class TorrentServer:
    """A stdlib HTTP server on 127.0.0.1 serving .torrent files for the add-by-URL tests."""

    def __init__(self, root: Path) -> None:
        self.root = root
        handler = _make_handler(root)
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.port = int(self.httpd.server_address[1])
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def publish(self, data: bytes) -> str:
        name = f"{uuid.uuid4().hex}.torrent"
        (self.root / name).write_bytes(data)
        return f"http://127.0.0.1:{self.port}/{name}"

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def _make_handler(root: Path) -> type[http.server.SimpleHTTPRequestHandler]:
    class Handler(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, directory=str(root), **kwargs)

        def log_message(self, format: str, *args: Any) -> None:
            pass

    return Handler


@pytest.fixture(scope="session")
def torrent_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TorrentServer]:
    srv = TorrentServer(tmp_path_factory.mktemp("torrents"))
    yield srv
    srv.close()


async def wait_until(
    pred: Callable[[], Awaitable[bool]], limit: float = 20.0, interval: float = 0.2, what: str = ""
) -> None:
    deadline = time.monotonic() + limit
    while True:
        with contextlib.suppress(Exception):
            if await pred():
                return
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what or pred}")
        await asyncio.sleep(interval)
