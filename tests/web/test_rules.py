"""Feeds and rules in the browser, against the fake Mikan and a real qBittorrent: an aggregate
feed added and refreshed from the page makes rule cards whose posters load; a rule edited in
the editor keeps the change after a reload; the editor previews what the renamer would do."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.downloaders.conftest import Daemon
from tests.web.browser import Labels, check_screen, go_to, log_in
from tests.web.stack import ApiClient, Fakes, LoopThread, Stack, start_stack

# The shows of the captured MyBangumi feed that the default filter keeps (see tests/feeds).
RULES = 14


@pytest.fixture(scope="module")
def stack(loop_thread: LoopThread, module_root: Path, qbt: Daemon, fakes: Fakes) -> Iterator[Stack]:
    s = start_stack(loop_thread, module_root)
    api = ApiClient(s.api)
    api.setup_and_login(qbt, qbt.save_dir / module_root.name)
    api.point_at_fakes(fakes)
    yield s
    s.stop()


@pytest.fixture(scope="module")
def api(stack: Stack) -> ApiClient:
    client = ApiClient(stack.api)
    client.login()
    return client


def _feed_url(fakes: Fakes, token: str) -> str:
    return f"{fakes.mikan.base}/RSS/MyBangumi?token={token}"


@pytest.fixture
def rules(api: ApiClient, fakes: Fakes) -> list[dict[str, Any]]:
    """The rules the aggregate feed makes, however this test was reached."""
    if not api.call("GET", "/bangumi/get/all"):
        api.call("POST", "/rss/add", {"url": _feed_url(fakes, "api"), "aggregate": True, "parser": "mikan"})
        api.call("GET", "/rss/refresh/all")
    found: list[dict[str, Any]] = api.call("GET", "/bangumi/get/all")
    assert len(found) == RULES
    return found


def test_aggregate_feed_makes_rule_cards_with_posters(
    page: Page, stack: Stack, fakes: Fakes, api: ApiClient, labels: Labels, lang: str, viewport: str
) -> None:
    log_in(page, stack.url, labels)
    go_to(page, "feeds", viewport)
    expect(page.get_by_role("heading", level=1)).to_have_text(labels("nav.feeds"))
    url = _feed_url(fakes, f"{lang}-{viewport}")
    page.get_by_test_id("feed-add").click()
    dialog = page.get_by_role("dialog")
    dialog.get_by_label(labels("feeds.url"), exact=True).fill(url)
    check_screen(page, "feed-add", lang, viewport)
    dialog.get_by_test_id("feed-add-submit").click()
    row = page.get_by_test_id("feed-row").filter(has_text=url)
    expect(row).to_have_count(1)
    row.get_by_test_id("feed-refresh").click()
    expect(row).to_contain_text(labels("feeds.status_ok"), timeout=60_000)
    expect(page.get_by_test_id("refresh-progress")).to_have_count(0, timeout=60_000)
    check_screen(page, "feeds", lang, viewport)

    page.goto(stack.url + "#/rules")
    cards = page.get_by_test_id("rule-card")
    expect(cards.first).to_be_visible()
    titles = {r["official_title"] for r in api.call("GET", "/bangumi/get/all")}
    assert len(titles) == RULES
    # Every card's poster is a real image the browser decoded (lazy ones once scrolled to).
    seen = set()
    for _ in range(40):
        for card in cards.all():
            card.scroll_into_view_if_needed()
            title = card.get_by_role("heading").inner_text()
            img = card.locator("img.poster")
            expect(img).to_have_count(1)
            page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=img.element_handle())
            seen.add(title)
        if seen >= titles:
            break
        page.mouse.wheel(0, 600)
    assert seen == titles
    # The screen as a person arriving at it sees it: at the top, the earlier messages gone
    # (they leave by themselves after a few seconds).
    page.evaluate("window.scrollTo(0, 0)")
    page.get_by_test_id("rule-grid").evaluate("el => { el.scrollTop = 0; }")
    expect(page.get_by_test_id("toast")).to_have_count(0)
    check_screen(page, "rules", lang, viewport)


def test_edit_rule_survives_a_reload(
    page: Page,
    stack: Stack,
    rules: list[dict[str, Any]],
    api: ApiClient,
    labels: Labels,
    lang: str,
    viewport: str,
) -> None:
    rule = sorted(rules, key=lambda r: r["id"])[["en", "zh-CN"].index(lang) * 2 + (viewport == "phone")]
    log_in(page, stack.url, labels)
    page.goto(f"{stack.url}#/rules/{rule['id']}")
    editor = page.get_by_test_id("rule-editor")
    expect(editor).to_be_visible()
    check_screen(page, "rule-editor", lang, viewport)
    word = f"RAW-{lang}-{viewport}"
    exclude = editor.get_by_label(labels("rules.exclude"), exact=True)
    exclude.fill(exclude.input_value() + "\n" + word)
    editor.get_by_label(labels("rules.episode_offset"), exact=True).fill("-12")
    # The rule's own ladder: codec and order.
    editor.get_by_label(labels("rules.preferred_codec"), exact=True).fill("HEVC,10bit")
    editor.get_by_label(labels("rules.preference_order"), exact=True).fill("codec,subtitle")
    page.get_by_test_id("rule-save").click()
    expect(page.get_by_test_id("toast").first).to_be_visible()

    page.reload()
    editor = page.get_by_test_id("rule-editor")
    expect(editor.get_by_label(labels("rules.exclude"), exact=True)).to_have_value(
        re.compile(re.escape(word))
    )
    expect(editor.get_by_label(labels("rules.episode_offset"), exact=True)).to_have_value("-12")
    saved = api.call("GET", f"/bangumi/get/{rule['id']}")
    assert word in saved["filter"].split(",")
    assert saved["episode_offset"] == -12
    assert (saved["preferred_codec"], saved["preference_order"]) == ("HEVC,10bit", "codec,subtitle")
    expect(editor.get_by_label(labels("rules.preferred_codec"), exact=True)).to_have_value("HEVC,10bit")
    assert saved["official_title"] == rule["official_title"]  # the rest unchanged


def test_rename_preview_in_the_editor(
    page: Page, stack: Stack, rules: list[dict[str, Any]], labels: Labels, lang: str, viewport: str
) -> None:
    rule = next(r for r in rules if r["title_raw"] == "Yami Healer")
    log_in(page, stack.url, labels)
    page.goto(f"{stack.url}#/rules/{rule['id']}")
    table = page.get_by_test_id("rename-preview")
    expect(table).to_be_visible()
    items = page.get_by_test_id("rename-item")
    # Two episodes of this show were sent to qBittorrent; each gets its library name.
    expect(items).to_have_count(2)
    for item in items.all():
        expect(item).to_contain_text(re.compile(r"S01E\d\d"))
    table.scroll_into_view_if_needed()
    check_screen(page, "rename-preview", lang, viewport)
