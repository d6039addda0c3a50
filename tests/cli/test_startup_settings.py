"""A setting that cannot work ends the start with one bilingual line and status 2, never a
traceback, and a refused start leaves the install as it was (real processes)."""

from __future__ import annotations

import socket
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.cli.procs import CLI, assert_refused, install_env, run


@pytest.fixture
def busy_port() -> Iterator[int]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        yield int(s.getsockname()[1])


Setup = Callable[[Path], None]


def _files(tmp: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in tmp.rglob("*") if p.is_file()}


def _nothing(_tmp: Path) -> None:
    return None


def _file_at(name: str) -> Setup:
    def setup(tmp: Path) -> None:
        (tmp / name).write_text("not a folder")

    return setup


def _config_json(body: str) -> Setup:
    def setup(tmp: Path) -> None:
        (tmp / "config").mkdir()
        (tmp / "config" / "config.json").write_text(body)

    return setup


CASES: list[tuple[str, list[str], dict[str, str], Setup, tuple[str, ...]]] = [
    (
        "short username",
        [],
        {"AB_USERNAME": "me", "AB_PASSWORD": "long-enough-1"},
        _nothing,
        ("AB_USERNAME", "4 to 20"),
    ),
    ("short password", [], {"AB_PASSWORD": "short"}, _nothing, ("AB_PASSWORD", "8 characters")),
    ("port out of range", ["--port", "70000"], {}, _nothing, ("--port", "70000")),
    ("port not a number", ["--port", "http"], {}, _nothing, ("--port",)),
    ("env port", [], {"AB_WEBUI_PORT": "eighty"}, _nothing, ("AB_WEBUI_PORT", "eighty")),
    ("env grpc port", [], {"AB_GRPC_PORT": "-1"}, _nothing, ("AB_GRPC_PORT",)),
    (
        "database scheme",
        [],
        {"AB_DATABASE_URL": "mysql://u:pw-secret@db.example/ab"},
        _nothing,
        ("async driver",),
    ),
    ("database url", [], {"AB_DATABASE_URL": "not a url"}, _nothing, ("AB_DATABASE_URL",)),
    ("web dir", [], {"AB_WEB_DIR": "/nonexistent/dist"}, _nothing, ("AB_WEB_DIR", "index.html")),
    ("docker variable", [], {"AB_INTERVAL_TIME": "often"}, _nothing, ("AB_INTERVAL_TIME", "whole number")),
    ("docker variable range", [], {"AB_RENAME_FREQ": "1"}, _nothing, ("program.rename_time", "5..86400")),
    ("config dir is a file", [], {}, _file_at("config"), ("config folder", "is a file")),
    ("data dir is a file", [], {}, _file_at("data"), ("data folder", "is a file")),
    ("config.json not JSON", [], {}, _config_json("{ oops"), ("config.json", "not a valid JSON object")),
    ("config.json an array", [], {}, _config_json("[1, 2]"), ("config.json", "JSON object")),
    (
        "config.json bad port",
        [],
        {},
        _config_json('{"program": {"webui_port": 70000}}'),
        ("program.webui_port",),
    ),
    (
        "config.json bad type",
        [],
        {},
        _config_json('{"downloader": {"type": "utorrent"}}'),
        ("downloader.type",),
    ),
]


@pytest.mark.parametrize(
    ("flags", "extra", "setup", "words"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
async def test_serve_refuses_a_bad_setting(
    tmp_path: Path, flags: list[str], extra: dict[str, str], setup: Setup, words: tuple[str, ...]
) -> None:
    setup(tmp_path)
    before = _files(tmp_path)
    result = await run([*CLI, "serve", *flags], install_env(tmp_path, **extra))
    assert_refused(result, *words)
    assert "pw-secret" not in result.err
    after = _files(tmp_path)
    assert before == {p: after.get(p) for p in before}  # nothing the start read was rewritten
    if "AB_USERNAME" in extra or "AB_PASSWORD" in extra or "AB_DATABASE_URL" in extra or "--port" in flags:
        assert not (tmp_path / "config").exists()  # refused before anything was created


async def test_a_port_in_use_is_refused(tmp_path: Path, busy_port: int) -> None:
    env = install_env(tmp_path)
    assert_refused(await run([*CLI, "serve", "--port", str(busy_port)], env), "cannot listen", str(busy_port))
    assert_refused(await run([*CLI, "serve", "--grpc-port", str(busy_port)], env), "gRPC cannot listen")
    assert_refused(await run([*CLI, "daemon", "--grpc-port", str(busy_port)], env), "gRPC cannot listen")


async def test_a_listen_address_that_is_not_here_is_refused(tmp_path: Path) -> None:
    # 192.0.2.1 is TEST-NET-1: never an address of this machine.
    env = install_env(tmp_path)
    assert_refused(await run([*CLI, "serve", "--host", "192.0.2.1"], env), "cannot listen on 192.0.2.1")
    assert_refused(await run([*CLI, "daemon", "--grpc-host", "192.0.2.1"], env), "gRPC cannot listen")


async def test_bridge_and_daemon_settings(tmp_path: Path) -> None:
    env = install_env(tmp_path)
    assert_refused(await run([*CLI, "bridge", "--daemon", "nonsense"], env), "--daemon", "host:port")
    assert_refused(await run([*CLI, "bridge"], {**env, "AB_DAEMON": "10.0.0.5:port"}), "--daemon")
    assert_refused(await run([*CLI, "bridge", "--port", "-5"], env), "--port")
    assert_refused(await run([*CLI, "daemon", "--grpc-port", "99999"], env), "--grpc-port")


async def test_account_and_token_commands_refuse_a_bad_install(tmp_path: Path) -> None:
    _config_json("{ oops")(tmp_path)
    env = install_env(tmp_path)
    assert_refused(await run([*CLI, "user", "set-password"], env, b"a-fine-password\n"), "config.json")
    assert_refused(await run([*CLI, "token", "list"], env), "config.json")
    assert_refused(
        await run([*CLI, "token", "list"], {**env, "AB_DATABASE_URL": "oracle://x"}), "AB_DATABASE_URL"
    )
