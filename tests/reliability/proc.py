"""`autobangumi serve` (or daemon/bridge) as its own process on loopback, for the reliability suites.

A separate process, not the in-process fixture: the fuzzer and the fault scripts need to kill it,
read its memory and descriptors, and keep client and server on separate cores.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from tests.ports import free_port

USERNAME = "reliab"
PASSWORD = "reliab-password-1"
DOWNLOADER_PASSWORD = "qb-secret-downloader-pw"


# Short fetch timeouts and pauses, as in the feed tests: failure paths take seconds, not minutes.
FAST_FETCHES = {"AB_FETCH_TIMEOUT": "1.5", "AB_FETCH_BACKOFF": "0.05", "AB_FEED_HOST_GAP": "0"}


def rss_kb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def fd_count(pid: int) -> int:
    return len(os.listdir(f"/proc/{pid}/fd"))


@dataclass
class ServeProc:
    """One `autobangumi <command>` process on fixed folders; start() again after a kill reuses them."""

    root: Path
    command: str = "serve"
    daemon_target: str = ""  # for command == "bridge"
    extra_env: dict[str, str] = field(default_factory=dict)
    http_port: int = field(default_factory=free_port)
    grpc_port: int = field(default_factory=free_port)
    proc: subprocess.Popen[bytes] | None = None
    launcher: str = ""  # a script run instead of the CLI, given the two ports

    @property
    def config_dir(self) -> Path:
        return self.root / "config"

    @property
    def data_dir(self) -> Path:
        return self.root / "data"

    @property
    def api(self) -> str:
        return f"http://127.0.0.1:{self.http_port}/api/v1"

    @property
    def grpc_target(self) -> str:
        return f"127.0.0.1:{self.grpc_port}"

    @property
    def pid(self) -> int:
        assert self.proc is not None
        return self.proc.pid

    def env(self) -> dict[str, str]:
        env = {
            **os.environ,
            "AB_CONFIG_DIR": str(self.config_dir),
            "AB_DATA_DIR": str(self.data_dir),
            "AB_USERNAME": USERNAME,
            "AB_PASSWORD": PASSWORD,
            # Nothing listens on the discard port: every downloader connection stays on loopback.
            "AB_DOWNLOADER_HOST": "127.0.0.1:9",
            "AB_DOWNLOADER_PASSWORD": DOWNLOADER_PASSWORD,
            "AB_ZEROCONF": "0",
            "AB_LOG_STDERR": "0",
        }
        env.update(self.extra_env)
        return env

    def start(self, wait: bool = True, timeout: float = 60.0) -> None:
        cmd = [sys.executable, "-m", "autobangumi_app.cli", self.command]
        if self.launcher:
            cmd = [sys.executable, self.launcher, str(self.http_port), str(self.grpc_port)]
        elif self.command in ("serve", "bridge"):
            cmd += ["--host", "127.0.0.1", "--port", str(self.http_port)]
        if self.command in ("serve", "daemon") and not self.launcher:
            cmd += ["--grpc-host", "127.0.0.1", "--grpc-port", str(self.grpc_port)]
        if self.command == "bridge" and not self.launcher:
            cmd += ["--daemon", self.daemon_target]
        self.root.mkdir(parents=True, exist_ok=True)
        # A file, not a pipe: a long run must never block on a full pipe nobody reads.
        with open(self.root / f"{self.command}.stderr", "ab") as err:
            self.proc = subprocess.Popen(
                cmd, env=self.env(), stdout=subprocess.DEVNULL, stderr=err, start_new_session=True
            )
        if wait:
            self.wait_ready(timeout)

    def wait_ready(self, timeout: float = 60.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            assert self.proc is not None
            if self.proc.poll() is not None:
                err = (self.root / f"{self.command}.stderr").read_text(errors="replace")
                raise RuntimeError(f"{self.command} exited with {self.proc.returncode}: {err[-2000:]}")
            if self.command == "daemon":
                with socket.socket() as s:
                    if s.connect_ex(("127.0.0.1", self.grpc_port)) == 0:
                        return
            else:
                try:
                    with urllib.request.urlopen(self.api + "/status", timeout=2) as resp:
                        if resp.status == 200:
                            return
                except (urllib.error.URLError, OSError):
                    pass
            time.sleep(0.05)
        raise RuntimeError(f"{self.command} did not answer within {timeout} s")

    def kill9(self) -> None:
        assert self.proc is not None
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(10)

    def stop(self) -> None:
        if self.proc is None or self.proc.poll() is not None:
            return
        self.proc.terminate()
        try:
            self.proc.wait(20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(10)

    def login(self, username: str = USERNAME, password: str = PASSWORD) -> str:
        """A real access token, from the form login AutoBangumi's WebUI uses."""
        data = f"username={username}&password={password}".encode()
        req = urllib.request.Request(
            self.api + "/auth/login",
            data=data,
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        )
        with urllib.request.urlopen(req, timeout=10) as resp:
            token: str = json.loads(resp.read())["access_token"]
        return token

    def log_text(self) -> str:
        path = self.data_dir / "log.txt"
        return path.read_text(errors="replace") if path.exists() else ""
