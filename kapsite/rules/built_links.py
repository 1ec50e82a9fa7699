"""Rule on links in the built site: every link within the site, in pages and templates, resolves."""
from urllib.parse import unquote, urljoin, urlsplit

from kapsite.rules import rule

SKIP = ("http:", "https:", "mailto:", "tel:", "sms:", "javascript:", "data:", "//")


def resolve(site, page_url, href):
    """The built file a link points to (or None) and its #fragment."""
    target = urlsplit(urljoin(page_url, href))
    path = unquote(target.path).lstrip("/")
    candidates = [site / path] if path and not path.endswith("/") else []
    candidates += [site / path / "index.html"]
    return next((c for c in candidates if c.is_file()), None), target.fragment


@rule("built-link", "html", "correct the link to a .md file in docs/ (relative to the page), or the section's anchor")
def built_link(built, project):
    """Every link and file reference within the built site leads to a file, and to a section, that exists."""
    if built.relative == "404.html":
        return  # served at any address, so its links are absolute and checked on the other pages
    ids = {}
    page_url = "http://site/" + built.relative
    for element in built.elements:
        for name in ("href", "src"):
            href = element.attrs.get(name)
            if href is None or element.tag not in ("a", "link", "img", "script", "source") or href == "" \
                    or href.lower().startswith(SKIP):
                continue
            target, fragment = resolve(project.site, page_url, href)
            if target is None:
                yield *project.locate(href, built.source), f"the link '{href}' leads to a page that does not exist"
            elif fragment and target.suffix == ".html":
                if target not in ids:
                    ids[target] = {e.attrs.get("id") for e in project.built_page(target).elements} | \
                                  {e.attrs.get("name") for e in project.built_page(target).find("a")}
                if fragment not in ids[target]:
                    yield *project.locate(href, built.source), \
                        f"the link '{href}' points to a section '#{fragment}' that does not exist on that page"
