"""Every decision's kind and words in both languages, from the stored facts (core.decisions)."""

# The expected sentences stay whole on one line each, so they read as the user reads them.
# ruff: noqa: E501

from __future__ import annotations

from dataclasses import replace

import pytest

from autobangumi_daemon.core.closest_rule import MissWhy
from autobangumi_daemon.core.decisions import Closest, ItemFacts, ReasonKind, describe
from autobangumi_daemon.core.states import ItemReason, ItemState

KEPT = "[ANi] 葬送的芙莉莲 - 03 [1080P][Baha][WEB-DL][AAC AVC][CHT][MP4]"
BASE = ItemFacts(
    status=None,
    reason=None,
    reason_detail=None,
    downloaded=False,
    attempts=0,
    max_attempts=3,
    duplicate_of=None,
    episode_key=None,
    save_path=None,
    rule_title=None,
)


def facts(**kw: object) -> ItemFacts:
    return replace(BASE, **kw)  # type: ignore[arg-type]


def has_cjk(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


CASES: list[tuple[ItemFacts, str, ReasonKind, str, str]] = [
    (
        facts(status=ItemState.DOWNLOADED, reason=ItemReason.DOWNLOADED, save_path="/dl/Frieren (2023)/Season 1"),
        "downloaded", ReasonKind.DOWNLOADED,
        "Sent to the downloader into /dl/Frieren (2023)/Season 1", "已发送到下载器，保存到 /dl/Frieren (2023)/Season 1",
    ),
    (facts(downloaded=True), "downloaded", ReasonKind.DOWNLOADED, "Sent to the downloader", "已发送到下载器"),
    (
        facts(status=ItemState.DOWNLOADED, reason=ItemReason.MANUAL),
        "downloaded", ReasonKind.MANUAL, "Downloaded by hand", "已手动下载",
    ),
    (
        facts(status=ItemState.FILTERED, reason=ItemReason.FILTERED, reason_detail="720", rule_title="葬送的芙莉莲"),
        "filtered", ReasonKind.FILTERED,
        "Filtered by the word “720” of the rule “葬送的芙莉莲”", "被规则“葬送的芙莉莲”的过滤词“720”排除",
    ),
    (
        facts(status=ItemState.FILTERED, reason=ItemReason.FILTERED),
        "filtered", ReasonKind.FILTERED, "Filtered by the filter of the rule", "被规则的过滤条件排除",
    ),
    (
        facts(status=ItemState.DISABLED, reason=ItemReason.DISABLED, rule_title="葬送的芙莉莲"),
        "filtered", ReasonKind.DISABLED, "Its rule “葬送的芙莉莲” is disabled", "所属规则 “葬送的芙莉莲”已停用",
    ),
    (
        facts(status=ItemState.SUPERSEDED, reason=ItemReason.DUPLICATE, duplicate_of=7, episode_key="S01E03",
              duplicate_name=KEPT),
        "duplicate", ReasonKind.DUPLICATE,
        f"Duplicate of item 7 “{KEPT}” (same episode S01E03, preferred release kept)",
        f"与条目 7“{KEPT}” 重复（同一集 S01E03，保留了更优先的版本）",
    ),
    (
        facts(status=ItemState.SUPERSEDED, reason=ItemReason.DUPLICATE_KEPT, duplicate_of=7, episode_key="S01E03"),
        "duplicate", ReasonKind.DUPLICATE,
        "Duplicate of item 7 (same episode S01E03, the release already downloaded is as good)",
        "与条目 7 重复（同一集 S01E03，已下载的版本同样好）",
    ),
    (
        facts(status=ItemState.SUPERSEDED, reason=ItemReason.WORSE, duplicate_of=7, episode_key="S01E03",
              duplicate_name=KEPT),
        "duplicate", ReasonKind.WORSE,
        f"Worse than item 7 “{KEPT}” (same episode S01E03, chosen instead) by the rule's preferences",
        f"按规则的偏好不如条目 7“{KEPT}”（同一集 S01E03，被选中）",
    ),
    (
        facts(status=ItemState.SUPERSEDED, reason=ItemReason.WORSE_KEPT, duplicate_of=7, episode_key="S01E03"),
        "duplicate", ReasonKind.WORSE,
        "Worse than item 7 (same episode S01E03, already downloaded) by the rule's preferences",
        "按规则的偏好不如条目 7（同一集 S01E03，已下载）",
    ),
    (
        facts(status=ItemState.SUPERSEDED),
        "superseded", ReasonKind.SUPERSEDED, "Another release of the same episode was kept", "保留了同一集的另一个版本",
    ),
    (
        facts(status=ItemState.REPLACED, reason=ItemReason.REPLACED, duplicate_of=9, duplicate_name=KEPT),
        "replaced", ReasonKind.REPLACED,
        f"Replaced by item 9 “{KEPT}” (a newer version or a preferred release)",
        f"已被条目 9“{KEPT}” 替换（更新的版本或更优先的发布）",
    ),
    (
        facts(status=ItemState.REPLACED, reason=ItemReason.REMOVED, duplicate_of=9, duplicate_name=KEPT),
        "replaced", ReasonKind.REPLACED,
        f"Replaced by item 9 “{KEPT}”, then removed from the downloader with its files "
        "(preference.remove_superseded)",
        f"已被条目 9“{KEPT}” 替换，随后连同文件从下载器中移除（preference.remove_superseded）",
    ),
    (
        facts(status=ItemState.REPLACED), "replaced", ReasonKind.REPLACED, "Replaced by a newer version", "已被更新的版本替换",
    ),
    (
        facts(status=ItemState.FAILED, reason=ItemReason.FAILED, reason_detail="HTTP 404", attempts=1),
        "failed", ReasonKind.FAILED,
        "Failed once: HTTP 404; tried again at the next refresh", "失败 1 次：HTTP 404；下次刷新时重试",
    ),
    (
        facts(status=ItemState.FAILED, attempts=3),
        "failed", ReasonKind.FAILED, "Failed 3 times: the downloader refused it", "失败 3 次：下载器拒绝了它",
    ),
    (
        facts(status=ItemState.PENDING, reason=ItemReason.WAITING, reason_detail="2026-12-04T05:00:00Z",
              episode_key="S01E03"),
        "pending", ReasonKind.WAITING,
        "Waiting until 2026-12-04T05:00:00Z for other releases of the same episode S01E03 before choosing one",
        "等待至 2026-12-04T05:00:00Z，收集同一集 S01E03的其他版本后再选择",
    ),
    (
        facts(status=ItemState.PENDING, rule_matches=True, rule_title="葬送的芙莉莲"),
        "pending", ReasonKind.MATCHED,
        "Matches the rule “葬送的芙莉莲”; downloaded at the next refresh", "匹配规则 “葬送的芙莉莲”；将在下次刷新时下载",
    ),
    (
        facts(aggregate=True),
        "pending", ReasonKind.AWAITING_METADATA,
        "Waiting for metadata: a rule is made for it at the next refresh", "等待元数据：将在下次刷新时为其创建规则",
    ),
    (
        facts(aggregate=True, global_filter_term="合集"),
        "no_rule", ReasonKind.GLOBAL_FILTER,
        "No rule matches this title, and the global filter word “合集” keeps one from being made",
        "没有规则匹配此标题，且全局过滤词“合集”阻止了自动创建规则",
    ),
    (
        facts(aggregate=True, parsed=False),
        "no_rule", ReasonKind.UNREADABLE,
        "No rule matches this title, and it could not be read to make one", "没有规则匹配此标题，且无法解析标题来创建规则",
    ),
    (
        facts(),
        "no_rule", ReasonKind.NO_RULE,
        "No rule matches this title, and no rule's title is close to it", "没有规则匹配此标题，也没有标题相近的规则",
    ),
    (
        facts(closest=Closest(4, "古见同学有交流障碍症", "古见同学有交流障碍症", MissWhy.SEASON, 2, 1)),
        "no_rule", ReasonKind.NO_RULE,
        "No rule matches this title: the closest rule “古见同学有交流障碍症” has its title in the name, "
        "but the name says season 2 and the rule is season 1",
        "没有规则匹配此标题：最接近的规则“古见同学有交流障碍症”的标题在名称中，但名称写的是第 2 季，规则是第 1 季",
    ),
    (
        facts(closest=Closest(5, "化物语", "Bakemono", MissWhy.WORD_EDGE)),
        "no_rule", ReasonKind.NO_RULE,
        "No rule matches this title: the closest rule “化物语” has its title “Bakemono” in the name only inside a longer word",
        "没有规则匹配此标题：最接近的规则“化物语”的标题“Bakemono”在名称中只是一个更长单词的一部分",
    ),
    (
        facts(closest=Closest(6, "鹿乃子", "鹿乃子乃子虎视眈眈", MissWhy.TITLE)),
        "no_rule", ReasonKind.NO_RULE,
        "No rule matches this title: the closest rule “鹿乃子” has the title “鹿乃子乃子虎视眈眈”, which is not in the name as written",
        "没有规则匹配此标题：最接近的规则“鹿乃子”的标题是“鹿乃子乃子虎视眈眈”，名称中没有完全一致的写法",
    ),
]  # fmt: skip


@pytest.mark.parametrize(("item", "status", "kind", "en", "zh"), CASES)
def test_decision(item: ItemFacts, status: str, kind: ReasonKind, en: str, zh: str) -> None:
    d = describe(item)
    assert (d.status, d.kind, d.reason_en, d.reason_zh) == (status, kind, en, zh)
    assert has_cjk(d.reason_zh) and d.reason_en != d.reason_zh


def test_every_kind_is_told() -> None:
    assert {kind for _, _, kind, _, _ in CASES} == set(ReasonKind)


def test_a_closest_rule_is_not_told_when_an_aggregate_feed_explains_the_miss() -> None:
    miss = Closest(6, "鹿乃子", "鹿乃子乃子虎视眈眈", MissWhy.TITLE)
    assert describe(facts(aggregate=True, closest=miss)).kind == ReasonKind.AWAITING_METADATA


def test_waiting_without_a_time_is_not_waiting() -> None:
    assert describe(facts(status=ItemState.PENDING, reason=ItemReason.WAITING)).kind == ReasonKind.NO_RULE
