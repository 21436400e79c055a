"""Demo data for development: the ``tts`` system, its roles and a handful of users (idempotent)."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from accounts.models import Role, System, User, UserSystemRole
from accounts.role_services import grant_sync_publish, role_sync_publish

DEMO_PASSWORD = "TtsDemo!2026"
ROLES = {
    "Admin": ("Administers workflows, users and roles.", False),
    "Ticket Coordinator": ("Owns tickets end to end.", False),
    "IT Support": ("Works IT tasks.", False),
    "Asset Manager": ("Approves asset check-in and check-out.", True),
    "Budget Manager": ("Reviews budget proposals.", True),
}
USERS = [
    ("admin@example.com", "Ada", "Admin", "IT", ["Admin", "Ticket Coordinator"], True),
    ("agent@example.com", "Alan", "Agent", "IT", ["IT Support", "Ticket Coordinator"], False),
    ("support@example.com", "Grace", "Support", "IT", ["IT Support"], False),
    ("assets@example.com", "Linus", "Assets", "Facilities", ["Asset Manager"], False),
    ("budget@example.com", "Barbara", "Budget", "Finance", ["Budget Manager", "Ticket Coordinator"], False),
    ("requester@example.com", "Rita", "Requester", "Finance", [], False),
]


class Command(BaseCommand):
    help = "Create the demo system, roles and users (development only; safe to run twice)."

    @transaction.atomic
    def handle(self, *args, **options):
        if settings.TTS_ENV == "production":
            raise CommandError(
                "seed_demo creates accounts with a published password; it refuses to run in production."
            )
        system, _ = System.objects.get_or_create(slug="tts", defaults={"name": "Ticket Tracking System"})
        roles = {}
        for name, (description, custom) in ROLES.items():
            role, created = Role.objects.get_or_create(
                system=system, name=name, defaults={"description": description, "is_custom": custom}
            )
            if created:
                role_sync_publish(role=role, action="upsert")
            roles[name] = role
        for email, first, last, department, role_names, staff in USERS:
            user = User.objects.filter(email=email).first()
            if user is None:
                user = User.objects.create_user(
                    email,
                    DEMO_PASSWORD,
                    first_name=first,
                    last_name=last,
                    department=department,
                    is_staff=staff,
                    is_superuser=staff,
                )
            for name in role_names:
                grant, created = UserSystemRole.objects.get_or_create(user=user, role=roles[name])
                if created:
                    grant_sync_publish(grant=grant)
        self.stdout.write(f"demo users ready (password {DEMO_PASSWORD}): " + ", ".join(u[0] for u in USERS))
