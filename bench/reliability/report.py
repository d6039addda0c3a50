"""Writing one section of docs/reliability.md, between its markers, and printing it."""

from __future__ import annotations

import os
import platform
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "reliability.md"
HEAD = """# Reliability

Written by the scripts in `bench/reliability/` (`make reliability`); each section is replaced
when its script runs again. Every script runs on loopback only and bounds itself in count and time.
The figures below come from a 2-core machine shared with other work at the time (each section
notes the load average when it started), so expect them to vary.
"""


def machine() -> str:
    cores = os.cpu_count() or 0
    load = os.getloadavg()[0]
    return f"{cores}-core machine, Python {platform.python_version()}, load average {load:.1f} at the start"


def table(rows: list[tuple[str, ...]], header: tuple[str, ...]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(r) + " |" for r in rows]
    return "\n".join(lines)


def write_section(name: str, title: str, body: str) -> None:
    text = DOC.read_text() if DOC.exists() else HEAD
    block = f"<!-- section:{name} -->\n## {title}\n\n{body.strip()}\n<!-- /section:{name} -->"
    pattern = re.compile(rf"<!-- section:{name} -->.*?<!-- /section:{name} -->", re.S)
    text = (
        pattern.sub(lambda _m: block, text) if pattern.search(text) else text.rstrip() + "\n\n" + block + "\n"
    )
    DOC.parent.mkdir(parents=True, exist_ok=True)
    DOC.write_text(text)
    sys.stdout.write(f"\n## {title}\n\n{body.strip()}\n")
