"""A real qbittorrent-nox for the Home Assistant suite: the downloader the daemon logs into.

Started on a free loopback port with a throw-away profile, known credentials, no ban after
failed logins (the tests send a wrong password on purpose), and DHT/LSD/PeX/UPnP off so
nothing leaves 127.0.0.1. Stopped by its own PID.
"""

from __future__ import annotations

import base64
import hashlib
import os
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from ha_fixtures import free_port

USERNAME = "admin"
PASSWORD = "qb-right-pass"


def _pbkdf2(password: str) -> str:
    # qBittorrent's WebUI\Password_PBKDF2: salt and PBKDF2-SHA512 key, 100000 rounds.
    salt = os.urandom(16)
    key = hashlib.pbkdf2_hmac("sha512", password.encode(), salt, 100000, dklen=64)
    return f"@ByteArray({base64.b64encode(salt).decode()}:{base64.b64encode(key).decode()})"


def _answers(url: str) -> bool:
    try:
        urllib.request.urlopen(url, timeout=1).close()
    except urllib.error.HTTPError:
        return True
    except OSError:
        return False
    return True


class QBittorrent:
    def __init__(self, root: Path) -> None:
        binary = shutil.which("qbittorrent-nox")
        if binary is None:  # tools/install-test-deps.sh installs it
            pytest.skip("qbittorrent-nox is not installed (bash tools/install-test-deps.sh)")
        self.root = root
        self.port = free_port()
        save = root / "downloads"
        conf_dir = root / "profile" / "qBittorrent" / "config"
        conf_dir.mkdir(parents=True)
        save.mkdir(parents=True)
        conf = f"""[LegalNotice]
Accepted=true

[BitTorrent]
Session\\Port={free_port()}
Session\\Interface=lo
Session\\InterfaceName=lo
Session\\DHTEnabled=false
Session\\LSDEnabled=false
Session\\PeXEnabled=false
Session\\DefaultSavePath={save}

[Network]
PortForwardingEnabled=false

[Preferences]
WebUI\\Enabled=true
WebUI\\Address=127.0.0.1
WebUI\\Port={self.port}
WebUI\\UseUPnP=false
WebUI\\Username={USERNAME}
WebUI\\Password_PBKDF2="{_pbkdf2(PASSWORD)}"
WebUI\\LocalHostAuth=true
WebUI\\CSRFProtection=false
WebUI\\HostHeaderValidation=false
WebUI\\MaxAuthenticationFailCount=0
"""
        (conf_dir / "qBittorrent.conf").write_text(conf)
        self.argv = [binary, f"--profile={root / 'profile'}", f"--webui-port={self.port}"]
        self.proc: subprocess.Popen[bytes] | None = None

    @property
    def host(self) -> str:
        return f"127.0.0.1:{self.port}"

    def start(self, timeout: float = 30.0) -> None:
        env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(self.root), "LANG": "C.UTF-8"}
        with (self.root / "stdout.log").open("ab") as log:
            self.proc = subprocess.Popen(
                self.argv, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT, env=env
            )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:  # a broken install
                raise RuntimeError((self.root / "stdout.log").read_text(errors="replace")[-2000:])
            with socket.socket() as s:
                s.settimeout(0.2)
                if s.connect_ex(("127.0.0.1", self.port)) == 0 and _answers(
                    f"http://{self.host}/api/v2/app/version"
                ):
                    return
            time.sleep(0.05)
        self.stop()
        raise RuntimeError("qbittorrent-nox did not start")

    def stop(self) -> None:
        proc, self.proc = self.proc, None
        if proc is None or proc.poll() is not None:
            return
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:  # only if it hangs
            proc.kill()
            proc.wait(5)


@pytest.fixture
def qbittorrent(socket_enabled: None, tmp_path: Path) -> Iterator[QBittorrent]:
    # Per test: pytest-socket allows sockets (for the readiness probe) only inside a test.
    qb = QBittorrent(tmp_path / "qbittorrent")
    qb.start()
    yield qb
    qb.stop()
