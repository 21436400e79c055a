"""Fixtures come from the shared kernel's pytest plugin (tts_common.testing)."""
