"""Unit tests for the title parser: fields, normalisation, explain."""

from __future__ import annotations

import dataclasses

import pytest

from autobangumi_daemon.core.title_parser import (
    ParsedTitle,
    explain,
    normalize_for_match,
    parse_title,
)
from autobangumi_daemon.core.title_parser.numbers import chinese_to_int


def p(title: str) -> ParsedTitle:
    parsed = parse_title(title)
    assert parsed is not None, title
    return parsed


def test_result_is_frozen_with_slots() -> None:
    parsed = p("[SubsPlease] Dandadan - 05 (1080p) [1A2B3C4D].mkv")
    with pytest.raises(dataclasses.FrozenInstanceError):
        parsed.group = "x"  # type: ignore[misc]
    assert not hasattr(parsed, "__dict__")


@pytest.mark.parametrize("text", ["", "   ", "[1080p][WEB-DL]", "- 01 -", "\n\t"])
def test_none_only_without_a_title(text: str) -> None:
    assert parse_title(text) is None


def test_non_string_input() -> None:
    assert parse_title(None) is None
    assert parse_title(12) is None


def test_bracket_title_without_group() -> None:
    parsed = p("[Sousou no Frieren][05][1080p]")
    assert (parsed.group, parsed.title_en, parsed.episode) == (None, "Sousou no Frieren", 5)


@pytest.mark.parametrize(
    ("text", "season", "raw"),
    [
        ("[X] 物语系列 第外季 - 01", 1, "第外季"),
        ("[X] 进击的巨人 第十一季 - 01", 11, "第十一季"),
        ("[X] Shingeki no Kyojin Season 2 - 01", 2, "Season 2"),
        ("[X] Overlord IV - 01", 4, "IV"),
    ],
)
def test_seasons(text: str, season: int, raw: str) -> None:
    parsed = p(text)
    assert (parsed.season, parsed.season_raw) == (season, raw)


@pytest.mark.parametrize(
    ("token", "res"),
    [("1920x1080", "1080p"), ("1280X720", "720p"), ("4K", "2160p"), ("FHD", "1080p"), ("2160p", "2160p")],
)
def test_resolutions(token: str, res: str) -> None:
    assert p(f"[X] Title - 01 [{token}]").resolution == res


def test_range_and_total_batches() -> None:
    assert p("[X] 某科学的超电磁炮 第01-12话 [1080p]").episode == (1, 12)
    parsed = p("[X] 某科学的超电磁炮 全24话 [1080p][合集]")
    assert parsed.batch and parsed.episode is None


def test_to_dict_lists_ranges() -> None:
    assert p("[X] Title [01-12][1080p]").to_dict()["episode"] == [1, 12]


def test_chinese_numerals() -> None:
    assert [chinese_to_int(x) for x in ("一", "十", "十二", "二十", "二十四", "一百零五")] == [
        1,
        10,
        12,
        20,
        24,
        105,
    ]
    assert chinese_to_int("外") is None


def test_normalize_for_match_folds_scripts_width_case_and_punctuation() -> None:
    assert normalize_for_match("鬼滅之刃") == normalize_for_match("鬼灭之刃") == "鬼灭之刃"
    assert normalize_for_match("Sousou  no FRIEREN!") == "sousou no frieren"
    assert normalize_for_match("葬送的芙莉蓮：") == "葬送的芙莉莲"
    assert normalize_for_match("Ｓｏｕｓｏｕ ｎｏ Ｆｒｉｅｒｅｎ") == "sousou no frieren"


def test_explain_spans_index_the_original() -> None:
    title = "[ANi] 葬送的芙莉蓮 - 05 [1080P][Baha][WEB-DL][AAC AVC][CHT][MP4]"
    spans = explain(title)
    by_field = {s["field"]: s for s in spans}
    for span in spans:
        assert title[span["start"] : span["end"]] == span["text"]
    assert by_field["group"]["text"] == "ANi"
    assert by_field["title_zh"]["text"] == "葬送的芙莉蓮"
    assert by_field["episode"]["text"].strip() == "- 05"
    assert by_field["resolution"]["text"] == "1080P"
    assert by_field["platform"]["text"] == "Baha"
    assert [s["start"] for s in spans] == sorted(s["start"] for s in spans)


def test_explain_full_width_offsets() -> None:
    title = "【喵萌奶茶屋】★０７月新番★［夏日重现／Summer Time Rendering］［０５］［１０８０ｐ］"
    spans = {s["field"]: s for s in explain(title)}
    assert spans["title_en"]["text"] == "Summer Time Rendering"
    assert spans["resolution"]["text"] == "１０８０ｐ"


def test_explain_never_raises() -> None:
    assert explain("") == []
    assert explain(None) == []  # type: ignore[arg-type]


def test_season_zero_is_specials_not_season_one() -> None:
    from autobangumi_daemon.core.title_parser import parse_title

    p = parse_title("[Group] Show S00E05 [1080p]")
    assert p is not None and p.season == 0 and p.episode == 5 and p.episode_type == "special"
