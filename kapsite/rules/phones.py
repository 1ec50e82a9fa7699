"""Rules on phone numbers and help lines: every number a visitor can tap comes from mkdocs.yml and dials exactly
what it shows."""
import re
from urllib.parse import urljoin

from kapsite import phone as phone_mod
from kapsite.prose import plain, sentences
from kapsite.rules import rule

TYPED_LINK = re.compile(r"\]\(\s*<?((?:tel|sms):[^)\s>]*)|href\s*=\s*[\"']?\s*((?:tel|sms):[^\"'\s>]*)", re.I)
SHORT_NEAR_VERB = re.compile(r"\b(?:call|text|dial|phone|ring)\w*\s+(?:[A-Za-z\"“”]+\s+){0,3}?(\d{3,6})\b", re.I)


def known_numbers(project) -> dict:
    """(scheme, number) -> the token that writes it, for the clinic's phones and every help line."""
    numbers = {}
    for key in ("phone", "after_hours_phone"):
        try:
            numbers[("tel", phone_mod.parse(project.clinic.get(key)).number)] = "{{ clinic." + key + " }}"
        except phone_mod.PhoneError:
            pass
    for name, line in project.help.items():
        for way, scheme in (("call", "tel"), ("text", "sms")):
            if isinstance(line, dict) and line.get(way):
                try:
                    number = phone_mod.parse(line[way], short_ok=True).number
                except phone_mod.PhoneError:
                    continue
                numbers.setdefault((scheme, number), "{{ help." + name + "." + way + " }}")
    return numbers


@rule("phone-typed", "page", "write the token instead, so the number comes from mkdocs.yml and stays right", needs=('config',))
def phone_typed(page, project):
    """Phone links and the clinic's own phone numbers and email are never typed into a page: they come from
    mkdocs.yml through tokens ({{ clinic.phone }}, {{ help.lifeline.call }}...)."""
    numbers = known_numbers(project)
    clinic_numbers = {n: t for (_, n), t in numbers.items() if t.startswith("{{ clinic.")}
    email = str(project.clinic.get("email") or "").strip().lower()
    for number, line in page.body():
        for match in TYPED_LINK.finditer(line):
            href = match.group(1) or match.group(2)
            dialled = phone_mod.from_href(href)
            token = numbers.get((href.split(":")[0].lower(), dialled.number)) if dialled else None
            yield number, f"the phone link '{href}' is typed into the page", \
                f"write {token}" if token else "add the number to mkdocs.yml (extra > help, or the clinic's details) " \
                                               "and write its token"
        for match in phone_mod.IN_TEXT.finditer(line):
            try:
                typed = phone_mod.parse(match.group(0))
            except phone_mod.PhoneError:
                continue
            if typed.number in clinic_numbers:
                yield number, f"the clinic's number {match.group(0)!r} is typed into the page", \
                    f"write {clinic_numbers[typed.number]}"
        if email and email in line.lower() and "{{" not in line.lower().split(email)[0][-3:]:
            yield number, f"the clinic's email address {email!r} is typed into the page", "write {{ clinic.email }}"


@rule("help-line-number", "page", "use the help line's token ({{ help.LINE.call }} or .text), which has its one "
                                  "correct number", needs=('config',))
def help_line_number(page, project):
    """A sentence that names a help line gives none of another number: 'Veterans Crisis Line: 1-800-273-8255' fails."""
    for line_number, sentence, _, _ in sentences(page):
        text = plain(sentence)
        for name, line in project.help.items():
            if not isinstance(line, dict) or not any(n.lower() in text.lower() for n in line.get("names") or []):
                continue
            allowed = set()
            for way in ("call", "text"):
                try:
                    allowed.add(phone_mod.parse(line[way], short_ok=True).number) if line.get(way) else None
                except phone_mod.PhoneError:
                    pass
            written = [m.group(0) for m in phone_mod.IN_TEXT.finditer(text)]
            written += [m.group(1) for m in SHORT_NEAR_VERB.finditer(text)]
            for typed in written:
                try:
                    number = phone_mod.parse(typed, short_ok=True).number
                except phone_mod.PhoneError:
                    continue
                if number not in allowed:
                    yield line_number, f"the sentence names the {line['names'][0]} but gives the number {typed!r}, " \
                                       f"which is not one of its numbers ({', '.join(sorted(allowed))})"


@rule("tel-link", "html", "make the link's words show the number it dials, and take both from mkdocs.yml", needs=('config',))
def tel_link(built, project):
    """Every tel: and sms: link dials a number defined in mkdocs.yml, and the number its words show is the one it
    dials (a '988' link that dials 998 fails)."""
    numbers = known_numbers(project)
    for element in built.find("a"):
        href = element.attrs.get("href", "")
        dialled = phone_mod.from_href(href)
        if dialled is None:
            continue
        shown = phone_mod.in_text(element.text)
        where = project.locate(href, built.source)
        if (href.split(":")[0].lower(), dialled.number) not in numbers:
            yield *where, f"the link '{element.text.strip()}' dials {href}, a number not defined in mkdocs.yml"
        elif shown and (shown.number, shown.extension) != (dialled.number, dialled.extension):
            yield *where, f"the link shows {element.text.strip()!r} but dials {href}"


@rule("help-link", "html", "keep the header partial (overrides/partials/header.html) and its 'Get help now' link; "
                           "do not hide the header on a page")
def help_link(built, project):
    """Every page has the header's 'Get help now' link to the crisis page: help is one tap away everywhere."""
    page_url = "http://site/" + built.relative
    links = [e for e in built.find("a") if "kap-help-link" in e.attrs.get("class", "").split()]
    if not any(urljoin(page_url, e.attrs.get("href", "")) == "http://site/get-help-now/"
               and e.text.strip() == "Get help now" for e in links):
        yield built.source, None, "the page has no 'Get help now' link in its header"
