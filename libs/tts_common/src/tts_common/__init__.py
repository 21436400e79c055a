"""TTS shared kernel.

Thin, stateless infrastructure shared by every TTS service: JWT verification for DRF,
role permissions, the error format, pagination, settings, the Celery factory, message
schemas, the transactional outbox, health checks and test fixtures. It holds no
concrete models and no business rules.
"""
