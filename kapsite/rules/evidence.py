"""Rule on evidence: on a page that needs clinical review, every statistic carries its citation.

A statistic is a percentage, a natural frequency ("23 in 100", "10 of 15", "1 in 3"), a ratio (odds, hazard, risk),
an effect size, a p-value or a confidence interval. Counts, durations, schedules, ages, doses and phone numbers are
not. The citation must sit in the same sentence or the next one, in the same paragraph, list item or table cell.
"""
import re

from kapsite.prose import plain, units
from kapsite.rules import rule

NUMBER = r"(?:about |around |nearly |almost |over |under |fewer than |more than )?\d+(?:[.,]\d+)?"
STATISTIC = re.compile(
    r"\b\d+(?:\.\d+)?\s?(?:%|per ?cent\b)"                                 # 26.6%, 64 percent
    r"|\b\d+(?:\.\d+)?\s?(?:to|-|–)\s?\d+(?:\.\d+)?\s?(?:%|per ?cent\b)"   # 61 to 75%
    r"|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|\d+)(?:\s(?:to|or)\s\d+)?\s(?:in|out of)\s"
    r"(?:every\s)?(?:\d{1,3}(?:,\d{3})+|\d+|two|three|four|five|six|seven|eight|nine|ten|a hundred)\b"  # 23 in 100
    r"|\b\d+\s(?:of|out of)\s(?:the\s)?\d+\s(?:people|patients|adults|participants|veterans|users|responders|"
    r"trials|studies)\b"                                                     # 8 of 16 people
    r"|\b(?:odds|hazard|risk|rate) ratio\b|\brelative risk\b|\beffect size\b|\bnumber needed to treat\b"
    r"|\b[dgr]\s?=\s?-?\d|\bp\s?[<=>]\s?0?\.\d|\b95\s?%\s?(?:CI|confidence)|\bconfidence interval\b",
    re.I)
CITATION = re.compile(r"\[@[\w-]+(?:\s*;\s*@[\w-]+)*\]")


def table_lines_cited_in_header(page) -> set:
    """Lines of tables whose header row cites the source: the header names where the table's numbers come from."""
    covered, table = set(), []
    for number, line in list(page.body()) + [(0, "")]:
        if line.lstrip().startswith("|"):
            table.append((number, line))
            continue
        if table and CITATION.search(table[0][1]):
            covered.update(n for n, _ in table)
        table = []
    return covered


def statistic_sentences(page):
    """(line, sentence, statistic, cited) for each sentence of the page's prose that states a statistic."""
    covered = table_lines_cited_in_header(page)
    for unit in units(page):
        if unit.text.startswith("[[icons:"):
            continue  # an icon array requires its own citation (kapsite/md_icon_array.py)
        parts = unit.sentences()
        for index, (offset, sentence) in enumerate(parts):
            found = STATISTIC.search(plain(sentence))
            if not found:
                continue
            following = parts[index + 1][1] if index + 1 < len(parts) else ""
            cited = bool(CITATION.search(sentence) or CITATION.search(following)) or unit.line_at(offset) in covered
            yield unit.line_at(offset), " ".join(plain(sentence).split()), found.group(0), cited


@rule("evidence", "page", "put the citation [@key] at the end of this sentence or the next one, in the same "
                          "paragraph, list item or table cell; if the number is not from a source (e.g. a price or a "
                          "phone number), escape the line with the reason")
def evidence(page, project):
    """On a page that needs clinical review, a sentence stating a statistic cites its source in that sentence or
    the next (percentages, 'N in N', ratios, effect sizes, p-values, confidence intervals)."""
    if not page.needs_review:
        return
    for line, sentence, statistic, cited in statistic_sentences(page):
        if not cited:
            yield line, f"'{statistic}' is a statistic with no citation next to it (in: {sentence[:100]!r})"
