"""Being found and shared: JSON-LD, canonical URLs, Open Graph and Twitter tags, sitemap and robots.txt."""
import json
import xml.etree.ElementTree as ET

from bs4 import BeautifulSoup

from conftest import ROOT, page_url
from kapsite import config

SITE_URL = config.load(ROOT / "mkdocs.yml")["site_url"]
CLINIC = config.load(ROOT / "mkdocs.yml")["extra"]["clinic"]


def graph(site_dir, page):
    doc = BeautifulSoup((site_dir / page).read_text(), "lxml")
    nodes = []
    for block in doc.find_all("script", type="application/ld+json"):
        data = json.loads(block.string)
        assert data["@context"] == "https://schema.org"
        nodes += data["@graph"]
    return {node["@type"]: node for node in nodes}


def test_medical_clinic_on_home_and_contact(site_dir):
    for page in ("index.html", "about/index.html"):
        clinic = graph(site_dir, page)["MedicalClinic"]
        for key in ("name", "address", "telephone", "url", "medicalSpecialty"):
            assert clinic[key], (page, key)
        assert clinic["medicalSpecialty"] == "Psychiatric"
        assert clinic["address"]["@type"] == "PostalAddress" and clinic["address"]["addressLocality"] == CLINIC["city"]


def test_medical_web_page_on_clinical_pages_without_an_unreviewed_review_claim(site_dir):
    for page in ("conditions/ptsd/index.html", "treatment/safety/index.html"):
        node = graph(site_dir, page)["MedicalWebPage"]
        assert node["about"]["@type"] == "MedicalCondition" and node["about"]["name"]
        assert node["url"] == SITE_URL + page_url(page)
        assert "lastReviewed" not in node and "reviewedBy" not in node, "review is pending: no review claim"


def test_faq_page_lists_each_question_with_its_answer(site_dir):
    faq = graph(site_dir, "faq/index.html")["FAQPage"]
    headings = BeautifulSoup((site_dir / "faq/index.html").read_text(), "lxml").select("article h2")
    questions = [h.get_text(strip=True) for h in headings if h.get_text(strip=True).endswith("?")]
    assert [q["name"] for q in faq["mainEntity"]] == questions and len(questions) >= 10
    assert all(len(q["acceptedAnswer"]["text"]) > 40 for q in faq["mainEntity"])


def test_breadcrumbs_canonical_and_sharing_tags_on_every_page(site_dir, content_pages):
    share = site_dir / "static" / "images" / "share.png"
    assert share.stat().st_size < 60_000 and share.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    for page in content_pages:
        doc = BeautifulSoup((site_dir / page).read_text(), "lxml")
        canonical = doc.find("link", rel="canonical")["href"]
        assert canonical == SITE_URL + page_url(page), page
        og = {m["property"]: m["content"] for m in doc.find_all("meta", property=True)}
        for key in ("og:title", "og:description", "og:url", "og:image", "og:type"):
            assert og.get(key), (page, key)
        assert og["og:image"] == SITE_URL + "static/images/share.png"
        assert doc.find("meta", attrs={"name": "twitter:card"})["content"] == "summary_large_image"
        if page != "index.html":
            crumbs = graph(site_dir, page)["BreadcrumbList"]["itemListElement"]
            assert crumbs[0]["item"] == SITE_URL and crumbs[-1]["item"] == canonical


def test_sitemap_and_robots(site_dir, content_pages):
    urls = {loc.text for loc in ET.parse(site_dir / "sitemap.xml").getroot().iter(
        "{http://www.sitemaps.org/schemas/sitemap/0.9}loc")}
    assert {SITE_URL + page_url(p) for p in content_pages} == urls
    assert f"Sitemap: {SITE_URL}sitemap.xml" in (site_dir / "robots.txt").read_text()
