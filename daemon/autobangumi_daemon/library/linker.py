"""Put one finished episode file into the library, without touching the torrent's own copy.

Modes: "hardlink" (the default with a library root) links the file so the torrent keeps seeding
from its folder and no space is used twice; when the link cannot be made (EXDEV: another
filesystem; EPERM/EOPNOTSUPP/EMLINK: the filesystem refuses links) that one file is copied instead.
"copy" always copies. "move" moves the file out of the torrent's folder, which stops seeding: it
is only done when the user chose it.

Never overwrite: when the target exists and is the same file (same inode, or same size and content
hash) the episode is already done; when it is a different file it is left alone and the episode is
`held` with the reason. A copy is written to a hidden temp name in the target folder, fsynced and
renamed into place, so a crash mid-copy never leaves a half file under the library name; a
leftover temp file is removed by the next attempt.
"""

from __future__ import annotations

import errno
import hashlib
import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

__all__ = ["LINK_MODES", "LinkResult", "library_dir", "place", "same_file"]

LINK_MODES = ("hardlink", "copy", "move")
Outcome = Literal["linked", "copied", "moved", "already", "held"]

# errno values meaning "this filesystem pair cannot hardlink": fall back to a copy.
_NO_LINK = {errno.EXDEV, errno.EPERM, errno.EOPNOTSUPP, errno.EMLINK, errno.ENOTSUP}
_CHUNK = 1 << 20


@dataclass(frozen=True, slots=True)
class LinkResult:
    outcome: Outcome
    target: Path
    reason: tuple[str, str] = ("", "")


def _unsafe(part: str) -> str:
    # A title is one path component: no separators, no "."/".." tricks, no NULs.
    out = part.replace("/", "／").replace("\x00", "").strip()
    return "_" if out in ("", ".", "..") else out


def library_dir(root: Path, title: str, year: int | None, season: int) -> Path:
    """`<root>/<Title> (<Year>)/Season N`, the year left out when unknown."""
    show = _unsafe(f"{title} ({year})" if year else title)
    return root / show / f"Season {season}"


def _digest(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        while chunk := f.read(_CHUNK):
            h.update(chunk)
    return h.hexdigest()


def same_file(src: Path, dst: Path) -> bool:
    """The same file: one inode, or the same size and content."""
    a, b = src.stat(), dst.stat()
    if (a.st_dev, a.st_ino) == (b.st_dev, b.st_ino):
        return True
    return a.st_size == b.st_size and _digest(src) == _digest(dst)


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _copy_atomic(src: Path, dst: Path) -> None:
    tmp = dst.with_name(f".{dst.name}.abpart")
    tmp.unlink(missing_ok=True)  # a crash's leftover: ours by name, never a user's file
    try:
        with src.open("rb") as fin, tmp.open("xb") as fout:
            shutil.copyfileobj(fin, fout, _CHUNK)
            fout.flush()
            os.fsync(fout.fileno())
        shutil.copystat(src, tmp)
        # link + unlink instead of rename: rename would replace a file that appeared meanwhile.
        os.link(tmp, dst)
    finally:
        tmp.unlink(missing_ok=True)
    _fsync_dir(dst.parent)


def _held(dst: Path) -> LinkResult:
    return LinkResult(
        "held",
        dst,
        (
            f"{dst} already exists and is a different file; it is left as it is.",
            f"{dst} 已存在且是另一个文件，保持不变。",
        ),
    )


def place(src: Path, dst: Path, mode: str) -> LinkResult:
    """Put `src` at `dst` by `mode`; never replaces an existing file. Raises OSError otherwise."""
    if mode not in LINK_MODES:
        raise ValueError(f"unknown library mode {mode!r}")
    src.stat()  # a missing source fails here, before any library folder is made for it
    if dst.exists() or dst.is_symlink():
        return LinkResult("already", dst) if dst.exists() and same_file(src, dst) else _held(dst)
    dst.parent.mkdir(parents=True, exist_ok=True)
    try:
        if mode == "hardlink":
            try:
                os.link(src, dst)
                return LinkResult("linked", dst)
            except OSError as exc:
                if exc.errno not in _NO_LINK:
                    raise
            _copy_atomic(src, dst)
            return LinkResult("copied", dst)
        if mode == "copy":
            _copy_atomic(src, dst)
            return LinkResult("copied", dst)
        try:
            os.link(src, dst)  # same filesystem: a move is a link and an unlink, never a replace
        except OSError as exc:
            if exc.errno not in _NO_LINK:
                raise
            _copy_atomic(src, dst)
        src.unlink()
        return LinkResult("moved", dst)
    except FileExistsError:
        # Someone created the target between our check and the link: theirs, not ours to touch.
        if dst.exists() and same_file(src, dst):
            return LinkResult("already", dst)
        return _held(dst)
