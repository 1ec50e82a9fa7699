"""Phone numbers: the one place that reads a typed number and writes its displayed form and its tel: link.

Accepts what people type: "(760) 434-2100", "760.434.2100", "+1 760 434 2100", "1-760-434-2100",
"760-434-2100 ext. 2" (or "x2", "extension 2"), and the short numbers of services ("911", "988", "741741").
"""
import re
from dataclasses import dataclass

EXTENSION = re.compile(r"\s*(?:,|;)?\s*(?:ext\.?|extension|x|#)\s*(\d{1,6})\s*$", re.I)
TYPED = re.compile(r"^\s*(\+?1[\s.-]?)?\(?\d{3}\)?[\s.-]?\d{3}[\s.-]?\d{4}\s*$")
SHORT = re.compile(r"^\s*\d{3,6}\s*$")
# A phone number written in running text (10 digits, optionally with +1 and an extension).
TOLL_FREE = ("800", "833", "844", "855", "866", "877", "888")
IN_TEXT = re.compile(r"(?<![\w/.=-])(?:\+?1[\s.-]?)?\(?[2-9]\d{2}\)?[\s.-]?[2-9]\d{2}[\s.-]?\d{4}"
                     r"(?:\s*(?:,\s*)?(?:ext\.?|extension|x)\s*\d{1,6})?(?![\w-])", re.I)


class PhoneError(ValueError):
    pass


@dataclass(frozen=True)
class Phone:
    number: str          # ten digits (US), or a short service number such as "988"
    extension: str = ""

    @property
    def display(self) -> str:
        if len(self.number) != 10:
            return self.number
        if self.number[:3] in TOLL_FREE:  # written as the services themselves write them: 1-888-724-7240
            text = f"1-{self.number[:3]}-{self.number[3:6]}-{self.number[6:]}"
        else:
            text = f"({self.number[:3]}) {self.number[3:6]}-{self.number[6:]}"
        return text + (f", extension {self.extension}" if self.extension else "")

    @property
    def tel(self) -> str:
        """The tel: address; an extension is dialled after a pause (the comma), which phones understand."""
        base = "tel:" + ("+1" + self.number if len(self.number) == 10 else self.number)
        return base + ("," + self.extension if self.extension else "")

    @property
    def sms(self) -> str:
        return "sms:" + ("+1" + self.number if len(self.number) == 10 else self.number)


def parse(text, short_ok=False) -> Phone:
    """The number in `text`, or PhoneError saying what is wrong with it."""
    text = str(text or "").strip()
    extension = ""
    found = EXTENSION.search(text)
    if found:
        extension, text = found.group(1), text[:found.start()]
    if short_ok and SHORT.match(text) and not extension:
        return Phone(text.strip())
    if not TYPED.match(text):
        digits = re.sub(r"\D", "", text)
        if re.search(r"[A-Za-z]", text):
            raise PhoneError(f"{text!r} has letters in it; write the number in digits")
        raise PhoneError(f"{text!r} has {len(digits)} digits; a US phone number has 10 (area code and number)")
    digits = re.sub(r"\D", "", text)
    digits = digits[1:] if len(digits) == 11 else digits
    if digits[0] in "01" or digits[3] in "01":
        raise PhoneError(f"{text!r} is not a valid US number (the area code and the next three digits "
                         "cannot start with 0 or 1)")
    return Phone(digits, extension)


def from_href(href: str) -> Phone | None:
    """The number a tel: or sms: link dials, or None if it is not such a link or not a number we can read."""
    scheme, _, rest = href.partition(":")
    if scheme.lower() not in ("tel", "sms") or not rest:
        return None
    number, _, extension = rest.split("?")[0].partition(",")
    digits = re.sub(r"\D", "", number)
    if len(digits) == 11 and digits.startswith("1"):
        digits = digits[1:]
    if not digits:
        return None
    return Phone(digits, re.sub(r"\D", "", extension))


def in_text(text: str) -> Phone | None:
    """The phone number written in a piece of text (a link's words), if there is one."""
    found = IN_TEXT.search(text)
    if found:
        try:
            return parse(found.group(0))
        except PhoneError:
            return None
    short = re.findall(r"(?<![\w.-])\d{3,6}(?![\w.-])", text)
    return Phone(short[0]) if len(short) == 1 else None
