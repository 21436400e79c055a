"""Minimal demo data: the ``tts`` system, its roles and three demo users (idempotent)."""

from django.core.management.base import BaseCommand
from django.db import transaction

from accounts.models import Role, System, User, UserSystemRole

DEMO_PASSWORD = "TtsDemo!2026"
ROLES = {
    "Admin": "Administers workflows, users and roles.",
    "Ticket Coordinator": "Owns tickets end to end.",
    "IT Support": "Works IT tasks.",
}
USERS = [
    ("admin@example.com", "Ada", "Admin", "IT", ["Admin", "Ticket Coordinator"], True),
    ("agent@example.com", "Alan", "Agent", "IT", ["IT Support", "Ticket Coordinator"], False),
    ("requester@example.com", "Rita", "Requester", "Finance", [], False),
]


class Command(BaseCommand):
    help = "Create the demo system, roles and users (safe to run twice)."

    @transaction.atomic
    def handle(self, *args, **options):
        system, _ = System.objects.get_or_create(slug="tts", defaults={"name": "Ticket Tracking System"})
        roles = {
            name: Role.objects.get_or_create(system=system, name=name, defaults={"description": desc})[0]
            for name, desc in ROLES.items()
        }
        for email, first, last, dept, role_names, staff in USERS:
            user = User.objects.filter(email=email).first()
            if user is None:
                user = User.objects.create_user(
                    email,
                    DEMO_PASSWORD,
                    first_name=first,
                    last_name=last,
                    department=dept,
                    is_staff=staff,
                    is_superuser=staff,
                )
            for name in role_names:
                UserSystemRole.objects.get_or_create(user=user, role=roles[name])
        self.stdout.write(f"demo users ready (password {DEMO_PASSWORD}): " + ", ".join(u[0] for u in USERS))
