from datetime import timedelta
from pathlib import Path

from decouple import config

from tts_common.settings import common_settings

BASE_DIR = Path(__file__).resolve().parent.parent

globals().update(
    common_settings(
        service="auth_service", short="auth", db_name="tts_auth", env_prefix="AUTH", base_dir=BASE_DIR
    )
)

INSTALLED_APPS += ["accounts"]  # noqa: F821
AUTH_USER_MODEL = "accounts.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
TTS_OUTBOX_MODEL = "accounts.OutboxMessage"

JWT_REFRESH_LIFETIME = timedelta(days=config("JWT_REFRESH_DAYS", default=7, cast=int))

# Login protection (DESIGN §3): per IP a fixed window, per account a lockout after
# repeated failures. Counters live in the shared cache (Redis), so they hold across
# processes; the web UI and benchmarks raise the limits rather than switch them off.
LOGIN_RATE_PER_IP = config("LOGIN_RATE_PER_IP", default=5, cast=int)
LOGIN_RATE_WINDOW_SECONDS = config("LOGIN_RATE_WINDOW_SECONDS", default=60, cast=int)
LOGIN_MAX_FAILURES = config("LOGIN_MAX_FAILURES", default=5, cast=int)
LOGIN_LOCKOUT_SECONDS = config("LOGIN_LOCKOUT_SECONDS", default=900, cast=int)
PASSWORD_RESET_RATE_PER_IP = config("PASSWORD_RESET_RATE_PER_IP", default=5, cast=int)
PASSWORD_RESET_TTL = timedelta(hours=1)
TOTP_ISSUER = config("TOTP_ISSUER", default="TTS")
