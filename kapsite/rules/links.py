"""Rules on links and images in the Markdown source (the built site is checked again by the html rules)."""
import re

from kapsite.rules import rule

MD_LINK = re.compile(r"(?<!!)\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
HEADING = re.compile(r"^(#{1,6})\s+\S")
HEADING_ID = re.compile(r"\{[^}]*#([\w-]+)[^}]*\}\s*$")
GENERATED_IDS = {"references", "page-review", "main-content"}  # added by our extensions and templates
IMAGE_NO_ALT = [re.compile(r"!\[\s*\]\s*[(\[]"), re.compile(r"<img\b(?![^>]*\balt\s*=\s*[\"'][^\"']+)[^>]*>", re.I)]


def anchors(page) -> set[str]:
    """The anchors MkDocs gives a page's headings (toc's slugify, or an explicit {#id}), and ids written in HTML."""
    from markdown.extensions.toc import slugify, unique
    ids, used = set(GENERATED_IDS), set()
    for _, line in page.body():
        if HEADING.match(line):
            explicit = HEADING_ID.search(line)
            text = re.sub(r"\{[^}]*\}\s*$", "", line.lstrip("#")).strip()
            text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text).replace("`", "").replace("*", "")
            ids.add(explicit.group(1) if explicit else unique(slugify(text, "-"), used))
        ids.update(re.findall(r"\bid=\"([\w-]+)\"", line))
    return ids


def links(page):
    for number, line in page.body():
        for match in MD_LINK.finditer(line):
            href = match.group(1)
            if not re.match(r"[a-z][a-z0-9+.-]*:|//", href, re.I):
                yield number, href


@rule("broken-link", "page", "link to an existing .md file, with a path relative to this page (../ goes up one folder)")
def broken_link(page, project):
    """A link to another page of the site leads to a file that exists."""
    for number, href in links(page):
        target = href.partition("#")[0]
        if target and not (page.file.parent / target).resolve().is_file():
            yield number, f"the link '{href}' leads to a file that does not exist"


@rule("broken-anchor", "page", "use the section heading's anchor: its words in lowercase, joined by hyphens, without "
                               "punctuation (e.g. '## Common side effects' is #common-side-effects)")
def broken_anchor(page, project):
    """A link to a section (page.md#section) names a heading that exists on that page."""
    for number, href in links(page):
        target, _, fragment = href.partition("#")
        file = (page.file.parent / target).resolve() if target else page.file.resolve()
        other = next((p for p in project.pages if p.file.resolve() == file and p.ok), None)
        if fragment and other and fragment not in anchors(other):
            yield number, f"the link '{href}' points to a section '#{fragment}' that does not exist"


@rule("image-alt", "page", "describe the image in the brackets: ![what the image shows](file.png), or alt=\"...\"")
def image_alt(page, project):
    """Every image has alt text, so screen-reader users know what it shows."""
    for number, line in page.body():
        if any(p.search(line) for p in IMAGE_NO_ALT):
            yield number, "an image has no alt text"
