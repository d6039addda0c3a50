"""TMDB: official title, year, current season and poster of an anime series.

Search (`/3/search/tv`, no language, so names are English), then details in the user's language
(`rss_parser.language`: zh-CN, ja-JP or en-US); the first result that is an animation (genre
16) and whose details load wins, as in AutoBangumi. The season is the newest *aired* regular
season by its number (AutoBangumi parsed the localised `第 N 季` names, which broke on specials
and unaired seasons, users-voice #590/#404). Unaired shows have `first_air_date: ""` and
`air_date: null`; both are accepted.

The key is the user's (`network.tmdb_api_key`): a v3 key goes in `api_key=`, a v4 read token
(a JWT) in `Authorization: Bearer`.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

import orjson

from autobangumi_daemon.adapters.http import Fetcher, FetchError
from autobangumi_daemon.core.offsets import SeriesShape, virtual_starts

__all__ = ["TMDB_LANGUAGES", "TmdbClient", "TmdbInfo", "series_shape"]

log = logging.getLogger(__name__)

TMDB_LANGUAGES = {"zh": "zh-CN", "jp": "ja-JP", "en": "en-US"}
ANIMATION_GENRE = 16
_CACHE_SIZE = 512
# Seasons longer than one cour are checked for a mid-season break.
LONG_SEASON = 13


@dataclass(frozen=True, slots=True)
class TmdbInfo:
    id: int
    title: str
    year: str | None
    season: int
    status: str
    poster_url: str | None


def _date(value: Any) -> dt.date | None:
    if not isinstance(value, str) or len(value) < 10:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def latest_aired_season(details: dict[str, Any], today: dt.date | None = None) -> int:
    today = today or dt.date.today()
    best = 0
    for s in details.get("seasons") or []:
        if not isinstance(s, dict):
            continue
        number = s.get("season_number")
        aired = _date(s.get("air_date"))
        if isinstance(number, int) and number > 0 and aired is not None and aired <= today:
            best = max(best, number)
    return best or 1


class TmdbClient:
    def __init__(self, base_url: str, api_key: str, image_base_url: str) -> None:
        base = base_url.strip().rstrip("/")
        # Accept both `https://api.themoviedb.org` and `…/3` as the configured base.
        self.base = base[:-2] if base.endswith("/3") else base
        self.api_key = api_key.strip()
        self.image_base = image_base_url.strip().rstrip("/")
        self._cache: OrderedDict[tuple[str, str], TmdbInfo | None] = OrderedDict()

    @property
    def enabled(self) -> bool:
        return bool(self.api_key)

    def _auth(self) -> tuple[dict[str, str], dict[str, str]]:
        if self.api_key.startswith("eyJ") and self.api_key.count(".") == 2:
            return {"Authorization": f"Bearer {self.api_key}"}, {}
        return {}, {"api_key": self.api_key}

    async def _get(self, f: Fetcher, path: str, params: dict[str, str]) -> dict[str, Any] | None:
        headers, auth = self._auth()
        try:
            resp = await f.get(
                f"{self.base}/3{path}",
                params={**params, **auth},
                headers={**headers, "Accept": "application/json"},
            )
        except FetchError as exc:
            if exc.status == 404:
                return None
            raise
        data = orjson.loads(resp.body)
        return data if isinstance(data, dict) else None

    async def lookup(self, f: Fetcher, title: str, language: str) -> TmdbInfo | None:
        """None when TMDB has no such anime (or no key is configured); FetchError when TMDB is
        unreachable, so the caller can try again later instead of settling for less."""
        if not self.enabled or not title.strip():
            return None
        lang = TMDB_LANGUAGES.get(language, "zh-CN")
        key = (title.strip(), lang)
        if key in self._cache:
            self._cache.move_to_end(key)
            return self._cache[key]
        info = await self._lookup(f, title.strip(), lang)
        self._cache[key] = info
        if len(self._cache) > _CACHE_SIZE:
            self._cache.popitem(last=False)
        return info

    async def _lookup(self, f: Fetcher, title: str, lang: str) -> TmdbInfo | None:
        results: list[dict[str, Any]] = []
        for query in dict.fromkeys((title, title.replace(" ", ""))):
            data = await self._get(f, "/search/tv", {"query": query, "page": "1", "include_adult": "false"})
            results = [r for r in (data or {}).get("results") or [] if isinstance(r, dict)]
            if results:
                break
        for r in results[:8]:
            genres = r.get("genre_ids")
            if isinstance(genres, list) and ANIMATION_GENRE not in genres:
                continue
            tv_id = r.get("id")
            if not isinstance(tv_id, int):
                continue
            details = await self._get(f, f"/tv/{tv_id}", {"language": lang})
            if details is None:
                continue
            names = [g.get("id") for g in details.get("genres") or [] if isinstance(g, dict)]
            if names and ANIMATION_GENRE not in names:
                continue
            name = str(details.get("name") or r.get("name") or "").strip()
            if not name:
                continue
            first = str(details.get("first_air_date") or r.get("first_air_date") or "")
            poster = details.get("poster_path") or r.get("poster_path")
            return TmdbInfo(
                id=tv_id,
                title=name,
                year=first[:4] if len(first) >= 4 and first[:4].isdigit() else None,
                season=latest_aired_season(details),
                status=str(details.get("status") or ""),
                poster_url=f"{self.image_base}{poster}" if isinstance(poster, str) and poster else None,
            )
        return None


async def series_shape(client: TmdbClient, f: Fetcher, title: str, language: str) -> SeriesShape | None:
    """The series' seasons, episode counts and cour breaks, for offset detection."""
    info = await client.lookup(f, title, language)
    if info is None:
        return None
    lang = TMDB_LANGUAGES.get(language, "zh-CN")
    details = await client._get(f, f"/tv/{info.id}", {"language": lang})
    if details is None:
        return None
    counts: dict[int, int] = {}
    for s in details.get("seasons") or []:
        if isinstance(s, dict) and isinstance(s.get("season_number"), int) and s["season_number"] > 0:
            count = s.get("episode_count")
            if isinstance(count, int) and count > 0:
                counts[s["season_number"]] = count
    virtual: dict[int, list[int]] = {}
    for season, count in counts.items():
        if count <= LONG_SEASON:
            continue  # one cour: no break to find
        data = await client._get(f, f"/tv/{info.id}/season/{season}", {"language": lang})
        episodes = [
            (e["episode_number"], _date(e.get("air_date")))
            for e in (data or {}).get("episodes") or []
            if isinstance(e, dict) and isinstance(e.get("episode_number"), int)
        ]
        starts = virtual_starts(episodes)
        if starts:
            virtual[season] = starts
    return SeriesShape(title=info.title, status=info.status, counts=counts, virtual=virtual)
