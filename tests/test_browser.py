"""In Chromium: accessibility (axe), keyboard use, console, requests, and use without JavaScript."""
import pytest
from axe_playwright_python.sync_playwright import Axe

from conftest import page_url, scripts_ran

pytestmark = pytest.mark.browser
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
PHONE, DESKTOP = {"width": 390, "height": 844}, {"width": 1280, "height": 800}
# The icon Material draws before a warning box's title (on /about/): an inline-SVG mask once icons are on.
WARNING_ICON_MASK = ("getComputedStyle(document.querySelector('.admonition.warning > .admonition-title'), '::before')"
                     ".maskImage")

# The focused element, and whether a sighted keyboard user can see it. A visually hidden radio button (Material's
# palette toggle) shows its focus on the label that follows it, so that label is what must be visible.
FOCUSED = """() => {
  const focused = document.activeElement;
  if (!focused || focused === document.body) return null;
  const el = focused.classList.contains('md-option') ? focused.nextElementSibling : focused;
  const r = el.getBoundingClientRect();
  let hidden = r.width === 0 || r.height === 0 || r.right <= 0 || r.left >= innerWidth;
  for (let e = el; e; e = e.parentElement) {
    const s = getComputedStyle(e);
    if (s.display === 'none' || s.visibility === 'hidden' || s.opacity === '0') hidden = true;
  }
  if (!hidden) {  // covered by something else, such as a closed drawer's overlay or an open dialog
    const line = el.getClientRects()[0] || r;  // a link that wraps: test its first line, not the gap between
    const x = Math.min(Math.max(line.left + line.width / 2, 0), innerWidth - 1);
    const y = Math.min(Math.max(line.top + line.height / 2, 0), innerHeight - 1);
    const top = document.elementFromPoint(x, y);
    hidden = !!top && !el.contains(top) && !top.contains(el) && !(el.labels && [...el.labels].some(l => l.contains(top)));
  }
  return {hidden, html: el.outerHTML.slice(0, 160), cls: el.className || '', href: el.getAttribute('href')};
}"""


@pytest.fixture(scope="module")
def axe():
    return Axe()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_axe_finds_no_violations(browser, base_url, html_pages, axe, scheme, viewport):
    context = browser.new_context(viewport=viewport, color_scheme=scheme)
    page = context.new_page()
    failures = []
    for path in html_pages:
        page.goto(base_url + page_url(path))
        scripts_ran(page)  # as a visitor meets it: Material's and our scripts started
        expected = "slate" if scheme == "dark" else "default"
        assert page.get_attribute("body", "data-md-color-scheme") == expected, path
        result = axe.run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
        if result.violations_count:
            failures.append(f"{path}:\n{result.generate_report()}")
    context.close()
    assert not failures, "\n".join(failures)


def test_no_console_errors_and_no_request_leaves_the_site(browser, base_url, html_pages):
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    errors, foreign = [], []
    page.on("console", lambda m: m.type == "error" and errors.append(f"{page.url}: {m.text}"))
    page.on("pageerror", lambda e: errors.append(f"{page.url}: {e}"))
    page.on("request", lambda r: r.url.startswith(base_url) or r.url.startswith("data:") or foreign.append(r.url))
    for path in html_pages:
        page.goto(base_url + page_url(path), wait_until="networkidle")
    context.close()
    assert not errors and not foreign, (errors, foreign)


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_skip_link_then_get_help_now_lead_the_tab_order(browser, base_url, html_pages, viewport):
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    for path in html_pages:
        page.goto(base_url + page_url(path))
        scripts_ran(page)
        page.keyboard.press("Tab")
        page.wait_for_timeout(300)  # Material fades the focused skip link in over 250 ms
        first = page.evaluate(FOCUSED)
        assert first and "md-skip" in first["cls"] and not first["hidden"], f"{path}: first Tab stop is {first}"
        stops = []
        for _ in range(3):
            page.keyboard.press("Tab")
            stops.append(page.evaluate(FOCUSED))
        assert any(s and "kap-help-link" in s["cls"] for s in stops), f"{path}: Get help now not in Tab stops 2-4"
    context.close()


def test_skip_link_moves_focus_to_the_content(browser, base_url, html_pages):
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    for path in html_pages:
        page.goto(base_url + page_url(path))
        scripts_ran(page)
        page.keyboard.press("Tab")
        target = page.evaluate("() => document.activeElement.getAttribute('href')")
        page.keyboard.press("Enter")
        page.wait_for_function("h => location.hash === h", arg=target)
        inside = page.evaluate("""() => {
            const t = document.getElementById(location.hash.slice(1));
            return !!t && !!t.closest('.md-content') && t.getBoundingClientRect().top < innerHeight; }""")
        assert inside, f"{path}: the skip link's target {target} is not in view inside the content"
    context.close()


def test_phone_tab_never_lands_on_an_invisible_element(browser, base_url, html_pages):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    problems = []
    for path in html_pages:
        page.goto(base_url + page_url(path))
        scripts_ran(page)
        seen, first = 0, None
        for _ in range(200):
            page.keyboard.press("Tab")
            focused = page.evaluate(FOCUSED)
            if focused is None or (first and focused["html"] == first):
                break  # past the last element, or round to the first again: every stop has been seen
            first = first or focused["html"]
            seen += 1
            if focused["hidden"]:  # allow for animations (skip link fade-in, search dialog closing), then judge
                page.wait_for_timeout(700)
                focused = page.evaluate(FOCUSED)
            if focused["hidden"]:
                problems.append(f"{path}: Tab stop {seen} is invisible: {focused['html']}")
                break
        if seen < 4 and not problems:
            problems.append(f"{path}: only {seen} Tab stops")
    context.close()
    assert not problems, "\n".join(problems)


def test_pages_work_without_javascript(browser, base_url, content_pages):
    context = browser.new_context(viewport=DESKTOP, java_script_enabled=False)
    page = context.new_page()
    for path in content_pages:
        page.goto(base_url + page_url(path))
        assert page.locator("article h1").is_visible(), path
        assert page.locator("a.kap-help-link").is_visible(), path
        if path != "index.html":  # the home page hides the sidebar by design and links to every topic
            assert page.locator(".md-sidebar--primary a.md-nav__link").first.is_visible(), path
        assert len(page.locator("article").inner_text().split()) > 80, path
    page.goto(base_url + "about/")  # icons show at once without scripts (site.css waits for site.js otherwise)
    mask = page.evaluate(WARNING_ICON_MASK)
    assert mask.startswith('url("data:image/svg'), mask
    context.close()


def test_colour_scheme_is_the_only_thing_stored_and_search_stays_out_of_the_url(browser, base_url):
    context = browser.new_context(viewport=DESKTOP, color_scheme="light")
    page = context.new_page()
    page.goto(base_url + "faq/")
    scripts_ran(page)  # Material keeps the palette choice and starts its search shortcut
    page.locator("label[for^='__palette_']:visible").first.click()
    assert page.get_attribute("body", "data-md-color-scheme") in ("default", "slate")
    page.keyboard.press("/")  # Material's search shortcut
    page.keyboard.type("esketamine")
    page.locator(".md-search-result__item").first.wait_for()
    assert "esketamine" not in page.url
    page.goto(base_url + "conditions/ptsd/")
    keys = page.evaluate("() => Object.keys(localStorage).map(k => k.split('/').pop().replace(/^\\./, ''))")
    assert keys == ["__palette"], keys
    assert page.evaluate("() => sessionStorage.length") == 0
    assert context.cookies() == []
    context.close()


@pytest.mark.parametrize("query, page", [
    ("Treatment-resistant", "conditions/treatment-resistant-depression/"),  # a title
    ("masked", "treatment/how-ketamine-works/"),                            # a heading: "Why masked trials matter"
    ("superbill", "costs/"),                                                 # a heading
    ("checklist", "treatment/what-to-expect/"),                              # a key point and a heading
    ("Access", "get-help-now/"),                                             # a heading
])
def test_search_finds_pages_by_title_heading_or_key_point(browser, base_url, query, page):
    context = browser.new_context(viewport=DESKTOP)
    tab = context.new_page()
    tab.goto(base_url)
    scripts_ran(tab)  # Material's keyboard shortcuts start with its script
    tab.keyboard.press("/")
    tab.keyboard.type(query)
    tab.locator(".md-search-result__item").first.wait_for()
    hrefs = tab.eval_on_selector_all(".md-search-result__link", "links => links.map(a => a.href)")
    context.close()
    assert any(h.split("#")[0] == base_url + page for h in hrefs), (query, hrefs)


def test_search_loads_only_when_opened(browser, base_url):
    """static/js/search-on-demand.js holds back Material's search worker and index until search is opened."""
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    searched = []
    page.on("request", lambda r: searched.append(r.url) if "search" in r.url.split("/")[-1] else None)
    page.goto(base_url + "about/", wait_until="load")
    page.wait_for_timeout(500)
    assert [u for u in searched if "on-demand" not in u] == [], searched
    page.locator("label.md-header__button[for='__search']").click()  # the phone header's search button
    page.keyboard.type("ketamine")
    page.locator(".md-search-result__item").first.wait_for()
    assert any(u.endswith("/search/search_index.json") for u in searched), searched
    assert any("/workers/search." in u for u in searched), searched
    page.goto(base_url + "faq/?q=superbill")  # a search link opens search and loads it straight away
    page.locator(".md-search-result__item").first.wait_for()
    context.close()


def test_icons_are_drawn_after_the_first_paint(browser, base_url):
    """Material's inline-SVG icons are decoded only after the first contentful paint (site.css, site.js), then show."""
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    icons, paints = [], []
    cdp.on("Network.requestWillBeSent",
           lambda e: icons.append(e["timestamp"]) if e["request"]["url"].startswith("data:image/svg") else None)
    cdp.on("Page.lifecycleEvent",
           lambda e: paints.append(e["timestamp"]) if e["name"] == "firstContentfulPaint" else None)
    cdp.send("Network.enable")
    cdp.send("Page.enable")
    cdp.send("Page.setLifecycleEventsEnabled", {"enabled": True})
    page.goto(base_url + "about/", wait_until="load")
    page.wait_for_function("document.documentElement.classList.contains('kap-icons')")
    page.wait_for_timeout(300)
    mask = page.evaluate(WARNING_ICON_MASK)
    context.close()
    assert paints and icons, (paints, icons)
    assert min(icons) > paints[-1], "an icon was decoded before the first contentful paint"
    assert mask.startswith('url("data:image/svg'), mask


BUNDLE_STARTED = """window.kapBundleStarted = null;  // Material's bundle removes the no-js class as it starts
new MutationObserver(records => {
  if (window.kapBundleStarted === null && records.some(r => r.target === document.documentElement)
      && !document.documentElement.classList.contains('no-js')) {
    window.kapBundleStarted = performance.now();
  }
}).observe(document, {attributes: true, attributeFilter: ['class'], subtree: true});  // before <html> is parsed"""


@pytest.mark.parametrize("path", ["conditions/treatment-resistant-depression/", "treatment/options-compared/", ""])
def test_scripts_run_after_the_first_paint(browser, base_url, path):
    """after-paint.js starts Material's bundle only once the first paint is on screen, on the longest pages too.
    (With deferred scripts it was a coin toss on a long page: several loads, so a coin toss fails.)"""
    context = browser.new_context(viewport=PHONE)
    context.add_init_script(BUNDLE_STARTED)
    page = context.new_page()
    times = []
    for _ in range(3):
        page.goto(base_url + path)
        page.wait_for_function("window.kapBundleStarted !== null")
        times.append(page.evaluate("""() => ({started: window.kapBundleStarted,
          paint: performance.getEntriesByName('first-contentful-paint')[0].startTime})"""))
    context.close()
    assert all(t["started"] > t["paint"] for t in times), times


def test_tables_stay_where_the_build_put_them_with_materials_look(browser, base_url):
    """Material's script does not move a table after loading (md_tables.py), and site.css gives it Material's look."""
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.add_init_script("""
      window.kapMovedTables = 0;
      new MutationObserver(records => records.forEach(r => r.removedNodes.forEach(n => {
        if (n.nodeName === 'TABLE') window.kapMovedTables++;
      }))).observe(document, {childList: true, subtree: true});""")
    page.goto(base_url + "treatment/options-compared/", wait_until="load")
    page.wait_for_timeout(300)
    moved = page.evaluate("window.kapMovedTables")
    page.goto(base_url + "treatment/safety/", wait_until="load")  # a narrow table keeps Material's look on a phone
    page.wait_for_timeout(300)
    moved += page.evaluate("window.kapMovedTables")
    look = page.evaluate("""() => {
      const table = document.querySelector('article table'), cell = table.querySelector('td');
      const t = getComputedStyle(table), c = getComputedStyle(cell);
      return {wrappers: document.querySelectorAll('.md-typeset__scrollwrap .md-typeset__scrollwrap').length,
              tableBorder: t.borderTopWidth, overflow: t.overflowX, cellBorder: c.borderTopWidth,
              cellPadding: parseFloat(c.paddingLeft) / parseFloat(c.fontSize)};
    }""")
    context.close()
    assert moved == 0, f"{moved} tables were moved after loading"
    assert look == {"wrappers": 0, "tableBorder": "1px", "overflow": "auto", "cellBorder": "1px",
                    "cellPadding": 1.25}, look


def test_search_index_is_small(site_dir):
    size = (site_dir / "search" / "search_index.json").stat().st_size
    assert size < 60_000, f"the search index is {size} bytes: it is fetched whenever search is opened"


def test_clinical_pages_print_cleanly(browser, base_url):
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    page.goto(base_url + "treatment/safety/")
    page.emulate_media(media="print")
    for hidden in (".md-header", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer", ".md-search"):
        assert not page.locator(hidden).first.is_visible(), hidden
    assert page.locator("article h1").is_visible() and page.locator("ol.references").is_visible()
    link = page.locator("ol.references a[href^='http']").first
    after = link.evaluate("a => getComputedStyle(a, '::after').content")
    assert link.get_attribute("href") in after, "printed links show their address"
    heading = page.locator("article h2").first.evaluate("h => getComputedStyle(h).breakAfter")
    assert heading == "avoid", "headings stay with their text"
    pdf = page.pdf()
    assert pdf[:4] == b"%PDF"
    context.close()


LAYOUT_SHIFTS = """window.__shifts = [];
new PerformanceObserver(list => { for (const e of list.getEntries()) window.__shifts.push(
  e.sources.map(s => (s.node && s.node.outerHTML || '?').slice(0, 120))); })
  .observe({type: 'layout-shift', buffered: true});"""


def test_first_paint_has_the_layout_of_the_finished_page(browser, base_url):
    """Scripts are deferred, so the browser may paint before Material's runs: that paint must already have its layout.

    Shown with Material's bundle held back: the footer of a short page (where it is in view) must be where it ends up.
    """
    footer_top = "document.querySelector('.md-footer').getBoundingClientRect().top"
    tops, tall = [], dict(DESKTOP, height=1000)  # tall enough that the short page's footer is in view
    for hold_bundle in (True, False):
        context = browser.new_context(viewport=tall)
        page = context.new_page()
        if hold_bundle:
            page.route("**/assets/javascripts/bundle.*.min.js", lambda route: route.abort())
        page.goto(base_url + "policies/good-faith-estimate/", wait_until="load")
        page.wait_for_timeout(300)
        assert page.evaluate("document.documentElement.classList.contains('no-js')") == hold_bundle
        tops.append(page.evaluate(footer_top))
        context.close()
    assert tops[0] == tops[1] < tall["height"], tops


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_nothing_moves_while_a_page_loads(browser, base_url, html_pages, viewport):
    """No layout shift (CLS 0), for example when Material's script reveals the header's buttons."""
    context = browser.new_context(viewport=viewport)
    context.add_init_script(LAYOUT_SHIFTS)
    page = context.new_page()
    shifts = {}
    for path in html_pages:
        page.goto(base_url + page_url(path), wait_until="networkidle")
        if page.evaluate("window.__shifts.length"):
            shifts[path] = page.evaluate("window.__shifts")
    context.close()
    assert not shifts, shifts


def test_home_first_phone_screen_says_what_and_offers_the_actions(browser, base_url):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(base_url)
    hero = page.locator(".kap-hero > p").first
    assert hero.is_visible() and hero.inner_text().count(".") == 2, "two plain sentences"
    for target in (".kap-actions a[href^='tel:'], .kap-actions a[href^='http']", ".kap-actions a[href$='self-check/']",
                   "a.kap-help-link"):
        box = page.locator(target).first.bounding_box()
        assert box and box["y"] + box["height"] <= PHONE["height"], f"{target} is below the first screen"
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_on_a_phone_the_options_read_as_cards_and_the_boxes_and_titles_are_legible(browser, base_url, site_dir, scheme):
    """Issue 10: no sideways scrolling for the main comparison at 390 px, still a table to a screen reader; the key
    points at least body size and titles in the full text colour, in light and dark mode."""
    context = browser.new_context(viewport=PHONE, color_scheme=scheme)
    page = context.new_page()
    page.goto(base_url + "treatment/options-compared/", wait_until="load")
    widths = page.evaluate("""() => { const wrap = document.querySelector('article .md-typeset__scrollwrap');
      return [document.scrollingElement.scrollWidth, innerWidth, wrap.scrollWidth, wrap.clientWidth]; }""")
    assert widths[0] <= widths[1] and widths[2] <= widths[3], f"sideways scrolling at 390 px: {widths}"
    table = page.get_by_role("table").first
    assert table.get_by_role("columnheader").count() == 4 and table.get_by_role("row").count() >= 8
    assert page.locator("article td:nth-child(2) .kap-cell-label").first.is_visible(), "each cell shows its column's name"
    for path in ("conditions/ptsd/", "conditions/treatment-resistant-depression/", "treatment/safety/"):
        page.goto(base_url + path, wait_until="load")
        sizes = page.evaluate("""() => {
          const px = el => parseFloat(getComputedStyle(el).fontSize);
          const body = px(document.querySelector('article > p'));
          return {body, keyPoints: Math.min(...[...document.querySelectorAll('.key-points, .key-points li')].map(px)),
                  boxes: Math.min(...[...document.querySelectorAll('article .admonition')].map(px)),
                  h1: getComputedStyle(document.querySelector('article h1')).color,
                  text: getComputedStyle(document.querySelector('article > p')).color}; }""")
        assert sizes["keyPoints"] >= sizes["body"] and sizes["boxes"] >= sizes["body"], (path, sizes)
        assert sizes["h1"] == sizes["text"], (path, sizes)
    context.close()
