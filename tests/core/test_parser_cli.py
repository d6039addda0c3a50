"""`autobangumi parse` (cli.main) and `python -m autobangumi_daemon.core.title_parser`."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

from autobangumi_daemon.core.title_parser.cli import REQUIRED_KEYS, main

ROOT = Path(__file__).resolve().parents[2]
TITLE = "[LoliHouse] 末日后酒店 / Apocalypse Hotel - 07 [WebRip 1080p HEVC-10bit AAC][简繁日内封字幕]"


def test_single_title_prints_json() -> None:
    out = io.StringIO()
    assert main([TITLE], stdout=out) == 0
    data = json.loads(out.getvalue())
    assert data["group"] == "LoliHouse" and data["episode"] == 7 and data["sub"] == "CHS+CHT+JPN"
    assert data["resolution"] == "1080p" and data["source"] == "WebRip" and data["batch"] is False


def test_stdin_one_object_per_line_in_order() -> None:
    lines = [TITLE, "", "[1080p]", "Girls Band Cry S01E05 VOSTFR 1080p WEB x264 AAC -Tsundere-Raws (ADN)"]
    out = io.StringIO()
    assert main([], stdin=io.StringIO("\n".join(lines) + "\n"), stdout=out) == 0
    rows = [json.loads(x) for x in out.getvalue().splitlines()]
    assert len(rows) == len(lines)
    for row in rows:
        assert set(REQUIRED_KEYS) <= set(row)
    assert rows[0]["title_en"] == "Apocalypse Hotel"
    assert rows[1]["parsed"] is False and rows[1]["title_en"] is None
    assert rows[2]["parsed"] is False and rows[2]["episode"] is None
    assert rows[3]["group"] == "Tsundere-Raws" and rows[3]["season"] == 1 and rows[3]["episode"] == 5


def test_explain_flag() -> None:
    out = io.StringIO()
    main(["--explain", TITLE], stdout=out)
    spans = json.loads(out.getvalue())["spans"]
    assert {"field": "group", "start": 1, "end": 10, "text": "LoliHouse"} in spans


def test_python_dash_m() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "autobangumi_daemon.core.title_parser"],
        input=TITLE + "\n",
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
        check=True,
    )
    assert json.loads(proc.stdout)["title_zh"] == "末日后酒店"
