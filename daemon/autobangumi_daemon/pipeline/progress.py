"""What a feed refresh did (its answer's counts) and its progress on the event stream.

Progress events (`feed_refresh_progress`, FeedRefreshProgressEvent in program.proto) are sent at
the start and end of each stage and at most every PROGRESS_INTERVAL in between, so a refresh of
thousands of items costs a page a few events per second, not one per item.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from autobangumi.v1 import program_pb2
from autobangumi_daemon.upstreams.metadata import HostFailure

__all__ = ["PROGRESS_INTERVAL", "RefreshProgress", "RefreshReport"]

PROGRESS_INTERVAL = 0.25  # seconds between two progress events of one stage


@dataclass
class RefreshReport:
    feeds: int = 0
    failed_feeds: int = 0
    degraded_feeds: int = 0
    new_items: int = 0
    rules_created: int = 0
    downloaded: int = 0
    deferred_shows: int = 0  # shows whose rule waits for metadata from an unreachable host
    outages: list[HostFailure] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


class RefreshProgress:
    """Publishes one refresh's progress on the event bus, at most every PROGRESS_INTERVAL per stage."""

    def __init__(
        self, publish: Callable[[program_pb2.FeedRefreshProgressEvent], None], rss_ids: Sequence[int]
    ) -> None:
        self._publish = publish
        self.refresh_id = uuid.uuid4().hex[:12]
        self.rss_ids = list(rss_ids)
        self.report = RefreshReport()
        self._stage = ""
        self._last = 0.0

    def update(self, stage: str, done: int, total: int) -> None:
        now = time.monotonic()
        edge = stage != self._stage or done in (0, total)
        if not edge and now - self._last < PROGRESS_INTERVAL:
            return
        self._stage, self._last = stage, now
        r = self.report
        self._publish(
            program_pb2.FeedRefreshProgressEvent(
                refresh_id=self.refresh_id,
                stage=stage,
                done=done,
                total=total,
                rss_ids=self.rss_ids,
                new_items=r.new_items,
                rules_created=r.rules_created,
                downloaded=r.downloaded,
                failed_feeds=r.failed_feeds,
            )
        )
