"""Every periodic job of the daemon, with its interval and its first delay: the one place that
says what runs when. The program runs them while it is running; none overlaps itself."""

from __future__ import annotations

from sqlalchemy import select

from autobangumi_daemon.context import AppContext
from autobangumi_daemon.db.models import Bangumi
from autobangumi_daemon.library.calendar import refresh_calendar
from autobangumi_daemon.library.metadata import scan_offsets
from autobangumi_daemon.notify.completion import CompletionNotices
from autobangumi_daemon.program import JobSpec

__all__ = ["daemon_jobs"]

WEEK = 7 * 86400.0


def daemon_jobs(ctx: AppContext) -> list[JobSpec]:
    completed = CompletionNotices(ctx)
    return [
        # Feeds at `program.rss_time`, AutoBangumi's setting, read at each start.
        JobSpec("rss", lambda: _feeds(ctx), lambda: float(ctx.config.config.program.rss_time)),
        # Finished torrents renamed at `program.rename_time`; where nothing is renamed, finished
        # downloads announced instead (`notification.on_complete`).
        JobSpec(
            "rename",
            lambda: _rename(ctx, completed),
            lambda: float(ctx.config.config.program.rename_time or 60),
        ),
        # Bangumi.tv's calendar changes weekly; AutoBangumi waits 2 minutes after a start.
        JobSpec("calendar", lambda: _calendar(ctx), lambda: WEEK, first_delay=120),
        # Asks TMDB about rules whose episodes may not fit their season.
        JobSpec("offsets", lambda: _offsets(ctx), lambda: 6 * 3600.0, first_delay=60),
    ]


async def _feeds(ctx: AppContext) -> None:
    cfg = ctx.config.config
    if not cfg.rss_parser.enable:
        return  # AutoBangumi runs no RSS loop at all when the collector is off
    if not ctx.program.running:
        return  # a run queued just before /stop: the daemon may be shutting down
    await ctx.pipeline.refresh()
    if cfg.bangumi_manage.eps_complete:
        await ctx.pipeline.eps_complete()


async def _rename(ctx: AppContext, completed: CompletionNotices) -> None:
    await ctx.renamer.scheduled()
    await completed.scheduled()


async def _calendar(ctx: AppContext) -> None:
    async with ctx.db() as s:
        if await s.scalar(select(Bangumi.id).limit(1)) is None:
            return  # nothing to place on the calendar: no request at all
    if await refresh_calendar(ctx.config, ctx.db):
        ctx.pipeline.rules_changed()


async def _offsets(ctx: AppContext) -> None:
    await scan_offsets(ctx, ctx.pipeline)
