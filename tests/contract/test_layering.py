"""The layers, as the import graph shows them: `core/` is pure (no I/O library, nothing from the
layers above it), so its logic can be tested and reused without a network, a database or a
downloader; the shared `autobangumi` package (generated code, the contract, JSON mapping) imports
neither the daemon nor the bridge nor the command above them."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DAEMON = ROOT / "daemon" / "autobangumi_daemon"
SHARED = ROOT / "src" / "autobangumi"
ABOVE_SHARED = ("autobangumi_daemon", "autobangumi_bridge", "autobangumi_app")

# Libraries that do I/O (network, database, processes, notifications) and the daemon's own
# layers above the core.
FORBIDDEN_IN_CORE = (
    "aiohttp",
    "aiosqlite",
    "apprise",
    "asyncpg",
    "grpc",
    "httpx",
    "qbittorrentapi",
    "requests",
    "socket",
    "sqlalchemy",
    "subprocess",
    "transmission_rpc",
    "urllib.request",
    "webauthn",
    "autobangumi_daemon.adapters",
    "autobangumi_daemon.db",
    "autobangumi_daemon.library",
    "autobangumi_daemon.pipeline",
    "autobangumi_daemon.services",
    "autobangumi_daemon.rpc",
)


def _imports(path: Path) -> list[str]:
    """Every module a file imports, also inside functions (a late import is still an arrow)."""
    out: list[str] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out.extend(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            out.append(node.module)
    return out


def test_core_imports_no_io_library_and_nothing_above_it() -> None:
    found = []
    for path in sorted((DAEMON / "core").rglob("*.py")):
        for name in _imports(path):
            if any(name == bad or name.startswith(bad + ".") for bad in FORBIDDEN_IN_CORE):
                found.append(f"{path.relative_to(DAEMON)} imports {name}")
    assert found == []


def test_the_check_sees_an_import(tmp_path: Path) -> None:
    sample = tmp_path / "m.py"
    sample.write_text("import aiohttp\nfrom sqlalchemy import select\nfrom . import x\n")
    assert _imports(sample) == ["aiohttp", "sqlalchemy"]


def test_the_shared_package_imports_nothing_above_it() -> None:
    found = []
    for path in sorted(SHARED.rglob("*.py")):
        for name in _imports(path):
            if name.split(".")[0] in ABOVE_SHARED:
                found.append(f"{path.relative_to(ROOT)} imports {name}")
    assert found == []
