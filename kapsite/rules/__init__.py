"""The publish rules: everything that must stop a page from going live.

Each rule is one small unit, like a linter's: an id, what it checks (its docstring), the fix, and its own fixtures
in tests/rules/<id>/. A rule is a function registered with @rule; it yields hits:

- scope "page":    rule(page, project) yields (line, message) or (line, message, fix), for every Markdown page;
- scope "project": rule(project) yields (path, line, message) or (path, line, message, fix): configuration files,
                   other files, things that span pages;
- scope "html":    rule(built, project) yields (path, line, message[, fix]) for every built HTML page, after MkDocs
                   (project.locate finds the page, template or configuration line a piece of HTML came from);
- scope "site":    rule(project) yields like a project rule, once, after MkDocs (the built site is project.site).

One escape for every rule: a comment `<!-- kap-allow RULE-ID: the reason -->` (`# kap-allow ...` in YAML) on the
line it excuses, or alone on the line above it. The reason is required; every escape is listed by
`make go-live-check`.
"""
import re
from dataclasses import dataclass

RULES: dict[str, "Rule"] = {}
ESCAPE = re.compile(r"(?:<!--|#)\s*kap-allow\b\s*([\w-]*)\s*(?::\s*(.*?))?\s*(?:-->|$)")
ESCAPE_COMMENT = re.compile(r"<!--\s*kap-allow\b.*?-->")
LOAD_RULES = ("file-encoding", "front-matter")  # the page rules that also see pages which could not be read


@dataclass(frozen=True)
class Rule:
    id: str
    scope: str
    fix: str
    func: object
    warning: bool = False
    production_only: bool = False
    needs: tuple = ()  # "config" (mkdocs.yml), "references": skipped when that file could not be read

    @property
    def summary(self) -> str:
        return (self.func.__doc__ or "").strip().splitlines()[0]


def rule(id, scope, fix, warning=False, production_only=False, needs=()):
    def register(func):
        assert id not in RULES, f"rule id {id} used twice"
        RULES[id] = Rule(id, scope, fix, func, warning, production_only, tuple(needs))
        return func
    return register


@dataclass
class Problem:
    path: str
    line: int | None
    message: str
    fix: str
    rule: str = ""
    warning: bool = False

    def __str__(self):
        where = f"{self.path}:{self.line}" if self.line else self.path
        kind = "warning" if self.warning else "error"
        tag = f" [{self.rule}]" if self.rule else ""
        return f"{where}: {kind}: {self.message}. Fix: {self.fix.rstrip('.')}.{tag}"


@dataclass
class Escape:
    path: str
    line: int
    rule: str
    reason: str
    used: bool = False


def scan_escapes(path: str, lines: list[str]) -> list[Escape]:
    """Every escape comment in a file; an escape alone on its line covers the next line too."""
    found = []
    for number, text in enumerate(lines, 1):
        for match in ESCAPE.finditer(text):
            found.append(Escape(path, number, match.group(1), (match.group(2) or "").strip()))
    return found


def escaped(escapes: list[Escape], path: str, line: int | None, rule_id: str, lines: list[str]) -> bool:
    for escape in escapes:
        if escape.path != path or escape.rule != rule_id or line is None:
            continue
        alone = ESCAPE.sub("", lines[escape.line - 1]).strip() in ("", "-->")
        if escape.line == line or (alone and escape.line == line - 1):
            escape.used = True
            return True
    return False


def _normalise(hit, path):
    """A rule's hit as (path, line, message, fix or None)."""
    if path is not None:
        hit = (path,) + tuple(hit)
    path, line, message, *fix = hit
    return str(path), line, message, (fix[0] if fix else None)


def run(project, scopes) -> list[Problem]:
    """Run every rule of the given scopes on the project; escapes applied, unknown and unused escapes reported."""
    from kapsite.rules import catalogue  # noqa: F401  (registers the rules)
    problems = []
    for item in RULES.values():
        if item.scope not in scopes or (item.production_only and not project.production):
            continue
        unread = {"config": project.config_file, "references": project.references_file}
        if any(unread[need] in project.errors for need in item.needs):
            continue  # the file it reads has a mistake, reported once by yaml-file; its knock-on messages would hide it
        if item.scope == "page":
            pages = [p for p in project.pages if p.ok or item.id in LOAD_RULES]
            hits = [_normalise(h, p.rel) for p in pages for h in item.func(p, project)]
        elif item.scope == "html":
            hits = [_normalise(h, None) for b in project.built_pages() for h in item.func(b, project)]
        else:
            hits = [_normalise(h, None) for h in item.func(project)]
        for path, line, message, fix in dict.fromkeys(hits):  # a template's mistake is reported once, not per page
            if not escaped(project.escapes, path, line, item.id, project.file_lines(path)):
                problems.append(Problem(path, line, message, fix or item.fix, item.id, item.warning))
    if "page" in scopes:
        problems += escape_problems(project)
    return problems


def escape_problems(project) -> list[Problem]:
    out = []
    for escape in project.escapes:
        if escape.rule not in RULES:
            out.append(Problem(escape.path, escape.line, f"the escape names the rule '{escape.rule}', which does not "
                               "exist", "copy the rule id from the end of the message you want to excuse, e.g. "
                               "<!-- kap-allow banned-words: the reason -->", "escape"))
        elif not escape.reason:
            out.append(Problem(escape.path, escape.line, f"the escape for '{escape.rule}' gives no reason",
                               f"write why the rule does not apply here: <!-- kap-allow {escape.rule}: the reason -->",
                               "escape"))
    return out


def unused_escapes(project, scopes) -> list[Problem]:
    """Escapes that excused nothing (checked once every scope has run)."""
    return [Problem(e.path, e.line, f"the escape for '{e.rule}' excuses nothing on this line or the next",
                    "delete the escape comment (the problem it excused is gone)", "escape")
            for e in project.escapes if e.rule in RULES and not e.used and e.reason
            and RULES[e.rule].scope in scopes and (project.production or not RULES[e.rule].production_only)]
