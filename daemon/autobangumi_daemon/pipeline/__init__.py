"""Orchestration of feeds, rules and downloads (I/O from adapters/, decisions from core/)."""

from __future__ import annotations

import logging

from autobangumi_daemon.context import AppContext
from autobangumi_daemon.pipeline.feeds import FeedPipeline
from autobangumi_daemon.program import JobSpec

__all__ = ["FeedPipeline", "get_pipeline"]

log = logging.getLogger(__name__)

_KEY = "feed_pipeline"


def get_pipeline(ctx: AppContext) -> FeedPipeline:
    """The daemon's one pipeline (shared by the RSS, Bangumi and Search services and the job)."""
    pipeline = ctx.extras.get(_KEY)
    if pipeline is None:
        pipeline = FeedPipeline(ctx)
        ctx.extras[_KEY] = pipeline
        ctx.program.add_job(
            JobSpec(
                name="rss",
                run=lambda: _scheduled(pipeline),
                interval=lambda: ctx.config.config.program.rss_time,
            )
        )
    assert isinstance(pipeline, FeedPipeline)
    return pipeline


async def _scheduled(pipeline: FeedPipeline) -> None:
    cfg = pipeline.ctx.config.config
    if not cfg.rss_parser.enable:
        return  # AutoBangumi runs no RSS loop at all when the collector is off
    if not pipeline.ctx.program.running:
        return  # a run queued just before /stop: the daemon may be shutting down
    await pipeline.refresh()
    if cfg.bangumi_manage.eps_complete:
        await pipeline.eps_complete()
