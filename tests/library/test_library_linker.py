"""library.linker on real filesystems: hardlinks by inode, copy across filesystems, no overwrite."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from autobangumi_daemon.library.linker import library_dir, place

SHM = Path("/dev/shm")


@pytest.fixture
def other_fs(tmp_path: Path) -> Iterator[Path]:
    """A folder on another filesystem than tmp_path (tmpfs vs the disk), so links fail with EXDEV."""
    if not SHM.is_dir() or os.stat(SHM).st_dev == os.stat(tmp_path).st_dev:
        pytest.skip("no second filesystem here")
    with tempfile.TemporaryDirectory(dir=SHM) as d:
        yield Path(d)


def _episode(folder: Path, data: bytes = b"\x1a\x45\xdf\xa3 episode five") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    src = folder / "[Group] Show - 05 [1080p].mkv"
    src.write_bytes(data)
    return src


def test_library_dir_shape(tmp_path: Path) -> None:
    assert library_dir(tmp_path, "葬送的芙莉莲", 2023, 1) == tmp_path / "葬送的芙莉莲 (2023)" / "Season 1"
    assert library_dir(tmp_path, "Show", None, 2) == tmp_path / "Show" / "Season 2"
    # A title is one component: a slash in it cannot climb out of the root.
    assert library_dir(tmp_path, "../x/y", None, 1).parent.parent == tmp_path
    assert library_dir(tmp_path, "..", None, 1).parent == tmp_path / "_"


def test_hardlink_shares_the_inode_and_keeps_the_source(tmp_path: Path) -> None:
    src = _episode(tmp_path / "dl")
    dst = library_dir(tmp_path / "lib", "Show", 2024, 1) / "Show S01E05.mkv"
    res = place(src, dst, "hardlink")
    assert res.outcome == "linked"
    assert os.stat(src).st_ino == os.stat(dst).st_ino
    assert os.stat(src).st_nlink == 2 and src.read_bytes() == dst.read_bytes()


def test_hardlink_across_filesystems_falls_back_to_copy(tmp_path: Path, other_fs: Path) -> None:
    src = _episode(tmp_path / "dl", os.urandom(3 << 20))
    dst = other_fs / "Show (2024)" / "Season 1" / "Show S01E05.mkv"
    res = place(src, dst, "hardlink")
    assert res.outcome == "copied"
    assert dst.read_bytes() == src.read_bytes()
    assert os.stat(src).st_nlink == 1 and os.stat(dst).st_mtime == pytest.approx(os.stat(src).st_mtime)
    assert [p.name for p in dst.parent.iterdir()] == [dst.name]  # no temp file left behind


def test_copy_mode_copies_even_on_one_filesystem(tmp_path: Path) -> None:
    src = _episode(tmp_path / "dl")
    dst = tmp_path / "lib" / "e.mkv"
    assert place(src, dst, "copy").outcome == "copied"
    assert os.stat(src).st_ino != os.stat(dst).st_ino and os.stat(src).st_nlink == 1


@pytest.mark.parametrize("cross", [False, True])
def test_move_mode_removes_the_source(tmp_path: Path, other_fs: Path, cross: bool) -> None:
    data = b"move me"
    src = _episode(tmp_path / "dl", data)
    dst = (other_fs if cross else tmp_path / "lib") / "e.mkv"
    assert place(src, dst, "move").outcome == "moved"
    assert not src.exists() and dst.read_bytes() == data and os.stat(dst).st_nlink == 1


def test_a_different_file_at_the_target_is_held_and_untouched(tmp_path: Path) -> None:
    src = _episode(tmp_path / "dl")
    dst = tmp_path / "lib" / "Show S01E05.mkv"
    dst.parent.mkdir(parents=True)
    dst.write_bytes(b"the user's own file")
    for mode in ("hardlink", "copy", "move"):
        res = place(src, dst, mode)
        assert res.outcome == "held" and str(dst) in res.reason[0] and str(dst) in res.reason[1]
        assert dst.read_bytes() == b"the user's own file" and src.exists()


def test_same_size_different_content_is_held(tmp_path: Path) -> None:
    src = _episode(tmp_path / "dl", b"AAAA")
    dst = tmp_path / "lib" / "e.mkv"
    dst.parent.mkdir(parents=True)
    dst.write_bytes(b"BBBB")
    assert place(src, dst, "copy").outcome == "held" and dst.read_bytes() == b"BBBB"


def test_repeating_is_already_done_by_inode_or_by_content(tmp_path: Path, other_fs: Path) -> None:
    src = _episode(tmp_path / "dl")
    linked = tmp_path / "lib" / "e.mkv"
    copied = other_fs / "e.mkv"
    assert place(src, linked, "hardlink").outcome == "linked"
    assert place(src, linked, "hardlink").outcome == "already"
    assert place(src, copied, "hardlink").outcome == "copied"
    ino = os.stat(copied).st_ino
    assert place(src, copied, "hardlink").outcome == "already"
    assert os.stat(copied).st_ino == ino  # not rewritten


def test_a_dangling_symlink_at_the_target_is_held(tmp_path: Path) -> None:
    src = _episode(tmp_path / "dl")
    dst = tmp_path / "lib" / "e.mkv"
    dst.parent.mkdir(parents=True)
    dst.symlink_to(tmp_path / "nowhere")
    assert place(src, dst, "hardlink").outcome == "held" and dst.is_symlink()


def test_a_crashed_copy_leaves_no_library_file_and_is_cleaned_next_time(
    tmp_path: Path, other_fs: Path
) -> None:
    src = _episode(tmp_path / "dl", b"complete episode")
    dst = other_fs / "Season 1" / "e.mkv"
    dst.parent.mkdir(parents=True)
    # What a crash mid-copy leaves: only the hidden temp name, never the library name.
    (dst.parent / f".{dst.name}.abpart").write_bytes(b"compl")
    assert place(src, dst, "hardlink").outcome == "copied"
    assert dst.read_bytes() == b"complete episode"
    assert sorted(p.name for p in dst.parent.iterdir()) == ["e.mkv"]


def test_unknown_mode_is_refused(tmp_path: Path) -> None:
    src = _episode(tmp_path / "dl")
    with pytest.raises(ValueError, match="unknown library mode"):
        place(src, tmp_path / "x.mkv", "symlink")
    assert not (tmp_path / "x.mkv").exists()
