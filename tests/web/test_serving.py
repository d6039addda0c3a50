"""The web page at `/` from a real daemon + bridge: the bundle shipped in the package by default,
another folder through AB_WEB_DIR (AutoBangumi 3.2's WebUI), with caching, gzip and types."""

from __future__ import annotations

import gzip
import re
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest

from autobangumi_app.server import start_serve
from autobangumi_bridge.webpage import PACKAGED_WEB_DIR
from autobangumi_daemon.paths import AppPaths
from tests.helpers import TEST_POLICY, Server

IMMUTABLE = "public, max-age=31536000, immutable"
# A Vite build of AutoBangumi 3.2's WebUI, in miniature: hashed assets, history routes.
SCRIPT = "console.log('AutoBangumi 3.2 WebUI');\n" * 40
STYLE = "body { color: #123456; }\n" * 40


@pytest.fixture
def ab32_dist(tmp_path: Path) -> Path:
    dist = tmp_path / "dist"
    (dist / "assets").mkdir(parents=True)
    (dist / "index.html").write_text(
        '<!doctype html><html><head><script type="module" src="/assets/index-Ab3_x9Zq.js"></script>'
        '<link rel="stylesheet" href="/assets/index-Q1w2E3r4.css"></head>'
        '<body><div id="app">AutoBangumi 3.2</div></body></html>',
        encoding="utf-8",
    )
    (dist / "assets" / "index-Ab3_x9Zq.js").write_text(SCRIPT, encoding="utf-8")
    (dist / "assets" / "index-Q1w2E3r4.css").write_text(STYLE, encoding="utf-8")
    (dist / "images").mkdir()
    (dist / "images" / "logo.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"/>', encoding="utf-8")
    (dist / "favicon.ico").write_bytes(b"\x00\x00\x01\x00" + bytes(60))
    (tmp_path / "secret.txt").write_text("outside the web folder", encoding="utf-8")
    return dist


async def _serve(paths: AppPaths) -> Server:
    running = await start_serve(paths, "127.0.0.1", 0, "127.0.0.1:0", TEST_POLICY)
    return Server(running, paths)


@pytest.fixture
async def ab32_server(
    ab32_dist: Path, paths: AppPaths, monkeypatch: pytest.MonkeyPatch
) -> AsyncIterator[Server]:
    monkeypatch.setenv("AB_WEB_DIR", str(ab32_dist))
    srv = await _serve(paths)
    try:
        yield srv
    finally:
        await srv.running.stop()


@pytest.fixture
async def raw_http() -> AsyncIterator[aiohttp.ClientSession]:
    """A client that shows the bytes on the wire (no automatic gunzip)."""
    async with aiohttp.ClientSession(auto_decompress=False) as session:
        yield session


async def test_ab_web_dir_serves_another_web_page(
    ab32_server: Server, raw_http: aiohttp.ClientSession
) -> None:
    async with raw_http.get(ab32_server.base + "/", headers={"Accept-Encoding": "identity"}) as resp:
        assert resp.status == 200
        assert resp.content_type == "text/html"
        assert resp.headers["Cache-Control"] == "no-cache"
        assert "AutoBangumi 3.2" in await resp.text()
    # History routes of that page get its index.html.
    for route in ("/login", "/rss", "/bangumi/12"):
        async with raw_http.get(ab32_server.base + route, headers={"Accept-Encoding": "identity"}) as resp:
            assert resp.status == 200, route
            assert "AutoBangumi 3.2" in await resp.text()
    async with raw_http.get(ab32_server.base + "/images/logo.svg") as resp:
        assert resp.status == 200
        assert resp.content_type == "image/svg+xml"
        assert resp.headers["Cache-Control"] == "no-cache"  # not hashed: revalidated
    async with raw_http.get(ab32_server.base + "/favicon.ico") as resp:
        assert resp.status == 200
        assert resp.content_type == "image/x-icon"


async def test_hashed_assets_are_immutable_and_gzipped(
    ab32_server: Server, raw_http: aiohttp.ClientSession
) -> None:
    for name, ctype, text in (
        ("index-Ab3_x9Zq.js", "text/javascript", SCRIPT),
        ("index-Q1w2E3r4.css", "text/css", STYLE),
    ):
        url = f"{ab32_server.base}/assets/{name}"
        async with raw_http.get(url, headers={"Accept-Encoding": "gzip, deflate, br"}) as resp:
            assert resp.status == 200
            assert resp.content_type == ctype
            assert resp.charset == "utf-8"
            assert resp.headers["Cache-Control"] == IMMUTABLE
            assert resp.headers["Content-Encoding"] == "gzip"
            assert resp.headers["X-Content-Type-Options"] == "nosniff"
            packed = await resp.read()
            etag = resp.headers["ETag"]
        assert len(packed) < len(text) / 4
        assert gzip.decompress(packed).decode() == text
        # A client that cannot gunzip gets the plain bytes.
        async with raw_http.get(url, headers={"Accept-Encoding": "identity"}) as resp:
            assert "Content-Encoding" not in resp.headers
            assert await resp.text() == text
            assert resp.headers["ETag"] == etag
        async with raw_http.get(url, headers={"If-None-Match": etag}) as resp:
            assert resp.status == 304
            assert await resp.read() == b""
        async with raw_http.head(url, headers={"Accept-Encoding": "identity"}) as resp:
            assert resp.status == 200
            assert int(resp.headers["Content-Length"]) == len(text)
            assert await resp.read() == b""


async def test_missing_files_and_api_paths_are_not_the_page(
    ab32_server: Server, raw_http: aiohttp.ClientSession
) -> None:
    # A missing script must be a 404, never index.html served as JavaScript.
    for path in ("/assets/index-Zz9_Zz9Z.js", "/assets/gone.css", "/robots.txt"):
        async with raw_http.get(ab32_server.base + path) as resp:
            assert resp.status == 404, path
            assert resp.content_type != "text/html"
    async with raw_http.get(ab32_server.api + "/no/such/endpoint") as resp:
        assert resp.status == 404
        body = await resp.json()
        assert body["msg_en"] == "Not found."
        assert body["msg_zh"] == "请求的接口不存在。"
    # Nothing outside the folder, however the path is spelled.
    for path in ("/../secret.txt", "/%2e%2e/secret.txt", "/assets/..%2f..%2fsecret.txt"):
        async with raw_http.get(ab32_server.base + path) as resp:
            assert "outside the web folder" not in await resp.text(), path


async def test_the_packaged_bundle_is_the_default(
    paths: AppPaths, raw_http: aiohttp.ClientSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("AB_WEB_DIR", raising=False)
    srv = await _serve(paths)
    try:
        index = (PACKAGED_WEB_DIR / "index.html").read_text(encoding="utf-8")
        async with raw_http.get(srv.base + "/", headers={"Accept-Encoding": "identity"}) as resp:
            assert resp.status == 200
            assert resp.content_type == "text/html"
            assert resp.headers["Cache-Control"] == "no-cache"
            assert await resp.text() == index
        # Every script and stylesheet the page names is there, typed and cached for good.
        refs = re.findall(r'(?:src|href)="/(assets/[^"]+)"', index)
        for ref in refs:
            async with raw_http.get(f"{srv.base}/{ref}") as resp:
                assert resp.status == 200, ref
                assert resp.headers["Cache-Control"] == IMMUTABLE, ref
                expected = {".js": "text/javascript", ".css": "text/css"}.get(Path(ref).suffix)
                if expected:
                    assert resp.content_type == expected, ref
                assert (PACKAGED_WEB_DIR / ref).stat().st_size > 0
    finally:
        await srv.running.stop()
