"""Issue 10: one content test per correction C1-C14 of the fact sheet (../shared/facts/medical-facts.md, section 0)
that a test can hold, plus the "More help and information" sections. Each reads the Markdown sources only, so
it runs without a build: PYTHONPATH=. .venv/bin/python -m pytest tests/test_corrections.py -q
"""
import re
from pathlib import Path

import pytest
import yaml


ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
PAGES = {p.relative_to(DOCS).as_posix(): p.read_text(encoding="utf-8") for p in sorted(DOCS.rglob("*.md"))}


def front_matter(text):
    match = re.match(r"\A---\n(.*?)\n---\n", text, re.S)
    return (yaml.safe_load(match.group(1)) or {}) if match else {}


META = {page: front_matter(text) for page, text in PAGES.items()}
CLINICAL = [p for p, m in META.items() if m.get("page_type") == "clinical"]
PATIENT = [p for p, m in META.items() if m.get("page_type") in ("clinical", "patient")]
REFS = {e["key"]: e for e in yaml.safe_load((ROOT / "references.yml").read_text(encoding="utf-8"))}


def body(page):
    return re.sub(r"\A---\n.*?\n---\n", "", PAGES[page], flags=re.S)


def paragraphs(page):
    """Blocks separated by blank lines, each with its lines joined (a list item keeps its continuation lines)."""
    return [" ".join(block.split()) for block in re.split(r"\n\s*\n", body(page)) if block.strip()]


def sentences(page):
    items = []
    for block in paragraphs(page):
        for item in re.split(r"\s(?=[-*] )|\s(?=\d+\. )|\|", block):
            items += [s for s in re.split(r"(?<=[.!?])\s+(?=[A-Z*\[(\"])", item) if s.strip()]
    return items


def cites(text, key):
    return re.search(r"@" + re.escape(key) + r"\b", text) is not None


# C1: the PTSD guideline's stance on ketamine sits on every page that offers ketamine for PTSD.
GUIDELINE_ON_KETAMINE = re.compile(r"guideline[^.]*\bdoes not recommend ketamine\b[^.]*PTSD", re.I)


@pytest.mark.parametrize("page", ["conditions/ptsd.md", "treatment/options-compared.md", "faq.md"])
def test_c1_ptsd_guideline_stance_on_ketamine_is_stated(page):
    found = [s for s in sentences(page) if GUIDELINE_ON_KETAMINE.search(s) and cites(s, "schnurr2024")]
    assert found, f"{page}: say that the 2023 VA/DoD guideline does not recommend ketamine for PTSD [@schnurr2024]"


def test_c1_review_note_asks_for_the_exact_wording():
    notes = " ".join(META["conditions/ptsd.md"].get("review_notes") or [])
    assert "C1" in notes, "conditions/ptsd.md: a review_notes entry must ask the reviewer to confirm the C1 wording"


# C2: the bladder figures are about recreational users, never "ketamine users".
@pytest.mark.parametrize("page", list(PAGES))
def test_c2_ketamine_users_are_called_recreational(page):
    text = " ".join(body(page).split()).lower()
    bad = [m.start() for m in re.finditer(r"ketamine users", text) if "recreational" not in text[max(0, m.start() - 60):m.end()]]
    assert not bad, f"{page}: write 'recreational (ketamine) users', not 'ketamine users'"


def test_c2_bladder_figure_cites_its_source():
    found = [s for s in sentences("treatment/safety.md") if "recreational" in s.lower() and cites(s, "winstock2012")]
    assert found, "treatment/safety.md: the urinary-symptom figure comes from Winstock 2012 (recreational users)"


# C3: Murrough 2013 is quoted from its paper, and the 18 days from the paper that measured it.
@pytest.mark.parametrize("page", PATIENT)
def test_c3_no_conference_abstract_figures(page):
    assert "16.5" not in body(page), f"{page}: 16.5 vs 8.8 points came from a conference abstract; use 64 in 100 vs 28 in 100"


@pytest.mark.parametrize("page", PATIENT)
def test_c3_eighteen_days_cites_murrough(page):
    bad = [s for s in sentences(page) if re.search(r"\b18 days\b", s) and not cites(s, "murrough2013b")]
    assert not bad, f"{page}: the 18-day median comes from Murrough 2013 (Biol Psychiatry): cite [@murrough2013b]: {bad}"


def test_c3_murrough_response_in_natural_frequencies():
    text = " ".join(body("conditions/treatment-resistant-depression.md").split())
    assert re.search(r"64 in 100[^.]*28 in 100", text), "state Murrough 2013 as 64 in 100 vs 28 in 100 at 24 hours"


# C4: the REMS is Spravato's; it is never cited for ketamine in general.
@pytest.mark.parametrize("page", PATIENT)
def test_c4_rems_is_cited_only_for_spravato(page):
    bad = [s for s in sentences(page) if cites(s, "fda2024a") and not re.search(r"spravato|esketamine|REMS|program", s, re.I)]
    assert not bad, f"{page}: the REMS covers Spravato only: {bad}"


def test_c4_spravato_serious_risks_include_slowed_breathing():
    text = " ".join(body("treatment/safety.md").split())
    section = text.split("## The Spravato safety program")[1].split("## ")[0]
    assert re.search(r"slow(ed)? breathing|respiratory depression", section, re.I)


# C5: ELEKT-D's 41 in 100 for ECT never appears without its limits.
@pytest.mark.parametrize("page", PATIENT)
def test_c5_ect_figure_carries_its_limits(page):
    for block in paragraphs(page):
        if re.search(r"\b41 in 100\b|\b41%", block) and "ECT" in block:
            missing = [name for name, pattern in [("3 weeks", r"3 weeks|three weeks"), ("open label", r"knew which"),
                                                  ("self-report", r"themselves|own rating|self-report"),
                                                  ("fewer started ECT", r"170")] if not re.search(pattern, block)]
            assert not missing, f"{page}: the ECT 41 in 100 needs its limits in the same paragraph: {missing}"


def test_c5_ect_evidence_review_is_cited():
    assert cites(body("treatment/options-compared.md"), "ukect2003")


# C6: "Is ketamine addictive?" is answered with a plain yes.
def test_c6_addiction_answer_is_yes():
    answer = body("faq.md").split("## Is ketamine addictive?")[1].strip()
    assert answer.startswith("Yes"), "faq.md: answer 'Is ketamine addictive?' with a plain yes"


# C7: Wilkinson 2021 missed its main outcome: it is never the source for "may help the benefit last".
@pytest.mark.parametrize("page", PATIENT)
def test_c7_wilkinson2021_not_cited_for_a_benefit(page):
    bad = [s for s in sentences(page) if cites(s, "wilkinson2021") and re.search(r"suggest|may help", s, re.I)]
    assert not bad, f"{page}: cite Wilkinson 2017 for the early signal, not the 2021 trial: {bad}"


# C8: 988 is routed by where the phone is (FCC, 2024), not by its area code.
def test_c8_988_routing_is_by_location():
    text = " ".join(body("get-help-now.md").split())
    assert "San Diego County phone number" not in text
    assert re.search(r"where the phone is[^.]*\[@fcc2024\]", text)


# C9: esketamine's 2020 approval is never shortened to "for people with thoughts of suicide".
@pytest.mark.parametrize("page", PATIENT)
def test_c9_esketamine_2020_approval_in_full(page):
    bad = [s for s in sentences(page) if re.search(r"approv", s, re.I) and re.search(r"suicid", s, re.I)
           and not re.search(r"not been shown|not approved", s, re.I)
           and not (re.search(r"\bacute\b", s) and re.search(r"antidepressant", s, re.I))]
    assert not bad, f"{page}: give the 2020 approval in full (acute suicidal thoughts or actions, with an antidepressant): {bad}"


# C10: no odds ratios or "times more likely" on patient pages.
@pytest.mark.parametrize("page", PATIENT)
def test_c10_no_odds_ratios(page):
    found = re.findall(r"odds ratio|\bodds of\b|times (?:more|higher|as) likely|\d+ times (?:higher|more)", body(page), re.I)
    assert not found, f"{page}: give natural frequencies ('about 64 in 100 compared with 28 in 100'): {found}"


# C11: the masked surgery trial is described with who was in it.
@pytest.mark.parametrize("page", PATIENT)
def test_c11_lii_trial_says_surgery(page):
    bad = [b for b in paragraphs(page) if cites(b, "lii2023") and not re.search(r"surg", b, re.I)]
    assert not bad, f"{page}: say the masked trial was in people having surgery: {bad}"


# C12: omissions a psychiatrist would flag are on the safety page.
@pytest.mark.parametrize("needle", [r"mania|bipolar", r"benzodiazepine", r"lamotrigine", r"mail|post", r"safety plan"])
def test_c12_safety_page_covers(needle):
    assert re.search(needle, body("treatment/safety.md"), re.I), f"treatment/safety.md lacks {needle}"


# C13: reference fixes.
def test_c13_reference_fixes():
    assert str(REFS["wilkinson2021"]["pages"]).startswith("318")
    assert (REFS["murrough2013"].get("volume"), REFS["murrough2013"].get("pages")) == ("170(10)", "1134-1142")
    assert REFS["janssen2019"]["year"] == 2019 and "2019" in REFS["janssen2019"]["title"]
    assert "murrough2013b" in REFS and REFS["murrough2013b"]["journal"] == "Biol Psychiatry"


# C14: the alternatives carry their evidence.
@pytest.mark.parametrize("key", ["rush2006", "wiles2013", "ukect2003"])
def test_c14_alternatives_have_sources(key):
    assert cites(body("treatment/options-compared.md"), key)


# Item 4: "More help and information" with at least three outside https links, no embeds.
@pytest.mark.parametrize("page", CLINICAL)
def test_more_help_section(page):
    text = body(page)
    match = re.search(r"^## More help and information\n(.*?)(?=^## |\Z)", text, re.S | re.M)
    assert match, f"{page}: add a '## More help and information' section"
    links = re.findall(r"\]\((https://[^)\s]+)\)", match.group(1))
    assert len(set(links)) >= 3, f"{page}: link at least three outside sources: {links}"
    assert not re.search(r"<iframe|<embed|<object|<script", match.group(1), re.I)


# Item 5: every medical term is defined where it first appears on a clinical page (the paragraph or list item that
# first uses it also says what it means).
TERMS = {  # term as written -> words that explain it
    r"off-label": r"has not approved|not approved for|means|a use the FDA",
    r"\bplacebo": r"dummy|fake|no medicine|no active|inactive|salt water|sham",
    r"active placebo": r"effects you can feel|with effects|feel its effects",
    r"midazolam": r"calming|sedative|a medicine (that|used)|sleepy",
    r"\bremission\b": r"few or no symptoms|gone away|went away|nearly so|means|fully well|no longer",
    r"\brelapse": r"came back|comes back|come back|coming back|returns?\b|means|back again",
    r"dissociat": r"dreamlike|cut off|detached|unreal|means|dissociation\)",
    r"\bREMS\b": r"Risk Evaluation|safety program",
    r"trauma-focused": r"memory of the trauma|on the trauma|works directly|what (it|the trauma) means",
}


@pytest.mark.parametrize("page", CLINICAL)
def test_terms_are_defined_at_first_use(page):
    undefined = []
    for term, explained in TERMS.items():
        first = next((b for b in paragraphs(page) if re.search(term, b, re.I) and not b.startswith("#")), None)
        if first is not None and not re.search(explained, first, re.I):
            undefined.append(f"{term}: {first[:140]}")
    assert not undefined, f"{page}: define each term where it first appears:\n" + "\n".join(undefined)


# Issue 10, item 2: every option weighed the same way. On the TRD, PTSD and options pages each option has a `###`
# block in one section, with the same bold fields in the same order, and the page says that numbers from different
# trials cannot be compared directly.
OPTION_FIELDS = ["How it works", "What the research found", "How long it lasts",
                 "Main risks, and who should not have it", "Daily life", "Cost and insurance", "Who it may suit",
                 "Approval", "What guidelines say"]
OPTION_PAGES = {  # page: (the section that holds the option blocks, the options it must weigh, by heading words)
    "conditions/treatment-resistant-depression.md": (
        "## Other options after two treatments have not helped",
        [r"medicine", r"talk", r"\bTMS\b", r"\bECT\b", r"esketamine", r"^(?:IV )?ketamine\b", r"\bKAP\b",
         r"no new treatment"]),
    "treatment/options-compared.md": (
        "## How each option works and what the research shows",
        [r"medicine", r"talk", r"\bTMS\b", r"\bECT\b", r"esketamine", r"^(?:IV )?ketamine\b", r"\bKAP\b",
         r"no new treatment"]),
    "conditions/ptsd.md": (
        "## Your treatment options, one by one",
        [r"trauma-focused", r"sertraline.*paroxetine.*venlafaxine", r"^ketamine\b", r"no new treatment"]),
}
NATURAL_FREQUENCY = r"\b\d+ (?:in|of) \d+\b"
NO_GOOD_NUMBERS = r"no (?:fair|good|checked) numbers|no trial (?:has )?(?:compared|measured)"


def section(page, heading):
    text = body(page)
    match = re.search(r"^" + re.escape(heading) + r"\n(.*?)(?=^## |\Z)", text, re.S | re.M)
    return match.group(1) if match else None


def option_blocks(page):
    heading, _ = OPTION_PAGES[page]
    text = section(page, heading)
    assert text is not None, f"{page}: the option blocks belong in a '{heading}' section"
    return [(b.split("\n", 1)[0].strip(), b) for b in re.split(r"^### ", text, flags=re.M)[1:]]


@pytest.mark.parametrize("page", list(OPTION_PAGES))
def test_item2_every_option_block_has_the_same_fields(page):
    blocks = option_blocks(page)
    _, wanted = OPTION_PAGES[page]
    titles = [title for title, _ in blocks]
    missing = [w for w in wanted if not any(re.search(w, t, re.I) for t in titles)]
    assert not missing, f"{page}: no option block for {missing} (blocks: {titles})"
    for title, block in blocks:
        fields = re.findall(r"^- \*\*(.+?):\*\*\s*\S", block, re.M)
        assert fields == OPTION_FIELDS, f"{page}: '{title}' must give the fields {OPTION_FIELDS} in order, not {fields}"


@pytest.mark.parametrize("page", list(OPTION_PAGES))
def test_item2_each_option_gives_numbers_or_says_there_are_none(page):
    for title, block in option_blocks(page):
        found = re.search(r"^- \*\*What the research found:\*\*(.*)$", block, re.M)
        assert found, f"{page}: '{title}' has no 'What the research found' field"
        text = found.group(1)
        numbers = [s for s in re.split(r"(?<=[.!?])\s+", text) if re.search(NATURAL_FREQUENCY, s)]
        cited = re.search(r"\[@[\w-]+", text)
        assert (numbers and cited) or re.search(NO_GOOD_NUMBERS, text, re.I), \
            f"{page}: '{title}' gives no cited natural frequency and does not say plainly that good numbers are missing"


@pytest.mark.parametrize("page", list(OPTION_PAGES))
def test_item2_numbers_from_different_trials_are_not_comparable(page):
    found = [p for p in paragraphs(page) if re.search(r"cannot be compared directly", p, re.I)
             and re.search(r"head-to-head", p, re.I)]
    assert found, f"{page}: say that numbers from different trials cannot be compared directly, and that only " \
                  f"head-to-head trials compare options"


# Issue 10, item 3: what the condition tends to do without new treatment (with cited numbers), and what each
# choice means for work, family, driving and time.
@pytest.mark.parametrize("page", list(OPTION_PAGES))
def test_item3_without_treatment_section_has_sources_and_daily_life(page):
    text = body(page)
    match = re.search(r"^## ([^\n]*without treatment[^\n]*)\n(.*?)(?=^## |\Z)", text, re.S | re.M | re.I)
    assert match, f"{page}: add a '## Without treatment' section"
    prose = " ".join(match.group(2).split())
    cited = [s for s in re.split(r"(?<=[.!?])\s+", prose) if re.search(NATURAL_FREQUENCY, s)]
    assert cited and re.search(r"\[@[\w-]+", prose), \
        f"{page}: say, with numbers and their source, what tends to happen over time without new treatment"
    missing = [w for w in (r"\bwork", r"famil", r"driv", r"\btime\b|hours|weeks") if not re.search(w, prose, re.I)]
    assert not missing, f"{page}: the section should say what the choices mean for work, family, driving and time"
