"""Rules on clinical review: which pages need it, and the dates and reviewer a page records.

A page needs review when it is clinical, lives in docs/conditions/ or docs/treatment/, or cites a source
(project.Page.needs_review), whatever its page_type says. Such a page shows the review section at its foot,
which the templates draw from the fields these rules require.
"""
import datetime as dt
import re

from kapsite.clinic import is_placeholder
from kapsite.project import REVIEW_FOLDERS
from kapsite.rules import rule

MAX_REVIEW_YEARS = 3


def add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def why_review(page) -> str:
    if (page.meta or {}).get("page_type") == "clinical":
        return "it is a clinical page"
    if page.src.startswith(REVIEW_FOLDERS):
        return f"it is in docs/{page.src.split('/')[0]}/"
    return "it cites sources"


@rule("review-fields", "page", "add 'reviewed_by: reviewer-1' and 'last_reviewed: pending' to the front matter; "
                               "after the clinician's review, set the dates (CONTRIBUTING.md, 'Record a clinical review')")
def review_fields(page, project):
    """A page that needs clinical review records its reviewer and review status."""
    if page.needs_review:
        for field in ("reviewed_by", "last_reviewed"):
            if page.meta.get(field) in (None, ""):
                yield page.meta_line(field), f"this page needs a clinical review ({why_review(page)}) but has no {field}"


@rule("review-exempt", "page", "delete review_exempt (pages in docs/conditions/ and docs/treatment/, and clinical "
                               "pages, are always reviewed), or give the reason as review_exempt: \"...\"")
def review_exempt(page, project):
    """Only a page outside the clinical folders may declare that it needs no review, and it must say why."""
    if "review_exempt" not in page.meta:
        return
    reason = page.meta.get("review_exempt")
    if page.meta.get("page_type") == "clinical" or page.src.startswith(REVIEW_FOLDERS):
        yield page.meta_line("review_exempt"), f"this page cannot be exempt from review ({why_review(page)})"
    elif not isinstance(reason, str) or len(reason.split()) < 3:
        yield page.meta_line("review_exempt"), "review_exempt gives no reason"


@rule("reviewer-known", "page", "use a reviewer key from mkdocs.yml, extra > clinic > reviewers", needs=('config',))
def reviewer_known(page, project):
    """reviewed_by names a reviewer listed once in mkdocs.yml."""
    reviewer = page.meta.get("reviewed_by")
    reviewers = project.clinic.get("reviewers") if isinstance(project.clinic.get("reviewers"), dict) else {}
    if (page.needs_review or reviewer is not None) and reviewer not in (None, "") and reviewer not in reviewers:
        yield page.meta_line("reviewed_by"), f"reviewed_by is {reviewer!r}, not a known reviewer", \
            f"use a reviewer key from mkdocs.yml extra > clinic > reviewers ({', '.join(reviewers) or 'none yet'})"


@rule("review-dates", "page", "write dates as YYYY-MM-DD; next_review at most 3 years after last_reviewed")
def review_dates(page, project):
    """last_reviewed is a date (or 'pending'); next_review is a later date, at most 3 years on."""
    last, due = page.meta.get("last_reviewed"), page.meta.get("next_review")
    if last in (None, "", "pending"):
        return
    if not isinstance(last, dt.date):
        yield page.meta_line("last_reviewed"), f"last_reviewed is {last!r}, not a date", \
            "write the date of the clinician's review as YYYY-MM-DD (for example 2026-11-27), or 'pending'"
    elif not isinstance(due, dt.date):
        yield page.meta_line("next_review"), f"next_review is {due!r}, not a date", \
            "write the next review date as YYYY-MM-DD, at most 3 years after last_reviewed"
    elif due <= last:
        yield page.meta_line("next_review"), "next_review is not after last_reviewed", \
            "set next_review to a date after last_reviewed"
    elif due > add_years(last, MAX_REVIEW_YEARS):
        yield page.meta_line("next_review"), f"next_review is more than {MAX_REVIEW_YEARS} years after last_reviewed", \
            f"set next_review to at most {MAX_REVIEW_YEARS} years after {last.isoformat()}"


@rule("review-in-future", "page", "write the day the clinician actually reviewed the page; a review cannot be recorded "
                                  "before it happens")
def review_in_future(page, project):
    """A review date is never later than today (a review is recorded after it has happened)."""
    last = page.meta.get("last_reviewed")
    if isinstance(last, dt.date) and last > project.today:
        yield page.meta_line("last_reviewed"), f"last_reviewed is {last.isoformat()}, a date in the future"


@rule("review-overdue", "page", "ask the clinical reviewer to read the whole page, then update last_reviewed and "
                                "next_review (the page shows a 'due for review' notice until then)", warning=True)
def review_overdue(page, project):
    """A page past its next_review date still builds (urgent fixes must go out) but warns, and shows a notice."""
    last, due = page.meta.get("last_reviewed"), page.meta.get("next_review")
    if isinstance(last, dt.date) and isinstance(due, dt.date) and due < project.today:
        yield page.meta_line("next_review"), f"this page was due for review on {due.isoformat()}"


@rule("review-pending", "page", "have a licensed clinician review the whole page, then set last_reviewed and "
                                "next_review (CONTRIBUTING.md, 'Record a clinical review')", production_only=True)
def review_pending(page, project):
    """Production publishes no page that needs clinical review while its review is pending."""
    if page.needs_review and page.meta.get("last_reviewed") in (None, "", "pending"):
        yield page.meta_line("last_reviewed"), f"clinical review pending ({why_review(page)})"


@rule("page-authors", "page", "name the page's writers by key, e.g. 'authors: [author-1]', using the keys in mkdocs.yml, "
                              "extra > clinic > authors (add a person there first)", needs=('config',))
def page_authors(page, project):
    """A page that needs clinical review names who wrote it (authors: [key, ...]), each one listed in mkdocs.yml."""
    authors = page.meta.get("authors")
    known = project.clinic.get("authors") if isinstance(project.clinic.get("authors"), dict) else {}
    if authors is None:
        if page.needs_review:
            yield page.meta_line("authors"), f"this page needs clinical review ({why_review(page)}) but names no author"
        return
    keys = authors if isinstance(authors, list) else [authors]
    if not keys:
        yield page.meta_line("authors"), "authors is empty"
    for index, key in enumerate(keys):
        if key not in known:
            line = page.meta_lines.line("authors", index) if isinstance(authors, list) else page.meta_line("authors")
            yield line, f"the author {key!r} is not listed in mkdocs.yml", \
                f"use one of: {', '.join(known) or 'none listed yet'}"


@rule("reviewer-not-sole-author", "project", "add the person who wrote the page as an author, or ask another licensed "
                                             "clinician to review it: a review checks someone else's work", needs=('config',))
def reviewer_not_sole_author(project):
    """A page's clinical reviewer is not its only author (compared by name in mkdocs.yml's two lists)."""
    people = project.clinic.get("authors") if isinstance(project.clinic.get("authors"), dict) else {}
    reviewers = project.clinic.get("reviewers") if isinstance(project.clinic.get("reviewers"), dict) else {}
    for page in (p for p in project.pages if p.ok):
        authors = page.meta.get("authors")
        keys = authors if isinstance(authors, list) else [authors] if authors else []
        key = page.meta.get("reviewed_by")
        reviewer = reviewers.get(key) if isinstance(key, str) else None
        names = {str((people.get(k) or {}).get("name", "")).strip().lower() for k in keys if isinstance(k, str)}
        name = str((reviewer or {}).get("name", ""))
        if reviewer and len(names) == 1 and name.strip().lower() in names and not is_placeholder(name):
            yield page.rel, page.meta_line("reviewed_by"), f"the reviewer, {name}, is also the page's only author"


@rule("reviewed-version", "page", "run `make review-lines PAGE=docs/...` and copy its reviewed_version line into the "
                                  "front matter with the review dates")
def reviewed_version(page, project):
    """A recorded review also records reviewed_version, the fingerprint of the page body the clinician read, so the
    page can say when its words have changed since."""
    version = page.meta.get("reviewed_version")
    if isinstance(page.meta.get("last_reviewed"), dt.date) and not re.fullmatch(r"[0-9a-f]{12}", str(version or "")):
        yield page.meta_line("reviewed_version", page.meta_line("last_reviewed")), \
            "the review date has no reviewed_version (the fingerprint of the page the clinician read)"
