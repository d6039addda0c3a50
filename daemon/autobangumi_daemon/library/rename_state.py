"""What one rename run (or preview) knows: the client, the plan options, the daemon's torrents with
their rules, the journal, and the names already claimed, plus the run's tally."""

from __future__ import annotations

import os
import posixpath
from collections.abc import Awaitable, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from autobangumi_daemon.adapters.downloaders.base import (
    AuthFailed,
    Banned,
    Downloader,
    TlsError,
    TorrentFile,
    TorrentInfo,
    Unreachable,
)
from autobangumi_daemon.core.pathmap import PathMap
from autobangumi_daemon.core.rename_plan import (
    Claim,
    FileIn,
    PlannedFile,
    PlanOptions,
    RuleInfo,
    TorrentIn,
    TorrentPlan,
    join_key,
    plan_torrent,
)
from autobangumi_daemon.core.states import RenameSkip
from autobangumi_daemon.library.journal import NAMED, Entry

__all__ = ["ClientDown", "RuleRef", "RunState", "RunSummary", "client", "is_client_down", "same_dir"]

T = TypeVar("T")

#: The client is gone or refuses us: stop the run, count nothing against the files.
_CLIENT_DOWN = (Unreachable, AuthFailed, Banned, TlsError)


class ClientDown(Exception):
    """Raised out of a torrent's run when the client is unusable: the run stops there."""


def is_client_down(exc: Exception) -> bool:
    return isinstance(exc, _CLIENT_DOWN)


async def client(call: Awaitable[T]) -> T:
    """Await a downloader call; the client being away becomes ClientDown (other downloader
    errors are the caller's to handle)."""
    try:
        return await call
    except _CLIENT_DOWN:
        raise ClientDown() from None


def _exists(path: str) -> bool:
    """Whether the client's path exists here too (the usual shared Docker volume); else False.

    When the daemon cannot see the client's disk, the adapter's own checks at rename time (other
    torrents' files through the API) still stand between a rename and an overwrite.
    """
    return os.path.lexists(path)


def same_dir(a: str, b: str) -> bool:
    return posixpath.normpath(a.replace("\\", "/")).rstrip("/") == posixpath.normpath(
        b.replace("\\", "/")
    ).rstrip("/")


@dataclass(frozen=True, slots=True)
class RuleRef:
    """The parts of a rule a run needs, copied out of the session that read it."""

    id: int
    official_title: str
    poster_link: str | None
    info: RuleInfo


@dataclass(slots=True)
class RunSummary:
    torrents: int = 0
    renamed: int = 0
    held: int = 0
    failed: int = 0
    unparsed: int = 0
    skipped: RenameSkip = RenameSkip.RAN  # why nothing ran, if nothing did

    def message(self) -> tuple[str, str]:
        if self.skipped == RenameSkip.DISABLED:
            return ("Renaming is turned off (bangumi_manage).", "重命名已关闭（bangumi_manage）。")
        if self.skipped == RenameSkip.METHOD:
            return ("The rename method is `none`: nothing to rename.", "重命名方式为 none：无需重命名。")
        if self.skipped == RenameSkip.UNSUPPORTED:
            return ("This downloader cannot rename files.", "该下载器不支持重命名文件。")
        return (
            f"Rename finished: {self.renamed} renamed, {self.held} held for review, {self.failed} failed, "
            f"{self.unparsed} not recognised, in {self.torrents} torrents.",
            f"重命名完成：共 {self.torrents} 个种子，重命名 {self.renamed} 个文件，{self.held} 个待确认，"
            f"{self.failed} 个失败，{self.unparsed} 个无法识别。",
        )


@dataclass(slots=True)
class RunState:
    """One look at the client and the database, shared by every torrent of a run."""

    dl: Downloader
    options: PlanOptions
    torrents: list[tuple[TorrentInfo, RuleRef | None]]
    entries: dict[str, dict[str, Entry]]
    claims: dict[str, Claim] = field(default_factory=dict)
    #: The instance's path mappings: the client's paths are checked on disk as the daemon sees them.
    paths: PathMap = field(default_factory=PathMap)

    def plan(self, info: TorrentInfo, rule: RuleRef | None, files: Sequence[TorrentFile]) -> TorrentPlan:
        """Plan from the release's own names: files renamed before are mapped back through the
        journal, and names the client changed (Transmission's `_`) are read as the torrent has them."""
        names = [f.name for f in files]
        release = {f.name: f.release_name for f in files if f.release_name}
        entries = self.entries.get(info.hash, {})
        present = set(names)
        original_of = {
            e.target: e.file_path
            for e in entries.values()
            if e.kind != "torrent" and e.target and e.file_path
        }
        inputs = []
        for name in names:
            orig = original_of.get(name)
            if not (orig and orig not in present):
                orig = release.get(name)
            inputs.append(FileIn(name, orig) if orig else FileIn(name))
        torrent = TorrentIn(info.hash, info.name, info.save_path, tuple(inputs), info.tags)

        def exists(path: str) -> bool:
            return _exists(self.paths.to_local(path))

        return plan_torrent(torrent, rule.info if rule else None, self.options, self.claims, exists)

    def claim(self, torrent_hash: str, plan: TorrentPlan, item: PlannedFile) -> None:
        """Later torrents of this run see the name as taken."""
        key = join_key(plan.target_save_path, item.new_path)
        self.claims[key] = Claim(torrent_hash, item.new_path, item.version, parked=item.superseded)

    def claim_named(self, present: set[str]) -> None:
        """The names that journal entries of torrents still in the client hold (a torrent removed
        from the client holds no name; its files may, and the disk check sees those)."""
        for h, entries in self.entries.items():
            if h not in present:
                continue
            for e in entries.values():
                if e.status in NAMED and e.target and e.save_path:
                    self.claims[join_key(e.save_path, e.target)] = Claim(
                        h, e.target, e.version, parked=e.status != "done"
                    )

    def moved_claim(self, torrent_hash: str, old_path: str, entry: Entry) -> None:
        """A file set aside (or given its name back): its claim follows it."""
        for key, claim in list(self.claims.items()):
            if claim.torrent_hash == torrent_hash and claim.path == old_path:
                del self.claims[key]
                if entry.save_path and entry.target:
                    self.claims[join_key(entry.save_path, entry.target)] = Claim(
                        torrent_hash, entry.target, entry.version, parked=entry.status != "done"
                    )
