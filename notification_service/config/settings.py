from pathlib import Path

from tts_common.settings import common_settings

BASE_DIR = Path(__file__).resolve().parent.parent

globals().update(
    common_settings(
        service="notification_service",
        short="notifications",
        db_name="tts_notification",
        env_prefix="NOTIFICATION",
        base_dir=BASE_DIR,
    )
)

INSTALLED_APPS += ["notifications"]  # noqa: F821
TTS_OUTBOX_MODEL = "notifications.OutboxMessage"
