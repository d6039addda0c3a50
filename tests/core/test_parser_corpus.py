"""The development corpus (tests/data/titles.jsonl): every title, and the ≥95% bar."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from autobangumi_daemon.core.title_parser import ParsedTitle, parse_title

CORPUS = Path(__file__).resolve().parents[1] / "data" / "titles.jsonl"
ROWS: list[dict[str, Any]] = [json.loads(line) for line in CORPUS.read_text("utf-8").splitlines() if line]

# Fields compared; sub_raw is the tag as written and is checked through `sub` instead.
FIELDS = [f for f in ParsedTitle.__slots__ if f != "sub_raw"]  # type: ignore[attr-defined]
DEFAULTS = ParsedTitle().to_dict()

# Titles we knowingly get wrong, with why. They stay visible as xfails.
KNOWN_FAILURES: dict[str, str] = {
    "mk24-049": "`什么 V/DanMachi V`: a bare `/` between two Roman V's keeps both titles glued",
}


def expected(row: dict[str, Any]) -> dict[str, Any]:
    want = {f: DEFAULTS[f] for f in FIELDS}
    want.update(row["expect"])
    return want


def actual(title: str) -> dict[str, Any] | None:
    parsed = parse_title(title)
    if parsed is None:
        return None
    got = parsed.to_dict()
    return {f: got[f] for f in FIELDS}


def diff(row: dict[str, Any]) -> dict[str, tuple[Any, Any]]:
    got = actual(row["title"])
    want = expected(row)
    if got is None:
        return {"<result>": (want, None)}
    return {f: (want[f], got[f]) for f in FIELDS if want[f] != got[f]}


def test_corpus_size() -> None:
    assert len(ROWS) >= 400
    assert len({r["id"] for r in ROWS}) == len(ROWS)


def test_corpus_accuracy_at_least_95_percent() -> None:
    failures = {r["id"]: diff(r) for r in ROWS}
    failures = {k: v for k, v in failures.items() if v}
    ok = len(ROWS) - len(failures)
    report = "\n".join(f"  {k}: {v}" for k, v in sorted(failures.items()))
    assert ok / len(ROWS) >= 0.95, f"{ok}/{len(ROWS)} fully correct; failures:\n{report}"


@pytest.mark.parametrize(
    "row",
    [
        pytest.param(r, id=r["id"], marks=pytest.mark.xfail(reason=KNOWN_FAILURES[r["id"]], strict=True))
        if r["id"] in KNOWN_FAILURES
        else pytest.param(r, id=r["id"])
        for r in ROWS
    ],
)
def test_title(row: dict[str, Any]) -> None:
    assert diff(row) == {}, row["title"]
