"""Release-title parser: fansub (`[组] 中文名 / Name - 01 [1080p]`) and scene styles.

Pure code, no I/O. `parse_title` never raises; `explain` shows which span became which field;
`normalize_for_match` folds titles (Traditional/Simplified, width, case, punctuation) for matching.
"""

from .explain import explain
from .model import Episode, EpisodeType, ParsedTitle, Span
from .normalize import normalize_for_match
from .parser import parse_title, parse_with_spans

__all__ = [
    "Episode",
    "EpisodeType",
    "ParsedTitle",
    "Span",
    "explain",
    "normalize_for_match",
    "parse_title",
    "parse_with_spans",
]
