"""Path mappings between what a downloader sees and what the daemon sees.

A downloader in Docker or on a NAS reports `/downloads/Show/ep.mkv` while the daemon finds the
same file at `/mnt/nas/downloads/Show/ep.mkv`. Every path read from a downloader goes through
`to_local`, every path sent to one through `to_downloader`. Pure and POSIX-only (downloader paths
are the downloader's, never this machine's), so it is tested exhaustively without a filesystem.

Matching is by whole path components (`/downloads` maps `/downloads/x`, never `/downloads2/x`)
and the longest prefix wins, so a nested mapping can refine a broader one.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from autobangumi_daemon.errors import DaemonError, invalid

__all__ = ["PathMap", "PathMapping", "check_mappings"]


@dataclass(frozen=True, slots=True)
class PathMapping:
    downloader_path: str
    local_path: str


def _norm(path: str) -> str:
    # normpath keeps a leading "//" (POSIX allows it to mean something else); treat it as "/".
    out = posixpath.normpath(path.strip())
    return "/" + out.lstrip("/") if out.startswith("//") else out


def _under(path: str, prefix: str) -> str | None:
    """The rest of `path` below `prefix` ("" when equal), or None when not below it."""
    if prefix == "/":
        return path.lstrip("/")
    if path == prefix:
        return ""
    if path.startswith(prefix + "/"):
        return path[len(prefix) + 1 :]
    return None


def _bad(where: str, i: int, en: str, zh: str) -> DaemonError:
    at = f"{where}[{i}]"
    return invalid(f"Invalid config value at {at}: {en}", f"配置项 {at} 的值无效：{zh}")


def check_mappings(
    raw: Sequence[Mapping[str, object]],
    where: str = "downloader.path_mappings",
    remote_key: str = "downloader_path",
) -> list[PathMapping]:
    """Parse mappings from the config, raising a bilingual error for the first bad one (`where`
    names the instance's field, `downloaders[2].path_mappings` for a further instance).
    `remote_key` names the other side's field: a media server's mappings call it `server_path`."""
    out: list[PathMapping] = []
    seen: set[str] = set()
    for i, item in enumerate(raw):
        remote = str(item.get(remote_key) or "").strip()
        local = str(item.get("local_path") or "").strip()
        if not remote.startswith("/") or not local.startswith("/"):
            raise _bad(
                where,
                i,
                f"both {remote_key} and local_path must be absolute paths (starting with /).",
                f"{remote_key} 与 local_path 都必须是绝对路径（以 / 开头）。",
            )
        remote, local = _norm(remote), _norm(local)
        # Each mapping is read from the side paths come from: a downloader's paths from the
        # downloader, a media server's folders from the daemon. One source path, one place.
        key = remote if remote_key == "downloader_path" else local
        if key in seen:
            raise _bad(where, i, f"{key!r} is mapped twice.", f"{key!r} 被重复映射。")
        seen.add(key)
        out.append(PathMapping(remote, local))
    return out


class PathMap:
    """Translate paths both ways; an unmapped path passes through unchanged."""

    def __init__(self, mappings: Iterable[PathMapping] = ()) -> None:
        pairs = [(_norm(m.downloader_path), _norm(m.local_path)) for m in mappings]
        # Longest prefix first, per direction: the most specific mapping wins.
        self._to_local = sorted(pairs, key=lambda p: len(p[0]), reverse=True)
        self._to_remote = sorted(((b, a) for a, b in pairs), key=lambda p: len(p[0]), reverse=True)

    @classmethod
    def from_config(cls, downloader: Mapping[str, object]) -> PathMap:
        raw = downloader.get("path_mappings") or []
        assert isinstance(raw, list)
        return cls(check_mappings(raw))

    @staticmethod
    def _apply(path: str, pairs: Sequence[tuple[str, str]]) -> str:
        if not path.startswith("/"):
            return path  # relative or empty: nothing to map, leave it as given
        norm = _norm(path)
        for src, dst in pairs:
            rest = _under(norm, src)
            if rest is not None:
                return posixpath.join(dst, rest) if rest else dst
        return path

    def to_local(self, downloader_path: str) -> str:
        """A path the downloader reported, as the daemon finds it on disk."""
        return self._apply(downloader_path, self._to_local)

    def to_downloader(self, local_path: str) -> str:
        """A path of the daemon's, as the downloader must be told it (save_path on add)."""
        return self._apply(local_path, self._to_remote)

    def __bool__(self) -> bool:
        return bool(self._to_local)
