"""Posters at the site root, the web page, and the command line (real processes)."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import sys
from pathlib import Path

import aiohttp
from yarl import URL

from tests.helpers import Server, login, new_session

ROOT = Path(__file__).resolve().parents[2]
CLI = [sys.executable, "-m", "autobangumi_app.cli"]


async def test_posters_are_served_without_auth_and_never_outside(server: Server) -> None:
    (server.paths.posters_dir / "abc123.jpg").write_bytes(b"\xff\xd8\xff-jpeg")
    (server.paths.data_dir / "secret.txt").write_text("no")
    async with aiohttp.ClientSession() as http:
        async with http.get(server.base + "/posters/abc123.jpg") as resp:
            assert resp.status == 200 and resp.content_type == "image/jpeg"
            assert await resp.read() == b"\xff\xd8\xff-jpeg"
        async with http.get(server.base + "/posters/missing.png") as resp:
            assert resp.status == 404
        for raw in ("/posters/%2e%2e/secret.txt", "/posters/..%2Fsecret.txt", "/posters/%2E%2E%2Fsecret.txt"):
            async with http.get(URL(server.base + raw, encoded=True)) as resp:
                assert resp.status == 403, raw
                assert await resp.text() != "no"
        async with http.get(server.base + "/") as resp:
            assert resp.status == 200 and "AutoBangumi" in await resp.text()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


async def _run(*args: str, env: dict[str, str], stdin: bytes | None = None) -> tuple[int, str]:
    proc = await asyncio.create_subprocess_exec(
        *CLI,
        *args,
        env=env,
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    out, _ = await asyncio.wait_for(proc.communicate(stdin), 60)
    return proc.returncode or 0, out.decode()


async def test_serve_headless_account_set_password_and_sigterm(tmp_path: Path) -> None:
    http_port, grpc_port = _free_port(), _free_port()
    env = {
        **os.environ,
        "AB_CONFIG_DIR": str(tmp_path / "c"),
        "AB_DATA_DIR": str(tmp_path / "d"),
        "AB_USERNAME": "headless",
        "AB_PASSWORD": "from-env-pass",
        # Read at the first start only; keeps the downloader watcher on loopback.
        "AB_DOWNLOADER_HOST": "127.0.0.1:9",
    }
    proc = await asyncio.create_subprocess_exec(
        *CLI,
        "serve",
        "--host",
        "127.0.0.1",
        "--port",
        str(http_port),
        "--grpc-host",
        "127.0.0.1",
        "--grpc-port",
        str(grpc_port),
        env=env,
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{http_port}/api/v1"
    srv = Server.__new__(Server)
    try:
        async with new_session() as http:
            for _ in range(200):
                try:
                    async with http.get(base + "/status") as resp:
                        if resp.status == 200:
                            break
                except aiohttp.ClientError:
                    await asyncio.sleep(0.05)
            async with http.get(base + "/setup/status") as resp:
                assert (await resp.json())["need_setup"] is False
            async with http.post(
                base + "/auth/login", data={"username": "headless", "password": "from-env-pass"}
            ) as r:
                assert r.status == 200
        proc.send_signal(signal.SIGTERM)
        assert await asyncio.wait_for(proc.wait(), 15) == 0
    finally:
        if proc.returncode is None:
            proc.kill()
    del srv
    # With the daemon stopped, change the password from the command line.
    code, out = await _run(
        "user", "set-password", "--username", "headless", env=env, stdin=b"changed-pass-1\n"
    )
    assert code == 0, out
    code, out = await _run("user", "set-password", env=env, stdin=b"short\n")
    assert code == 2 and "8" in out
    proc = await asyncio.create_subprocess_exec(
        *CLI,
        "--config-dir",
        str(tmp_path / "c"),
        "--data-dir",
        str(tmp_path / "d"),
        "serve",
        "--host",
        "127.0.0.1",
        "--port",
        str(http_port),
        "--grpc-host",
        "127.0.0.1",
        "--grpc-port",
        str(grpc_port),
        env={k: v for k, v in env.items() if k != "AB_PASSWORD"},
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.DEVNULL,
    )
    try:
        async with new_session() as http:
            for _ in range(200):
                try:
                    async with http.get(base + "/status") as resp:
                        if resp.status == 200:
                            break
                except aiohttp.ClientError:
                    await asyncio.sleep(0.05)
            async with http.post(
                base + "/auth/login", data={"username": "headless", "password": "changed-pass-1"}
            ) as r:
                assert r.status == 200
            async with http.get(base + "/shutdown") as resp:
                assert resp.status == 200
        assert await asyncio.wait_for(proc.wait(), 15) == 0
    finally:
        if proc.returncode is None:
            proc.kill()


async def test_ready_fixture_logs_in(ready: Server, http: aiohttp.ClientSession) -> None:
    assert await login(ready, http)
