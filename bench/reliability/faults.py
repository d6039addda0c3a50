#!/usr/bin/env python3
"""Faults against real processes on loopback, each bounded in rounds and time:

- kill -9 of `autobangumi serve` while config writes are in flight, then restart: config.json
  parses, the daemon starts, the config read back is one of the written ones;
- a bridge (`autobangumi bridge`) in front of a daemon (`autobangumi daemon`) that is killed and
  started again on the same port: the bridge answers again by itself, with no restart of its own;
- SQLite locked by another process (an exclusive transaction held for a few seconds) while feeds
  are added: every add succeeds once the lock is gone, none is lost, integrity_check is ok.

Usage: .venv/bin/python bench/reliability/faults.py [--rounds 5]
"""

from __future__ import annotations

import argparse
import json
import random
import sqlite3
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from bench.reliability.report import machine, table, write_section
from tests.reliability.proc import FAST_FETCHES, ServeProc


def _call(srv: ServeProc, token: str, method: str, path: str, body: Any = None, timeout: float = 30) -> Any:
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(
        srv.api + path,
        data=data,
        method=method,
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
    )
    with urllib.request.urlopen(req, timeout=timeout) as resp:
        return json.loads(resp.read())


def kill_during_config_writes(rounds: int) -> tuple[str, str, bool]:
    srv = ServeProc(Path(tempfile.mkdtemp(prefix="ab-fault-cfg-")))
    srv.start()
    rng = random.Random(7)
    written: set[int] = {900}
    ok = True
    for _ in range(rounds):
        token = srv.login()
        stop = threading.Event()

        def writer(tok: str = token, stop: threading.Event = stop) -> None:
            n = 0
            while not stop.is_set():
                value = 60 + n % 5000
                written.add(value)
                try:
                    _call(srv, tok, "PATCH", "/config/update", {"program": {"rss_time": value}}, timeout=5)
                except (urllib.error.URLError, OSError):
                    return
                n += 1

        threads = [threading.Thread(target=writer) for _ in range(4)]
        for t in threads:
            t.start()
        time.sleep(0.3 + rng.random() * 0.7)
        srv.kill9()
        stop.set()
        for t in threads:
            t.join(10)
        cfg = json.loads(srv.config_dir.joinpath("config.json").read_text())  # must parse
        srv.start()
        got = _call(srv, srv.login(), "GET", "/config/get")["program"]["rss_time"]
        ok &= got in written and cfg["program"]["rss_time"] == got
    srv.stop()
    return (
        f"kill -9 during config writes, {rounds} rounds",
        "config.json parses and holds a written value",
        ok,
    )


def bridge_survives_daemon_restart(rounds: int) -> tuple[str, str, bool]:
    root = Path(tempfile.mkdtemp(prefix="ab-fault-bridge-"))
    daemon = ServeProc(root, command="daemon")
    daemon.start()
    bridge = ServeProc(root / "bridge", command="bridge", daemon_target=daemon.grpc_target)
    bridge.start()
    worst = 0.0
    ok = True
    for _ in range(rounds):
        daemon.kill9()
        t0 = time.monotonic()
        daemon.start()
        while True:
            try:
                with urllib.request.urlopen(bridge.api + "/status", timeout=5) as resp:
                    if resp.status == 200 and json.loads(resp.read()).get("version"):
                        break
            except (urllib.error.URLError, OSError):
                pass
            if time.monotonic() - t0 > 60:
                ok = False
                break
            time.sleep(0.05)
        worst = max(worst, time.monotonic() - t0)
        ok &= bridge.proc is not None and bridge.proc.poll() is None
    token = bridge.login()
    ok &= isinstance(_call(bridge, token, "GET", "/config/get"), dict)
    bridge.stop()
    daemon.stop()
    return (
        f"daemon kill -9 and restart behind a bridge, {rounds} rounds",
        f"bridge answers again within {worst:.1f} s (includes daemon start)",
        ok,
    )


def sqlite_locked(rounds: int) -> tuple[str, str, bool]:
    srv = ServeProc(Path(tempfile.mkdtemp(prefix="ab-fault-lock-")), extra_env=dict(FAST_FETCHES))
    srv.start()
    token = srv.login()
    added = 0
    failures = 0
    for r in range(rounds):
        con = sqlite3.connect(srv.data_dir / "data.db", timeout=30, isolation_level=None)
        con.execute("BEGIN EXCLUSIVE")
        results: list[bool] = []

        def add(n: int, rr: int = r, results: list[bool] = results) -> None:
            try:
                body = {"url": f"http://127.0.0.1:9/locked-{rr}-{n}.xml", "name": f"l{rr}-{n}"}
                _call(srv, token, "POST", "/rss/add", body, timeout=60)
                results.append(True)
            except (urllib.error.URLError, OSError):
                results.append(False)

        threads = [threading.Thread(target=add, args=(n,)) for n in range(5)]
        for t in threads:
            t.start()
        time.sleep(3.0)  # the lock is held while the adds wait
        con.execute("COMMIT")
        con.close()
        for t in threads:
            t.join(90)
        added += sum(results)
        failures += results.count(False)
    feeds = _call(srv, token, "GET", "/rss")
    srv.stop()
    con = sqlite3.connect(srv.data_dir / "data.db")
    integrity = con.execute("PRAGMA integrity_check").fetchone()[0]
    con.close()
    ok = failures == 0 and len(feeds) == 5 * rounds and integrity == "ok"
    return (
        f"SQLite held by another process for 3 s, {rounds} rounds × 5 feed adds",
        f"{added} added, {failures} failed, {len(feeds)} in the list; integrity_check {integrity}",
        ok,
    )


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=5)
    args = ap.parse_args()
    results = []
    for fault in (kill_during_config_writes, bridge_survives_daemon_restart, sqlite_locked):
        t0 = time.monotonic()
        name, outcome, ok = fault(args.rounds)
        results.append((name, outcome, "pass" if ok else "FAIL", f"{time.monotonic() - t0:.0f} s"))
    body = table(results, ("fault", "outcome", "verdict", "took"))
    body += f"\n\n`bench/reliability/faults.py`, on a {machine()}."
    write_section("faults", "Faults", body)
    return 0 if all(r[2] == "pass" for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
