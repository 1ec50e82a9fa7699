"""A page's prose for the rules that read sentences: paragraphs, list items, table cells and headings (each its own
unit, as the content standard counts them), split into sentences that know which line they are on."""
import re
from dataclasses import dataclass

LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
ADMONITION = re.compile(r"^\s*(?:!!!|\?\?\?\+?)\s*[\w-]+(?:\s+\"([^\"]*)\")?\s*$")
SENTENCE_END = re.compile(r"(?<=[.!?])[\"”)]*\s+(?=[A-Z0-9\"“(\[*])")
ABBREVIATIONS = ("e.g.", "i.e.", "et al.", "Dr.", "vs.", "approx.", "St.", "no.", "No.")


@dataclass
class Unit:
    text: str
    starts: list          # (offset in text, line number) for each source line joined into the text

    def line_at(self, offset: int) -> int:
        line = self.starts[0][1]
        for start, number in self.starts:
            if start <= offset:
                line = number
        return line

    def sentences(self):
        """(offset, sentence) pairs; a sentence ends at . ! or ? followed by a capital, except after e.g. and the like."""
        out, start = [], 0
        for match in SENTENCE_END.finditer(self.text):
            if self.text[:match.start()].endswith(ABBREVIATIONS):
                continue
            out.append((start, self.text[start:match.start()]))
            start = match.end()
        out.append((start, self.text[start:]))
        return [(o, s) for o, s in out if s.strip()]


def units(page) -> list[Unit]:
    out, current = [], None

    def flush():
        nonlocal current
        if current and current.text.strip():
            out.append(current)
        current = None

    def add(number, text, new=False):
        nonlocal current
        if new or current is None:
            flush()
            current = Unit("", [])
        if current.text:
            current.text += " "
        current.starts.append((len(current.text), number))
        current.text += text.strip()

    for number, line in page.body():
        stripped = line.strip()
        if not stripped or re.fullmatch(r"[=-]{3,}|\{:[^}]*\}", stripped):
            flush()
        elif stripped.startswith("|"):
            flush()
            if not re.fullmatch(r"[|:\-\s]+", stripped):
                for cell in stripped.strip("|").split("|"):
                    add(number, cell, new=True)
            flush()
        elif stripped.startswith("#"):
            add(number, stripped.lstrip("#"), new=True)
            flush()
        elif ADMONITION.match(line):
            add(number, ADMONITION.match(line).group(1) or "", new=True)
            flush()
        elif LIST_ITEM.match(line):
            add(number, LIST_ITEM.sub("", line), new=True)
        else:
            add(number, stripped)
    flush()
    return out


def sentences(page):
    """(line, sentence, unit, offset in unit) for every sentence of the page's prose."""
    for unit in units(page):
        for offset, sentence in unit.sentences():
            yield unit.line_at(offset), sentence, unit, offset


def plain(text: str) -> str:
    """Words only: link targets, HTML tags, emphasis and citations taken out."""
    text = re.sub(r"\]\([^)]*\)", "]", text)
    text = re.sub(r"\[@[^\]]*\]", "", text)
    text = re.sub(r"<[^>]+>|[*_`]|\{:[^}]*\}", "", text)
    return text.replace("[", "").replace("]", "")
