"""`$NAME` / `${NAME}` values in settings read the environment (AutoBangumi allows this for
credentials and hosts, so secrets can stay out of config.json)."""

from __future__ import annotations

import os
import re

__all__ = ["expand_vars"]

_VAR = re.compile(r"^\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?$")


def expand_vars(value: str) -> str:
    """Only a whole-value reference is expanded, so a password that merely contains `$` is kept
    as typed; an unset variable gives "" rather than sending the literal `$NAME` anywhere."""
    m = _VAR.match(value.strip()) if value else None
    if m is None:
        return value
    return os.environ.get(m.group(1), "")
