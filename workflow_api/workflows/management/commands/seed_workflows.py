"""Published demo workflows (idempotent): Triage → Resolve → Finalize for IT, Asset and
Budget, the budget one with an approval branch and a reject path.

Roles come from the replica of auth_service's roles; ``--wait`` gives the role sync
that long to deliver them (``make run`` starts the workers first)."""

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from roles.models import Role

from tts_common.authentication import TokenUser
from workflows.models import Workflow
from workflows.services import workflow_graph_save, workflow_publish

SYSTEM_ACTOR = TokenUser(id="system", email="", name="seed_workflows", roles=["tts:Admin"])
SLA = {
    "urgent": {"first_response_minutes": 30, "resolution_minutes": 240},
    "high": {"first_response_minutes": 60, "resolution_minutes": 480},
    "medium": {"first_response_minutes": 240, "resolution_minutes": 1440},
    "low": {"first_response_minutes": 480, "resolution_minutes": 2880},
}


def _linear(coordinator: int, worker: int, finisher: int) -> tuple[list, list]:
    nodes = [
        {"id": "t", "name": "Triage", "role_id": coordinator, "weight": 1, "is_start": True, "x": 0, "y": 0},
        {
            "id": "r",
            "name": "Resolve",
            "role_id": worker,
            "weight": 3,
            "escalate_to_role_id": coordinator,
            "x": 250,
            "y": 0,
        },
        {"id": "f", "name": "Finalize", "role_id": finisher, "weight": 1, "x": 500, "y": 0},
    ]
    edges = [
        {"from": "t", "to": "r", "label": "Accept"},
        {"from": "t", "to": None, "label": "Reject", "end_status": "rejected"},
        {"from": "r", "to": "f", "label": "Resolved"},
        {"from": "r", "to": "t", "label": "Send back"},
        {"from": "f", "to": None, "label": "Close", "end_status": "closed"},
        {"from": "f", "to": "r", "label": "Reopen"},
    ]
    return nodes, edges


def _budget(coordinator: int, budget: int) -> tuple[list, list]:
    nodes = [
        {"id": "t", "name": "Triage", "role_id": coordinator, "weight": 1, "is_start": True, "x": 0, "y": 0},
        {
            "id": "a",
            "name": "Approval",
            "role_id": budget,
            "weight": 2,
            "escalate_to_role_id": coordinator,
            "assignment_mode": "least_loaded",
            "x": 250,
            "y": -80,
        },
        {"id": "r", "name": "Resolve", "role_id": budget, "weight": 2, "x": 500, "y": 0},
        {"id": "f", "name": "Finalize", "role_id": coordinator, "weight": 1, "x": 750, "y": 0},
    ]
    edges = [
        {"from": "t", "to": "a", "label": "Needs approval"},
        {"from": "t", "to": "r", "label": "Within budget"},
        {"from": "a", "to": "r", "label": "Approve"},
        {"from": "a", "to": None, "label": "Reject", "end_status": "rejected"},
        {"from": "r", "to": "f", "label": "Resolved"},
        {"from": "f", "to": None, "label": "Close", "end_status": "closed"},
    ]
    return nodes, edges


class Command(BaseCommand):
    help = "Create and publish the demo workflows (development; safe to run twice)."

    def add_arguments(self, parser):
        parser.add_argument("--wait", type=int, default=0, help="Seconds to wait for the role replica.")

    def handle(self, *args, wait: int, **options):
        if settings.TTS_ENV == "production":
            raise CommandError("seed_workflows creates demo workflows; it refuses to run in production.")
        names = ["Ticket Coordinator", "IT Support", "Asset Manager", "Budget Manager"]
        deadline = time.monotonic() + wait
        while True:
            roles = dict(
                Role.objects.filter(system="tts", is_deleted=False, name__in=names).values_list("name", "id")
            )
            if len(roles) == len(names) or time.monotonic() >= deadline:
                break
            time.sleep(1)
        missing = [n for n in names if n not in roles]
        if missing:
            raise CommandError(
                f"The role replica lacks {', '.join(missing)}: run auth_service's seed_demo and the workers."
            )
        plans = [
            (
                "IT support",
                "IT",
                "Hardware",
                *_linear(roles["Ticket Coordinator"], roles["IT Support"], roles["Ticket Coordinator"]),
                True,
            ),
            (
                "Asset check-in/out",
                "Facilities",
                "Assets",
                *_linear(roles["Ticket Coordinator"], roles["Asset Manager"], roles["Asset Manager"]),
                False,
            ),
            (
                "Budget proposal",
                "Finance",
                "Budget",
                *_budget(roles["Ticket Coordinator"], roles["Budget Manager"]),
                False,
            ),
        ]
        for name, department, category, nodes, edges, default in plans:
            with transaction.atomic():
                workflow, created = Workflow.objects.get_or_create(
                    name=name,
                    defaults={
                        "department": department,
                        "category": category,
                        "sla_targets": SLA,
                        "is_default": default,
                    },
                )
                if not created and workflow.current_version is not None:
                    continue
                workflow_graph_save(workflow=workflow, nodes=nodes, edges=edges, actor=SYSTEM_ACTOR)
                workflow_publish(workflow=workflow, actor=SYSTEM_ACTOR)
        self.stdout.write(f"demo workflows ready: {', '.join(p[0] for p in plans)}")
