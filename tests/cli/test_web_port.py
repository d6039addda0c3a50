"""The web port is `--port`, else AB_WEBUI_PORT, else config.json's program.webui_port
(AutoBangumi's rule), and the start-up line names the source (real `serve` processes)."""

from __future__ import annotations

import json
from pathlib import Path

import aiohttp

from tests.cli.procs import CLI, install_env, start
from tests.ports import free_port as _free_port


async def _serve(flags: list[str], env: dict[str, str]) -> tuple[int, str]:
    server = await start([*CLI, "serve", *flags], "serve", env)
    try:
        async with (
            aiohttp.ClientSession() as http,
            http.get(f"http://127.0.0.1:{server.port}/api/v1/status") as r,
        ):
            assert r.status == 200
    finally:
        assert await server.stop() == 0
    return server.port, server.source


async def test_port_precedence_flag_then_variable_then_config(tmp_path: Path) -> None:
    from_config, from_env, from_flag = _free_port(), _free_port(), _free_port()
    (tmp_path / "config").mkdir()
    (tmp_path / "config" / "config.json").write_text(json.dumps({"program": {"webui_port": from_config}}))
    env = install_env(tmp_path)
    del env["AB_WEBUI_PORT"]

    assert await _serve([], env) == (from_config, "config.json program.webui_port")
    env["AB_WEBUI_PORT"] = str(from_env)
    assert await _serve([], env) == (from_env, "AB_WEBUI_PORT")
    assert await _serve(["--port", str(from_flag)], env) == (from_flag, "--port")
    # The variable and the flag override for that start only: the stored port is unchanged.
    stored = json.loads((tmp_path / "config" / "config.json").read_text())
    assert stored["program"]["webui_port"] == from_config


async def test_a_first_start_stores_the_variable_as_autobangumi_does(tmp_path: Path) -> None:
    port = _free_port()
    env = install_env(tmp_path, AB_WEBUI_PORT=str(port))
    assert await _serve([], env) == (port, "AB_WEBUI_PORT")
    del env["AB_WEBUI_PORT"]
    assert await _serve([], env) == (port, "config.json program.webui_port")
