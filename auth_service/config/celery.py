import os

from tts_common.celery import make_celery, register_outbox_sweep

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = make_celery("auth")
register_outbox_sweep(app, "auth", "accounts.OutboxMessage")
