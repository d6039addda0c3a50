"""AutoBangumi's webhook body templates, rendered the way AutoBangumi renders them.

A template is JSON text with `{{title}}`, `{{season}}`, `{{episode}}`, `{{poster_url}}` (and
this project's `{{message}}`) in it. AutoBangumi's own templates put text placeholders inside
quotes (`{"title": "{{title}}"}`): there the value is written as escaped JSON string content,
so a title with quotes, backslashes or newlines still gives valid JSON. A placeholder outside
quotes (`{"season": {{season}}}`) is written as a whole JSON value (`1`, `"text"`, `null`).
Unknown placeholders are left as they are.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

__all__ = ["DEFAULT_TEMPLATE", "PLACEHOLDERS", "render_template"]

PLACEHOLDERS = ("title", "season", "episode", "poster_url", "message")
# AutoBangumi's default webhook body.
DEFAULT_TEMPLATE = (
    '{"title": "{{title}}", "season": {{season}}, "episode": {{episode}}, "poster_url": "{{poster_url}}"}'
)
_TOKEN = re.compile(r'\\.|"|\{\{\s*(' + "|".join(PLACEHOLDERS) + r")\s*\}\}")


def _inside_quotes(value: Any) -> str:
    if value is None:
        return ""
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return json.dumps(text, ensure_ascii=False)[1:-1]


def render_template(template: str, values: Mapping[str, Any]) -> str:
    """The template with each known placeholder filled in, escaped for where it stands."""
    out: list[str] = []
    pos = 0
    in_string = False
    for m in _TOKEN.finditer(template):
        out.append(template[pos : m.start()])
        token = m.group(0)
        if m.group(1) is None:
            # A quote (or an escaped character, which never toggles the string state).
            if token == '"':
                in_string = not in_string
            out.append(token)
        else:
            value = values.get(m.group(1))
            out.append(_inside_quotes(value) if in_string else json.dumps(value, ensure_ascii=False))
        pos = m.end()
    out.append(template[pos:])
    return "".join(out)
