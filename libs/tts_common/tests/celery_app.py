"""The Celery app of the kernel suite, built by the kernel's own factory.

Imported by conftest.py, so ``celery.current_app`` is this app whenever the outbox publishes.
"""

from django.conf import settings

from tts_common.celery import make_celery

app = make_celery("kernel")
# The embedded test worker's remote control (used to stop it) stays on this run's exchanges too.
app.conf.control_exchange = settings.TTS_QUEUE_PREFIX + "celery"
app.conf.event_exchange = settings.TTS_QUEUE_PREFIX + "celeryev"
