#!/usr/bin/env python3
"""Rename-planning benchmark: 10,000 completed files across 500 rules, planned as the renamer does.

Per rule: a few finished single-episode torrents (video + two subtitles) and one season pack, with
release names in several styles (fansub `- 05`, `[05]`, `第05话`, scene `S01E05`), some v2s,
offsets on a third of the rules, a journal of names other torrents already hold (claims) and a
disk check, so every code path of `plan_torrent` is timed. Nothing touches a downloader or disk.

Prints the wall time (target: under 1 s on the project machine) and how the plans came out.
Usage: .venv/bin/python bench/rename.py [--files 10000] [--rules 500] [--repeat 3]
"""

from __future__ import annotations

import argparse
import gc
import random
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "daemon"))

from autobangumi_daemon.core import rename_plan
from autobangumi_daemon.core.rename_plan import (
    Claim,
    FileIn,
    PlanOptions,
    RuleInfo,
    TorrentIn,
    join_key,
    plan_torrent,
)

ROOT = "/downloads/Bangumi"
GROUPS = [
    "LoliHouse",
    "Lilith-Raws",
    "ANi",
    "Nekomoe kissaten",
    "SweetSub",
    "喵萌奶茶屋&LoliHouse",
    "Sakurato",
]
WORDS = [
    "Sousou",
    "Frieren",
    "Kusuriya",
    "Hitorigoto",
    "Dungeon",
    "Meshi",
    "Boku",
    "Kokoro",
    "Yabai",
    "Yatsu",
    "Oshi",
    "Ko",
    "Spy",
    "Family",
    "Kaijuu",
    "Hibike",
    "Mahou",
    "Shoujo",
    "Tensei",
    "Slime",
]
STYLES = [
    "[{g}] {t} - {e:02d}{v} [WebRip 1080p HEVC-10bit AAC][简繁内封字幕]",
    "[{g}][{t}][{e:02d}{v}][1080p][CHS]",
    "[{g}] {t} 第{e:02d}话{v} [1080P][Baha][WEB-DL]",
    "{t} S01E{e:02d}{v} 1080p WEB x264 AAC",
]


def build(
    files_wanted: int, rules_n: int, seed: int = 7
) -> list[tuple[TorrentIn, RuleInfo, dict[str, Claim]]]:
    rnd = random.Random(seed)
    jobs: list[tuple[TorrentIn, RuleInfo, dict[str, Claim]]] = []
    per_rule = files_wanted // rules_n
    made = 0
    for r in range(rules_n):
        title = " ".join(rnd.sample(WORDS, 3)) + f" {r}"
        offset = rnd.choice([0, 0, 12, -12])
        rule = RuleInfo(r + 1, f"番剧 {r}", "2024", 1, 0, offset)
        save = f"{ROOT}/番剧 {r} (2024)/Season 1"
        group = rnd.choice(GROUPS)
        style = rnd.choice(STYLES)
        budget = per_rule if r < rules_n - 1 else files_wanted - made
        claims: dict[str, Claim] = {}
        ep = 1
        # One season pack of up to 12 episodes with subtitles, the rest as single episodes.
        pack: list[FileIn] = []
        while len(pack) + 2 <= min(budget // 2, 24):
            stem = style.format(g=group, t=title, e=ep, v="")
            pack += [FileIn(f"{title}/{stem}.mkv"), FileIn(f"{title}/{stem}.chs.ass")]
            ep += 1
        if pack:
            jobs.append(
                (
                    TorrentIn(
                        f"{r:08x}p".ljust(40, "0"), f"[{group}] {title} [01-{ep - 1:02d}]", save, tuple(pack)
                    ),
                    rule,
                    claims,
                )
            )
            made += len(pack)
            budget -= len(pack)
        n = 0
        while budget > 0:
            v = "v2" if rnd.random() < 0.1 else ""
            stem = style.format(g=group, t=title, e=ep, v=v)
            files = [FileIn(f"{stem}.mkv"), FileIn(f"{stem}.sc.ass"), FileIn(f"{stem}.tc.ass")][:budget]
            if v:
                # The v1 of this episode was renamed earlier: the v2 must displace it.
                claims[join_key(save, f"{title} S01E{ep:02d}.mkv")] = Claim(
                    "f" * 40, f"{title} S01E{ep:02d}.mkv", 1
                )
            jobs.append((TorrentIn(f"{r:08x}{n:04x}".ljust(40, "0"), stem, save, tuple(files)), rule, claims))
            made += len(files)
            budget -= len(files)
            ep += 1
            n += 1
    return jobs


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--files", type=int, default=10_000)
    ap.add_argument("--rules", type=int, default=500)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    jobs = build(args.files, args.rules)
    n_files = sum(len(t.files) for t, _, _ in jobs)
    options = PlanOptions("pn", ROOT, True)
    on_disk: set[str] = set()
    for _, _, claims in jobs:
        on_disk.update(claims)
    times = []
    statuses: Counter[str] = Counter()
    for i in range(args.repeat):
        rename_plan._parse.cache_clear()  # every run starts cold: no parse is reused between runs
        gc.collect()
        start = time.perf_counter()
        plans = [plan_torrent(t, rule, options, claims, on_disk.__contains__) for t, rule, claims in jobs]
        times.append(time.perf_counter() - start)
        if i == 0:
            statuses = Counter(item.status for p in plans for item in p.items)
    best, worst = min(times), max(times)
    print(f"planned {n_files} files in {len(jobs)} torrents across {args.rules} rules")
    print(f"statuses: {dict(statuses)}")
    print(f"time: best {best:.3f} s, worst {worst:.3f} s over {args.repeat} cold runs (target < 1 s)")
    print(f"per file: {best / n_files * 1e6:.1f} µs")
    return 0 if best < 1.0 else 1


if __name__ == "__main__":
    sys.exit(main())
