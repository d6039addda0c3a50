"""A stdlib-only .torrent maker for the tests (trackerless, v1), so no peers are ever contacted."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Any


def bencode(value: Any) -> bytes:
    if isinstance(value, bool):
        raise TypeError("bool is not bencodable")
    if isinstance(value, int):
        return b"i%de" % value
    if isinstance(value, str):
        value = value.encode()
    if isinstance(value, bytes):
        return b"%d:%s" % (len(value), value)
    if isinstance(value, list):
        return b"l" + b"".join(bencode(v) for v in value) + b"e"
    if isinstance(value, dict):
        keys = sorted(value, key=lambda k: k.encode() if isinstance(k, str) else k)
        return b"d" + b"".join(bencode(k) + bencode(value[k]) for k in keys) + b"e"
    raise TypeError(type(value))


def make_torrent(path: str | os.PathLike[str], piece_len: int = 1 << 16) -> tuple[bytes, str]:
    """Return (torrent bytes, info-hash hex) for a file or a directory (files sorted by path)."""
    root = Path(path).resolve()
    if root.is_file():
        files: list[tuple[Path, list[str] | None]] = [(root, None)]
    else:
        files = sorted(
            ((p, list(p.relative_to(root).parts)) for p in root.rglob("*") if p.is_file()),
            key=lambda item: item[1] or [],
        )
    pieces: list[bytes] = []
    buf = b""
    for fp, _ in files:
        with open(fp, "rb") as fh:
            while chunk := fh.read(piece_len - len(buf)):
                buf += chunk
                if len(buf) == piece_len:
                    pieces.append(hashlib.sha1(buf).digest())
                    buf = b""
    if buf:
        pieces.append(hashlib.sha1(buf).digest())
    info: dict[str, Any] = {"name": root.name, "piece length": piece_len, "pieces": b"".join(pieces)}
    if files[0][1] is None:
        info["length"] = root.stat().st_size
    else:
        info["files"] = [{"length": fp.stat().st_size, "path": parts} for fp, parts in files]
    return bencode({"info": info}), hashlib.sha1(bencode(info)).hexdigest()


def make_virtual_torrent(name: str, size: int = 16384, piece_len: int = 1 << 14) -> tuple[bytes, str]:
    """A torrent for data that exists nowhere (random piece hashes): it stays incomplete."""
    n = max(1, -(-size // piece_len))
    info = {"name": name, "piece length": piece_len, "pieces": os.urandom(20 * n), "length": size}
    return bencode({"info": info}), hashlib.sha1(bencode(info)).hexdigest()
