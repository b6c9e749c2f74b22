#!/usr/bin/env python3
"""Regenerate docs/screenshots/{overview,story,article}.png with the system Chromium (headless).

    python scripts/screenshots.py [--db newsledger.db] [--chromium /usr/bin/chromium]

The store defaults to ./newsledger.db (`newsledger ingest` the example and some news first); the story
shown is the one with the most events, the article the one of that story with the most events.
"""

from __future__ import annotations

import argparse
import os
import shutil
from pathlib import Path

from playwright.sync_api import sync_playwright

from newsledger.store.reader import open_store
from newsledger.web.app import create_app
from newsledger.web.background import serving

OUT = Path(__file__).resolve().parents[1] / "docs" / "screenshots"


def pick(store_url: str) -> tuple[int, int]:
    """The story with the most events, and its article reporting the most events."""
    with open_store(store_url) as store, store.connect() as conn:
        story = conn.exec_driver_sql("SELECT id FROM stories ORDER BY events DESC, articles DESC, id LIMIT 1").scalar()
        article = conn.exec_driver_sql(
            "SELECT a.id FROM articles a JOIN event_mentions m ON m.article_id = a.id WHERE a.story_id = ? "
            "GROUP BY a.id ORDER BY count(*) DESC, a.id LIMIT 1",
            (story,),
        ).scalar()
    return int(story), int(article)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default=os.environ.get("NEWSLEDGER_DB", "newsledger.db"))
    parser.add_argument(
        "--chromium", default=os.environ.get("NEWSLEDGER_TEST_CHROMIUM") or shutil.which("chromium") or "chromium"
    )
    args = parser.parse_args()
    story, article = pick(args.db)
    OUT.mkdir(parents=True, exist_ok=True)
    with serving(create_app(args.db)) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=args.chromium, args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1280, "height": 900}, device_scale_factor=1)
        for name, path in [("overview", "/"), ("story", f"/stories/{story}"), ("article", f"/articles/{article}")]:
            page.goto(base + path)
            page.screenshot(path=str(OUT / f"{name}.png"), full_page=False)
            print(f"wrote {OUT / name}.png ({base}{path})")
        browser.close()


if __name__ == "__main__":
    main()
