"""Shared Playwright pieces for the e2e tests: headless Chromium, login, screenshots.

Screenshots go to E2E_SCREENSHOT_DIR (default /tmp/e2e-screenshots), named by what they show.
"""

import os
from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
SCREENSHOT_DIR = Path(os.environ.get("E2E_SCREENSHOT_DIR", "/tmp/e2e-screenshots"))


def screenshot(page, name: str, locator=None) -> Path:
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOT_DIR / f"{name}.png"
    (locator or page).screenshot(path=str(path), **({} if locator else {"full_page": True}))
    return path


def log_in(page, base_url: str, username: str, password: str) -> None:
    page.goto(f"{base_url}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.locator("form button[type='submit']").first.click()
    page.wait_for_url(f"{base_url}/admin/")
