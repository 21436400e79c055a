import os

from tts_common import topology
from tts_common.celery import make_celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = make_celery(
    "workflow",
    consumes=[topology.TICKET_INTAKE, topology.ROLE_SYNC, topology.USER_ROLE_SYNC],
    batched={topology.TICKET_INTAKE: "engine.intake.HANDLER"},
)
