"""What the publish rules look at: mkdocs.yml, references.yml, the Markdown pages and, after MkDocs, the built site.

Nothing here stops on a mistake: a file that cannot be read is recorded with the line and the fix, and the rules
that need it report that once.
"""
import datetime as dt
import os
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from kapsite import config as config_mod
from kapsite.built import BuiltPage
from kapsite.rules import ESCAPE_COMMENT, scan_escapes
from kapsite.yamlfile import YamlProblem, load as load_yaml

FENCE = re.compile(r"^\s*(```|~~~)")
REVIEW_FOLDERS = ("conditions/", "treatment/")


def today() -> dt.date:
    """The build's date; SOURCE_DATE_EPOCH pins it (as it does for MkDocs), so tests can fix 'today'."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date()
    return dt.datetime.now(dt.timezone.utc).date()


@dataclass
class LoadError:
    line: int
    message: str
    fix: str


@dataclass
class Page:
    file: Path
    rel: str                      # "docs/conditions/ptsd.md", as messages name it
    text: str = ""
    lines: list = field(default_factory=list)
    meta: dict | None = None
    meta_lines: object = None     # yamlfile.Loaded of the front matter
    body_start: int = 0           # index in `lines` of the first body line
    error: LoadError | None = None
    error_rule: str = ""

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def src(self) -> str:
        """The path inside docs/, as MkDocs names it: "conditions/ptsd.md"."""
        return self.rel.removeprefix("docs/")

    def meta_line(self, key, default=1) -> int:
        return self.meta_lines.line(key, default=default) if self.meta_lines else default

    def body(self):
        """(line number, text) of each body line outside fenced code, escape comments removed."""
        in_fence = False
        for index in range(self.body_start, len(self.lines)):
            line = self.lines[index]
            if FENCE.match(line):
                in_fence = not in_fence
                continue
            if not in_fence:
                yield index + 1, ESCAPE_COMMENT.sub("", line)

    def cites(self) -> bool:
        return any("[@" in line for _, line in self.body())

    @property
    def needs_review(self) -> bool:
        """Clinical, in a clinical folder, or citing a source: a licensed clinician must review it."""
        meta = self.meta or {}
        in_folder = self.src.startswith(REVIEW_FOLDERS)
        if meta.get("page_type") == "clinical" or in_folder:
            return True
        return self.cites() and not meta.get("review_exempt")


def read_page(file: Path, docs: Path) -> Page:
    page = Page(file, "docs/" + file.relative_to(docs).as_posix())
    raw = file.read_bytes()
    try:
        page.text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        page.error_rule = "file-encoding"
        page.error = LoadError(raw[:error.start].count(b"\n") + 1,
                               "the file is not saved as UTF-8 (the text encoding every page must use)",
                               "open it in your editor and save it again with the encoding 'UTF-8'")
        return page
    page.text = page.text.removeprefix("\ufeff").replace("\r\n", "\n")
    page.lines = page.text.split("\n")
    page.error_rule = "front-matter"
    if not page.text.startswith("---\n"):
        page.error = LoadError(1, "the page has no front matter (a block between --- lines at the top)",
                               "start the file with ---, then title:, description: and page_type: lines, then ---")
        return page
    end = next((i for i in range(1, len(page.lines)) if page.lines[i].rstrip() == "---"), None)
    if end is None:
        page.error = LoadError(1, "the front matter is not closed with a --- line",
                               "add a line with only --- after the last front matter line")
        return page
    try:
        page.meta_lines = load_yaml("\n".join(page.lines[1:end]), first_line=2)
    except YamlProblem as problem:
        page.error = LoadError(problem.line, "the front matter: " + problem.message, problem.fix)
        return page
    page.meta = page.meta_lines.data or {}
    if not isinstance(page.meta, dict):
        page.meta = None
        page.error = LoadError(2, "the front matter must be 'name: value' lines", "write one 'name: value' per line")
        return page
    page.error_rule, page.body_start = "", end + 1
    return page


class Project:
    def __init__(self, root=".", config_file="mkdocs.yml", site=None, production=None):
        self.root = Path(root)
        self.config_file = config_file
        self.production = (os.environ.get("CONTEXT") == "production") if production is None else production
        self.today = today()
        self.site = Path(site) if site else None
        self.errors = {}  # file -> LoadError for mkdocs.yml and references.yml
        self.config_lines = self._load(config_file, config_mod.Loader)
        self.config = self.config_lines.data if self.config_lines and isinstance(self.config_lines.data, dict) else {}
        extra = self.config.get("extra") if isinstance(self.config.get("extra"), dict) else {}
        self.clinic = extra.get("clinic") if isinstance(extra.get("clinic"), dict) else {}
        self.help = extra.get("help") if isinstance(extra.get("help"), dict) else {}
        self.docs = self.root / (self.config.get("docs_dir") or "docs")
        self.references_file = self._bibliography_file()
        self.refs_lines = self._load(self.references_file)
        self.pages = [read_page(p, self.docs) for p in sorted(self.docs.rglob("*.md"))]
        self.escapes = [e for p in self.pages for e in scan_escapes(p.rel, p.lines)]
        self.escapes += scan_escapes(self.references_file, self.file_lines(self.references_file))

    def _load(self, name, loader=None):
        path = self.root / name
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            self.errors[name] = LoadError(1, f"{name} is missing", f"restore {name} from the repository")
            return None
        except UnicodeDecodeError:
            self.errors[name] = LoadError(1, f"{name} is not saved as UTF-8", "save it again with the encoding UTF-8")
            return None
        try:
            return load_yaml(text, **({"loader": loader} if loader else {}))
        except YamlProblem as problem:
            self.errors[name] = LoadError(problem.line, problem.message, problem.fix)
            return None

    def _bibliography_file(self) -> str:
        for ext in self.config.get("markdown_extensions") or []:
            if isinstance(ext, dict) and isinstance(ext.get("kapsite.md_citations"), dict):
                return ext["kapsite.md_citations"].get("bibliography", "references.yml")
        return "references.yml"

    @cached_property
    def refs(self) -> dict:
        """Reference entries by key (entries without a usable key are left to the references rules)."""
        data = self.refs_lines.data if self.refs_lines else None
        return {e["key"]: e for e in data or [] if isinstance(e, dict) and isinstance(e.get("key"), str)}

    def file_lines(self, path) -> list[str]:
        try:
            return (self.root / path).read_text(encoding="utf-8").split("\n")
        except (OSError, UnicodeDecodeError):
            return []

    def page(self, src: str) -> Page | None:
        return next((p for p in self.pages if p.src == src), None)

    def built_pages(self):
        if not hasattr(self, "_built"):
            self._built = {f: BuiltPage.read(self.site, f) for f in sorted(self.site.rglob("*.html"))}
        return list(self._built.values())

    def built_page(self, file):
        self.built_pages()
        return self._built[file]

    def locate(self, needle: str, page_rel: str):
        """Where a piece of built HTML came from: (file, line) in the page source, a template, or the config."""
        candidates = [page_rel] + sorted(str(p.relative_to(self.root)) for p in (self.root / "overrides").rglob("*.html"))
        candidates += [self.config_file, self.references_file]
        needle = needle.lower()
        for path in candidates:
            for number, line in enumerate(self.file_lines(path), 1):
                if needle and needle in line.lower():
                    return path, number
        return page_rel, None
