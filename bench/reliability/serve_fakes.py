#!/usr/bin/env python3
"""`autobangumi serve` with the tests' network policy: 127.0.0.2 counts as a public host, so the
fault scripts' fake feed sites (which listen there) are reachable and nothing else changes.

Usage: serve_fakes.py HTTP_PORT GRPC_PORT (folders from AB_CONFIG_DIR and AB_DATA_DIR)
"""

from __future__ import annotations

import asyncio
import signal
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from autobangumi_app.server import start_serve
from autobangumi_daemon.paths import AppPaths
from tests.helpers import TEST_POLICY


async def main() -> None:
    running = await start_serve(
        AppPaths.from_env(), "127.0.0.1", int(sys.argv[1]), f"127.0.0.1:{sys.argv[2]}", TEST_POLICY
    )
    stop = asyncio.Event()
    asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, stop.set)
    await stop.wait()
    await running.stop()


if __name__ == "__main__":
    asyncio.run(main())
