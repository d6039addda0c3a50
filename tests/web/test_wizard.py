"""The first-run wizard in a browser, on a fresh data folder: account (with its field errors),
the real qBittorrent tested live, a Mikan feed tested against the fake site, then into the app."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.downloaders.conftest import Daemon
from tests.helpers import PASSWORD
from tests.web.browser import Labels, check_screen
from tests.web.stack import ApiClient, Fakes, LoopThread, Stack, start_stack


@pytest.fixture
def fresh(
    loop_thread: LoopThread, tmp_path: Path, fakes: Fakes, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Stack]:
    # The wizard's test message goes to the fake Bot API (the daemon reads this at send time).
    monkeypatch.setenv("AB_TELEGRAM_API_BASE", fakes.telegram.base)
    stack = start_stack(loop_thread, tmp_path)
    yield stack
    stack.stop()


def test_wizard_on_a_fresh_install(
    page: Page,
    fresh: Stack,
    qbt: Daemon,
    fakes: Fakes,
    labels: Labels,
    lang: str,
    viewport: str,
) -> None:
    page.goto(fresh.url)
    wizard = page.get_by_test_id("setup-wizard")
    expect(wizard).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text(labels("setup.title"))
    expect(page.locator("html")).to_have_attribute("lang", lang)
    check_screen(page, "wizard-account", lang, viewport)

    # Account: a short password and a mismatch are refused in place.
    page.get_by_label(labels("setup.username"), exact=True).fill("webadmin")
    page.get_by_label(labels("setup.password"), exact=True).fill("short")
    page.get_by_test_id("setup-next").click()
    expect(page.get_by_test_id("field-error")).to_have_text(labels("setup.err_password"))
    page.get_by_label(labels("setup.password"), exact=True).fill(PASSWORD)
    page.get_by_label(labels("setup.password2"), exact=True).fill(PASSWORD + "x")
    page.get_by_test_id("setup-next").click()
    expect(page.get_by_test_id("field-error")).to_have_text(labels("setup.err_password2"))
    check_screen(page, "wizard-account-errors", lang, viewport)
    page.get_by_label(labels("setup.password2"), exact=True).fill(PASSWORD)
    page.get_by_test_id("setup-next").click()

    # The type list offers the in-process `mock` type, saying what it means.
    kind = page.get_by_label(labels("settings.downloader.type"), exact=True)
    expect(kind.locator("option")).to_have_text(["qbittorrent", "transmission", "aria2", "mock"])
    # qBittorrent 5.2's API key is asked for qBittorrent only.
    key = page.get_by_label(labels("settings.downloader.api_key"), exact=True)
    expect(key).to_be_visible()
    kind.select_option("mock")
    expect(page.get_by_text(labels("downloader.limits_mock"), exact=True)).to_be_visible()
    expect(key).to_have_count(0)
    kind.select_option("qbittorrent")
    expect(page.get_by_text(labels("downloader.limits_qbittorrent"), exact=True)).to_be_visible()

    # Downloader: the real qBittorrent, tested through the daemon.
    expect(page.get_by_role("heading", level=2)).to_have_text(labels("setup.step_downloader"))
    page.get_by_label(labels("settings.downloader.host"), exact=True).fill(qbt.host)
    page.get_by_label(labels("settings.downloader.username"), exact=True).fill(qbt.username)
    page.get_by_label(labels("settings.downloader.password"), exact=True).fill("wrong-password")
    page.get_by_test_id("test-downloader").click()
    expect(page.get_by_test_id("downloader-test-result")).to_have_class("test-result bad")
    page.get_by_label(labels("settings.downloader.password"), exact=True).fill(qbt.password)
    # This qBittorrent (4.5) knows no keys: the key is refused and the login is used instead.
    key.fill("qbt_wizardkey0123456789")
    page.get_by_label(labels("settings.downloader.path"), exact=True).fill(str(fresh.root / "library"))
    page.get_by_test_id("test-downloader").click()
    expect(page.get_by_test_id("downloader-test-result")).to_have_class("test-result ok")
    check_screen(page, "wizard-downloader", lang, viewport)
    page.get_by_test_id("setup-next").click()

    # A first feed: the fake Mikan's MyBangumi feed, tested (title and item count shown).
    expect(page.get_by_role("heading", level=2)).to_have_text(labels("setup.step_feed"))
    feed = fakes.mikan.base + "/RSS/MyBangumi?token=wizard"
    page.get_by_label(labels("feeds.url"), exact=True).fill(feed)
    page.get_by_test_id("test-feed").click()
    result = page.get_by_test_id("feed-test-result")
    expect(result).to_have_class("test-result ok")
    expect(result).to_contain_text("Mikan Project")
    check_screen(page, "wizard-feed", lang, viewport)
    page.get_by_test_id("setup-next").click()

    # Notifications: Telegram (the fake Bot API), a wrong token refused, then a real test message.
    expect(page.get_by_role("heading", level=2)).to_have_text(labels("setup.step_notify"))
    page.get_by_label(labels("setup.notify_enable"), exact=True).check()
    chat = f"wizard-{lang}-{viewport}"
    page.get_by_label(labels("settings.notification.token"), exact=True).fill("1:wrong")
    page.get_by_label(labels("settings.notification.chat_id"), exact=True).fill(chat)
    page.get_by_test_id("test-notification").click()
    expect(page.get_by_test_id("notification-test-result")).to_have_class("test-result bad")
    page.get_by_label(labels("settings.notification.token"), exact=True).fill(fakes.telegram.TOKEN)
    page.get_by_test_id("test-notification").click()
    expect(page.get_by_test_id("notification-test-result")).to_have_class("test-result ok")
    assert [m["chat_id"] for m in fakes.telegram.sent if m["chat_id"] == chat] == [chat]
    check_screen(page, "wizard-notify", lang, viewport)
    page.get_by_test_id("setup-next").click()
    # The summary says what will be saved.
    expect(page.get_by_role("heading", level=2)).to_have_text(labels("setup.step_done"))
    expect(wizard).to_contain_text("webadmin")
    expect(wizard).to_contain_text(qbt.host)
    expect(wizard).to_contain_text("telegram")
    check_screen(page, "wizard-summary", lang, viewport)
    page.get_by_test_id("setup-complete").click()

    # Into the app, logged in as the new account; the daemon saved what the wizard said.
    expect(page.get_by_test_id("logout")).to_be_visible()
    expect(page.get_by_test_id("setup-wizard")).to_have_count(0)
    api = ApiClient(fresh.api)
    status = api.call("GET", "/setup/status")
    assert status["need_setup"] is False
    api.call("POST", "/auth/login", {"username": "webadmin", "password": PASSWORD})
    config = api.call("GET", "/config/get")
    assert config["downloader"]["host"] == qbt.host
    assert config["downloader"]["path"] == str(fresh.root / "library")
    assert config["downloader"]["api_key"] == "********"  # saved, and shown masked
    saved = json.loads((fresh.root / "config" / "config.json").read_text("utf-8"))
    assert saved["downloader"]["api_key"] == "qbt_wizardkey0123456789"
    assert config["notification"]["enable"] is True
    feeds = api.call("GET", "/rss")
    assert [f["url"] for f in feeds] == [feed]
    # Reloading keeps the session (the cookie), not the wizard.
    page.reload()
    expect(page.get_by_test_id("logout")).to_be_visible()
