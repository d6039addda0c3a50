"""Rename templates: `{title} S{season}E{episode}` with named placeholders. Pure, no I/O.

A template names an episode file (its stem: the extension, a subtitle's language and the
`.2` of a second subtitle are added by the planner). It is checked when it is saved, so a
template that could put a file outside its season folder, produce a name some filesystem
refuses, or give every episode the same name never reaches the renamer. What a placeholder
renders comes from a feed or a file name, so every value is made safe on its own as well.

`{season}` and `{episode}` are written with two digits at least (`S01E05`, `E12.5`, `E100`);
`{episode:3}` asks for three. `{version}` is `v2` for a second version and nothing for the
first. A placeholder with no value renders nothing, and brackets left empty by it go too, so
`[{group}] {title}` without a group is `{title}`, not `[] {title}`.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass

from autobangumi_daemon.core.savepath import sanitize_fragment
from autobangumi_daemon.errors import DaemonError, invalid

__all__ = [
    "PLACEHOLDERS",
    "TemplateValues",
    "check_template",
    "render_template",
    "uses_version",
]

PLACEHOLDERS = (
    "title",
    "year",
    "season",
    "episode",
    "group",
    "resolution",
    "source",
    "language",
    "version",
)
_NUMBERED = ("season", "episode")
# Characters a file name may not hold on Windows, Linux or a NAS share; `/` and `\` would make
# folders. Literal text with them is refused; values have them replaced (sanitize_fragment).
_UNSAFE_LITERAL = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]')
_EMPTY_BRACKETS = re.compile(r"\[\s*\]|\(\s*\)|【\s*】|（\s*）|\{\s*\}")
_SPACES = re.compile(r"\s+")
# Room for the longest title sanitize_fragment keeps (200 bytes) plus a fair amount of text,
# and still under the 255 bytes most filesystems allow once the extension is added.
_MAX_LITERAL_BYTES = 40
_MAX_TEMPLATE_CHARS = 200


@dataclass(frozen=True, slots=True)
class TemplateValues:
    """What one episode file's name may say. Empty strings and None render nothing."""

    title: str
    season: int
    episode: int | float
    year: str | None = None
    group: str | None = None
    resolution: str | None = None
    source: str | None = None
    language: str | None = None
    version: int = 1


def _bad(en: str, zh: str, field: str) -> DaemonError:
    return invalid(f"Invalid rename template at {field}: {en}", f"{field} 的重命名模板无效：{zh}")


def _fields(template: str, field: str) -> list[tuple[str, str | None, str | None]]:
    """(literal text, placeholder, width) pieces; raises the bilingual error for a bad template."""
    try:
        parsed = list(string.Formatter().parse(template))
    except ValueError:
        raise _bad(
            "a `{` or `}` has no partner (write `{{` or `}}` for a brace itself).",
            "存在未配对的 `{` 或 `}`（花括号本身请写作 `{{` 或 `}}`）。",
            field,
        ) from None
    known = ", ".join("{" + p + "}" for p in PLACEHOLDERS)
    out: list[tuple[str, str | None, str | None]] = []
    for literal, name, spec, conversion in parsed:
        if name is None:
            out.append((literal, None, None))
            continue
        if name not in PLACEHOLDERS or conversion:
            shown = "{" + name + ("!" + conversion if conversion else "") + "}"
            raise _bad(
                f"unknown placeholder {shown}; known ones are {known}.",
                f"未知的占位符 {shown}；可用的占位符为 {known}。",
                field,
            )
        if spec and (name not in _NUMBERED or not re.fullmatch(r"[1-4]", spec)):
            raise _bad(
                f"{{{name}:{spec}}}: only {{season}} and {{episode}} take a width, from 1 to 4 digits.",
                f"{{{name}:{spec}}}：只有 {{season}} 和 {{episode}} 可以指定位数（1 到 4）。",
                field,
            )
        out.append((literal, name, spec or None))
    return out


def check_template(template: str, field: str = "bangumi_manage.rename_template") -> None:
    """Refuse a template the renamer must not use; an empty one (the method's own names) is fine."""
    if template == "":
        return
    if len(template) > _MAX_TEMPLATE_CHARS:
        raise _bad(
            f"longer than {_MAX_TEMPLATE_CHARS} characters.", f"超过 {_MAX_TEMPLATE_CHARS} 个字符。", field
        )
    pieces = _fields(template, field)
    names = {name for _, name, _ in pieces if name is not None}
    literal = "".join(text for text, _, _ in pieces)
    bad = _UNSAFE_LITERAL.search(literal)
    if bad is not None:
        shown = repr(bad.group())
        raise _bad(
            f"{shown} cannot be in a file name (a template names the file, not its folder).",
            f"文件名中不能包含 {shown}（模板只决定文件名，不决定文件夹）。",
            field,
        )
    if len(literal.encode("utf-8")) > _MAX_LITERAL_BYTES:
        raise _bad(
            f"more than {_MAX_LITERAL_BYTES} bytes of text besides placeholders: names would grow too long.",
            f"占位符以外的文字超过 {_MAX_LITERAL_BYTES} 字节，文件名会过长。",
            field,
        )
    if "episode" not in names:
        raise _bad(
            "it needs {episode}: without it every episode would get the same name.",
            "模板必须包含 {episode}：否则每一集都会得到同一个文件名。",
            field,
        )
    if "title" not in names:
        raise _bad(
            "it needs {title}: media servers find the show by the name of its files.",
            "模板必须包含 {title}：媒体服务器依靠文件名识别剧集。",
            field,
        )
    if template.lstrip().startswith("."):
        raise _bad("a name starting with `.` would be hidden.", "以 `.` 开头的文件名会被隐藏。", field)


def uses_version(template: str) -> bool:
    """The template writes the version: then v1 and v2 of an episode have different names."""
    return any(name == "version" for _, name, _ in _fields(template, "template")) if template else False


def _number(value: int | float, width: int) -> str:
    if isinstance(value, float) and not value.is_integer():
        whole, frac = f"{value:.1f}".split(".")
        return f"{int(whole):0{width}d}.{frac}"
    return f"{int(value):0{width}d}"


def _value(name: str, spec: str | None, v: TemplateValues) -> str:
    if name in _NUMBERED:
        return _number(v.season if name == "season" else v.episode, int(spec) if spec else 2)
    if name == "version":
        return f"v{v.version}" if v.version > 1 else ""
    raw = {
        "title": v.title,
        "year": (v.year or "").strip() if (v.year or "").strip().isdigit() else "",
        "group": v.group,
        "resolution": v.resolution,
        "source": v.source,
        "language": v.language,
    }[name]
    # A value comes from a feed or a file name: separators and reserved characters never pass.
    return sanitize_fragment(raw, fallback="") if raw else ""


def render_template(template: str, values: TemplateValues) -> str:
    """The file's stem. `template` has passed `check_template` (a bad one raises here too)."""
    parts: list[str] = []
    for literal, name, spec in _fields(template, "template"):
        parts.append(literal)
        value = _value(name, spec, values).translate(_NO_MARKS) if name is not None else ""
        if value:
            # Marked, so that tidying up below touches only the template's own text: a title
            # such as `-Sons of Anarchy` or `[Oshi no Ko]` keeps its dash and brackets.
            parts.append(_OPEN + value + _CLOSE)
    text = "".join(parts)
    # Brackets a missing value left empty, and the spaces and dashes around them, are noise.
    previous = None
    while previous != text:
        previous, text = text, _EMPTY_BRACKETS.sub("", text)
    text = _SPACES.sub(" ", text).strip(" -_")
    return sanitize_fragment(text.translate(_NO_MARKS), fallback="")


# Private-use characters around each value while the template's text is tidied.
_OPEN, _CLOSE = "\ue000", "\ue001"
_NO_MARKS = {ord(_OPEN): None, ord(_CLOSE): None}
