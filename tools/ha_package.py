#!/usr/bin/env python3
"""Write the tree of the Home Assistant component's HACS repository from ha_integration/.

HACS installs a repository whose root holds `hacs.json`, a README and exactly one
`custom_components/<domain>/`. This repository keeps the component in `ha_integration/`, so the
published repository is this tree:

    <out>/hacs.json
    <out>/README.md                      ha_integration/README.md, links into the project rewritten
    <out>/custom_components/autobangumi/ every file of the component (no caches)

    python3 tools/ha_package.py                # into build/hacs (make ha-package)
    python3 tools/ha_package.py --out DIR      # elsewhere

The output folder may be empty, or hold only what this tool writes (and a `.git`, so a clone of
the published repository can be refreshed in place: its history is kept). Anything else in it
is refused, so no one's other files are overwritten.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "ha_integration"
# What a previous run left (plus a clone's .git, which is kept): the only entries replaced.
_OURS = {"hacs.json", "README.md", "custom_components"}
# Never shipped: byte code and tool caches that a test run leaves in the source folder.
_SKIP_DIRS = {"__pycache__", ".mypy_cache", ".ruff_cache", ".pytest_cache"}
_SKIP_SUFFIXES = {".pyc", ".pyo"}


class PackageError(Exception):
    def __init__(self, msg_en: str, msg_zh: str) -> None:
        super().__init__(msg_en)
        self.msg_en = msg_en
        self.msg_zh = msg_zh


def _component(source: Path) -> Path:
    found = sorted(p for p in (source / "custom_components").iterdir() if p.is_dir())
    if len(found) != 1:
        raise PackageError(
            f"{source}/custom_components must hold exactly one integration, found {len(found)}.",
            f"{source}/custom_components 中必须恰好有一个集成，实际为 {len(found)} 个。",
        )
    manifest = json.loads((found[0] / "manifest.json").read_text(encoding="utf-8"))
    if manifest.get("domain") != found[0].name:
        raise PackageError(
            f"manifest.json's domain {manifest.get('domain')!r} is not its folder's name {found[0].name!r}.",
            f"manifest.json 的 domain {manifest.get('domain')!r} 与文件夹名 {found[0].name!r} 不一致。",
        )
    return found[0]


def _readme(text: str, repo_url: str) -> str:
    """Links to files outside ha_integration/ would break in the published repository."""

    def absolute(match: re.Match[str]) -> str:
        label, target = match.group(1), match.group(2)
        return f"[{label}]({repo_url}/blob/main/{target.removeprefix('../')})"

    return re.sub(r"\[([^\]]+)\]\((\.\./[^)\s]+)\)", absolute, text)


def _prepare(out: Path) -> None:
    if out.exists() and not out.is_dir():
        raise PackageError(f"{out} exists and is not a folder.", f"{out} 已存在且不是文件夹。")
    if out.is_dir():
        foreign = sorted(p.name for p in out.iterdir() if p.name not in _OURS | {".git"})
        if foreign:
            raise PackageError(
                f"{out} holds files this tool does not write ({', '.join(foreign)}); nothing was changed.",
                f"{out} 中有本工具不会生成的文件（{', '.join(foreign)}）；未做任何更改。",
            )
        for name in _OURS:
            old = out / name
            if old.is_dir():
                shutil.rmtree(old)
            elif old.exists():
                old.unlink()
    out.mkdir(parents=True, exist_ok=True)


def build(out: Path, source: Path = SOURCE) -> list[Path]:
    """Write the tree into `out`; returns the files written (relative to `out`)."""
    component = _component(source)
    manifest = json.loads((component / "manifest.json").read_text(encoding="utf-8"))
    repo_url = str(manifest["issue_tracker"]).removesuffix("/issues")
    _prepare(out.resolve())
    written: list[Path] = []
    target = out / "custom_components" / component.name
    for path in sorted(component.rglob("*")):
        rel = path.relative_to(component)
        if any(part in _SKIP_DIRS for part in rel.parts) or path.suffix in _SKIP_SUFFIXES:
            continue
        if path.is_dir():
            continue
        dest = target / rel
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, dest)
        written.append(dest.relative_to(out))
    shutil.copy2(source / "hacs.json", out / "hacs.json")
    readme = _readme((source / "README.md").read_text(encoding="utf-8"), repo_url)
    (out / "README.md").write_text(readme, encoding="utf-8")
    written += [Path("hacs.json"), Path("README.md")]
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "hacs")
    args = parser.parse_args(argv)
    try:
        files = build(args.out)
    except PackageError as err:
        print(f"ha-package: {err.msg_en}\nha-package：{err.msg_zh}", file=sys.stderr)
        return 2
    print(f"ha-package: {len(files)} files in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
