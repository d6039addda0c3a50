"""`autobangumi parse`: print what the parser reads from release titles, as JSON.

`autobangumi parse "TITLE"` prints one indented JSON object; with no title it reads titles one per
line from stdin and writes one compact JSON object per line, in order (a blank or unreadable line
gives an object with `"parsed": false`, so output lines stay aligned with input lines).
`--explain` adds the span list.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any, TextIO

from .explain import explain
from .parser import parse_title

# Always present, null when absent, so tools can rely on the keys.
REQUIRED_KEYS: tuple[str, ...] = ("group", "title_en", "title_zh", "title_jp", "season", "episode")
REQUIRED_KEYS += ("resolution", "source", "sub", "batch")


def result_dict(title: str, with_spans: bool = False) -> dict[str, Any]:
    parsed = parse_title(title)
    data: dict[str, Any] = dict.fromkeys(REQUIRED_KEYS)
    data["batch"] = False
    if parsed is not None:
        data.update(parsed.to_dict())
    data["input"] = title
    data["parsed"] = parsed is not None
    if with_spans:
        data["spans"] = explain(title)
    return data


def _build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="autobangumi parse", description="Parse anime release titles.")
    ap.add_argument("title", nargs="?", help="a release title; omit to read titles from stdin")
    ap.add_argument("--explain", action="store_true", help="also show which span became which field")
    return ap


def main(argv: list[str] | None = None, stdin: TextIO | None = None, stdout: TextIO | None = None) -> int:
    """Entry point used by the main CLI's `parse` subcommand and `python -m ...title_parser`."""
    args = _build_parser().parse_args(argv)
    out = stdout or sys.stdout
    if args.title is not None:
        out.write(json.dumps(result_dict(args.title, args.explain), ensure_ascii=False, indent=2) + "\n")
        return 0
    src = stdin or sys.stdin
    for line in src:
        title = line.rstrip("\r\n")
        out.write(json.dumps(result_dict(title, args.explain), ensure_ascii=False) + "\n")
    out.flush()
    return 0
