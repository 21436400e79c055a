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

INSTALLED_APPS += ["comments"]  # noqa: F821
TTS_OUTBOX_MODEL = "comments.OutboxMessage"
