"""Browser tests: Debian's chromium, driven by Playwright, against the built UI on vite
preview in front of the e2e stack's real processes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from scripts.services import ROOT

SCREENSHOTS = ROOT / "docs" / "screenshots"
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def ui(stack):
    return stack.urls.get("ui") or stack.start_ui()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    executable = shutil.which("chromium")
    if executable is None:
        raise AssertionError("chromium is not installed: `make browser` installs Debian's package")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def open_as(browser, ui):
    """``open_as(email, width=1280)`` → a signed-in page in a browser context of its own."""
    contexts = []

    def _open(email: str, *, width: int = 1280, height: int = 860):
        context = browser.new_context(viewport={"width": width, "height": height}, base_url=ui)
        context.set_default_timeout(15_000)
        contexts.append(context)
        page = context.new_page()
        page.goto("/login")
        page.get_by_label("Email").fill(email)
        page.get_by_label("Password").fill("TtsDemo!2026")
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_url("**/tickets")
        return page

    yield _open
    for context in contexts:
        context.close()


def screenshot(page, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
