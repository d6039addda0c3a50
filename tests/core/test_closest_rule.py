"""The closest rule to a title no rule matches, and why it missed, with real release titles
from the corpus (tests/data/titles.jsonl)."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from autobangumi_daemon.core.closest_rule import MIN_SHARE, ClosestIndex, MissWhy
from autobangumi_daemon.core.matching import TitleIndex
from autobangumi_daemon.core.title_parser import normalize_for_match, parse_title

CORPUS_FILE = Path(__file__).parents[1] / "data" / "titles.jsonl"
CORPUS = {row["id"]: row["title"] for row in map(json.loads, CORPUS_FILE.read_text().splitlines())}
KOMI_S2 = CORPUS["ab-03"]  # 【幻樱字幕组】【4月新番】【古见同学有交流障碍症 第二季 ... S02】【22】...
SHIKANOKO = CORPUS["ab-01"]  # [喵萌奶茶屋&LoliHouse] 鹿乃子乃子乃子虎视眈眈 / Shikanoko ... - 01
MONOGATARI = CORPUS["uv-799"]  # [ANi] Bakemonogatari / 物语系列 第外季＆第怪季 - 01 ...
SLIME_S2 = CORPUS["ab-13"]  # [LoliHouse] 关于我转生变成史莱姆这档事 第二季 / Tensei shitara ... - 01


class Rule:
    def __init__(self, title: str, season: int = 1, offset: int = 0) -> None:
        self.title, self.season, self.offset = title, season, offset

    def __repr__(self) -> str:
        return f"Rule({self.title!r})"


def seasons(r: Rule) -> tuple[int, int]:
    return (r.season, r.season + r.offset)


def index_of(*rules: Rule) -> ClosestIndex[Rule]:
    idx: ClosestIndex[Rule] = ClosestIndex()
    for r in rules:
        idx.add(r.title, r)
    return idx


def stated(name: str) -> int | None:
    p = parse_title(name)
    return p.season if p is not None and p.season_raw else None


def test_title_in_the_name_but_another_season() -> None:
    komi = Rule("古见同学有交流障碍症", season=1)
    miss = index_of(komi, Rule("葬送的芙莉莲")).closest(KOMI_S2, stated(KOMI_S2), seasons)
    assert miss is not None and miss.value is komi
    assert (miss.why, miss.stated_season, miss.rule_season, miss.share) == (MissWhy.SEASON, 2, 1, 1.0)
    # What the pipeline's matching says of the same pair: the title is there, the season is not.
    titles: TitleIndex[Rule] = TitleIndex()
    titles.add(komi.title, komi)
    assert titles.longest(KOMI_S2) is not None


def test_a_season_offset_is_a_season_the_rule_answers_to() -> None:
    # A rule for season 1 with offset 1 takes "第二季" releases: its title is no miss for season.
    komi = Rule("古见同学有交流障碍症", season=1, offset=1)
    miss = index_of(komi).closest(KOMI_S2, stated(KOMI_S2), seasons)
    assert miss is not None and miss.why == MissWhy.TITLE


def test_latin_title_inside_a_longer_word() -> None:
    bake = Rule("Bakemono")
    miss = index_of(bake).closest(MONOGATARI, stated(MONOGATARI), seasons)
    assert miss is not None and miss.value is bake and miss.why == MissWhy.WORD_EDGE
    titles: TitleIndex[Rule] = TitleIndex()
    titles.add(bake.title, bake)
    assert titles.longest(MONOGATARI) is None  # the reason matching refused it


def test_title_written_another_way() -> None:
    # One "乃子" fewer than the release: not in the name, most of its pairs are.
    short = Rule("鹿乃子乃子虎视眈眈")
    miss = index_of(short, Rule("葬送的芙莉莲")).closest(SHIKANOKO)
    assert miss is not None and miss.value is short and miss.why == MissWhy.TITLE
    # Every pair of it is in the name, just not in one run: still a title miss.
    assert miss.title == "鹿乃子乃子虎视眈眈" and miss.share == 1.0


def test_a_typo_in_the_rule_title() -> None:
    typo = Rule("鹿乃子乃子乃子虎视耽耽")  # 耽 for 眈
    miss = index_of(typo).closest(SHIKANOKO)
    assert miss is not None and miss.value is typo and miss.why == MissWhy.TITLE
    assert 0.5 <= miss.share < 1


def test_a_sequel_title_is_close_to_the_first_season() -> None:
    # A rule made for the third season, written with its season in the title.
    third = Rule("关于我转生变成史莱姆这档事 第三季", season=3)
    miss = index_of(third, Rule("鹿乃子乃子乃子虎视眈眈")).closest(SLIME_S2, stated(SLIME_S2), seasons)
    assert miss is not None and miss.value is third and miss.why == MissWhy.TITLE


def test_traditional_and_full_width_spellings_fold_as_matching_folds() -> None:
    # 鹿乃子乃子乃子虎視眈眈 in Traditional Chinese: folded, it is in the name; only the season
    # stated keeps it out (the rule is season 2 here).
    trad = Rule("鹿乃子乃子乃子虎視眈眈", season=2)
    miss = index_of(trad).closest(SHIKANOKO, 1, seasons)
    assert miss is not None and miss.why == MissWhy.SEASON
    assert (miss.stated_season, miss.rule_season) == (1, 2)


def test_nothing_close() -> None:
    idx = index_of(Rule("葬送的芙莉莲"), Rule("Sousou no Frieren"), Rule("Apocalypse Hotel"))
    for name in (SHIKANOKO, KOMI_S2, SLIME_S2):
        assert idx.closest(name, stated(name), seasons) is None
    assert index_of().closest(SHIKANOKO) is None


def test_the_closest_of_several_is_the_one_most_of_whose_title_is_there() -> None:
    near = Rule("鹿乃子乃子乃子虎视")  # wholly in the name
    far = Rule("鹿乃子的日常生活")
    idx = index_of(far, near)
    miss = idx.closest(SHIKANOKO, 2, seasons)  # stated season 2, both rules season 1
    assert miss is not None and miss.value is near and miss.why == MissWhy.SEASON


def test_aliases_count_as_titles_of_the_same_rule() -> None:
    r = Rule("鹿乃子的日常")
    idx = index_of(r)
    idx.add_many(["Shikanoko Nokonoko Koshitan"], r)
    miss = idx.closest(SHIKANOKO)
    assert miss is not None and miss.value is r and miss.title == "Shikanoko Nokonoko Koshitan"
    assert miss.why == MissWhy.WORD_EDGE  # "koshitan" stops inside "koshitantan"


def _scan(titles: list[str], name: str) -> tuple[float, int] | None:
    """The closest title by looking at every one: (share, index), for comparison."""
    text = normalize_for_match(name)
    have = {text[i : i + 2] for i in range(len(text) - 1)}
    best: tuple[float, int, int] | None = None
    for n, t in enumerate(titles):
        key = normalize_for_match(t)
        pairs = {key[i : i + 2] for i in range(len(key) - 1)} if len(key) > 1 else {key}
        shared = len(pairs & have)
        if shared < max(math.ceil(len(pairs) * MIN_SHARE), min(len(pairs), 2)):
            continue
        rank = (shared / len(pairs), len(key), -n)
        if best is None or rank > best:
            best = rank
    return None if best is None else (best[0], -best[2])


def test_the_table_finds_what_a_scan_of_every_title_finds() -> None:
    # 600 rule titles from the corpus, each cut or changed a little (so few match outright),
    # against 600 real release names: the pair table answers as a full scan would.
    rows = [json.loads(line) for line in CORPUS_FILE.read_text().splitlines()]
    shows = [r["expect"].get("title_zh") or r["expect"].get("title_en") for r in rows]
    titles = [t[: max(2, len(t) * 3 // 4)] + "版" for t in shows if t][:600]
    idx: ClosestIndex[int] = ClosestIndex()
    for n, t in enumerate(titles):
        idx.add(t, n)
    found = 0
    for r in rows[:600]:
        miss = idx.closest(r["title"])
        expected = _scan(titles, r["title"])
        assert (None if miss is None else (miss.share, miss.value)) == expected, r["title"]
        found += miss is not None
    assert found > 100  # the comparison is not of empty answers


@pytest.mark.parametrize("key", ["ab-01", "ab-03", "ab-13", "uv-799"])
def test_the_exact_title_of_a_rule_for_the_stated_season_is_no_title_miss(key: str) -> None:
    # Every corpus title read by the parser, given a rule with its own parsed title and season:
    # nothing is a `season` miss, and the share is whole.
    name = CORPUS[key]
    p = parse_title(name)
    assert p is not None and p.title
    r = Rule(p.title, season=p.season)
    miss = index_of(r).closest(name, stated(name), seasons)
    assert miss is not None and miss.share == 1.0 and miss.why != MissWhy.SEASON
