"""Publish checks on the built HTML: every internal link and anchor resolves; page content has no unsafe HTML."""
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from kapsite.check import Problem

SKIP_SCHEMES = ("http:", "https:", "mailto:", "tel:", "sms:", "javascript:", "data:")


class PageParser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids, self.links, self.unsafe = set(), [], []
        self.article_depth = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag == "a" and attrs.get("name"):
            self.ids.add(attrs["name"])
        for name in ("href", "src"):
            if attrs.get(name) is not None and tag in ("a", "link", "img", "script", "source"):
                self.links.append((self.getpos()[0], tag, attrs[name]))
        if tag == "article":
            self.article_depth += 1
        elif self.article_depth:
            if tag in ("script", "iframe", "object", "embed") and attrs.get("type") != "application/ld+json":
                self.unsafe.append((self.getpos()[0], f"a <{tag}> element in the page content"))
            if "style" in attrs:
                self.unsafe.append((self.getpos()[0], f"an inline style= attribute on <{tag}>"))

    def handle_endtag(self, tag):
        if tag == "article" and self.article_depth:
            self.article_depth -= 1


def source_name(site: Path, html: Path) -> str:
    relative = html.relative_to(site).as_posix()
    stem = relative.removesuffix("index.html").rstrip("/")
    return f"docs/{stem or 'index'}.md (built as {site.name}/{relative})"


def resolve(site: Path, page_url: str, href: str):
    """The built file a link points to (or None) and its #fragment."""
    target = urlsplit(urljoin(page_url, href))
    path = unquote(target.path).lstrip("/")
    candidates = [site / path] if path and not path.endswith("/") else []
    candidates += [site / path / "index.html"]
    return next((c for c in candidates if c.is_file()), None), target.fragment


def check_site(site: Path) -> list[Problem]:
    pages = {}
    for html in sorted(site.rglob("*.html")):
        parser = PageParser()
        parser.feed(html.read_text(encoding="utf-8"))
        pages[html] = parser
    problems = []
    for html, parser in pages.items():
        if html.name == "404.html" and html.parent == site:
            continue  # served at any address, so its links are absolute and checked on the other pages
        where = source_name(site, html)
        page_url = "http://site/" + html.relative_to(site).as_posix()
        for line, what in parser.unsafe:
            problems.append(Problem(where, None, f"the built page contains {what}",
                                    "remove it from the Markdown source (see CONTRIBUTING.md)"))
        for line, tag, href in parser.links:
            if href.startswith(SKIP_SCHEMES) or href.startswith("//") or href == "":
                continue
            target, fragment = resolve(site, page_url, href)
            if target is None:
                problems.append(Problem(where, None, f"the link '{href}' leads to a page that does not exist",
                                        "correct the link to a .md file in docs/, relative to this page"))
            elif fragment and target.suffix == ".html" and fragment not in pages[target].ids:
                problems.append(Problem(where, None, f"the link '{href}' points to a section '#{fragment}' "
                                        f"that does not exist on that page",
                                        "use the heading's anchor: lowercase, spaces as hyphens, no punctuation"))
    return problems
