from datetime import timedelta
from pathlib import Path

from tts_common.settings import common_settings

BASE_DIR = Path(__file__).resolve().parent.parent

globals().update(
    common_settings(
        service="auth_service", short="auth", db_name="tts_auth", env_prefix="AUTH", base_dir=BASE_DIR
    )
)

INSTALLED_APPS += [  # noqa: F821
    "rest_framework_simplejwt.token_blacklist",
    "accounts",
]
AUTH_USER_MODEL = "accounts.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

SIMPLE_JWT = {
    "ACCESS_TOKEN_LIFETIME": JWT_ACCESS_LIFETIME,  # noqa: F821
    "REFRESH_TOKEN_LIFETIME": timedelta(days=7),
    "ROTATE_REFRESH_TOKENS": True,
    "BLACKLIST_AFTER_ROTATION": True,
    "UPDATE_LAST_LOGIN": True,
    "ALGORITHM": "HS256",
    "SIGNING_KEY": JWT_SIGNING_KEY,  # noqa: F821
    "AUDIENCE": "tts",
    "ISSUER": "tts-auth",
    "USER_ID_FIELD": "id",
    "USER_ID_CLAIM": "user_id",
}
TTS_OUTBOX_MODEL = "accounts.OutboxMessage"
