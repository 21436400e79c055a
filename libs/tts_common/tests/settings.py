"""Django settings of the kernel's own test suite: the shared settings plus a tiny test app.

Runs on real PostgreSQL (pytest-django creates and drops ``test_tts_kernel``) and real
RabbitMQ; every queue this run declares carries a unique prefix and is deleted at the end.
"""

import uuid
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from tts_common.settings import common_settings

BASE_DIR = Path(__file__).resolve().parent

globals().update(
    common_settings(
        service="kernel_tests", short="kernel", db_name="tts_kernel", env_prefix="KERNEL", base_dir=BASE_DIR
    )
)

INSTALLED_APPS += ["tests.kernel_testapp"]  # noqa: F821
ROOT_URLCONF = "tests.urls"
WSGI_APPLICATION = None
TTS_OUTBOX_MODEL = "kernel_testapp.OutboxMessage"
# Never the real queues: each run gets its own, deleted when the session ends.
TTS_QUEUE_PREFIX = f"kerneltest.{uuid.uuid4().hex[:12]}."

if DATABASES["default"]["ENGINE"] != "tts_common.postgresql":  # noqa: F821
    raise ImproperlyConfigured("The kernel suite runs on PostgreSQL only; unset TTS_EMBEDDED.")
if not CELERY_BROKER_URL.startswith("amqp://"):  # noqa: F821
    raise ImproperlyConfigured("The kernel suite needs RabbitMQ (an amqp:// CELERY_BROKER_URL).")
