from collections.abc import Iterable
from dataclasses import dataclass

from workflows.models import WorkflowVersion

# Published versions never change (WorkflowVersion is an immutable snapshot), so each
# process remembers the little that task lists show of them. Bounded: emptied when full.
OUTLINES_KEPT = 4096
_outlines: dict[int, "VersionOutline"] = {}


@dataclass(frozen=True)
class VersionOutline:
    number: int
    steps: dict[str, dict]  # step id -> {"id", "name", "instructions"}


def version_outlines(version_ids: Iterable[int]) -> dict[int, VersionOutline]:
    """The number and steps of each version, read in one query for those this process
    has not seen yet. Lists of tasks read them here instead of joining the versions: the
    join made PostgreSQL plan one more relation per request (about 1 ms, more than the
    rows took to read) and sent every row's whole definition to be parsed."""
    wanted = set(version_ids)
    missing = wanted - _outlines.keys()
    if missing:
        if len(_outlines) + len(missing) > OUTLINES_KEPT:
            _outlines.clear()
        for pk, number, definition in WorkflowVersion.objects.filter(pk__in=missing).values_list(
            "pk", "number", "definition"
        ):
            _outlines[pk] = VersionOutline(
                number=number,
                steps={
                    s["id"]: {"id": s["id"], "name": s["name"], "instructions": s.get("instructions", "")}
                    for s in definition["steps"]
                },
            )
    return {pk: _outlines[pk] for pk in wanted if pk in _outlines}


def version_outlines_forget() -> None:
    """For tests, whose rolled-back databases may hand a version's key out again."""
    _outlines.clear()
