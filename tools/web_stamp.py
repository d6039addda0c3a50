"""The build stamp of the committed web bundle (rest_bridge/autobangumi_bridge/webui/).

The bundle is committed so that running, installing and the Docker image need no Node. The
stamp ties it to the sources it was built from: one sha256 over web/'s inputs (its sources,
index.html, package and lock files, Vite and TypeScript configs, the generated contract types)
and one per file of the bundle. `make web` writes it after `npm run build`; the test
tests/contract/test_web_bundle.py recomputes both and fails when the bundle is stale.

    python tools/web_stamp.py write   # after a build
    python tools/web_stamp.py check   # exit 1, saying why, when the bundle is stale
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WEB = ROOT / "web"
BUNDLE = ROOT / "rest_bridge" / "autobangumi_bridge" / "webui"
STAMP_NAME = "build-stamp.json"

# Files at web/'s top level that shape the build; folders whose whole tree does.
_TOP_FILES = ("index.html", "package.json", "package-lock.json")
_TOP_GLOBS = ("vite.config.*", "tsconfig*.json")
_TREES = ("src", "public")


def source_files(web: Path = WEB) -> list[Path]:
    files = [web / n for n in _TOP_FILES if (web / n).is_file()]
    for pattern in _TOP_GLOBS:
        files.extend(p for p in web.glob(pattern) if p.is_file())
    for tree in _TREES:
        files.extend(p for p in (web / tree).rglob("*") if p.is_file())
    return sorted(set(files), key=lambda p: p.relative_to(web).as_posix())


def sources_digest(web: Path = WEB) -> str:
    """sha256 over (relative path, length, bytes) of every input, in path order."""
    h = hashlib.sha256()
    for path in source_files(web):
        data = path.read_bytes()
        h.update(path.relative_to(web).as_posix().encode() + b"\0")
        h.update(str(len(data)).encode() + b"\0")
        h.update(data)
    return h.hexdigest()


def bundle_files(bundle: Path = BUNDLE) -> dict[str, str]:
    out = {}
    for path in sorted(bundle.rglob("*")):
        rel = path.relative_to(bundle).as_posix()
        if path.is_file() and rel != STAMP_NAME:
            out[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
    return dict(sorted(out.items()))


def stamp(web: Path = WEB, bundle: Path = BUNDLE) -> dict[str, object]:
    return {"sources_sha256": sources_digest(web), "files": bundle_files(bundle)}


def problems(web: Path = WEB, bundle: Path = BUNDLE) -> list[str]:
    """Why the committed bundle does not match the sources; empty when it does."""
    path = bundle / STAMP_NAME
    if not path.is_file():
        return [f"{path.relative_to(ROOT)} is missing: run `make web`"]
    recorded = json.loads(path.read_text(encoding="utf-8"))
    out = []
    if recorded.get("sources_sha256") != sources_digest(web):
        out.append("web/ changed since the bundle was built: run `make web` and commit the bundle")
    if recorded.get("files") != bundle_files(bundle):
        out.append("the bundle's files differ from those the build wrote: run `make web`")
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("action", choices=("write", "check"))
    args = ap.parse_args(argv)
    if args.action == "write":
        if not (BUNDLE / "index.html").is_file():
            print(f"web_stamp: no build in {BUNDLE}", file=sys.stderr)
            return 1
        text = json.dumps(stamp(), indent=2, sort_keys=True) + "\n"
        (BUNDLE / STAMP_NAME).write_text(text, encoding="utf-8", newline="\n")
        return 0
    found = problems()
    for p in found:
        print(f"web_stamp: {p}", file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    raise SystemExit(main())
