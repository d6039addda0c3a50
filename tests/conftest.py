"""Fixtures: a real daemon + bridge on loopback ports, and HTTP clients."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest

from autobangumi_app.server import start_serve
from autobangumi_daemon.paths import AppPaths
from tests.helpers import TEST_POLICY, Server, complete_setup, login, new_session


@pytest.fixture
def paths(tmp_path: Path) -> AppPaths:
    return AppPaths(tmp_path / "config", tmp_path / "data")


@pytest.fixture
async def server(paths: AppPaths) -> AsyncIterator[Server]:
    running = await start_serve(paths, "127.0.0.1", 0, "127.0.0.1:0", TEST_POLICY)
    srv = Server(running, paths)
    try:
        yield srv
    finally:
        await srv.running.stop()


@pytest.fixture
async def http() -> AsyncIterator[aiohttp.ClientSession]:
    async with new_session() as session:
        yield session


@pytest.fixture
async def ready(server: Server, http: aiohttp.ClientSession) -> Server:
    """A server whose setup is complete, with `http` logged in through the cookie."""
    await complete_setup(server, http)
    await login(server, http)
    return server
