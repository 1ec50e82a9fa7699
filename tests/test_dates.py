"""Dates that are true by construction: from a fixture repository with a known history, through the real build."""
import json
import re
import subprocess
import sys

import pytest

from fixture_project import CLINICAL, PAGE, build, commit, edit, make, write
from kapsite.dates import body_version

MARCH = "2026-03-01T10:00:00-08:00"
JUNE_LATE_EVENING = "2026-06-15T23:30:00-07:00"  # already 16 June in UTC: the page must say 15 June (Pacific time)
AUGUST = "2026-08-20T09:00:00-07:00"


@pytest.fixture
def history(tmp_path):
    project = make(tmp_path / "repo", clinic="real")  # launch_date 2026-01-01
    write(project, "dated.md", PAGE.format(title="Dated"))
    write(project, "clinical.md", CLINICAL.format(review="last_reviewed: 2026-06-20\nnext_review: 2028-06-20"))
    commit(project, "Add two pages", MARCH)
    edit(project, "docs/dated.md", "Some text", "Some changed text")
    edit(project, "docs/clinical.md", "for a short time", "for a short while")
    commit(project, "Edit both pages", JUNE_LATE_EVENING)
    edit(project, "mkdocs.yml", 'hours: "Monday to Friday: 8 am to 6 pm"', 'hours: "Monday to Friday: 8 am to 5 pm"')
    commit(project, "Change the opening hours", AUGUST)
    return project


def dates_of(html):
    found = re.search(r'First published <time datetime="([\d-]+)">([^<]+)</time>\. Last updated '
                      r'<time datetime="([\d-]+)">([^<]+)</time>', html)
    return found.groups() if found else None


def test_first_published_and_last_updated_come_from_the_history_in_pacific_time(history):
    code, output = build(history)
    assert code == 0, output
    html = (history / "site" / "dated" / "index.html").read_text()
    assert dates_of(html) == ("2026-03-01", "1 March 2026", "2026-06-15", "15 June 2026"), \
        "a change to mkdocs.yml (August) does not move a page's date"


def test_medical_pages_carry_the_dates_in_structured_data_and_the_sitemap(history):
    code, output = build(history)
    assert code == 0, output
    html = (history / "site" / "clinical" / "index.html").read_text()
    assert "About this page" in html and dates_of(html)[0] == "2026-03-01"
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    page = next(n for n in json.loads(block)["@graph"] if n["@type"] == "MedicalWebPage")
    assert (page["datePublished"], page["dateModified"]) == ("2026-03-01", "2026-06-15")
    sitemap = (history / "site" / "sitemap.xml").read_text()
    assert re.search(r"<loc>[^<]*/clinical/</loc>\s*<lastmod>2026-06-15</lastmod>", sitemap), sitemap


def test_first_published_is_never_before_the_launch_date(history):
    edit(history, "mkdocs.yml", "launch_date: 2026-01-01", "launch_date: 2026-04-01")
    code, output = build(history)
    assert code == 0, output
    assert dates_of((history / "site" / "dated" / "index.html").read_text())[:2] == ("2026-04-01", "1 April 2026")


def test_a_blobless_clone_has_the_same_dates(history, tmp_path):
    subprocess.run(["git", "config", "uploadpack.allowFilter", "true"], cwd=history, check=True)
    clone = tmp_path / "blobless"
    subprocess.run(["git", "clone", "-q", "--filter=blob:none", f"file://{history}", str(clone)], check=True)
    code, output = build(clone, CONTEXT="production")
    assert code == 0, output
    assert dates_of((clone / "site" / "dated" / "index.html").read_text())[2] == "2026-06-15"


def test_a_shallow_clone_shows_no_dates_in_a_preview_and_says_why(history, tmp_path):
    clone = tmp_path / "shallow"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{history}", str(clone)], check=True)
    code, output = build(clone, CONTEXT="deploy-preview")
    assert code == 0, output
    assert "warning: the project is a shallow git clone" in output
    html = (clone / "site" / "dated" / "index.html").read_text()
    assert dates_of(html) is None and "kap:page-dates" not in html
    code, output = build(clone, CONTEXT="production")
    assert code != 0 and ".git: error: the project is a shallow git clone" in output


def test_the_page_says_when_its_words_changed_since_the_review(history):
    page = history / "docs" / "clinical.md"
    edit(history, "docs/clinical.md", 'reviewed_version: "0a0a0a0a0a0a"',
         f'reviewed_version: "{body_version(page.read_text())}"')
    code, output = build(history)
    assert code == 0, output
    assert "Updated since its last clinical review" not in (history / "site" / "clinical" / "index.html").read_text()
    edit(history, "docs/clinical.md", "for a short while", "for a few hours")
    code, output = build(history)
    assert code == 0, output
    assert "Updated since its last clinical review" in (history / "site" / "clinical" / "index.html").read_text()


def test_review_lines_print_what_records_a_review(history):
    from conftest import build_env
    result = subprocess.run([sys.executable, "-m", "kapsite.check", "review-lines", "docs/clinical.md"], cwd=history,
                            env=build_env(), capture_output=True, text=True)
    version = body_version((history / "docs" / "clinical.md").read_text())
    assert f'reviewed_version: "{version}"' in result.stdout and "last_reviewed: " in result.stdout
