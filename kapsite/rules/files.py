"""Rules on the other files under docs/: images, SVG, CSS, and files Netlify would obey; and each page's weight."""
import gzip
import re
from urllib.parse import unquote, urljoin, urlsplit

from kapsite.rules import rule

IMAGE_LIMIT = 200 * 1024      # bytes; a phone on a slow connection pays for every one
PAGE_BUDGET = 100 * 1024      # bytes sent for one page (HTML, styles, scripts and images, compressed): bench/run.py
IMAGES = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".svg")
SVG_ACTIVE = [
    (re.compile(r"<script\b", re.I), "a <script>"),
    (re.compile(r"\son[a-z]+\s*=", re.I), "an event-handler attribute (on...=)"),
    (re.compile(r"<foreignObject\b", re.I), "a <foreignObject> (HTML inside the picture)"),
    (re.compile(r"(?:href|src)\s*=\s*[\"']\s*(?:https?:|//|javascript:|data:)", re.I), "a reference to another file "
                                                                                      "or a script address"),
    (re.compile(r"url\(\s*[\"']?\s*(?:https?:|//)|@import", re.I), "a style that loads a file from elsewhere"),
]
CSS_REMOTE = re.compile(r"url\(\s*[\"']?\s*(?:https?:|//)|@import", re.I)


def docs_files(project):
    return [p for p in sorted(project.docs.rglob("*")) if p.is_file()]


def rel(project, path) -> str:
    return "docs/" + path.relative_to(project.docs).as_posix()


@rule("netlify-file-in-docs", "project", "delete it: headers and redirects live in netlify.toml, where the build "
                                         "checks them")
def netlify_file_in_docs(project):
    """No _redirects or _headers file under docs/ (Netlify would obey it and bypass netlify.toml's checks)."""
    for path in docs_files(project):
        if path.name in ("_redirects", "_headers", "netlify.toml"):
            yield rel(project, path), None, f"a {path.name} file in the published folder"


@rule("svg-active", "project", "save the picture again without scripts, links or embedded files (for example with "
                               "Inkscape's 'Plain SVG'), or use a PNG")
def svg_active(project):
    """An SVG file has no script, event handler, embedded HTML or reference to another file."""
    for path in docs_files(project):
        if path.suffix.lower() == ".svg":
            text = path.read_text(encoding="utf-8", errors="replace")
            for pattern, what in SVG_ACTIVE:
                found = pattern.search(text)
                if found:
                    yield rel(project, path), text[:found.start()].count("\n") + 1, f"the SVG contains {what}"


@rule("css-remote", "project", "save the file (font, image) in docs/static and point to it there")
def css_remote(project):
    """Our stylesheets load nothing from another host (no @import, no url() to another site)."""
    for path in docs_files(project):
        if path.suffix.lower() == ".css":
            for number, line in enumerate(path.read_text(encoding="utf-8", errors="replace").split("\n"), 1):
                if CSS_REMOTE.search(line):
                    yield rel(project, path), number, "the stylesheet loads a file from another website"


@rule("image-size", "project", f"make it smaller than {IMAGE_LIMIT // 1024} KB: resize it to the width it is shown at "
                               "(at most 1600 pixels), save photos as JPEG at quality 80 or as WebP, or run it "
                               "through an optimiser such as squoosh.app or pngquant")
def image_size(project):
    """No image is larger than 200 KB."""
    for path in docs_files(project):
        size = path.stat().st_size
        if path.suffix.lower() in IMAGES and size > IMAGE_LIMIT:
            yield rel(project, path), None, f"the image is {size // 1024} KB (the limit is {IMAGE_LIMIT // 1024} KB)"


def page_bytes(site, built) -> int:
    """What a visitor downloads for a page: HTML, stylesheets and scripts compressed (as Netlify sends them), images."""
    total = len(gzip.compress(built.html.encode("utf-8"), 6))
    page_url = "http://site/" + built.relative
    for element in built.elements:
        src = (element.attrs.get("href") if element.tag == "link" and "stylesheet" in element.attrs.get("rel", "")
               else element.attrs.get("src") if element.tag in ("script", "img") else None)
        if not src:
            continue
        target = urlsplit(urljoin(page_url, src))
        file = site / unquote(target.path).lstrip("/")
        if target.netloc == "site" and file.is_file():
            data = file.read_bytes()
            total += len(data) if file.suffix in IMAGES else len(gzip.compress(data, 6))
    return total


@rule("page-weight", "html", f"make the page lighter: smaller or fewer images (see the image-size fix), or split a "
                             f"very long page in two; the budget is {PAGE_BUDGET // 1024} KB")
def page_weight(built, project):
    """A page with everything it loads stays within the page-weight budget (100 KB compressed)."""
    size = page_bytes(project.site, built)
    if size > PAGE_BUDGET:
        yield built.source, None, f"the page weighs {size // 1024} KB with its images, styles and scripts"


@rule("page-history", "site", "build from a full clone of the repository (Netlify clones the whole history; locally use "
                              "git clone without --depth, or git fetch --unshallow)", production_only=True)
def page_history(project):
    """Production reads every page's dates from git: the build runs in a git repository with its full history."""
    from kapsite.dates import history_problem
    problem = history_problem(project.root)
    if problem:
        yield ".git", None, problem
