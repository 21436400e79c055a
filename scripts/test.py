"""`make test`: run every suite, print one summary line per suite, fail if any failed or ran nothing."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scripts.services import ROOT, SERVICES, VENV_BIN  # noqa: E402

REPORTS = ROOT / "var" / "test-reports"


@dataclass
class Suite:
    name: str
    cwd: Path
    args: list[str]
    junit: bool = True  # suites count their tests from a JUnit report
    junit_flag: str = "--junitxml={}"  # how the runner is told where to write it

    def command(self) -> list[str]:
        if not self.junit:
            return self.args
        return [*self.args, self.junit_flag.format(REPORTS / (self.name + ".xml"))]


def suites() -> list[Suite]:
    pytest = str(VENV_BIN / "pytest")
    found = [Suite("kernel", ROOT / "libs" / "tts_common", [pytest, "tests"])]
    found += [Suite(s.dir, s.path, [pytest]) for s in SERVICES]
    found += [
        Suite("migrations", ROOT, [str(VENV_BIN / "python"), "scripts/check_migrations.py"], junit=False),
        # the import ban and the deployment consistency checks (compose, nginx, Dockerfiles, .env.example)
        Suite("scripts", ROOT, [pytest, "scripts/tests", "-q", "-p", "no:django"]),
        Suite("lint", ROOT, [str(VENV_BIN / "ruff"), "check", "."], junit=False),
        Suite("format", ROOT, [str(VENV_BIN / "ruff"), "format", "--check", "."], junit=False),
        Suite(
            "frontend",
            ROOT / "frontend",
            ["./node_modules/.bin/vitest", "run", "--reporter=default", "--reporter=junit"],
            junit_flag="--outputFile.junit={}",
        ),
        # real processes, workers and RabbitMQ; e2e/browser drives the built UI in chromium
        Suite("e2e", ROOT / "e2e", [pytest]),
        # kill -9, broker and database restarts, duplicates, a network cut, poison messages, on
        # private PostgreSQL and RabbitMQ servers; small sizes here, `make faults` at full size
        Suite("faults", ROOT / "e2e" / "faults", [pytest]),
    ]
    return found


def count_tests(report: Path) -> tuple[int, int]:
    """(tests run, failures+errors) from a JUnit XML report."""
    if not report.exists():
        return 0, 0
    root = ET.parse(report).getroot()
    cases = root.iter("testsuite")
    total = failed = skipped = 0
    for case in cases:
        total += int(case.get("tests", 0))
        failed += int(case.get("failures", 0)) + int(case.get("errors", 0))
        skipped += int(case.get("skipped", 0))
    return total - skipped, failed


def main() -> int:
    REPORTS.mkdir(parents=True, exist_ok=True)
    only = set(sys.argv[1:])
    results = []
    for suite in suites():
        if only and suite.name not in only:
            continue
        print(f"\n===== {suite.name} =====", flush=True)
        report = REPORTS / f"{suite.name}.xml"
        report.unlink(missing_ok=True)
        started = time.monotonic()
        code = subprocess.run(suite.command(), cwd=suite.cwd, env=os.environ.copy()).returncode
        elapsed = time.monotonic() - started
        if suite.junit:
            ran, failed = count_tests(report)
            ok = code == 0 and ran > 0
            detail = f"{ran} tests, {failed} failed" if ran else "NO TESTS RAN"
        else:
            ok, detail = code == 0, "clean" if code == 0 else f"exit {code}"
        results.append((suite.name, ok, detail, elapsed))

    print("\n===== summary =====")
    for name, ok, detail, elapsed in results:
        print(f"{'PASS' if ok else 'FAIL'}  {name:22} {detail} ({elapsed:.1f}s)")
    failed = [name for name, ok, *_ in results if not ok]
    print(f"{'FAILED: ' + ', '.join(failed) if failed else 'ALL SUITES PASSED'}")
    return 1 if failed or not results else 0


if __name__ == "__main__":
    sys.exit(main())
