"""Fixture projects: our real theme, extensions, build command and netlify.toml, with fixture clinic details,
a fixture bibliography and a few pages, so that tests never depend on the clinic's real values."""
import os
import shutil
import subprocess
import textwrap
import tomllib
from pathlib import Path

from conftest import ROOT, run_build

FIXTURES = Path(__file__).parent / "fixtures"
CLINIC_START, CLINIC_END = "  clinic: &clinic\n", "  # Crisis and support lines"
PAGE = """\
---
title: {title}
description: A page of the fixture site, with a description long enough to be a real one.
page_type: patient
---

# {title}

Some text about this page, in plain words.
"""
# Pages the templates link to (footer, header, review notice).
BASE_PAGES = ["index", "get-help-now", "policies/privacy", "policies/notice-of-privacy-practices",
              "policies/accessibility", "policies/editorial-policy", "policies/disclaimer"]
CLINICAL = """\
---
title: Clinical page
description: A clinical page of the fixture site, with a description long enough to be a real one.
page_type: clinical
about: Treatment-resistant depression
reviewed_by: reviewer-1
authors: [author-1]
reviewed_version: "0a0a0a0a0a0a"
{review}
---

# Clinical page

## Common side effects

Ketamine can raise blood pressure for a short time [@study2020].
"""


REVIEWED = "last_reviewed: 2026-01-10\nnext_review: 2028-01-10"


def config_text(clinic="placeholder") -> str:
    """Our mkdocs.yml with the fixture clinic block in place of the real one, and no page tree."""
    text = (ROOT / "mkdocs.yml").read_text()
    assert CLINIC_START in text and CLINIC_END in text, "mkdocs.yml lost the markers the fixtures rely on"
    start, end = text.index(CLINIC_START), text.index(CLINIC_END)
    text = text[:start] + (FIXTURES / f"clinic-{clinic}.yml").read_text() + text[end:]
    text = text.split("\n# Page tree")[0].replace("  - kapsite\n", "")  # our Python is not copied
    if clinic == "real":
        text = text.replace('site_url: !ENV [SITE_URL, "https://www.example.org/"]',
                            'site_url: !ENV [SITE_URL, "https://www.harborview.test/"]')
    return text


def make(path: Path, clinic="placeholder") -> Path:
    path.mkdir(parents=True, exist_ok=True)
    (path / "mkdocs.yml").write_text(config_text(clinic))
    shutil.copytree(ROOT / "overrides", path / "overrides")
    shutil.copytree(ROOT / "docs" / "static", path / "docs" / "static")
    shutil.copy(ROOT / "netlify.toml", path / "netlify.toml")
    shutil.copy(FIXTURES / "references.yml", path / "references.yml")
    for name in BASE_PAGES:
        write(path, f"{name}.md", PAGE.format(title=name.split("/")[-1].replace("-", " ").capitalize()))
    with (path / "docs" / "policies" / "editorial-policy.md").open("a") as policy:
        policy.write("\n## Clinical review\n\nHow pages are reviewed.\n")  # the review notice links here
    for target in redirect_targets():  # netlify.toml's redirects must land on pages of the fixture site too
        write(path, target + ".md", CLINICAL.format(review=REVIEWED))
    commit(path, "The fixture site")  # production reads the pages' dates from git
    return path


GIT_ENV = {"GIT_AUTHOR_NAME": "Fixture", "GIT_AUTHOR_EMAIL": "fixture@example.test", "GIT_COMMITTER_NAME": "Fixture",
           "GIT_COMMITTER_EMAIL": "fixture@example.test"}


def commit(path: Path, message: str, when: str | None = None) -> None:
    """Commit everything in the fixture project (a repository is created the first time); `when` sets the date."""
    env = dict(os.environ, **GIT_ENV, **({"GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when} if when else {}))
    if not (path / ".git").exists():
        subprocess.run(["git", "init", "-q", "-b", "main"], cwd=path, check=True, env=env)
    subprocess.run(["git", "add", "-A"], cwd=path, check=True, env=env)
    subprocess.run(["git", "commit", "-q", "--allow-empty", "-m", message], cwd=path, check=True, env=env)


def redirect_targets():
    config = tomllib.loads((ROOT / "netlify.toml").read_text())
    return sorted({r["to"].strip("/") for r in config.get("redirects", []) if r["to"].endswith("/")})


def write(project: Path, name: str, text, binary=False) -> Path:
    file = project / "docs" / name
    file.parent.mkdir(parents=True, exist_ok=True)
    if binary:
        file.write_bytes(text)
    else:
        file.write_text(textwrap.dedent(text) if text.startswith("\n") else text)
    return file


def edit(project: Path, name: str, find: str, replace: str) -> None:
    file = project / name
    text = file.read_text()
    assert find in text, f"{find!r} not in {name}"
    file.write_text(text.replace(find, replace, 1))


def build(project: Path, **env):
    result = run_build(project / "site", cwd=project, **env)
    return result.returncode, result.stdout + result.stderr
