"""The cross-service import ban: a service may import the shared kernel, never another service.

Each service runs with its own directory on ``sys.path``, so its top-level modules
(``accounts``, ``tickets``, ``config`` ...) are what another service could reach for.
A module name that belongs to another service and not to this one is forbidden here,
as is any service directory name. The kernel and the e2e suite may import no service.
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterator
from pathlib import Path

SERVICE_DIRS = ["auth_service", "ticket_service", "workflow_api", "messaging_service", "notification_service"]
NEUTRAL_DIRS = ["libs/tts_common", "e2e"]


def top_level_modules(service: Path) -> set[str]:
    names = set()
    for child in service.iterdir():
        if child.is_dir() and (child / "__init__.py").exists():
            names.add(child.name)
        elif child.suffix == ".py" and child.stem not in {"conftest", "manage"}:
            names.add(child.stem)
    return names


def imported_modules(path: Path) -> Iterator[tuple[int, str]]:
    tree = ast.parse(path.read_text(), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.lineno, node.module


def python_files(folder: Path) -> Iterator[Path]:
    for path in folder.rglob("*.py"):
        if not any(part in {".venv", "node_modules", "__pycache__"} for part in path.parts):
            yield path


def violations(root: Path) -> list[str]:
    services = {name: root / name for name in SERVICE_DIRS if (root / name).is_dir()}
    owned = {name: top_level_modules(path) for name, path in services.items()}
    problems = []
    checked = [(name, path, owned[name]) for name, path in services.items()]
    checked += [(name, root / name, set()) for name in NEUTRAL_DIRS if (root / name).is_dir()]
    for name, folder, own in checked:
        forbidden = set(services) | set().union(*(mods for other, mods in owned.items() if other != name))
        forbidden -= own
        for path in python_files(folder):
            for lineno, module in imported_modules(path):
                if module.split(".")[0] in forbidden:
                    problems.append(f"{path.relative_to(root)}:{lineno}: {name} imports {module}")
    return problems


def main() -> int:
    problems = violations(Path(__file__).resolve().parent.parent)
    for problem in problems:
        print(problem)
    print(f"{len(problems)} cross-service import(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
