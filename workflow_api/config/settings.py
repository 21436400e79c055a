from pathlib import Path

from tts_common.settings import common_settings

BASE_DIR = Path(__file__).resolve().parent.parent

globals().update(
    common_settings(
        service="workflow_api",
        short="workflow",
        db_name="tts_workflow",
        env_prefix="WORKFLOW",
        base_dir=BASE_DIR,
    )
)

INSTALLED_APPS += ["tickets", "roles", "calendars", "workflows", "engine", "audit", "reporting"]  # noqa: F821
TTS_OUTBOX_MODEL = "tickets.OutboxMessage"

# Several models have a "status" choice set; the API schema names Task's after its model
# (the others are told apart by drf-spectacular already).
SPECTACULAR_SETTINGS["ENUM_NAME_OVERRIDES"] = {"TaskStatusEnum": "engine.models.Task.Status"}  # noqa: F821
