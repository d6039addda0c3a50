#!/usr/bin/env python3
"""`make reliability`: every fault and load script in turn, then the fuzzer with a larger budget.

Each script writes its own section of docs/reliability.md; the exit status is 1 when any failed.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT))

from bench.reliability.report import machine, table, write_section  # noqa: E402

SCRIPTS = ["faults.py", "pipeline_faults.py", "rename_faults.py", "load.py"]


def main() -> int:
    failed = 0
    for script in SCRIPTS:
        print(f"== {script}", flush=True)
        failed += subprocess.call([sys.executable, str(HERE / script)], cwd=ROOT, timeout=1200) != 0
    # The fuzzer, three times the budget of `make test`.
    examples = os.environ.get("AB_FUZZ_EXAMPLES", "60")
    t0 = time.monotonic()
    junit = ROOT / ".test-reports" / "reliability-fuzz.xml"
    code = subprocess.call(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", f"--junitxml={junit}",
         "tests/reliability/test_fuzz_api.py", "-o", "timeout=900"],
        cwd=ROOT, env={**os.environ, "AB_FUZZ_EXAMPLES": examples}, timeout=3600,
    )  # fmt: skip
    took = time.monotonic() - t0
    report = junit.read_text() if junit.exists() else ""
    tests = report.split('tests="', 1)[1].split('"', 1)[0] if 'tests="' in report else "?"
    rows = [(f"{examples} examples per operation", tests, "pass" if code == 0 else "FAIL", f"{took:.0f} s")]
    body = table(rows, ("fuzz budget", "operations and checks (tests)", "verdict", "took"))
    body += (
        "\n\n`tests/reliability/test_fuzz_api.py` (in `make test` with 20 examples per operation): every"
        " operation of the served OpenAPI document, with a real token, a cookie, none and a forged one;"
        " no 5xx (a 503 for the absent downloader and the contract's calendar 500 excepted), every 200"
        " valid against its response schema, every error against the error body, no rejected request"
        f" changing rules, feeds, config, search providers, tokens or the account. On a {machine()}."
    )
    write_section("fuzz", "Fuzzing", body)
    failed += code != 0
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
