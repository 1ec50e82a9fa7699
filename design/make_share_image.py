"""Renders design/share-image.svg to docs/static/images/share.png (1200x630) with Debian's Chromium.

    .venv/bin/python design/make_share_image.py
"""
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]

with sync_playwright() as playwright:
    browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
    page = browser.new_page(viewport={"width": 1200, "height": 630})
    page.set_content(f"<body style='margin:0'>{(ROOT / 'design' / 'share-image.svg').read_text()}</body>")
    page.screenshot(path=str(ROOT / "docs" / "static" / "images" / "share.png"))
    browser.close()
