"""Rules on a page's file, front matter and headings."""
import re

from kapsite.rules import rule

PAGE_TYPES = ("clinical", "legal", "patient", "reference")
ATX = re.compile(r"^(#{1,6})(?:\s+\S|\s*$)")
SETEXT = re.compile(r"^(=+|-+)\s*$")
NOT_PARAGRAPH = re.compile(r"^\s*([-*+]\s|\d+[.)]\s|>|\||!!!|<|#|\s{4})|^\s*$")
SAFE_FILE_NAME = re.compile(r"[a-z0-9][a-z0-9._-]*")


@rule("file-encoding", "page", "save the file again with the encoding 'UTF-8'")
def file_encoding(page, project):
    """A page must be saved as UTF-8, the encoding MkDocs reads."""
    if page.error_rule == "file-encoding":
        yield page.error.line, page.error.message, page.error.fix


@rule("front-matter", "page", "start the file with ---, then title:, description: and page_type: lines, then ---")
def front_matter(page, project):
    """A page starts with a front matter block that is valid YAML ('name: value' lines between --- lines)."""
    if page.error_rule == "front-matter":
        yield page.error.line, page.error.message, page.error.fix


@rule("front-matter-field", "page", "add the line between the --- lines at the top")
def front_matter_field(page, project):
    """Every page has a title and a description (shown by search engines and when shared)."""
    for field in ("title", "description"):
        value = page.meta.get(field)
        if not isinstance(value, str) or not value.strip():
            yield page.meta_line(field), f"the front matter has no '{field}'", \
                f"add a line '{field}: ...' between the --- lines at the top"


@rule("title-markup", "page", "write the title and description as plain words, without < > or {{ }}")
def title_markup(page, project):
    """Titles and descriptions are plain text: no HTML tags or template braces (quotes are fine)."""
    for field in ("title", "description"):
        value = page.meta.get(field)
        if isinstance(value, str) and re.search(r"[<>]|\{\{|\{%", value):
            yield page.meta_line(field), f"the {field} contains markup ({value!r})"


@rule("page-type", "page", "set 'page_type:' to one of " + ", ".join(PAGE_TYPES))
def page_type(page, project):
    """page_type says what kind of page this is; it decides the page's structure checks."""
    value = page.meta.get("page_type")
    if value not in PAGE_TYPES:
        yield page.meta_line("page_type"), f"page_type is {value!r}"


@rule("file-name", "project", "rename the file with lowercase letters, digits and hyphens only, "
                              "e.g. 'what-to-expect.md', and update the links to it")
def file_name(project):
    """File names under docs/ become web addresses: lowercase letters, digits, '.', '_' and '-' only."""
    for path in sorted(project.docs.rglob("*")):
        if path.is_file() and not SAFE_FILE_NAME.fullmatch(path.name):
            yield "docs/" + path.relative_to(project.docs).as_posix(), None, \
                f"the file name {path.name!r} has spaces, capitals or other characters that make a poor web address"


def headings(page):
    """(line, level) of every heading in the body, ATX (# Title) and setext (a line of === or --- under text)."""
    previous = ""
    for number, line in page.body():
        atx = ATX.match(line)
        if atx:
            yield number, len(atx.group(1))
        elif SETEXT.match(line) and previous and not NOT_PARAGRAPH.match(previous):
            yield number - 1, 1 if line.strip().startswith("=") else 2
        previous = line


@rule("heading-first", "page", "start the page body with one '# Title' line")
def heading_first(page, project):
    """The first heading of a page is its level-1 title."""
    first = next(headings(page), None)
    if first and first[1] != 1:
        yield first[0], "the first heading is not a level-1 heading (# Title)"


@rule("heading-increment", "page", "use one '#' more than the heading above, not two")
def heading_increment(page, project):
    """Headings go down one level at a time (screen-reader users navigate by them)."""
    previous = None
    for number, level in headings(page):
        if previous and level > previous + 1:
            yield number, f"the heading jumps from level {previous} to level {level}", \
                f"use {'#' * (previous + 1)} here, one level below the heading above it"
        previous = level


@rule("one-h1", "page", "keep exactly one '# Title' line, at the top of the body; make the others '## ' headings")
def one_h1(page, project):
    """A page has exactly one level-1 heading (also counting a title underlined with ===)."""
    ones = [number for number, level in headings(page) if level == 1]
    if not ones:
        first = next((number for number, line in page.body() if line.strip()), page.body_start + 1)
        yield first, "the page has no level-1 heading"
    for number in ones[1:]:
        yield number, f"the page has {len(ones)} level-1 headings; this is one more"
