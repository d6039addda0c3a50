"""The README's Layout block names only paths that exist."""

from __future__ import annotations

import re

from tests.cli.procs import ROOT


def layout_paths(text: str) -> list[str]:
    """Paths in the Layout block's name column: a top-level line names paths from the root,
    a line indented by two spaces names paths inside the last top-level folder."""
    section = text.split("## Layout", 1)[1]
    block = re.search(r"^```\n(.*?)^```", section, flags=re.M | re.S)
    assert block is not None, "the Layout section has no code block"
    paths: list[str] = []
    parent = ""
    for line in block.group(1).splitlines():
        indent = len(line) - len(line.lstrip(" "))
        if not line.strip() or indent > 2:
            continue  # a description carried over to the next line
        names = re.split(r" {2,}", line.strip(), maxsplit=1)[0].split()
        if indent == 0:
            paths += names
            parent = names[-1] if names[-1].endswith("/") else ""
        else:
            assert parent, f"an indented line with no folder above it: {line!r}"
            paths += [parent + name for name in names]
    return paths


def test_every_layout_path_exists() -> None:
    paths = layout_paths((ROOT / "README.md").read_text())
    assert len(paths) > 15
    missing = [p for p in paths if not (ROOT / p).exists()]
    assert not missing, f"the README's Layout names paths that do not exist: {missing}"
    for p in paths:
        assert (ROOT / p).is_dir() == p.endswith("/"), f"{p}: a folder ends with /, a file does not"


def test_the_layout_names_where_serve_is_assembled() -> None:
    paths = layout_paths((ROOT / "README.md").read_text())
    assert "src/autobangumi_app/server.py" in paths
    assert "daemon/autobangumi_daemon/pipeline/" in paths


def test_the_test_folders_it_lists_exist() -> None:
    section = (ROOT / "README.md").read_text().split("## Layout", 1)[1]
    listing = re.search(r"^tests/ +(.*?)^\S", section, flags=re.M | re.S)
    assert listing is not None
    named = re.findall(r"\b([a-z_]+)/", listing.group(1))
    assert "api" in named and "cli" in named
    missing = [n for n in named if not (ROOT / "tests" / n).is_dir()]
    assert not missing, f"the Layout lists test folders that do not exist: {missing}"
