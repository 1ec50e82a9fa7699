"""`make review-packet`: one printable page per page that needs clinical review, for the reviewing clinician.

    python -m kapsite.review_packet [OUT_DIR]     # default: review-packet/

Each packet puts first what needs the clinician's eye: numbers without a source beside them, every rule escape
with its reason, the writers' review notes, and what changed since the last recorded review (words added and
removed, found from the reviewed_version in the page's history). Then every cited sentence beside its full
reference, the page's outside links, and a sign-off block. CONTRIBUTING.md, 'Record a clinical review', says how a
signed packet becomes last_reviewed and reviewed_version.
"""
import difflib
import re
import sys
from html import escape
from pathlib import Path

from kapsite import bibliography
from kapsite.dates import body_version, git
from kapsite.project import Project
from kapsite.prose import plain, units
from kapsite.rules.evidence import CITATION, statistic_sentences

FACTUAL = re.compile(r"\b(?:study|studies|trial|trials|research|review|guideline|FDA|label|approved|evidence|"
                     r"found|showed|shown)\b", re.I)
LINK = re.compile(r"\[([^\]]+)\]\((https?://[^)\s]+)\)")
STYLE = """body{font:12pt/1.45 Georgia,serif;max-width:48em;margin:2em auto;padding:0 1em;color:#000}
h1{font-size:18pt}h2{font-size:14pt;border-bottom:1px solid #000;margin-top:1.6em}
li{margin:.3em 0}del{background:#fdd}ins{background:#dfd;text-decoration:none}
table{border-collapse:collapse;width:100%}td{border:1px solid #000;padding:.3em;vertical-align:top}
.box{border:2px solid #000;padding:.8em}@media print{h2{break-after:avoid}li,tr{break-inside:avoid}}"""


def reviewed_text(project, page) -> str | None:
    """The page's text at the version the clinician last reviewed (its reviewed_version), from git."""
    version = str(page.meta.get("reviewed_version") or "")
    for commit in (git(project.root, "log", "--format=%H", "--", page.rel) or "").split():
        text = git(project.root, "show", f"{commit}:{page.rel}")
        if text is not None and body_version(text) == version:
            return text
    return None


def word_changes(old: str, new: str) -> list[str]:
    """Changed passages as HTML, removed words struck through and added words marked."""
    old_words, new_words = plain(old).split(), plain(new).split()
    out = []
    for tag, a1, a2, b1, b2 in difflib.SequenceMatcher(None, old_words, new_words, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        before = " ".join(old_words[max(a1 - 6, 0):a1])
        removed, added = " ".join(old_words[a1:a2]), " ".join(new_words[b1:b2])
        out.append(f"… {escape(before)} " + (f"<del>{escape(removed)}</del> " if removed else "")
                   + (f"<ins>{escape(added)}</ins>" if added else "") + " …")
    return out


def uncited_factual_sentences(page):
    """Sentences that report research or an official position with no citation in them or the next sentence."""
    for unit in units(page):
        parts = unit.sentences()
        for index, (offset, sentence) in enumerate(parts):
            following = parts[index + 1][1] if index + 1 < len(parts) else ""
            statement = plain(sentence).strip().endswith((".", "!"))  # headings and table headers are not
            if statement and FACTUAL.search(plain(sentence)) and not CITATION.search(sentence + following):
                yield unit.line_at(offset), " ".join(plain(sentence).split())


def cited_sentences(page, refs):
    for unit in units(page):
        for offset, sentence in unit.sentences():
            keys = [k.strip().lstrip("@") for m in CITATION.finditer(sentence) for k in m.group(0)[1:-1].split(";")]
            if keys:
                yield unit.line_at(offset), plain(sentence), [refs[k] for k in keys if k in refs]


def packet(project, page) -> str:
    meta, title = page.meta, escape(str(page.meta.get("title")))
    flagged = [f"<li>Line {line}: “{escape(s)}” (the number {escape(stat)} has no source next to it)</li>"
               for line, s, stat, cited in statistic_sentences(page) if not cited]
    factual = [f"<li>Line {line}: “{escape(s)}”</li>" for line, s in uncited_factual_sentences(page)]
    escapes = [f"<li>Line {e.line}: rule <code>{escape(e.rule)}</code> set aside because: {escape(e.reason)}</li>"
               for e in project.escapes if e.path == page.rel]
    notes = [f"<li>{escape(str(n))}</li>" for n in meta.get("review_notes") or []]
    if meta.get("reviewed_version"):
        old = reviewed_text(project, page)
        changes = ([f"<li>{c}</li>" for c in word_changes(old, page.text)] if old is not None else
                   ["<li>The reviewed version was not found in the page's history: please read the whole page.</li>"])
        since = "Changed since the last recorded review"
    else:
        changes, since = ["<li>No review has been recorded yet: please read the whole page.</li>"], "Changes"
    cited = "".join(f"<tr><td>Line {line}: {escape(text)}</td><td>"
                    + "<br>".join(bibliography.to_html(ref) for ref in refs) + "</td></tr>"
                    for line, text, refs in cited_sentences(page, project.refs))
    links = sorted({(m.group(2), m.group(1)) for _, line in page.body() for m in LINK.finditer(line)})
    link_items = "".join(f"<li>{escape(text)}: {escape(url)}</li>" for url, text in links) or "<li>None.</li>"

    def section(heading, items):
        return f"<h2>{heading}</h2><ul>{''.join(items) or '<li>None.</li>'}</ul>"
    return (f"<!doctype html><html lang='en'><meta charset='utf-8'><title>Review packet: {title}</title>"
            f"<style>{STYLE}</style><h1>Review packet: {title}</h1>"
            f"<p>Page: <code>{escape(page.rel)}</code>. Version under review: <code>{body_version(page.text)}</code>. "
            f"Read the whole page as published (or in the preview) alongside this packet.</p>"
            + section("Numbers without a source beside them", flagged)
            + section("Statements about research or official positions without a source beside them", factual)
            + section("Rules set aside, with the reason", escapes)
            + section("Notes from the writers for the reviewer", notes) + section(since, changes)
            + f"<h2>Every cited sentence and its source</h2><table>{cited or '<tr><td>None.</td></tr>'}</table>"
            + f"<h2>Links to other sites on this page</h2><ul>{link_items}</ul>"
            + "<h2>Sign-off</h2><div class='box'><p>☐ I have read the whole page, version "
            f"<code>{body_version(page.text)}</code>, and its sources as listed above.</p>"
            "<p>Name: ________________________________ Licence type and number: ____________________</p>"
            "<p>Date: ______________ Signature: ______________________________</p>"
            "<p>Changes I ask for (or none): ____________________________________________</p></div></html>")


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    out = Path(argv[0] if argv else "review-packet")
    out.mkdir(parents=True, exist_ok=True)
    project = Project()
    written = []
    for page in project.pages:
        if page.ok and page.needs_review:
            name = "page-" + page.src.removesuffix(".md").replace("/", "--") + ".html"
            (out / name).write_text(packet(project, page), encoding="utf-8")
            written.append((page.rel, name))
    index = "".join(f"<li><a href='{escape(name)}'>{escape(rel)}</a></li>" for rel, name in written)
    (out / "index.html").write_text(f"<!doctype html><html lang='en'><meta charset='utf-8'><title>Review packets"
                                    f"</title><h1>Review packets</h1><ul>{index}</ul></html>", encoding="utf-8")
    print(f"{len(written)} review packet(s) in {out}/ (open index.html; print each for the reviewing clinician).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
