"""The decision worksheet on "Treatment options compared" (docs/treatment/options-compared.md,
docs/static/js/worksheet.js), in Chromium.

The reader marks how much each thing matters and writes notes, then prints or saves the page. The worksheet must
never score or suggest an option, keep everything on the device (no requests, no storage, no cookies, no URL
change, no way to send it), work from the keyboard alone with a name for every control, print the marks and the
whole of each note, still be a readable, printable list without JavaScript, and pass axe in light and dark mode on
a phone and a desktop.
"""
import re

import pytest

from conftest import focus_before_form, open_tool
from axe_playwright_python.sync_playwright import Axe

pytestmark = pytest.mark.browser

PAGE = "treatment/options-compared/"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
PHONE, DESKTOP = {"width": 390, "height": 844}, {"width": 1280, "height": 800}

# (radio group name, words its legend must hold): what the reader weighs, in the page's order.
ITEMS = [("speed", "Speed of relief"), ("lasting", "Lasting results"), ("proof", "Strength of proof"),
         ("time", "Time it takes"), ("cost", "Cost"), ("side-effects", "Side effects to avoid"),
         ("awake", "Awake or asleep"), ("driver", "A driver afterwards"), ("approval", "FDA approval"),
         ("therapy", "Talking therapy")]
LEVELS = [("a-lot", "A lot"), ("some", "Some"), ("a-little", "A little"), ("not-at-all", "Not at all"),
          ("not-sure", "Not sure yet")]
NOTES = [("ws-else", "Anything else that matters to me"), ("ws-know", "What I know so far"),
         ("ws-ask", "What I still need to ask or find out")]
MARKS = {"speed": "a-lot", "proof": "some", "cost": "a-lot", "awake": "not-sure", "driver": "a-little"}
LONG_NOTE = "\n".join(f"Line {n}: ask how many visits a week, and who drives me home." for n in range(1, 15))

SNAPSHOT = """() => ({
  local: Object.assign({}, localStorage),
  session: Object.assign({}, sessionStorage),
  cookie: document.cookie,
  url: location.href,
  history: history.length,
})"""

FOCUS_BEFORE_FORM = focus_before_form("kap-worksheet")  # the next Tab enters the worksheet from the top

FOCUS_OUTLINE = """() => {
  const el = document.activeElement;
  const shown = el.type === 'radio' ? el.nextElementSibling : el;  // a radio shows its focus on its label
  const s = getComputedStyle(shown);
  return {id: el.id, style: s.outlineStyle, width: parseFloat(s.outlineWidth)};
}"""


def open_page(browser, base_url, **context_options):
    return open_tool(browser, base_url + PAGE, "kap-worksheet", **context_options)


def mark(page, marks=MARKS):
    for name, value in marks.items():
        page.check(f"#ws-{name}-{value}")


def write_notes(page):
    page.fill("#ws-else", "Being home for my children after school.")
    page.fill("#ws-know", "I have tried two medicines.")
    page.fill("#ws-ask", LONG_NOTE)


def test_the_worksheet_asks_what_matters_and_never_scores(browser, base_url):
    context, page = open_page(browser, base_url)
    form = page.locator("form#kap-worksheet")
    assert page.locator("h2#what-matters-to-you").is_visible()
    for name, words in ITEMS:
        group = form.locator(f"fieldset:has(input[name='{name}'])")
        assert words in group.locator("legend").inner_text(), name
        assert group.locator(".kap-ws-hint").is_visible(), name
        labels = [group.locator(f"label[for='ws-{name}-{value}']").inner_text() for value, _ in LEVELS]
        assert labels == [label for _, label in LEVELS], name
    for note_id, label in NOTES:
        assert page.locator(f"label[for='{note_id}']").inner_text() == label
        assert page.locator(f"textarea#{note_id}").is_visible()
    section = page.locator(".kap-ws-section").inner_text()
    assert "does not pick a treatment" in section and "does not add up a score" in section
    assert "Nothing is sent, saved or put in the address bar" in section

    # Marking and writing add nothing to the page: no score, no suggestion, no hidden ranking.
    article = page.locator("article")
    before = article.inner_text()
    mark(page)
    write_notes(page)
    mark(page, {"speed": "not-at-all", "therapy": "a-lot"})  # and changed answers
    page.wait_for_timeout(200)
    assert article.inner_text() == before
    assert page.locator("[aria-live], [role=alert], [role=status]").count() == 0
    context.close()


def test_everything_stays_on_the_device(browser, base_url):
    context = browser.new_context()
    page = context.new_page()
    loaded = []
    page.on("request", lambda request: loaded.append(request.url))
    page.goto(base_url + PAGE, wait_until="networkidle")
    page.wait_for_selector("#kap-worksheet.js")
    foreign = [url for url in loaded if not (url.startswith(base_url) or url.startswith("data:"))]
    assert foreign == [], f"requests that leave the site: {foreign}"

    requests = []
    page.on("request", lambda request: requests.append(request.url))
    before = page.evaluate(SNAPSHOT), context.cookies()
    mark(page)
    write_notes(page)
    mark(page, {name: "not-sure" for name, _ in ITEMS})  # change every mark once more
    page.wait_for_timeout(1000)
    after = page.evaluate(SNAPSHOT), context.cookies()
    assert requests == [], f"requests while filling in: {requests}"
    assert after == before, "filling in changed storage, cookies, the address or the history"
    assert page.evaluate("indexedDB.databases()") == []
    assert "?" not in page.url and "speed" not in page.url
    assert page.input_value("#ws-know") == "I have tried two medicines."  # no time limit: still there
    context.close()


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_the_worksheet_cannot_be_sent(browser, base_url, javascript):
    context, page = open_page(browser, base_url, java_script_enabled=javascript)
    form = page.locator("form#kap-worksheet")
    for attribute in ("action", "method", "target"):
        assert form.get_attribute(attribute) is None, attribute
    assert page.locator("[formaction], [formmethod], [formtarget]").count() == 0
    # The first submit button is the form's default button; disabled, it stops Enter from sending the form.
    submitters = form.locator("button:not([type=button]), input[type=submit], input[type=image]")
    assert submitters.count() == 1 and submitters.first.is_disabled() and not submitters.first.is_visible()
    assert form.evaluate("f => f.querySelector('button:not([type=button]), [type=submit]') === "
                         "f.querySelector('button, input[type=submit], input[type=image]')")
    assert page.locator("#kap-ws-print").get_attribute("type") == "button"

    url = page.url
    navigations, requests = [], []
    page.on("framenavigated", lambda frame: navigations.append(frame.url))
    page.on("request", lambda request: requests.append(request.url))
    mark(page)
    for name in ("speed", "cost", "driver"):
        page.focus(f"#ws-{name}-{MARKS[name]}")
        page.keyboard.press("Enter")
    page.focus("#ws-ask")
    page.keyboard.type("A question")
    page.keyboard.press("Enter")
    page.wait_for_timeout(500)
    assert page.url == url and navigations == [] and requests == []
    assert page.is_checked("#ws-cost-a-lot") and page.input_value("#ws-ask") == "A question\n"
    context.close()


def test_keyboard_alone_fills_it_in_with_visible_focus(browser, base_url):
    context, page = open_page(browser, base_url, viewport=DESKTOP,
                              init_script="window.__printed = 0; window.print = () => { window.__printed += 1; };")
    assert page.evaluate(FOCUS_BEFORE_FORM)
    chosen = {}
    for index, (name, _) in enumerate(ITEMS):
        steps = index % len(LEVELS)
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.id") == f"ws-{name}-a-lot", f"Tab into {name}"
        if steps == 0:
            page.keyboard.press("Space")
        for _ in range(steps):
            page.keyboard.press("ArrowDown")
        value = LEVELS[steps][0]
        focus = page.evaluate(FOCUS_OUTLINE)
        assert focus["id"] == f"ws-{name}-{value}"
        assert focus["style"] != "none" and focus["width"] >= 2, f"no visible focus on {name}: {focus}"
        assert page.is_checked(f"#ws-{name}-{value}")
        chosen[name] = value
    for note_id, _ in NOTES:
        page.keyboard.press("Tab")
        focus = page.evaluate(FOCUS_OUTLINE)
        assert focus["id"] == note_id
        assert focus["style"] != "none" and focus["width"] >= 2, f"no visible focus on {note_id}: {focus}"
        page.keyboard.type(f"Typed into {note_id}")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "kap-ws-print"
    focus = page.evaluate(FOCUS_OUTLINE)
    assert focus["style"] != "none" and focus["width"] >= 2, f"no visible focus on the print button: {focus}"
    page.keyboard.press("Space")
    assert page.evaluate("window.__printed") == 1

    for name, value in chosen.items():
        assert page.is_checked(f"#ws-{name}-{value}"), name
    for note_id, _ in NOTES:
        assert page.input_value(f"#{note_id}") == f"Typed into {note_id}"
    context.close()


def test_every_control_has_an_accessible_name(browser, base_url):
    context, page = open_page(browser, base_url)
    form = page.locator("form#kap-worksheet")
    for name, words in ITEMS:
        group = page.get_by_role("group", name=re.compile(re.escape(words)))
        assert group.count() == 1, f"no group named {words!r}"
        for value, label in LEVELS:
            radio = group.get_by_role("radio", name=label, exact=True)
            assert radio.count() == 1, f"{name}: no radio named {label!r}"
            assert radio.get_attribute("id") == f"ws-{name}-{value}"
        description = group.get_attribute("aria-describedby")
        assert description and page.locator(f"#{description}").is_visible()
    notes = page.get_by_role("group", name=re.compile("My notes"))
    for note_id, label in NOTES:
        box = notes.get_by_role("textbox", name=label, exact=True)
        assert box.count() == 1 and box.get_attribute("id") == note_id
    assert page.get_by_role("button", name="Print or save this worksheet").is_visible()
    # Every control the reader can reach: radio buttons, text boxes and the button, each with its name.
    unnamed = form.evaluate("""f => [...f.querySelectorAll('input, textarea')]
      .filter(el => !(el.labels && el.labels.length && el.labels[0].textContent.trim())).map(el => el.id)""")
    assert unnamed == []
    assert form.locator("input").count() == len(ITEMS) * len(LEVELS)
    context.close()


def test_print_shows_the_marks_and_the_whole_of_each_note(browser, base_url):
    context, page = open_page(browser, base_url, viewport=PHONE)
    mark(page)
    write_notes(page)
    page.emulate_media(media="print")
    for selector in (".md-header", ".md-sidebar", ".md-footer", "#kap-ws-print"):
        for element in page.locator(selector).all():
            assert not element.is_visible(), f"{selector} shows in print"
    assert page.locator("form#kap-worksheet").is_visible()
    assert page.locator("h2#what-is-not-known").is_visible(), "the browser's Print menu prints the whole page"
    for name, value in MARKS.items():
        label = page.locator(f"label[for='ws-{name}-{value}']")
        assert page.is_checked(f"#ws-{name}-{value}") and page.locator(f"#ws-{name}-{value}").is_visible()
        style = label.evaluate("l => [getComputedStyle(l).fontWeight, getComputedStyle(l).borderTopWidth]")
        assert style == ["700", "2px"], f"{name}: the chosen answer is not marked on paper: {style}"
    unchosen = page.locator("label[for='ws-speed-some']")
    assert unchosen.evaluate("l => getComputedStyle(l).borderTopStyle") == "none"
    for note_id, _ in NOTES:
        assert not page.locator(f"#{note_id}").is_visible()  # the text box is replaced by its full copy
    copies = page.locator("form#kap-worksheet .kap-ws-copy")
    assert copies.count() == len(NOTES)
    texts = [copy.inner_text() for copy in copies.all()]
    assert texts == ["Being home for my children after school.", "I have tried two medicines.", LONG_NOTE]
    ask = copies.nth(2)
    assert ask.is_visible()
    assert ask.evaluate("c => c.scrollHeight <= c.clientHeight + 1"), "the long note is cut off on paper"
    assert "Line 14:" in ask.inner_text()
    assert ask.get_attribute("aria-hidden") == "true"
    breaks = page.eval_on_selector_all("form#kap-worksheet .kap-ws-item:not(.kap-ws-notes)",
                                       "els => els.map(e => getComputedStyle(e).breakInside)")
    assert breaks == ["avoid"] * len(ITEMS)
    assert page.pdf()[:4] == b"%PDF"
    context.close()


def test_the_print_button_prints_the_worksheet_alone(browser, base_url):
    context, page = open_page(browser, base_url, viewport=DESKTOP, init_script="""
      window.__printed = [];
      window.print = () => { window.__printed.push(document.documentElement.className); };""")
    button = page.locator("#kap-ws-print")
    assert button.is_visible() and button.inner_text().strip() == "Print or save this worksheet"
    mark(page)
    page.fill("#ws-know", "I have tried two medicines.")
    button.click()
    printed = page.evaluate("window.__printed")
    assert len(printed) == 1 and "kap-print-worksheet" in printed[0].split()

    page.emulate_media(media="print")
    for shown in ("article h1", "h2#what-matters-to-you", "form#kap-worksheet"):
        assert page.locator(shown).is_visible(), shown
    for hidden in (".key-points", "article table", "h2#what-is-not-known", "h2#questions-to-ask",
                   "ol.references", ".kap-review", "#kap-ws-print"):
        assert not page.locator(hidden).first.is_visible(), f"{hidden} prints with the worksheet"
    assert page.locator("#ws-speed-a-lot").is_checked()
    assert "I have tried two medicines." in page.locator("#ws-know + .kap-ws-copy").inner_text()

    page.evaluate("window.dispatchEvent(new Event('afterprint'))")  # the print dialog has closed
    assert "kap-print-worksheet" not in page.evaluate("document.documentElement.className")
    assert page.locator("h2#what-is-not-known").is_visible(), "the browser's Print menu prints the whole page again"
    context.close()


def test_without_javascript_it_is_a_readable_printable_list(browser, base_url):
    context, page = open_page(browser, base_url, java_script_enabled=False)
    assert page.locator("h2#what-matters-to-you").is_visible()
    section = page.locator(".kap-ws-section")
    text = section.inner_text()
    assert "Mark how much it matters to you" in text and "mark it with a pen" in text
    for name, words in ITEMS:
        group = page.locator(f"form#kap-worksheet fieldset:has(input[name='{name}'])")
        assert group.locator("legend").is_visible() and words in group.locator("legend").inner_text()
        assert group.locator(".kap-ws-hint").is_visible()
        for value, label in LEVELS:
            assert page.locator(f"#ws-{name}-{value}").is_visible()
            assert page.locator(f"label[for='ws-{name}-{value}']").inner_text() == label
    for note_id, label in NOTES:
        assert page.locator(f"label[for='{note_id}']").is_visible()
        assert page.locator(f"textarea#{note_id}").is_visible()
    assert page.locator(".kap-ws-copy").count() == 0
    assert not page.locator("#kap-ws-print").is_visible()  # no dead button

    page.check("#ws-cost-a-lot")  # the controls still work
    page.fill("#ws-ask", LONG_NOTE)
    page.emulate_media(media="print")
    assert page.locator("form#kap-worksheet").is_visible()
    assert page.locator("label[for='ws-cost-a-lot']").evaluate("l => getComputedStyle(l).borderTopWidth") == "2px"
    ask = page.locator("textarea#ws-ask")
    assert ask.is_visible() and page.input_value("#ws-ask") == LONG_NOTE
    # The text box grows to hold the whole note on paper (CSS field-sizing, in Chromium).
    assert ask.evaluate("t => t.scrollHeight <= t.clientHeight + 1"), "the long note is cut off on paper"
    assert not page.locator(".md-header").is_visible()
    context.close()


@pytest.fixture(scope="module")
def axe():
    return Axe()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_axe_finds_no_violations(browser, base_url, axe, scheme, viewport):
    context = browser.new_context(viewport=viewport, color_scheme=scheme)
    page = context.new_page()
    page.goto(base_url + PAGE)
    page.wait_for_selector("#kap-worksheet.js")
    assert page.get_attribute("body", "data-md-color-scheme") == ("slate" if scheme == "dark" else "default")
    failures = []
    for state in ("empty", "filled"):
        if state == "filled":
            mark(page)
            write_notes(page)
            page.focus("#ws-speed-a-lot")
            page.wait_for_timeout(600)  # let Material's "Back to top" button finish fading in after the scroll
        result = axe.run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
        if result.violations_count:
            failures.append(f"{state}:\n{result.generate_report()}")
    context.close()
    assert not failures, "\n".join(failures)
