#!/usr/bin/env python3
"""kill -9 of the serving process in the middle of a rename run, with a real qBittorrent.

60 finished torrents (one episode file each, distinct bytes) sit in the library folder; a rename
run starts and the process is killed once some files have new names; after a restart a second
run finishes the job. Then: every original file's bytes exist exactly once on disk (0 lost, 0
overwritten), every file has its library name, PRAGMA integrity_check ok.

Usage: .venv/bin/python bench/reliability/rename_faults.py [--torrents 60]
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import shutil
import sqlite3
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from pathlib import Path
from typing import Any

import qbittorrentapi

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from bench.reliability.report import machine, table, write_section  # noqa: E402
from tests.downloaders.conftest import make_qbittorrent  # noqa: E402
from tests.downloaders.torrentmaker import make_torrent  # noqa: E402
from tests.reliability.proc import ServeProc  # noqa: E402
from tests.reliability.seed import seed_rules  # noqa: E402


def _call(srv: ServeProc, token: str, method: str, path: str, body: Any = None, timeout: float = 300) -> Any:
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(
        srv.api + path,
        data=data,
        method=method,
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
    )
    with urllib.request.urlopen(req, timeout=timeout) as resp:
        return json.loads(resp.read())


def _digests(folder: Path) -> Counter[str]:
    return Counter(hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.rglob("*.mkv"))


def _renamed(folder: Path) -> int:
    return sum(1 for p in folder.rglob("*.mkv") if " S01E" in p.name)


def _integrity(srv: ServeProc) -> str:
    con = sqlite3.connect(srv.data_dir / "data.db")
    try:
        return str(con.execute("PRAGMA integrity_check").fetchone()[0])
    finally:
        con.close()


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--torrents", type=int, default=60)
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="ab-renamefault-"))
    qbt = make_qbittorrent(tmp / "qbt")
    qbt.start()
    srv = ServeProc(tmp / "ab")
    library = qbt.save_dir / "lib"
    rows: list[tuple[str, str, str]] = []
    try:
        client = qbittorrentapi.Client(host=qbt.host, username=qbt.username, password=qbt.password)
        save = library / "Fault Show" / "Season 1"
        save.mkdir(parents=True)
        stage = tmp / "stage"
        stage.mkdir()
        for ep in range(1, args.torrents + 1):
            name = f"[FaultSub] Fault Show - {ep:02d} [1080p].mkv"
            data = f"episode {ep} ".encode() * 2000
            (stage / name).write_bytes(data)
            torrent, _ = make_torrent(stage / name)
            (save / name).write_bytes(data)
            client.torrents_add(
                torrent_files=torrent, save_path=str(save), category="Bangumi", is_paused=False, tags="ab:1"
            )
        shutil.rmtree(stage)
        before = _digests(library)
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            infos = client.torrents_info(category="Bangumi")
            if len(infos) == args.torrents and all(float(t.progress) >= 1.0 for t in infos):
                break
            time.sleep(0.2)
        srv.start()
        srv.stop()
        seed_rules(srv.data_dir / "data.db", 1, title="Fault Show")  # rule 1, which the tags name
        srv.start()
        token = srv.login()
        _call(srv, token, "PATCH", "/config/update", {
            "downloader": {"type": "qbittorrent", "host": qbt.host, "username": qbt.username,
                           "password": qbt.password, "path": str(library), "ssl": False},
            "bangumi_manage": {"enable": True, "rename_method": "pn", "remove_bad_torrent": False},
        })  # fmt: skip
        _call(srv, token, "GET", "/stop")  # no scheduled run racing the manual ones

        def run(tok: str = token) -> None:
            with contextlib.suppress(urllib.error.URLError, OSError):
                _call(srv, tok, "POST", "/bangumi/rename/run")

        t = threading.Thread(target=run)
        t.start()
        deadline = time.monotonic() + 120
        while _renamed(library) < max(1, args.torrents // 4) and time.monotonic() < deadline and t.is_alive():
            time.sleep(0.005)
        renamed_at_kill = _renamed(library)
        srv.kill9()
        t.join(30)
        integrity_kill = (
            sqlite3.connect(srv.data_dir / "data.db").execute("PRAGMA integrity_check").fetchone()[0]
        )
        srv.start()
        token = srv.login()
        _call(srv, token, "GET", "/stop")
        for _ in range(3):
            _call(srv, token, "POST", "/bangumi/rename/run")
            if _renamed(library) == args.torrents:
                break
        after = _digests(library)
        lost = sum((before - after).values())
        duplicated = sum(n - 1 for n in after.values() if n > 1)
        done = _renamed(library)
        integrity = _integrity(srv)
        ok = lost == 0 and duplicated == 0 and after == before and done == args.torrents
        ok = ok and integrity == integrity_kill == "ok"
        rows.append((
            f"kill -9 mid-rename of {args.torrents} finished torrents, restart, run again",
            f"killed with {renamed_at_kill} renamed; after: {done}/{args.torrents} renamed,"
            f" {lost} files lost,"
            f" {duplicated} duplicated or overwritten; integrity_check {integrity_kill} / {integrity}",
            "pass" if ok else "FAIL",
        ))  # fmt: skip
    finally:
        srv.stop()
        qbt.stop()
    body = table(rows, ("fault", "outcome", "verdict"))
    body += f"\n\n`bench/reliability/rename_faults.py`, real qbittorrent-nox, on a {machine()}."
    write_section("rename-faults", "Faults in the renamer (real qBittorrent)", body)
    return 0 if all(r[2] == "pass" for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
