"""The web UI in headless Chromium: map with markers, event page with highlighted evidence,
sign-in, a correction, and the audit view showing it. Screenshots go to $PALMYRA_SCREENSHOTS
(default: the test's tmp folder)."""

from __future__ import annotations

import dataclasses
import os
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest

from palmyra.store import Store, ingest
from palmyra.store.reviews import add_reviewer
from palmyra.types import Article, Evidence, Rejected
from tests.store.conftest import ARTICLES, EVENTS, FakeAnalysis, read

from .browser import chrome, find_chrome

pytestmark = pytest.mark.browser
FOUND = find_chrome()
EMAIL = "browser.reviewer@example.org"


class SentencePipeline:
    """The store tests' hand-built events, with evidence and claims pointing at the article's real
    first sentence (character offsets), so the event page has something true to highlight."""

    def run(self, items: Iterable[Article | Rejected]) -> Iterator[Any]:
        for a in items:
            if isinstance(a, Rejected):
                yield a
                continue
            end = a.text.find(".") + 1 or len(a.text)
            sentence = a.text[:end]
            events = []
            for ev in EVENTS.get(a.id, lambda a: [])(a):
                claims = tuple(dataclasses.replace(c, evidence=sentence, start=0, end=end) for c in ev.claims)  # type: tuple[Claim, ...]
                events.append(
                    dataclasses.replace(ev, evidence=(Evidence(a.id, sentence, 0, end),), claims=claims)
                )
            yield FakeAnalysis(a, events)


@pytest.fixture
def site(tmp_path: Path) -> Iterator[tuple[str, str]]:
    from palmyra.api import create_app
    from palmyra.api.server import ServerThread

    path = tmp_path / "web.duckdb"
    with Store(path) as store:
        ingest(read(ARTICLES), store=store, pipeline=SentencePipeline())
        token = add_reviewer(store, EMAIL).token
    with ServerThread(create_app(path)) as url:
        yield url, token


@pytest.fixture
def driver() -> Iterator[Any]:
    if FOUND is None:
        pytest.skip("no chromium and chromedriver on PATH (apt-get install chromium chromium-driver)")
    pytest.importorskip("selenium", reason="selenium is not installed (pip install -e '.[dev]')")
    d = chrome(*FOUND)
    try:
        yield d
    finally:
        d.quit()


def wait_for(driver: Any, condition: Any, timeout: float = 15) -> Any:
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, timeout).until(condition)


def ready(driver: Any, prefix: str) -> None:
    wait_for(
        driver,
        lambda d: (d.find_element("tag name", "body").get_attribute("data-ready") or "").startswith(prefix),
    )


def test_map_event_evidence_review_and_audit(site: tuple[str, str], driver: Any, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.expected_conditions import element_to_be_clickable as clickable

    url, token = site
    shots = Path(os.environ.get("PALMYRA_SCREENSHOTS") or tmp_path)
    shots.mkdir(parents=True, exist_ok=True)

    # the map: bundled country outlines, one marker per located event, the timeline
    driver.get(url + "/")
    ready(driver, "#/")
    markers = wait_for(driver, lambda d: d.find_elements(By.CSS_SELECTOR, "path.event-marker"))
    assert len(markers) == 5
    assert len(driver.find_elements(By.CSS_SELECTOR, ".leaflet-overlay-pane path")) > 100  # countries
    assert driver.find_elements(By.CSS_SELECTOR, "#timeline rect.bar")
    assert "5 events" in driver.find_element(By.ID, "count").text
    driver.save_screenshot(str(shots / "browser-map.png"))

    # open the Aleppo air strike from its marker's popup
    strike = next(m for m in markers if m.get_attribute("fill") == "#e8590c")  # explosions' colour
    driver.execute_script("arguments[0].dispatchEvent(new MouseEvent('click', {bubbles: true}))", strike)
    link = wait_for(driver, clickable((By.CSS_SELECTOR, ".leaflet-popup a.open-event")))
    assert "Air/drone strike" in driver.find_element(By.CSS_SELECTOR, ".leaflet-popup").text
    link.click()
    ready(driver, "#/event/")

    # the event page: claims and the evidence sentence highlighted in the article text
    marks = driver.find_elements(By.CSS_SELECTOR, ".article-text mark.evidence")
    assert marks and all(m.text.strip().endswith(".") for m in marks)
    title = driver.find_element(By.ID, "event-title").text
    driver.save_screenshot(str(shots / "browser-event.png"))

    # sign in, then correct the fatalities with a note
    driver.find_element(By.ID, "signin-token").send_keys(token)
    driver.find_element(By.ID, "signin-button").click()
    wait_for(driver, lambda d: d.find_element(By.ID, "signed-in-id").text == "R1")
    ready(driver, "#/event/")
    fat = wait_for(driver, lambda d: d.find_element(By.ID, "r-fatalities"))
    old = fat.get_attribute("value")
    fat.clear()
    fat.send_keys(str(int(old) + 4))
    driver.find_element(By.ID, "r-note").send_keys("two hospitals give a higher toll")
    driver.find_element(By.ID, "review-submit").click()
    wait_for(driver, lambda d: "Saved" in d.find_element(By.ID, "review-message").text)
    shown = driver.find_element(By.CSS_SELECTOR, "dd[data-field=fatalities]").text
    assert shown.split()[0] == str(int(old) + 4) and old in shown  # reviewed value, machine's struck through
    assert driver.find_element(By.ID, "event-title").text.startswith(title.split(" · ")[0])
    driver.save_screenshot(str(shots / "browser-event-reviewed.png"))

    # the audit view lists it: reviewer pseudonym, field, from, to, note
    driver.find_element(By.ID, "nav-audit").click()
    ready(driver, "#/audit")
    rows = [r.text for r in driver.find_elements(By.CSS_SELECTOR, "#audit-table tbody tr")]
    assert len(rows) == 1
    assert re.search(rf"R1 .* fatalities {old} {int(old) + 4} two hospitals give a higher toll", rows[0])
    assert EMAIL not in driver.page_source
