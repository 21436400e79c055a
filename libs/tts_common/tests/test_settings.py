import pytest
from decouple import config
from django.core.exceptions import ImproperlyConfigured

from tts_common import settings as tts_settings
from tts_common.settings import DEV_JWT_KEY, DEV_SECRET_KEY, common_settings

GOOD_SECRET = "a-production-django-secret-key-that-is-long-0123456789"
GOOD_JWT_KEY = "p" * 32
ENV_READ = [
    "DJANGO_ENV",
    "DJANGO_SECRET_KEY",
    "JWT_SIGNING_KEY",
    "JWT_PREVIOUS_SIGNING_KEY",
    "DJANGO_DEBUG",
    "TTS_EMBEDDED",
    "TTS_VAR_DIR",
    "TTS_QUEUE_PREFIX",
    "KERNEL_DATABASE_URL",
    "CELERY_BROKER_URL",
    "ALLOWED_HOSTS",
]


@pytest.fixture
def env(monkeypatch, tmp_path):
    """A clean environment: none of the variables common_settings reads, var/ in a temp dir."""
    for name in ENV_READ:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("TTS_VAR_DIR", str(tmp_path / "var"))
    return monkeypatch


def build(tmp_path):
    return common_settings(
        service="kernel_tests", short="kernel", db_name="tts_kernel", env_prefix="KERNEL", base_dir=tmp_path
    )


def production(env, **values):
    env.setenv("DJANGO_ENV", "production")
    env.setenv("DJANGO_SECRET_KEY", GOOD_SECRET)
    env.setenv("JWT_SIGNING_KEY", GOOD_JWT_KEY)
    for name, value in values.items():
        if value is None:
            env.delenv(name)
        else:
            env.setenv(name, value)


def test_decouple_reads_the_environment_at_call_time(env):
    # common_settings is only testable with monkeypatch if decouple does not cache os.environ
    env.setenv("KERNEL_PROBE", "first")
    assert config("KERNEL_PROBE") == "first"

    env.setenv("KERNEL_PROBE", "second")
    assert config("KERNEL_PROBE") == "second"

    env.delenv("KERNEL_PROBE")
    assert config("KERNEL_PROBE", default="gone") == "gone"


def test_development_needs_no_environment(env, tmp_path):
    result = build(tmp_path)

    assert result["TTS_ENV"] == "development"
    assert result["SECRET_KEY"] == DEV_SECRET_KEY
    assert result["JWT_SIGNING_KEY"] == DEV_JWT_KEY
    assert result["JWT_PREVIOUS_SIGNING_KEY"] is None
    assert result["DEBUG"] is True
    assert result["DATABASES"]["default"]["ENGINE"] == "tts_common.postgresql"
    assert result["DATABASES"]["default"]["NAME"] == "tts_kernel"
    assert result["CELERY_BROKER_URL"] == "amqp://guest:guest@127.0.0.1:5672//"
    assert result["CELERY_BROKER_TRANSPORT_OPTIONS"]["confirm_publish"] is True
    assert result["TTS_QUEUE_PREFIX"] == ""
    assert (tmp_path / "staticfiles").is_dir()


def test_django_csrf_cookie_is_kept_apart_from_the_api_double_submit_cookie(env, tmp_path):
    # the API's double submit reads ``csrftoken`` at /; Django's own CSRF cookie serves only the admin
    result = build(tmp_path)

    assert result["CSRF_COOKIE_NAME"] == "kernel_admin_csrftoken"
    assert result["CSRF_COOKIE_PATH"] == "/admin/kernel/"


def test_the_service_database_url_is_read_from_its_prefixed_variable(env, tmp_path):
    env.setenv("KERNEL_DATABASE_URL", "postgres://someone@db.internal:6543/elsewhere")

    database = build(tmp_path)["DATABASES"]["default"]

    assert (database["HOST"], database["PORT"], database["NAME"]) == ("db.internal", 6543, "elsewhere")


def test_production_with_real_secrets_works(env, tmp_path):
    production(env)

    result = build(tmp_path)

    assert result["TTS_ENV"] == "production"
    assert result["SECRET_KEY"] == GOOD_SECRET
    assert result["JWT_SIGNING_KEY"] == GOOD_JWT_KEY
    assert result["DEBUG"] is False
    assert result["SESSION_COOKIE_SECURE"] and result["CSRF_COOKIE_SECURE"] and result["JWT_COOKIE_SECURE"]
    assert "*" not in result["ALLOWED_HOSTS"]


def test_production_without_django_secret_key_refuses_to_start(env, tmp_path):
    production(env, DJANGO_SECRET_KEY=None)

    with pytest.raises(ImproperlyConfigured, match="DJANGO_SECRET_KEY"):
        build(tmp_path)


def test_production_without_jwt_signing_key_refuses_to_start(env, tmp_path):
    production(env, JWT_SIGNING_KEY=None)

    with pytest.raises(ImproperlyConfigured, match="JWT_SIGNING_KEY"):
        build(tmp_path)


@pytest.mark.parametrize("name", ["DJANGO_SECRET_KEY", "JWT_SIGNING_KEY"])
def test_production_refuses_an_empty_secret(env, tmp_path, name):
    production(env, **{name: ""})

    with pytest.raises(ImproperlyConfigured, match=name):
        build(tmp_path)


@pytest.mark.parametrize(
    ("name", "dev_default"), [("DJANGO_SECRET_KEY", DEV_SECRET_KEY), ("JWT_SIGNING_KEY", DEV_JWT_KEY)]
)
def test_production_refuses_the_development_default(env, tmp_path, name, dev_default):
    production(env, **{name: dev_default})

    with pytest.raises(ImproperlyConfigured, match=name):
        build(tmp_path)


@pytest.mark.parametrize(
    ("key", "accepted"),
    [
        ("k" * 31, False),
        ("k" * 32, True),
        ("é" * 15 + "k", False),  # 16 characters but 31 bytes
        ("é" * 16, True),  # 16 characters, 32 bytes: the limit is in bytes
    ],
)
def test_production_jwt_key_must_be_at_least_32_bytes(env, tmp_path, key, accepted):
    production(env, JWT_SIGNING_KEY=key)

    if accepted:
        assert build(tmp_path)["JWT_SIGNING_KEY"] == key
    else:
        with pytest.raises(ImproperlyConfigured, match="at least 32 bytes"):
            build(tmp_path)


def test_production_django_secret_key_must_be_at_least_32_bytes(env, tmp_path):
    production(env, DJANGO_SECRET_KEY="s" * 31)

    with pytest.raises(ImproperlyConfigured, match="DJANGO_SECRET_KEY"):
        build(tmp_path)


def test_previous_jwt_key_is_read_for_rotation(env, tmp_path):
    env.setenv("JWT_PREVIOUS_SIGNING_KEY", "the-previous-key-0123456789abcdef")

    assert build(tmp_path)["JWT_PREVIOUS_SIGNING_KEY"] == "the-previous-key-0123456789abcdef"


def test_embedded_mode_uses_sqlite_and_a_filesystem_broker(env, tmp_path):
    # given
    env.setenv("TTS_EMBEDDED", "1")
    var = tmp_path / "var"

    # when
    result = build(tmp_path)

    # then
    assert result["TTS_EMBEDDED"] is True
    assert result["DATABASES"]["default"] == {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(var / "tts_kernel.sqlite3"),
    }
    assert result["CELERY_BROKER_URL"] == "filesystem://"
    options = result["CELERY_BROKER_TRANSPORT_OPTIONS"]
    assert options["data_folder_in"] == options["data_folder_out"] == str(var / "broker" / "messages")
    assert (var / "broker" / "messages").is_dir() and (var / "broker" / "control").is_dir()
    assert result["CACHES"]["default"]["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"


def test_embedded_mode_is_off_unless_asked_for(env, tmp_path):
    env.setenv("TTS_EMBEDDED", "0")

    result = build(tmp_path)

    assert result["TTS_EMBEDDED"] is False
    assert result["CELERY_BROKER_URL"].startswith("amqp://")


def test_broker_settings_give_up_fast_so_the_outbox_sweep_retries(env):
    url, options = tts_settings.broker_settings()

    assert url == "amqp://guest:guest@127.0.0.1:5672//"
    assert options["max_retries"] == 1
    assert options["interval_max"] <= 1


def test_production_sends_hsts_for_a_year_and_leaves_the_https_redirect_to_nginx(env, tmp_path):
    production(env)

    result = build(tmp_path)

    assert result["SECURE_HSTS_SECONDS"] == 31_536_000
    assert result["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True
    assert result["SECURE_PROXY_SSL_HEADER"] == ("HTTP_X_FORWARDED_PROTO", "https")
    # only what nginx does instead is silenced, nothing else check --deploy reports
    assert result["SILENCED_SYSTEM_CHECKS"] == ["security.W008", "security.W021"]


def test_development_sends_no_hsts_and_silences_no_check(env, tmp_path):
    result = build(tmp_path)

    assert result["SECURE_HSTS_SECONDS"] == 0
    assert result["SILENCED_SYSTEM_CHECKS"] == []
