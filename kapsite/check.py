"""Publish checks: stop a page with a mistake from reaching the public (the rules are in kapsite/rules/).

    python -m kapsite.check source       # the rules on the sources: pages, mkdocs.yml, references.yml, netlify.toml
    python -m kapsite.check html SITE    # the rules on a built site
    python -m kapsite.check review-due   # every page that needs clinical review, with its status, by due date
    python -m kapsite.check go-live      # the production checks without building: what is left before launch
    python -m kapsite.check rules        # every rule with its id and what it checks
    python -m kapsite.check pins         # the sha256 of each script file, for kapsite/allowlist.py (developers)
    python -m kapsite.check review-lines docs/PAGE.md   # the front matter lines that record a review done today

Every message names the file, the line where there is one, the fix and the rule's id.
"""
import datetime as dt
import sys

from kapsite import rules
from kapsite.project import Project

SOURCE, BUILT = ("page", "project"), ("html", "site")


def report(problems) -> int:
    errors = [p for p in problems if not p.warning]
    for problem in problems:
        print(problem, file=sys.stderr)
    if errors:
        print(f"\n{len(errors)} problem(s) must be fixed before this site can be published. "
              "See CONTRIBUTING.md, 'What the messages mean'.", file=sys.stderr)
    return 1 if errors else 0


def review_rows(project):
    rows = []
    for page in project.pages:
        if page.ok and page.needs_review:
            meta = page.meta
            due = meta.get("next_review")
            status = ("review pending" if meta.get("last_reviewed") in (None, "", "pending")
                      else "DUE" if isinstance(due, dt.date) and due < project.today else "ok")
            rows.append((str(due) if due else "-", status, str(meta.get("last_reviewed")), page.rel))
    return sorted(rows, key=lambda r: (r[0] == "-", r[0], r[3]))


def review_due(project):
    print(f"{'next review':<12} {'status':<15} {'last reviewed':<14} page")
    for due, status, last, path in review_rows(project):
        print(f"{due:<12} {status:<15} {last:<14} {path}")
    return 0


def go_live(project):
    """The production checks on the sources, as a checklist (the HTML checks need a build: make build)."""
    from kapsite.rules.config import placeholders
    problems = rules.run(project, SOURCE)
    left = list(placeholders(project))
    groups = {
        "Clinic details in mkdocs.yml": [p for p in left if p[0] == "mkdocs.yml" and "> clinicians" not in p[2]
                                         and "> reviewers" not in p[2]],
        "Clinicians and their licences": [p for p in left if "> clinicians" in p[2]],
        "Clinical reviewers": [p for p in left if "> reviewers" in p[2]],
        "Pages and texts the clinic supplies": [p for p in left if p[0] != "mkdocs.yml"],
        "Pages waiting for clinical review": [(p.path, p.line, p.message, p.fix) for p in problems
                                              if p.rule == "review-pending"],
        "Other problems the production build refuses": [(p.path, p.line, p.message, p.fix) for p in problems
                                                        if p.rule not in ("placeholder", "review-pending")
                                                        and not p.warning],
    }
    print("Go-live checklist (what a production build still refuses)\n")
    for title, items in groups.items():
        print(f"{'[ ]' if items else '[x]'} {title}: {len(items) or 'done'}")
        for path, line, message, fix in items:
            print(f"      {path}:{line or ''} {message}. Fix: {fix}.")
    exempt = [p for p in project.pages if p.ok and p.meta.get("review_exempt")]
    print(f"\nPages declared as needing no clinical review: {len(exempt) or 'none'}")
    for page in exempt:
        print(f"      {page.rel}: {page.meta['review_exempt']}")
    print(f"\nRule escapes (each excuses one line from one rule): {len(project.escapes) or 'none'}")
    for escape in project.escapes:
        print(f"      {escape.path}:{escape.line} {escape.rule}: {escape.reason or '(no reason given)'}")
    remaining = sum(len(items) for items in groups.values())
    print(f"\n{'Ready to go live' if not remaining else f'Not ready: {remaining} item(s) left'}. "
          "(The checks on the built pages run in `make build`.)")
    return 1 if remaining else 0


def list_rules():
    from kapsite.rules import catalogue  # noqa: F401
    for item in sorted(rules.RULES.values(), key=lambda r: (r.scope, r.id)):
        print(f"{item.id:<22} {item.scope:<8} {item.summary}")
    return 0


def pins():
    import hashlib
    for path in sorted(Project().docs.rglob("*.js")):
        print(f"{hashlib.sha256(path.read_bytes()).hexdigest()}  {path.relative_to('docs').as_posix()}")
    return 0


def review_lines(path) -> int:
    """The lines to paste into a page's front matter once a clinician has reviewed the whole page today."""
    from kapsite.dates import body_version
    from kapsite.rules.review import MAX_REVIEW_YEARS, add_years
    project = Project()
    page = next((p for p in project.pages if p.rel == path or p.src == path), None)
    if page is None or not page.ok:
        print(f"{path}: no such page (give its path, e.g. docs/conditions/ptsd.md)", file=sys.stderr)
        return 2
    print(f"last_reviewed: {project.today.isoformat()}\n"
          f"next_review: {add_years(project.today, MAX_REVIEW_YEARS).isoformat()}   # or sooner\n"
          f"reviewed_version: \"{body_version(page.text)}\"   # the page as it is now: review this version")
    return 0


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    command = argv[0] if argv else "source"
    if command == "source":
        return report(rules.run(Project(), SOURCE))
    if command == "html":
        project = Project(site=argv[1] if len(argv) > 1 else "site")
        return report(rules.run(project, BUILT))
    if command == "review-due":
        return review_due(Project())
    if command == "go-live":
        return go_live(Project(production=True))
    if command == "rules":
        return list_rules()
    if command == "pins":
        return pins()
    if command == "review-lines" and len(argv) > 1:
        return review_lines(argv[1])
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
