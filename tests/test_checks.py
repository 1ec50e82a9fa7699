"""The build as a maintainer meets it: messages, escapes, the review notices, make serve, review-due, go-live-check,
the guards against a swapped build command and an injected script. Each rule's own fixtures are in test_rules.py."""
import datetime as dt
import logging
import subprocess
import sys

import pytest

from conftest import build_env
from fixture_project import CLINICAL, PAGE, build, edit, make, write

PINNED = str(int(dt.datetime(2026, 6, 1, tzinfo=dt.timezone.utc).timestamp()))  # "today" is 1 June 2026


@pytest.fixture
def project(tmp_path):
    return make(tmp_path)


def line_of(path, text) -> int:
    return path.read_text().split("\n").index(text) + 1


def run(project, *args, **env):
    result = subprocess.run([sys.executable, *args], cwd=project, env=build_env(**env), capture_output=True, text=True)
    return result.returncode, result.stdout + result.stderr


def test_the_fixture_site_builds(project):
    write(project, "clinical.md", CLINICAL.format(review="last_reviewed: pending"))
    code, output = build(project)
    assert code == 0, output
    assert (project / "site" / "clinical" / "index.html").exists()


def test_a_message_names_file_line_fix_and_rule(project):
    write(project, "bad.md", PAGE.format(title="Bad page") + "\nCited [@nosuchkey2020].\n")
    code, output = build(project)
    assert code != 0
    assert ("docs/bad.md:11: error: unknown citation key 'nosuchkey2020'. Fix: add the source to references.yml with "
            "this key, or correct the key's spelling. [unknown-citation]") in output
    assert "problem(s) must be fixed before this site can be published" in output
    assert not (project / "site").exists()


def test_a_template_mistake_is_reported_once_not_per_page(project):
    edit(project, "overrides/kap/review.html", "{#-", '<p onclick="x()">Hi</p>\n{#-')
    code, output = build(project)
    assert code != 0
    assert output.count("overrides/kap/review.html:1: error: <p onclick=...> runs code") == 1, output


def test_an_escape_with_a_reason_excuses_one_line(project):
    write(project, "quoted.md", PAGE.format(title="Quoted") + "\n<!-- kap-allow banned-words: we quote the FDA's "
          "warning word for word -->\nSome sellers say it cures depression.\n\nAnother says it cures anxiety.\n")
    code, output = build(project)
    assert code != 0
    assert "docs/quoted.md:12" not in output and "docs/quoted.md:14: error: 'cures'" in output, output


@pytest.mark.parametrize("escape, message", [
    ("<!-- kap-allow banned-words -->", "the escape for 'banned-words' gives no reason"),
    ("<!-- kap-allow no-such-rule: because -->", "the escape names the rule 'no-such-rule', which does not exist"),
])
def test_an_escape_needs_a_known_rule_and_a_reason(project, escape, message):
    write(project, "quoted.md", PAGE.format(title="Quoted") + f"\n{escape}\nIt cures nothing.\n")
    code, output = build(project)
    assert code != 0 and f"docs/quoted.md:11: error: {message}" in output, output


def test_an_escape_that_excuses_nothing_is_refused_and_escapes_are_not_published(project):
    write(project, "quoted.md", PAGE.format(title="Quoted") + "\nPlain words. <!-- kap-allow banned-words: old -->\n")
    code, output = build(project)
    assert code != 0 and "docs/quoted.md:11: error: the escape for 'banned-words' excuses nothing" in output, output
    write(project, "quoted.md", PAGE.format(title="Quoted") + "\nIt cures. <!-- kap-allow banned-words: a quote -->\n")
    code, output = build(project)
    assert code == 0, output
    assert "kap-allow" not in (project / "site" / "quoted" / "index.html").read_text()


def test_a_page_past_its_review_date_warns_but_builds_and_shows_a_notice(project):
    write(project, "clinical.md", CLINICAL.format(review="last_reviewed: 2023-01-10\nnext_review: 2026-01-10"))
    code, output = build(project, SOURCE_DATE_EPOCH=PINNED)
    assert code == 0, output
    line = line_of(project / "docs" / "clinical.md", "next_review: 2026-01-10")
    assert f"docs/clinical.md:{line}: warning: this page was due for review on 2026-01-10" in output
    html = (project / "site" / "clinical" / "index.html").read_text()
    assert 'data-next-review="2026-01-10"' in html and "due for review" in html
    notice = html.split('class="kap-review-due"')[1].split(">")[0]
    assert "hidden" not in notice, "built after the due date, the notice must be visible without JavaScript"
    assert "Page last reviewed" in html and "10 January 2023" in html and "Next review due" in html


def test_a_page_not_yet_due_has_a_hidden_notice_for_the_browser_to_show_later(project):
    write(project, "clinical.md", CLINICAL.format(review="last_reviewed: 2026-01-10\nnext_review: 2027-01-10"))
    code, output = build(project, SOURCE_DATE_EPOCH=PINNED)
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


def test_a_page_that_cites_a_source_shows_the_review_section_whatever_its_type(project):
    write(project, "faq.md", PAGE.format(title="Questions") + "\nA claim [@study2020].\n")
    code, output = build(project)
    assert code != 0 and "docs/faq.md:1: error: this page needs a clinical review (it cites sources)" in output
    edit(project, "docs/faq.md", "page_type: patient", "page_type: patient\nreviewed_by: reviewer-1\nauthors: [author-1]\nlast_reviewed: pending")
    code, output = build(project)
    assert code == 0, output
    assert "Clinical review pending" in (project / "site" / "faq" / "index.html").read_text()


def test_titles_with_quotes_are_escaped_everywhere(project):
    write(project, "quotes.md", PAGE.format(title="'The \"Key points\" box & you'"))
    code, output = build(project)
    assert code == 0, output
    html = (project / "site" / "quotes" / "index.html").read_text()
    assert '"Key points" box' not in html.split("<body")[0].replace("&#34;", "&quot;").replace("&quot;", "")
    assert "<title>The &#34;Key points&#34; box &amp; you" in html or "<title>The &quot;Key points&quot;" in html


def test_plain_mkdocs_build_is_refused(project):
    """A build command swapped for plain `mkdocs build` would skip every check: our extension stops it."""
    code, output = run(project, "-m", "mkdocs", "build", "-d", "site", KAPSITE_BUILD="")
    assert code != 0 and "this site is built with `python -m kapsite.build site`" in output, output


def test_make_csp_refuses_to_hash_an_injected_inline_script(project):
    write(project, "injected.md", PAGE.format(title="Injected") + "\n<script>fetch('https://evil.test')</script>\n")
    code, output = run(project, "-m", "kapsite.csp")
    assert code != 0 and "Refused" in output and "fetch(" in output, output
    (project / "docs" / "injected.md").unlink()
    code, output = run(project, "-m", "kapsite.csp")
    assert code == 0 and output.startswith("default-src 'self'; script-src 'self' 'sha256-"), output


def test_make_serve_shows_the_same_messages_and_the_templates_values(project, caplog, monkeypatch):
    from kapsite import serve_hook
    write(project, "bad.md", PAGE.format(title="Bad page") + "\nCited [@nosuchkey2020].\n")
    monkeypatch.chdir(project)
    config = {"config_file_path": str(project / "mkdocs.yml"), "extra": {}}
    with caplog.at_level(logging.INFO):
        serve_hook.on_config(config)
    assert any("bad.md:11: error: unknown citation key 'nosuchkey2020'" in r.getMessage() for r in caplog.records)
    assert config["extra"]["preview"] is True and config["extra"]["phone"]["tel"] == "tel:+17605550100"


def test_review_due_lists_every_page_needing_review_by_due_date(project):
    write(project, "a.md", CLINICAL.format(review="last_reviewed: 2024-01-10\nnext_review: 2026-01-10"))
    write(project, "b.md", CLINICAL.format(review="last_reviewed: 2026-01-10\nnext_review: 2028-01-10"))
    write(project, "c.md", CLINICAL.format(review="last_reviewed: pending"))
    code, output = run(project, "-m", "kapsite.check", "review-due", SOURCE_DATE_EPOCH=PINNED)
    rows = [line.split() for line in output.splitlines()[1:]]
    assert [(r[0], r[-1]) for r in rows if r[-1] in ("docs/a.md", "docs/b.md", "docs/c.md")] == [
        ("2026-01-10", "docs/a.md"), ("2028-01-10", "docs/b.md"), ("-", "docs/c.md")]
    assert "DUE" in output and "review pending" in output


def test_go_live_check_lists_what_is_left_and_says_when_ready(project):
    write(project, "c.md", CLINICAL.format(review="last_reviewed: pending"))
    write(project, "about.md", PAGE.format(title="About") + "\n[Placeholder: who owns the clinic.]\n")
    write(project, "faq.md", PAGE.format(title="Q").replace("patient", "patient\nreview_exempt: \"only links to "
                                                                        "outside sources\"") + "\nSee [@study2020].\n")
    write(project, "quote.md", PAGE.format(title="Quote") + "\nIt cures. <!-- kap-allow banned-words: a quote -->\n")
    code, output = run(project, "-m", "kapsite.check", "go-live")
    assert code != 0
    for needed in ("[ ] Clinic details in mkdocs.yml", "extra > clinic > phone is a placeholder", "site_url",
                   "[ ] Clinicians and their licences", "[ ] Clinical reviewers",
                   "[ ] Pages and texts the clinic supplies", "docs/about.md:11 a placeholder box",
                   "[ ] Pages waiting for clinical review",
                   f"docs/c.md:{line_of(project / 'docs' / 'c.md', 'last_reviewed: pending')} clinical review pending",
                   "docs/faq.md: only links to outside sources", "docs/quote.md:11 banned-words: a quote",
                   "Not ready"):
        assert needed in output, (needed, output)
    (project.parent / "ready").mkdir()
    ready = make(project.parent / "ready", clinic="real")
    code, output = run(ready, "-m", "kapsite.check", "go-live")
    assert code == 0 and "Ready to go live" in output and "[ ]" not in output, output


def test_the_rules_command_lists_every_rule(project):
    from kapsite.rules import RULES, catalogue  # noqa: F401
    code, output = run(project, "-m", "kapsite.check", "rules")
    assert code == 0 and all(rule_id in output for rule_id in RULES)


@pytest.mark.parametrize("context, repository, expected", [
    ("deploy-preview", "https://x-access-token:SECRET@github.com/clinic/site", "https://github.com/clinic/site/edit/fix-typo/docs/"),
    ("branch-deploy", "git@gitlab.com:clinic/site.git", "https://gitlab.com/clinic/site/-/edit/fix-typo/docs/"),
    ("production", "https://github.com/clinic/site", ""),
    ("deploy-preview", "https://example.test/clinic/site", ""),
])
def test_the_edit_address_comes_from_netlify_without_credentials(context, repository, expected):
    from kapsite.derived import edit_base
    assert edit_base({"CONTEXT": context, "REPOSITORY_URL": repository, "HEAD": "fix-typo"}) == expected


def test_deploy_previews_link_each_page_to_its_file_in_the_editor(project):
    secret = {"REPOSITORY_URL": "https://x-access-token:SECRET123@github.com/clinic/site", "HEAD": "fix-typo"}
    code, output = build(project, CONTEXT="deploy-preview", DEPLOY_PRIME_URL="https://p--c.netlify.app", **secret)
    assert code == 0, output
    html = (project / "site" / "policies" / "privacy" / "index.html").read_text()
    assert '<a href="https://github.com/clinic/site/edit/fix-typo/docs/policies/privacy.md">Edit this page</a>' in html
    assert not any("SECRET123" in f.read_text(errors="replace") for f in (project / "site").rglob("*") if f.is_file())
    code, output = build(project, **secret)
    assert code == 0 and "Edit this page" not in (project / "site" / "index.html").read_text(), "local build"
    (project.parent / "live").mkdir()
    live = make(project.parent / "live", clinic="real")
    code, output = build(live, CONTEXT="production", **secret)
    assert code == 0 and "Edit this page" not in (live / "site" / "index.html").read_text(), output


def test_contributing_explains_every_rule():
    from conftest import ROOT
    from kapsite.rules import RULES, catalogue  # noqa: F401
    table = (ROOT / "CONTRIBUTING.md").read_text()
    missing = [rule_id for rule_id in RULES if f"| `{rule_id}` |" not in table]
    assert not missing, f"add a row to CONTRIBUTING.md's message table for: {missing}"


@pytest.mark.parametrize("file, find, replace, line", [
    ("references.yml", 'title: "A trial in people: one thing compared with another"',
     "title: A trial in people: one thing compared with another", 5),
    ("mkdocs.yml", '    city: "Carlsbad"', '     city: "Carlsbad"', None),
])
def test_a_mistake_in_a_shared_file_is_reported_once_not_on_every_page(project, file, find, replace, line):
    write(project, "cites.md", CLINICAL.format(review="last_reviewed: pending") + "\nCall {{ clinic.phone }}.\n")
    edit(project, file, find, replace)
    code, output = build(project)
    problems = [l for l in output.splitlines() if ": error: " in l]
    assert code != 0 and len(problems) == 1 and problems[0].startswith(f"{file}:{line or ''}"), output
    assert "[yaml-file]" in problems[0]
