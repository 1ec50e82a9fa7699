"""Publish checks: stop a page with a mistake from reaching the public.

Runs on the Markdown sources (before the build) and on the built HTML (after it), in `make build` and in
Netlify's build command alike. Every message names the file, the line where there is one, and the fix.

    python -m kapsite.check source      # front matter, headings, citations, clinic details, unsafe HTML
    python -m kapsite.check html SITE   # links and anchors in the built site, unsafe HTML in content
    python -m kapsite.check review-due  # every clinical page with its review status, by due date
"""
import datetime as dt
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

from kapsite import bibliography, clinic as clinic_mod, config as config_mod
from kapsite.md_citations import CITATION, cited_keys
from kapsite.md_clinic import TOKEN as CLINIC_TOKEN

PAGE_TYPES = {"clinical", "patient", "legal", "reference"}
MAX_REVIEW_YEARS = 3
FENCE = re.compile(r"^\s*(```|~~~)")
HEADING = re.compile(r"^(#{1,6})\s+\S")
UNSAFE_HTML = [
    (re.compile(r"<script\b", re.I), "a <script> element", "remove it; scripts live in docs/static/js and are "
     "named in the page's front matter (scripts:)"),
    (re.compile(r"\sstyle\s*=", re.I), "an inline style= attribute", "remove it; styles live in docs/static/css/site.css"),
    (re.compile(r"<(iframe|object|embed)\b", re.I), "an embedded frame or object (<iframe>, <object> or <embed>)",
     "remove it and link to the other site instead"),
]
EXTERNAL_RESOURCE = [
    re.compile(r"\b(src|srcset|poster|data)\s*=\s*[\"']?\s*(https?:)?//", re.I),
    re.compile(r"url\(\s*[\"']?\s*(https?:)?//", re.I),
    re.compile(r"<link\b[^>]*href\s*=\s*[\"']?\s*(https?:)?//", re.I),
    re.compile(r"!\[[^\]]*\]\(\s*<?(https?:)?//", re.I),
]
MD_LINK = re.compile(r"(?<!!)\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
HEADING_ID = re.compile(r"\{[^}]*#([\w-]+)[^}]*\}\s*$")
GENERATED_IDS = {"references", "page-review", "main-content"}  # added by our extensions and templates
IMAGE_NO_ALT = [re.compile(r"!\[\s*\]\("), re.compile(r"<img\b(?![^>]*\balt\s*=\s*[\"'][^\"']+)[^>]*>", re.I)]


@dataclass
class Problem:
    path: str
    line: int | None
    message: str
    fix: str
    warning: bool = False

    def __str__(self):
        where = f"{self.path}:{self.line}" if self.line else self.path
        kind = "warning" if self.warning else "error"
        return f"{where}: {kind}: {self.message}. Fix: {self.fix}."


def today() -> dt.date:
    """The build's date; SOURCE_DATE_EPOCH pins it (as it does for MkDocs), so tests can fix 'today'."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date()
    return dt.datetime.now(dt.timezone.utc).date()


def add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def is_production() -> bool:
    return os.environ.get("CONTEXT") == "production"


def split_front_matter(text: str):
    """(front matter dict or None, error, number of lines before the body)."""
    if not text.startswith("---\n"):
        return None, "the page has no front matter (a block between --- lines at the top)", 0
    end = text.find("\n---\n", 4)
    if end < 0:
        return None, "the front matter is not closed with a --- line", 0
    head = text[4:end]
    try:
        meta = yaml.safe_load(head) or {}
    except yaml.YAMLError as error:
        return None, f"the front matter is not valid YAML ({str(error).splitlines()[0]})", 0
    if not isinstance(meta, dict):
        return None, "the front matter must be 'name: value' lines", 0
    return meta, None, head.count("\n") + 3


def front_matter_line(text: str, field: str) -> int:
    for number, line in enumerate(text.splitlines(), 1):
        if line.startswith(field + ":"):
            return number
    return 1


def heading_ids(lines) -> set[str]:
    """The anchors MkDocs gives a page's headings (toc's slugify, or an explicit {#id})."""
    from markdown.extensions.toc import slugify, unique
    ids, used, in_fence = set(), set(), False
    for line in lines:
        if FENCE.match(line):
            in_fence = not in_fence
        elif not in_fence and HEADING.match(line):
            explicit = HEADING_ID.search(line)
            text = re.sub(r"\{[^}]*\}\s*$", "", line.lstrip("#")).strip()
            text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text).replace("`", "").replace("*", "")
            ids.add(explicit.group(1) if explicit else unique(slugify(text, "-"), used))
    return ids | GENERATED_IDS | set(re.findall(r"\bid=\"([\w-]+)\"", "\n".join(lines)))


class SourceChecker:
    def __init__(self, docs="docs", mkdocs_yml="mkdocs.yml"):
        self.docs = Path(docs)
        self.config = config_mod.load(mkdocs_yml)
        self.clinic = self.config["extra"]["clinic"]
        self.refs = bibliography.load(self._bibliography_path(mkdocs_yml))
        self.problems: list[Problem] = []
        self.pages: dict[str, dict] = {}
        self.links: list[tuple[Path, int, str]] = []
        self.anchors: dict[Path, set[str]] = {}

    def _bibliography_path(self, mkdocs_yml):
        for ext in self.config.get("markdown_extensions", []):
            if isinstance(ext, dict) and "kapsite.md_citations" in ext:
                return Path(mkdocs_yml).parent / ext["kapsite.md_citations"]["bibliography"]
        return Path(mkdocs_yml).parent / "references.yml"

    def add(self, path, line, message, fix, warning=False):
        self.problems.append(Problem(str(path), line, message, fix, warning))

    def run(self):
        for path in sorted(self.docs.rglob("*.md")):
            self.check_page(path)
        self.check_links()
        if is_production():
            self.check_production()
        return self.problems

    def check_page(self, path: Path):
        text = path.read_text(encoding="utf-8")
        meta, error, offset = split_front_matter(text)
        if error:
            self.add(path, 1, error, "start the file with ---, then title: and description: lines, then ---")
            return
        self.pages[str(path)] = meta
        self.anchors[path.resolve()] = heading_ids(text.splitlines()[offset:])
        self.check_meta(path, text, meta)
        self.check_body(path, text.splitlines(), offset)

    def check_meta(self, path, text, meta):
        for field in ("title", "description"):
            if not isinstance(meta.get(field), str) or not meta[field].strip():
                self.add(path, 1, f"the front matter has no '{field}'",
                         f"add a line '{field}: ...' between the --- lines at the top")
        page_type = meta.get("page_type")
        if page_type not in PAGE_TYPES:
            self.add(path, front_matter_line(text, "page_type"), f"page_type is {page_type!r}",
                     f"set 'page_type:' to one of {', '.join(sorted(PAGE_TYPES))}")
        for script in meta.get("scripts") or []:
            if not re.fullmatch(r"static/js/[\w.-]+\.js", str(script)) or not (self.docs / script).exists():
                self.add(path, front_matter_line(text, "scripts"), f"the script {script!r} is not one of our files",
                         "name a file that exists in docs/static/js, like static/js/self-check.js")
        if page_type == "clinical":
            if not isinstance(meta.get("about"), str) or not meta["about"].strip():
                self.add(path, 1, "a clinical page has no 'about' (the condition it is about)",
                         "add a line like 'about: Treatment-resistant depression' to the front matter")
            self.check_review(path, text, meta)

    def check_review(self, path, text, meta):
        reviewer = meta.get("reviewed_by")
        if reviewer not in (self.clinic.get("reviewers") or {}):
            self.add(path, front_matter_line(text, "reviewed_by"), f"reviewed_by is {reviewer!r}, not a known reviewer",
                     f"use a reviewer key from mkdocs.yml extra > clinic > reviewers "
                     f"({', '.join(self.clinic.get('reviewers') or {}) or 'none defined yet'})")
        last, due = meta.get("last_reviewed"), meta.get("next_review")
        if last == "pending":
            return
        if not isinstance(last, dt.date):
            self.add(path, front_matter_line(text, "last_reviewed"), f"last_reviewed is {last!r}, not a date",
                     "write the date of the clinician's review as YYYY-MM-DD (for example 2026-11-27), "
                     "or 'pending' until the review is done")
            return
        if not isinstance(due, dt.date):
            self.add(path, front_matter_line(text, "next_review"), f"next_review is {due!r}, not a date",
                     "write the next review date as YYYY-MM-DD, at most 3 years after last_reviewed")
            return
        if due <= last:
            self.add(path, front_matter_line(text, "next_review"), "next_review is not after last_reviewed",
                     "set next_review to a date after last_reviewed")
        elif due > add_years(last, MAX_REVIEW_YEARS):
            self.add(path, front_matter_line(text, "next_review"),
                     f"next_review is more than {MAX_REVIEW_YEARS} years after last_reviewed",
                     f"set next_review to at most {MAX_REVIEW_YEARS} years after {last.isoformat()}")
        if due < today():
            self.add(path, front_matter_line(text, "next_review"), f"this page was due for review on {due.isoformat()}",
                     "ask the clinical reviewer to read the whole page, then update last_reviewed and next_review "
                     "(the page shows a 'due for review' notice until then)", warning=True)

    def check_body(self, path, lines, offset):
        in_fence = False
        levels, h1_count = [], 0
        for index in range(offset, len(lines)):
            number, line = index + 1, lines[index]
            if FENCE.match(line):
                in_fence = not in_fence
                continue
            if in_fence:
                continue
            heading = HEADING.match(line)
            if heading:
                level = len(heading.group(1))
                h1_count += level == 1
                if not levels and level != 1:
                    self.add(path, number, "the first heading is not a level-1 heading (# Title)",
                             "start the page body with one '# Title' line")
                elif levels and level > levels[-1] + 1:
                    self.add(path, number, f"the heading jumps from level {levels[-1]} to level {level}",
                             f"use {'#' * (levels[-1] + 1)} here, one level below the heading above it")
                levels.append(level)
            self.links += [(path, number, m.group(1)) for m in MD_LINK.finditer(line)]
            for match in re.finditer(CITATION, line):
                for key in cited_keys(match.group(1)):
                    if key not in self.refs:
                        self.add(path, number, f"unknown citation key '{key}'",
                                 "add the source to references.yml with this key, or correct the key's spelling")
            for match in CLINIC_TOKEN.finditer(line):
                try:
                    clinic_mod.render(self.clinic, match.group(1))
                except KeyError:
                    self.add(path, number, f"unknown clinic detail '{match.group(0)}'",
                             "use one of " + ", ".join("{{ clinic." + k + " }}" for k in clinic_mod.known_keys(self.clinic)))
            for pattern, what, fix in UNSAFE_HTML:
                if pattern.search(line):
                    self.add(path, number, f"the page contains {what}", fix)
            if any(p.search(line) for p in EXTERNAL_RESOURCE):
                self.add(path, number, "the page loads a file from another website",
                         "save the file in docs/static and link to it there; an ordinary link to another site is fine")
            if any(p.search(line) for p in IMAGE_NO_ALT):
                self.add(path, number, "an image has no alt text",
                         "describe the image in the brackets: ![what the image shows](file.png), or alt=\"...\"")
        if h1_count != 1:
            self.add(path, offset + 1, f"the page has {h1_count} level-1 headings",
                     "keep exactly one '# Title' line, at the top of the body")

    def check_links(self):
        """Links between pages: the file exists and, for page.md#section, so does the section."""
        for path, number, href in self.links:
            if re.match(r"[a-z][a-z0-9+.-]*:|//", href, re.I):
                continue  # another site, or tel:, mailto:, sms:
            target, _, fragment = href.partition("#")
            file = (path.parent / target).resolve() if target else path.resolve()
            if target and not file.is_file():
                self.add(path, number, f"the link '{href}' leads to a file that does not exist",
                         "link to an existing .md file, with a path relative to this page (../ goes up one folder)")
            elif fragment and file.suffix == ".md" and fragment not in self.anchors.get(file, set()):
                self.add(path, number, f"the link '{href}' points to a section '#{fragment}' that does not exist",
                         "use the section heading's anchor: its words in lowercase, joined by hyphens, "
                         "without punctuation (e.g. '## Common side effects' is #common-side-effects)")

    def check_production(self):
        missing = clinic_mod.missing_for_production(self.clinic, str(self.config.get("site_url") or ""))
        for path, meta in self.pages.items():
            if meta.get("placeholder"):
                missing.append(f"{path}: replace the placeholder text with the clinic's own text, "
                               "then delete the line 'placeholder: true'")
            if meta.get("page_type") == "clinical" and meta.get("last_reviewed") == "pending":
                missing.append(f"{path}: clinical review pending; after the clinician's review set last_reviewed "
                               "and next_review (see CONTRIBUTING.md, 'Record a clinical review')")
        if missing:
            self.add("mkdocs.yml", None, "a production build cannot publish placeholders. Still to do:\n  - "
                     + "\n  - ".join(missing), "fill in each value above, then deploy again")


def report(problems) -> int:
    errors = [p for p in problems if not p.warning]
    for problem in problems:
        print(problem, file=sys.stderr)
    if errors:
        print(f"\n{len(errors)} problem(s) must be fixed before this site can be published.", file=sys.stderr)
    return 1 if errors else 0


def review_due(docs="docs"):
    checker = SourceChecker(docs)
    checker.run()
    rows = []
    for path, meta in checker.pages.items():
        if meta.get("page_type") == "clinical":
            due = meta.get("next_review")
            status = ("review pending" if meta.get("last_reviewed") == "pending"
                      else "DUE" if isinstance(due, dt.date) and due < today() else "ok")
            rows.append((str(due) if due else "-", status, str(meta.get("last_reviewed")), path))
    rows.sort(key=lambda r: (r[0] == "-", r[0]))
    print(f"{'next review':<12} {'status':<15} {'last reviewed':<14} page")
    for due, status, last, path in rows:
        print(f"{due:<12} {status:<15} {last:<14} {path}")


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    command = argv[0] if argv else "source"
    if command == "source":
        return report(SourceChecker().run())
    if command == "html":
        from kapsite.check_html import check_site
        return report(check_site(Path(argv[1] if len(argv) > 1 else "site")))
    if command == "review-due":
        review_due()
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
