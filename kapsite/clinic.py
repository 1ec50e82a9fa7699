"""The clinic's details (from mkdocs.yml `extra.clinic`): rendering and placeholder detection."""
import re
from urllib.parse import quote_plus

# A value is a placeholder while it says so, uses a 555-01xx number (reserved for fiction) or an example domain.
PLACEHOLDER = re.compile(r"placeholder|555-01\d\d|example\.(com|org|net)", re.IGNORECASE)
REQUIRED = ["name", "street", "city_state_zip", "phone", "email", "hours"]
PERSON_FIELDS = ["name", "role", "licence_type", "licence_number", "licence_lookup"]
CALL_US = "call us for the current price"


def is_placeholder(value) -> bool:
    return not value or bool(PLACEHOLDER.search(str(value)))


def missing_for_production(clinic: dict, site_url: str) -> list[str]:
    """Every required value that is still a placeholder, as 'where: what to do' lines."""
    where = "mkdocs.yml, extra > clinic >"
    problems = [f"{where} {key}: replace {clinic.get(key)!r} with the clinic's real {key.replace('_', ' ')}"
                for key in REQUIRED if is_placeholder(clinic.get(key))]
    reviewers = clinic.get("reviewers") or {}
    if not reviewers:
        problems.append(f"{where} reviewers: add at least one licensed clinical reviewer")
    for key, person in reviewers.items():
        for field in PERSON_FIELDS:
            if field != "licence_lookup" and is_placeholder(person.get(field)):
                problems.append(f"{where} reviewers > {key} > {field}: replace {person.get(field)!r}")
    for i, person in enumerate(clinic.get("clinicians") or [], 1):
        for field in PERSON_FIELDS:
            if field != "licence_lookup" and is_placeholder(person.get(field)):
                problems.append(f"{where} clinicians > #{i} > {field}: replace {person.get(field)!r}")
    if is_placeholder(site_url):
        problems.append(f"mkdocs.yml site_url (or the SITE_URL variable in Netlify): set the site's real address, "
                        f"not {site_url!r}")
    return problems


def tel_href(phone: str) -> str:
    digits = re.sub(r"\D", "", phone)
    return "tel:+1" + digits if len(digits) == 10 else "tel:" + digits


def address(clinic: dict) -> str:
    return f"{clinic['street']}, {clinic['city_state_zip']}"


def person_line(person: dict) -> str:
    return (f"**{person['name']}**, {person['role']}. Licence: {person['licence_type']}, "
            f"number {person['licence_number']} ([check this licence]({person['licence_lookup']}))")


def render(clinic: dict, key: str) -> str:
    """Markdown for `{{ clinic.KEY }}`; raises KeyError for an unknown key."""
    phone_link = f"[{clinic['phone']}]({tel_href(clinic['phone'])})"
    if key.startswith("price."):
        prices = clinic.get("prices") or {}
        name = key.split(".", 1)[1]
        if name not in prices:
            raise KeyError(key)
        return str(prices[name]) if prices[name] else f"{CALL_US} ({phone_link})"
    simple = {
        "name": lambda: clinic["name"],
        "phone": lambda: phone_link,
        "email": lambda: f"[{clinic['email']}](mailto:{clinic['email']})",
        "address": lambda: address(clinic),
        "map_link": lambda: ("[See the address on OpenStreetMap](https://www.openstreetmap.org/search?query="
                             f"{quote_plus(address(clinic))})"),
        "hours": lambda: clinic["hours"],
        "after_hours": lambda: clinic["after_hours"],
        "booking": lambda: (f"[book a consultation online]({clinic['booking_url']})" if clinic.get("booking_url")
                            else f"call us on {phone_link} to book a consultation"),
        "booking_link": lambda: (f"[Book a consultation]({clinic['booking_url']})" if clinic.get("booking_url")
                                 else f"[Call {clinic['phone']}]({tel_href(clinic['phone'])})"),
        "clinicians": lambda: "\n".join("- " + person_line(p) for p in clinic.get("clinicians") or []),
    }
    if key not in simple:
        raise KeyError(key)
    return simple[key]()


def known_keys(clinic: dict) -> list[str]:
    return ["name", "phone", "email", "address", "map_link", "hours", "after_hours", "booking", "booking_link",
            "clinicians"] + [
        "price." + k for k in (clinic.get("prices") or {})]
