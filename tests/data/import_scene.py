"""Rewrite tests/data/published_scene.jsonl from the public test suites it was drafted from.

Usage: `pip download --no-deps --no-binary :all: guessit==4.4.0 parse-torrent-title==2.8.2 -d DIR`,
unpack both in DIR, then `python tests/data/import_scene.py DIR`. Needs PyYAML. Titles are copied
as published; each label is drafted from the suite's own expectation for that name, re-expressed in
this corpus's vocabulary by the rules below (see build_corpus.py for what each batch is). The
parser is not consulted. OVERRIDES holds the labels corrected by hand after review.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

OUT = Path(__file__).with_name("published_scene.jsonl")

# Medium tokens as written -> this corpus's source names; the first one after the show's name
# wins (`The.Girl.in.the.Spiders.Web.2019.1080p.WEB-DL`: the title's `Web` is no medium), else
# the first one before it.
SOURCES = [
    (r"web[-._ ]?dl(?:rip)?|webremux", "WEB-DL"),
    (r"web[-._ ]?rip", "WebRip"),
    (r"b[dr][-. ]?rip|blu[-. ]?ray[-. ]?rip", "BDRip"),
    (r"bd[-. ]?remux", "BDRemux"),
    (r"blu[-. ]?ray|bluray", "BluRay"),
    (r"bd", "BD"),  # `[BD]`, `(BD 1080p)`: a fansub's Blu-ray source, as the Mikan batches name it
    (r"dvd[-. ]?rip", "DVDRip"),
    (r"hd[-. ]?tv(?:rip)?|pdtv", "HDTV"),
    (r"hd[-. ]?rip", "HDRip"),
    (r"tv[-. ]?rip", "TVRip"),
    (r"dvd(?:[59]|r)?", "DVD"),
    (r"web", "WEB"),
]
# Cinema camera copies: no anime release is published that way.
EXCLUDED = re.compile(
    r"(?i)(?<![a-z])(cam(?:rip)?|hdcam|ts|telesync|hdts|tc|telecine|scr|screener|dvdscr|r5)(?![a-z])"
)
OUT_OF_SCOPE_SCRIPT = re.compile(r"[\u0400-\u04ff\u0900-\u0dff]")  # Cyrillic, Indic
BATCH_NAMES = {
    "ptt": "ptt",
    "go-ptn": "goptn",
    "ptn": "ptn",
    "thcolin": "thcolin",
    "ptn-py": "ptnpy",
    "guessit-episodes": "gi-ep",
    "guessit-various": "gi-var",
    "guessit-movies": "gi-mov",
    "guessit-streaming_services": "gi-str",
}
# Reviewed by hand: the upstream expectation follows a convention a person would not.
OVERRIDES: dict[str, dict[str, Any]] = {
    "One Piece - 102": {"episode": 102, "season": 1},  # absolute numbering, as the show is published
    "One Piece - 720": {"episode": 720, "season": 1},
}
WIDTHS = (
    (3840, 2160),
    (2560, 1440),
    (1920, 1080),
    (1280, 720),
    (1024, 576),
    (854, 480),
    (720, 480),
    (640, 360),
)


def source_of(title: str, name: str | None = None) -> str | None:
    start = 0
    if name:
        i = re.sub(r"[._]", " ", title).lower().find(name.lower())
        start = i + len(name) if i >= 0 else 0
    best: tuple[int, str] | None = None
    for rx, medium in SOURCES:
        m = re.compile(r"(?i)(?<![a-z0-9])(?:" + rx + r")(?![a-z])").search(title, start)
        if m and (best is None or m.start() < best[0]):
            best = (m.start(), medium)
    if best is None and start:
        return source_of(title)  # `[BD][1080p] Title 08`: the medium written before the name
    return best[1] if best else None


def resolution_of(ref: dict[str, Any]) -> str | None:
    size = ref.get("screen_size") or ref.get("resolution")
    if size is None:
        return None
    text = str(size)
    if text.lower() in ("4k", "2160p", "uhd"):
        return "2160p"
    m = re.match(r"(\d{3,4})[pi]$", text)
    if m:
        return m.group(1) + "p"
    m = re.match(r"(\d{3,4})x(\d{3,4})", text)
    if m:
        width, height = int(m.group(1)), int(m.group(2))
        return next((f"{h}p" for w, h in WIDTHS if w == width), f"{height}p")
    return text


def as_written(label: str, title: str) -> str:
    """The upstream title, with the casing of the name itself where it only re-cased it."""
    flat = re.sub(r"[._]", " ", title)
    i = flat.lower().find(label.lower())
    if i >= 0 and label.lower() != label and flat[i : i + len(label)] != label:
        return flat[i : i + len(label)]
    return label


def label(title: str, ref: dict[str, Any]) -> dict[str, Any]:
    lab: dict[str, Any] = {}
    if "title" in ref:
        lab["title_en"] = ref["title"]
    ep, season = ref.get("episode"), ref.get("season")
    if "episode" in ref or "season" in ref or "type" in ref:
        batch = False
        if isinstance(ep, list):
            ep, batch = [min(ep), max(ep)], True
        if isinstance(season, list):
            season, batch = min(season), True
        if season is not None and ep is None and ref.get("type") != "movie":
            batch = True  # a season with no episode is the whole season
        if (
            ep is None
            and ref.get("type") == "episode"
            and re.search(r"(?i)(?<![a-z])complete(?![a-z])", title)
        ):
            batch = True  # `Show.COMPLETE.1080p`: every episode (upstream has no word for a pack)
        lab.update(season=int(season) if season is not None else 1, episode=ep, batch=batch)
    if "screen_size" in ref:
        lab["resolution"] = resolution_of(ref)
    if "source" in ref or "quality" in ref:
        lab["source"] = source_of(title, ref.get("title") if isinstance(ref.get("title"), str) else None)
    if "release_group" in ref:
        group = re.sub(
            r"\[[^\]]*\]$", "", ref["release_group"]
        ).strip()  # `LOL[ettv]`: the site is not the group
        m = re.match(r"\[\s*" + re.escape(group) + r"(\W*)\]", title)
        if m and m.group(1):
            group += m.group(1).strip()  # `[SubsPlus+]`
        lab["group"] = group or None
    name = lab.get("title_en")
    if isinstance(name, str):
        lab["title_en"] = name = as_written(name, title)
        if re.search(r"[\u3040-\u30ff\u3400-\u9fff]", name):
            del lab["title_en"]
            lab["title_jp" if re.search(r"[\u3040-\u30ff]", name) else "title_zh"] = name
            lab["title_en"] = None
    lab.update(OVERRIDES.get(title, {}))
    return lab


def entries(root: Path) -> list[tuple[str, str, dict[str, Any]]]:
    import yaml  # only this importer needs it

    tests = next(root.glob("guessit-*/guessit/test"))
    out: list[tuple[str, str, dict[str, Any]]] = []
    for name in ("ptt", "go-ptn", "ptn", "thcolin"):
        data = json.loads((tests / "cross_parser" / f"{name}.json").read_text("utf-8"))
        out += [(name, e["release_name"], e["expected"]) for e in data["entries"]]
    for name in ("episodes.yml", "various.yml", "movies.yml", "streaming_services.yaml"):
        data = yaml.safe_load((tests / name).read_text("utf-8"))
        for key, value in data.items():
            if key == "__default__" or not isinstance(value, dict) or value.get("options"):
                continue
            out.append(("guessit-" + name.split(".")[0], key.lstrip("+-").strip(), value))
    files = next(root.glob("parse_torrent_title-*/tests/files"))
    inputs = json.loads((files / "input.json").read_text("utf-8"))
    outputs = json.loads((files / "output_standard.json").read_text("utf-8"))
    out += [("ptn-py", t, e) for t, e in zip(inputs, outputs, strict=True)]
    return out


def main(root: Path) -> None:
    seen: set[str] = set()
    counts: dict[str, int] = {}
    rows: list[dict[str, Any]] = []
    for src, title, ref in entries(root):
        if not isinstance(title, str) or title in seen or "/" in title or "\\" in title:
            continue  # folder paths label from their folders, not from the name
        seen.add(title)
        if OUT_OF_SCOPE_SCRIPT.search(title) or EXCLUDED.search(title):
            continue
        lab = label(title, ref)
        if not lab:
            continue
        batch = BATCH_NAMES[src]
        counts[batch] = counts.get(batch, 0) + 1
        rows.append(
            {
                "id": f"{batch}-{counts[batch]:03d}",
                "batch": batch,
                "title": title,
                "fields": sorted(lab),
                "expect": lab,
            }
        )
    OUT.write_text("".join(json.dumps(r, ensure_ascii=False, default=str) + "\n" for r in rows), "utf-8")
    print(f"wrote {len(rows)} titles to {OUT}: {counts}")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
