"""Every publish rule refuses its bad fixtures and accepts its good ones, through the real build command.

Fixtures live in tests/rules/<rule-id>/ (see tests/rules/README.md):
- page and html rules: bad*.md and good*.md pages. A flagged line ends with `<!-- expect -->` (`# expect` in front
  matter), or the page has a sidecar <name>.lines listing the flagged lines. Pages under a docs/ subfolder of the
  fixture are placed at that path; the others at docs/rules/<rule-id>/.
- project and site rules: cases.yml, with `bad` and `good` cases: edits to the fixture project's files, files to
  add, the build's environment, and for bad cases where the message must point ("file" or "file:text on the line").

All bad pages of the page rules are built together (the build stops at the source rules and lists them all), all
bad pages of the html rules together, and all good pages together: three builds for those rules.
"""
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import build_env
from fixture_project import build, commit, edit, make, write
from kapsite.rules import RULES
from kapsite.rules import catalogue  # noqa: F401  (registers every rule)

RULES_DIR = Path(__file__).parent / "rules"
LINE = re.compile(r"^(?P<path>.+?):(?:(?P<line>\d+):)? (?P<kind>error|warning): .* \[(?P<rule>[\w-]+)\]$")
PRODUCTION = {"CONTEXT": "production"}


def by_scope(*scopes):
    return sorted(r.id for r in RULES.values() if r.scope in scopes)


def placed(rule_id: str, fixture: Path) -> str:
    """Where a fixture page goes in the fixture site: docs/x/bad-y.md at x/y.md, the others in rules/<rule-id>/."""
    relative = fixture.relative_to(RULES_DIR / rule_id)
    if relative.parts[0] == "docs":
        return Path(*relative.parts[1:-1], re.sub(r"^(bad|good)-", "", relative.name)).as_posix()
    return f"rules/{rule_id}/{relative.as_posix()}"


def pages(rule_id, prefix):
    return sorted(p for p in (RULES_DIR / rule_id).rglob(f"{prefix}*.md"))


def expected_lines(fixture: Path) -> set:
    sidecar = fixture.with_name(fixture.name + ".lines")
    if sidecar.exists():
        return {int(n) for n in sidecar.read_text().split()}
    text = fixture.read_bytes().decode("utf-8", errors="replace")
    return {n for n, line in enumerate(text.split("\n"), 1) if re.search(r"(<!-- expect -->|# expect)\s*$", line)}


def problems(output):
    return [m.groupdict() for m in map(LINE.match, output.splitlines()) if m]


def make_files(project, spec):
    for name, content in (spec or {}).items():
        file = project / name
        file.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, int):
            file.write_bytes(os.urandom(content))  # an incompressible file of that size
        else:
            file.write_text(content)


def build_pages(tmp_path_factory, rule_ids, prefix):
    project = make(tmp_path_factory.mktemp(f"{prefix}-pages"), clinic="real")
    for rule_id in rule_ids:
        for fixture in pages(rule_id, prefix):
            write(project, placed(rule_id, fixture), fixture.read_bytes(), binary=True)
        files = RULES_DIR / rule_id / f"{prefix}-files.yml"
        if files.exists():
            make_files(project, yaml.safe_load(files.read_text()))
    return build(project, **PRODUCTION)


@pytest.fixture(scope="module")
def bad_source_build(tmp_path_factory):
    return build_pages(tmp_path_factory, by_scope("page"), "bad")


@pytest.fixture(scope="module")
def bad_html_build(tmp_path_factory):
    return build_pages(tmp_path_factory, by_scope("html"), "bad")


@pytest.fixture(scope="module")
def good_build(tmp_path_factory):
    return build_pages(tmp_path_factory, by_scope("page", "html"), "good")


def test_every_rule_has_fixtures_and_a_fix():
    for rule in RULES.values():
        folder = RULES_DIR / rule.id
        assert rule.fix and rule.summary, rule.id
        if rule.scope in ("page", "html"):
            assert pages(rule.id, "bad") and pages(rule.id, "good"), f"{rule.id}: bad*.md and good*.md needed"
            assert all(expected_lines(p) for p in pages(rule.id, "bad")), f"{rule.id}: mark the flagged lines"
            for page in pages(rule.id, "bad") + pages(rule.id, "good"):
                text = page.read_bytes().decode("utf-8", errors="replace")
                assert len(re.findall(r"<!-- expect -->|# expect", text)) == len(expected_lines(page)) or \
                    page.with_name(page.name + ".lines").exists(), f"{page}: a marker that is not at a line's end"
        else:
            cases = yaml.safe_load((folder / "cases.yml").read_text())
            assert cases.get("bad") and cases.get("good"), f"{rule.id}: cases.yml needs bad and good cases"
    unknown = {p.name for p in RULES_DIR.iterdir() if p.is_dir()} - set(RULES)
    assert not unknown, f"fixtures for rules that do not exist: {unknown}"


@pytest.mark.parametrize("rule_id", by_scope("page"))
def test_page_rule_refuses_its_bad_pages(bad_source_build, rule_id):
    code, output = bad_source_build
    assert code != 0, output
    found = problems(output)
    for fixture in pages(rule_id, "bad"):
        path = "docs/" + placed(rule_id, fixture)
        flagged = {int(p["line"]) for p in found if p["path"] == path and p["rule"] == rule_id and p["line"]}
        assert flagged == expected_lines(fixture), f"{path}: flagged {sorted(flagged)}\n{output}"
        kind = "warning" if RULES[rule_id].warning else "error"
        assert all(p["kind"] == kind for p in found if p["rule"] == rule_id)
    assert "Fix: " in output


@pytest.mark.parametrize("rule_id", by_scope("html"))
def test_html_rule_refuses_its_bad_pages(bad_html_build, rule_id):
    code, output = bad_html_build
    assert code != 0, output
    assert "Documentation built" in output, "the source rules must pass, so that the html rules run"
    found = problems(output)
    for fixture in pages(rule_id, "bad"):
        path = "docs/" + placed(rule_id, fixture)
        flagged = {int(p["line"]) for p in found if p["path"] == path and p["rule"] == rule_id and p["line"]}
        unlocated = [p for p in found if p["path"] == path and p["rule"] == rule_id and not p["line"]]
        assert flagged == expected_lines(fixture) or (unlocated and not flagged and expected_lines(fixture) == {0}), \
            f"{path}: flagged {sorted(flagged)}\n{output}"


def test_good_pages_of_every_rule_build(good_build):
    code, output = good_build
    assert code == 0, output
    assert not problems(output), output


def cases(scope_rules, kind):
    out = []
    for rule_id in scope_rules:
        for index, case in enumerate(yaml.safe_load((RULES_DIR / rule_id / "cases.yml").read_text())[kind]):
            out.append(pytest.param(rule_id, case, id=f"{rule_id}-{kind}-{index + 1}"))
    return out


def run_case(tmp_path, case, command=None):
    project = make(tmp_path / "project", clinic=case.get("clinic", "real"))
    for change in case.get("edits", []):
        edit(project, change["file"], change["find"], change["replace"])
    make_files(project, case.get("files"))
    if case.get("git") == "none":
        shutil.rmtree(project / ".git")
    elif case.get("git") == "shallow":
        commit(project, "A second commit")
        subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{project}", str(tmp_path / "shallow")], check=True)
        project = tmp_path / "shallow"
    env = {"CONTEXT": "production", **case.get("env", {})}
    if command:
        result = subprocess.run(command, cwd=project, env=build_env(**env), capture_output=True, text=True)
        return (result.returncode, result.stdout + result.stderr), project
    return build(project, **env), project


@pytest.mark.parametrize("rule_id, case", cases(by_scope("project", "site"), "bad"))
def test_project_rule_refuses_its_bad_cases(tmp_path, rule_id, case):
    (code, output), project = run_case(tmp_path, case)
    assert code != 0, output
    found = [p for p in problems(output) if p["rule"] == rule_id]
    for where in case["expect"]:
        path, _, needle = where.partition(":")
        text = (project / path).read_text(errors="replace") if needle else ""
        lines = {n for n, line in enumerate(text.split("\n"), 1) if needle and needle in line}
        assert any(p["path"] == path and (not needle or int(p["line"] or 0) in lines) for p in found), \
            f"expected [{rule_id}] at {where}:\n{output}"
    assert not (project / "site").exists(), "a refused build leaves nothing to deploy"


@pytest.mark.parametrize("rule_id, case", cases(by_scope("project", "site"), "good"))
def test_project_rule_accepts_its_good_cases(tmp_path, rule_id, case):
    """Site rules need the whole build; for the source rules the build's first step (the same code) is enough."""
    source_only = RULES[rule_id].scope == "project"
    command = [sys.executable, "-m", "kapsite.check", "source"] if source_only else None
    (code, output), _ = run_case(tmp_path, case, command)
    assert code == 0, output
    assert not [p for p in problems(output) if p["rule"] == rule_id], output
