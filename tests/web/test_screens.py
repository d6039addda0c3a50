"""Search with live results and subscribing, settings with a field error, the live log, and
every screen of the app checked for accessibility and photographed, in both languages."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.downloaders.conftest import Daemon
from tests.web.browser import Console, Labels, check_screen, go_to, log_in
from tests.web.stack import ApiClient, Fakes, LoopThread, Stack, start_stack


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


def test_search_streams_results_and_subscribes(
    page: Page, stack: Stack, api: ApiClient, labels: Labels, lang: str, viewport: str
) -> None:
    log_in(page, stack.url, labels)
    go_to(page, "search", viewport)
    expect(page.get_by_role("heading", level=1)).to_have_text(labels("nav.search"))
    page.get_by_label(labels("search.site"), exact=True).select_option("mikan")
    page.get_by_label(labels("search.keywords"), exact=True).fill("夏日口袋")
    page.get_by_test_id("search-submit").click()
    result = page.get_by_test_id("search-result")
    expect(result).to_have_count(1)
    expect(result).to_contain_text("Summer Pockets")
    expect(page.get_by_role("status").filter(has_text=labels.pattern("search.done"))).to_have_text(
        labels("search.done", n=1)
    )
    # The show's poster came through the daemon's poster cache.
    poster = page.locator("article.search-show img.poster")
    expect(poster).to_have_count(1)
    page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=poster.element_handle())
    check_screen(page, "search", lang, viewport)

    result.get_by_test_id("search-subscribe").click()
    expect(page.get_by_test_id("toast").first).to_be_visible()
    rules = [r for r in api.call("GET", "/bangumi/get/all") if r["title_raw"] == "Summer Pockets"]
    assert len(rules) == 1  # subscribing again does not make a second rule
    assert rules[0]["official_title"] == "夏日口袋"
    assert rules[0]["rss_link"] in {f["url"] for f in api.call("GET", "/rss")}


def test_settings_field_error_then_saved(
    page: Page, stack: Stack, api: ApiClient, labels: Labels, lang: str, viewport: str, console: Console
) -> None:
    console.expect_http_error(422)  # the bad value, below
    before = api.call("GET", "/config/get")["program"]["rss_time"]
    log_in(page, stack.url, labels)
    go_to(page, "settings", viewport)
    form = page.get_by_test_id("settings-form")
    expect(form).to_be_visible()
    check_screen(page, "settings", lang, viewport)
    interval = form.get_by_label(labels("cfg.program.rss_time"), exact=True)
    interval.fill("5")
    page.get_by_test_id("settings-save").click()
    error = form.get_by_test_id("field-error")
    expect(error).to_have_count(1)
    expect(error).to_contain_text("30..604800")
    # In the page's language: the daemon's Chinese message on the Chinese page.
    expect(error).to_contain_text("超出范围" if lang == "zh-CN" else "is outside")
    expect(interval).to_have_attribute("aria-invalid", "true")
    expect(interval).to_be_focused()
    check_screen(page, "settings-error", lang, viewport)
    assert api.call("GET", "/config/get")["program"]["rss_time"] == before  # nothing changed

    value = str(1800 + 60 * ["en", "zh-CN"].index(lang) + (viewport == "phone"))
    interval.fill(value)
    expect(error).to_have_count(0)
    # The default preference ladder, one entry per line.
    form.get_by_label(labels("cfg.preference.codecs"), exact=True).fill("HEVC\n10bit")
    # The default downloader's library: a relative root is refused at its field, in the page's
    # language, and nothing is saved; then a real root, a mode, a path mapping and a media server.
    root = form.locator('[name="downloader.library_root"]')
    root.fill("library")
    page.get_by_test_id("settings-save").click()
    expect(error).to_have_count(1)
    expect(error).to_contain_text("绝对路径" if lang == "zh-CN" else "absolute path")
    expect(root).to_have_attribute("aria-invalid", "true")
    assert api.call("GET", "/config/get")["program"]["rss_time"] == before
    library = f"/srv/library-{lang}-{viewport}"
    root.fill(library)
    expect(error).to_have_count(0)
    form.locator('[name="downloader.library_mode"]').select_option("copy")
    if form.get_by_test_id("path-mapping").count() == 0:
        form.get_by_test_id("path-mapping-add").first.click()
    form.locator('[name="downloader.path_mappings[0].downloader_path"]').fill("/downloads")
    form.locator('[name="downloader.path_mappings[0].local_path"]').fill("/mnt/nas/downloads")
    if form.get_by_test_id("media-server").count() == 0:
        form.get_by_test_id("media-server-add").click()
    form.locator('[name="media_server.servers[0].type"]').select_option("emby")
    form.locator('[name="media_server.servers[0].url"]').fill("http://127.0.0.1:8096")
    form.locator('[name="media_server.servers[0].token"]').fill("emby-key")
    # Emby in Docker sees the library under /media.
    if form.get_by_test_id("server-mapping").count() == 0:
        form.get_by_test_id("server-mapping-add").click()
    form.locator('[name="media_server.servers[0].path_mappings[0].local_path"]').fill(library)
    form.locator('[name="media_server.servers[0].path_mappings[0].server_path"]').fill("/media")
    page.get_by_test_id("settings-save").click()
    expect(page.get_by_test_id("toast").first).to_be_visible()
    page.reload()
    interval = page.get_by_test_id("settings-form").get_by_label(labels("cfg.program.rss_time"), exact=True)
    expect(interval).to_have_value(value)
    assert str(api.call("GET", "/config/get")["program"]["rss_time"]) == value
    saved = api.call("GET", "/config/get")
    assert saved["preference"]["codecs"] == ["HEVC", "10bit"]
    assert saved["downloader"]["library_root"] == library
    assert saved["downloader"]["library_mode"] == "copy"
    assert saved["downloader"]["path_mappings"] == [
        {"downloader_path": "/downloads", "local_path": "/mnt/nas/downloads"}
    ]
    assert [(m["type"], m["url"], m["token"]) for m in saved["media_server"]["servers"]] == [
        ("emby", "http://127.0.0.1:8096", "********")
    ]
    mapped = saved["media_server"]["servers"][0]["path_mappings"]
    assert mapped == [{"local_path": library, "server_path": "/media"}]
    expect(page.locator('[name="downloader.library_root"]')).to_have_value(library)


def test_a_named_downloader_is_tested_with_its_own_saved_password(
    page: Page, stack: Stack, api: ApiClient, qbt: Daemon, labels: Labels, viewport: str
) -> None:
    """The page shows the instance's password masked; its Test connection means that saved
    password, for the address it was saved with only (never for one just typed)."""
    port = qbt.host.rsplit(":", 1)[1]
    saved_at = f"localhost:{port}"
    second = {"name": "second", "type": "qbittorrent", "host": saved_at, "username": qbt.username,
              "password": qbt.password, "path": str(qbt.save_dir / "second")}  # fmt: skip
    api.call("PATCH", "/config/update", {"downloaders": [second]})
    try:
        log_in(page, stack.url, labels)
        go_to(page, "settings", viewport)
        card = page.get_by_test_id("downloader-instance")
        expect(card).to_have_count(1)
        expect(card.locator('[name="downloaders[0].password"]')).to_have_value("********")
        result = card.get_by_test_id("downloader-instance-test-result")
        card.get_by_test_id("downloader-instance-test").click()
        expect(result).to_have_class("test-result ok")
        # The same daemon under another address: the saved password is not sent there.
        card.locator('[name="downloaders[0].host"]').fill(f"127.0.0.1:{port}")
        card.get_by_test_id("downloader-instance-test").click()
        expect(result).to_have_class("test-result bad")
    finally:
        api.call("PATCH", "/config/update", {"downloaders": []})


def test_live_log(page: Page, stack: Stack, api: ApiClient, labels: Labels, lang: str, viewport: str) -> None:
    api.call("GET", "/rss/refresh/all")  # at least one such line in the file already
    log_in(page, stack.url, labels)
    go_to(page, "log", viewport)
    lines = page.get_by_test_id("log-line")
    expect(lines.first).to_be_visible()
    page.get_by_test_id("log-search").fill("Refreshed")
    expect(lines.first).to_contain_text("Refreshed")
    count = lines.count()
    check_screen(page, "log", lang, viewport)
    # A line the daemon writes now arrives without a reload (the event stream).
    api.call("GET", "/rss/refresh/all")
    expect(lines).to_have_count(count + 1, timeout=20_000)
    expect(lines.last).to_contain_text(re.compile(r"Refreshed \d+ feed\(s\)"))


# Every screen of the app by its route, and what it must show once loaded (with the searched
# show subscribed: its rule, feed and downloads).
SCREENS = {
    "dashboard": ("", None),
    "rules-list": ("rules", "rule-card"),
    "feeds": ("feeds", "feed-row"),
    "downloads": ("downloads", "torrent-row"),
    "calendar": ("calendar", "calendar-day"),
    "account": ("account", None),
    "explain": ("explain", None),
}


@pytest.fixture
def subscribed(api: ApiClient, fakes: Fakes) -> None:
    """The searched show subscribed (as the search test does), however this test was reached."""
    if any(r["title_raw"] == "Summer Pockets" for r in api.call("GET", "/bangumi/get/all")):
        return
    url = fakes.mikan.base + "/RSS/Search?searchstr=%E5%A4%8F%E6%97%A5%E5%8F%A3%E8%A2%8B"
    rule = api.call("POST", "/rss/analysis", {"url": url, "parser": "mikan"})
    api.call("POST", "/rss/subscribe", {"data": rule, "rss": {"url": url}})


def test_every_screen(
    page: Page, stack: Stack, api: ApiClient, subscribed: None, labels: Labels, lang: str, viewport: str
) -> None:
    log_in(page, stack.url, labels)
    for name, (route, item) in SCREENS.items():
        page.goto(f"{stack.url}#/{route}")
        expect(page.locator("main h1").first).to_be_visible()
        if item:
            expect(page.get_by_test_id(item).first).to_be_visible()
        expect(page.locator("[aria-busy=true], .loading")).to_have_count(0)
        check_screen(page, name, lang, viewport)
    feed = api.call("GET", "/rss")[0]
    page.goto(f"{stack.url}#/feeds/{feed['id']}")
    expect(page.get_by_test_id("feed-item").first).to_be_visible()
    check_screen(page, "feed-items", lang, viewport)


def test_api_reference_page(page: Page, stack: Stack, lang: str, viewport: str) -> None:
    page.goto(stack.api + "/docs")
    ops = page.locator("#ops details")
    expect(ops.first).to_be_visible()
    total = ops.count()
    assert total > 90  # every binding of the contract
    page.get_by_label("Filter by path or method name").fill("auth/login")
    visible = page.locator("#ops details:not([hidden])")
    expect(visible).to_have_count(1)
    visible.locator("summary").click()
    expect(visible).to_contain_text("Public")
    expect(visible.get_by_role("link", name="LoginRequest")).to_be_visible()
    check_screen(page, "api-docs", lang, viewport)
