"""Reconcile the role replica against auth_service's REST API (on demand)."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from roles.services import roles_reconcile
from tts_common.service_client import ServiceCallFailed, service_get_all


class Command(BaseCommand):
    help = "Fetch a system's roles and their members from auth_service and correct the local replica."

    def add_arguments(self, parser):
        parser.add_argument("--system", default="tts")

    def handle(self, *args, system: str, **options):
        base = settings.AUTH_SERVICE_URL
        try:
            roles = service_get_all(base, f"/api/v1/{system}/roles/")
            members = {
                role["id"]: service_get_all(base, f"/api/v1/{system}/roles/{role['id']}/users/")
                for role in roles
            }
        except ServiceCallFailed as exc:
            raise CommandError(f"auth_service did not answer: {exc}") from exc
        result = roles_reconcile(system=system, roles=roles, members=members)
        self.stdout.write(f"reconciled {result['roles']} role(s) of {system}; {result['changed']} change(s)")
