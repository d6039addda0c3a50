"""Character folding: same-length folding for the parser and lossy folding for matching."""

from __future__ import annotations

import functools
import re
import unicodedata

import opencc

# Full-width ASCII (U+FF01..U+FF5E) maps one-to-one onto ASCII, so folding keeps every index in
# place and spans found in the folded text can be cut from the original.
_WIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_FOLD_TABLE: dict[int, int | str] = {
    **_WIDTH,
    0x3000: " ",  # ideographic space
    0x2012: "-",  # figure dash and en dash, used as the dash before an episode number
    0x2013: "-",
    0x00A0: " ",
    ord("\n"): " ",
    ord("\r"): " ",
    ord("\t"): " ",
    ord("【"): "[",
    ord("】"): "]",
    ord("〖"): "[",
    ord("〗"): "]",
    ord("〔"): "[",
    ord("〕"): "]",
    ord("「"): "「",
    ord("｜"): "|",
    ord("～"): "~",
    ord("〜"): "~",
    ord("–"): "-",
    ord("—"): "-",
    ord("×"): "x",
}
_DISPLAY_TABLE: dict[int, int | str] = {ord("\n"): " ", ord("\r"): " ", ord("\t"): " "}


def fold_same_length(text: str) -> str:
    """Width and bracket folding that never changes the length of the text."""
    if text.isascii() and "\n" not in text and "\t" not in text and "\r" not in text:
        return text  # nothing to fold; skips a translate() on every scene title
    return text.translate(_FOLD_TABLE)


def display_text(text: str) -> str:
    """The text titles are cut from: the original with control whitespace made spaces."""
    if "\n" in text or "\t" in text or "\r" in text:
        return text.translate(_DISPLAY_TABLE)
    return text


@functools.cache
def _converter() -> opencc.OpenCC:
    # Building the converter loads dictionaries (a few ms); do it once per process.
    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """Traditional to Simplified Chinese (OpenCC t2s); other scripts pass through."""
    return str(_converter().convert(text))


# Punctuation and symbols are dropped for matching; what remains is letters, digits and CJK.
_NON_WORD = re.compile(r"[\W_]+")


@functools.lru_cache(maxsize=4096)
def normalize_for_match(text: str) -> str:
    """Fold a title for equality matching: NFKC width, T→S Chinese, case, punctuation, spaces.

    `鬼滅之刃`, `鬼灭之刃` and `鬼灭 之刃!` all give `鬼灭之刃`; `Sousou no Frieren` gives
    `sousou no frieren` (single spaces kept so Latin words stay apart).
    """
    if not isinstance(text, str):
        return ""
    folded = unicodedata.normalize("NFKC", text)
    folded = to_simplified(folded).casefold()
    words = [w for w in _NON_WORD.split(folded) if w]
    out: list[str] = []
    for word in words:
        # Keep a space only between two Latin/digit words; CJK text has no word spaces.
        if out and out[-1][-1:].isascii() and word[:1].isascii():
            out.append(" ")
        out.append(word)
    return "".join(out)
