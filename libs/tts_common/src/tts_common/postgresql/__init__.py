"""Django's PostgreSQL backend with a health check that costs no round trip
(``ENGINE = "tts_common.postgresql"``; see base.py)."""
