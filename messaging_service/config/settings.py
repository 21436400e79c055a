from pathlib import Path

from tts_common.settings import common_settings

BASE_DIR = Path(__file__).resolve().parent.parent

globals().update(
    common_settings(
        service="messaging_service",
        short="messaging",
        db_name="tts_messaging",
        env_prefix="MESSAGING",
        base_dir=BASE_DIR,
    )
)

INSTALLED_APPS += ["comments", "realtime"]  # noqa: F821
TTS_OUTBOX_MODEL = "comments.OutboxMessage"

ASGI_APPLICATION = "config.asgi.application"
# Browsers send an Origin with every websocket handshake; only the web UI's may connect.
WEBSOCKET_ALLOWED_ORIGINS = CORS_ALLOWED_ORIGINS  # noqa: F821
