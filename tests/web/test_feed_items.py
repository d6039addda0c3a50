"""A feed's items in the browser: an unmatched item shows its reason with the closest rule, and
"Make a rule from it" makes the rule and opens it (a real daemon, the fake Mikan, Chromium)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import delete, update

from autobangumi_daemon.context import AppContext
from autobangumi_daemon.db.models import Bangumi, Torrent
from tests.web.browser import Console, Labels, check_screen, log_in
from tests.web.stack import ApiClient, Fakes, LoopThread, Stack, start_stack

FEED = "/RSS/Bangumi?bangumiId=3599&subgroupid=370"  # five Summer Pockets episodes


@pytest.fixture(scope="module")
def stack(loop_thread: LoopThread, module_root: Path, fakes: Fakes) -> Iterator[Stack]:
    s = start_stack(loop_thread, module_root)
    api = ApiClient(s.api)
    api.setup_and_login()  # a downloader that does not answer: nothing here is downloaded
    api.point_at_fakes(fakes)
    yield s
    s.stop()


def _ctx(stack: Stack) -> AppContext:
    daemon = stack.server.running.daemon
    assert daemon is not None and daemon.ctx is not None
    return daemon.ctx


@pytest.fixture(scope="module")
def near_miss(stack: Stack, fakes: Fakes) -> tuple[int, int]:
    """The feed (read once) and a rule written a letter short of the show's Latin title."""
    api = ApiClient(stack.api)
    api.login()
    url = fakes.mikan.base + FEED
    api.call("POST", "/rss/add", {"url": url, "name": "Summer", "aggregate": False, "parser": "mikan"})
    feed = next(f["id"] for f in api.call("GET", "/rss") if f["url"] == url)
    api.call("GET", f"/rss/refresh/{feed}")

    async def add() -> int:
        async with _ctx(stack).db.begin() as s:
            rule = Bangumi(official_title="夏日口袋（旧）", title_raw="Summer Pocket", filter="")
            s.add(rule)
        return rule.id

    return int(feed), stack.loop.run(add())


def _forget_made_rules(stack: Stack, keep: int) -> None:
    """Undo what "Make a rule" did, so the next language and size start from the same items."""

    async def undo() -> None:
        ctx = _ctx(stack)
        async with ctx.db.begin() as s:
            await s.execute(delete(Bangumi).where(Bangumi.id != keep))
            await s.execute(
                update(Torrent).values(status="pending", bangumi_id=None, reason=None, reason_detail=None)
            )
        ctx.pipeline.rules_changed()

    stack.loop.run(undo())


def test_unmatched_item_shows_closest_rule_and_makes_a_rule(
    page: Page,
    stack: Stack,
    near_miss: tuple[int, int],
    labels: Labels,
    lang: str,
    viewport: str,
    console: Console,
) -> None:
    feed, rule_id = near_miss
    # The new rule's page asks for a rename preview, which the absent downloader cannot give.
    console.expect_http_error(503)
    log_in(page, stack.url, labels)
    page.goto(f"{stack.url}#/feeds/{feed}")
    rows = page.get_by_test_id("feed-item")
    expect(rows).to_have_count(5)
    third = rows.filter(has_text="Summer Pockets - 03")
    expect(third).to_have_attribute("data-status", "no_rule")
    reason = (
        "No rule matches this title: the closest rule “夏日口袋（旧）” has its title “Summer Pocket”"
        " in the name only inside a longer word"
        if lang == "en"
        else "没有规则匹配此标题：最接近的规则“夏日口袋（旧）”的标题“Summer Pocket”"
        "在名称中只是一个更长单词的一部分"
    )
    expect(third).to_contain_text(reason)
    expect(third).to_contain_text(labels("item.closest"))
    link = third.get_by_test_id("item-closest-rule")
    expect(link).to_have_text("夏日口袋（旧）")
    expect(link).to_have_attribute("href", f"#/rules/{rule_id}")
    expect(third.get_by_test_id("item-download")).to_be_visible()
    check_screen(page, "feed-items-unmatched", lang, viewport)

    try:
        third.get_by_test_id("item-make-rule").click()
        expect(page).to_have_url(f"{stack.url}#/rules/{rule_id + 1}")
        api = ApiClient(stack.api)
        api.login()
        made = next(r for r in api.call("GET", "/bangumi/get/all") if r["id"] == rule_id + 1)
        assert made["official_title"] == "夏日口袋" and made["title_raw"] == "Summer Pockets"
    finally:
        _forget_made_rules(stack, rule_id)
