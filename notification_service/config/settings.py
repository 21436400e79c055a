from pathlib import Path

from decouple import config

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

# Email: SMTP in production; in development a file capture under var/mail, so nothing
# leaves the machine. EMAIL_BACKEND=django.core.mail.backends.console.EmailBackend prints instead.
EMAIL_BACKEND = config(
    "EMAIL_BACKEND",
    default="django.core.mail.backends.smtp.EmailBackend"
    if TTS_ENV == "production"  # noqa: F821
    else "django.core.mail.backends.filebased.EmailBackend",
)
EMAIL_FILE_PATH = config("EMAIL_FILE_PATH", default=str(TTS_VAR_DIR / "mail"))  # noqa: F821
EMAIL_HOST = config("EMAIL_HOST", default="localhost")
EMAIL_PORT = config("EMAIL_PORT", default=25, cast=int)
EMAIL_HOST_USER = config("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = config("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = config("EMAIL_USE_TLS", default=False, cast=bool)
EMAIL_TIMEOUT = config("EMAIL_TIMEOUT", default=10, cast=int)
DEFAULT_FROM_EMAIL = config("DEFAULT_FROM_EMAIL", default="TTS <noreply@tts.local>")
