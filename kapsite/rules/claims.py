"""Rules on health claims (content standard: "Words we never use about treatment"; FTC guidance; California B&P 651).

Each pattern is listed here once. A claim that is negated in its own clause ("is not FDA-approved", "no treatment
works for everyone") and a question ("Is ketamine FDA-approved?") are not claims.
"""
import re

from kapsite.prose import plain, sentences
from kapsite.rules import rule

NEGATION = re.compile(r"\b(?:not|never|no|nor|neither|none|cannot|without|unapproved|off-label|nobody|no one)\b|n't\b",
                      re.I)
CLAUSE_BREAK = re.compile(r";|:|—|\s-\s|\bbut\b|\bwhile\b|\bwhereas\b|\bhowever\b|,\s+(?:and|or)\b", re.I)
BANNED = [  # (pattern, what to say instead)
    (r"\bcur(?:e|es|ed|ing)\b", "say what the treatment may do ('may ease symptoms'), with the evidence"),
    (r"\bguarantee", "promise nothing about results"),
    (r"\bmiracle", "describe the evidence plainly"),
    (r"\bbreakthrough", "describe the evidence plainly ('newer', 'studied since 2000')"),
    (r"\bno side[- ]effects\b", "name the side effects and how often they happen"),
    (r"\bcompletely safe\b|\b100\s?% safe\b|\bperfectly safe\b", "name the risks and how they are managed"),
    (r"\bnon-?addictive\b|\bnot addictive\b", "say that ketamine can be misused and how the clinic reduces the risk"),
    (r"\brewires?\b|\brewiring\b", "describe what studies measured, e.g. 'in rats, new connections between brain cells'"),
    (r"\bremarkabl[ey] effective\b", "give the numbers from the trial instead"),
    (r"\bwilkinson et al\.? \(2018\)|\bcase study by murrough", "cite the study correctly (see references.yml)"),
]
PRODUCT = re.compile(r"\b(esketamine|spravato|ketamine|tms|sertraline|paroxetine|venlafaxine|ect)\b", re.I)
APPROVAL = re.compile(r"\b(?:FDA[- ]?)?approv\w*|\bFDA[- ](?:cleared|clearance|authori[sz]ed)|\b(?:cleared|authori[sz]ed|"
                      r"licensed) by the FDA|\bFDA\b[^.;]*?\b(?:cleared|authori[sz]ed)\b", re.I)
ANESTHESIA = re.compile(r"\ban(?:a)?esthe", re.I)
APPOSITIVE = re.compile(r",\s+(?:a|an|the|which|who|made|like|including|also|called|sold as|known as)\b[^,]*,", re.I)
PROMISES = [
    r"\b(?:success|cure|recovery) rates?\b",
    r"\b100\s?%|\bone hundred per ?cent|\bhundred percent\b",
    r"\b\d+\s?(?:%|percent|in \d+)\s+of (?:our|my) (?:patients|clients)\b",
    r"\b(?:you|patients|clients|everyone|people) will (?:feel|get|be) (?:better|well|happier|free|healed|cured)\b",
    r"\bwill (?:work|help) for (?:you|everyone|anyone)\b|\bworks? for everyone\b",
    r"\b(?:lasting|permanent|instant|immediate|guaranteed) (?:relief|results|recovery|remission)\b",
    r"\b(?:clinically )?proven to (?:work|treat|heal|relieve|help|end|fix)\b",
    r"\b(?:eliminates?|ends?|erases?|heals?|fix(?:es)?) (?:your |the )?(?:depression|ptsd|anxiety|trauma)\b",
    r"\brisk[- ]free\b|\bsafe (?:and|&) effective\b",
    r"\b(?:get|take) your life back\b|\blife[- ]changing results\b|\bfeel like yourself again\b",
]


def clause_before(text: str, start: int) -> str:
    parts = CLAUSE_BREAK.split(text[:start])
    return parts[-1] if parts else ""


def clause_after(text: str, end: int) -> str:
    return CLAUSE_BREAK.split(text[end:])[0]


def claim_sentences(page):
    """(line, words of the sentence) for every statement on the page, title and description included."""
    for field in ("title", "description"):
        if isinstance(page.meta.get(field), str):
            yield page.meta_line(field), page.meta[field]
    for line, sentence, _, _ in sentences(page):
        text = plain(sentence).strip()
        if text and not text.rstrip("\"”)* ").endswith("?"):
            yield line, text
    for line, row in page.body():  # a table row read across: "| Ketamine | FDA-approved |" is one statement
        cells = [c.strip() for c in row.strip().strip("|").split("|")]
        if row.lstrip().startswith("|") and len(cells) > 1 and not re.fullmatch(r"[|:\-\s]+", row.strip()):
            yield line, plain(", ".join(cells))


@rule("banned-words", "page", "use plain, accurate words instead (content standard: words we never use)")
def banned_words(page, project):
    """Words we never use about treatment: cure, guaranteed, miracle, breakthrough, no side effects, completely safe,
    non-addictive, rewires the brain, remarkably effective (and the old blog post's miscitations)."""
    seen = set()
    for line, text in claim_sentences(page):
        for pattern, fix in BANNED:
            found = re.search(pattern, text, re.I)
            if found and (line, found.group(0).lower()) not in seen:
                seen.add((line, found.group(0).lower()))
                yield line, f"'{found.group(0)}' is a word we never use about treatment (in: {text[:90]!r})", fix


@rule("approval-claim", "page", "say 'off-label' for ketamine in depression or PTSD; 'FDA-approved' is only for "
                                "esketamine (Spravato) in its labelled uses and for ketamine as an anesthetic")
def approval_claim(page, project):
    """Racemic ketamine is never called FDA-approved, cleared or authorised for a psychiatric use."""
    flagged = set()
    for line, text in claim_sentences(page):
        text = APPOSITIVE.sub(" ", text)  # "Esketamine, a spray made from ketamine, is approved": esketamine is
        for match in APPROVAL.finditer(text):
            if line in flagged:
                break
            before, after = clause_before(text, match.start()), clause_after(text, match.end())
            products = PRODUCT.findall(before) or PRODUCT.findall(after)[:1]
            subject = (products[-1] if PRODUCT.findall(before) else (products[0] if products else "")).lower()
            if subject != "ketamine" or NEGATION.search(before) or ANESTHESIA.search(before + after):
                continue
            if re.match(r"\s*(?:only|solely)\b", after) and ANESTHESIA.search(after):
                continue
            flagged.add(line)
            yield line, f"this calls ketamine approved or cleared: {text[:120]!r}"


@rule("outcome-promise", "page", "describe results as the trials measured them (e.g. 'about 23 in 100 people, "
                                 "compared with 8 in 100'), with the citation; promise no outcome")
def outcome_promise(page, project):
    """No promise of an outcome: success rates, 100%, 'you will feel better', lasting relief, proven to work."""
    seen = set()
    for line, text in claim_sentences(page):
        for pattern in PROMISES:
            for match in re.finditer(pattern, text, re.I):
                if not NEGATION.search(clause_before(text, match.start())) and \
                        (line, match.group(0).lower()) not in seen:
                    seen.add((line, match.group(0).lower()))
                    yield line, f"'{match.group(0)}' promises an outcome (in: {text[:90]!r})"


@rule("animal-study", "page", "say in the sentence that the study was in rats, mice or other animals", needs=('references',))
def animal_study(page, project):
    """A sentence citing a study in animals says so (rats, mice, animals)."""
    words = re.compile(r"\b(rats?|mice|mouse|animals?|rodents?|monkeys?|primates?)\b", re.I)
    for line, sentence, _, _ in sentences(page):
        keys = [k.strip().lstrip("@") for group in re.findall(r"\[@([^\]]+)\]", sentence) for k in group.split(";")]
        animal = [k for k in keys if (project.refs.get(k) or {}).get("species") == "animal"]
        if animal and not words.search(plain(sentence)):
            yield line, f"the sentence cites a study in animals ({', '.join(animal)}) without saying so"
