"""Fixtures: a real daemon + bridge on loopback ports, and HTTP clients."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import aiohttp
import pytest

from autobangumi_app.server import start_serve
from autobangumi_daemon.paths import AppPaths
from tests.helpers import TEST_POLICY, Server, complete_setup, login, new_session
from tests.pgcluster import drop_database, fresh_database, pg_cluster, pg_url

#: AB_TEST_STORE=postgres runs every daemon of the `server` fixture on PostgreSQL (a cluster
#: started once for the session on loopback, a fresh database per test); default SQLite.
TEST_STORE = os.environ.get("AB_TEST_STORE", "sqlite").strip().lower()


@pytest.fixture(scope="session")
def store_cluster() -> Iterator[int | None]:
    if TEST_STORE != "postgres":
        yield None
        return
    with pg_cluster() as port:
        yield port


@pytest.fixture
async def store_url(store_cluster: int | None, monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[str | None]:
    """The database the test's daemon uses: None for SQLite in its data folder."""
    if store_cluster is None:
        yield None
        return
    name = await fresh_database(store_cluster)
    monkeypatch.setenv("AB_DATABASE_URL", pg_url(store_cluster, name))
    try:
        yield pg_url(store_cluster, name)
    finally:
        await drop_database(store_cluster, name)


@pytest.fixture
def paths(tmp_path: Path) -> AppPaths:
    return AppPaths(tmp_path / "config", tmp_path / "data")


@pytest.fixture
async def server(paths: AppPaths, store_url: str | None) -> AsyncIterator[Server]:
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
