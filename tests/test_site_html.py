"""Every built page: structure, titles, descriptions, the crisis link, the footer, privacy of requests."""
import re
from urllib.parse import urljoin
from collections import Counter
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from kapsite import config
from kapsite.project import Project, read_page
from kapsite.rules.config import placeholders

ROOT = Path(__file__).resolve().parent.parent
SITE_NAME = config.load(ROOT / "mkdocs.yml")["site_name"]


def soup(site_dir, page):
    return BeautifulSoup((site_dir / page).read_text(encoding="utf-8"), "lxml")


def source_meta(page):
    stem = page.removesuffix("index.html").rstrip("/") or "index"
    for path in (ROOT / "docs" / f"{stem}.md", ROOT / "docs" / stem / "index.md"):
        if path.exists():
            return read_page(path, ROOT / "docs").meta
    raise AssertionError(f"no source for {page}")


def test_build_is_clean_under_strict(build_result):
    _, result = build_result
    output = result.stdout + result.stderr
    assert "WARNING" not in output, output
    assert "error:" not in output, output


def test_every_nav_page_is_built(site_dir):
    expected = ["index.html", "conditions/treatment-resistant-depression/index.html", "conditions/ptsd/index.html",
                "treatment/how-ketamine-works/index.html", "treatment/psychotherapy/index.html",
                "treatment/safety/index.html", "treatment/options-compared/index.html",
                "treatment/what-to-expect/index.html", "self-check/index.html", "costs/index.html", "faq/index.html",
                "about/index.html", "family/index.html", "get-help-now/index.html", "references/index.html",
                "policies/privacy/index.html", "policies/accessibility/index.html",
                "policies/editorial-policy/index.html", "policies/disclaimer/index.html",
                "policies/notice-of-privacy-practices/index.html", "policies/good-faith-estimate/index.html",
                "404.html"]
    missing = [p for p in expected if not (site_dir / p).is_file()]
    assert not missing


def test_one_h1_lang_and_unique_titles(site_dir, html_pages):
    titles = {}
    for page in html_pages:
        doc = soup(site_dir, page)
        assert doc.html.get("lang") == "en", page
        assert len(doc.find_all("h1")) == 1, f"{page} has {len(doc.find_all('h1'))} h1 elements"
        title = doc.title.get_text(strip=True)
        assert re.fullmatch(rf".+ - {re.escape(SITE_NAME)}", title), f"{page}: title {title!r} is not 'Page - Site'"
        titles[page] = title
    duplicates = [t for t, n in Counter(titles.values()).items() if n > 1]
    assert not duplicates, duplicates


def test_meta_description_comes_from_front_matter(site_dir, content_pages):
    for page in content_pages:
        meta = source_meta(page)
        tag = soup(site_dir, page).find("meta", attrs={"name": "description"})
        assert tag and tag["content"] == meta["description"], page
        assert 50 <= len(meta["description"]) <= 170, f"{page}: description is {len(meta['description'])} chars"


def test_images_have_alt_text(site_dir, html_pages):
    for page in html_pages:
        for img in soup(site_dir, page).find_all("img"):
            assert img.get("alt", "").strip(), f"{page}: {img}"


def test_header_has_get_help_now_link_to_crisis_page(site_dir, html_pages):
    for page in html_pages:
        link = soup(site_dir, page).select_one("header.md-header a.kap-help-link")
        assert link and link.get_text(strip=True) == "Get help now", page
        target = (site_dir / page).parent / link["href"] if page != "404.html" else site_dir / link["href"].lstrip("/")
        assert (target.resolve() / "index.html").is_file(), f"{page}: {link['href']}"


def test_crisis_page_has_every_line_as_a_link(site_dir):
    doc = soup(site_dir, "get-help-now/index.html")
    hrefs = {a["href"] for a in doc.select("article a[href]")}
    for href in ("tel:911", "tel:988", "sms:988", "tel:+18887247240", "sms:741741", "sms:838255"):
        assert href in hrefs, href
    text = doc.select_one("article").get_text(" ", strip=True)
    for words in ("Veterans", "press 1", "Spanish", "AYUDA", "HOME", "Crisis Text Line", "San Diego County Access & Crisis Line"):
        assert words.lower() in text.lower(), words


def test_footer_has_contact_disclaimer_and_policy_links(site_dir, html_pages):
    for page in html_pages:
        footer = soup(site_dir, page).select_one("footer.md-footer")
        text = footer.get_text(" ", strip=True)
        assert "information, not medical advice" in text, page
        base = "http://site/" + page
        hrefs = " ".join(urljoin(base, a["href"]) for a in footer.find_all("a", href=True))
        for needle in ("tel:+1", "mailto:", "site/policies/privacy/", "site/policies/accessibility/",
                       "site/policies/editorial-policy/", "site/policies/disclaimer/", "site/get-help-now/"):
            assert needle in hrefs, f"{page}: footer lacks {needle}"


def test_every_page_has_a_skip_link_to_an_existing_target(site_dir, html_pages):
    for page in html_pages:
        doc = soup(site_dir, page)
        skip = doc.select_one("a.md-skip")
        assert skip, page
        assert doc.find(id=skip["href"].lstrip("#")), f"{page}: skip target {skip['href']} missing"


def test_no_third_party_resources_or_inline_styles(site_dir, html_pages):
    for page in html_pages:
        html = (site_dir / page).read_text(encoding="utf-8")
        doc = BeautifulSoup(html, "lxml")
        for tag in doc.find_all(["script", "img", "link", "iframe", "source", "audio", "video"]):
            for attr in ("src", "href", "srcset"):
                value = tag.get(attr) or ""
                if tag.name == "link" and tag.get("rel") in (["canonical"], ["prev"], ["next"]):
                    continue
                assert not re.match(r"(https?:)?//", value), f"{page}: third-party {tag.name} {value}"
        assert not doc.find(style=True), f"{page}: inline style attribute"
        assert not doc.find("style"), f"{page}: inline <style> element"
        assert not doc.find(["iframe", "object", "embed"]), page


def test_preview_notice_while_placeholders_remain_and_indexing_in_a_local_build(site_dir, html_pages):
    remaining = next(placeholders(Project(ROOT)), None) is not None
    for page in html_pages:
        doc = soup(site_dir, page)
        assert ("Preview: placeholder clinic details" in doc.get_text()) == remaining, page
        assert not doc.find("meta", attrs={"name": "robots"}), f"{page}: a local build must not carry noindex"


def test_policy_pages_exist(site_dir):
    privacy = soup(site_dir, "policies/privacy/index.html").select_one("article").get_text(" ", strip=True).lower()
    for words in ("cookie", "colour", "server logs"):
        assert words in privacy, words
    for page in ("notice-of-privacy-practices", "good-faith-estimate"):
        assert source_meta(f"policies/{page}/index.html")["page_type"] == "legal", page


def test_no_page_is_a_stub(site_dir, content_pages):
    for page in content_pages:
        text = soup(site_dir, page).select_one("article").get_text(" ", strip=True)
        assert len(text.split()) >= 80, f"{page} has only {len(text.split())} words"
        assert not re.search(r"lorem ipsum|coming soon|\bTODO\b|\bTBD\b", text, re.I), page


def material_stylesheet(site_dir):
    return next((site_dir / "assets" / "stylesheets").glob("main.*.min.css")).read_text()


def test_every_material_icon_waits_for_the_first_paint(site_dir):
    """site.css switches off every icon Material draws from inline SVG data until static/js/site.js sets kap-icons."""
    material_css = material_stylesheet(site_dir)
    icons = set(re.findall(r'(--md-[a-z0-9-]+):url\("data:', material_css))
    block = re.search(r"@media \(scripting: enabled\) \{\s*:root:not\(\.kap-icons\) \{(.*?)\}",
                      (site_dir / "static" / "css" / "site.css").read_text(), re.S)
    assert block, "the icon block is missing from site.css"
    switched_off = set(re.findall(r"(--md-[a-z0-9-]+): var\(--kap-icon-off\);", block.group(1)))
    assert len(icons) > 30 and icons == switched_off, (icons - switched_off, switched_off - icons)


def test_scripts_run_after_the_first_paint_and_search_hold_runs_first(site_dir, html_pages):
    """One deferred script, after-paint.js, runs the page's scripts, preloaded, in order: the search hold, Material,
    ours; nothing else runs a script file."""
    for page in html_pages:
        html = soup(site_dir, page)
        assert [(s["src"].split("/")[-1], s.has_attr("defer")) for s in html.select("script[src]")] == \
            [("after-paint.js", True)], page
        names = [link["href"].split("/")[-1] for link in html.select('link[rel="preload"][as="script"]')]
        assert names[0] == "search-on-demand.js" and names[1].startswith("bundle.") and names[2] == "site.js", page


def minified(css):
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    css = re.sub(r"\s*([{};,>+])\s*", r"\1", css)
    css = re.sub(r"\s*:\s*(?=[^{}]*;|[^{}]*})", ":", css)  # "prop: value" in declarations only, not selectors
    return re.sub(r"\s+", " ", css).replace(";}", "}")


def test_tables_are_wrapped_at_build_time_with_materials_look(site_dir, html_pages):
    """Tables come in Material's wrapper with class kap-table, and site.css has every Material rule for plain tables."""
    tables = 0
    for page in html_pages:
        for table in soup(site_dir, page).select("article table"):
            tables += 1
            assert table.get("class") in (["kap-table"], ["kap-table", "kap-table--stack"]), page
            assert table.parent.get("class") == ["md-typeset__table"], page
            assert table.parent.parent.get("class") == ["md-typeset__scrollwrap"], page
    assert tables >= 5
    material_css = material_stylesheet(site_dir)
    rules = [(media or "") + rule + ("}" if media else "") for media, rule in re.findall(
        r"(@media [^{]*\{)?([^{}]*table:not\(\[class\]\)[^{}]*\{[^{}]*\})", material_css)]
    ours = minified((site_dir / "static" / "css" / "site.css").read_text())
    assert len(rules) >= 10
    missing = [r for r in rules if r.replace("table:not([class])", "table.kap-table") not in ours]
    assert not missing, missing
