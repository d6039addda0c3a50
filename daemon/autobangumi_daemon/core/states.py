"""The states the daemon stores, as enums whose values are the strings in the database.

A value is written as it always was (a `StrEnum` is its string), so no migration goes with
them; code compares and writes the members, never a bare literal. The rename journal's states
are `library.journal.JournalState`.
"""

from __future__ import annotations

from enum import StrEnum

__all__ = ["FeedHealth", "ItemReason", "ItemState", "RenameSkip"]


class ItemState(StrEnum):
    """A feed item's place in the pipeline (`torrent.status`).

    `pending` and `failed` (below the attempt limit) are matched again at each refresh; the
    others are final."""

    PENDING = "pending"
    FAILED = "failed"
    DOWNLOADED = "downloaded"
    SUPERSEDED = "superseded"  # another release of the episode was kept
    FILTERED = "filtered"  # the rule's filter excludes it
    REPLACED = "replaced"  # a better release took its episode
    DISABLED = "disabled"  # its rule is disabled
    SEEN = "seen"  # imported from AutoBangumi as already looked at


class ItemReason(StrEnum):
    """Why an item is in its state (`torrent.reason`), told to the user by core.decisions."""

    DOWNLOADED = "downloaded"
    MANUAL = "manual"  # downloaded by hand
    FAILED = "failed"
    FILTERED = "filtered"
    DISABLED = "disabled"
    DUPLICATE = "duplicate"  # a better release of the episode in the same refresh
    DUPLICATE_KEPT = "duplicate_kept"  # the episode's kept download is as good
    WORSE = "worse"  # a better release of the episode in the same refresh was chosen
    WORSE_KEPT = "worse_kept"  # the episode's kept download is better
    WAITING = "waiting"  # the episode's release is chosen later (detail: until when, ISO 8601)
    REPLACED = "replaced"
    REMOVED = "removed"  # replaced, then removed from the downloader (preference.remove_superseded)


class FeedHealth(StrEnum):
    """A feed's `connection_status` after its last refresh."""

    HEALTHY = "healthy"
    DEGRADED = "degraded"  # items read, show metadata not (Mikan or TMDB unreachable)
    ERROR = "error"


class RenameSkip(StrEnum):
    """Why a rename run did nothing at all (empty: it ran)."""

    RAN = ""
    DISABLED = "disabled"  # bangumi_manage.enable is off
    METHOD = "method"  # rename_method is none
    UNSUPPORTED = "unsupported"  # the downloader cannot rename files
