"""Create a local superuser for this service's Django admin if it does not exist yet.

The password comes from DJANGO_SUPERUSER_PASSWORD, never from the command line.
"""

import os

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Create the operator superuser if absent (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--username", required=True, help="Username (the email where the user model logs in by email)."
        )
        parser.add_argument("--email", default="")

    def handle(self, *args, username: str, email: str, **options):
        password = os.environ.get("DJANGO_SUPERUSER_PASSWORD")
        if not password:
            raise CommandError("Set DJANGO_SUPERUSER_PASSWORD.")
        User = get_user_model()
        if User._default_manager.filter(**{User.USERNAME_FIELD: username}).exists():
            self.stdout.write(f"superuser {username} already exists")
            return
        fields = {User.USERNAME_FIELD: username}
        if User.USERNAME_FIELD != "email" and hasattr(User, "email"):
            fields["email"] = email
        User._default_manager.create_superuser(**fields, password=password)
        self.stdout.write(f"created superuser {username}")
