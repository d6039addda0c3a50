#!/usr/bin/env python3
"""`make reliability`: every fault and load script in turn, then the fuzzer with a larger budget.

Each script writes its own section of docs/reliability.md; the exit status is 1 when any failed.
Arguments pick some: `run.py load.py fuzz` runs the load script and the fuzzer only.
"""

from __future__ import annotations

import json
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
    chosen = sys.argv[1:] or [*SCRIPTS, "fuzz"]
    failed = 0
    for script in (s for s in SCRIPTS if s in chosen):
        print(f"== {script}", flush=True)
        failed += subprocess.call([sys.executable, str(HERE / script)], cwd=ROOT, timeout=1200) != 0
    if "fuzz" not in chosen:
        return 1 if failed else 0
    # The fuzzer, three times the budget of `make test`.
    examples = os.environ.get("AB_FUZZ_EXAMPLES", "60")
    t0 = time.monotonic()
    junit = ROOT / ".test-reports" / "reliability-fuzz.xml"
    summary_file = ROOT / ".test-reports" / "reliability-fuzz.json"
    summary_file.unlink(missing_ok=True)
    code = subprocess.call(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", f"--junitxml={junit}",
         "tests/reliability/test_fuzz_api.py", "-o", "timeout=900"],
        cwd=ROOT, env={**os.environ, "AB_FUZZ_EXAMPLES": examples, "AB_FUZZ_REPORT": str(summary_file)},
        timeout=3600,
    )  # fmt: skip
    took = time.monotonic() - t0
    report = junit.read_text() if junit.exists() else ""
    tests = report.split('tests="', 1)[1].split('"', 1)[0] if 'tests="' in report else "?"
    summary = json.loads(summary_file.read_text()) if summary_file.exists() else {}
    statuses = ", ".join(f"{k}: {v:,}" for k, v in sorted(summary.get("statuses", {}).items()))
    known = ", ".join(f"{k} ({v})" for k, v in summary.get("known", {}).items()) or "none met"
    rows = [
        (
            f"{examples} examples per operation",
            tests,
            f"{summary.get('sent', 0):,}",
            statuses,
            known,
            "pass" if code == 0 else "FAIL",
            f"{took:.0f} s",
        )
    ]
    header = ("fuzz budget", "tests", "requests", "answers by status", "known defects met", "verdict", "took")
    body = table(rows, header)
    body += (
        "\n\n`tests/reliability/test_fuzz_api.py` (in `make test` with 20 examples per operation): every"
        " operation of the served OpenAPI document, with a real token, a cookie, none and a forged one;"
        " no 5xx, except 503 for the downloader (none runs here) and the 500 AutoBangumi's contract gives"
        " when Bangumi.tv's calendar cannot be fetched (it points at a closed port here), both with the"
        " error body, and the known defects listed in tests/reliability/known.py; every 200"
        " valid against its response schema, every error against the error body, no rejected request"
        f" changing rules, feeds, config, search providers, tokens or the account. On a {machine()}."
    )
    write_section("fuzz", "Fuzzing", body)
    failed += code != 0
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
