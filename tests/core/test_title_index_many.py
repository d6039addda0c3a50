"""The title index with thousands of titles sharing their first characters gives the same
answer as trying every title (the longest whole-word match), titles of one length included."""

from __future__ import annotations

import random

from autobangumi_daemon.core.matching import TitleIndex, _is_word_char
from autobangumi_daemon.core.title_parser import normalize_for_match


def _brute(titles: list[str], name: str) -> str | None:
    text = normalize_for_match(name)
    best: str | None = None
    for key in {normalize_for_match(t) for t in titles}:
        start = text.find(key)
        while start != -1:
            end = start + len(key)
            before_ok = not (start and _is_word_char(text[start]) and _is_word_char(text[start - 1]))
            after_ok = not (end < len(text) and _is_word_char(key[-1]) and _is_word_char(text[end]))
            if before_ok and after_ok:
                if best is None or len(key) > len(best):
                    best = key
                break
            start = text.find(key, start + 1)
    return best


def test_many_titles_with_one_prefix_match_like_trying_each() -> None:
    rng = random.Random(18)
    letters = "abcdefghijklmnopqrstuvwxyz"
    titles = [
        f"Bench Show {''.join(rng.choice(letters) for _ in range(rng.randint(1, 6)))}" for _ in range(3000)
    ]
    titles += ["Bench", "Bench Show", "测试番剧", "测试番剧 第二季", "mono"]
    index: TitleIndex[int] = TitleIndex()
    for i, t in enumerate(titles):
        index.add(t, i)
    names = [f"[BenchSub] {t} - 03 [1080p]" for t in rng.sample(titles, 300)]
    names += [
        "[Sub] Bench Show zzzzzzzz - 01",  # only the shorter titles fit
        "[Sub] Bench Showcase - 01",  # `Bench Show` may not end inside a word
        "[Sub] Monogatari - 01",  # nor `mono` start one
        "[字幕组] 测试番剧 第二季 - 05",
        "nothing at all",
    ]
    for name in names:
        found = index.longest(name)
        assert (found[0] if found else None) == _brute(titles, name), name
