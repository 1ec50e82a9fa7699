"""Dates that are true by construction: "First published" and "Last updated" come from git, never from a hand.

Last updated is the committer date of the last commit on the main line of history (--first-parent) that touched
the page's file; first published is the later of the file's first commit (--follow) and the clinic's launch_date.
Both in Pacific time. A change that arrives through mkdocs.yml or references.yml moves no page's date.

The build (kapsite/build.py) writes them into the built pages after MkDocs: where the templates left the marker
<!-- kap:page-dates -->, into the JSON-LD of medical pages, and into sitemap.xml. The same step shows "Updated since
its last clinical review" when the page's body no longer matches the reviewed_version recorded with its review.

Netlify's builds clone the whole history as a blobless partial clone, not a shallow one (Netlify staff,
answers.netlify.com/t/please-confirm-repo-clones-are-not-shallow/86587); following renames then fetches the few
file versions it compares. A shallow clone or a folder outside git has no true dates: production refuses it (rule
page-history), other builds leave the dates out and warn. tests/test_dates.py proves both kinds of clone.
"""
import datetime as dt
import gzip
import hashlib
import json
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

PACIFIC = ZoneInfo("America/Los_Angeles")
MARKER = "<!-- kap:page-dates -->"
JSON_LD = re.compile(r'(<script type="application/ld\+json">)(.*?)(</script>)', re.S)
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]


def git(root: Path, *args) -> str | None:
    try:
        result = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return result.stdout.strip() if result.returncode == 0 else None


def history_problem(root: Path) -> str | None:
    """Why the pages' history cannot be read here, or None when it can."""
    if git(root, "rev-parse", "--is-inside-work-tree") != "true":
        return "the project is not a git repository, so the pages' dates cannot be read from their history"
    if git(root, "rev-parse", "--is-shallow-repository") == "true":
        return "the project is a shallow git clone (part of its history is missing), so the pages' dates would be wrong"
    return None


def pacific_day(timestamp: str) -> dt.date:
    return dt.datetime.fromtimestamp(int(timestamp), PACIFIC).date()


@dataclass
class PageDates:
    first: dt.date
    last: dt.date


def first_commit(root: Path, path: str) -> str | None:
    """When the file was first added, following renames (a moved page keeps its date) but not copies (a page made
    from a copy of another is a new page, though git's --follow would carry on into the other page's history)."""
    log = git(root, "log", "--follow", "--name-status", "--format=%x00%ct", "--", path)
    first = None
    for record in (log or "").split("\x00")[1:]:
        timestamp, *changes = record.split("\n")
        first = timestamp.strip()
        if any(change[:1] in ("A", "C") for change in changes if change.strip()):
            break
    return first


def page_dates(root: Path, path: str, launch: dt.date | None) -> PageDates | None:
    last = git(root, "log", "--first-parent", "-1", "--format=%ct", "--", path)
    first = first_commit(root, path)
    if not last or not first:
        return None  # not committed yet
    published = pacific_day(first)
    if launch and launch > published:
        published = launch
    return PageDates(published, max(published, pacific_day(last)))


def body_version(text: str) -> str:
    """The fingerprint of a page's body (front matter left out), recorded as reviewed_version after a review."""
    body = re.sub(r"\A---\n.*?\n---\n", "", text.replace("\r\n", "\n"), count=1, flags=re.S)
    return hashlib.sha256(body.strip().encode("utf-8")).hexdigest()[:12]


def long_date(day: dt.date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def block(dates: PageDates | None, changed: bool) -> str:
    parts = []
    if dates:
        parts.append(f'<p class="kap-dates">First published <time datetime="{dates.first}">{long_date(dates.first)}'
                     f'</time>. Last updated <time datetime="{dates.last}">{long_date(dates.last)}</time>.</p>')
    if changed:
        parts.append('<p class="kap-review-changed"><strong>Updated since its last clinical review.</strong> Some '
                     "words on this page have changed since the clinician's review; the next review covers them.</p>")
    return "".join(parts)


def add_to_json_ld(html: str, dates: PageDates) -> str:
    def one(match):
        data = json.loads(match.group(2))
        nodes = [n for n in data.get("@graph", []) if isinstance(n, dict) and n.get("@type") == "MedicalWebPage"]
        if not nodes:
            return match.group(0)
        for node in nodes:
            node["datePublished"], node["dateModified"] = str(dates.first), str(dates.last)
        text = json.dumps(data, ensure_ascii=False)  # escaped as Jinja's tojson does, so no text can end the block
        text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
        return match.group(1) + text + match.group(3)
    return JSON_LD.sub(one, html)


def apply(project, site: Path) -> str | None:
    """Write the dates into the built site; returns why there are none (None when the history was read)."""
    problem = history_problem(project.root)
    launch = project.clinic.get("launch_date")
    launch = launch if isinstance(launch, dt.date) else None
    by_url = {}
    for page in project.pages:
        if not page.ok:
            continue
        built = site / (page.src.removesuffix(".md").removesuffix("index") + "/index.html").lstrip("/")
        if not built.is_file():
            continue
        dates = None if problem else page_dates(project.root, page.rel, launch)
        recorded = page.meta.get("reviewed_version")
        changed = bool(recorded) and str(recorded) != body_version(page.text)
        html = built.read_text(encoding="utf-8").replace(MARKER, block(dates, changed))
        if dates:
            html = add_to_json_ld(html, dates)
            by_url[built.relative_to(site).as_posix().removesuffix("index.html")] = dates.last
        built.write_text(html, encoding="utf-8")
    for leftover in site.rglob("*.html"):  # pages with no Markdown source (the 404 page)
        text = leftover.read_text(encoding="utf-8")
        if MARKER in text:
            leftover.write_text(text.replace(MARKER, ""), encoding="utf-8")
    write_sitemap(site, by_url)
    return problem


def write_sitemap(site: Path, by_url: dict) -> None:
    """sitemap.xml's lastmod is each page's last update (MkDocs writes the build date for every page)."""
    path = site / "sitemap.xml"
    if not path.is_file():
        return
    def one(match):
        url = match.group(1)
        day = by_url.get(urlsplit(url).path.lstrip("/"))
        return f"<url>\n         <loc>{url}</loc>" + (f"\n         <lastmod>{day}</lastmod>" if day else "")
    text = re.sub(r"<url>\s*<loc>([^<]*)</loc>\s*(?:<lastmod>[^<]*</lastmod>)?", one, path.read_text(encoding="utf-8"))
    path.write_text(text, encoding="utf-8")
    (site / "sitemap.xml.gz").write_bytes(gzip.compress(text.encode("utf-8"), mtime=0))
