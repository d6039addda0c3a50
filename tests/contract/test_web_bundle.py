"""The committed web bundle (rest_bridge/autobangumi_bridge/webui) is the build of today's web/
sources, and a non-editable install carries it."""

from __future__ import annotations

import re
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))

import web_stamp  # noqa: E402


def test_committed_bundle_is_built_from_the_current_sources() -> None:
    assert web_stamp.problems() == []


def test_the_stamp_covers_what_shapes_the_build() -> None:
    names = {p.relative_to(web_stamp.WEB).as_posix() for p in web_stamp.source_files()}
    for needed in (
        "index.html",
        "package.json",
        "package-lock.json",
        "vite.config.ts",
        "tsconfig.json",
        "src/main.tsx",
        "src/api/generated/contract.ts",
        "src/i18n/en.json",
        "src/i18n/zh-CN.json",
    ):
        assert needed in names, needed
    assert not any(n.startswith("node_modules/") for n in names)


def test_the_stamp_sees_a_change_to_any_source(tmp_path: Path) -> None:
    web = tmp_path / "web"
    (web / "src").mkdir(parents=True)
    (web / "index.html").write_text("<div id=app></div>")
    (web / "src" / "main.tsx").write_text("export {};\n")
    before = web_stamp.sources_digest(web)
    (web / "src" / "main.tsx").write_text("export {}; \n")
    assert web_stamp.sources_digest(web) != before
    (web / "src" / "main.tsx").write_text("export {};\n")
    assert web_stamp.sources_digest(web) == before
    (web / "src" / "new.ts").write_text("")
    assert web_stamp.sources_digest(web) != before


def test_index_names_only_files_of_the_bundle() -> None:
    index = (web_stamp.BUNDLE / "index.html").read_text(encoding="utf-8")
    refs = re.findall(r'(?:src|href)="/([^"#?]+)"', index)
    assert any(r.endswith(".js") for r in refs), "the page's script is not in index.html"
    for ref in refs:
        assert (web_stamp.BUNDLE / ref).is_file(), ref


def test_a_wheel_carries_the_bundle(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("autobangumi-*.whl")
    with zipfile.ZipFile(wheel) as zf:
        inside = {n.removeprefix("autobangumi_bridge/webui/") for n in zf.namelist() if "/webui/" in n}
    expected = {
        p.relative_to(web_stamp.BUNDLE).as_posix() for p in web_stamp.BUNDLE.rglob("*") if p.is_file()
    }
    assert inside == expected


def test_first_screen_javascript_is_small() -> None:
    """At most 250 KB of gzipped JavaScript before the first screen can show (every script the
    index loads, and every module those preload)."""
    import gzip

    index = (web_stamp.BUNDLE / "index.html").read_text(encoding="utf-8")
    scripts = re.findall(r'(?:src|href)="/([^"#?]+\.js)"', index)
    assert scripts
    total = sum(len(gzip.compress((web_stamp.BUNDLE / s).read_bytes(), 9)) for s in scripts)
    assert total <= 250 * 1024, f"{total} bytes of gzipped JavaScript on the first screen"
