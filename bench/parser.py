"""Parser benchmark: titles per second over the corpus (best of several runs) and per-field accuracy.

Run: `.venv/bin/python bench/parser.py [--runs N]`. One process, one thread.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "daemon"))

from autobangumi_daemon.core.title_parser import ParsedTitle, parse_title  # noqa: E402

CORPUS = ROOT / "tests" / "data" / "titles.jsonl"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--repeat", type=int, default=5, help="passes over the corpus per run")
    args = ap.parse_args(argv)
    rows: list[dict[str, Any]] = [json.loads(x) for x in CORPUS.read_text("utf-8").splitlines() if x]
    titles = [r["title"] for r in rows]

    best = float("inf")
    for _ in range(args.runs):
        t0 = time.perf_counter()
        for _ in range(args.repeat):
            for t in titles:
                parse_title(t)
        best = min(best, time.perf_counter() - t0)
    n = len(titles) * args.repeat
    rate = n / best
    print(f"{len(titles)} titles, best of {args.runs} runs: {rate:,.0f} titles/s ({1e6 / rate:.1f} µs/title)")

    defaults = ParsedTitle().to_dict()
    fields = [f for f in defaults if f != "sub_raw"]
    right = dict.fromkeys(fields, 0)
    full = 0
    for row in rows:
        parsed = parse_title(row["title"])
        got = parsed.to_dict() if parsed else {}
        want = {**defaults, **row["expect"]}
        ok = True
        for f in fields:
            if got.get(f, None if parsed is None else defaults[f]) == want[f]:
                right[f] += 1
            else:
                ok = False
        full += ok
    print(f"fully correct: {full}/{len(rows)} ({full / len(rows):.1%})")
    for f in fields:
        print(f"  {f:<13} {right[f] / len(rows):7.1%}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
