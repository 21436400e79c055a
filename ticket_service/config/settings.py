from pathlib import Path

from decouple import config

from tts_common.settings import common_settings

BASE_DIR = Path(__file__).resolve().parent.parent

globals().update(
    common_settings(
        service="ticket_service",
        short="tickets",
        db_name="tts_ticket",
        env_prefix="TICKET",
        base_dir=BASE_DIR,
    )
)

INSTALLED_APPS += ["tickets"]  # noqa: F821
TTS_OUTBOX_MODEL = "tickets.OutboxMessage"

# DESIGN §3: ticket creation 30/hour per user by default; the web UI and benchmarks raise it.
REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]["ticket_create"] = config(  # noqa: F821
    "TICKET_CREATE_RATE", default="30/hour"
)
