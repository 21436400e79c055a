"""The workflow graph: validation, the editor's shape, and the version definition."""

from __future__ import annotations

from collections import defaultdict, deque
from typing import Any

from roles.models import Role


def graph_problems(nodes: list[dict[str, Any]], edges: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Every reason the graph cannot run, each naming the node or edge at fault.

    ``nodes``: {id, name, role_id, weight, escalate_to_role_id, is_start}; ``edges``:
    {id, from, to (None for the end), label}. Ids are compared as strings.
    """
    problems: list[dict[str, Any]] = []
    ids = [str(n["id"]) for n in nodes]
    if not nodes:
        return [{"code": "empty", "message": "The workflow has no steps."}]
    for duplicate in {i for i in ids if ids.count(i) > 1}:
        problems.append(
            {"code": "duplicate_node", "node": duplicate, "message": f"Two steps share the id {duplicate}."}
        )
    starts = [str(n["id"]) for n in nodes if n.get("is_start")]
    if len(starts) != 1:
        problems.append(
            {
                "code": "start",
                "message": f"Exactly one step must be the start; found {len(starts)}.",
                "nodes": starts,
            }
        )
    live_roles = set(Role.objects.filter(is_deleted=False).values_list("id", flat=True))
    for node in nodes:
        nid = str(node["id"])
        if not str(node.get("name") or "").strip():
            problems.append({"code": "name", "node": nid, "message": "Every step needs a name."})
        if node.get("role_id") is None:
            problems.append(
                {"code": "role", "node": nid, "message": f'Step "{node.get("name")}" has no role.'}
            )
        elif int(node["role_id"]) not in live_roles:
            problems.append(
                {"code": "role", "node": nid, "message": f'Step "{node.get("name")}" names an unknown role.'}
            )
        escalate = node.get("escalate_to_role_id")
        if escalate is not None and int(escalate) not in live_roles:
            problems.append(
                {
                    "code": "escalate_to",
                    "node": nid,
                    "message": f'Step "{node.get("name")}" escalates to an unknown role.',
                }
            )
        if int(node.get("weight", 1) or 0) < 1:
            problems.append({"code": "weight", "node": nid, "message": "A step's weight must be at least 1."})

    known = set(ids)
    outgoing: dict[str, list[str | None]] = defaultdict(list)
    labels: dict[str, set[str]] = defaultdict(set)
    for index, edge in enumerate(edges):
        eid = str(edge.get("id") or f"#{index}")  # an edge without an id is named by its position
        source, target = str(edge.get("from")), edge.get("to")
        target = None if target in (None, "") else str(target)
        if source not in known or (target is not None and target not in known):
            problems.append(
                {
                    "code": "dangling",
                    "edge": eid,
                    "message": "A transition points at a step that does not exist.",
                }
            )
            continue
        label = str(edge.get("label") or "").strip()
        if not label:
            problems.append({"code": "label", "edge": eid, "message": "Every transition needs a label."})
        elif label.lower() in labels[source]:
            problems.append(
                {
                    "code": "label",
                    "edge": eid,
                    "message": f'Two transitions of one step share the label "{label}".',
                }
            )
        labels[source].add(label.lower())
        outgoing[source].append(target)

    names = {str(n["id"]): n.get("name") for n in nodes}
    for nid in ids:
        if not outgoing[nid]:
            problems.append(
                {"code": "dead_end", "node": nid, "message": f'Step "{names[nid]}" has no way out.'}
            )
    if len(starts) == 1:
        reached = _reachable(starts[0], outgoing)
        for nid in ids:
            if nid not in reached:
                problems.append(
                    {
                        "code": "unreachable",
                        "node": nid,
                        "message": f'Step "{names[nid]}" cannot be reached from the start.',
                    }
                )
    finishing = _can_finish(ids, outgoing)
    for nid in ids:
        if outgoing[nid] and nid not in finishing:
            problems.append(
                {
                    "code": "no_end",
                    "node": nid,
                    "message": f'From step "{names[nid]}" the workflow can never end.',
                }
            )
    return problems


def _reachable(start: str, outgoing: dict[str, list[str | None]]) -> set[str]:
    seen, queue = {start}, deque([start])
    while queue:
        for target in outgoing[queue.popleft()]:
            if target is not None and target not in seen:
                seen.add(target)
                queue.append(target)
    return seen


def _can_finish(ids: list[str], outgoing: dict[str, list[str | None]]) -> set[str]:
    """Steps from which some path reaches the end (fixed point over the edges)."""
    finishing = {nid for nid in ids if None in outgoing[nid]}
    changed = True
    while changed:
        changed = False
        for nid in ids:
            if nid not in finishing and any(t in finishing for t in outgoing[nid] if t is not None):
                finishing.add(nid)
                changed = True
    return finishing


def graph_of(workflow) -> dict[str, Any]:
    """The editor's shape: nodes and edges with string ids."""
    roles = dict(Role.objects.values_list("id", "name"))
    steps = list(workflow.steps.all())
    return {
        "nodes": [
            {
                "id": str(s.id),
                "name": s.name,
                "role_id": s.role_id,
                "role_name": roles.get(s.role_id),
                "instructions": s.instructions,
                "weight": s.weight,
                "escalate_to_role_id": s.escalate_to_role_id,
                "assignment_mode": s.assignment_mode,
                "is_start": s.is_start,
                "x": s.x,
                "y": s.y,
            }
            for s in steps
        ],
        "edges": [
            {
                "id": str(t.id),
                "from": str(t.from_step_id),
                "to": str(t.to_step_id) if t.to_step_id else None,
                "label": t.label,
                "end_status": t.end_status,
            }
            for t in workflow.transitions.all()
        ],
    }


def version_definition(workflow) -> dict[str, Any]:
    """What a version freezes: the graph (without layout) and the SLA targets."""
    graph = graph_of(workflow)
    return {
        "workflow": {"id": workflow.id, "name": workflow.name},
        "steps": [
            {
                k: node[k]
                for k in (
                    "id",
                    "name",
                    "role_id",
                    "instructions",
                    "weight",
                    "escalate_to_role_id",
                    "assignment_mode",
                    "is_start",
                )
            }
            for node in graph["nodes"]
        ],
        "transitions": [
            {k: edge[k] for k in ("id", "from", "to", "label", "end_status")} for edge in graph["edges"]
        ],
        "sla_targets": workflow.sla_targets,
    }
