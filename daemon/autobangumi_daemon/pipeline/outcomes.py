"""What the downloads job decided for each item, as typed outcomes written in one bulk update.

Each outcome writes exactly the columns its decision changes (a superseded item keeps the
failure detail it had, say), so the rows come out as they always did.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from autobangumi_daemon.core.states import ItemReason, ItemState

__all__ = ["Disabled", "Downloaded", "Failed", "Filtered", "ItemOutcome", "Replaced", "Superseded", "Waiting"]


@dataclass(frozen=True, slots=True)
class Disabled:
    """The item's rule is disabled."""

    item_id: int
    rule_id: int

    def row(self) -> dict[str, Any]:
        return {
            "id": self.item_id,
            "status": ItemState.DISABLED,
            "bangumi_id": self.rule_id,
            "reason": ItemReason.DISABLED,
        }


@dataclass(frozen=True, slots=True)
class Filtered:
    """The rule's filter excludes the item; `term` is the word that did."""

    item_id: int
    rule_id: int
    term: str | None

    def row(self) -> dict[str, Any]:
        return {
            "id": self.item_id,
            "status": ItemState.FILTERED,
            "bangumi_id": self.rule_id,
            "reason": ItemReason.FILTERED,
            "reason_detail": self.term,
        }


@dataclass(frozen=True, slots=True)
class Superseded:
    """Another release of the episode won: in this refresh (DUPLICATE) or already downloaded
    (DUPLICATE_KEPT)."""

    item_id: int
    rule_id: int
    reason: ItemReason
    kept: int | None
    episode_key: str

    def row(self) -> dict[str, Any]:
        return {
            "id": self.item_id,
            "status": ItemState.SUPERSEDED,
            "bangumi_id": self.rule_id,
            "reason": self.reason,
            "duplicate_of": self.kept,
            "episode_key": self.episode_key,
            "waiting_since": None,  # a wait it was in is over
        }


@dataclass(frozen=True, slots=True)
class Waiting:
    """The episode waits for other releases (the rule's delay) until `until`; the item stays
    pending, its wait's start stored so that a restart keeps it."""

    item_id: int
    rule_id: int
    since: datetime
    until: datetime
    save_path: str
    episode_key: str

    def row(self) -> dict[str, Any]:
        return {
            "id": self.item_id,
            "status": ItemState.PENDING,
            "bangumi_id": self.rule_id,
            "reason": ItemReason.WAITING,
            "reason_detail": self.until.astimezone(UTC).isoformat(timespec="seconds"),
            "waiting_since": self.since,
            "save_path": self.save_path,
            "episode_key": self.episode_key,
        }


@dataclass(frozen=True, slots=True)
class Downloaded:
    item_id: int
    rule_id: int
    torrent_hash: str | None
    save_path: str
    episode_key: str | None
    at: datetime = field(default_factory=lambda: datetime.now(UTC))

    def row(self) -> dict[str, Any]:
        return {
            "id": self.item_id,
            "status": ItemState.DOWNLOADED,
            "downloaded": True,
            "bangumi_id": self.rule_id,
            "qb_hash": self.torrent_hash,
            "save_path": self.save_path,
            "episode_key": self.episode_key,
            "reason": ItemReason.DOWNLOADED,
            "reason_detail": None,
            "duplicate_of": None,
            "downloaded_at": self.at,
            "waiting_since": None,  # a wait it was in is over
        }


@dataclass(frozen=True, slots=True)
class Replaced:
    """A better release of the episode was downloaded instead (nothing is deleted)."""

    item_id: int
    by: int

    def row(self) -> dict[str, Any]:
        return {
            "id": self.item_id,
            "status": ItemState.REPLACED,
            "reason": ItemReason.REPLACED,
            "duplicate_of": self.by,
        }


@dataclass(frozen=True, slots=True)
class Failed:
    """The torrent could not be fetched or added; tried again below the attempt limit."""

    item_id: int
    rule_id: int
    attempts: int
    detail: str

    def row(self) -> dict[str, Any]:
        return {
            "id": self.item_id,
            "status": ItemState.FAILED,
            "attempts": self.attempts,
            "bangumi_id": self.rule_id,
            "reason": ItemReason.FAILED,
            "reason_detail": self.detail,
        }


ItemOutcome = Disabled | Filtered | Superseded | Downloaded | Replaced | Failed | Waiting
