from __future__ import annotations

from typing import Any

from audit.services import audit_log
from django.db import transaction
from django.db.models import Max
from rest_framework.exceptions import ValidationError

from workflows.graph import graph_of, graph_problems, version_definition
from workflows.models import Step, Transition, Workflow, WorkflowVersion

NODE_FIELDS = (
    "name",
    "role_id",
    "instructions",
    "weight",
    "escalate_to_role_id",
    "assignment_mode",
    "is_start",
    "x",
    "y",
)


class GraphInvalid(ValidationError):
    def __init__(self, problems: list[dict[str, Any]]):
        super().__init__({"detail": "The workflow graph is not valid.", "problems": problems})


@transaction.atomic
def workflow_graph_save(
    *, workflow: Workflow, nodes: list[dict], edges: list[dict], actor, request=None
) -> Workflow:
    """Replace the whole graph atomically. Nodes with unknown ids (e.g. "tmp-1") are new;
    existing steps missing from ``nodes`` are deleted with their transitions."""
    workflow = Workflow.objects.select_for_update().get(pk=workflow.pk)
    if workflow.status == Workflow.Status.ARCHIVED:
        raise ValidationError({"detail": "An archived workflow cannot be edited."})
    problems = graph_problems(nodes, edges)
    if problems:
        raise GraphInvalid(problems)
    before = graph_of(workflow)
    existing = {str(s.id): s for s in workflow.steps.all()}
    keep: dict[str, Step] = {}
    for node in nodes:
        fields = {k: node.get(k) for k in NODE_FIELDS if k in node}
        fields["is_start"] = bool(node.get("is_start"))
        step = existing.get(str(node["id"]))
        if step is None:
            step = Step.objects.create(workflow=workflow, **fields)
        else:
            for name, value in fields.items():
                setattr(step, name, value)
            step.save()
        keep[str(node["id"])] = step
    workflow.transitions.all().delete()
    Step.objects.filter(workflow=workflow).exclude(pk__in=[s.pk for s in keep.values()]).delete()
    Transition.objects.bulk_create(
        [
            Transition(
                workflow=workflow,
                from_step=keep[str(edge["from"])],
                to_step=keep[str(edge["to"])] if edge.get("to") not in (None, "") else None,
                label=str(edge["label"]).strip(),
                end_status=edge.get("end_status") or "resolved",
            )
            for edge in edges
        ]
    )
    workflow.save(update_fields=["updated_at"])
    audit_log(
        actor=actor,
        action="workflow.graph_saved",
        obj=workflow,
        old=before,
        new=graph_of(workflow),
        request=request,
    )
    return workflow


@transaction.atomic
def workflow_publish(*, workflow: Workflow, actor, request=None) -> WorkflowVersion:
    """Validate the saved graph and freeze it as the next version."""
    workflow = Workflow.objects.select_for_update().get(pk=workflow.pk)
    if workflow.status == Workflow.Status.ARCHIVED:
        raise ValidationError({"detail": "An archived workflow cannot be published."})
    graph = graph_of(workflow)
    problems = graph_problems(graph["nodes"], graph["edges"])
    if problems:
        raise GraphInvalid(problems)
    number = (workflow.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    version = WorkflowVersion.objects.create(
        workflow=workflow,
        number=number,
        definition=version_definition(workflow),
        published_by_id=str(actor.id),
    )
    workflow.current_version = version
    workflow.status = Workflow.Status.PUBLISHED
    workflow.save(update_fields=["current_version", "status", "updated_at"])
    audit_log(
        actor=actor, action="workflow.published", obj=workflow, new={"version": number}, request=request
    )
    return version


def workflow_match(*, department: str, category: str, subcategory: str, priority: str) -> Workflow | None:
    """DESIGN §6: exact → without priority → department + category → the default → none."""
    live = Workflow.objects.filter(
        status=Workflow.Status.PUBLISHED, current_version__isnull=False
    ).select_related("current_version")
    base = live.filter(department__iexact=department, category__iexact=category)
    for candidates in (
        base.filter(subcategory__iexact=subcategory, priority=priority),
        base.filter(subcategory__iexact=subcategory, priority=""),
        base.filter(subcategory="", priority=""),
        live.filter(is_default=True),
    ):
        found = candidates.order_by("-current_version__published_at", "-id").first()
        if found is not None:
            return found
    return None
