"""Icon arrays (kapsite/md_icon_array.py): the SVG, the caption and its citation, the refusals, a fixture site's
build, the arrays on the real pages, and their colours in Chromium, light, dark and printed."""
import base64
import re
from pathlib import Path

import markdown
import pytest
from bs4 import BeautifulSoup

from conftest import page_url
from fixture_project import CLINICAL, REVIEWED, build, make, write
from kapsite.errors import ContentError
from kapsite.md_icon_array import CELL_H, CELL_W, EXAMPLE, SYMBOL_ID, TEMPLATE

FIXTURE_REFS = Path(__file__).parent / "fixtures" / "references.yml"
LINE = "[[icons: about 64 in 100 with ketamine | 28 in 100 with midazolam | responded | after 24 hours | @study2020]]"


def render(text: str) -> str:
    md = markdown.Markdown(extensions=["tables", "kapsite.md_citations", "kapsite.md_icon_array"],
                           extension_configs={"kapsite.md_citations": {"bibliography": str(FIXTURE_REFS)}})
    return md.convert(text)


def soup(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


def cells(svg, kind):
    """(row, column) of each icon of one kind in a group's SVG: its rectangles, each a run of icon cells."""
    found = []
    for rect in svg.select(f"rect.kap-icon-array__run--{kind}"):
        x, y, w, h = (int(rect[a]) for a in ("x", "y", "width", "height"))
        assert x % CELL_W == y % CELL_H == w % CELL_W == h % CELL_H == 0, rect  # whole icons only
        found += [(row, col) for row in range(y // CELL_H, (y + h) // CELL_H)
                  for col in range(x // CELL_W, (x + w) // CELL_W)]
    return found


def icons(svg):
    """(filled, outlined) icon counts of one group's SVG; no icon is drawn twice."""
    filled, empty = cells(svg, "filled"), cells(svg, "empty")
    assert len(set(filled + empty)) == len(filled) + len(empty)
    return len(filled), len(empty)


# The SVG and the caption

def test_counts_filled_and_outlined_icons_per_group():
    page = soup(render(LINE))
    first, second = page.select("figure.kap-icon-array svg")
    assert icons(first) == (64, 36)
    assert icons(second) == (28, 72)
    assert first["viewbox"] == "0 0 160 190"  # 10 by 10 (html.parser gives attribute names in lowercase)


def test_a_real_count_under_100_draws_that_many_icons():
    page = soup(render("[[icons: 10 of 15 with ketamine | 3 of 15 with midazolam | responded | after 2 weeks | "
                       "@study2020]]"))
    first, second = page.select("figure.kap-icon-array svg")
    assert icons(first) == (10, 5) and icons(second) == (3, 12)
    assert first["width"] == "160" and first["height"] == "38"  # a row of 10 and a row of 5
    assert [s.get_text() for s in page.select(".kap-icon-array__label")] == ["With ketamine: 10 of 15",
                                                                            "With midazolam: 3 of 15"]


def test_filled_icons_come_first_in_reading_order():
    svg = soup(render(LINE)).select_one("svg")
    assert max(cells(svg, "filled")) < min(cells(svg, "empty"))
    assert len(svg.select("rect")) == 4  # 6 rows and 4 filled, 6 and 3 rows outlined: a few elements, not 100


def test_the_caption_is_the_sentence_with_a_numbered_citation():
    page = soup(render("First finding [@rats2010].\n\n" + LINE))
    caption = page.select_one("figure.kap-icon-array > figcaption")
    assert caption.get_text() == ("After 24 hours, about 64 in 100 people with ketamine responded, compared with 28 "
                                  "in 100 with midazolam [2].")
    link = caption.select_one("sup.cite a")
    assert link["href"] == "#ref-study2020" and link.get_text() == "2"
    assert page.select_one("#ref-study2020")  # and the source is in the page's reference list


def test_a_group_named_as_people_is_not_doubled():
    html = render("[[icons: 5 of 12 adults with ketamine | 2 of 12 with saline | improved | at day 7 | @study2020]]")
    assert "At day 7, 5 of 12 adults with ketamine improved, compared with 2 of 12 with saline" in soup(html).get_text()


def test_screen_readers_hear_the_caption_only():
    page = soup(render(LINE))
    figure = page.select_one("figure.kap-icon-array")
    assert not figure.has_attr("aria-hidden") and not figure.figcaption.has_attr("aria-hidden")
    for svg in figure.select("svg"):
        assert svg["aria-hidden"] == "true"
    for label in figure.select(".kap-icon-array__label"):
        assert label["aria-hidden"] == "true"
    assert not figure.select("title, desc, text")  # nothing in the SVGs to read out


def test_no_style_attribute_or_element_and_only_classes_tell_filled_from_empty():
    html = render(LINE + "\n\n" + LINE)
    page = soup(html)
    assert not page.select("[style], style")
    assert not re.search(r"\b(fill|stroke|color)=", html)


def test_the_icon_is_defined_once_per_page_with_several_arrays():
    html = render(LINE + "\n\nSome text.\n\n" + LINE.replace("64 in 100", "1 of 5").replace("28 in 100", "2 of 5"))
    page = soup(html)
    assert len(page.select("figure.kap-icon-array")) == 2
    assert len(page.select("symbol")) == 1
    ids = [e["id"] for e in page.select("[id]")]
    assert ids.count(SYMBOL_ID) == 1 and len(ids) == len(set(ids))
    assert page.select("figure.kap-icon-array")[0].select_one("svg symbol")  # in the first array, before any use
    assert {u["href"] for u in page.select("use")} == {f"#{SYMBOL_ID}"}
    assert [t["id"] for t in page.select("pattern")] == ["kap-icons-filled", "kap-icons-empty"]
    assert len(page.select("use")) == 2  # one in each tile


def test_each_page_defines_the_icon_again():
    md = markdown.Markdown(extensions=["kapsite.md_citations", "kapsite.md_icon_array"],
                           extension_configs={"kapsite.md_citations": {"bibliography": str(FIXTURE_REFS)}})
    first = md.convert(LINE)
    md.reset()
    second = md.convert(LINE)
    assert first.count(f'id="{SYMBOL_ID}"') == second.count(f'id="{SYMBOL_ID}"') == 1


def test_a_line_written_straight_under_text_or_a_table_is_still_an_array():
    html = render("Some text [@study2020].\n" + LINE + "\nMore text.\n\n| A | B |\n|---|---|\n| 1 | 2 |\n" + LINE)
    page = soup(html)
    assert len(page.select("figure.kap-icon-array")) == 2
    assert [p.get_text() for p in page.select("p")][:2] == ["Some text [1].", "More text."]
    assert len(page.select("table tr")) == 2 and "icons" not in page.select_one("table").get_text()


def test_an_example_in_code_stays_code():
    html = render("    " + LINE + "\n\nInline: `" + LINE + "`\n")
    assert "figure" not in html and html.count("[[icons:") == 2


# Malformed lines

BAD = [
    ("[[icons: 64 in 100 with ketamine | 28 in 100 with midazolam | responded | after 24 hours | @study2020]",
     "does not end with ]]"),
    ("[[icons 64 in 100 with ketamine | 28 in 100 with midazolam | responded | after 24 hours | @study2020]]",
     "does not start with [[icons:"),
    ("[[icons: 64 in 100 with ketamine | 28 in 100 with midazolam | after 24 hours | @study2020]]",
     "has 4 parts, not 5"),
    ("[[icons: sixty-four in 100 with ketamine | 28 in 100 with midazolam | responded | after 24 hours | @study2020]]",
     "has 'sixty-four in 100 with ketamine' as its first group"),
    ("[[icons: 64 in 100 with ketamine | 28 in 100 | responded | after 24 hours | @study2020]]",
     "does not say who the second group was"),
    ("[[icons: 16 of 15 with ketamine | 3 of 15 with midazolam | responded | after 2 weeks | @study2020]]",
     "counts more people than there were in its first group"),
    ("[[icons: 0 of 0 with ketamine | 3 of 15 with midazolam | responded | after 2 weeks | @study2020]]",
     "has a total of 0 in its first group"),
    ("[[icons: 170 of 203 with ECT | 195 of 200 with ketamine | started | after 3 weeks | @study2020]]",
     "would draw 203 icons for its first group"),
    ("[[icons: 64 in 100 with ketamine | 28 in 100 with midazolam | 12 in 100 with placebo | after 24 hours | "
     "@study2020]]", "as its third part (what was counted)"),
    ("[[icons: 64 in 100 with ketamine | 28 in 100 with midazolam | responded |  | @study2020]]",
     "has an empty fourth part (when it was measured)"),
    ("[[icons: 64 in 100 with ketamine | 28 in 100 with midazolam | responded | after 24 hours | study2020]]",
     "has 'study2020' as its last part, not a source"),
    ("[[icons: 64 in 100 with ketamine | 28 in 100 with midazolam | responded | after 24 hours | @nosuch1999]]",
     "cites 'nosuch1999', which is not in references.yml"),
]


@pytest.mark.parametrize("line, problem", BAD, ids=[p for _, p in BAD])
def test_a_malformed_line_is_refused_with_the_problem_and_the_fix(line, problem, monkeypatch):
    monkeypatch.delenv("KAPSITE_SERVE", raising=False)
    with pytest.raises(ContentError) as refused:
        render("Text.\n\n" + line + "\n")
    message = str(refused.value)
    assert problem in message
    assert line.strip()[:60] in message  # names the line, so it can be found in the page
    assert "Fix: " in message and TEMPLATE in message and EXAMPLE in message


def test_the_preview_shows_the_mistake_instead_of_stopping(monkeypatch):
    monkeypatch.setenv("KAPSITE_SERVE", "1")
    page = soup(render(BAD[2][0] + "\n\n" + LINE))
    assert "has 4 parts, not 5" in page.select_one("p > strong").get_text()
    assert len(page.select("figure.kap-icon-array")) == 1 and len(page.select("symbol")) == 1


# The built site

ARRAY_PAGE = CLINICAL.format(review=REVIEWED) + """
## Benefits

In a trial, about 64 in 100 people responded to the drug, compared with 28 in 100 to a dummy drug [@study2020].

[[icons: about 64 in 100 with the drug | 28 in 100 with a dummy drug | responded | after 24 hours | @study2020]]

In a smaller trial, 10 of 15 people responded, compared with 3 of 15 [@study2020].

[[icons: 10 of 15 with the drug | 3 of 15 with a dummy drug | responded | after 2 weeks | @study2020]]
"""


def test_a_fixture_site_with_two_arrays_builds_and_passes_every_publish_rule(tmp_path):
    project = make(tmp_path)
    write(project, "clinical.md", ARRAY_PAGE)
    code, output = build(project)
    assert code == 0, output
    html = (project / "site" / "clinical" / "index.html").read_text()
    page = soup(html)
    article = page.select_one("article")
    figures = article.select("figure.kap-icon-array")
    assert len(figures) == 2 and len(article.select("symbol")) == 1
    assert [icons(s) for s in article.select("figure svg")] == [(64, 36), (28, 72), (10, 5), (3, 12)]
    in_text = article.select_one("p sup.cite a")
    for figure in figures:
        link = figure.select_one("figcaption sup.cite a")
        assert (link["href"], link.get_text()) == (in_text["href"], in_text.get_text()) == ("#ref-study2020", "1")
    assert not article.select("[style], style, script")


def test_a_fixture_site_refuses_a_malformed_array_and_names_the_page(tmp_path):
    project = make(tmp_path)
    write(project, "clinical.md", ARRAY_PAGE.replace("10 of 15 with the drug", "16 of 15 with the drug"))
    code, output = build(project)
    assert code != 0
    assert "clinical.md" in output and "counts more people than there were in its first group" in output, output


def array_pages(site_dir):
    return sorted(p for p in site_dir.rglob("*.html") if "kap-icon-array" in p.read_text(encoding="utf-8"))


def test_the_real_pages_show_only_numbers_their_own_text_gives(site_dir):
    pages = array_pages(site_dir)
    assert len(pages) >= 3
    for path in pages:
        article = soup(path.read_text(encoding="utf-8")).select_one("article")
        figures = article.select("figure.kap-icon-array")
        assert 1 <= len(figures) <= 2, path
        assert len(article.select("symbol")) == 1, path
        for figure in figures:
            figure.extract()
        prose = " ".join(article.get_text(" ").split())
        for figure in figures:
            caption = figure.figcaption.get_text()
            for numbers in re.findall(r"\d+ (?:in|of|out of) \d+", caption):
                assert re.search(rf"\b{numbers}\b", prose), f"{path}: {numbers!r} is in an array, not in the text"
            cited = figure.select_one("figcaption sup.cite a")["href"]
            assert article.select_one(f"p sup.cite a[href='{cited}'], li sup.cite a[href='{cited}'], "
                                      f"td sup.cite a[href='{cited}']"), f"{path}: {cited} not cited in the text"


# In Chromium: the colours as a visitor sees them

CONTRAST = """() => {
  const rgb = s => s.match(/[\\d.]+/g).map(Number);
  const lum = c => {
    const [r, g, b] = c.slice(0, 3).map(v => (v /= 255) <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
  const figure = document.querySelector('figure.kap-icon-array');
  let bg = null;
  for (let e = figure; e && !bg; e = e.parentElement) {
    const c = rgb(getComputedStyle(e).backgroundColor);
    if (c.length < 4 || c[3] > 0) bg = c;
  }
  bg = bg || [255, 255, 255];
  const filled = figure.querySelector('.kap-icon-array__filled');  // the icon in each tile (<pattern>)
  const empty = figure.querySelector('.kap-icon-array__empty');
  return {bg: bg.slice(0, 3), filledFill: getComputedStyle(filled).fill, emptyFill: getComputedStyle(empty).fill,
          emptyStroke: getComputedStyle(empty).stroke,
          filled: ratio(rgb(getComputedStyle(filled).fill), bg), empty: ratio(rgb(getComputedStyle(empty).stroke), bg)};
}"""

# The share of a screenshot's pixels within 40 (per channel) of each colour: decoded by the page's own canvas.
PIXELS = """async ([png, colours]) => {
  const img = new Image();
  img.src = 'data:image/png;base64,' + png;
  await img.decode();
  const canvas = document.createElement('canvas');
  [canvas.width, canvas.height] = [img.width, img.height];
  const context = canvas.getContext('2d');
  context.drawImage(img, 0, 0);
  const data = context.getImageData(0, 0, img.width, img.height).data;
  const counts = colours.map(() => 0);
  for (let i = 0; i < data.length; i += 4) {
    colours.forEach((c, k) => { if (c.every((v, j) => Math.abs(v - data[i + j]) <= 40)) counts[k]++; });
  }
  return counts.map(n => n / (data.length / 4));
}"""


def drawn(page, result):
    """The share of the first group's grid drawn in the filled colour and in the outline colour, as painted."""
    png = page.locator("figure.kap-icon-array svg").first.screenshot()
    rgb = [[int(v) for v in re.findall(r"[\d.]+", result[key])[:3]] for key in ("filledFill", "emptyStroke")]
    return page.evaluate(PIXELS, [base64.b64encode(png).decode(), rgb])


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_icons_meet_non_text_contrast_in_light_and_dark(browser, base_url, site_dir, scheme):
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    measured = []
    for path in array_pages(site_dir):
        page.goto(base_url + page_url(path.relative_to(site_dir).as_posix()))
        assert page.get_attribute("body", "data-md-color-scheme") == ("slate" if scheme == "dark" else "default")
        result = page.evaluate(CONTRAST)
        measured.append(result)
        assert result["filled"] >= 3 and result["empty"] >= 3, (path, result)  # WCAG 2.2 AA 1.4.11
        assert result["emptyFill"] == "none"  # an outline: told apart by shape, not only by colour
        filled, outline = drawn(page, result)  # the tiles are painted: solid people and outlines, not blank
        assert filled > 0.05 and outline > 0.02, (path, filled, outline)
    context.close()
    print(scheme, {(tuple(m["bg"]), round(m["filled"], 2), round(m["empty"], 2)) for m in measured})


@pytest.mark.browser
def test_icons_print_in_black_solid_and_outline(browser, base_url, site_dir):
    context = browser.new_context()
    page = context.new_page()
    page.goto(base_url + page_url(array_pages(site_dir)[0].relative_to(site_dir).as_posix()))
    page.emulate_media(media="print")
    result = page.evaluate(CONTRAST)
    assert result["filledFill"] == "rgb(0, 0, 0)" and result["emptyStroke"] == "rgb(0, 0, 0)", result
    assert result["emptyFill"] == "rgb(255, 255, 255)", result
    context.close()
