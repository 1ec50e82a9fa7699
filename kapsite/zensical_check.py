"""Is the site ready for Zensical, Material's successor? Build it with Zensical and with MkDocs and compare the key
contents of every page: the set of pages, <title>, H1, the review section ("About this page"), the footer's phone
link, the "Get help now" link and the JSON-LD data (which must parse).

    python -m kapsite.zensical_check [--root DIR] [--mkdocs-site SITE]

Both builds get the environment our build gives MkDocs (kapsite.build.environment). Zensical writes only inside
its project folder, so it builds a copy of the project in a temporary folder. --mkdocs-site reuses a site that
kapsite.build made from the same sources. Prints each difference and exits 1 if there is any; what legitimately
differs between the two themes is listed in README.md, "Zensical".
"""
import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urljoin

from bs4 import BeautifulSoup

from kapsite import dates
from kapsite.build import environment
from kapsite.project import Project

REPO = Path(__file__).resolve().parent.parent


def build_env(root: Path) -> dict:
    return dict(environment(Project(root)), PYTHONPATH=str(REPO))


def build_mkdocs(root: Path, site: Path, env: dict) -> Path:
    run([sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "-d", str(site)], root, env, "MkDocs")
    dates.apply(Project(root), site)  # as kapsite.build does after MkDocs
    return site


def build_zensical(root: Path, work: Path, env: dict) -> Path:
    """Zensical builds a copy of the project in `work` (its site_dir must be inside the project): `work`/site."""
    project = Project(root)
    work.mkdir(parents=True, exist_ok=True)
    for name in ("mkdocs.yml", project.references_file):
        shutil.copy(root / name, work / name)
    for folder in (project.docs, root / project.config["theme"]["custom_dir"]):
        shutil.copytree(folder, work / folder.relative_to(root))
    run([sys.executable, "-m", "zensical", "build", "--clean", "--strict", "-f", "mkdocs.yml"], work, env, "Zensical")
    dates.apply(project, work / "site")  # the same step after the engine: dates from the project's history
    return work / "site"


def run(command, cwd, env, engine):
    result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        output = re.sub(r"\x1b\[[0-9;]*m", "", result.stdout + result.stderr)  # Zensical always colours its messages
        raise BuildFailed(f"the {engine} build failed:\n{output}")


class BuildFailed(Exception):
    pass


def text(element) -> str | None:
    return " ".join(element.get_text().split()) if element else None


def key_contents(html: str, page: str) -> dict:
    """The facts compared, from one built page (`page`: its path in the site, to resolve its links)."""
    def link(element):
        # Zensical spells some relative links differently ("./get-help-now/"): compare where they lead.
        return f'{urljoin("/" + page, element["href"])} "{text(element)}"' if element else None

    doc = BeautifulSoup(html, "lxml")
    due = doc.select_one(".kap-review-due")
    facts = {
        "<title>": text(doc.title),
        "H1": text(doc.select_one("article h1") or doc.find("h1")),
        "review section": text(doc.select_one(".kap-review")),
        "review-due date": due.get("data-next-review") if due else None,
        "footer phone link": link(doc.select_one('.kap-footer__contact a[href^="tel:"]')),
        '"Get help now" link': link(doc.select_one("a.kap-help-link")),
    }
    blocks = []
    for block in doc.find_all("script", type="application/ld+json"):
        try:
            blocks.append(json.loads(block.string or ""))
        except ValueError as error:
            blocks.append(f"does not parse ({error})")
    facts["JSON-LD"] = json.dumps(blocks, sort_keys=True)
    return facts


def pages(site: Path) -> dict:
    return {p.relative_to(site).as_posix(): p for p in sorted(site.rglob("*.html"))}


def compare(mkdocs_site: Path, zensical_site: Path) -> list[str]:
    """Each difference in key contents, as a line naming the page; and JSON-LD that does not parse in either."""
    mkdocs_pages, zensical_pages = pages(mkdocs_site), pages(zensical_site)
    differences = [f"{page}: only in the MkDocs build" for page in mkdocs_pages.keys() - zensical_pages.keys()]
    differences += [f"{page}: only in the Zensical build" for page in zensical_pages.keys() - mkdocs_pages.keys()]
    for page in sorted(mkdocs_pages.keys() & zensical_pages.keys()):
        ours = key_contents(mkdocs_pages[page].read_text(encoding="utf-8"), page)
        theirs = key_contents(zensical_pages[page].read_text(encoding="utf-8"), page)
        for key in ours:
            if ours[key] != theirs[key]:
                differences.append(f"{page}: {key}\n    MkDocs:   {ours[key]}\n    Zensical: {theirs[key]}")
            elif key == "JSON-LD" and "does not parse" in ours[key]:
                differences.append(f"{page}: JSON-LD {ours[key]}")
    return sorted(differences)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", type=Path, default=Path("."), help="the project to build (default: here)")
    parser.add_argument("--mkdocs-site", type=Path, help="a site kapsite.build made from the same sources")
    args = parser.parse_args(argv)
    root = args.root.resolve()
    env = build_env(root)
    with tempfile.TemporaryDirectory(prefix="kap-zensical-") as tmp:
        try:
            zensical_site = build_zensical(root, Path(tmp) / "zensical", env)
            mkdocs_site = args.mkdocs_site or build_mkdocs(root, Path(tmp) / "mkdocs", env)
        except BuildFailed as failure:
            print(failure, file=sys.stderr)
            return 1
        differences, count = compare(mkdocs_site, zensical_site), len(pages(zensical_site))
    for difference in differences:
        print(difference)
    if differences:
        print(f"\n{len(differences)} difference(s) between the Zensical and MkDocs builds (expected ones are in "
              "README.md, 'Zensical').", file=sys.stderr)
        return 1
    print(f"Zensical and MkDocs agree on the key contents of all {count} pages.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
