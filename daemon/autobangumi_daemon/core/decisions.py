"""A feed item's decision in words: the stored status and reason become what a person reads.

The pipeline stores a status (its state machine) and, since the decision columns exist, a
reason code with its detail. Items decided before those columns get a reason from their
status alone. Pending items are told apart here: waiting for a rule that matches, waiting for
the metadata an aggregate feed needs, or matched by no rule at all (then with the closest rule
and why it did not match, from core.closest_rule).

Each decision has a `kind` (ReasonKind) beside its words, so a client can word it itself from
the facts it refers to (the rule, the filter word, the other release, the time waited for).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from autobangumi_daemon.core.closest_rule import MissWhy
from autobangumi_daemon.core.states import ItemReason, ItemState

__all__ = ["STATUSES", "Closest", "Decision", "ItemFacts", "ReasonKind", "describe"]

STATUSES = ("downloaded", "pending", "filtered", "duplicate", "superseded", "replaced", "failed", "no_rule")


class ReasonKind(StrEnum):
    """What a decision's reason is about (served as `reason.kind`)."""

    DOWNLOADED = "downloaded"
    MANUAL = "manual"  # downloaded by hand
    FILTERED = "filtered"  # `word` of the rule's filter
    DISABLED = "disabled"  # the rule is disabled
    DUPLICATE = "duplicate"  # as good as `release`, which was kept
    WORSE = "worse"  # worse than `release`, which was kept
    SUPERSEDED = "superseded"  # decided before reasons were recorded
    REPLACED = "replaced"  # `release` took its place
    FAILED = "failed"
    WAITING = "waiting"  # waiting `until` a time before choosing the episode's release
    MATCHED = "matched"  # a rule matches; downloaded at the next refresh
    AWAITING_METADATA = "awaiting_metadata"  # its aggregate feed makes a rule next refresh
    GLOBAL_FILTER = "global_filter"  # `word` of the global filter keeps a rule from being made
    UNREADABLE = "unreadable"  # the title could not be read to make a rule
    NO_RULE = "no_rule"  # see `closest`


@dataclass(frozen=True, slots=True)
class Closest:
    """The closest rule to an unmatched title and why it missed (core.closest_rule.Miss)."""

    rule_id: int
    rule_title: str
    title: str  # the rule's title (or alias) that came closest
    why: MissWhy
    stated_season: int | None = None
    rule_season: int | None = None


@dataclass(frozen=True, slots=True)
class ItemFacts:
    status: str | None
    reason: str | None
    reason_detail: str | None
    downloaded: bool
    attempts: int
    max_attempts: int
    duplicate_of: int | None
    episode_key: str | None
    save_path: str | None
    rule_title: str | None
    # For pending items: does an enabled rule match the title now, does its feed make rules
    # (aggregate), could the title be parsed, and which global filter word keeps a rule from
    # being made.
    rule_matches: bool = False
    aggregate: bool = False
    parsed: bool = True
    global_filter_term: str | None = None
    # The other release a duplicate, worse or replaced item refers to (its title).
    duplicate_name: str | None = None
    closest: Closest | None = None


@dataclass(frozen=True, slots=True)
class Decision:
    status: str
    reason_en: str
    reason_zh: str
    kind: ReasonKind = ReasonKind.NO_RULE


def _d(status: str, kind: ReasonKind, en: str, zh: str) -> Decision:
    return Decision(status, en, zh, kind)


def _other(facts: ItemFacts) -> tuple[str, str]:
    """The other release, by number and title when its title is known."""
    n = facts.duplicate_of
    if facts.duplicate_name:
        return f"item {n} “{facts.duplicate_name}”", f"条目 {n}“{facts.duplicate_name}”"
    return f"item {n}", f"条目 {n}"


def _miss(c: Closest) -> tuple[str, str]:
    rule = f"“{c.rule_title}”"
    if c.why == MissWhy.SEASON:
        return (
            f"the closest rule {rule} has its title in the name, but the name says season "
            f"{c.stated_season} and the rule is season {c.rule_season}",
            f"最接近的规则{rule}的标题在名称中，但名称写的是第 {c.stated_season} 季，"
            f"规则是第 {c.rule_season} 季",
        )
    if c.why == MissWhy.WORD_EDGE:
        return (
            f"the closest rule {rule} has its title “{c.title}” in the name only inside a longer word",
            f"最接近的规则{rule}的标题“{c.title}”在名称中只是一个更长单词的一部分",
        )
    return (
        f"the closest rule {rule} has the title “{c.title}”, which is not in the name as written",
        f"最接近的规则{rule}的标题是“{c.title}”，名称中没有完全一致的写法",
    )


def _ep(facts: ItemFacts) -> tuple[str, str]:
    if facts.episode_key:
        return f"same episode {facts.episode_key}", f"同一集 {facts.episode_key}"
    return "same episode", "同一集"


def _times(n: int) -> str:
    return "once" if n == 1 else f"{n} times"


def describe(facts: ItemFacts) -> Decision:
    status = facts.status or (ItemState.DOWNLOADED if facts.downloaded else ItemState.PENDING)
    reason = facts.reason
    rule = facts.rule_title
    K = ReasonKind
    if status == ItemState.DOWNLOADED:
        where_en = f" into {facts.save_path}" if facts.save_path else ""
        where_zh = f"，保存到 {facts.save_path}" if facts.save_path else ""
        if reason == ItemReason.MANUAL:
            return _d("downloaded", K.MANUAL, f"Downloaded by hand{where_en}", f"已手动下载{where_zh}")
        return _d(
            "downloaded", K.DOWNLOADED, f"Sent to the downloader{where_en}", f"已发送到下载器{where_zh}"
        )
    if status == ItemState.FILTERED:
        word = facts.reason_detail
        of_en = f" “{rule}”" if rule else ""
        of_zh = f"“{rule}”" if rule else ""
        if word:
            return _d(
                "filtered",
                K.FILTERED,
                f"Filtered by the word “{word}” of the rule{of_en}",
                f"被规则{of_zh}的过滤词“{word}”排除",
            )
        return _d(
            "filtered",
            K.FILTERED,
            f"Filtered by the filter of the rule{of_en}",
            f"被规则{of_zh}的过滤条件排除",
        )
    if status == ItemState.DISABLED:
        name = f" “{rule}”" if rule else ""
        return _d("filtered", K.DISABLED, f"Its rule{name} is disabled", f"所属规则{name}已停用")
    if status == ItemState.SUPERSEDED:
        kept = facts.duplicate_of
        ep_en, ep_zh = _ep(facts)
        if kept is not None and reason in (ItemReason.DUPLICATE, ItemReason.DUPLICATE_KEPT):
            other_en, other_zh = _other(facts)
            if reason == ItemReason.DUPLICATE:
                return _d(
                    "duplicate",
                    K.DUPLICATE,
                    f"Duplicate of {other_en} ({ep_en}, preferred release kept)",
                    f"与{other_zh} 重复（{ep_zh}，保留了更优先的版本）",
                )
            return _d(
                "duplicate",
                K.DUPLICATE,
                f"Duplicate of {other_en} ({ep_en}, the release already downloaded is as good)",
                f"与{other_zh} 重复（{ep_zh}，已下载的版本同样好）",
            )
        if kept is not None and reason in (ItemReason.WORSE, ItemReason.WORSE_KEPT):
            other_en, other_zh = _other(facts)
            when_en = "already downloaded" if reason == ItemReason.WORSE_KEPT else "chosen instead"
            when_zh = "已下载" if reason == ItemReason.WORSE_KEPT else "被选中"
            return _d(
                "duplicate",
                K.WORSE,
                f"Worse than {other_en} ({ep_en}, {when_en}) by the rule's preferences",
                f"按规则的偏好不如{other_zh}（{ep_zh}，{when_zh}）",
            )
        return _d(
            "superseded",
            K.SUPERSEDED,
            "Another release of the same episode was kept",
            "保留了同一集的另一个版本",
        )
    if status == ItemState.REPLACED:
        if facts.duplicate_of is not None:
            other_en, other_zh = _other(facts)
            if facts.reason == ItemReason.REMOVED:
                return _d(
                    "replaced",
                    K.REPLACED,
                    f"Replaced by {other_en}, then removed from the downloader with its files "
                    "(preference.remove_superseded)",
                    f"已被{other_zh} 替换，随后连同文件从下载器中移除（preference.remove_superseded）",
                )
            return _d(
                "replaced",
                K.REPLACED,
                f"Replaced by {other_en} (a newer version or a preferred release)",
                f"已被{other_zh} 替换（更新的版本或更优先的发布）",
            )
        return _d("replaced", K.REPLACED, "Replaced by a newer version", "已被更新的版本替换")
    if status == ItemState.FAILED:
        why = facts.reason_detail or "the downloader refused it"
        why_zh = facts.reason_detail or "下载器拒绝了它"
        n = facts.attempts
        if n >= facts.max_attempts:
            return _d("failed", K.FAILED, f"Failed {_times(n)}: {why}", f"失败 {n} 次：{why_zh}")
        return _d(
            "failed",
            K.FAILED,
            f"Failed {_times(n)}: {why}; tried again at the next refresh",
            f"失败 {n} 次：{why_zh}；下次刷新时重试",
        )
    # pending
    if reason == ItemReason.WAITING and facts.reason_detail:
        until = facts.reason_detail
        ep_en, ep_zh = _ep(facts)
        return _d(
            "pending",
            K.WAITING,
            f"Waiting until {until} for other releases of the {ep_en} before choosing one",
            f"等待至 {until}，收集{ep_zh}的其他版本后再选择",
        )
    if facts.rule_matches:
        name = f" “{rule}”" if rule else ""
        return _d(
            "pending",
            K.MATCHED,
            f"Matches the rule{name}; downloaded at the next refresh",
            f"匹配规则{name}；将在下次刷新时下载",
        )
    if facts.aggregate and facts.parsed and facts.global_filter_term is None:
        return _d(
            "pending",
            K.AWAITING_METADATA,
            "Waiting for metadata: a rule is made for it at the next refresh",
            "等待元数据：将在下次刷新时为其创建规则",
        )
    if facts.aggregate and facts.global_filter_term is not None:
        word = facts.global_filter_term
        return _d(
            "no_rule",
            K.GLOBAL_FILTER,
            f"No rule matches this title, and the global filter word “{word}” keeps one from being made",
            f"没有规则匹配此标题，且全局过滤词“{word}”阻止了自动创建规则",
        )
    if facts.aggregate:
        return _d(
            "no_rule",
            K.UNREADABLE,
            "No rule matches this title, and it could not be read to make one",
            "没有规则匹配此标题，且无法解析标题来创建规则",
        )
    if facts.closest is not None:
        miss_en, miss_zh = _miss(facts.closest)
        return _d(
            "no_rule", K.NO_RULE, f"No rule matches this title: {miss_en}", f"没有规则匹配此标题：{miss_zh}"
        )
    return _d(
        "no_rule",
        K.NO_RULE,
        "No rule matches this title, and no rule's title is close to it",
        "没有规则匹配此标题，也没有标题相近的规则",
    )
