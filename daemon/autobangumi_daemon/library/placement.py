"""One downloader instance's library settings: where its episodes are placed and how its paths
read on this machine.

The renamer, the preview and the completion notices all ask the same question ("does this
instance place its episodes in a library?"), so the answer lives here, read from the instance's
own settings (`library_root`, `library_mode`, `path_mappings`; checked when saved).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from autobangumi.v1 import config_pb2
from autobangumi_daemon.adapters.downloaders.base import Downloader
from autobangumi_daemon.context import AppContext
from autobangumi_daemon.core.pathmap import PathMap, PathMapping
from autobangumi_daemon.errors import DaemonError

__all__ = ["Placement", "placement_of"]


@dataclass(frozen=True, slots=True)
class Placement:
    #: The library folder as the daemon sees it; None: episodes are renamed inside the client.
    root: Path | None = None
    mode: str = "hardlink"
    paths: PathMap = field(default_factory=PathMap)

    @property
    def library(self) -> bool:
        return self.root is not None

    @classmethod
    def from_config(cls, cfg: config_pb2.DownloaderConfig) -> Placement:
        paths = PathMap(PathMapping(m.downloader_path, m.local_path) for m in cfg.path_mappings)
        root = cfg.library_root.strip()
        # A root with no mode is the documented default: hardlinks (a copy where none can be made).
        return cls(Path(root) if root else None, cfg.library_mode or "hardlink", paths)


def placement_of(ctx: AppContext, dl: Downloader) -> Placement:
    """The settings of the instance whose client `dl` is (no library when none is found)."""
    for inst in ctx.downloader.instances():
        try:
            if inst.get() is dl:
                return Placement.from_config(inst.cfg)
        except DaemonError:
            continue  # unusable settings: not the instance `dl` came from
    return Placement()
