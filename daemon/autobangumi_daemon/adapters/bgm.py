"""Bangumi.tv's public calendar API (`GET /calendar`): what airs on which weekday."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import aiohttp
import orjson

from autobangumi_daemon.adapters.streams import BodyTooLarge, read_capped

__all__ = ["DEFAULT_BGM_BASE", "CalendarEntry", "CalendarError", "fetch_calendar", "parse_calendar"]

DEFAULT_BGM_BASE = "https://api.bgm.tv"
MAX_BYTES = 8 * 1024 * 1024
USER_AGENT = "AutoBangumi (calendar sync)"


class CalendarError(Exception):
    pass


@dataclass(frozen=True, slots=True)
class CalendarEntry:
    subject_id: int
    name: str
    name_cn: str
    weekday: int  # 0 = Monday .. 6 = Sunday, as AutoBangumi's air_weekday
    air_date: str
    image: str


def parse_calendar(data: Any) -> list[CalendarEntry]:
    """Entries of the calendar JSON; malformed days or items are skipped, not fatal."""
    if not isinstance(data, list):
        raise CalendarError("the calendar is not a JSON array")
    out: list[CalendarEntry] = []
    for day in data:
        if not isinstance(day, dict):
            continue
        wd = (day.get("weekday") or {}).get("id")
        for item in day.get("items") or []:
            if not isinstance(item, dict) or not isinstance(item.get("id"), int):
                continue
            # bgm.tv counts 1 = Monday .. 7 = Sunday.
            weekday = item.get("air_weekday") or wd
            if not isinstance(weekday, int) or not 1 <= weekday <= 7:
                continue
            images = item.get("images") or {}
            out.append(
                CalendarEntry(
                    subject_id=item["id"],
                    name=str(item.get("name") or ""),
                    name_cn=str(item.get("name_cn") or ""),
                    weekday=weekday - 1,
                    air_date=str(item.get("air_date") or ""),
                    image=str(images.get("large") or images.get("common") or ""),
                )
            )
    return out


async def fetch_calendar(
    base_url: str, *, proxy: str | None = None, limit: float = 20.0
) -> list[CalendarEntry]:
    url = (base_url or DEFAULT_BGM_BASE).rstrip("/") + "/calendar"
    try:
        async with (
            aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=limit)) as http,
            http.get(
                url, headers={"User-Agent": USER_AGENT, "Accept": "application/json"}, proxy=proxy
            ) as resp,
        ):
            if resp.status != 200:
                raise CalendarError(f"HTTP {resp.status}")
            body = await read_capped(resp.content, MAX_BYTES)
    except (aiohttp.ClientError, TimeoutError) as exc:
        raise CalendarError(type(exc).__name__) from None
    except BodyTooLarge:
        raise CalendarError("the calendar is too large") from None
    try:
        return parse_calendar(orjson.loads(body))
    except orjson.JSONDecodeError:
        raise CalendarError("the calendar is not JSON") from None
