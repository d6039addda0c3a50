"""The repository stands alone: no test, tool or script reads anything beside the clone."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# A path that climbs out of the repository into a sibling folder, or names the sibling by name.
OUTSIDE = re.compile(r"""parents\[\d+\]\.parent|\.\./shared|["']shared["']\s*/""")


def test_nothing_reads_outside_the_repository() -> None:
    offenders = []
    for folder in ("tests", "tools", "daemon", "rest_bridge", "src", "bench", "ha_integration", ".ci"):
        for path in (ROOT / folder).rglob("*"):
            if path.suffix not in {".py", ".sh", ""} or not path.is_file() or path == Path(__file__):
                continue
            text = path.read_text("utf-8", errors="replace")
            offenders += [f"{path.relative_to(ROOT)}: {m.group(0)}" for m in OUTSIDE.finditer(text)]
    assert offenders == []


def test_the_upstream_fixtures_are_in_the_repository_with_their_origins() -> None:
    folder = ROOT / "tests" / "fixtures" / "upstreams"
    readme = (folder / "README.md").read_text("utf-8")
    files = [p for p in folder.rglob("*") if p.is_file() and p.name != "README.md"]
    assert len(files) > 30
    # Every sample is named in the README that says where it came from.
    missing = [p.name for p in files if p.name not in readme]
    assert missing == []
