"""A throw-away PostgreSQL cluster on loopback, run as `nobody` when the tests run as root.

Used by the store's own PostgreSQL tests and, with AB_TEST_STORE=postgres, by every test that
starts a daemon through the `server` fixture (each test gets a database of its own).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.ports import free_port as _free_port

PG_USER = "ab"
PG_PASSWORD = "pg-right-pw"


def pg_bin(name: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    for d in sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True):
        if (d / name).exists():
            return str(d / name)
    return None


@contextmanager
def pg_cluster() -> Iterator[int]:
    """Start a cluster; yields its port. A missing server fails the test, never skips it."""
    initdb, pg_ctl = pg_bin("initdb"), pg_bin("pg_ctl")
    if not (initdb and pg_ctl):
        pytest.fail("PostgreSQL is missing: run tools/install-test-deps.sh (apt-get install postgresql)")
    # Outside pytest's own folder, which only root may enter.
    root = Path(tempfile.mkdtemp(prefix="ab-test-pg-"))
    root.chmod(0o777)
    # PostgreSQL refuses to run as root: run it as nobody when the tests are root.
    prefix = ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups"] if os.geteuid() == 0 else []
    pwfile = root / "pw"
    pwfile.write_text(PG_PASSWORD)
    pwfile.chmod(0o644)
    data = root / "data"
    subprocess.run(
        [*prefix, initdb, "-D", str(data), "-U", PG_USER, f"--pwfile={pwfile}", "-A", "scram-sha-256"],
        check=True,
        capture_output=True,
        timeout=120,
    )
    port = _free_port()
    opts = f"-c listen_addresses=127.0.0.1 -c port={port} -c unix_socket_directories={root} -c fsync=off"
    subprocess.run(
        [*prefix, pg_ctl, "-D", str(data), "-o", opts, "-l", str(root / "log"), "-w", "-t", "60", "start"],
        check=True,
        capture_output=True,
        timeout=90,
    )
    try:
        yield port
    finally:
        subprocess.run(
            [*prefix, pg_ctl, "-D", str(data), "-m", "immediate", "stop"], capture_output=True, timeout=60
        )
        shutil.rmtree(root, ignore_errors=True)


def pg_url(port: int, database: str = "postgres") -> str:
    return f"postgresql+asyncpg://{PG_USER}:{PG_PASSWORD}@127.0.0.1:{port}/{database}"


async def fresh_database(port: int) -> str:
    """A new empty database on the cluster; returns its name."""
    import asyncpg

    name = "t_" + uuid.uuid4().hex[:16]
    conn = await asyncpg.connect(
        host="127.0.0.1", port=port, user=PG_USER, password=PG_PASSWORD, database="postgres"
    )
    try:
        await conn.execute(f'CREATE DATABASE "{name}"')
    finally:
        await conn.close()
    return name


async def drop_database(port: int, name: str) -> None:
    import asyncpg

    conn = await asyncpg.connect(
        host="127.0.0.1", port=port, user=PG_USER, password=PG_PASSWORD, database="postgres"
    )
    try:
        await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await conn.close()
