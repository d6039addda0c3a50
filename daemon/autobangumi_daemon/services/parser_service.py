"""ParserService: how the title parser reads one title (fields and the spans behind them)."""

from __future__ import annotations

import asyncio

from autobangumi.rpc import Caller
from autobangumi.v1 import parser_pb2
from autobangumi_daemon.context import AppContext
from autobangumi_daemon.core.title_parser import ParsedTitle
from autobangumi_daemon.core.title_parser.model import Episode
from autobangumi_daemon.core.title_parser.parser import parse_with_spans
from autobangumi_daemon.errors import invalid

__all__ = ["ParserService", "episode_text"]

MAX_TITLE = 1000  # longer than any release title; keeps one request from costing much


def _number(n: float) -> str:
    return str(int(n)) if float(n).is_integer() else str(n)


def episode_text(ep: Episode | None) -> str | None:
    """5 -> "5", 5.5 -> "5.5", (1, 12) -> "01-12" (a range written as titles write it)."""
    if ep is None:
        return None
    if isinstance(ep, tuple):
        a, b = ep
        width = 2 if all(float(x).is_integer() and x < 100 for x in ep) else 0
        return f"{_number(a).zfill(width)}-{_number(b).zfill(width)}"
    return _number(ep)


def fields_message(parsed: ParsedTitle | None) -> parser_pb2.ParsedFields:
    if parsed is None:
        return parser_pb2.ParsedFields(season=1, episode_type="tv")
    msg = parser_pb2.ParsedFields(season=parsed.season, batch=parsed.batch, episode_type=parsed.episode_type)
    for name in (
        "group",
        "title_zh",
        "title_en",
        "title_jp",
        "season_raw",
        "version",
        "resolution",
        "source",
        "platform",
        "sub",
        "video",
        "audio",
        "crc32",
        "year",
    ):
        value = getattr(parsed, name)
        if value is not None:
            setattr(msg, name, value)
    ep = episode_text(parsed.episode)
    if ep is not None:
        msg.episode = ep
    return msg


class ParserService:
    SERVICE = "autobangumi.v1.ParserService"

    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx

    async def ExplainTitle(
        self, req: parser_pb2.ExplainTitleRequest, caller: Caller
    ) -> parser_pb2.TitleExplanation:
        title = req.title
        if not title.strip():
            raise invalid(
                "The field “title” is empty: give a release title.", "字段“title”为空：请提供发布标题。"
            )
        if len(title) > MAX_TITLE:
            raise invalid(
                f"The field “title” is too long (at most {MAX_TITLE} characters).",
                f"字段“title”过长（最多 {MAX_TITLE} 个字符）。",
            )
        parsed, spans = await asyncio.to_thread(parse_with_spans, title)
        return parser_pb2.TitleExplanation(
            title=title,
            fields=fields_message(parsed),
            spans=[parser_pb2.TitleSpan(field=s.field, start=s.start, end=s.end, text=s.text) for s in spans],
        )
