"""Rules on active content in the built site: nothing runs but the reviewed scripts, nothing loads from another host,
nothing redirects or submits. They read the built HTML, so they cover pages, templates, the clinic's details and
the references alike; each message names the source line where it can be found."""
import base64
import hashlib
import re
from urllib.parse import urljoin, urlsplit

from kapsite.allowlist import DATA_TYPES, INLINE_SCRIPTS, SCRIPT_FILES, THEME_FILES
from kapsite.rules import rule

URL_ATTRS = ("href", "src", "action", "formaction", "xlink:href", "poster", "data", "background", "cite", "srcset",
             "ping", "manifest", "codebase", "archive", "longdesc", "lowsrc", "dynsrc")
LOADING_ATTRS = ("src", "srcset", "poster", "data", "background", "lowsrc", "dynsrc")
FRAMES = ("iframe", "object", "embed", "frame", "frameset", "applet", "portal", "fencedframe")
# The site's browser-only tools: Material's search and colour-scheme forms, the self-check, the decision worksheet.
FORMS_ALLOWED = {("name", "search"), ("data-md-component", "palette"), ("id", "phq9"), ("id", "kap-worksheet")}
LINK_RELS_ALLOWED = {"canonical", "alternate"}


def scheme(value: str) -> str:
    """The URL scheme as a browser reads it (whitespace and control characters inside are ignored)."""
    cleaned = re.sub(r"[\x00-\x20]", "", value).lower()
    return cleaned.split(":", 1)[0] if re.match(r"[a-z][a-z0-9+.-]*:", cleaned) else ""


def other_host(value: str) -> bool:
    cleaned = re.sub(r"[\x00-\x20]", "", value).lower()
    return cleaned.startswith(("//", "http:", "https:", "ftp:")) or "\\\\" in cleaned[:3]


def where(project, built, *needles):
    for needle in needles:
        if needle:
            found = project.locate(needle, built.source)
            if found[1]:
                return found
    return built.source, None


@rule("event-handler", "html", "remove the attribute: pages cannot run code (a script in docs/static/js, on the "
                               "allowlist, can)")
def event_handler(built, project):
    """No element has an event-handler attribute (onclick=, onload=, onerror=...)."""
    for element in built.elements:
        for name in element.attrs:
            if name.startswith("on"):
                yield *where(project, built, f"{name}="), f"<{element.tag} {name}=...> runs code"


@rule("script-url", "html", "link to a page or a web address (https://...); data: is allowed only for images")
def script_url(built, project):
    """No link or source uses a javascript:, vbscript: or data: address (data: images excepted), in any spelling."""
    for element in built.elements:
        for name in URL_ATTRS:
            value = element.attrs.get(name)
            if value is None:
                continue
            kind = scheme(value)
            image = element.tag == "img" and name == "src" and re.match(r"data:image/(png|jpe?g|gif|webp|avif)[;,]",
                                                                        re.sub(r"\s", "", value).lower())
            if kind in ("javascript", "vbscript", "livescript") or (kind == "data" and not image):
                yield *where(project, built, value[:40], element.text.strip()[:30], value.strip()[:12]), \
                    f"<{element.tag} {name}=\"{value[:50]}\"> uses a {kind}: address"


@rule("style-element", "html", "move the rules to docs/static/css/site.css")
def style_element(built, project):
    """No <style> element (the CSP forbids inline styles; one also could load files from elsewhere with @import)."""
    for element in built.find("style"):
        yield *where(project, built, "<style"), "a <style> element"


@rule("inline-style", "html", "remove the style= attribute; give the element a class styled in site.css")
def inline_style(built, project):
    """No style= attribute (the CSP forbids inline styles)."""
    for element in built.elements:
        if "style" in element.attrs:
            yield *where(project, built, "style="), f"an inline style= attribute on <{element.tag}>"


@rule("meta-refresh", "html", "remove it; a page that moved gets a redirect in netlify.toml (CONTRIBUTING.md, 'When a "
                              "page moves')")
def meta_refresh(built, project):
    """No <meta http-equiv="refresh"> (it could send a visitor of the crisis page to another site)."""
    for element in built.find("meta"):
        if element.attrs.get("http-equiv", "").strip().lower() == "refresh":
            yield *where(project, built, "http-equiv"), "a <meta http-equiv=\"refresh\"> that reloads or redirects"


@rule("base-element", "html", "remove the <base> element; links are relative to their page")
def base_element(built, project):
    """No <base> element (it would change where every relative link and script points)."""
    for element in built.find("base"):
        yield *where(project, built, "<base"), "a <base> element"


@rule("form", "html", "remove the form: the site collects nothing (contact is by phone, email or the clinic's booking "
                      "page); browser-only tools are added by a developer with an allowlisted id")
def form(built, project):
    """No form sends anything: a <form> has no action, method or target, and is one of the allowlisted tools
    (search, the self-check, the decision worksheet)."""
    for index, element in enumerate(built.elements):
        if element.tag != "form":
            continue
        sending = [a for a in ("action", "method", "target") if a in element.attrs]
        known = any(element.attrs.get(k) == v for k, v in FORMS_ALLOWED)
        if sending or not known:
            what = f"with {', '.join(sending)}" if sending else "that is not one of the site's tools"
            needles = [f'{k}="{element.attrs[k]}"' for k in ("id", "name", "action", "class") if element.attrs.get(k)]
            yield *where(project, built, *needles, "<form"), f"a <form> {what}"
        elif element.attrs.get("id") and not first_submit_disabled(built.elements[index + 1:]):
            yield *where(project, built, f'id="{element.attrs["id"]}"'), \
                f"the form {element.attrs['id']!r} has no disabled first submit button, so pressing Enter could send it " \
                "and put the answers in the address bar", 'make its first element <button type="submit" disabled ' \
                'hidden>Nothing to send</button>'
    for element in built.elements:
        if element.tag in ("button", "input") and "formaction" in element.attrs:
            yield *where(project, built, "formaction="), f"a <{element.tag} formaction=...> that sends a form"


def first_submit_disabled(following) -> bool:
    """Whether the first submit button after a form's start (and before the next form) is disabled."""
    for element in following:
        if element.tag == "form":
            return False
        is_submit = (element.tag == "button" and element.attrs.get("type", "submit") == "submit") or \
            (element.tag == "input" and element.attrs.get("type") in ("submit", "image"))
        if is_submit:
            return "disabled" in element.attrs
    return False


@rule("embedded-frame", "html", "remove it and link to the other site instead")
def embedded_frame(built, project):
    """No embedded frame or object (<iframe>, <object>, <embed>...): embeds load other sites and track visitors."""
    for element in built.elements:
        if element.tag in FRAMES:
            yield *where(project, built, f"<{element.tag}"), f"an embedded <{element.tag}>"


@rule("external-resource", "html", "save the file in docs/static and use it from there; an ordinary link to another "
                                   "site is fine")
def external_resource(built, project):
    """Nothing loads from another host: no image, video, audio, source, track, srcset, stylesheet, icon or preload
    from another site, and no ping= click reports (links people click are fine)."""
    for element in built.elements:
        for name in LOADING_ATTRS:
            value = element.attrs.get(name, "")
            parts = [p.strip().split(" ")[0] for p in value.split(",")] if name == "srcset" else [value]
            if any(other_host(p) for p in parts):
                yield *where(project, built, value[:40]), f"<{element.tag} {name}=\"{value[:60]}\"> loads a file " \
                                                          "from another website"
        if element.attrs.get("ping"):
            yield *where(project, built, "ping="), f"<{element.tag} ping=...> reports each click to another address"
        href = element.attrs.get("href", "") or element.attrs.get("xlink:href", "")
        rels = set(element.attrs.get("rel", "").lower().split())
        loads = element.tag == "link" and not rels <= LINK_RELS_ALLOWED or element.tag in ("image", "use", "feimage")
        if loads and other_host(href):
            yield *where(project, built, href[:40]), f"<{element.tag} href=\"{href[:60]}\"> loads a file from another " \
                                                     "website"


def script_hash(body: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode() + "'"


def inline_scripts(built):
    """(element, hash) of every executable inline script of a built page."""
    for element in built.find("script"):
        if "src" not in element.attrs and element.attrs.get("type", "").lower() not in DATA_TYPES:
            yield element, script_hash(element.text)


@rule("inline-script", "html", "remove it: our code lives in docs/static/js and is listed in kapsite/allowlist.py; if "
                               "it is Material's own after an upgrade, a developer reviews it and adds its hash there")
def inline_script(built, project):
    """Every inline script is one of the theme's known scripts (kapsite/allowlist.py, by hash)."""
    for element, digest in inline_scripts(built):
        if digest not in INLINE_SCRIPTS:
            snippet = " ".join(element.text.split())[:60]
            yield *where(project, built, element.text.strip()[:30], "<script"), \
                f"an inline script that is not one of the theme's known scripts ({snippet!r})"


def script_allowed(path: str, page_src: str) -> bool:
    if THEME_FILES.search(path):
        return True
    pages = SCRIPT_FILES.get(path, (None,))[0]
    return pages == "every page" or pages == page_src


@rule("script-file", "html", "use only the script files listed in kapsite/allowlist.py, for the pages listed there")
def script_file(built, project):
    """Every script file a page loads is on the allowlist, for that page: a <script src>, or a script preload, which
    static/js/after-paint.js runs."""
    page_url = "http://site/" + built.relative
    preloads = [e for e in built.find("link") if e.attrs.get("as", "").lower() == "script"
                and {"preload", "modulepreload"} & set(e.attrs.get("rel", "").lower().split())]
    for element in built.find("script") + preloads:
        src = element.attrs.get("href" if element.tag == "link" else "src")
        if src is None:
            continue
        target = urlsplit(urljoin(page_url, src))
        path = target.path.lstrip("/") if target.netloc == "site" else src
        if not script_allowed(path, built.source.removeprefix("docs/")):
            yield *where(project, built, path.rsplit("/", 1)[-1]), f"the page loads the script {src!r}, which is " \
                                                                    "not on the allowlist for this page"


@rule("page-script", "page", "name only a script listed in kapsite/allowlist.py for this page, like "
                             "static/js/self-check.js on the self-check")
def page_script(page, project):
    """A page's front matter (scripts:) names only allowlisted script files meant for that page."""
    scripts = page.meta.get("scripts") or []
    for index, script in enumerate(scripts if isinstance(scripts, list) else [scripts]):
        if not script_allowed(str(script), page.src) or not (project.docs / str(script)).is_file():
            line = page.meta_lines.line("scripts", index) if isinstance(scripts, list) else page.meta_line("scripts")
            yield line, f"the script {script!r} is not on the allowlist for this page"


@rule("script-pin", "project", "a developer reads the change, then updates the file's sha256 in kapsite/allowlist.py "
                               "(python -m kapsite.check pins prints it); a new script file is added there the same way")
def script_pin(project):
    """Every script file under docs/ is on the allowlist, unchanged since a developer reviewed it (its sha256)."""
    for path in sorted(project.docs.rglob("*")):
        if path.suffix.lower() not in (".js", ".mjs") or not path.is_file():
            continue
        name = path.relative_to(project.docs).as_posix()
        entry = SCRIPT_FILES.get(name)
        if entry is None:
            yield "docs/" + name, None, "a script file that is not on the allowlist"
        elif hashlib.sha256(path.read_bytes()).hexdigest() != entry[2]:
            yield "docs/" + name, None, "the script has changed since a developer reviewed it"
