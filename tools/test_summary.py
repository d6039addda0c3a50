#!/usr/bin/env python3
"""Print one closing line for every suite `make test` ran: "N passed, N failed, N skipped".

Each suite writes a JUnit XML report into .test-reports/; this adds them up, so the end of a
long run says in one line what happened across the project's Python 3.11 and 3.13 suites.
"""

from __future__ import annotations

import pathlib
import sys
import xml.etree.ElementTree as ET

ROOT = pathlib.Path(__file__).resolve().parents[1] / ".test-reports"


def main() -> int:
    passed = failed = skipped = 0
    for report in sorted(ROOT.glob("*.xml")):
        for suite in ET.parse(report).getroot().iter("testsuite"):
            tests = int(suite.get("tests", 0))
            bad = int(suite.get("failures", 0)) + int(suite.get("errors", 0))
            skip = int(suite.get("skipped", 0))
            passed += tests - bad - skip
            failed += bad
            skipped += skip
    print(f"{passed} passed, {failed} failed, {skipped} skipped")
    return 1 if failed or not passed else 0


if __name__ == "__main__":
    sys.exit(main())
