"""Rename planning, without a downloader: names, seasons, offsets, subtitles, versions, conflicts."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Mapping

import pytest

from autobangumi_daemon.core.rename_plan import (
    Claim,
    FileIn,
    PlannedFile,
    PlanOptions,
    RuleInfo,
    TorrentIn,
    TorrentPlan,
    disk_path,
    episode_code,
    infer_folder,
    join_key,
    plan_torrent,
    shift_episode,
    subtitle_language,
)

ROOT = "/downloads/Bangumi"
SAVE = f"{ROOT}/我心里危险的东西 (2023)/Season 1"
RULE = RuleInfo(id=1, official_title="我心里危险的东西", year="2023", season=1)
H = "a" * 40


def plan(
    files: Iterable[str | FileIn],
    *,
    name: str | None = None,
    save: str = SAVE,
    rule: RuleInfo | None = RULE,
    method: str = "pn",
    cross: bool = True,
    claims: Mapping[str, Claim] | None = None,
    exists: Callable[[str], bool] | None = None,
    torrent_hash: str = H,
) -> TorrentPlan:
    fs = tuple(f if isinstance(f, FileIn) else FileIn(f) for f in files)
    if name is None:
        name = fs[0].source.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    t = TorrentIn(torrent_hash, name, save, fs)
    return plan_torrent(t, rule, PlanOptions(method, ROOT, cross), claims, exists)


def by_old(p: TorrentPlan) -> dict[str, PlannedFile]:
    return {i.old_path: i for i in p.items}


def renames(p: TorrentPlan) -> dict[str, str]:
    return {i.old_path: i.new_path for i in p.items if i.status == "rename"}


def applied(p: TorrentPlan, t_files: Iterable[str | FileIn]) -> list[FileIn]:
    """The torrent's files after the plan ran (the journal remembers the original names)."""
    out = []
    items = by_old(p)
    for f in t_files:
        fi = f if isinstance(f, FileIn) else FileIn(f)
        item = items.get(fi.path)
        if item is not None and item.status == "rename":
            out.append(FileIn(item.new_path, fi.source))
        else:
            out.append(fi)
    return out


def assert_idempotent(files: list[str], **kw: object) -> TorrentPlan:
    """Running the plan and planning again renames nothing more (no loops, no double offsets)."""
    first = plan(files, **kw)  # type: ignore[arg-type]
    after = applied(first, files)
    kw2 = dict(kw)
    kw2["save"] = first.target_save_path
    kw2.setdefault("name", files[0].rsplit("/", 1)[-1].rsplit(".", 1)[0])
    second = plan(after, **kw2)  # type: ignore[arg-type]
    assert second.renames() == [], second.renames()
    assert second.new_save_path is None
    return first


# --------------------------------------------------------------------------------------------
# helpers


@pytest.mark.parametrize(
    ("season", "episode", "code"),
    [(1, 5, "S01E05"), (1, 12.5, "S01E12.5"), (2, 5.5, "S02E05.5"), (0, 1, "S00E01"), (1, 100, "S01E100"),
     (12, 1082, "S12E1082"), (1, 7.0, "S01E07"), (1, 0, "S01E00")],
)  # fmt: skip
def test_episode_code(season: int, episode: int | float, code: str) -> None:
    assert episode_code(season, episode) == code


@pytest.mark.parametrize(
    ("episode", "offset", "result"),
    [(5, 0, 5), (5, 12, 17), (25, -24, 1), (0, 12, 0), (0, -1, 0), (3, -3, 3), (3, -5, 3), (12.5, -12, 0.5),
     (12.5, 1, 13.5)],
)  # fmt: skip
def test_shift_episode_never_moves_zero_nor_goes_below_one(
    episode: int | float, offset: int, result: int | float
) -> None:
    assert shift_episode(episode, offset) == result


@pytest.mark.parametrize(
    ("save", "title", "season", "is_season_dir"),
    [
        (SAVE, "我心里危险的东西 (2023)", 1, True),
        (f"{ROOT}/Show/Season 12", "Show", 12, True),
        (f"{ROOT}/Show/S2", "Show", 2, True),
        (f"{ROOT}/Show/第二季", "Show", 2, True),
        (f"{ROOT}/Show", "Show", None, False),
        (f"{ROOT}/", None, None, False),
        ("/elsewhere/Show/Season 1", None, 1, True),
        ("D:\\Downloads\\Bangumi\\Show\\Season 3", None, 3, True),
    ],
)
def test_infer_folder(save: str, title: str | None, season: int | None, is_season_dir: bool) -> None:
    assert infer_folder(save, ROOT) == (title, season, is_season_dir)


def test_infer_folder_windows_root() -> None:
    assert infer_folder("D:\\Downloads\\Bangumi\\Show\\Season 3", "D:\\Downloads\\Bangumi") == (
        "Show",
        3,
        True,
    )


def test_join_key_normalises_and_folds_case() -> None:
    assert join_key("/a/b/", "C/./d.MKV") == "/a/b/c/d.mkv"
    assert join_key("D:\\x\\Season 1", "A.mkv") == "d:/x/season 1/a.mkv"


@pytest.mark.parametrize(
    ("name", "lang"),
    [
        ("[G] Show - 05 [1080p].chs.ass", "zh"),
        ("[G] Show - 05 [1080p].sc.ass", "zh"),
        ("[G] Show - 05 [1080p].zh-CN.srt", "zh"),
        ("[G] Show - 05 [1080p].zh-Hans.ass", "zh"),
        ("[G] Show - 05 [1080p].简体.ass", "zh"),
        ("[G] Show - 05 [1080p].cht.ass", "zh-tw"),
        ("[G] Show - 05 [1080p].TC.ass", "zh-tw"),
        ("[G] Show - 05 [1080p].zh-tw.ass", "zh-tw"),
        ("[G] Show - 05 [1080p].big5.ass", "zh-tw"),
        ("[G] Show - 05 [1080p].繁體.ass", "zh-tw"),
        ("[G] Show - 05 [1080p].jpn.ass", "ja"),
        ("[G] Show - 05 [1080p].ja.srt", "ja"),
        ("[G] Show - 05 [1080p].eng.srt", "en"),
        ("[G] Show - 05 [1080p].en.srt", "en"),
        ("[G] Show - 05 [1080p].chs&jpn.ass", "chs&jpn"),
        ("[G] Show - 05 [1080p].jpn&chs.ass", "chs&jpn"),
        ("[G] Show - 05 [1080p].cht_jp.ass", "cht&jpn"),
        ("[G] Show - 05 [1080p].JPSC.ass", "chs&jpn"),
        ("[G] Show - 05 [1080p].JPTC.ass", "cht&jpn"),
        ("[G] Show - 05 [1080p].简日双语.ass", "chs&jpn"),
        ("[G] Show - 05 [1080p].简繁.ass", "chs&cht"),
        ("[G] Show - 05 [1080p][CHT].ass", "zh-tw"),
        ("[G] Show - 05 [1080p][简日双语].ass", "chs&jpn"),
        ("海盗战记 S01E01.zh-tw.ass", "zh-tw"),
        ("海盗战记 S01E01.SC.ass", "zh"),
        ("Dungeon Meshi S01E01.srt", None),
        ("[G] Watch Dogs - 05 [1080p].ass", None),  # "tc" inside a word is not a language
        ("[G] Show - 05 [1080p].default.ass", None),
    ],
)
def test_subtitle_language(name: str, lang: str | None) -> None:
    assert subtitle_language(name) == lang


def test_subtitle_language_reads_after_the_video_name() -> None:
    # The video's own [CHS] tag says nothing about this file; its suffix does.
    assert subtitle_language("[G] Show - 05 [CHS].cht.ass", "[G] Show - 05 [CHS]") == "zh-tw"


# --------------------------------------------------------------------------------------------
# AutoBangumi's naming (contract §6.4)

LILITH = "[Lilith-Raws] Boku no Kokoro no Yabai Yatsu - 01 [Baha][WEB-DL][1080p][AVC AAC][CHT][MP4].mp4"


def test_pn_names_from_the_release() -> None:
    p = plan([LILITH])
    assert renames(p) == {LILITH: "Boku no Kokoro no Yabai Yatsu S01E01.mp4"}
    assert not p.collection and p.new_save_path is None


def test_advance_names_from_the_folder() -> None:
    p = plan([LILITH], method="advance")
    assert renames(p) == {LILITH: "我心里危险的东西 (2023) S01E01.mp4"}


def test_advance_without_a_folder_below_the_root_uses_the_rule() -> None:
    p = plan([LILITH], method="advance", save="/elsewhere/x")
    assert renames(p) == {LILITH: "我心里危险的东西 (2023) S01E01.mp4"}


@pytest.mark.parametrize("method", ["none", "normal"])
def test_none_and_normal_leave_everything(method: str) -> None:
    p = plan([LILITH, "x.chs.ass"], method=method)
    assert p.renames() == []
    assert {i.status for i in p.items} == {"unchanged"}


def test_unknown_method_behaves_like_pn() -> None:
    assert renames(plan([LILITH], method="weird")) == renames(plan([LILITH]))


@pytest.mark.parametrize(
    ("name", "new"),
    [
        ("[Sakurato] Tonikaku Kawaii S2 [01][AVC-8bit 1080p AAC][CHS].mp4", "Tonikaku Kawaii S02E01.mp4"),
        ("[SBSUB][CONAN][1082][V2][1080P][AVC_AAC][CHS_JP](C1E4E331).mp4", "CONAN S01E1082.mp4"),
        ("[ANi] 關於我轉生變成史萊姆這檔事 第三季 - 48.5 [1080P][Baha][WEB-DL][AAC AVC][CHT].mp4",
         "關於我轉生變成史萊姆這檔事 S03E48.5.mp4"),
        ("[Ohys-Raws] Kamen Rider Gaim EP33 (TV-Asahi 1280x720 x264 AAC).mp4", "Kamen Rider Gaim S01E33.mp4"),
        ("Girls Band Cry S01E05 VOSTFR 1080p WEB x264 AAC -Tsundere-Raws (ADN).mkv",
         "Girls Band Cry S01E05.mkv"),
        ("[LoliHouse] Frieren - 05 [WebRip 1080p].MKV", "Frieren S01E05.mkv"),
    ],
)  # fmt: skip
def test_pn_examples_without_a_rule(name: str, new: str) -> None:
    p = plan([name], rule=None, save=f"{ROOT}/Show")
    assert renames(p) == {name: new}


def test_title_with_a_slash_is_one_file_name() -> None:
    # Contract §6.4 quirk: AutoBangumi would produce a name containing `/`.
    name = (
        "[喵萌奶茶屋&LoliHouse] 鹿乃子乃子乃子虎视眈眈 / Shikanoko Nokonoko Koshitantan - 01 [WebRip 1080p]"
    )
    p = plan([name + ".mkv"], name=name)
    assert renames(p) == {name + ".mkv": "Shikanoko Nokonoko Koshitantan S01E01.mkv"}


@pytest.mark.parametrize(
    "title",
    ["乱马 1/2", "Re:Zero", "..", "a/../../etc", 'Who? "Me" <x>|y*', "CON", "..hidden.", "x\\y"],
)
def test_titles_are_sanitised(title: str) -> None:
    rule = RuleInfo(1, title, None, 1)
    p = plan(["[G] Show - 03 [1080p].mkv"], method="advance", save="/elsewhere", rule=rule)
    item = p.items[0]
    if item.status == "rename":
        new = item.new_path
        assert "/" not in new and "\\" not in new and not new.startswith(".")
        assert not any(c in new for c in '<>:"|?*')
        assert new.endswith(" S01E03.mkv") and not new.startswith(".")
    else:
        assert item.status == "unparsed"


def test_reserved_names_never_escape() -> None:
    for title in ("..", ".", "/", "..."):
        rule = RuleInfo(1, title, None, 1)
        p = plan(["01.mkv"], method="advance", save="/elsewhere", rule=rule, name="01")
        for i in p.items:
            assert ".." not in i.new_path.split("/")
            assert not i.new_path.startswith("/")


# --------------------------------------------------------------------------------------------
# Seasons, specials, offsets


def test_zero_padding_and_half_episodes() -> None:
    files = ["[G] Show - 5 [1080p].mkv", "[G] Show - 12.5 [1080p].mkv", "[G] Show - 100 [1080p].mkv"]
    p = plan(files, name="[G] Show")
    assert sorted(renames(p).values()) == ["Show S01E05.mkv", "Show S01E100.mkv", "Show S01E12.5.mkv"]


@pytest.mark.parametrize(
    "name",
    ["[G] Show - SP01 [1080p].mkv", "[G] Show [OVA01][1080p].mkv", "[G] Show S00E01 [1080p].mkv"],
)
def test_specials_go_to_season_zero(name: str) -> None:
    p = plan([name])
    assert list(renames(p).values()) == ["Show S00E01.mkv"]


def test_specials_folder_inside_a_torrent() -> None:
    p = plan(["Pack/Specials/[G] Show - 01.mkv", "Pack/[G] Show - 01.mkv"], name="[G] Show")
    assert renames(p) == {
        "Pack/Specials/[G] Show - 01.mkv": "Show S00E01.mkv",
        "Pack/[G] Show - 01.mkv": "Show S01E01.mkv",
    }


def test_episode_offset_applies_except_to_zero_and_specials() -> None:
    rule = dataclasses.replace(RULE, episode_offset=-12)
    files = [
        "[G] Show - 00.mkv",
        "[G] Show - 13.mkv",
        "[G] Show - 05.mkv",
        "[G] Show - SP02.mkv",
        "[G] Show - 24.5.mkv",
    ]
    p = plan(files, rule=rule, name="[G] Show")
    assert renames(p) == {
        "[G] Show - 00.mkv": "Show S01E00.mkv",
        "[G] Show - 13.mkv": "Show S01E01.mkv",
        "[G] Show - 05.mkv": "Show S01E05.mkv",  # 5 - 12 ≤ 0: kept (never ≤ 0)
        "[G] Show - SP02.mkv": "Show S00E02.mkv",
        "[G] Show - 24.5.mkv": "Show S01E12.5.mkv",
    }


def test_positive_episode_offset() -> None:
    p = plan(["[G] Jujutsu Kaisen - 01.mkv"], rule=dataclasses.replace(RULE, episode_offset=24))
    assert list(renames(p).values()) == ["Jujutsu Kaisen S01E25.mkv"]


def test_season_comes_from_the_folder_which_holds_the_season_offset() -> None:
    # Rule season 2 (the release says S2), season offset +1: the folder is Season 3.
    rule = RuleInfo(1, "Show", None, season=2, season_offset=1)
    p = plan(["[G] Show S2 - 04.mkv"], rule=rule, save=f"{ROOT}/Show/Season 3")
    assert renames(p) == {"[G] Show S2 - 04.mkv": "Show S03E04.mkv"}
    assert p.new_save_path is None


def test_season_offset_never_below_one() -> None:
    rule = RuleInfo(1, "Show", None, season=1, season_offset=-3)
    p = plan(["[G] Show S2 - 04.mkv"], rule=rule, save=f"{ROOT}/Show")
    assert renames(p) == {"[G] Show S2 - 04.mkv": "Show S02E04.mkv"}


def test_without_folder_or_rule_the_stated_season_counts() -> None:
    p = plan(["[G] Show S2 - 04.mkv"], rule=None, save="/x")
    assert renames(p) == {"[G] Show S2 - 04.mkv": "Show S02E04.mkv"}


def test_no_stated_season_uses_the_rule_when_the_folder_says_nothing() -> None:
    rule = RuleInfo(1, "Show", None, season=2, season_offset=1)
    p = plan(["[G] Show - 04.mkv"], rule=rule, save="/x")
    assert renames(p) == {"[G] Show - 04.mkv": "Show S03E04.mkv"}


# --------------------------------------------------------------------------------------------
# Subtitles


def test_subtitles_follow_their_video_with_languages() -> None:
    v = "[G] Show - 05 [1080p]"
    files = [f"{v}.mkv", f"{v}.chs.ass", f"{v}.cht.ass", f"{v}.jpn.ass", f"{v}.eng.srt", f"{v}.chs&jpn.ass"]
    p = plan(files)
    assert renames(p) == {
        f"{v}.mkv": "Show S01E05.mkv",
        f"{v}.chs.ass": "Show S01E05.zh.ass",
        f"{v}.cht.ass": "Show S01E05.zh-tw.ass",
        f"{v}.jpn.ass": "Show S01E05.ja.ass",
        f"{v}.eng.srt": "Show S01E05.en.srt",
        f"{v}.chs&jpn.ass": "Show S01E05.chs&jpn.ass",
    }


def test_several_subtitles_of_one_language_are_kept_apart() -> None:
    v = "[G] Show - 05 [1080p]"
    files = [f"{v}.mkv", f"{v}.chs.ass", f"{v}.sc.ass", f"{v}.简体.ass", f"{v}.ass", f"{v}.default.ass"]
    p = plan(files)
    new = renames(p)
    assert len(set(new.values())) == len(files)
    assert sorted(v2 for v2 in new.values() if ".zh." in v2) == [
        "Show S01E05.2.zh.ass",
        "Show S01E05.3.zh.ass",
        "Show S01E05.zh.ass",
    ]
    assert sorted(v2 for v2 in new.values() if ".zh." not in v2 and v2.endswith(".ass")) == [
        "Show S01E05.2.ass",
        "Show S01E05.ass",
    ]
    assert_idempotent(files)


def test_subtitles_in_a_collection_follow_their_episodes() -> None:
    files = []
    for ep in (1, 2, 3):
        files += [f"[G] Show - {ep:02d} [1080p].mkv", f"[G] Show - {ep:02d} [1080p].sc.ass",
                  f"Subs/[G] Show - {ep:02d} [1080p].tc.ass"]  # fmt: skip
    p = plan(files, name="[G] Show [01-03]")
    new = renames(p)
    for ep in (1, 2, 3):
        assert new[f"[G] Show - {ep:02d} [1080p].sc.ass"] == f"Show S01E{ep:02d}.zh.ass"
        assert new[f"Subs/[G] Show - {ep:02d} [1080p].tc.ass"] == f"Show S01E{ep:02d}.zh-tw.ass"
    assert p.collection


def test_orphan_subtitle_of_a_single_video_adopts_it() -> None:
    p = plan(["[G] Show - 07 [1080p].mkv", "chs.ass"], name="[G] Show - 07 [1080p]")
    assert renames(p)["chs.ass"] == "Show S01E07.zh.ass"


def test_subtitle_of_a_video_already_in_library_form_sits_beside_it() -> None:
    p = plan(["Show S01E05.mkv", "Show S01E05.chs.ass", "Show S01E05.zh.ass"], name="Show")
    assert by_old(p)["Show S01E05.mkv"].status == "unchanged"
    assert by_old(p)["Show S01E05.zh.ass"].status == "unchanged"
    assert renames(p) == {"Show S01E05.chs.ass": "Show S01E05.2.zh.ass"}


# --------------------------------------------------------------------------------------------
# Collections and season packs


def test_collection_renames_every_episode() -> None:
    files = [f"[G] Show [{ep:02d}][1080p].mkv" for ep in range(1, 13)] + [
        "[G] Show [NCOP][1080p].mkv",
        "info.nfo",
    ]
    p = plan(files, name="[G] Show [01-12][1080p]")
    assert p.collection
    assert sorted(renames(p).values()) == [f"Show S01E{ep:02d}.mkv" for ep in range(1, 13)]
    assert by_old(p)["[G] Show [NCOP][1080p].mkv"].status == "unchanged"
    assert "info.nfo" not in by_old(p)
    assert_idempotent(files, name="[G] Show [01-12][1080p]")


def test_subtitles_of_extras_are_extras() -> None:
    files = ["[G] Show [01][1080p].mkv", "[G] Show [NCOP][1080p].mkv", "[G] Show [NCOP][1080p].chs.ass",
             "Fonts/x.ass"]  # fmt: skip
    p = plan(files, name="[G] Show")
    assert {i.old_path: i.kind for i in p.items if i.status == "unchanged"} == {
        "[G] Show [NCOP][1080p].mkv": "extra",
        "[G] Show [NCOP][1080p].chs.ass": "extra",
        "Fonts/x.ass": "extra",
    }
    assert renames(p) == {"[G] Show [01][1080p].mkv": "Show S01E01.mkv"}


def test_bare_numbered_files_take_the_title_of_the_pack() -> None:
    files = ["[VCB-Studio] Show [Ma10p_1080p]/01.mkv", "[VCB-Studio] Show [Ma10p_1080p]/EP02.mkv",
             "[VCB-Studio] Show [Ma10p_1080p]/第03话.mkv"]  # fmt: skip
    p = plan(files, name="[VCB-Studio] Show [Ma10p_1080p]")
    assert sorted(renames(p).values()) == ["Show S01E01.mkv", "Show S01E02.mkv", "Show S01E03.mkv"]


def test_pack_of_several_seasons_moves_up_and_splits_into_season_folders() -> None:
    files = [
        "Pack/S1/[G] Show S1 - 01.mkv",
        "Pack/S1/[G] Show S1 - 02.mkv",
        "Pack/S2/[G] Show S2 - 01.mkv",
        "Pack/S2/[G] Show S2 - 01.chs.ass",
        "Pack/SPs/[G] Show [SP01].mkv",
        "Pack/SPs/[G] Show [NCOP].mkv",
    ]
    rule = RuleInfo(1, "Show", None, 1)
    p = plan(files, name="[G] Show S1+S2", save=f"{ROOT}/Show/Season 1", rule=rule)
    assert p.new_save_path == f"{ROOT}/Show"
    assert renames(p) == {
        "Pack/S1/[G] Show S1 - 01.mkv": "Season 1/Show S01E01.mkv",
        "Pack/S1/[G] Show S1 - 02.mkv": "Season 1/Show S01E02.mkv",
        "Pack/S2/[G] Show S2 - 01.mkv": "Season 2/Show S02E01.mkv",
        "Pack/S2/[G] Show S2 - 01.chs.ass": "Season 2/Show S02E01.zh.ass",
        "Pack/SPs/[G] Show [SP01].mkv": "Specials/Show S00E01.mkv",
    }
    assert_idempotent(files, name="[G] Show S1+S2", save=f"{ROOT}/Show/Season 1", rule=rule)


def test_pack_of_several_seasons_in_a_show_folder_splits_in_place() -> None:
    files = ["Season 1/[G] Show - 01.mkv", "Season 2/[G] Show - 01.mkv"]
    p = plan(files, name="Show", save=f"{ROOT}/Show", rule=RuleInfo(1, "Show", None, 1))
    assert p.new_save_path is None
    assert renames(p) == {
        "Season 1/[G] Show - 01.mkv": "Season 1/Show S01E01.mkv",
        "Season 2/[G] Show - 01.mkv": "Season 2/Show S02E01.mkv",
    }


def test_pack_of_another_season_moves_to_its_own_season_folder() -> None:
    # users-voice #1105: two season packs of one show must not land in one season and collide.
    files = ["[G] Show S2 - 01.mkv", "[G] Show S2 - 02.mkv"]
    rule = RuleInfo(1, "Show", None, 1, season_offset=0)
    p = plan(files, name="[G] Show S2 [01-02]", save=f"{ROOT}/Show/Season 1", rule=rule)
    assert p.new_save_path == f"{ROOT}/Show/Season 2"
    assert renames(p) == {
        "[G] Show S2 - 01.mkv": "Show S02E01.mkv",
        "[G] Show S2 - 02.mkv": "Show S02E02.mkv",
    }
    assert_idempotent(files, name="[G] Show S2 [01-02]", save=f"{ROOT}/Show/Season 1", rule=rule)


def test_a_season_from_tmdb_keeps_the_folder_for_a_single_season() -> None:
    # The rule's season 3 came from TMDB; the release counts the same episodes as its "S2".
    rule = RuleInfo(1, "Show", "2024", season=3, season_from_release=False)
    p = plan(["[G] Show S2 - 05.mkv"], rule=rule, save=f"{ROOT}/Show (2024)/Season 3")
    assert p.new_save_path is None
    assert renames(p) == {"[G] Show S2 - 05.mkv": "Show S03E05.mkv"}
    # A pack that states several seasons is still split by what it states.
    p = plan(["[G] Show S1 - 01.mkv", "[G] Show S2 - 01.mkv"], name="Show", rule=rule,
             save=f"{ROOT}/Show (2024)/Season 3")  # fmt: skip
    assert p.new_save_path == f"{ROOT}/Show (2024)"


def test_season_of_the_torrent_name_when_files_do_not_say() -> None:
    rule = RuleInfo(1, "Show", None, 1)
    p = plan(["01.mkv", "02.mkv"], name="[G] Show S2 [01-02]", save=f"{ROOT}/Show/Season 1", rule=rule)
    assert p.new_save_path == f"{ROOT}/Show/Season 2"
    assert sorted(renames(p).values()) == ["Show S02E01.mkv", "Show S02E02.mkv"]


def test_windows_save_path_keeps_its_separator() -> None:
    files = ["[G] Show S2 - 01.mkv"]
    p = plan(files, save="D:\\Bangumi\\Show\\Season 1", rule=RuleInfo(1, "Show", None, 1))
    assert p.new_save_path == "D:\\Bangumi\\Show\\Season 2"


def test_a_client_that_cannot_cross_folders_renames_in_place() -> None:
    files = ["Pack/S1/[G] Show S1 - 01.mkv", "Pack/S2/[G] Show S2 - 01.mkv"]
    p = plan(files, name="Pack", save=f"{ROOT}/Show/Season 1", rule=RuleInfo(1, "Show", None, 1), cross=False)
    assert p.new_save_path is None
    assert renames(p) == {
        "Pack/S1/[G] Show S1 - 01.mkv": "Pack/S1/Show S01E01.mkv",
        "Pack/S2/[G] Show S2 - 01.mkv": "Pack/S2/Show S02E01.mkv",
    }


def test_no_move_when_the_destination_has_one_of_the_files() -> None:
    files = ["[G] Show S2 - 01.mkv"]
    dest = disk_path(f"{ROOT}/Show/Season 2", files[0])
    p = plan(
        files, save=f"{ROOT}/Show/Season 1", rule=RuleInfo(1, "Show", None, 1), exists=lambda k: k == dest
    )
    assert p.new_save_path is None
    assert renames(p) == {files[0]: "Show S02E01.mkv"}


# --------------------------------------------------------------------------------------------
# Versions


def test_v2_in_the_same_torrent_takes_the_name_and_v1_is_kept_aside() -> None:
    files = ["[G] Show - 05 [1080p].mkv", "[G] Show - 05v2 [1080p].mkv", "[G] Show - 05v2 [1080p].chs.ass",
             "[G] Show - 05 [1080p].chs.ass"]  # fmt: skip
    p = plan(files, name="[G] Show")
    assert renames(p) == {
        "[G] Show - 05v2 [1080p].mkv": "Show S01E05.mkv",
        "[G] Show - 05v2 [1080p].chs.ass": "Show S01E05.zh.ass",
        "[G] Show - 05 [1080p].mkv": "Show S01E05.mkv.v1.superseded",
        "[G] Show - 05 [1080p].chs.ass": "Show S01E05.zh.ass.v1.superseded",
    }
    assert by_old(p)["[G] Show - 05 [1080p].mkv"].superseded
    assert_idempotent(files, name="[G] Show")


def test_v2_of_another_torrent_displaces_our_v1() -> None:
    old = "b" * 40
    claims = {join_key(SAVE, "Show S01E05.mkv"): Claim(old, "Show S01E05.mkv", 1)}
    p = plan(["[G] Show - 05v2 [1080p].mkv"], claims=claims, exists=lambda k: k.casefold() in claims)
    item = p.items[0]
    assert item.status == "rename" and item.new_path == "Show S01E05.mkv"
    assert item.displaces is not None
    assert item.displaces.torrent_hash == old
    assert item.displaces.new_path == "Show S01E05.mkv.v1.superseded"


def test_v1_arriving_after_v2_is_kept_aside() -> None:
    claims = {join_key(SAVE, "Show S01E05.mkv"): Claim("b" * 40, "Show S01E05.mkv", 2)}
    p = plan(["[G] Show - 05 [1080p].mkv"], claims=claims, exists=lambda k: k.casefold() in claims)
    assert renames(p) == {"[G] Show - 05 [1080p].mkv": "Show S01E05.mkv.v1.superseded"}


def test_same_version_of_another_torrent_is_a_conflict() -> None:
    claims = {join_key(SAVE, "Show S01E05.mkv"): Claim("b" * 40, "Show S01E05.mkv", 1)}
    p = plan(["[Other] Show - 05 [720p].mkv"], claims=claims, exists=lambda k: k.casefold() in claims)
    assert p.items[0].status == "conflict"
    assert p.items[0].new_path == p.items[0].old_path
    assert p.items[0].reason_en and p.items[0].reason_zh


def test_displacing_needs_a_free_spot_for_the_old_file() -> None:
    key = join_key(SAVE, "Show S01E05.mkv")
    claims = {key: Claim("b" * 40, "Show S01E05.mkv", 1)}
    on_disk = {disk_path(SAVE, "Show S01E05.mkv"), disk_path(SAVE, "Show S01E05.mkv.v1.superseded")}
    p = plan(["[G] Show - 05v2.mkv"], claims=claims, exists=on_disk.__contains__)
    assert p.items[0].status == "conflict"


# --------------------------------------------------------------------------------------------
# Conflicts: nothing is ever overwritten


def test_target_on_disk_is_a_conflict() -> None:
    target = disk_path(SAVE, "Show S01E05.mkv")
    p = plan(["[G] Show - 05.mkv"], exists=lambda k: k == target)
    assert p.items[0].status == "conflict"
    assert "disk" in p.items[0].reason_en
    # The name it clashes with is kept for messages; new_path stays the unchanged name.
    assert p.items[0].clashes_with == "Show S01E05.mkv"
    assert p.items[0].new_path == "[G] Show - 05.mkv"


def test_claims_are_compared_without_case() -> None:
    claims = {join_key(SAVE, "SHOW S01E05.MKV"): Claim("b" * 40, "SHOW S01E05.MKV", 1)}
    p = plan(["[Other] Show - 05.mkv"], claims=claims)
    assert p.items[0].status == "conflict"
    assert p.items[0].clashes_with == "Show S01E05.mkv"


def test_two_files_of_one_episode_and_version_conflict() -> None:
    files = ["[G] Show - 05 [1080p].mkv", "[G] Show - 05 [720p].mkv"]
    p = plan(files, name="[G] Show")
    statuses = sorted(i.status for i in p.items)
    assert statuses == ["conflict", "rename"]
    [held] = [i for i in p.items if i.status == "conflict"]
    [took] = [i for i in p.items if i.status == "rename"]
    assert held.clashes_with == took.new_path == "Show S01E05.mkv"


def test_name_held_by_a_file_we_do_not_rename_is_a_conflict() -> None:
    # The torrent already holds a file with the target name that is no episode of ours.
    files = ["[G] Show - 05.mkv", "Show S01E05.mkv.part/x.txt", "Show S01E05.mkv"]
    p = plan(files, name="[G] Show")
    item = by_old(p)["[G] Show - 05.mkv"]
    assert item.status == "conflict"


def test_name_of_another_file_being_renamed_is_not_taken() -> None:
    # Renames run one by one: taking a name another file still has would depend on order.
    files: list[str | FileIn] = ["[G] Show - 05.mkv", FileIn("Show S01E05.mkv", "[G] Show - 06.mkv")]
    p = plan(files, name="[G] Show")
    assert by_old(p)["[G] Show - 05.mkv"].status == "conflict"
    assert by_old(p)["Show S01E05.mkv"].new_path == "Show S01E06.mkv"


def test_conflicting_claim_from_the_same_torrent_is_ours() -> None:
    claims = {join_key(SAVE, "Show S01E05.mkv"): Claim(H, "Show S01E05.mkv", 1)}
    p = plan([FileIn("Show S01E05.mkv", "[G] Show - 05.mkv")], claims=claims, exists=lambda k: True)
    assert p.items[0].status == "unchanged"


# --------------------------------------------------------------------------------------------
# Never twice, never guessed


def test_planning_starts_from_the_original_name_so_offsets_apply_once() -> None:
    rule = dataclasses.replace(RULE, episode_offset=12)
    p = plan([FileIn("Show S01E13.mkv", "[G] Show - 01.mkv")], rule=rule, name="[G] Show - 01")
    assert p.items[0].status == "unchanged"


def test_a_name_already_in_library_form_is_left_alone() -> None:
    rule = dataclasses.replace(RULE, episode_offset=12)
    p = plan(["海盗战记 (2019) S01E13.mp4"], rule=rule)
    assert p.items[0].status == "unchanged"


@pytest.mark.parametrize(
    "name",
    ["[VCB-Studio] Kimi no Na wa [Ma10p_1080p][x265_flac].mkv", "[G] Show [01-12][1080p].mkv",
     "[KitaujiSub] Shikanoko Nokonoko Koshitantan [01Pre][WebRip][HEVC_AAC][CHS_JP].mp4"],
)  # fmt: skip
def test_unparsed_files_are_reported_not_guessed(name: str) -> None:
    p = plan([name], rule=None, save="/x")
    assert p.items[0].status == "unparsed"
    assert p.items[0].new_path == name
    assert p.items[0].reason_zh


def test_single_file_falls_back_to_the_torrent_name() -> None:
    p = plan(["video.mkv"], name="[G] Show - 09 [1080p]")
    assert renames(p) == {"video.mkv": "Show S01E09.mkv"}


def test_plans_are_deterministic() -> None:
    files = [f"[G] Show - {ep:02d}.{lang}.ass" for ep in range(1, 4) for lang in ("sc", "chs", "tc")]
    files += [f"[G] Show - {ep:02d}.mkv" for ep in range(1, 4)]
    a = plan(files, name="[G] Show")
    b = plan(list(reversed(files)), name="[G] Show")
    assert renames(a) == renames(b)


def test_every_new_name_is_a_safe_relative_path() -> None:
    files = ["[G] ../../etc - 01.mkv", "a/../b/[G] Show - 02.mkv", "[G] C:\\x - 03.mkv"]
    p = plan(files, name="[G] ../x", save="/x", rule=None)
    for item in p.items:
        parts = item.new_path.split("/")
        assert ".." not in parts and "" not in parts and not item.new_path.startswith("/")
