"""Publish every pending outbox row now (the sweeper's work, on demand)."""

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand

from tts_common.outbox import outbox_publish


class Command(BaseCommand):
    help = "Publish this service's unpublished outbox messages."

    def handle(self, *args, **options):
        count = outbox_publish(apps.get_model(settings.TTS_OUTBOX_MODEL))
        self.stdout.write(f"published {count} message(s)")
