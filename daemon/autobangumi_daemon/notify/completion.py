"""A message when an episode finishes downloading, where the renamer will not rename it.

Episodes are normally notified by the renamer, once renamed (or placed in the library). A setup
that does not rename (rename method `none`, renaming off, or a downloader that cannot rename
files and has no library root) would never hear of a new episode; with
`notification.on_complete` it gets a message when the download completes instead. Each torrent
is announced at most once, also across restarts: its hash is written to
`data/notified_downloads.json` before the message goes out (as the rename journal does). The
first look after the setting is turned on only takes note of what is already complete, so
switching it on never floods the user with old episodes.
"""

from __future__ import annotations

import json
import logging
import re
from pathlib import Path

from sqlalchemy import select

from autobangumi_daemon.adapters.downloaders.base import (
    OWN_CATEGORIES,
    RULE_TAG_PREFIX,
    Capabilities,
    Downloader,
    DownloaderError,
)
from autobangumi_daemon.context import AppContext
from autobangumi_daemon.db.models import Bangumi, Torrent
from autobangumi_daemon.errors import DaemonError
from autobangumi_daemon.files import write_atomic
from autobangumi_daemon.library.placement import placement_of

__all__ = ["CompletionNotices", "renaming_applies"]

log = logging.getLogger(__name__)

STATE_FILE = "notified_downloads.json"
MAX_REMEMBERED = 20_000  # hashes kept; the oldest are forgotten first
_EPISODE_KEY = re.compile(r"S(\d+)E(\d+(?:\.\d+)?)", re.IGNORECASE)


def renaming_applies(ctx: AppContext, dl: Downloader) -> bool:
    """Whether the renamer renames (and so notifies) this setup's finished episodes: inside the
    client, or, for an instance with a library root, into the library (any downloader type, so
    an aria2 episode with a library is announced once, by the rename notice)."""
    manage = ctx.config.config.bangumi_manage
    return (
        manage.enable
        and manage.rename_method not in ("none", "normal")
        and (bool(dl.capabilities & Capabilities.RENAME_FILE) or placement_of(ctx, dl).library)
    )


class CompletionNotices:
    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx
        self.path: Path = ctx.paths.data_dir / STATE_FILE

    def _load(self) -> list[str] | None:
        try:
            data = json.loads(self.path.read_bytes())
        except FileNotFoundError:
            return None
        except (OSError, ValueError):
            log.warning("%s is unreadable; completed downloads are noted again without messages.", self.path)
            return None
        hashes = data.get("hashes") if isinstance(data, dict) else None
        return [str(h) for h in hashes] if isinstance(hashes, list) else None

    def _save(self, hashes: list[str]) -> None:
        kept = hashes[-MAX_REMEMBERED:]
        write_atomic(self.path, json.dumps({"hashes": kept}).encode(), mode=0o600)

    async def scheduled(self) -> None:
        try:
            await self.check()
        except (DownloaderError, DaemonError) as exc:
            # Unreachable or unusable settings: the downloader manager logs reachability changes.
            log.debug("Completed-download check skipped: %s", exc)

    async def check(self) -> int:
        """Announce the newly completed episodes; returns how many messages were asked for."""
        n = self.ctx.config.config.notification
        if not (n.enable and n.on_complete):
            return 0
        # Every instance the renamer does not cover (it notifies each episode it renames); one
        # that is down is skipped this time, unless it is the only one (its error is logged).
        instances = self.ctx.downloader.instances()
        listed = []
        for inst in instances:
            try:
                dl = inst.get()
                if renaming_applies(self.ctx, dl):
                    continue
                listed.extend(await dl.list_torrents())
            except (DownloaderError, DaemonError):
                if len(instances) == 1:
                    raise
                log.debug("Completed-download check skipped downloader %r.", inst.name, exc_info=True)
                return 0  # the seen-list must not lose a down instance's hashes
        if not listed and all(renaming_applies(self.ctx, i.get()) for i in instances):
            return 0
        done = [t for t in listed if t.category in OWN_CATEGORIES and t.completed]
        seen = self._load()
        if seen is None:
            self._save([t.hash for t in done])  # the first look: take note, send nothing
            return 0
        known = set(seen)
        new = [t for t in done if t.hash not in known]
        if not new:
            return 0
        async with self.ctx.db() as s:
            rows = (
                await s.execute(
                    select(Torrent.qb_hash, Torrent.bangumi_id, Torrent.episode_key).where(
                        Torrent.qb_hash.in_([t.hash for t in new])
                    )
                )
            ).all()
            rules = {r.id: r for r in (await s.scalars(select(Bangumi))).all()}
            ours = {str(h).lower(): (rid, key) for h, rid, key in rows if h}
            plans = []
            for t in new:
                tag_ids = [
                    int(tag[len(RULE_TAG_PREFIX) :])
                    for tag in t.tags
                    if tag.startswith(RULE_TAG_PREFIX) and tag[len(RULE_TAG_PREFIX) :].isdigit()
                ]
                if t.hash not in ours and not tag_ids:
                    continue  # in our category but not added by us: the user's own torrent
                rid, key = ours.get(t.hash, (None, None))
                rule = rules.get(rid if rid is not None else (tag_ids[0] if tag_ids else -1))
                title = rule.official_title if rule is not None else t.name
                poster = rule.poster_link if rule is not None else None
                plans.append((t.hash, t.name, title, key, poster))
        # Recorded before sending: a crash in between loses a message, never sends one twice.
        self._save(seen + [t.hash for t in new])
        for _, name, title, key, poster in plans:
            m = _EPISODE_KEY.fullmatch(key or "")
            season, episode = (int(m.group(1)), float(m.group(2))) if m else (None, None)
            await self.ctx.notifier.download_complete(
                official_title=title, season=season, episode=episode, name=name, poster_link=poster
            )
        return len(plans)
