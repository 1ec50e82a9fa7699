"""The clinic's details (mkdocs.yml `extra.clinic`) and the help lines (`extra.help`): their schema, the one
placeholder rule, and the Markdown each `{{ clinic.KEY }}` / `{{ help.LINE.WAY }}` token becomes."""
import datetime as dt
import re
from urllib.parse import quote_plus

from kapsite import phone as phone_mod

# A value is a placeholder while it says so, uses a 555-01xx number (reserved for fiction) or an example domain.
PLACEHOLDER = re.compile(r"placeholder|555-01\d\d|\b555[\s.-]?01\d\d\b|example\.(com|org|net)|\.invalid\b", re.I)
PLACEHOLDER_BOX = re.compile(r"\[Placeholder:[^\]]*\]?", re.I)
DRAFT_WORDS = re.compile(r"\blorem ipsum\b|\(placeholder\)|\bTODO\b|\bTBD\b|\bXXX+\b|\bFIXME\b")
CALL_US = "call us for the current price"
NOT_OFFERED = "not offered"

# The schema: key -> (kind, required in production, what to write). Other issues add their fields here.
FIELDS = {
    "name": ("text", True, "the clinic's name as patients know it"),
    "street": ("text", True, "the street address, with the suite number"),
    "city": ("text", True, "the city, e.g. Carlsbad"),
    "state": ("state", True, "the two-letter state code, e.g. CA"),
    "zip": ("zip", True, "the five-digit ZIP code"),
    "phone": ("phone", True, "the clinic's phone number, e.g. (760) 434-2100"),
    "email": ("email", True, "the clinic's email address"),
    "hours": ("text", True, "the opening hours, e.g. Monday to Friday, 9 am to 5 pm"),
    "after_hours": ("text", True, "what a patient does after hours, especially after a session"),
    "after_hours_phone": ("phone", True, "the number a patient calls after hours"),
    "booking_url": ("url", False, "the address of the clinic's own booking page, or \"\" to say 'call us'"),
    "prices": ("prices", False, "each price as the clinic states it, or \"\" to say 'call us'"),
    "clinicians": ("people", True, "each clinician who treats patients, with their licence"),
    "reviewers": ("reviewers", True, "each licensed clinician who reviews pages, by key (reviewer-1: ...)"),
    "authors": ("authors", True, "each person who writes or substantially edits the pages, by key (author-1: ...)"),
    "disclosure": ("text", True, "one short paragraph in the clinic's words: who runs this site, that the clinic is "
                                 "paid for the treatments it describes, any funding or advertising, and the authors' "
                                 "and reviewers' conflicts of interest"),
    "treatments": ("offers", True, "for each form of ketamine, \"offered\" or \"not offered\""),
    "typical_course": ("text", True, "a typical course with the clinic: how many sessions, how far apart"),
    "launch_date": ("date", True, "the day the site first goes live, as YYYY-MM-DD (pages are not 'first published' "
                                  "before it)"),
}
PERSON = {
    "name": ("text", True, "the person's full name"),
    "role": ("text", True, "their role, e.g. Psychiatrist"),
    "licence_type": ("text", True, "the licence type, e.g. Physician and Surgeon"),
    "licence_number": ("text", True, "the licence number"),
    "licence_lookup": ("url", True, "the state licence lookup page (https://search.dca.ca.gov/)"),
}
AUTHOR = {
    "name": ("text", True, "the person's full name"),
    "role": ("text", True, "their role, e.g. Psychiatric nurse practitioner"),
    "credentials": ("text", True, "their qualifications, e.g. PMHNP-BC, MSN"),
    "conflicts": ("text", True, "their conflicts of interest, or 'None'"),
}
# The forms of ketamine a reader asks about, in the order the site lists them (issue: readers looked for them).
TREATMENTS = {
    "iv_infusion": "Ketamine by a slow drip into a vein (IV infusion), in the clinic",
    "injection": "Ketamine by an injection into a muscle, in the clinic",
    "esketamine": "Esketamine nasal spray (Spravato), in the clinic",
    "take_home": "Ketamine tablets, lozenges or sprays to use at home",
}
OFFERED, NOT_OFFERED = "offered", "not offered"
EMAIL = re.compile(r"[^@\s<>\"]+@[^@\s<>\"]+\.[A-Za-z]{2,}")


def is_placeholder(value) -> bool:
    return value is None or str(value).strip() == "" or bool(PLACEHOLDER.search(str(value)))


def kind_problem(kind, value) -> str | None:
    """What is wrong with a value of this kind (None if nothing); placeholders are judged separately."""
    text = "" if value is None else str(value).strip()
    if not text or PLACEHOLDER.search(text) and kind in ("text", "state", "zip", "date", "offer"):
        return None
    if kind == "phone":
        try:
            phone_mod.parse(text)
        except phone_mod.PhoneError as error:
            return str(error)
    elif kind == "email" and not EMAIL.fullmatch(text):
        return f"{text!r} is not an email address"
    elif kind == "url" and not re.fullmatch(r"https://[^\s<>\"']+", text):
        return f"{text!r} is not a secure web address (it must start with https://)"
    elif kind == "state" and not re.fullmatch(r"[A-Z]{2}", text):
        return f"{text!r} is not a two-letter state code"
    elif kind == "zip" and not re.fullmatch(r"\d{5}(-\d{4})?", text):
        return f"{text!r} is not a ZIP code"
    elif kind == "offer" and text not in (OFFERED, NOT_OFFERED):
        return f"{text!r} is neither \"{OFFERED}\" nor \"{NOT_OFFERED}\""
    elif kind == "date" and not isinstance(value, dt.date):
        return f"{text!r} is not a date written as YYYY-MM-DD"
    elif kind == "text" and re.search(r"[<>]|\{\{|\{%", text):
        return f"{text!r} contains markup (< > or {{ }}); clinic details are plain words"
    return None


def entries(clinic: dict):
    """(path of keys, kind, required, what) for every value the schema expects, people included."""
    for key, (kind, required, what) in FIELDS.items():
        if kind == "people":
            people = clinic.get(key) if isinstance(clinic.get(key), list) else []
            for index, person in enumerate(people):
                for field, (k, r, w) in PERSON.items():
                    yield (key, index, field), k, r, w
        elif kind in ("reviewers", "authors"):
            people = clinic.get(key) if isinstance(clinic.get(key), dict) else {}
            for name, person in people.items():
                for field, (k, r, w) in (PERSON if kind == "reviewers" else AUTHOR).items():
                    yield (key, name, field), k, r, w
        elif kind == "offers":
            for name in TREATMENTS:
                yield (key, name), "offer", True, f"\"{OFFERED}\" or \"{NOT_OFFERED}\" for: {TREATMENTS[name]}"
        elif kind == "prices":
            for name in (clinic.get(key) or {}) if isinstance(clinic.get(key), dict) else {}:
                yield (key, name), "text", False, what
        else:
            yield (key,), kind, required, what


def value_at(clinic: dict, path):
    value = clinic
    for part in path:
        if isinstance(value, dict):
            value = value.get(part)
        elif isinstance(value, list) and isinstance(part, int) and part < len(value):
            value = value[part]
        else:
            return None
    return value


def dotted(path) -> str:
    return " > ".join(f"#{p + 1}" if isinstance(p, int) else str(p) for p in path)


def address(clinic: dict) -> str:
    return f"{clinic.get('street')}, {clinic.get('city')}, {clinic.get('state')} {clinic.get('zip')}"


def person_line(person: dict) -> str:
    return (f"**{person['name']}**, {person['role']}. Licence: {person['licence_type']}, "
            f"number {person['licence_number']} ([check this licence]({person['licence_lookup']}))")


def phone_link(value) -> str:
    number = phone_mod.parse(value)
    return f"[{number.display}]({number.tel})"


def render(clinic: dict, key: str) -> str:
    """Markdown for `{{ clinic.KEY }}`; raises KeyError for an unknown key."""
    if key.startswith("price."):
        prices = clinic.get("prices") or {}
        name = key.split(".", 1)[1]
        if name not in prices:
            raise KeyError(key)
        return str(prices[name]) if prices[name] else f"{CALL_US} ({phone_link(clinic['phone'])})"
    booking = clinic.get("booking_url")
    simple = {
        "name": lambda: clinic["name"],
        "phone": lambda: phone_link(clinic["phone"]),
        "after_hours_phone": lambda: phone_link(clinic["after_hours_phone"]),
        "email": lambda: f"[{clinic['email']}](mailto:{clinic['email']})",
        "address": lambda: address(clinic),
        "map_link": lambda: ("[See the address on OpenStreetMap](https://www.openstreetmap.org/search?query="
                             f"{quote_plus(address(clinic))})"),
        "hours": lambda: clinic["hours"],
        "after_hours": lambda: clinic["after_hours"],
        "booking": lambda: (f"[book a consultation online]({booking})" if booking
                            else f"call us on {phone_link(clinic['phone'])} to book a consultation"),
        "booking_link": lambda: (f"[Book a consultation]({booking})" if booking
                                 else f"[Call {phone_mod.parse(clinic['phone']).display}]"
                                      f"({phone_mod.parse(clinic['phone']).tel})"),
        "clinicians": lambda: "\n".join("- " + person_line(p) for p in clinic.get("clinicians") or []),
        "treatments": lambda: treatments_list(clinic.get("treatments") or {}),
        "typical_course": lambda: clinic["typical_course"],
    }
    if key not in simple:
        raise KeyError(key)
    return simple[key]()


def treatments_list(offers: dict) -> str:
    """A Markdown list of the forms of ketamine and whether the clinic offers each; any form taken at home carries
    the FDA's 2023 warning beside it."""
    lines = []
    for name, form in TREATMENTS.items():
        value = str(offers.get(name) or "")
        status = value if value in (OFFERED, NOT_OFFERED) else "to be confirmed by the clinic (placeholder)"
        line = f"- {form}: **{status}**."
        if name == "take_home" and value == OFFERED:
            line += (" In 2023 the FDA warned about the risks of compounded ketamine, including forms taken by mouth, "
                     "for mental health conditions, and of using it at home without monitoring [@fda2023].")
        lines.append(line)
    return "\n".join(lines)


def known_keys(clinic: dict) -> list[str]:
    return ["name", "phone", "after_hours_phone", "email", "address", "map_link", "hours", "after_hours", "booking",
            "booking_link", "clinicians", "treatments", "typical_course"] + ["price." + k for k in (clinic.get("prices") or {})]


# Help lines (extra.help): `{{ help.LINE.call }}`, `.text` and `.chat` become links that dial exactly the number
# defined once in mkdocs.yml.
HELP_WAYS = ("call", "text", "chat")


def render_help(lines: dict, key: str) -> str:
    """Markdown for `{{ help.LINE.WAY }}`; raises KeyError for an unknown line or way."""
    name, _, way = key.partition(".")
    line = lines.get(name)
    if not isinstance(line, dict) or way not in HELP_WAYS or not line.get(way):
        raise KeyError(key)
    if way == "chat":
        url = str(line["chat"])
        shown = re.sub(r"^https://(www\.)?|/$", "", url)
        return f"[{shown}]({url})"
    number = phone_mod.parse(line[way], short_ok=True)
    return f"[{number.display}]({number.tel if way == 'call' else number.sms})"


def help_keys(lines: dict) -> list[str]:
    return [f"{name}.{way}" for name, line in lines.items() if isinstance(line, dict) for way in HELP_WAYS
            if line.get(way)]
