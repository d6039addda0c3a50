"""The preference ladder (core/preference.py) on real release names from the corpus
(tests/data/titles.jsonl): codec and bit depth read from names, subtitle language and form,
each criterion's list, the ladder's order, a rule's ladder over the default one."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from autobangumi_daemon.core.preference import (
    DEFAULT_ORDER,
    Preference,
    Release,
    best_first_key,
    bit_depth,
    codec,
    decide,
    parse_order,
    parse_subtitle_term,
    rank,
    subtitle_form,
    subtitle_language,
    wait_until,
)
from autobangumi_daemon.core.title_parser import parse_title

CORPUS = [json.loads(line) for line in (Path(__file__).parents[1] / "data" / "titles.jsonl").open()]
BY_ID = {row["id"]: row for row in CORPUS}


def _rel(row_id: str) -> Release:
    name = BY_ID[row_id]["title"]
    p = parse_title(name)
    assert p is not None
    return Release.from_parsed(p, name)


def _best(pref: Preference, *ids: str) -> str:
    """The id the ladder keeps among releases arriving together (in the given feed order)."""
    ranked = sorted(enumerate(ids), key=lambda x: best_first_key(_rel(x[1]), pref, x[0]))
    return ranked[0][1]


# -- codec and bit depth read from the name --------------------------------------------------------


def test_codec_from_the_name_agrees_with_every_labelled_title() -> None:
    labelled = [row for row in CORPUS if row["expect"].get("video")]
    assert len(labelled) > 700
    wrong = [row["id"] for row in labelled if codec(row["title"]) != row["expect"]["video"].lower()]
    assert wrong == []


@pytest.mark.parametrize(
    ("row_id", "want"),
    [
        ("ab-01", "hevc"),  # HEVC-10bit
        ("ab-19", "hevc"),  # HEVC10-bit, no separator
        ("ab-24", "avc"),  # AAC AVC
        ("mk25-103", "avc"),  # H264 8bit
        ("ptt-010", "hevc"),  # x265-HTG
        ("ptt-008", "avc"),  # x264-SPARKS
        ("mk25-017", ""),  # says nothing about its codec
    ],
)
def test_codec_spellings(row_id: str, want: str) -> None:
    assert codec(BY_ID[row_id]["title"]) == want


@pytest.mark.parametrize(
    ("row_id", "want"),
    [
        ("ab-01", "10bit"),
        ("ab-19", "10bit"),  # HEVC10-bit
        ("mk25-073", "8bit"),  # AVC 8bit
        ("ab-tp2", "8bit"),  # AVC-8bit
        ("gi-ep-205", "8bit"),  # 8bits
        ("ptt-135", ""),  # "8 Bit Christmas" is a film's title, not a bit depth
        ("ab-24", ""),
    ],
)
def test_bit_depth(row_id: str, want: str) -> None:
    assert bit_depth(BY_ID[row_id]["title"]) == want


def test_bit_depth_profiles() -> None:
    assert bit_depth("[Group] Show - 01 [Ma10p_1080p]") == "10bit"
    assert codec("[Group] Show - 01 [Ma10p_1080p]") == "hevc"
    assert bit_depth("[Group] Show - 01 [Hi10p 720p]") == "10bit"
    assert codec("[Group] Show - 01 [Hi10p 720p]") == "avc"


# -- subtitles: language and form ------------------------------------------------------------------


def test_language_of_every_parsed_subtitle_is_a_canonical_join() -> None:
    for row in CORPUS:
        sub = row["expect"].get("sub")
        if sub:
            lang = subtitle_language(sub)
            assert lang == "+".join(p.lower() for p in sub.split("+")), row["id"]


@pytest.mark.parametrize(
    ("raw", "lang", "form"),
    [
        ("简繁内封字幕", "chs+cht", "softsub"),
        ("简日内嵌", "chs+jpn", "hardsub"),
        ("繁体内嵌", "cht", "hardsub"),
        ("简繁外挂", "chs+cht", "external"),
        ("繁日内嵌", "cht+jpn", "hardsub"),
        ("简体", "chs", ""),
        ("GB", "chs", ""),
        ("BIG5", "cht", ""),
    ],
)
def test_language_and_form_from_the_words_as_written(raw: str, lang: str, form: str) -> None:
    assert subtitle_language(None, raw) == lang
    assert subtitle_form(raw) == form


def test_form_from_a_tag_of_the_name_but_not_from_its_title() -> None:
    # The parser gives only "CHS" here; the name's [简体内嵌] tag tells the form.
    assert _rel("mk25-023").form == "hardsub"
    # 外挂 is in the show's title ("开外挂的前勇者"), not a subtitle tag.
    assert _rel("ab-24").form == ""
    assert _rel("mk25-018").form == "external"
    assert _rel("ab-01").form == "softsub"


def test_subtitle_terms() -> None:
    t = parse_subtitle_term("简体内嵌")
    assert (t.langs, t.form) == (frozenset({"chs"}), "hardsub")
    t = parse_subtitle_term("简繁内封")
    assert (t.langs, t.form) == (frozenset({"chs", "cht"}), "softsub")
    t = parse_subtitle_term("CHS+CHT")
    assert (t.langs, t.form) == (frozenset({"chs", "cht"}), "")
    t = parse_subtitle_term("内封")
    assert (t.langs, t.form) == (frozenset(), "softsub")
    # A term naming neither a language nor a form is matched as written.
    assert parse_subtitle_term("双语").accepts("", "", "双语字幕")
    assert not parse_subtitle_term("双语").accepts("chs", "", "简体")


# -- the ladder ------------------------------------------------------------------------------------

# One episode (28) in three variants from one group: 简体内嵌 720p, 简繁外挂 1080p, 繁体内嵌 720p.
SNOW = ("mk25-019", "mk25-018", "mk25-017")


def test_subtitle_language_and_form_ladder() -> None:
    pref = Preference.from_rule(None, None, "简体内嵌,简繁内封,繁体")
    assert _best(pref, *SNOW) == "mk25-017"
    assert rank(_rel("mk25-017"), pref)[0] == 0
    # 简繁外挂 is not 简繁内封 (another form) but it carries Traditional: the third step.
    assert rank(_rel("mk25-018"), pref)[0] == 2
    assert rank(_rel("mk25-019"), pref)[0] == 2
    # Without the Simplified hardsub, the tie on the subtitle goes to the next criterion.
    with_res = Preference.from_rule(None, "1080p", "简体内嵌,简繁内封,繁体")
    assert _best(with_res, "mk25-019", "mk25-018") == "mk25-018"
    assert _best(Preference.from_rule(None, None, "外挂"), *SNOW) == "mk25-018"


def test_the_order_of_the_ladder_decides() -> None:
    subs_first = Preference.from_rule(None, "1080p", "简体内嵌")
    assert _best(subs_first, *SNOW) == "mk25-017"
    res_first = Preference.from_rule(None, "1080p", "简体内嵌", order="resolution,subtitle")
    assert _best(res_first, *SNOW) == "mk25-018"


def test_codec_and_source_ladder() -> None:
    # One group, one episode: AVC from CR and HEVC from B-Global.
    avc_cr, hevc_bg = "mk25-008", "mk25-009"
    pref = Preference.from_rule(None, None, None, "HEVC", "CR")
    assert _best(pref, avc_cr, hevc_bg) == hevc_bg  # codec ranks before source by default
    pref = Preference.from_rule(None, None, None, "x265", "CR", order="source")
    assert _best(pref, avc_cr, hevc_bg) == avc_cr
    assert _best(Preference.from_rule(None, None, None, "x264,h265"), hevc_bg, avc_cr) == avc_cr
    assert _best(Preference.from_rule(None, None, None, None, "B-Global,CR"), avc_cr, hevc_bg) == hevc_bg
    # A platform ranks as a source: ANi's Baha release over the group's CR one.
    assert _best(Preference.from_rule(None, None, None, None, "baha"), "mk25-030", "mk25-036") == "mk25-036"


def test_bit_depth_ladder_and_a_better_variant_replaces_the_kept_one() -> None:
    # One group, one episode: HEVC 10bit CHS+CHT+JPN, AVC 8bit 繁日, AVC 8bit 简日.
    ten, cht8, chs8 = _rel("mk25-074"), _rel("mk25-103"), _rel("mk25-104")
    pref = Preference.from_rule(None, None, None, "8bit")
    assert pref.bitdepths == ("8bit",) and pref.codecs == ()
    assert decide(cht8, ten, pref) == "replace"
    assert decide(ten, cht8, pref) == "skip"
    # Same group and resolution but another codec: not the kept release's lineage, so a
    # preferred codec replaces it even at the same version.
    pref = Preference.from_rule(None, None, None, "HEVC,10bit")
    assert pref.codecs == ("hevc",) and pref.bitdepths == ("10bit",)
    assert not ten.same_lineage(chs8)
    assert decide(ten, chs8, pref) == "replace"
    assert decide(chs8, ten, pref) == "skip"
    pref = Preference.from_rule(None, None, "简日内嵌", "8bit")
    assert _best(pref, "mk25-074", "mk25-103", "mk25-104") == "mk25-104"


def _named(name: str) -> Release:
    p = parse_title(name)
    assert p is not None
    return Release.from_parsed(p, name)


def test_version_is_a_criterion_and_a_v2_of_the_kept_release_replaces_it() -> None:
    v1 = _named("[LoliHouse] Show - 05 [WebRip 1080p HEVC-10bit AAC][简繁内封字幕]")
    v2 = _named("[LoliHouse] Show - 05v2 [WebRip 1080p HEVC-10bit AAC][简繁内封字幕]")
    assert v2.version == 2 and v1.same_lineage(v2)
    none = Preference()
    assert decide(v2, v1, none) == "replace"
    assert decide(v1, v2, none) == "skip"
    assert rank(v2, none) < rank(v1, none)


def test_parse_order() -> None:
    assert parse_order(None) == DEFAULT_ORDER
    assert parse_order("group, Resolution") == (
        "group",
        "resolution",
        "subtitle",
        "codec",
        "bitdepth",
        "source",
        "version",
    )
    assert parse_order(["version"])[0] == "version"
    with pytest.raises(ValueError, match="unknown criterion"):
        parse_order("group,language")
    with pytest.raises(ValueError, match="twice"):
        parse_order("group,group")


def test_a_rules_ladder_falls_back_to_the_default_one_field_by_field() -> None:
    default = Preference.from_rule(
        ["LoliHouse"], ["1080p"], ["简繁内封"], ["HEVC", "10bit"], ["WebRip"], ["group"]
    )
    rule = Preference.from_rule(None, "2160p", None)
    merged = rule.over(default)
    assert merged.groups == ("lolihouse",)
    assert merged.resolutions == ("2160p",)
    assert merged.subtitles == ("简繁内封",)
    assert (merged.codecs, merged.bitdepths, merged.sources) == (("hevc",), ("10bit",), ("webrip",))
    assert merged.order[0] == "group"
    own_order = Preference.from_rule(None, None, None, order="source").over(default)
    assert own_order.order[0] == "source"


# -- the wait (a delay profile), on a fixed clock --------------------------------------------------

T0 = dt.datetime(2026, 1, 9, 12, 0, tzinfo=dt.UTC)


def test_no_wait_chooses_at_once() -> None:
    assert wait_until(T0, 0, None) is None
    assert wait_until(T0, -5, T0) is None


def test_the_first_release_starts_the_wait_and_later_ones_share_its_end() -> None:
    end = T0 + dt.timedelta(minutes=30)
    assert wait_until(T0, 30, None) == end  # the first release: the wait begins now
    assert wait_until(T0 + dt.timedelta(minutes=10), 30, T0) == end  # a later one: same end
    assert wait_until(end - dt.timedelta(seconds=1), 30, T0) == end


def test_the_wait_is_over_at_its_end() -> None:
    assert wait_until(T0 + dt.timedelta(minutes=30), 30, T0) is None
    assert wait_until(T0 + dt.timedelta(days=3), 30, T0) is None
