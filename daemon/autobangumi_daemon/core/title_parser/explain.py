"""Explain a parse: which span of the title became which field.

Used by the web rule editor (highlight the parts of a title) and in users' bug reports.
"""

from __future__ import annotations

from typing import Any

from .parser import parse_with_spans


def explain(text: str) -> list[dict[str, Any]]:
    """Spans as `{field, start, end, text}`, in title order; offsets index `text` itself.

    Besides the ParsedTitle field names, `noise` marks release tags that feed no field
    (`[招募翻译]`, `MP4`, sizes) and `end` marks `END`/`Fin` markers.
    """
    if not isinstance(text, str):
        return []
    try:
        _, spans = parse_with_spans(text)
    except Exception:  # pragma: no cover - same guard as parse_title
        return []
    return [span.to_dict() for span in spans]
