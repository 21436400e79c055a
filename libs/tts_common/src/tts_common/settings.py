"""Settings every service shares, read from the environment.

Each service's ``config/settings.py`` calls :func:`common_settings` and adds its own apps.
Development needs no ``.env``; production refuses to start without real secrets.
``TTS_EMBEDDED=1`` switches to the embedded mode used when PostgreSQL, RabbitMQ or
Redis are unreachable: SQLite files under ``var/``, a file-system broker, local caches.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import dj_database_url
from decouple import Csv, config
from django.core.exceptions import ImproperlyConfigured

from tts_common.jwt import MIN_KEY_BYTES

# Development-only defaults: never valid in production (checked below).
DEV_SECRET_KEY = "dev-insecure-django-secret-key-change-me-0123456789"
DEV_JWT_KEY = "dev-insecure-jwt-signing-key-change-me-0123456789"

REPO_ROOT = Path(__file__).resolve().parents[4]

# What `manage.py check --deploy` asks for that production deliberately leaves to nginx
# (nginx/nginx.prod.conf), each with the reason:
PRODUCTION_SILENCED_CHECKS = [
    # SECURE_SSL_REDIRECT: nginx redirects port 80 to 443 for every public request. The
    # services listen only on the internal network, where health checks and
    # service-to-service REST calls are plain HTTP that a redirect would break.
    "security.W008",
    # SECURE_HSTS_PRELOAD: joining the browsers' preload list is a one-way step the operator
    # of a domain takes on purpose, not a default. HSTS itself is on (a year, subdomains).
    "security.W021",
]


def _require_secret(name: str, value: str | None, dev_default: str, production: bool) -> str:
    if not production:
        return value or dev_default
    if not value or value == dev_default:
        raise ImproperlyConfigured(f"{name} must be set in production.")
    if len(value.encode()) < MIN_KEY_BYTES:
        raise ImproperlyConfigured(f"{name} must be at least {MIN_KEY_BYTES} bytes in production.")
    return value


def _var_dir() -> Path:
    return Path(config("TTS_VAR_DIR", default=str(REPO_ROOT / "var")))


def broker_settings() -> tuple[str, dict[str, Any]]:
    """Broker URL and transport options: RabbitMQ with publisher confirms, or in the
    embedded mode a file-system transport that several processes can share."""
    if config("TTS_EMBEDDED", default=False, cast=bool):
        folder = _var_dir() / "broker"
        for sub in ("messages", "control", "processed"):
            (folder / sub).mkdir(parents=True, exist_ok=True)
        return "filesystem://", {
            "data_folder_in": str(folder / "messages"),
            "data_folder_out": str(folder / "messages"),
            "control_folder": str(folder / "control"),
            "processed_folder": str(folder / "processed"),
            "store_processed": False,
        }
    # A publish that cannot reach the broker gives up fast: the outbox sweep retries it later.
    return config("CELERY_BROKER_URL", default="amqp://guest:guest@127.0.0.1:5672//"), {
        "confirm_publish": True,
        "max_retries": 1,
        "interval_start": 0,
        "interval_step": 0.5,
        "interval_max": 1,
    }


def common_settings(
    *, service: str, short: str, db_name: str, env_prefix: str, base_dir: Path
) -> dict[str, Any]:
    """Return the shared settings for ``service`` as a dict to merge into the module globals.

    ``short`` names the service in its public paths (``/admin/<short>/``, ``/health/<short>/``).
    """
    env = config("DJANGO_ENV", default="development")
    production = env == "production"
    embedded = config("TTS_EMBEDDED", default=False, cast=bool)
    var_dir = _var_dir()

    secret_key = _require_secret(
        "DJANGO_SECRET_KEY", config("DJANGO_SECRET_KEY", default=None), DEV_SECRET_KEY, production
    )
    jwt_key = _require_secret(
        "JWT_SIGNING_KEY", config("JWT_SIGNING_KEY", default=None), DEV_JWT_KEY, production
    )
    jwt_previous = config("JWT_PREVIOUS_SIGNING_KEY", default="") or None

    broker_url, broker_options = broker_settings()
    if embedded:
        database = {"ENGINE": "django.db.backends.sqlite3", "NAME": str(var_dir / f"{db_name}.sqlite3")}
        cache = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
        # In-process only: live pushes reach browsers connected to the same process.
        channel_layer = {"BACKEND": "channels.layers.InMemoryChannelLayer"}
    else:
        database = dj_database_url.parse(
            config(f"{env_prefix}_DATABASE_URL", default=f"postgres://postgres@127.0.0.1:5432/{db_name}"),
            conn_max_age=config("DB_CONN_MAX_AGE", default=60, cast=int),
            conn_health_checks=True,
            engine="tts_common.postgresql",  # Django's, with a health check that costs no round trip
        )
        cache = {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": config("REDIS_URL", default="redis://127.0.0.1:6379/0"),
            "KEY_PREFIX": short,
        }
        channel_layer = {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {
                "hosts": [config("REDIS_URL", default="redis://127.0.0.1:6379/0")],
                "prefix": f"{config('TTS_QUEUE_PREFIX', default='')}asgi",
            },
        }

    cors_origins = config(
        "CORS_ALLOWED_ORIGINS", default="http://localhost:1000,http://127.0.0.1:1000", cast=Csv()
    )
    log_level = config("LOG_LEVEL", default="INFO")

    static_root = base_dir / "staticfiles"
    if not production:  # WhiteNoise serves from the finders in development; keep it from warning
        static_root.mkdir(exist_ok=True)

    settings: dict[str, Any] = {
        "TTS_SERVICE": service,
        "TTS_SERVICE_SHORT": short,
        "TTS_ENV": env,
        "TTS_EMBEDDED": embedded,
        "TTS_VAR_DIR": var_dir,
        "TTS_WEB_URL": config("TTS_WEB_URL", default="http://localhost:1000"),
        "SECRET_KEY": secret_key,
        "DEBUG": config("DJANGO_DEBUG", default=not production, cast=bool),
        "ALLOWED_HOSTS": config(
            "ALLOWED_HOSTS", default="localhost,127.0.0.1,[::1]" if production else "*", cast=Csv()
        ),
        "INSTALLED_APPS": [
            "django.contrib.admin",
            "django.contrib.auth",
            "django.contrib.contenttypes",
            "django.contrib.sessions",
            "django.contrib.messages",
            "django.contrib.staticfiles",
            "tts_common",
            "corsheaders",
            "rest_framework",
            "django_filters",
            "drf_spectacular",
            "drf_spectacular_sidecar",
        ],
        "MIDDLEWARE": [
            "django.middleware.security.SecurityMiddleware",
            "whitenoise.middleware.WhiteNoiseMiddleware",
            "corsheaders.middleware.CorsMiddleware",
            "django.contrib.sessions.middleware.SessionMiddleware",
            "django.middleware.common.CommonMiddleware",
            "django.middleware.csrf.CsrfViewMiddleware",
            "django.contrib.auth.middleware.AuthenticationMiddleware",
            "django.contrib.messages.middleware.MessageMiddleware",
            "django.middleware.clickjacking.XFrameOptionsMiddleware",
        ],
        "ROOT_URLCONF": "config.urls",
        "WSGI_APPLICATION": "config.wsgi.application",
        "TEMPLATES": [
            {
                "BACKEND": "django.template.backends.django.DjangoTemplates",
                "DIRS": [],
                "APP_DIRS": True,
                "OPTIONS": {
                    "context_processors": [
                        "django.template.context_processors.request",
                        "django.contrib.auth.context_processors.auth",
                        "django.contrib.messages.context_processors.messages",
                    ]
                },
            }
        ],
        "DATABASES": {"default": database},
        "CACHES": {"default": cache},
        # Live events (websockets) between services: notification_service and
        # messaging_service share it; the other services never touch it.
        "CHANNEL_LAYERS": {"default": channel_layer},
        "DEFAULT_AUTO_FIELD": "django.db.models.BigAutoField",
        "LANGUAGE_CODE": "en-us",
        "TIME_ZONE": "UTC",
        "USE_I18N": True,
        "USE_TZ": True,
        "STATIC_URL": f"/static/{short}/",
        "STATIC_ROOT": str(static_root),
        "WHITENOISE_USE_FINDERS": not production,
        "SESSION_COOKIE_NAME": f"{short}_sessionid",
        "SESSION_COOKIE_PATH": f"/admin/{short}/",
        "SESSION_COOKIE_SECURE": production,
        # Django's own CSRF cookie serves only the admin; ``csrftoken`` at / is the API's double submit.
        "CSRF_COOKIE_NAME": f"{short}_admin_csrftoken",
        "CSRF_COOKIE_PATH": f"/admin/{short}/",
        "CSRF_COOKIE_SECURE": production,
        "CSRF_TRUSTED_ORIGINS": config("CSRF_TRUSTED_ORIGINS", default=",".join(cors_origins), cast=Csv()),
        "CORS_ALLOWED_ORIGINS": cors_origins,
        "CORS_ALLOW_CREDENTIALS": True,
        "CORS_ALLOW_HEADERS": ["accept", "authorization", "content-type", "idempotency-key", "x-csrftoken"],
        "SECURE_CONTENT_TYPE_NOSNIFF": True,
        "X_FRAME_OPTIONS": "DENY",
        "SECURE_PROXY_SSL_HEADER": ("HTTP_X_FORWARDED_PROTO", "https") if production else None,
        # Sent on HTTPS requests only (X-Forwarded-Proto from nginx); nginx sends the same.
        "SECURE_HSTS_SECONDS": 31_536_000 if production else 0,
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": production,
        "SILENCED_SYSTEM_CHECKS": PRODUCTION_SILENCED_CHECKS if production else [],
        "JWT_SIGNING_KEY": jwt_key,
        "JWT_PREVIOUS_SIGNING_KEY": jwt_previous,
        "JWT_ACCESS_LIFETIME": timedelta(minutes=config("JWT_ACCESS_MINUTES", default=10, cast=int)),
        "JWT_COOKIE_SECURE": production,
        "REST_FRAMEWORK": {
            "DEFAULT_AUTHENTICATION_CLASSES": ["tts_common.authentication.JWTAuthentication"],
            "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
            "DEFAULT_PAGINATION_CLASS": "tts_common.pagination.Pagination",
            "PAGE_SIZE": 20,
            "DEFAULT_FILTER_BACKENDS": [
                "django_filters.rest_framework.DjangoFilterBackend",
                "rest_framework.filters.SearchFilter",
                "rest_framework.filters.OrderingFilter",
            ],
            "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
            "DEFAULT_SCHEMA_CLASS": "tts_common.schema.AutoSchema",
            "EXCEPTION_HANDLER": "tts_common.errors.exception_handler",
            "DEFAULT_THROTTLE_CLASSES": ["tts_common.throttling.IntegratorRateThrottle"],
            "DEFAULT_THROTTLE_RATES": {"api": config("API_RATE", default="60/min")},
            "UNAUTHENTICATED_USER": None,
        },
        "SPECTACULAR_SETTINGS": {
            "TITLE": f"TTS {service}",
            "VERSION": "1.0.0",
            "SERVE_INCLUDE_SCHEMA": False,
            "SWAGGER_UI_DIST": "SIDECAR",
            "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
            "REDOC_DIST": "SIDECAR",
            "SCHEMA_PATH_PREFIX": r"/api/v1",
            "COMPONENT_SPLIT_REQUEST": True,
        },
        "CELERY_BROKER_URL": broker_url,
        "CELERY_BROKER_TRANSPORT_OPTIONS": broker_options,
        "TTS_QUEUE_PREFIX": config("TTS_QUEUE_PREFIX", default=""),
        # Where the other services answer, for service-to-service REST calls.
        "AUTH_SERVICE_URL": config("AUTH_SERVICE_URL", default="http://127.0.0.1:8000"),
        "WORKFLOW_API_URL": config("WORKFLOW_API_URL", default="http://127.0.0.1:8002"),
        "TICKET_SERVICE_URL": config("TICKET_SERVICE_URL", default="http://127.0.0.1:8004"),
        "MESSAGING_SERVICE_URL": config("MESSAGING_SERVICE_URL", default="http://127.0.0.1:8005"),
        "NOTIFICATION_SERVICE_URL": config("NOTIFICATION_SERVICE_URL", default="http://127.0.0.1:8006"),
        "TTS_TRUSTED_PROXIES": config("TTS_TRUSTED_PROXIES", default=0, cast=int),
        "MEDIA_ROOT": config("MEDIA_ROOT", default=str(var_dir / "media" / short)),
        "MEDIA_URL": f"/media/{short}/",
        "ATTACHMENT_MAX_BYTES": config("ATTACHMENT_MAX_BYTES", default=10 * 1024 * 1024, cast=int),
        "ATTACHMENT_MAX_PER_TICKET": config("ATTACHMENT_MAX_PER_TICKET", default=20, cast=int),
        "DATA_UPLOAD_MAX_MEMORY_SIZE": 2_621_440,
        "OUTBOX_SWEEP_AFTER_SECONDS": config("OUTBOX_SWEEP_AFTER_SECONDS", default=10, cast=int),
        # batched queues (tts_common.batching): messages per batch, how long a batch waits to
        # fill, and consumer threads per worker (one: a second thread of the same process
        # competes for the GIL more than it overlaps waits; docs/performance.md)
        "BATCH_SIZE": config("BATCH_SIZE", default=250, cast=int),
        "BATCH_WAIT_SECONDS": config("BATCH_WAIT_SECONDS", default=0.05, cast=float),
        "BATCH_CONSUMERS": config("BATCH_CONSUMERS", default=1, cast=int),
        "LOGGING": {
            "version": 1,
            "disable_existing_loggers": False,
            "formatters": {"json": {"()": "tts_common.logging.JsonFormatter", "service": service}},
            "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "json"}},
            "root": {"handlers": ["console"], "level": log_level},
            "loggers": {
                "django.db.backends": {"level": "INFO"},
                "amqp": {"level": "WARNING"},
                "kombu": {"level": "WARNING"},
            },
        },
    }
    return settings
