"""The Chromium context fixture for the e2e tests (helpers in tests/e2e/browser.py)."""

import contextlib

import pytest

from .browser import CHROMIUM, CHROMIUM_ARGS


@pytest.fixture
def browser_context(monkeypatch):
    """A Chromium context in Danish; skips when the browser is not installed."""
    if not CHROMIUM.exists():
        pytest.skip(f"Chromium not installed at {CHROMIUM}: install the Debian package 'chromium' to run e2e tests")
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs an event loop here
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        context = browser.new_context(locale="da-DK", viewport={"width": 1400, "height": 1000})
        context.set_default_timeout(20_000)
        try:
            yield context
        finally:
            with contextlib.suppress(PlaywrightError):
                context.close()
            browser.close()
