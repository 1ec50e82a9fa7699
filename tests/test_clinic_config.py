"""Clinic details: one source in mkdocs.yml, one phone function, one placeholder rule.

The real mkdocs.yml is checked for its shape, never its values: these tests hold whatever real details the clinic
puts in. Behaviour with placeholder or real-looking values is proven on fixture projects and a scratch copy.
"""
import re
import shutil

import pytest

from conftest import ROOT, run_build
from fixture_project import CLINIC_END, CLINIC_START, FIXTURES, PAGE, build, make, write
from kapsite import clinic, phone
from kapsite.project import Project
from kapsite.rules import run


def test_the_real_configuration_has_every_field_in_its_proper_form():
    project = Project(ROOT)
    problems = [p for p in run(project, ("project",)) if p.rule in ("yaml-file", "clinic-detail", "help-line")]
    assert not problems, "\n".join(map(str, problems))
    assert set(clinic.FIELDS) <= set(project.clinic), "every field of the schema is in mkdocs.yml"
    assert project.config["site_name"] == project.clinic["name"], "the site name comes from the clinic block"
    keys = {p.meta.get("reviewed_by") for p in project.pages if p.ok and p.needs_review}
    assert keys <= set(project.clinic["reviewers"]), "every page names a reviewer from the list"
    for person in project.clinic["clinicians"] + list(project.clinic["reviewers"].values()):
        assert person["licence_lookup"].startswith("https://")


@pytest.mark.parametrize("typed, display, tel", [
    ("(760) 434-2100", "(760) 434-2100", "tel:+17604342100"),
    ("760-434-2100", "(760) 434-2100", "tel:+17604342100"),
    ("760.434.2100", "(760) 434-2100", "tel:+17604342100"),
    ("+1 760 434 2100", "(760) 434-2100", "tel:+17604342100"),
    ("1-760-434-2100", "(760) 434-2100", "tel:+17604342100"),
    ("760-434-2100 ext. 2", "(760) 434-2100, extension 2", "tel:+17604342100,2"),
    ("(760) 434-2100 x25", "(760) 434-2100, extension 25", "tel:+17604342100,25"),
    ("1-888-724-7240", "1-888-724-7240", "tel:+18887247240"),
])
def test_one_function_reads_every_usual_format(typed, display, tel):
    number = phone.parse(typed)
    assert (number.display, number.tel) == (display, tel)
    assert clinic.phone_link(typed) == f"[{display}]({tel})"


@pytest.mark.parametrize("typed, says", [
    ("760-434-210", "has 9 digits"), ("(760) 434-21000", "has 11 digits"), ("760-CALL-NOW", "letters"),
    ("(060) 434-2100", "cannot start with 0 or 1"), ("", "has 0 digits"),
])
def test_a_malformed_number_is_refused_with_the_reason(typed, says):
    with pytest.raises(phone.PhoneError, match=says):
        phone.parse(typed)


def test_footer_and_pages_use_the_same_phone_function(tmp_path):
    project = make(tmp_path, clinic="real")  # "+1 760 555 2368" and "760.555.2399 ext. 4"
    write(project, "contact.md", PAGE.format(title="Contact") + "\nCall {{ clinic.phone }} or, after hours, "
          "{{ clinic.after_hours_phone }}.\n")
    code, output = build(project)
    assert code == 0, output
    html = (project / "site" / "contact" / "index.html").read_text()
    assert '<a href="tel:+17605552368">(760) 555-2368</a>' in html.split('class="md-content"')[1].split("</article>")[0]
    assert 'Phone: <a href="tel:+17605552368">(760) 555-2368</a>' in html, "the footer"
    assert '<a href="tel:+17605552399,4">(760) 555-2399, extension 4</a>' in html
    assert '"telephone": "+17605552368"' in (project / "site" / "index.html").read_text(), "structured data"


def test_real_looking_details_pass_the_whole_build_and_its_html_checks(tmp_path):
    """A scratch copy of the whole project with every clinic detail filled in as a clinic would."""
    copy = tmp_path / "copy"
    shutil.copytree(ROOT, copy, ignore=shutil.ignore_patterns(".venv", "node_modules", "site", "bench",
                                                              "__pycache__", ".pytest_cache"))  # .git: dates
    text = (copy / "mkdocs.yml").read_text()
    start, end = text.index(CLINIC_START), text.index(CLINIC_END)
    (copy / "mkdocs.yml").write_text(text[:start] + (FIXTURES / "clinic-real.yml").read_text() + text[end:]
                                     .replace('"https://www.example.org/"', '"https://www.harborview.test/"'))
    result = run_build(copy / "site", cwd=copy)
    assert result.returncode == 0, result.stdout + result.stderr
    about = (copy / "site" / "about" / "index.html").read_text()
    assert "Harbor View Mental Health" in about and "Dana Whitfield, MD" in about and "A123456" in about
    assert 'href="https://book.harborview.test/consultation"' in (copy / "site" / "index.html").read_text()
    assert "$250" in (copy / "site" / "costs" / "index.html").read_text()
    expect = (copy / "site" / "treatment" / "what-to-expect" / "index.html").read_text()
    assert "sprays to use at home: <strong>offered</strong>. In 2023 the FDA warned" in expect, \
        "a take-home form the clinic offers carries the FDA's warning beside it"
    assert "injection into a muscle, in the clinic: <strong>not offered</strong>" in expect
    assert "Written by Riley Chen, PMHNP-BC" in (copy / "site" / "faq" / "index.html").read_text()
    for page in Project(copy).pages:  # the four JAMA benchmarks on every clinical page
        if page.ok and page.meta.get("page_type") == "clinical":
            html = (copy / "site" / page.src.removesuffix(".md") / "index.html").read_text()
            assert "Written by Riley Chen, PMHNP-BC (Psychiatric nurse practitioner, PMHNP-BC, MSN)" in html, page.rel
            assert 'class="references"' in html, f"{page.rel}: attribution"
            assert "Who runs this site and who pays:</strong> Harbor View Mental Health runs this site." in html
            assert re.search(r"First published <time[^>]*>[^<]+</time>\. Last updated <time", html), page.rel


@pytest.mark.parametrize("context", ["deploy-preview", "branch-deploy"])
def test_previews_are_not_indexed_and_show_the_notice(tmp_path, context):
    project = make(tmp_path)
    code, output = build(project, CONTEXT=context, DEPLOY_PRIME_URL="https://preview--clinic.netlify.app")
    assert code == 0, output
    html = (project / "site" / "index.html").read_text()
    assert '<meta name="robots" content="noindex, nofollow">' in html
    assert "Preview: placeholder clinic details" in html
    assert 'href="https://preview--clinic.netlify.app/"' in html, "canonical URLs follow the deploy's address"


def test_the_notice_follows_the_one_placeholder_rule(tmp_path):
    """A single placeholder anywhere (here one box in one page) shows the notice; none, and it is gone."""
    project = make(tmp_path, clinic="real")
    code, output = build(project)
    assert code == 0 and "Preview: placeholder" not in (project / "site" / "index.html").read_text(), output
    write(project, "about.md", PAGE.format(title="About") + "\n[Placeholder: who owns the clinic.]\n")
    code, output = build(project)
    assert code == 0 and "Preview: placeholder" in (project / "site" / "index.html").read_text(), output
    code, output = build(project, CONTEXT="production")
    assert code != 0 and "docs/about.md:11: error: a placeholder box" in output


def test_production_with_real_details_publishes_without_notice_or_noindex(tmp_path):
    project = make(tmp_path, clinic="real")
    code, output = build(project, CONTEXT="production")
    assert code == 0, output
    html = (project / "site" / "index.html").read_text()
    assert "Preview: placeholder" not in html and 'name="robots"' not in html
    assert '<link rel="canonical" href="https://www.harborview.test/">' in html
