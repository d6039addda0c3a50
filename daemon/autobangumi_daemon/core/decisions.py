"""A feed item's decision in words: the stored status and reason become what a person reads.

The pipeline stores a status (its state machine) and, since the decision columns exist, a
reason code with its detail. Items decided before those columns get a reason from their
status alone. Pending items are told apart here: waiting for a rule that matches, waiting for
the metadata an aggregate feed needs, or matched by no rule at all.
"""

from __future__ import annotations

from dataclasses import dataclass

from autobangumi_daemon.core.states import ItemReason, ItemState

__all__ = ["STATUSES", "Decision", "ItemFacts", "describe"]

STATUSES = ("downloaded", "pending", "filtered", "duplicate", "superseded", "replaced", "failed", "no_rule")


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


@dataclass(frozen=True, slots=True)
class Decision:
    status: str
    reason_en: str
    reason_zh: str


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
    if status == ItemState.DOWNLOADED:
        where_en = f" into {facts.save_path}" if facts.save_path else ""
        where_zh = f"，保存到 {facts.save_path}" if facts.save_path else ""
        if reason == ItemReason.MANUAL:
            return Decision("downloaded", f"Downloaded by hand{where_en}", f"已手动下载{where_zh}")
        return Decision("downloaded", f"Sent to the downloader{where_en}", f"已发送到下载器{where_zh}")
    if status == ItemState.FILTERED:
        word = facts.reason_detail
        if word:
            return Decision("filtered", f"Filtered by the rule word “{word}”", f"被规则的过滤词“{word}”排除")
        return Decision("filtered", "Filtered by the rule's filter", "被规则的过滤条件排除")
    if status == ItemState.DISABLED:
        name = f" “{rule}”" if rule else ""
        return Decision("filtered", f"Its rule{name} is disabled", f"所属规则{name}已停用")
    if status == ItemState.SUPERSEDED:
        kept = facts.duplicate_of
        ep_en, ep_zh = _ep(facts)
        if reason == ItemReason.DUPLICATE and kept is not None:
            return Decision(
                "duplicate",
                f"Duplicate of item {kept} ({ep_en}, preferred release kept)",
                f"与条目 {kept} 重复（{ep_zh}，保留了更优先的版本）",
            )
        if reason == ItemReason.DUPLICATE_KEPT and kept is not None:
            return Decision(
                "duplicate",
                f"Duplicate of item {kept} ({ep_en}, the release already downloaded is preferred)",
                f"与条目 {kept} 重复（{ep_zh}，已下载的版本更优先）",
            )
        return Decision(
            "superseded", "Another release of the same episode was kept", "保留了同一集的另一个版本"
        )
    if status == ItemState.REPLACED:
        if facts.duplicate_of is not None:
            return Decision(
                "replaced",
                f"Replaced by item {facts.duplicate_of} (a newer version or a preferred release)",
                f"已被条目 {facts.duplicate_of} 替换（更新的版本或更优先的发布）",
            )
        return Decision("replaced", "Replaced by a newer version", "已被更新的版本替换")
    if status == ItemState.FAILED:
        why = facts.reason_detail or "the downloader refused it"
        why_zh = facts.reason_detail or "下载器拒绝了它"
        n = facts.attempts
        if n >= facts.max_attempts:
            return Decision("failed", f"Failed {_times(n)}: {why}", f"失败 {n} 次：{why_zh}")
        return Decision(
            "failed",
            f"Failed {_times(n)}: {why}; tried again at the next refresh",
            f"失败 {n} 次：{why_zh}；下次刷新时重试",
        )
    # pending
    if facts.rule_matches:
        name = f" “{rule}”" if rule else ""
        return Decision(
            "pending",
            f"Matches the rule{name}; downloaded at the next refresh",
            f"匹配规则{name}；将在下次刷新时下载",
        )
    if facts.aggregate and facts.parsed and facts.global_filter_term is None:
        return Decision(
            "pending",
            "Waiting for metadata: a rule is made for it at the next refresh",
            "等待元数据：将在下次刷新时为其创建规则",
        )
    if facts.aggregate and facts.global_filter_term is not None:
        word = facts.global_filter_term
        return Decision(
            "no_rule",
            f"No rule matches this title, and the global filter word “{word}” keeps one from being made",
            f"没有规则匹配此标题，且全局过滤词“{word}”阻止了自动创建规则",
        )
    if facts.aggregate:
        return Decision(
            "no_rule",
            "No rule matches this title, and it could not be read to make one",
            "没有规则匹配此标题，且无法解析标题来创建规则",
        )
    return Decision("no_rule", "No rule matches this title", "没有规则匹配此标题")
