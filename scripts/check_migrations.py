"""Fail if any service's models changed without a committed migration."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scripts.services import SERVICES, VENV_BIN  # noqa: E402


def main() -> int:
    failed = []
    for service in SERVICES:
        result = subprocess.run(
            [str(VENV_BIN / "python"), "manage.py", "makemigrations", "--check", "--dry-run"],
            cwd=service.path,
            capture_output=True,
            text=True,
        )
        status = "ok" if result.returncode == 0 else "MISSING MIGRATIONS"
        print(f"{service.dir}: {status}")
        if result.returncode != 0:
            print(result.stdout[-2000:], result.stderr[-2000:])
            failed.append(service.dir)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
