#!/usr/bin/env python3
"""The web page at scale: how long Debian's Chromium takes to show its first screen, 2,000 rules
and a feed of 10,000 items, and to scroll to their ends, against a real daemon + bridge on loopback.

Seeds a fresh data folder like tests/web/test_scale.py (which asserts that only the rows in view
are in the document), then measures, five times each, from the click or the scroll to the moment
the expected row is visible. Also the longest animation frame seen while scrolling the list from
top to bottom in 40 steps. Prints figures; asserts nothing.

Usage: .venv/bin/python bench/web_scale.py [--rules N] [--items N]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from playwright.sync_api import Page, sync_playwright  # noqa: E402

from tests.web.browser import CHROMIUM, Labels, log_in  # noqa: E402
from tests.web.scale_data import rule_title, seed  # noqa: E402
from tests.web.stack import ApiClient, LoopThread, start_stack  # noqa: E402

# Scroll the list in steps, one per frame, and keep the longest gap between frames (ms).
_SCROLL_FRAMES = """async el => {
  const steps = 40, gaps = [];
  let last = performance.now();
  for (let i = 1; i <= steps; i++) {
    el.scrollTop = (el.scrollHeight - el.clientHeight) * i / steps;
    await new Promise(r => requestAnimationFrame(r));
    const now = performance.now();
    gaps.push(now - last);
    last = now;
  }
  return Math.max(...gaps);
}"""


def _timed(action: object, wait: object) -> float:
    t0 = time.perf_counter()
    action()  # type: ignore[operator]
    wait()  # type: ignore[operator]
    return (time.perf_counter() - t0) * 1000


def _line(name: str, ms: list[float]) -> None:
    print(f"  {name:<46} median {statistics.median(ms):7.0f} ms   max {max(ms):7.0f} ms")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--rules", type=int, default=2_000)
    ap.add_argument("--items", type=int, default=10_000)
    args = ap.parse_args()
    loop = LoopThread()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        first = start_stack(loop, root)
        ApiClient(first.api).setup_and_login()
        first.stop()
        feed_id, oldest = seed(root / "data" / "data.db", args.rules, args.items)
        stack = start_stack(loop, root)
        labels = Labels("en")
        try:
            with sync_playwright() as pw:
                browser = pw.chromium.launch(executable_path=CHROMIUM, args=["--disable-gpu"])
                first_render = []
                for _ in range(5):
                    fresh = browser.new_page(viewport={"width": 1280, "height": 800})
                    form = fresh.get_by_test_id("login-form")
                    first_render.append(_timed(lambda: fresh.goto(stack.url), form.wait_for))  # noqa: B023
                    fresh.close()
                page: Page = browser.new_page(viewport={"width": 1280, "height": 800})
                log_in(page, stack.url, labels)
                count = page.get_by_text(labels("rules.count", n=args.rules, total=args.rules))
                lst = page.get_by_test_id("rule-list")
                last = lst.get_by_text(rule_title(args.rules - 1), exact=True)
                items = page.get_by_test_id("feed-items")
                oldest_row = items.locator(f"[data-testid=feed-item][data-id='{oldest}']")
                shows, ends, frames, feed_first, feed_end = [], [], [], [], []
                for _ in range(5):
                    page.goto(stack.url + "#/")
                    page.get_by_test_id("nav-rules").wait_for()
                    shows.append(_timed(lambda: page.get_by_test_id("nav-rules").click(), count.wait_for))
                    page.get_by_test_id("view-list").click()
                    ends.append(
                        _timed(
                            lambda: lst.evaluate("el => { el.scrollTop = el.scrollHeight; }"), last.wait_for
                        )
                    )
                    lst.evaluate("el => { el.scrollTop = 0; }")
                    frames.append(float(lst.evaluate(_SCROLL_FRAMES)))
                    feed_first.append(
                        _timed(
                            lambda: page.goto(f"{stack.url}#/feeds/{feed_id}"),
                            lambda: items.get_by_test_id("feed-item").first.wait_for(),
                        )
                    )
                    feed_end.append(
                        _timed(
                            lambda: items.evaluate("el => { el.scrollTop = el.scrollHeight; }"),
                            oldest_row.wait_for,
                        )
                    )
                browser.close()
        finally:
            stack.stop()
            loop.close()
    print(f"web page at scale: {args.rules} rules, a feed of {args.items} items (Chromium, loopback)")
    _line("first render, a new tab (address → login form)", first_render)
    _line("rules screen shown (click → count)", shows)
    _line("rule list scrolled to its last rule", ends)
    _line("longest frame while scrolling the rule list", frames)
    _line("feed items: first rows shown", feed_first)
    _line("feed items: scrolled to the oldest item", feed_end)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
