"""Maintainer mistakes stop the build with a message naming the file, the line and the fix.

Each test builds a small fixture site (our real mkdocs.yml, theme and extensions, a few pages) through the same
command Netlify runs, with one mistake in it.
"""
import datetime as dt
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from conftest import ROOT, build_env, run_build

GOOD_PAGE = """\
---
title: {title}
description: A page of the fixture site, with a description long enough to be a real one.
page_type: patient
---

# {title}

Some text about this page, in plain words.
"""
FOOTER_PAGES = ["index", "get-help-now", "policies/privacy", "policies/notice-of-privacy-practices",
                "policies/accessibility", "policies/editorial-policy", "policies/disclaimer"]
CLINICAL = """\
---
title: Clinical page
description: A clinical page of the fixture site, with a description long enough to be a real one.
page_type: clinical
about: Treatment-resistant depression
reviewed_by: reviewer-1
{review}
---

# Clinical page

## Common side effects

Ketamine can raise blood pressure for a short time [@short2018].
"""


@pytest.fixture
def project(tmp_path):
    """A fixture project: our mkdocs.yml without its page tree, our theme and bibliography, the footer pages."""
    config = (ROOT / "mkdocs.yml").read_text().split("\n# Page tree")[0].replace("  - kapsite\n", "")
    (tmp_path / "mkdocs.yml").write_text(config)
    shutil.copytree(ROOT / "overrides", tmp_path / "overrides")
    shutil.copy(ROOT / "references.yml", tmp_path / "references.yml")
    shutil.copytree(ROOT / "docs" / "static", tmp_path / "docs" / "static")
    for name in FOOTER_PAGES:
        page = tmp_path / "docs" / f"{name}.md"
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(GOOD_PAGE.format(title=name.split("/")[-1].replace("-", " ").capitalize()))
    with (tmp_path / "docs" / "policies" / "editorial-policy.md").open("a") as policy:
        policy.write("\n## Clinical review\n\nHow pages are reviewed.\n")  # the review notice links here
    return tmp_path


def write(project, name, text):
    path = project / "docs" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text))
    return path


def build(project, **env):
    result = run_build(project / "site", cwd=project, **env)
    return result.returncode, result.stdout + result.stderr


def test_the_fixture_site_builds(project):
    write(project, "clinical.md", CLINICAL.format(review="last_reviewed: pending"))
    code, output = build(project)
    assert code == 0, output


@pytest.mark.parametrize("body, line, message, fix", [
    ("See [the missing page](missing.md).", 11, "the link 'missing.md' leads to a file that does not exist",
     "link to an existing .md file"),
    ("See [privacy](policies/privacy.md#no-such-part).", 11, "section '#no-such-part' that does not exist",
     "use the section heading's anchor"),
    ("Cited [@nosuchkey2020].", 11, "unknown citation key 'nosuchkey2020'", "add the source to references.yml"),
    ("Call {{ clinic.phonenumber }}.", 11, "unknown clinic detail '{{ clinic.phonenumber }}'", "{{ clinic.phone }}"),
    ("### Too deep", 11, "the heading jumps from level 1 to level 3", "use ## here"),
    ("![](picture.png)", 11, "an image has no alt text", "describe the image"),
    ('<img src="picture.png">', 11, "an image has no alt text", "alt="),
    ('<script src="static/js/site.js"></script>', 11, "a <script> element", "docs/static/js"),
    ('<p style="color: red">Red</p>', 11, "an inline style= attribute", "site.css"),
    ('<iframe title="map" src="map.html"></iframe>', 11, "an embedded frame or object", "link to the other site"),
    ('![A photo](https://cdn.example.com/photo.jpg)', 11, "loads a file from another website", "docs/static"),
    ('<img alt="A photo" src="//cdn.example.com/photo.jpg">', 11, "loads a file from another website", "docs/static"),
    ('<img alt="A photo" src="a.png" srcset="https://cdn.example.com/a2.png 2x">', 11,
     "loads a file from another website", "docs/static"),
    ('<link rel="stylesheet" href="https://fonts.example.com/font.css">', 11, "loads a file from another website",
     "docs/static"),
    ('<object data="https://example.com/chart.svg" title="chart"></object>', 11, "an embedded frame or object",
     "link to the other site"),
    ('<div class="x" markdown>[a](https://example.com)</div>\n\n<p>url(https://x.example/a.png)</p>', 13,
     "loads a file from another website", "docs/static"),
])
def test_content_mistakes_name_file_line_and_fix(project, body, line, message, fix):
    write(project, "bad.md", GOOD_PAGE.format(title="Bad page") + "\n" + body + "\n")
    code, output = build(project)
    assert code != 0, output
    assert f"docs/bad.md:{line}: error:" in output and message in output and fix in output, output


def test_an_ordinary_link_to_another_site_is_fine(project):
    write(project, "good.md", GOOD_PAGE.format(title="Good") + "\nRead [the 988 site](https://988lifeline.org/).\n")
    code, output = build(project)
    assert code == 0, output


def test_missing_description_names_the_file_and_the_fix(project):
    write(project, "bad.md", "---\ntitle: No description\npage_type: patient\n---\n\n# No description\n\nText.\n")
    code, output = build(project)
    assert code != 0
    assert "docs/bad.md:1: error: the front matter has no 'description'" in output
    assert "add a line 'description: ...'" in output


def test_missing_front_matter_and_bad_page_type(project):
    write(project, "bare.md", "# Bare\n\nText.\n")
    write(project, "typed.md", GOOD_PAGE.format(title="Typed").replace("page_type: patient", "page_type: blog"))
    code, output = build(project)
    assert code != 0
    assert "docs/bare.md:1: error: the page has no front matter" in output
    assert "docs/typed.md:4: error: page_type is 'blog'" in output and "one of clinical, legal" in output


@pytest.mark.parametrize("review, message", [
    ("last_reviewed: 27/11/2026\nnext_review: 2027-01-01", "last_reviewed is '27/11/2026', not a date"),
    ("last_reviewed: 2026-01-10\nnext_review: soon", "next_review is 'soon', not a date"),
    ("last_reviewed: 2026-01-10\nnext_review: 2025-01-10", "next_review is not after last_reviewed"),
    ("last_reviewed: 2026-01-10\nnext_review: 2029-01-11", "next_review is more than 3 years after last_reviewed"),
])
def test_review_dates_are_checked(project, review, message):
    write(project, "clinical.md", CLINICAL.format(review=review))
    code, output = build(project)
    assert code != 0 and "docs/clinical.md:" in output and message in output, output


def test_unknown_reviewer(project):
    write(project, "clinical.md", CLINICAL.format(review="last_reviewed: pending").replace("reviewer-1", "dr-who"))
    code, output = build(project)
    assert code != 0 and "docs/clinical.md:6: error: reviewed_by is 'dr-who', not a known reviewer" in output


def test_a_page_past_its_review_date_warns_but_builds_and_shows_a_notice(project):
    write(project, "clinical.md", CLINICAL.format(review="last_reviewed: 2023-01-10\nnext_review: 2026-01-10"))
    pinned = str(int(dt.datetime(2026, 6, 1, tzinfo=dt.timezone.utc).timestamp()))  # "today" is 1 June 2026
    code, output = build(project, SOURCE_DATE_EPOCH=pinned)
    assert code == 0, output
    assert "docs/clinical.md:8: warning: this page was due for review on 2026-01-10" in output
    html = (project / "site" / "clinical" / "index.html").read_text()
    assert 'data-next-review="2026-01-10"' in html and "due for review" in html
    notice = html.split('class="kap-review-due"')[1].split(">")[0]
    assert "hidden" not in notice, "built after the due date, the notice must be visible without JavaScript"
    assert "Page last reviewed" in html and "10 January 2023" in html and "Next review due" in html


def test_a_page_not_yet_due_has_a_hidden_notice_for_the_browser_to_show_later(project):
    write(project, "clinical.md", CLINICAL.format(review="last_reviewed: 2026-01-10\nnext_review: 2027-01-10"))
    pinned = str(int(dt.datetime(2026, 6, 1, tzinfo=dt.timezone.utc).timestamp()))
    code, output = build(project, SOURCE_DATE_EPOCH=pinned)
    assert code == 0 and "warning" not in output, output
    html = (project / "site" / "clinical" / "index.html").read_text()
    notice = html.split('class="kap-review-due"')[1].split(">")[0]
    assert 'data-next-review="2027-01-10"' in notice and "hidden" in notice


def test_pending_review_says_so_and_shows_no_date(project):
    write(project, "clinical.md", CLINICAL.format(review="last_reviewed: pending"))
    code, output = build(project)
    assert code == 0, output
    html = (project / "site" / "clinical" / "index.html").read_text()
    assert "Clinical review pending" in html and "Page last reviewed" not in html


def test_a_script_named_in_front_matter_must_be_ours(project):
    page = GOOD_PAGE.format(title="Scripted").replace("page_type: patient", "page_type: patient\nscripts:\n  - https://cdn.example.com/x.js")
    write(project, "scripted.md", page)
    code, output = build(project)
    assert code != 0 and "docs/scripted.md:5: error: the script 'https://cdn.example.com/x.js' is not one of our files" in output


def test_production_build_with_placeholders_fails_listing_each_value(project):
    write(project, "clinical.md", CLINICAL.format(review="last_reviewed: pending"))
    write(project, "notice.md", GOOD_PAGE.format(title="Notice").replace("page_type: patient", "page_type: legal\nplaceholder: true"))
    code, output = build(project, CONTEXT="production")
    assert code != 0
    assert "a production build cannot publish placeholders" in output
    for needed in ("extra > clinic > name", "extra > clinic > street", "extra > clinic > phone",
                   "extra > clinic > email", "extra > clinic > hours", "reviewers > reviewer-1 > name",
                   "site_url", "docs/notice.md: replace the placeholder text", "docs/clinical.md: clinical review pending"):
        assert needed in output, needed
    assert output.count("a production build cannot publish placeholders") == 1, "one message lists them all"
    assert not (project / "site").exists(), "nothing is built, so nothing can be deployed"


def test_make_serve_shows_the_same_messages(project, caplog, monkeypatch):
    from kapsite import serve_hook
    write(project, "bad.md", GOOD_PAGE.format(title="Bad page") + "\nCited [@nosuchkey2020].\n")
    monkeypatch.chdir(project)
    serve_hook.on_pre_build({"docs_dir": str(project / "docs")})
    assert any("bad.md:11: error: unknown citation key 'nosuchkey2020'" in r.getMessage() for r in caplog.records)


def test_review_due_lists_every_clinical_page_by_due_date(project):
    write(project, "a.md", CLINICAL.format(review="last_reviewed: 2024-01-10\nnext_review: 2026-01-10"))
    write(project, "b.md", CLINICAL.format(review="last_reviewed: 2026-01-10\nnext_review: 2028-01-10"))
    write(project, "c.md", CLINICAL.format(review="last_reviewed: pending"))
    pinned = str(int(dt.datetime(2026, 6, 1, tzinfo=dt.timezone.utc).timestamp()))
    result = subprocess.run([sys.executable, "-m", "kapsite.check", "review-due"], cwd=project,
                            env=build_env(SOURCE_DATE_EPOCH=pinned), capture_output=True, text=True)
    rows = [line.split() for line in result.stdout.splitlines()[1:]]
    assert [(r[0], r[-1]) for r in rows] == [("2026-01-10", "docs/a.md"), ("2028-01-10", "docs/b.md"),
                                            ("-", "docs/c.md")]
    assert "DUE" in result.stdout.splitlines()[1] and "review pending" in result.stdout
