"""Fixtures come from the shared kernel's pytest plugin (tts_common.testing)."""

import pytest


@pytest.fixture(autouse=True)
def _forget_what_processes_remember():
    # a rolled-back test database may hand the same version key to another test's version
    from calendars.selectors import schedules_forget
    from workflows.selectors import version_outlines_forget

    version_outlines_forget()
    schedules_forget()
