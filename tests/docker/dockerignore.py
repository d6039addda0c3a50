"""Which paths a .dockerignore keeps out of the build context, by Docker's documented rules.

No engine can run here, so the tests apply the file themselves: one pattern per line, `#`
comments, paths relative to the context root (a leading `/` is dropped), `*` and `?` within one
path segment, `**` across any number of segments, `!` re-including, the last matching line
winning, and a pattern that matches a folder matching everything inside it.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from pathlib import Path

__all__ = ["DockerIgnore"]


def _regex(pattern: str) -> re.Pattern[str]:
    out: list[str] = []
    i = 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif pattern.startswith("**", i):
            out.append(".*")
            i += 2
        elif pattern[i] == "*":
            out.append("[^/]*")
            i += 1
        elif pattern[i] == "?":
            out.append("[^/]")
            i += 1
        else:
            out.append(re.escape(pattern[i]))
            i += 1
    return re.compile("".join(out) + r"\Z")


@dataclass(frozen=True)
class _Rule:
    regex: re.Pattern[str]
    include: bool


class DockerIgnore:
    def __init__(self, text: str) -> None:
        self._rules: list[_Rule] = []
        for raw in text.splitlines():
            line = raw.strip()
            if not line or line.startswith("#"):
                continue
            include = line.startswith("!")
            pattern = posixpath.normpath(line.removeprefix("!").strip()).lstrip("/")
            self._rules.append(_Rule(_regex(pattern), include))

    @classmethod
    def load(cls, path: Path) -> DockerIgnore:
        return cls(path.read_text(encoding="utf-8"))

    def excluded(self, path: str) -> bool:
        """Whether `path` (relative, '/'-separated) stays out of the context."""
        parts = path.strip("/").split("/")
        prefixes = ["/".join(parts[: n + 1]) for n in range(len(parts))]
        result = False
        for rule in self._rules:
            if any(rule.regex.match(p) for p in prefixes):
                result = not rule.include
        return result
