"""Fixtures for the browser tests: Debian's Chromium driven by Playwright, a real daemon + bridge
per module (on a background loop), the fake upstream sites, and a page per language and size.

Every `page` fails its test if the page logged a console error or threw, unless the test said
which HTTP error statuses it provokes.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.downloaders.conftest import Daemon, make_qbittorrent
from tests.web.browser import CHROMIUM, LANGS, VIEWPORTS, Console, Labels
from tests.web.stack import Fakes, LoopThread, start_fakes, stop_fakes

# Short fetch timeouts and pauses, read by the daemon, as in the feed tests.
_ENV = {"AB_FETCH_TIMEOUT": "1.5", "AB_FETCH_BACKOFF": "0.05", "AB_FEED_HOST_GAP": "0"}


@pytest.fixture(scope="session")
def loop_thread() -> Iterator[LoopThread]:
    saved = {k: os.environ.get(k) for k in (*_ENV, "AB_WEB_DIR")}
    os.environ.update(_ENV)
    os.environ.pop("AB_WEB_DIR", None)  # the page under test is the packaged one
    loop = LoopThread()
    yield loop
    loop.close()
    for k, v in saved.items():
        if v is None:
            os.environ.pop(k, None)
        else:
            os.environ[k] = v


@pytest.fixture(scope="session")
def fakes(loop_thread: LoopThread) -> Iterator[Fakes]:
    sites = loop_thread.run(start_fakes())
    yield sites
    loop_thread.run(stop_fakes(sites))


@pytest.fixture(scope="session")
def qbt(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Daemon]:
    d = make_qbittorrent(tmp_path_factory.mktemp("web-qbt"))
    d.start()
    yield d
    d.stop()


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if shutil.which(CHROMIUM) is None:
        pytest.fail(f"{CHROMIUM} is missing: run tools/install-test-deps.sh (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    # One Playwright per module: its sync API owns the main thread's loop while it is open.
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=["--disable-gpu"])
        yield b
        b.close()


@pytest.fixture(params=LANGS)
def lang(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture(params=list(VIEWPORTS))
def viewport(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def labels(lang: str) -> Labels:
    return Labels(lang)


@pytest.fixture
def console() -> Console:
    return Console()


@pytest.fixture
def page(browser: object, lang: str, viewport: str, console: Console) -> Iterator[object]:
    from playwright.sync_api import Browser

    assert isinstance(browser, Browser)
    context = browser.new_context(
        locale=lang,
        viewport=VIEWPORTS[viewport],  # type: ignore[arg-type]
        is_mobile=viewport == "phone",
        has_touch=viewport == "phone",
        timezone_id="Asia/Shanghai",
    )
    # Actions and assertions alike wait up to 15 s: a busy 2-core machine answers a real
    # qBittorrent login or a feed refresh well past Playwright's 5 s assertion default.
    context.set_default_timeout(15_000)
    expect.set_options(timeout=15_000)
    pg = context.new_page()
    console.attach(pg)
    yield pg
    context.close()
    assert not console.errors, "\n".join(console.errors)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Iterator[None]:
    yield
    # What the page logs after the test's own steps (its server stopping first) is not its fault.
    funcargs = getattr(item, "funcargs", {})
    watcher = funcargs.get("console")
    if isinstance(watcher, Console):
        watcher.closed = True


@pytest.fixture(scope="module")
def module_root(tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest) -> Path:
    return tmp_path_factory.mktemp(Path(str(request.module.__name__)).suffix.lstrip(".") or "web")
