"""Rows for the reliability suites: rules straight into SQLite (as many as wanted, quickly)."""

from __future__ import annotations

import sqlite3
from pathlib import Path


def seed_rules(db: Path, n: int, rss_link: str = "", title: str = "Test Show {i}") -> None:
    con = sqlite3.connect(db, timeout=30)
    fixed = (0, 0, 0, "720,\\d+-\\d+", rss_link, "", 1, 0, 0, 0, 0, 0)
    names = ("第一季", "LoliHouse", "1080p", "WebRip", "简繁内封字幕")
    rows = [(f"测试番剧 {i}", "2024", title.format(i=i), 1, *names, *fixed) for i in range(n)]
    con.executemany(
        "INSERT INTO bangumi (official_title, year, title_raw, season, season_raw, group_name, dpi, source,"
        " subtitle, eps_collect, episode_offset, season_offset, filter, rss_link, poster_link, added,"
        " deleted, archived, weekday_locked, needs_review, air_weekday)"
        " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        rows,
    )
    con.commit()
    con.close()
