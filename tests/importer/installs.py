"""The real AutoBangumi installs in tests/fixtures, copied where a test may point at them."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
import tempfile
from pathlib import Path
from typing import Any

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "autobangumi-installs"
VERSIONS = ("3.2.8", "3.3.4")
AB_USER = "abuser"
AB_PASSWORD = "ab-fixture-pass-1"
AB_TOKEN = "ab_api_kFAwqsLfwe4FM5wtyKKubkg0bg0mgH_SIVQURZvsepQhsZs7"


def copy_install(version: str, into: Path) -> Path:
    """A copy of the install (config/ and data/ with every file, the WAL too)."""
    target = into / f"ab-{version}"
    shutil.copytree(FIXTURES / version, target)
    return target


def tree_hashes(root: Path) -> dict[str, tuple[str, int]]:
    """Every file under `root`: its SHA-256 and mode, by relative path."""
    out: dict[str, tuple[str, int]] = {}
    for path in sorted(root.rglob("*")):
        if path.is_file():
            out[str(path.relative_to(root))] = (
                hashlib.sha256(path.read_bytes()).hexdigest(),
                path.stat().st_mode,
            )
    return out


def source_rows(install: Path, table: str) -> list[dict[str, Any]]:
    """AutoBangumi's rows as the test reads them itself: from a private copy, WAL included."""
    with tempfile.TemporaryDirectory() as tmp:
        for name in ("data.db", "data.db-wal", "data.db-shm"):
            src = install / "data" / name
            if src.exists():
                shutil.copyfile(src, Path(tmp) / name)
        conn = sqlite3.connect(Path(tmp) / "data.db")
        conn.row_factory = sqlite3.Row
        try:
            return [dict(r) for r in conn.execute(f'SELECT * FROM "{table}" ORDER BY id')]
        finally:
            conn.close()


def target_rows(database: Path, table: str) -> list[dict[str, Any]]:
    conn = sqlite3.connect(database)
    conn.row_factory = sqlite3.Row
    try:
        return [dict(r) for r in conn.execute(f'SELECT * FROM "{table}" ORDER BY id')]
    finally:
        conn.close()


def dump(database: Path) -> list[str]:
    conn = sqlite3.connect(database)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()
