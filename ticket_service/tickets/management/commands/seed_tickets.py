"""Bulk-create realistic tickets quickly (load and benchmark data; development only)."""

import random
import time
from contextlib import contextmanager
from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone

from tickets.models import TICKET_NUMBER_SEQUENCE, Ticket
from tickets.services import ticket_number_next

CATEGORIES = {
    "Hardware": ["Laptop", "Printer", "Monitor", "Phone"],
    "Software": ["Email", "VPN", "ERP", "Office"],
    "Network": ["Wi-Fi", "VPN", "Firewall"],
    "Access": ["Account", "Password", "Permissions"],
    "Facilities": ["Desk", "Badge", "Parking"],
}
DEPARTMENTS = ["IT", "Finance", "HR", "Sales", "Facilities", "Legal"]
PROBLEMS = [
    "does not start",
    "is very slow",
    "shows an error",
    "needs replacing",
    "stopped working",
    "asks for access",
]
PRIORITIES = ["low"] * 3 + ["medium"] * 4 + ["high"] * 2 + ["urgent"]
STATUSES = ["new"] * 2 + ["open"] * 3 + ["in_progress"] * 3 + ["on_hold", "resolved", "closed", "rejected"]


@contextmanager
def keep_given_timestamps():
    """bulk_create would stamp created_at with now(); seeded tickets spread over months."""
    field = Ticket._meta.get_field("created_at")
    field.auto_now_add = False
    try:
        yield
    finally:
        field.auto_now_add = True


def ticket_numbers(count: int) -> list[str]:
    year = timezone.now().year
    if connection.vendor != "postgresql":
        return [ticket_number_next() for _ in range(count)]
    with connection.cursor() as cursor:
        cursor.execute("SELECT nextval(%s) FROM generate_series(1, %s)", [TICKET_NUMBER_SEQUENCE, count])
        return [f"TKT-{year}-{n:06d}" for (n,) in cursor.fetchall()]


class Command(BaseCommand):
    help = "Bulk-create N realistic tickets (no workflow messages): seed_tickets --count 100000"

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, default=1000)
        parser.add_argument("--batch", type=int, default=5000)
        parser.add_argument("--seed", type=int, default=None, help="Random seed, for repeatable data.")

    def handle(self, *args, count: int, batch: int, seed: int | None, **options):
        if settings.TTS_ENV == "production":
            raise CommandError("seed_tickets writes fake tickets; it refuses to run in production.")
        if count < 1 or batch < 1:
            raise CommandError("--count and --batch must be positive.")
        rng = random.Random(seed)
        now = timezone.now()
        started = time.monotonic()
        created = 0
        with keep_given_timestamps():
            while created < count:
                size = min(batch, count - created)
                rows = []
                for number in ticket_numbers(size):
                    category = rng.choice(list(CATEGORIES))
                    subcategory = rng.choice(CATEGORIES[category])
                    requester = rng.randint(1, 500)
                    status = rng.choice(STATUSES)
                    created_at = now - timedelta(minutes=rng.randint(0, 90 * 24 * 60))
                    assignee = str(rng.randint(501, 540)) if status != "new" else ""
                    rows.append(
                        Ticket(
                            number=number,
                            subject=f"{subcategory} {rng.choice(PROBLEMS)}",
                            description=f"My {subcategory.lower()} {rng.choice(PROBLEMS)} since this morning.",
                            category=category,
                            subcategory=subcategory,
                            department=rng.choice(DEPARTMENTS),
                            priority=rng.choice(PRIORITIES),
                            status=status,
                            requester_id=str(requester),
                            requester_name=f"Requester {requester}",
                            requester_email=f"requester{requester}@example.com",
                            assignee_id=assignee,
                            assignee_name=f"Agent {assignee}" if assignee else "",
                            source=Ticket.Source.API,
                            created_at=created_at,
                            resolved_at=created_at + timedelta(hours=8)
                            if status in {"resolved", "closed"}
                            else None,
                        )
                    )
                with transaction.atomic():
                    Ticket.objects.bulk_create(rows, batch_size=batch)
                created += size
        elapsed = time.monotonic() - started
        self.stdout.write(
            f"created {created} tickets in {elapsed:.1f}s ({created / max(elapsed, 1e-9):.0f}/s)"
        )
