"""Build the site and refuse to publish a page with a mistake: the rules on the sources, MkDocs, the rules on the
built HTML. Nothing is left in SITE_DIR unless every rule passes.

    python -m kapsite.build [SITE_DIR]

Used by `make build` and by Netlify's build command, so the same checks guard every context.
"""
import os
import shutil
import subprocess
import sys
from pathlib import Path

from kapsite import dates, derived, rules, search_index
from kapsite.check import BUILT, SOURCE, report
from kapsite.project import Project


def environment(project) -> dict:
    """The environment MkDocs runs in: our derived values, and previews' canonical URLs at their own address."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", **derived.environment(project))
    preview_url = env.get("DEPLOY_PRIME_URL") or env.get("DEPLOY_URL")
    if not env.get("SITE_URL") and env.get("CONTEXT") not in (None, "production") and preview_url:
        env["SITE_URL"] = preview_url
    return env


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    site = Path(argv[0] if argv else "site")
    project = Project()
    problems = rules.run(project, SOURCE)
    if report(problems):
        shutil.rmtree(site, ignore_errors=True)
        return 1
    built = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "-d", str(site)],
                           env=environment(project))
    if built.returncode != 0:
        print("\nThe build failed: read the messages above (each names the page). See CONTRIBUTING.md.",
              file=sys.stderr)
        shutil.rmtree(site, ignore_errors=True)
        return built.returncode
    search_index.shrink(site)
    missing_dates = dates.apply(project, site)
    if missing_dates and not project.production:
        print(f"warning: {missing_dates}; pages show no dates in this build. Fix: build from a full clone of the "
              "repository (git clone, not --depth 1) [page-history]", file=sys.stderr)
    project.site = site
    if report(rules.run(project, BUILT) + rules.unused_escapes(project, SOURCE + BUILT)):
        shutil.rmtree(site, ignore_errors=True)  # nothing half-checked is left to deploy
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
