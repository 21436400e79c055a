import os

from tts_common import topology
from tts_common.celery import make_celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = make_celery(
    "notifications",
    consumes=[topology.NOTIFICATIONS],
    batched={topology.NOTIFICATIONS: "notifications.services.BATCH_HANDLER"},
)
