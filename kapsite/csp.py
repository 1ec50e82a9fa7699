"""The Content-Security-Policy for netlify.toml: 'self' plus the hashes of the theme's known inline scripts
(kapsite/allowlist.py) found in a fresh build. Refuses if the site holds any other inline script.

    python -m kapsite.csp      # make csp: builds into a temporary folder and prints the policy

It builds without the checks on the built site, whose CSP check is what it helps to fix.
"""
import subprocess
import sys
import tempfile
from pathlib import Path

from kapsite.build import environment

from kapsite.allowlist import INLINE_SCRIPTS
from kapsite.project import Project
from kapsite.rules.active import inline_scripts


def policy(hashes) -> str:
    return ("default-src 'self'; script-src 'self' " + " ".join(sorted(hashes)) + "; style-src 'self'; "
            "img-src 'self' data:; font-src 'self'; connect-src 'self'; worker-src 'self'; manifest-src 'self'; "
            "base-uri 'self'; form-action 'self'; frame-ancestors 'none'; object-src 'none'")


def main(site: Path) -> int:
    found, unknown = set(), []
    for built in Project(site=site).built_pages():
        for element, digest in inline_scripts(built):
            (found.add(digest) if digest in INLINE_SCRIPTS else
             unknown.append(f"{built.relative}: {digest} {' '.join(element.text.split())[:70]!r}"))
    if unknown:
        print("Refused: the built site holds inline scripts that are not the theme's known scripts "
              "(kapsite/allowlist.py). Hashing them would let them run:\n  " + "\n  ".join(unknown), file=sys.stderr)
        return 1
    print(policy(found))
    return 0


def build_and_hash() -> int:
    with tempfile.TemporaryDirectory() as folder:
        built = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", folder],
                               env=environment(Project()))
        return built.returncode or main(Path(folder))


if __name__ == "__main__":
    sys.exit(build_and_hash())
