"""Real `autobangumi` processes for the command-line tests: short commands and servers."""

from __future__ import annotations

import asyncio
import contextlib
import os
import re
import signal
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CHINESE = re.compile(r"[\u4e00-\u9fff]")
CLI = [sys.executable, "-m", "autobangumi_app.cli"]


def install_env(tmp: Path, **extra: str) -> dict[str, str]:
    """A fresh install in `tmp`, listening on loopback only, on ports the system picks."""
    env = {
        **os.environ,
        "AB_CONFIG_DIR": str(tmp / "config"),
        "AB_DATA_DIR": str(tmp / "data"),
        "AB_HOST": "127.0.0.1",
        "AB_GRPC_HOST": "127.0.0.1",
        "AB_WEBUI_PORT": "0",
        "AB_GRPC_PORT": "0",
        "AB_ZEROCONF": "0",
        "AB_LOG_STDERR": "1",
    }
    for key in ("AB_USERNAME", "AB_PASSWORD", "AB_DATABASE_URL", "AB_WEB_DIR", "AB_DAEMON"):
        env.pop(key, None)
    env.update(extra)
    return env


@dataclass
class Result:
    code: int
    out: str
    err: str

    @property
    def last_err_line(self) -> str:
        lines = [ln for ln in self.err.splitlines() if ln.strip()]
        return lines[-1] if lines else ""


def assert_refused(result: Result, *words: str) -> None:
    assert result.code == 2, (result.code, result.err[-2000:])
    assert "Traceback" not in result.err, result.err[-2000:]
    line = result.last_err_line
    assert line.startswith("autobangumi: "), result.err[-2000:]
    english, _, chinese = line.partition(" / ")
    assert chinese and CHINESE.search(chinese) and not CHINESE.search(english), line
    for word in words:
        assert word in english, (word, line)


async def run(argv: list[str], env: dict[str, str], stdin: bytes = b"", limit: float = 60) -> Result:
    proc = await asyncio.create_subprocess_exec(
        *argv,
        env=env,
        cwd=ROOT,
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    try:
        out, err = await asyncio.wait_for(proc.communicate(stdin), limit)
    finally:
        if proc.returncode is None:
            proc.kill()
            await proc.wait()
    return Result(proc.returncode or 0, out.decode(), err.decode())


READY = {
    "serve": re.compile(r"Web page and API on http://[^:]+:(\d+)/ \(port from ([^;]+);"),
    "bridge": re.compile(r"Bridge on http://[^:]+:(\d+)/ in front of"),
    "daemon": re.compile(r"gRPC listening on [^,]*:(\d+)"),
}


@dataclass
class Running:
    """A server process, started in its own process group (so `make run`'s child stops too)."""

    proc: asyncio.subprocess.Process
    port: int
    source: str
    stderr: list[str] = field(default_factory=list)
    _drain: asyncio.Task[None] | None = None

    async def stop(self, limit: float = 10) -> int:
        if self.proc.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.proc.pid, signal.SIGTERM)
        try:
            code = await asyncio.wait_for(self.proc.wait(), limit)
        finally:
            if self.proc.returncode is None:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(self.proc.pid, signal.SIGKILL)
                await self.proc.wait()
            if self._drain is not None:
                self._drain.cancel()
        return code


async def start(argv: list[str], kind: str, env: dict[str, str], limit: float = 120) -> Running:
    """Start a server and wait for its start-up line (raises with its stderr when it fails)."""
    proc = await asyncio.create_subprocess_exec(
        *argv,
        env=env,
        cwd=ROOT,
        stdin=asyncio.subprocess.DEVNULL,
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.PIPE,
        start_new_session=True,
    )
    assert proc.stderr is not None
    lines: list[str] = []
    pattern = READY[kind]

    async def ready() -> re.Match[str]:
        assert proc.stderr is not None
        while True:
            raw = await proc.stderr.readline()
            if not raw:
                raise AssertionError(f"{argv} exited before starting:\n" + "".join(lines[-30:]))
            line = raw.decode(errors="replace")
            lines.append(line)
            found = pattern.search(line)
            if found:
                return found

    try:
        found = await asyncio.wait_for(ready(), limit)
    except BaseException:
        if proc.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)
        await proc.wait()
        raise
    source = found.group(2) if kind == "serve" else ""
    running = Running(proc, int(found.group(1)), source, lines)

    async def drain() -> None:  # keep reading, so a chatty server never blocks on a full pipe
        assert proc.stderr is not None
        while raw := await proc.stderr.readline():
            lines.append(raw.decode(errors="replace"))

    running._drain = asyncio.create_task(drain())
    return running
