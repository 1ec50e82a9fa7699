"""Clinic details: one source in mkdocs.yml; placeholders shown as a preview, refused in production."""
import re

import pytest

from kapsite import clinic, config
from conftest import ROOT
from test_checks import CLINICAL, build, project, write  # noqa: F401 (fixture)

REAL = {  # values with no placeholder marker, used only inside these fixture builds
    "name": "Test Clinic", "street": "1 Test Way", "city_state_zip": "Carlsbad, CA 92008", "phone": "(760) 555-2368",
    "email": "hello@test-clinic.test", "hours": "Monday to Friday, 9 to 5",
}


def real_details(project):
    """Fill every required value of the fixture's mkdocs.yml with a non-placeholder value."""
    path = project / "mkdocs.yml"
    text = path.read_text()
    for key, value in REAL.items():
        text = re.sub(rf'(\n    {key}: )(&clinic_name )?"[^"]*"', rf'\g<1>\g<2>"{value}"', text, count=1)
    text = text.replace('"Clinician name (placeholder)"', '"Test Clinician"')
    text = text.replace('"Reviewer name (placeholder)"', '"Test Reviewer"')
    text = text.replace('"Psychiatrist (placeholder)"', '"Psychiatrist"')
    text = text.replace('"Physician and Surgeon (placeholder)"', '"Physician and Surgeon"')
    text = text.replace('"A00000 (placeholder)"', '"A12345"')
    text = text.replace('"https://www.example.org/"', '"https://clinic.test/"')
    path.write_text(text)


def test_every_required_value_is_a_placeholder_now():
    cfg = config.load(ROOT / "mkdocs.yml")
    missing = clinic.missing_for_production(cfg["extra"]["clinic"], cfg["site_url"])
    for key in clinic.REQUIRED:
        assert any(f"> {key}:" in line for line in missing), key
    assert re.fullmatch(r"\(\d{3}\) 555-01\d\d", cfg["extra"]["clinic"]["phone"]), "fiction-range phone numbers only"
    assert cfg["site_name"] == cfg["extra"]["clinic"]["name"], "the site name comes from the clinic block"


def test_clinic_details_reach_pages_from_the_one_block(site_dir):
    cfg = config.load(ROOT / "mkdocs.yml")["extra"]["clinic"]
    about = (site_dir / "about" / "index.html").read_text()
    assert f'href="{clinic.tel_href(cfg["phone"])}"' in about and f'href="mailto:{cfg["email"]}"' in about
    assert "openstreetmap.org/search?query=" in about and cfg["clinicians"][0]["licence_lookup"] in about
    costs = (site_dir / "costs" / "index.html").read_text()
    assert clinic.CALL_US in costs, "prices not supplied: the page says call us"


def test_production_build_with_real_details_publishes_without_the_notice(project):
    real_details(project)
    write(project, "clinical.md", CLINICAL.format(review="last_reviewed: 2026-01-10\nnext_review: 2028-01-10"))
    code, output = build(project, CONTEXT="production")
    assert code == 0, output
    html = (project / "site" / "clinical" / "index.html").read_text()
    assert "Preview: placeholder clinic details" not in html
    assert 'name="robots"' not in html
    assert "Test Reviewer" in html and "A12345" in html and "10 January 2026" in html
    assert '<link rel="canonical" href="https://clinic.test/clinical/">' in html


def test_a_local_build_with_real_details_shows_no_preview_notice(project):
    real_details(project)
    code, output = build(project)
    assert code == 0, output
    assert "Preview: placeholder clinic details" not in (project / "site" / "index.html").read_text()


@pytest.mark.parametrize("context", ["deploy-preview", "branch-deploy"])
def test_previews_are_not_indexed_and_show_the_notice(project, context):
    code, output = build(project, CONTEXT=context, DEPLOY_PRIME_URL="https://preview--clinic.netlify.app")
    assert code == 0, output
    html = (project / "site" / "index.html").read_text()
    assert '<meta name="robots" content="noindex, nofollow">' in html
    assert "Preview: placeholder clinic details" in html
    assert 'href="https://preview--clinic.netlify.app/"' in html, "canonical URLs follow the deploy's address"


@pytest.mark.parametrize("value", ["Clinic (placeholder)", "(760) 555-0142", "info@example.com", ""])
def test_python_and_template_agree_on_what_a_placeholder_is(project, value):
    """The preview notice (Jinja) and the production check (Python) must use the same rule."""
    real_details(project)
    path = project / "mkdocs.yml"
    path.write_text(path.read_text().replace('hours: "Monday to Friday, 9 to 5"', f'hours: "{value}"'))
    assert clinic.is_placeholder(value)
    code, output = build(project)
    assert code == 0, output
    assert "Preview: placeholder clinic details" in (project / "site" / "index.html").read_text()
