"""KNOWN DEFECTS, excluded from the reliability verdicts until their fixes land.

Each entry names exactly one case; the suites skip only that case and count how often they met
it. Remove an entry once its fix is merged: the case is then judged like any other.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Known:
    what: str
    op_prefix: str  # the OpenAPI operationId it applies to ("" for the non-fuzz suites)
    matches: Callable[[Any, int], bool]  # (request, status) -> is this the case


# Empty while every defect the suites met is fixed; add an entry (with `# known:`) only for a
# defect whose fix is under way elsewhere, and remove it when the fix lands.
KNOWN: list[Known] = []


def known_case(op_id: str, req: Any, status: int) -> str | None:
    for k in KNOWN:
        if op_id.startswith(k.op_prefix) and k.matches(req, status):
            return k.what
    return None
