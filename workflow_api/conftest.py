"""Fixtures come from the shared kernel's pytest plugin (tts_common.testing)."""

import pytest


@pytest.fixture(autouse=True)
def _forget_version_outlines():
    # a rolled-back test database may hand the same version key to another test's version
    from workflows.selectors import version_outlines_forget

    version_outlines_forget()
