"""Property tests: the parser never raises, and its spans always index the input."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from autobangumi_daemon.core.title_parser import explain, normalize_for_match
from autobangumi_daemon.core.title_parser.parser import parse_with_spans

# Pieces real titles are built from, so the fuzzer reaches deep paths, mixed with arbitrary text.
PIECES = st.sampled_from(
    [
        "[",
        "]",
        "【",
        "】",
        "(",
        ")",
        "（",
        "）",
        " - ",
        "-",
        "/",
        "／",
        "|",
        "_",
        ".",
        " ",
        "  ",
        "★",
        "04月新番",
        "第",
        "季",
        "话",
        "集",
        "第二季",
        "S02",
        "E05",
        "S01E05",
        "Season 2",
        "2nd Season",
        "01",
        "12.5",
        "v2",
        "01-12",
        "~",
        "1080p",
        "1920x1080",
        "4K",
        "WEB-DL",
        "WebRip",
        "Baha",
        "CR",
        "简繁内封字幕",
        "CHT",
        "GB",
        "BIG5",
        "HEVC-10bit",
        "AAC",
        "x264",
        "合集",
        "END",
        "Fin",
        "OVA",
        "SP",
        "剧场版",
        "Movie",
        "葬送的芙莉莲",
        "Sousou no Frieren",
        "葬送のフリーレン",
        "ANi",
        "\n",
        "1A2B3C4D",
        ".mkv",
        "2023",
        "Ｓ０２",
        "１０８０ｐ",
        "外",
        "十二",
        "III",
        "!",
        "！",
        "「",
        "」",
    ]
)
TITLES = st.one_of(
    st.text(max_size=200),
    st.lists(st.one_of(PIECES, st.text(max_size=6)), max_size=30).map("".join),
)


@settings(max_examples=300, deadline=None)
@given(TITLES)
def test_parse_never_raises_and_spans_index_input(text: str) -> None:
    result, spans = parse_with_spans(text)
    for span in spans:
        assert 0 <= span.start <= span.end <= len(text)
        assert text[span.start : span.end] == span.text
    if result is not None:
        assert result.title is not None
        assert isinstance(result.season, int)
        result.to_dict()


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=80))
def test_normalize_and_explain_never_raise(text: str) -> None:
    assert isinstance(normalize_for_match(text), str)
    assert isinstance(explain(text), list)
