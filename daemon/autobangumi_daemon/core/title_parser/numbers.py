"""Number words found in release titles: Chinese numerals and Roman season numerals."""

from __future__ import annotations

_DIGITS: dict[str, int] = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "兩": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_UNITS: dict[str, int] = {"十": 10, "百": 100, "千": 1000}

# The characters a Chinese numeral may be written with, for building regex classes.
CHINESE_NUMERAL_CHARS = "零〇一二两兩三四五六七八九十百千"

_ROMAN: dict[str, int] = {
    "II": 2,
    "III": 3,
    "IV": 4,
    "V": 5,
    "VI": 6,
    "VII": 7,
    "VIII": 8,
    "IX": 9,
    "X": 10,
}


def chinese_to_int(text: str) -> int | None:
    """Read 一..九十九十九-style numerals (and plain digits); None if it is not one."""
    if not text:
        return None
    if text.isascii() and text.isdigit():
        return int(text)
    total = 0
    current = 0
    seen = False
    for ch in text:
        if ch in _DIGITS:
            current = _DIGITS[ch]
            seen = True
        elif ch in _UNITS:
            # A bare 十 means 10, so a missing multiplier counts as one.
            total += (current or 1) * _UNITS[ch]
            current = 0
            seen = True
        else:
            return None
    return total + current if seen else None


def roman_to_int(text: str) -> int | None:
    """Season-sized Roman numerals only (II..X); I is too ambiguous to read as a season."""
    return _ROMAN.get(text.upper())


def to_number(text: str) -> int | float | None:
    """An episode number: ASCII digits with an optional .5-style decimal, or a Chinese numeral."""
    if not text:
        return None
    if "." in text:
        try:
            value = float(text)
        except ValueError:
            return None
        return int(value) if value.is_integer() else value
    return chinese_to_int(text)
