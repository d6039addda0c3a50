"""Rename templates: checked when saved, rendered safely, and planned with every guarantee of the
method's own names (one file per episode, v2 replacing v1, nothing overwritten), over the real
release titles of the parser corpus."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from pathlib import Path

import pytest

from autobangumi_daemon.core.rename_plan import (
    Claim,
    FileIn,
    PlanOptions,
    RuleInfo,
    TorrentIn,
    TorrentPlan,
    join_key,
    plan_torrent,
)
from autobangumi_daemon.core.rename_template import (
    PLACEHOLDERS,
    TemplateValues,
    check_template,
    render_template,
    uses_version,
)
from autobangumi_daemon.errors import DaemonError

ROOT = "/downloads/Bangumi"
SAVE = f"{ROOT}/Frieren (2023)/Season 1"
RULE = RuleInfo(id=1, official_title="Frieren", year="2023", season=1)
CORPUS = Path(__file__).resolve().parents[1] / "data" / "titles.jsonl"
EVERYTHING = "{title} ({year}) S{season}E{episode} [{group}][{resolution}][{source}][{language}] {version}"


def plan(
    files: Iterable[str],
    template: str,
    *,
    name: str | None = None,
    method: str = "pn",
    claims: Mapping[str, Claim] | None = None,
    torrent_hash: str = "a" * 40,
    rule: RuleInfo | None = RULE,
) -> TorrentPlan:
    fs = tuple(FileIn(f) for f in files)
    if name is None:
        name = fs[0].path.rsplit(".", 1)[0]
    t = TorrentIn(torrent_hash, name, SAVE, fs)
    return plan_torrent(t, rule, PlanOptions(method, ROOT, True, template), claims)


def renames(p: TorrentPlan) -> dict[str, str]:
    return {i.old_path: i.new_path for i in p.items if i.status == "rename"}


def refusal(template: str) -> DaemonError:
    with pytest.raises(DaemonError) as info:
        check_template(template)
    return info.value


# --------------------------------------------------------------------------------------------
# checked when saved


@pytest.mark.parametrize(
    "template",
    [
        "",
        "{title} S{season}E{episode}",
        "{title} - S{season:1}E{episode:3}",
        EVERYTHING,
        "[{group}] {title} - {episode} [{resolution}]",
        "{title} {{S{season}}} E{episode}",
    ],
)
def test_good_templates_are_accepted(template: str) -> None:
    check_template(template)


@pytest.mark.parametrize(
    ("template", "named_en", "named_zh"),
    [
        ("{title} S{season}E{episode} {codec}", "unknown placeholder {codec}", "未知的占位符 {codec}"),
        ("{title} S{season}E{episode} {0}", "unknown placeholder {0}", "未知的占位符 {0}"),
        ("{title} S{season}E{episode} {title!r}", "unknown placeholder {title!r}", "{title!r}"),
        ("{title} S{season}E{episode} {group.name}", "{group.name}", "{group.name}"),
        ("{title} S{season}E{episode", "no partner", "未配对"),
        ("{title} S{season}E{episode}}", "no partner", "未配对"),
        ("{title:5} S{season}E{episode}", "{title:5}", "{title:5}"),
        ("{title} S{season}E{episode:9}", "{episode:9}", "{episode:9}"),
        ("{title} S{season}E{episode:02d}", "{episode:02d}", "{episode:02d}"),
        ("Season {season}/{title} E{episode}", "'/'", "'/'"),
        ("..\\{title} E{episode}", "'\\\\'", "'\\\\'"),
        ("{title}: E{episode}", "':'", "':'"),
        ("{title} E{episode}?", "'?'", "'?'"),
        ("{title} E{episode}\t", "'\\t'", "'\\t'"),
        ("{title} S{season}", "{episode}", "{episode}"),
        ("S{season}E{episode}", "{title}", "{title}"),
        (".{title} E{episode}", "`.`", "`.`"),
        ("{title} E{episode} " + "x" * 40, "40 bytes", "40 字节"),
        ("{title}{episode}" * 20, "200 characters", "200 个字符"),
    ],
)
def test_bad_templates_are_refused_in_both_languages(template: str, named_en: str, named_zh: str) -> None:
    err = refusal(template)
    assert "bangumi_manage.rename_template" in err.msg_en, err.msg_en
    assert named_en in err.msg_en, err.msg_en
    assert named_zh in err.msg_zh and "重命名模板" in err.msg_zh, err.msg_zh


def test_the_refusal_lists_every_placeholder() -> None:
    err = refusal("{title} E{episode} {lang}")
    for name in PLACEHOLDERS:
        assert "{" + name + "}" in err.msg_en and "{" + name + "}" in err.msg_zh


def test_uses_version() -> None:
    assert uses_version("{title} S{season}E{episode} {version}")
    assert not uses_version("{title} S{season}E{episode} version")
    assert not uses_version("")


# --------------------------------------------------------------------------------------------
# rendering


def test_every_placeholder_renders() -> None:
    v = TemplateValues(
        title="Frieren",
        season=1,
        episode=5,
        year="2023",
        group="LoliHouse",
        resolution="1080p",
        source="WebRip",
        language="CHS+CHT",
        version=2,
    )
    assert render_template(EVERYTHING, v) == "Frieren (2023) S01E05 [LoliHouse][1080p][WebRip][CHS+CHT] v2"
    assert render_template("{title} S{season:1}E{episode:3}", v) == "Frieren S1E005"
    assert render_template("{title} {{x}} E{episode}", v) == "Frieren {x} E05"


def test_numbers_keep_halves_and_never_truncate() -> None:
    v = TemplateValues(title="T", season=12, episode=12.5)
    assert render_template("{title} S{season:1}E{episode}", v) == "T S12E12.5"
    assert render_template("{title} E{episode:1}", TemplateValues("T", 1, 1234)) == "T E1234"


def test_missing_values_leave_no_empty_brackets_or_dangling_text() -> None:
    v = TemplateValues(title="Frieren", season=1, episode=5)
    assert render_template(EVERYTHING, v) == "Frieren S01E05"
    assert render_template("[{group}] {title} - {episode} [{resolution}]", v) == "Frieren - 05"
    assert render_template("{title} ({year}) E{episode}", TemplateValues("T", 1, 1, year="TBA")) == "T E01"


def test_values_from_a_feed_cannot_make_folders_or_reserved_names() -> None:
    v = TemplateValues(
        title="乱马 1/2", season=1, episode=3, group="../../etc", source="a\\b", language='C:"H"S', version=1
    )
    out = render_template("{title} E{episode} [{group}][{source}][{language}]", v)
    assert "/" not in out and "\\" not in out and ":" not in out and '"' not in out
    assert out == "乱马 1 2 E03 [etc][a b][C H S]"
    # A name Windows refuses whatever its extension is kept out as well.
    assert render_template("{title} E{episode}", TemplateValues("CON", 1, 1)).startswith("_")


# --------------------------------------------------------------------------------------------
# planning with a template


def _real_titles() -> list[str]:
    rows = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [r["title"].replace("\n", " ") for r in rows if r["origin"] == "real"]


def test_the_default_form_as_a_template_plans_exactly_as_without_one() -> None:
    """`{title} S{season}E{episode}` is the method's own naming: every real title agrees."""
    titles = _real_titles()
    assert len(titles) > 2000
    for method in ("pn", "advance"):
        for title in titles:
            fname = title.replace("/", "／") + ".mkv"
            a = plan([fname], "", name=title, method=method)
            b = plan([fname], "{title} S{season}E{episode}", name=title, method=method)
            assert a == b, title


def test_every_real_title_gets_one_safe_name_per_episode() -> None:
    for title in _real_titles():
        fname = title.replace("/", "／") + ".mkv"
        p = plan([fname, fname[:-4] + ".chs.ass"], EVERYTHING, name=title)
        for item in p.items:
            if item.status != "rename":
                continue
            assert "/" not in item.new_path, (title, item.new_path)
            assert len(item.new_path.encode()) <= 255, title
            assert "[]" not in item.new_path and "()" not in item.new_path, (title, item.new_path)
            assert item.season is not None and item.episode is not None
            assert f"S{item.season:02d}E" in item.new_path, (title, item.new_path)
        media = [i for i in p.items if i.kind == "media" and i.status == "rename"]
        subs = [i for i in p.items if i.kind == "subtitle" and i.status == "rename"]
        if media and subs:
            # The subtitle keeps its video's name, with its language.
            assert subs[0].new_path == media[0].new_path[: -len(".mkv")] + ".zh.ass", title


def test_values_come_from_the_release() -> None:
    name = "[LoliHouse] 葬送的芙莉莲 / Sousou no Frieren - 05 [WebRip 1080p HEVC-10bit AAC][简繁内封字幕]"
    p = plan([name.replace("/", "／") + ".mkv"], EVERYTHING, name=name)
    assert renames(p) == {
        name.replace("/", "／")
        + ".mkv": "Sousou no Frieren (2023) S01E05 [LoliHouse][1080p][WebRip][CHS+CHT].mkv"
    }
    baha = "[ANi] 葬送的芙莉莲 - 03 [1080P][Baha][WEB-DL][AAC AVC][CHT][MP4]"
    p = plan([baha + ".mp4"], "{title} S{season}E{episode} [{group} {source} {language}]", name=baha)
    assert renames(p) == {baha + ".mp4": "葬送的芙莉莲 S01E03 [ANi WEB-DL CHT].mp4"}


def test_advance_takes_the_title_from_the_folder() -> None:
    name = "[LoliHouse] Sousou no Frieren - 05 [WebRip 1080p]"
    p = plan([name + ".mkv"], "{title} - {episode} [{group}]", name=name, method="advance")
    assert renames(p) == {name + ".mkv": "Frieren (2023) - 05 [LoliHouse].mkv"}


@pytest.mark.parametrize("method", ["none", "normal"])
def test_methods_that_rename_nothing_ignore_the_template(method: str) -> None:
    p = plan(["[G] Frieren - 05 [1080p].mkv"], EVERYTHING, method=method)
    assert renames(p) == {}
    assert {i.status for i in p.items} == {"unchanged"}


def test_v1_and_v2_in_one_torrent_are_one_episode_even_when_the_name_shows_the_version() -> None:
    files = ["[G] Frieren - 07 [1080p].mkv", "[G] Frieren - 07v2 [1080p].mkv"]
    p = plan(files, "{title} S{season}E{episode} {version}", name="[G] Frieren - 07 [1080p]")
    assert renames(p) == {
        "[G] Frieren - 07v2 [1080p].mkv": "Frieren S01E07 v2.mkv",
        "[G] Frieren - 07 [1080p].mkv": "Frieren S01E07.mkv.v1.superseded",
    }


def test_a_later_v2_displaces_another_torrents_v1_under_its_own_name() -> None:
    template = "{title} S{season}E{episode} {version}"
    claims = {join_key(SAVE, "Frieren S01E07.mkv"): Claim("b" * 40, "Frieren S01E07.mkv", 1)}
    p = plan(["[G] Frieren - 07v2 [1080p].mkv"], template, claims=claims)
    (item,) = p.items
    assert (item.status, item.new_path) == ("rename", "Frieren S01E07 v2.mkv")
    assert item.displaces is not None
    assert (item.displaces.old_path, item.displaces.new_path) == (
        "Frieren S01E07.mkv",
        "Frieren S01E07.mkv.v1.superseded",
    )


def test_a_late_v1_never_becomes_a_second_file_beside_a_v2() -> None:
    template = "{title} S{season}E{episode} {version}"
    claims = {join_key(SAVE, "Frieren S01E07 v2.mkv"): Claim("b" * 40, "Frieren S01E07 v2.mkv", 2)}
    p = plan(["[G] Frieren - 07 [1080p].mkv"], template, claims=claims)
    (item,) = p.items
    assert item.new_path == "Frieren S01E07.mkv.v1.superseded" and item.superseded
    assert item.displaces is None


def test_another_release_of_the_same_version_is_held_not_doubled() -> None:
    """The same name from another torrent at the same version is a conflict, never an overwrite."""
    claims = {join_key(SAVE, "Frieren S01E07 [G].mkv"): Claim("b" * 40, "Frieren S01E07 [G].mkv", 1)}
    p = plan(["[G] Frieren - 07 [1080p].mkv"], "{title} S{season}E{episode} [{group}]", claims=claims)
    (item,) = p.items
    assert item.status == "conflict" and item.reason_zh
