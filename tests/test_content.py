"""The clinical content meets the content standard: structure, readability, citations.

Health claims (banned words, approval claims, outcome promises, animal studies) are rules of the build itself
(kapsite/rules/claims.py), proven by tests/test_rules.py, so that Netlify's build refuses them too."""
import re
from pathlib import Path

import pytest
import textstat
from bs4 import BeautifulSoup

from kapsite import bibliography
from kapsite.md_citations import CITATION, cited_keys
from kapsite.project import read_page

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
REFS = bibliography.load(ROOT / "references.yml")
SOURCES = {p.relative_to(DOCS).as_posix(): read_page(p, DOCS) for p in sorted(DOCS.rglob("*.md"))}
PAGES = {path: page.meta for path, page in SOURCES.items()}
CLINICAL = [p for p, m in PAGES.items() if m.get("page_type") == "clinical"]
REVIEWED = [path for path, page in SOURCES.items() if page.needs_review]  # the build's own definition
PATIENT = [p for p, m in PAGES.items() if m.get("page_type") in ("clinical", "patient")]
REQUIRED_SECTIONS = {  # what the content standard asks of every clinical page, by heading words
    "aim": r"who this page is for",
    "risks": r"risk|side effect",
    "alternatives": r"other options|alternatives",
    "uncertainty": r"not known|uncertain",
    "no treatment": r"without treatment",
    "questions to ask": r"questions to ask",
}


def built(site_dir, page):
    stem = page.removesuffix(".md").removesuffix("index")
    return BeautifulSoup((site_dir / stem / "index.html").read_text(), "lxml")


def body_units(article):
    """The standard's body text: each paragraph, heading, list item and table cell is its own sentence."""
    for tag in article.select(".references, #references, .kap-review, pre, code, nav, .md-source-file, sup.cite"):
        tag.decompose()
    units = []
    for tag in article.find_all(["p", "h1", "h2", "h3", "h4", "li", "td", "th", "dt", "dd", "legend", "label"]):
        if tag.find(["p", "li", "ul", "ol", "table"]):
            continue  # a container: its children count instead
        text = " ".join(tag.get_text(" ", strip=True).split())
        if text:
            units.append(text if text[-1] in ".!?:" else text + ".")
    return units


@pytest.mark.parametrize("page", CLINICAL)
def test_clinical_page_has_what_the_standard_asks(site_dir, page):
    doc = built(site_dir, page)
    article = doc.select_one("article")
    first_block = article.find("h1").find_next_sibling(lambda t: t.name not in ("a",))
    assert first_block and "key-points" in first_block.get("class", []), f"{page}: Key points must follow the H1"
    assert 3 <= len(first_block.find_all("li")) <= 6
    headings = " | ".join(h.get_text(" ", strip=True).lower() for h in article.find_all(["h2", "h3"]))
    missing = [name for name, pattern in REQUIRED_SECTIONS.items() if not re.search(pattern, headings)]
    assert not missing, f"{page} lacks sections: {missing}"
    assert article.select("ol.references li") and article.select("sup.cite a[href^='#ref-']")
    review = article.select_one(".kap-review")
    assert review and ("Clinical review pending" in review.text or "Page last reviewed" in review.text)
    assert review.find("a", href=re.compile("editorial-policy"))
    assert article.find("a", href=re.compile(r"get-help-now/$")), f"{page}: no crisis link in the body"


@pytest.mark.parametrize("page", REVIEWED)
def test_each_table_and_picture_says_how_to_use_it(site_dir, page):
    """PEMAT-P item 25: right under each table, icon array or diagram, one line says how to read or use it."""
    article = built(site_dir, page).select_one("article")
    shown = [e for e in article.select("table, figure") if not e.find_parent("figure")]
    for element in shown:
        block = element  # tables sit inside Material's scrolling wrappers
        while block.parent.name == "div" and any(c.startswith("md-typeset__") for c in block.parent.get("class", [])):
            block = block.parent
        after = block.find_next_sibling()
        line = after.get_text(" ", strip=True) if after and after.name == "p" else ""
        assert re.match(r"(How to (read|use) this|Use this (table|picture|diagram))\b", line), \
            f"{page}: no how-to-use line under {element.name} {element.get('class')}: next is {line[:60]!r}"


def test_citations_are_numbered_links_to_the_reference_list(site_dir):
    article = built(site_dir, "conditions/ptsd.md").select_one("article")
    numbers = [a.get_text() for a in article.select("sup.cite a")]
    assert numbers[0] == "1" and max(map(int, numbers)) == len(article.select("ol.references li"))
    for link in article.select("sup.cite a"):
        assert article.find(id=link["href"][1:]), link
    hrefs = [a["href"] for a in article.select("ol.references a")]
    assert any(h.startswith("https://doi.org/10.") for h in hrefs)
    assert any(h.startswith("https://pubmed.ncbi.nlm.nih.gov/") for h in hrefs)


def test_references_page_lists_every_source(site_dir):
    items = built(site_dir, "references.md").select("ol.references li")
    assert {li["id"].removeprefix("ref-") for li in items} == set(REFS)


def test_every_reference_is_cited_somewhere():
    cited = {k for p in DOCS.rglob("*.md") for m in re.finditer(CITATION, p.read_text()) for k in cited_keys(m.group(1))}
    unused = sorted(set(REFS) - cited)
    assert not unused, f"defined in references.yml but never cited: {unused}"


@pytest.mark.parametrize("page", PATIENT)
def test_readability_is_grade_8_or_below(site_dir, page, readability_report):
    units = body_units(built(site_dir, page).select_one("article"))
    grade = textstat.flesch_kincaid_grade(" ".join(units))
    readability_report.append((page, grade))
    assert grade <= 8, f"{page}: Flesch-Kincaid grade {grade:.1f}"
