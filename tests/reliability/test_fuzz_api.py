"""Every operation of /api/v1/openapi.json, fuzzed against a real `autobangumi serve` process.

Requests are drawn from the served document (path, query and body schemas; off-schema values
and garbage bodies now and then), with a real token, a cookie, no credential and a forged one.
Every answer: no 5xx, a 200 fits the operation's response schema, an error fits the error body,
a protected route without a valid credential is 401, and a rejected request changes nothing
(rules, feeds, config, search providers, tokens and the account, compared after each one).

Destructive operations (delete, reset, stop, restart, log clear, sign out, account change) run in
a second pass on the same server, once the first pass is over: their valid requests change data
by design, so only the answers are judged there. Shutdown is asked last, once: a clean exit.
Deterministic: derandomised Hypothesis, no example database, no shrinking. AB_FUZZ_EXAMPLES sets
the examples per operation (default 20: about 2,000 fuzzed requests, a minute or two).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from autobangumi_bridge.openapi import openapi_document
from tests.reliability.fuzzcore import DESTRUCTIVE, NOT_FUZZED, Fuzzer, Operation, Request, operations
from tests.reliability.proc import FAST_FETCHES, ServeProc, fd_count
from tests.reliability.seed import seed_rules

EXAMPLES = int(os.environ.get("AB_FUZZ_EXAMPLES", "20"))
OPS = [op for op in operations(openapi_document()) if not op.op_id.startswith(NOT_FUZZED)]
SAFE = [op for op in OPS if not any(word in op.op_id for word in DESTRUCTIVE)]
# Signing out and changing the account end the token the rest uses: they go last.
HARMFUL = sorted(
    (op for op in OPS if op not in SAFE),
    key=lambda op: ("Logout" in op.op_id or "UpdateCredentials" in op.op_id, op.op_id),
)


def _call(srv: ServeProc, token: str, method: str, path: str, body: Any = None) -> Any:
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(
        srv.api + path,
        data=data,
        method=method,
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
    )
    with urllib.request.urlopen(req, timeout=30) as resp:
        return json.loads(resp.read())


@pytest.fixture(scope="module")
def fuzzer(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Fuzzer]:
    srv = ServeProc(tmp_path_factory.mktemp("fuzz"), extra_env=dict(FAST_FETCHES))
    try:
        srv.start()
        srv.stop()
        seed_rules(srv.data_dir / "data.db", 5)
        srv.start()
        token = srv.login()
        # Feeds on a port nothing listens on: refreshes fail fast and never leave the machine.
        for n in range(2):
            _call(srv, token, "POST", "/rss/add", {"url": f"http://127.0.0.1:9/feed{n}.xml", "name": f"f{n}"})
        _call(srv, token, "POST", "/tokens", {"name": "fuzz"})
        # Every upstream site and search provider on that port too: nothing fuzzed reaches the internet.
        nowhere = "http://127.0.0.1:9"
        _call(
            srv,
            token,
            "PATCH",
            "/config/update",
            {
                "network": {
                    "mikan_base_url": nowhere,
                    "tmdb_base_url": nowhere,
                    "tmdb_image_base_url": nowhere,
                    "bgm_base_url": nowhere,
                }
            },
        )
        _call(srv, token, "PUT", "/search/provider/config", {"mikan": nowhere + "/search?q=%s"})
        ids = {
            "bangumi_id": [b["id"] for b in _call(srv, token, "GET", "/bangumi/get/all")],
            "rss_id": [r["id"] for r in _call(srv, token, "GET", "/rss")],
            "id": [t["id"] for t in _call(srv, token, "GET", "/tokens")["tokens"]] + [1],
            "path": ["x.jpg", "..%2f..%2fconfig%2fconfig.json"],
        }
        yield Fuzzer(srv, openapi_document(), token, ids)
    finally:
        srv.stop()


def _verdict(fz: Fuzzer, op: Operation) -> None:
    failures = fz.verdict.failures
    fz.verdict.failures = []
    assert fz.verdict.sent > 0
    assert not failures, f"{len(failures)} bad answers for {op.op_id}:\n" + "\n".join(failures[:15])


@pytest.mark.timeout(180)
@pytest.mark.parametrize("op", SAFE, ids=lambda op: op.op_id)
def test_fuzz_operation(fuzzer: Fuzzer, op: Operation) -> None:
    fuzzer.fuzz(op, EXAMPLES, check_data=True)
    _verdict(fuzzer, op)


def test_still_healthy_after_the_first_pass(fuzzer: Fuzzer) -> None:
    srv = fuzzer.srv
    assert srv.proc is not None and srv.proc.poll() is None
    # Operations without parameters have few distinct requests; the rest use their budget.
    assert fuzzer.verdict.sent >= 5 * len(SAFE), fuzzer.verdict.sent
    for path in ("/health", "/status", "/bangumi/get/all"):
        status, _, _ = fuzzer.send(Request("get", "/api/v1" + path, "bearer"))
        assert status == 200, path
    # Fuzzing must not leave descriptors behind: far fewer than one per request sent.
    assert fd_count(srv.pid) < 200, fd_count(srv.pid)


@pytest.mark.timeout(180)
@pytest.mark.parametrize("op", HARMFUL, ids=lambda op: op.op_id)
def test_fuzz_destructive_operation(fuzzer: Fuzzer, op: Operation) -> None:
    fuzzer.fuzz(op, EXAMPLES, check_data=False)
    _verdict(fuzzer, op)


def test_shutdown_last_exits_cleanly(fuzzer: Fuzzer) -> None:
    srv = fuzzer.srv
    report = os.environ.get("AB_FUZZ_REPORT")
    if report:  # for bench/reliability/run.py's table
        v = fuzzer.verdict
        summary = {"sent": v.sent, "statuses": dict(v.statuses), "known": dict(v.known_hits)}
        Path(report).write_text(json.dumps(summary))
    # The destructive pass may have signed the session out and revoked the tokens: a new one,
    # from the command line on the same folders, as an operator would.
    out = subprocess.run(
        [sys.executable, "-m", "autobangumi_app.cli", "token", "create", "--name", "last"],
        env=srv.env(), capture_output=True, text=True, timeout=60, check=True,
    ).stdout  # fmt: skip
    fuzzer.token = next(line for line in out.splitlines() if line.startswith("abt_"))
    assert srv.proc is not None and srv.proc.poll() is None, "the server died during the fuzzing"
    status, _, body = fuzzer.send(Request("post", "/api/v1/shutdown", "bearer", body={}))
    assert status == 200, body
    if status == 200:
        deadline = time.monotonic() + 30
        while srv.proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert srv.proc.returncode == 0
