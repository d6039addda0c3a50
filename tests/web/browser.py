"""What every browser test needs: the page's own strings in each language, a console watcher,
axe-core accessibility checks and screenshots."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from playwright.sync_api import ConsoleMessage, Page

ROOT = Path(__file__).resolve().parents[2]
I18N = ROOT / "web" / "src" / "i18n"
AXE = ROOT / "web" / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = ROOT / ".test-reports" / "screenshots"
CHROMIUM = "/usr/bin/chromium"

LANGS = ("en", "zh-CN")
VIEWPORTS = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 360, "height": 740}}


class Labels:
    """The page's strings (web/src/i18n/<lang>.json), so tests find elements as a user reads them."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.table: dict[str, str] = json.loads((I18N / f"{lang}.json").read_text(encoding="utf-8"))

    def __call__(self, key: str, **values: object) -> str:
        text = self.table[key]
        for name, value in values.items():
            text = text.replace("{" + name + "}", str(value))
        return text

    def pattern(self, key: str) -> re.Pattern[str]:
        """The string with its `{placeholders}` matching anything."""
        parts = re.split(r"\{\w+\}", self.table[key])
        return re.compile(".*".join(re.escape(p) for p in parts))


# Chromium reports every HTTP error answer to fetch() as a console error; a test that provokes
# one on purpose names its status, any other is a failure like any script error.
_HTTP_ERROR = re.compile(r"Failed to load resource: the server responded with a status of (\d{3})")


@dataclass
class Console:
    errors: list[str] = field(default_factory=list)
    expected_statuses: set[int] = field(default_factory=set)
    closed: bool = False  # set when the test's steps are over

    def attach(self, page: Page) -> None:
        page.on("console", self._on_console)
        page.on("pageerror", self._on_pageerror)

    def _on_pageerror(self, exc: Exception) -> None:
        if not self.closed:
            self.errors.append(f"pageerror: {exc}")

    def _on_console(self, msg: ConsoleMessage) -> None:
        if msg.type != "error" or self.closed:
            return
        m = _HTTP_ERROR.search(msg.text)
        if m and int(m.group(1)) in self.expected_statuses:
            return
        where = msg.location.get("url", "") if msg.location else ""
        self.errors.append(f"console.error: {msg.text} ({where})")

    def expect_http_error(self, *statuses: int) -> None:
        self.expected_statuses.update(statuses)


def axe_violations(page: Page) -> list[dict[str, Any]]:
    """Serious and critical axe-core findings on the page as it is now."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        assert AXE.is_file(), f"{AXE} is missing: run `make web-typecheck` (npm ci in web/)"
        page.add_script_tag(path=str(AXE))
    result: dict[str, Any] = page.evaluate(
        """async () => {
            const r = await window.axe.run(document, { resultTypes: ['violations'] });
            return { violations: r.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ')) })) };
        }"""
    )
    return [v for v in result["violations"] if v["impact"] in ("serious", "critical")]


def check_screen(page: Page, name: str, lang: str, viewport: str) -> None:
    """A screenshot for the report, then no serious accessibility problem on that screen."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}-{lang}-{viewport}.png"), full_page=True)
    found = axe_violations(page)
    assert not found, f"{name} ({lang}, {viewport}): " + json.dumps(found, ensure_ascii=False, indent=1)


def log_in(page: Page, url: str, labels: Labels) -> None:
    """Open the page at `url` logged in as the test account (through the login form)."""
    from tests.helpers import PASSWORD, USERNAME

    page.goto(url)
    form = page.get_by_test_id("login-form")
    form.wait_for()
    form.get_by_label(labels("login.username"), exact=True).fill(USERNAME)
    form.get_by_label(labels("login.password"), exact=True).fill(PASSWORD)
    page.get_by_test_id("login-submit").click()
    page.get_by_test_id("logout").wait_for()


def go_to(page: Page, section: str, viewport: str) -> None:
    """Follow the navigation link, through the menu button on a phone."""
    if viewport == "phone":
        page.get_by_test_id("menu-button").click()
    page.get_by_test_id("nav-" + section).click()
