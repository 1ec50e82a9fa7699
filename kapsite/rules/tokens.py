"""Rules on the two things staff write inside pages: clinic and help-line tokens, and citations."""
import re

from kapsite.clinic import help_keys, known_keys, render, render_help
from kapsite.md_citations import CITATION, cited_keys
from kapsite.md_clinic import TOKEN
from kapsite.rules import rule

TOKEN_LIKE = re.compile(r"\{+\s*(?:clinic|help)\s*\.[\w.]*\s*\}*")
CITATION_LIKE = re.compile(r"\[\s*@[^\]\n]*\]")


@rule("unknown-detail", "page", "use one of the names the message lists", needs=('config',))
def unknown_detail(page, project):
    """A `{{ clinic.KEY }}` or `{{ help.LINE.WAY }}` token names a detail that exists in mkdocs.yml."""
    for number, line in page.body():
        for match in TOKEN.finditer(line):
            kind, key = match.groups()
            try:
                render(project.clinic, key) if kind == "clinic" else render_help(project.help, key)
            except KeyError:
                known = known_keys(project.clinic) if kind == "clinic" else help_keys(project.help)
                yield number, f"unknown {kind} detail '{match.group(0)}'", \
                    "use one of " + ", ".join("{{ " + kind + "." + k + " }}" for k in known)
            except Exception:  # noqa: BLE001  (a malformed value: the clinic-detail rule names it)
                pass


@rule("unclosed-token", "page", "write the token with two braces on each side, e.g. {{ clinic.phone }}")
def unclosed_token(page, project):
    """A clinic or help-line token has two braces on each side (otherwise it is published as typed)."""
    for number, line in page.body():
        for match in TOKEN_LIKE.finditer(line):
            if not TOKEN.fullmatch(match.group(0)):
                yield number, f"'{match.group(0)}' is not a complete token"


@rule("unknown-citation", "page", "add the source to references.yml with this key, or correct the key's spelling", needs=('references',))
def unknown_citation(page, project):
    """Every `[@key]` citation names a source in references.yml."""
    for number, line in page.body():
        for match in re.finditer(CITATION, line):
            for key in cited_keys(match.group(1)):
                if key not in project.refs:
                    yield number, f"unknown citation key '{key}'"


@rule("citation-syntax", "page", "write one key as [@key] and several as [@first; @second], with semicolons")
def citation_syntax(page, project):
    """A citation is `[@key]` or `[@key1; @key2]` (anything else is published as typed)."""
    for number, line in page.body():
        for match in CITATION_LIKE.finditer(line):
            if not re.fullmatch(CITATION, match.group(0)):
                yield number, f"'{match.group(0)}' is not a citation the site understands"
