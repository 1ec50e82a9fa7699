"""The PHQ-9 self-check on "Is this right for me?" (docs/self-check.md, docs/static/js/self-check.js), in Chromium.

It must score every band, show the crisis box as soon as question 9 is above 0, work from the keyboard alone,
keep the answers on the device (no requests, no storage, no cookies, no URL change, no way to submit), still work
as a printable questionnaire without JavaScript, and print without the site's header and navigation.
"""
import pytest

from conftest import focus_before_form, open_tool

pytestmark = pytest.mark.browser

PAGE = "self-check/"
QUESTIONS = 9
# (score, band name as the page says it)
BANDS = [(0, "minimal"), (4, "minimal"), (5, "mild"), (9, "mild"), (10, "moderate"), (14, "moderate"),
         (15, "moderately severe"), (19, "moderately severe"), (20, "severe"), (24, "severe"), (27, "severe")]

SNAPSHOT = """() => ({
  local: Object.assign({}, localStorage),
  session: Object.assign({}, sessionStorage),
  cookie: document.cookie,
  url: location.href,
})"""

FOCUS_BEFORE_FORM = focus_before_form("phq9")  # the next Tab enters the questionnaire from the top


def answers_for(score, q9=0):
    """Nine answers (0-3) adding up to score, with question 9 set to q9 when the score allows it."""
    assert 0 <= score <= 27
    answers = [0] * QUESTIONS
    answers[8] = min(q9, score)
    rest = score - answers[8]
    for i in range(8):
        answers[i] = min(3, rest)
        rest -= answers[i]
    if rest:  # only 25-27 need question 9 as well
        answers[8] += rest
    assert sum(answers) == score and all(0 <= a <= 3 for a in answers)
    return answers


def open_page(browser, base_url, **context_options):
    return open_tool(browser, base_url + PAGE, "phq9", **context_options)


def answer(page, question, value):
    page.check(f"#q{question}-{value}")


def fill(page, answers):
    for question, value in enumerate(answers, 1):
        answer(page, question, value)


def result_text(page):
    return page.locator("#phq9-result").inner_text()


@pytest.mark.parametrize("score,band", BANDS, ids=[f"score-{s}" for s, _ in BANDS])
def test_every_score_band(browser, base_url, score, band):
    context, page = open_page(browser, base_url)
    answers = answers_for(score)
    fill(page, answers[:-1])
    assert "8 of 9 answered" in result_text(page)
    assert "out of 27" not in result_text(page)
    answer(page, QUESTIONS, answers[-1])
    score_line = page.locator("#phq9-result .phq9-score")
    assert score_line.is_visible()
    text = score_line.inner_text()
    assert f"{score} out of 27" in text
    assert f"in the {band} range" in text
    full = result_text(page)
    assert "not a diagnosis" in full
    assert "What to do next" in full
    # The crisis box depends on question 9 alone, not on the total.
    assert page.locator("#phq9-crisis").is_visible() == (answers[-1] > 0)
    context.close()


def test_answers_can_be_changed_and_the_score_follows(browser, base_url):
    context, page = open_page(browser, base_url)
    assert "0 of 9 answered" in result_text(page)
    fill(page, answers_for(20))
    assert "20 out of 27" in result_text(page)
    answer(page, 1, 0)  # was 3
    assert "17 out of 27" in result_text(page)
    assert "in the moderately severe range" in result_text(page)
    context.close()


def test_question_9_shows_the_crisis_box_at_once_and_above_the_score(browser, base_url):
    context, page = open_page(browser, base_url)
    crisis = page.locator("#phq9-crisis")
    assert not crisis.is_visible()
    answer(page, 9, 1)  # the first and only answer so far
    assert crisis.is_visible()
    assert "1 of 9 answered" in result_text(page)
    assert "out of 27" not in result_text(page)  # shown before any score
    text = crisis.inner_text()
    assert "better off dead" in text and "988" in text and "911" in text
    for href in ("tel:988", "sms:988", "tel:911"):
        assert crisis.locator(f'a[href="{href}"]').count() == 1, href
    assert crisis.locator('a[href$="get-help-now/"]').count() == 1
    assert crisis.get_attribute("role") == "alert"

    fill(page, [0] * 8)
    score = page.locator("#phq9-result .phq9-score")
    assert "1 out of 27" in score.inner_text()
    assert crisis.is_visible()
    assert crisis.bounding_box()["y"] < score.bounding_box()["y"], "the crisis box must come before the score"
    assert "better off dead" in result_text(page)  # the score repeats the pointer to the crisis box

    answer(page, 9, 0)  # a changed answer hides it again; the page's own crisis text stays
    assert not crisis.is_visible()
    context.close()


def test_keyboard_alone_completes_the_questionnaire(browser, base_url):
    context, page = open_page(browser, base_url)
    assert page.evaluate(FOCUS_BEFORE_FORM)
    answers = [0, 1, 2, 3, 0, 1, 2, 3, 0]
    for question, value in enumerate(answers, 1):
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.id") == f"q{question}-0", f"Tab into question {question}"
        if value == 0:
            page.keyboard.press("Space")
        for _ in range(value):
            page.keyboard.press("ArrowDown")
        assert page.evaluate("document.activeElement.id") == f"q{question}-{value}"
        assert page.is_checked(f"#q{question}-{value}")
    assert f"{sum(answers)} out of 27" in page.locator("#phq9-result .phq9-score").inner_text()
    context.close()


def test_answers_stay_on_the_device(browser, base_url):
    context, page = open_page(browser, base_url)
    page.wait_for_load_state("networkidle")
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    before = page.evaluate(SNAPSHOT), context.cookies()
    fill(page, answers_for(14, q9=2))
    fill(page, answers_for(22, q9=1))  # change every answer once more
    page.wait_for_timeout(300)
    after = page.evaluate(SNAPSHOT), context.cookies()
    assert requests == [], f"requests while answering: {requests}"
    assert after == before, "answering changed storage, cookies or the address"
    assert "?" not in page.url and "q1" not in page.url
    context.close()


def test_the_form_cannot_be_submitted(browser, base_url):
    context, page = open_page(browser, base_url)
    form = page.locator("form#phq9")
    assert form.get_attribute("action") is None
    assert form.get_attribute("method") is None
    submitters = "button:not([type=button]), input[type=submit], input[type=image]"
    assert form.locator(submitters).count() == form.locator("button[type=submit][disabled][hidden]").count() == 1, \
        "the only submit button is the disabled one that stops Enter from sending the form"
    assert page.locator("#phq9-print").get_attribute("type") == "button"

    url = page.url
    navigations, requests = [], []
    page.on("framenavigated", lambda frame: navigations.append(frame.url))
    page.on("request", lambda request: requests.append(request.url))
    page.focus("#q1-0")
    page.keyboard.press("Enter")
    answer(page, 2, 3)
    page.focus("#q2-3")
    page.keyboard.press("Enter")
    fill(page, answers_for(12))
    page.focus("#q9-0")
    page.keyboard.press("Enter")
    page.wait_for_timeout(500)
    assert page.url == url
    assert navigations == [] and requests == []
    assert "12 out of 27" in result_text(page)  # the answers are still there
    context.close()


def test_print_button_opens_the_print_dialog(browser, base_url):
    context, page = open_page(browser, base_url,
                              init_script="window.__printed = 0; window.print = () => { window.__printed += 1; };")
    button = page.locator("#phq9-print")
    assert button.is_visible()
    assert button.inner_text().strip() == "Print or save your answers"
    button.click()
    assert page.evaluate("window.__printed") == 1
    context.close()


def test_without_javascript_it_is_a_printable_questionnaire(browser, base_url):
    context, page = open_page(browser, base_url, java_script_enabled=False)
    fieldsets = page.locator("form#phq9 fieldset")
    assert fieldsets.count() == QUESTIONS
    for question in range(1, QUESTIONS + 1):
        fieldset = page.locator(f"form#phq9 fieldset:has(input[name=q{question}])")
        assert fieldset.locator("legend").is_visible()
        assert "Over the last 2 weeks" in fieldset.locator("legend").inner_text()
        for value in range(4):
            assert page.locator(f"#q{question}-{value}").is_visible()
            assert page.locator(f'label[for="q{question}-{value}"]').is_visible()
    assert "better off dead" in page.locator("form#phq9 fieldset").nth(8).inner_text()
    page.check("#q3-2")  # the radio buttons still work
    assert page.is_checked("#q3-2")

    # Scoring instructions, bands and the question 9 advice are ordinary page text.
    assert page.locator("h2#how-to-score-it-yourself").is_visible()
    body = page.locator("article").inner_text()
    for band in ("0 to 4", "5 to 9", "10 to 14", "15 to 19", "20 to 27", "between 0 and 27"):
        assert band in body, band
    question_9 = page.locator(".admonition", has_text="Question 9")
    assert question_9.is_visible()
    assert "988" in question_9.inner_text() and "911" in question_9.inner_text()
    assert question_9.locator('a[href="tel:988"]').is_visible()
    assert question_9.locator('a[href$="get-help-now/"]').is_visible()

    # What needs the script stays out of the way: no dead button, no empty box, no score.
    assert not page.locator("#phq9-print").is_visible()
    assert not page.locator("#phq9-result").is_visible()
    assert not page.locator("#phq9-crisis").is_visible()
    context.close()


def test_print_hides_the_button_and_the_site_navigation(browser, base_url):
    context, page = open_page(browser, base_url)
    fill(page, answers_for(11))
    assert page.locator("#phq9-print").is_visible()
    page.emulate_media(media="print")
    assert not page.locator("#phq9-print").is_visible()
    for selector in (".md-header", ".md-sidebar", ".md-footer"):
        for element in page.locator(selector).all():
            assert not element.is_visible(), f"{selector} shows in print"
    assert page.locator("form#phq9").is_visible()
    assert page.locator("#phq9-result .phq9-score").is_visible()
    breaks = page.eval_on_selector_all("form#phq9 fieldset", "els => els.map(e => getComputedStyle(e).breakInside)")
    assert breaks == ["avoid"] * QUESTIONS
    context.close()
