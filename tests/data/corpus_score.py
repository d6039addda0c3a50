"""Scoring the parser against tests/data/titles.jsonl; shared by bench/parser.py and the corpus test.

A row with `fields` is scored on those fields only (the ones labelled for it); a row without is
scored on every ParsedTitle field except `sub_raw` (the tag as written, checked through `sub`).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

CORPUS = Path(__file__).with_name("titles.jsonl")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]")


def load(path: Path = CORPUS) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line]


def script(title: str) -> str:
    """`zh` for titles with Han or kana in them, `en` for the rest."""
    return "zh" if _CJK.search(title) else "en"


def traditional(name: str) -> bool:
    """Whether a Chinese name is written in Traditional script (hanzidentifier's tables: only
    Traditional forms, or a mix where the Traditional-only characters decide)."""
    import hanzidentifier  # type: ignore[import-untyped]  # a dev dependency, for the corpus count

    return bool(hanzidentifier.is_traditional(name) and not hanzidentifier.is_simplified(name))


@dataclass
class Score:
    titles: int = 0
    full: int = 0
    right: dict[str, int] = field(default_factory=dict)
    seen: dict[str, int] = field(default_factory=dict)
    failures: dict[str, dict[str, tuple[Any, Any]]] = field(default_factory=dict)

    @property
    def rate(self) -> float:
        return self.full / self.titles if self.titles else 0.0

    def field_rate(self, name: str) -> float:
        return self.right.get(name, 0) / self.seen[name] if self.seen.get(name) else 1.0


def diff(
    row: dict[str, Any], got: dict[str, Any] | None, defaults: dict[str, Any]
) -> dict[str, tuple[Any, Any]]:
    """Field -> (wanted, got) for every scored field the parse got wrong."""
    names: Iterable[str] = row.get("fields") or [f for f in defaults if f != "sub_raw"]
    want = {**defaults, **row["expect"]}
    out: dict[str, tuple[Any, Any]] = {}
    for name in names:
        have = got.get(name) if got is not None else None
        if have != want[name]:
            out[name] = (want[name], have)
    return out


def score(
    rows: Iterable[dict[str, Any]], parse: Callable[[str], dict[str, Any] | None], defaults: dict[str, Any]
) -> Score:
    result = Score()
    for row in rows:
        got = parse(row["title"])
        names = row.get("fields") or [f for f in defaults if f != "sub_raw"]
        wrong = diff(row, got, defaults)
        result.titles += 1
        result.full += not wrong
        for name in names:
            result.seen[name] = result.seen.get(name, 0) + 1
            result.right[name] = result.right.get(name, 0) + (name not in wrong)
        if wrong:
            result.failures[row["id"]] = wrong
    return result
