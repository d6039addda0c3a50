"""Shared by the security tests: the real CLI against a running server's folders, bounded
waits, gRPC calls from the contract, and reading an SSE stream."""

from __future__ import annotations

import asyncio
import os
import re
import sys
import time
from collections.abc import Awaitable, Callable
from typing import Any

import aiohttp
from google.protobuf.message import Message
from grpc import aio

from autobangumi.contract import MethodInfo, methods
from tests.helpers import Server

CHINESE = re.compile(r"[\u4e00-\u9fff]")


def bilingual(body: Any) -> None:
    assert body["status"] is False and body["msg_en"], body
    assert CHINESE.search(body["msg_zh"]) and not CHINESE.search(body["msg_en"]), body


async def cli(server: Server, *args: str, env: dict[str, str] | None = None, stdin: bytes = b"") -> str:
    """Run `autobangumi <args>` on the server's folders (another process, as a user would)."""
    full_env = {
        **os.environ,
        "AB_CONFIG_DIR": str(server.paths.config_dir),
        "AB_DATA_DIR": str(server.paths.data_dir),
        **(env or {}),
    }
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "autobangumi_app.cli",
        *args,
        env=full_env,
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    out, err = await asyncio.wait_for(proc.communicate(stdin), 60)
    assert proc.returncode == 0, (args, err.decode()[-2000:])
    return out.decode()


async def eventually(check: Callable[[], Awaitable[bool]], seconds: float, what: str) -> float:
    """Seconds until `check()` holds; fails after `seconds`."""
    start = time.monotonic()
    while True:
        if await check():
            return time.monotonic() - start
        if time.monotonic() - start > seconds:
            raise AssertionError(f"not within {seconds} s: {what}")
        await asyncio.sleep(0.1)


def method(name: str) -> MethodInfo:
    return next(m for m in methods() if m.path.endswith("." + name))


async def grpc_call(
    target: str, name: str, request: Message, metadata: tuple[tuple[str, str], ...] = ()
) -> Message:
    info = method(name)
    async with aio.insecure_channel(target) as ch:
        call = ch.unary_unary(
            info.path,
            request_serializer=info.request_cls.SerializeToString,
            response_deserializer=info.response_cls.FromString,
        )
        result: Message = await call(request, metadata=metadata, timeout=30)
        return result


async def status_of(http: aiohttp.ClientSession, method_: str, url: str, **kw: Any) -> int:
    async with http.request(method_, url, **kw) as resp:
        await resp.read()
        return resp.status


async def sse_until_end(resp: aiohttp.ClientResponse, seconds: float) -> tuple[list[bytes], float]:
    """Read an SSE response until the server ends it: (its lines, seconds it took)."""
    start = time.monotonic()
    lines: list[bytes] = []
    while True:
        left = seconds - (time.monotonic() - start)
        assert left > 0, f"the stream was still open after {seconds} s: {lines[-5:]}"
        line = await asyncio.wait_for(resp.content.readline(), left)
        if not line:
            return lines, time.monotonic() - start
        lines.append(line)
