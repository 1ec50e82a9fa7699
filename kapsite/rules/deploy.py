"""Rules on netlify.toml: the build command runs these checks, the security headers are present and strict, the CSP
allows exactly the theme's known inline scripts, and every redirect lands on a page of this site."""
import re
import tomllib

from kapsite.allowlist import INLINE_SCRIPTS
from kapsite.rules import rule
from kapsite.rules.active import inline_scripts

NETLIFY = "netlify.toml"
CSP_REQUIRED = {  # directive -> the values it may have
    "default-src": {"'self'"}, "style-src": {"'self'"}, "object-src": {"'none'"}, "base-uri": {"'self'", "'none'"},
    "form-action": {"'self'", "'none'"}, "frame-ancestors": {"'none'"},
    "img-src": {"'self'", "data:"}, "font-src": {"'self'"}, "connect-src": {"'self'"}, "worker-src": {"'self'"},
    "manifest-src": {"'self'"},
}
CODE_KEYS = ("plugins", "edge_functions", "functions")  # code Netlify would run at build time or on every request
CODE_FOLDERS = ("netlify/functions", "netlify/edge-functions")  # found by Netlify even when netlify.toml is silent
SECURITY_HEADERS = ("Content-Security-Policy", "Strict-Transport-Security", "X-Content-Type-Options",
                    "Referrer-Policy", "Permissions-Policy", "X-Frame-Options")
STRICT_REFERRERS = ("no-referrer", "same-origin", "strict-origin", "strict-origin-when-cross-origin")


def load(project):
    """(parsed netlify.toml or None, problem or None)."""
    try:
        return tomllib.loads((project.root / NETLIFY).read_text(encoding="utf-8")), None
    except FileNotFoundError:
        return None, (1, "netlify.toml is missing")
    except tomllib.TOMLDecodeError as error:
        line = re.search(r"line (\d+)", str(error))
        return None, (int(line.group(1)) if line else 1, f"netlify.toml is not valid TOML ({error})")


def line_of(project, needle, default=None, nth=1):
    """The nth line (not a comment) of netlify.toml holding `needle`."""
    for number, line in enumerate(project.file_lines(NETLIFY), 1):
        if needle in line and not line.lstrip().startswith("#"):
            nth -= 1
            if not nth:
                return number
    return default


def site_headers(config) -> dict:
    return next((h.get("values", {}) for h in config.get("headers", []) if h.get("for") == "/*"), {})


def csp_directives(value: str) -> dict:
    out = {}
    for part in value.split(";"):
        words = part.split()
        if words:
            out[words[0].lower()] = words[1:]
    return out


@rule("netlify-build", "project", "keep netlify.toml's build command as 'python -m pip install --quiet -r "
                                  "requirements.txt && python -m kapsite.build site' and publish = \"site\"")
def netlify_build(project):
    """Netlify's build command runs our build (with every check) and publishes its output, nothing else."""
    config, problem = load(project)
    if problem:
        yield NETLIFY, *problem, "correct the line (compare with the file's history)"
        return
    build = config.get("build", {})
    command = str(build.get("command", ""))
    line = line_of(project, "command", 1)
    if not re.search(r"(?:^|&&\s*)python3? -m kapsite\.build site\s*$", command):
        yield NETLIFY, line, f"the build command {command!r} does not end with our build (python -m kapsite.build site)"
    if re.search(r"\bmkdocs\b|\bzensical\b|;|\|\||(?<!&)&(?!&)|`|\$\(", command):
        yield NETLIFY, line, f"the build command {command!r} runs something besides our build"
    if build.get("publish") != "site":
        yield NETLIFY, line_of(project, "publish", 1), f"publish is {build.get('publish')!r}, not \"site\""
    for key in CODE_KEYS:
        if config.get(key) or (build.get(key) if isinstance(build, dict) else None):
            yield NETLIFY, line_of(project, key, 1), f"netlify.toml adds {key} (code Netlify runs besides our build; a " \
                "plugin or edge function could change pages after the checks)", f"delete the {key} section"
    for folder in CODE_FOLDERS:
        if (project.root / folder).exists():
            yield folder, None, f"the folder {folder} holds code Netlify would deploy with the site", \
                "delete the folder: the site has no server code"
    for context, settings in (config.get("context") or {}).items():
        if isinstance(settings, dict) and ("command" in settings or "publish" in settings):
            yield NETLIFY, line_of(project, f"[context.{context}", 1), \
                f"the {context} context has its own build command or folder", "delete it: every context runs the same build"


@rule("netlify-headers", "project", "restore the security headers in netlify.toml (see the file's history); they "
                                    "keep scripts, frames and other sites out")
def netlify_headers(project):
    """netlify.toml sends strict security headers on every path: a CSP without unsafe-inline or unsafe-eval and with
    frame-ancestors 'none', HSTS for a year, nosniff, a strict Referrer-Policy, a Permissions-Policy, DENY framing."""
    config, problem = load(project)
    if problem:
        return
    headers = site_headers(config)
    at = line_of(project, 'for = "/*"', 1)
    for name in SECURITY_HEADERS:
        if name not in headers:
            yield NETLIFY, at, f"the {name} header is missing from the headers for \"/*\""
    csp = csp_directives(str(headers.get("Content-Security-Policy", "")))
    if headers.get("Content-Security-Policy") is not None:
        csp_line = line_of(project, "Content-Security-Policy", at)
        for directive, allowed in CSP_REQUIRED.items():
            if directive not in csp or not set(csp[directive]) <= allowed:
                yield NETLIFY, csp_line, f"the CSP's {directive} is {' '.join(csp.get(directive, ['missing']))!r}, " \
                                         f"not one of {sorted(allowed)}"
        script = csp.get("script-src", [])
        if not script or script[0] != "'self'" or any(not re.fullmatch(r"'sha256-[A-Za-z0-9+/=]+'", s)
                                                      for s in script[1:]):
            yield NETLIFY, csp_line, f"the CSP's script-src is {' '.join(script) or 'missing'!r}; it may only be " \
                                     "'self' and the hashes of the theme's known scripts"
    hsts = str(headers.get("Strict-Transport-Security", ""))
    age = re.search(r"max-age=(\d+)", hsts)
    if "Strict-Transport-Security" in headers and (not age or int(age.group(1)) < 31536000):
        yield NETLIFY, line_of(project, "Strict-Transport-Security", at), "HSTS max-age is under a year"
    checks = {"X-Content-Type-Options": lambda v: v == "nosniff", "X-Frame-Options": lambda v: v == "DENY",
              "Referrer-Policy": lambda v: v in STRICT_REFERRERS,
              "Permissions-Policy": lambda v: all(f in v for f in ("camera=()", "microphone=()", "geolocation=()"))}
    for name, ok in checks.items():
        if name in headers and not ok(str(headers[name]).strip()):
            yield NETLIFY, line_of(project, name, at), f"the {name} header is weakened ({headers[name]!r})"
    seen = {}
    for block in config.get("headers", []):
        values = set(block.get("values", {}))
        seen[block.get("for")] = seen.get(block.get("for"), 0) + 1
        if block.get("for") == "/*" and seen["/*"] == 1:
            pass
        elif values & set(SECURITY_HEADERS):
            yield NETLIFY, line_of(project, f'for = "{block.get("for")}"', at, seen[block.get("for")]), \
                f"the headers for {block.get('for')!r} set a security header again (it would override the strict one)"
        for name in sorted(values - set(SECURITY_HEADERS) - {"Cache-Control"}):
            yield NETLIFY, line_of(project, name, at), f"netlify.toml sends the header {name!r}, which the site does " \
                "not use (a Refresh or Link header could redirect visitors or load files from elsewhere)", \
                "delete it; only the security headers and Cache-Control belong here"


@rule("csp-hashes", "site", "run `make csp` and paste its output as the Content-Security-Policy in netlify.toml")
def csp_hashes(project):
    """The CSP's script hashes are exactly those of the theme's known inline scripts in the built site."""
    config, problem = load(project)
    if problem or "Content-Security-Policy" not in site_headers(config):
        return
    csp = csp_directives(site_headers(config)["Content-Security-Policy"])
    listed = set(csp.get("script-src", [])[1:])
    found = {digest for built in project.built_pages() for _, digest in inline_scripts(built)}
    needed = found & set(INLINE_SCRIPTS)
    line = line_of(project, "Content-Security-Policy")
    for digest in sorted(listed - needed):
        yield NETLIFY, line, f"the CSP allows the script hash {digest}, which is not one of the theme's known scripts " \
                             "in this site"
    for digest in sorted(needed - listed):
        yield NETLIFY, line, f"the CSP does not allow {digest} ({INLINE_SCRIPTS[digest]}), so the theme would break"


@rule("redirect-target", "site", "point the redirect at an existing page of this site, e.g. to = \"/treatment/safety/\"")
def redirect_target(project):
    """Every redirect in netlify.toml lands on a page of this site that exists; none is forced over a real page."""
    config, problem = load(project)
    if problem:
        return
    redirects = config.get("redirects", [])
    for index, item in enumerate(redirects):
        source, target = str(item.get("from", "")), str(item.get("to", ""))
        line = line_of(project, f'from = "{source}"')
        if not target.startswith("/") or target.startswith("//"):
            yield NETLIFY, line, f"the redirect from {source!r} goes to another site ({target!r})"
            continue
        path = target.split("?")[0].split("#")[0].lstrip("/")
        if path.endswith("*") or ":" in path:
            continue
        file = project.site / path
        if not ((file / "index.html").is_file() or (file.is_file())):
            yield NETLIFY, line, f"the redirect from {source!r} goes to {target!r}, which is not a page of the built site"
        if item.get("force"):
            yield NETLIFY, line, f"the redirect from {source!r} is forced (it would hide a real page)", \
                "delete 'force = true'"
        if source == "/*" and index != len(redirects) - 1:
            yield NETLIFY, line, "the catch-all redirect (from = \"/*\") is not the last one, so the ones after it " \
                                 "never apply", "move it to the end of the redirects"
