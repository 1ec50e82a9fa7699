"""The Content-Security-Policy for netlify.toml, with a sha256 hash for each inline script Material emits.

    python -m kapsite.csp SITE     # prints the policy for the built site (make csp)
"""
import base64
import hashlib
import re
import sys
from pathlib import Path

INLINE_SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.S | re.I)
DATA_TYPES = ("application/json", "application/ld+json")


def inline_script_hashes(site: Path) -> set[str]:
    """'sha256-...' for every executable inline <script> in the built site (data blocks are not executed)."""
    hashes = set()
    for html in site.rglob("*.html"):
        for match in INLINE_SCRIPT.finditer(html.read_text(encoding="utf-8")):
            attrs = match.group("attrs")
            if "src=" in attrs or any(t in attrs for t in DATA_TYPES):
                continue
            digest = hashlib.sha256(match.group("body").encode("utf-8")).digest()
            hashes.add("'sha256-" + base64.b64encode(digest).decode() + "'")
    return hashes


def policy(hashes) -> str:
    return ("default-src 'self'; script-src 'self' " + " ".join(sorted(hashes)) + "; style-src 'self'; "
            "img-src 'self' data:; font-src 'self'; connect-src 'self'; worker-src 'self'; manifest-src 'self'; "
            "base-uri 'self'; form-action 'self'; frame-ancestors 'none'; object-src 'none'")


if __name__ == "__main__":
    print(policy(inline_script_hashes(Path(sys.argv[1] if len(sys.argv) > 1 else "site"))))
