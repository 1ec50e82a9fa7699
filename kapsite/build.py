"""Build the site and refuse to publish a page with a mistake: source checks, MkDocs, then HTML checks.

    python -m kapsite.build [SITE_DIR]

Used by `make build` and by Netlify's build command, so the same checks guard every context.
"""
import os
import subprocess
import sys
from pathlib import Path

from kapsite import check, search_index


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    site = argv[0] if argv else "site"
    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    preview_url = os.environ.get("DEPLOY_PRIME_URL") or os.environ.get("DEPLOY_URL")
    if not os.environ.get("SITE_URL") and os.environ.get("CONTEXT") not in (None, "production") and preview_url:
        os.environ["SITE_URL"] = preview_url  # previews: canonical URLs point at the deploy's own address
    if check.main(["source"]) != 0:
        return 1
    built = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "-d", site])
    if built.returncode != 0:
        print("\nThe build failed: read the messages above (each names the page). See CONTRIBUTING.md.",
              file=sys.stderr)
        return built.returncode
    search_index.shrink(Path(site))
    return check.main(["html", site])


if __name__ == "__main__":
    sys.exit(main())
