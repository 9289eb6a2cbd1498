"""Headless Chromium for the browser test: found on PATH (Debian's chromium + chromium-driver)."""

from __future__ import annotations

import os
import shutil
from typing import Any

__all__ = ["chrome", "find_chrome"]

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


def find_chrome() -> tuple[str, str] | None:
    """(browser, chromedriver) paths, or None when either is missing."""
    browser = os.environ.get("PALMYRA_CHROME") or next(filter(None, map(shutil.which, BROWSERS)), None)
    driver = os.environ.get("PALMYRA_CHROMEDRIVER") or shutil.which("chromedriver")
    return (browser, driver) if browser and driver else None


def chrome(browser: str, driver: str, *, width: int = 1280, height: int = 1000) -> Any:
    """A headless Chrome WebDriver on these binaries (no Selenium Manager, no network)."""
    from selenium import webdriver

    opts = webdriver.ChromeOptions()
    opts.binary_location = browser
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                f"--window-size={width},{height}", "--hide-scrollbars", "--lang=en-US"):  # fmt: skip
        opts.add_argument(arg)
    return webdriver.Chrome(options=opts, service=webdriver.ChromeService(executable_path=driver))
