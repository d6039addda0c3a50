"""The page with 2,000 rules and a feed of 10,000 items: only what is in view is in the document,
every row is reachable by scrolling and by search, and the list answers at once.

Timings are printed by bench/web_scale.py; the tests assert what must hold on any machine."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.web.browser import Labels, go_to, log_in
from tests.web.scale_data import rule_title, seed
from tests.web.stack import ApiClient, LoopThread, Stack, start_stack

RULES = 2_000
ITEMS = 10_000
# A windowed list renders a screen of rows plus a margin; far below the totals above.
MAX_ROWS_IN_DOM = 80

pytestmark = pytest.mark.parametrize(("lang", "viewport"), [("en", "desktop"), ("zh-CN", "phone")])


@pytest.fixture(scope="module")
def scale(loop_thread: LoopThread, module_root: Path) -> Iterator[tuple[Stack, int, int]]:
    first = start_stack(loop_thread, module_root)
    ApiClient(first.api).setup_and_login()
    first.stop()
    feed_id, oldest = seed(module_root / "data" / "data.db", RULES, ITEMS)
    s = start_stack(loop_thread, module_root)
    yield s, feed_id, oldest
    s.stop()


def _rows(page: Page, testid: str) -> int:
    return page.get_by_test_id(testid).locator("[role=listitem]").count()


def _scroll_to_end(page: Page, testid: str) -> None:
    page.get_by_test_id(testid).evaluate("el => { el.scrollTop = el.scrollHeight; }")


def test_two_thousand_rules_in_list_and_grid(
    page: Page, scale: tuple[Stack, int, int], labels: Labels, viewport: str
) -> None:
    stack, _, _ = scale
    log_in(page, stack.url, labels)
    go_to(page, "rules", viewport)
    expect(page.get_by_text(labels("rules.count", n=RULES, total=RULES))).to_be_visible()

    page.get_by_test_id("view-list").click()
    rows = page.get_by_test_id("rule-list")
    expect(rows.get_by_text(rule_title(0), exact=True)).to_be_visible()
    assert 0 < _rows(page, "rule-list") <= MAX_ROWS_IN_DOM
    _scroll_to_end(page, "rule-list")
    expect(rows.get_by_text(rule_title(RULES - 1), exact=True)).to_be_visible()
    assert rows.get_by_text(rule_title(0), exact=True).count() == 0
    assert 0 < _rows(page, "rule-list") <= MAX_ROWS_IN_DOM

    page.get_by_test_id("view-grid").click()
    grid = page.get_by_test_id("rule-grid")
    expect(grid.get_by_test_id("rule-card").first).to_be_visible()
    cards = grid.get_by_test_id("rule-card").count()
    assert 0 < cards <= MAX_ROWS_IN_DOM
    _scroll_to_end(page, "rule-grid")
    expect(grid.locator(f"[data-testid=rule-card] >> text={rule_title(RULES - 1)}")).to_be_visible()

    # Search looks at every rule, not only the rendered ones.
    page.get_by_test_id("rule-search").fill(rule_title(1234))
    expect(page.get_by_text(labels("rules.count", n=1, total=RULES))).to_be_visible()
    page.get_by_test_id("rule-filter-archived").click()
    page.get_by_test_id("rule-search").fill("")
    expect(page.get_by_text(labels("rules.count", n=RULES // 50, total=RULES))).to_be_visible()


def test_ten_thousand_feed_items(page: Page, scale: tuple[Stack, int, int], labels: Labels) -> None:
    stack, feed_id, oldest_id = scale
    log_in(page, stack.url, labels)
    page.goto(f"{stack.url}#/feeds/{feed_id}")
    items = page.get_by_test_id("feed-items")
    newest = items.get_by_test_id("feed-item").first
    expect(newest).to_be_visible()
    assert 0 < _rows(page, "feed-items") <= MAX_ROWS_IN_DOM
    # The oldest item is the last row; its page is fetched when it comes into view.
    _scroll_to_end(page, "feed-items")
    expect(items.locator(f"[data-testid=feed-item][data-id='{oldest_id}']")).to_be_visible()
    assert 0 < _rows(page, "feed-items") <= MAX_ROWS_IN_DOM
