"""Shrinks Material's search index to titles, headings and key points.

Material fetches search/search_index.json on every page load (we hold it back until search is first opened:
docs/static/js/search-on-demand.js); with the full text of every page it was the heaviest file a visitor
downloaded. Search still finds a page by any word of its title, its headings or its key points, which is what
people search this site for.
"""
import json
import re
from pathlib import Path

KEY_POINTS = re.compile(r"<p>Key points</p>\s*<ul>(.*?)</ul>", re.S)


def shrink(site: Path) -> None:
    path = site / "search" / "search_index.json"
    index = json.loads(path.read_text(encoding="utf-8"))
    for doc in index["docs"]:
        key_points = KEY_POINTS.search(doc["text"]) if "#" not in doc["location"] else None
        doc["text"] = re.sub(r"<sup>.*?</sup>|<[^>]+>", "", key_points.group(1)).strip() if key_points else ""
    path.write_text(json.dumps(index, separators=(",", ":"), ensure_ascii=False), encoding="utf-8")
