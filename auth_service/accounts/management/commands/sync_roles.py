"""Republish every role and grant for a full resync of workflow_api's replica."""

from django.core.management.base import BaseCommand

from accounts.role_services import roles_resync_all


class Command(BaseCommand):
    help = "Publish every role and grant (at its current version) to the role sync queues."

    def handle(self, *args, **options):
        count = roles_resync_all()
        self.stdout.write(f"queued {count} sync message(s)")
