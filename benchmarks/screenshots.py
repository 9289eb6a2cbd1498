"""Screenshots of the web UI over a real store: the map, and the page of its best-sourced event.

    .venv/bin/palmyra ingest benchmarks/merge_corpus/reports.jsonl --db /tmp/ui.duckdb
    .venv/bin/python benchmarks/screenshots.py --db /tmp/ui.duckdb --out benchmarks/screenshots

Serves the store with uvicorn in a thread on a free local port and drives headless
Chromium (Debian's chromium + chromium-driver; see .ci/browser-deps.sh) with Selenium.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # tests.web.browser


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", default="palmyra.duckdb")
    ap.add_argument("--out", default="benchmarks/screenshots", type=Path)
    ap.add_argument("--event", help="event id for the event page (default: most articles, then claims)")
    args = ap.parse_args(argv)

    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    from palmyra.api import create_app
    from palmyra.api.server import ServerThread
    from tests.web.browser import chrome, find_chrome

    found = find_chrome()
    if found is None:
        print("no chromium/chromedriver on PATH: run .ci/browser-deps.sh", file=sys.stderr)
        return 2
    args.out.mkdir(parents=True, exist_ok=True)
    app = create_app(args.db)
    event_id = args.event
    if event_id is None:
        row = (
            app.state.store.reader()
            .execute(
                "SELECT event_id FROM merged_events ORDER BY n_articles DESC,"
                " json_array_length(record->'$.claims') DESC, event_id LIMIT 1"
            )
            .fetchone()
        )
        event_id = row[0]
    driver = chrome(*found, width=1280, height=1000)
    try:
        with ServerThread(app) as url:

            def ready(prefix: str) -> None:
                WebDriverWait(driver, 20).until(
                    lambda d: (
                        d.find_element(By.TAG_NAME, "body").get_attribute("data-ready") or ""
                    ).startswith(prefix)
                )

            driver.get(url + "/")
            ready("#/")
            time.sleep(0.5)  # let Leaflet finish its fit-bounds animation
            driver.save_screenshot(str(args.out / "map.png"))
            driver.get(f"{url}/#/event/{event_id}")
            ready("#/event/")
            height = driver.execute_script("return document.body.scrollHeight")
            driver.set_window_size(1280, min(2400, max(1000, int(height) + 40)))
            time.sleep(0.3)
            driver.save_screenshot(str(args.out / "event.png"))
    finally:
        driver.quit()
    print(f"wrote {args.out / 'map.png'} and {args.out / 'event.png'} (event {event_id})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
