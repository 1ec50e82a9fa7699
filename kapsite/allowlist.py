"""The scripts that may run on the site: one reviewed list. Changing it needs a developer's review.

- SCRIPT_FILES: our own script files, what each does, and the sha256 of the version a developer reviewed. A page
  names one in its front matter (`scripts:`) only if the file is listed here with that page allowed; a changed file
  fails the build until its new version is reviewed and its hash updated (`make rules` lists the rule,
  `python -m kapsite.check pins` prints the current hashes).
- THEME_FILES: Material's script files, by their fingerprinted names.
- INLINE_SCRIPTS: the inline scripts Material writes into every page, by sha256 (the hashes the CSP in
  netlify.toml allows). After a Material upgrade their hashes change: read the new scripts in the built HTML,
  and if they are Material's own, replace the entries here (with the version) and run `make csp`.
"""
import re

SCRIPT_FILES = {  # path: (the page it runs on, or "every page"; what it does; sha256 of the reviewed file)
    "static/js/search-on-demand.js": ("every page", "holds Material's search back until it is first opened",
                                      "10ba1d9d057f9af86213b4eb7c9933a4ef0b86c48010e9973dae22e3dc2af970"),
    "static/js/site.js": ("every page", "draws the icons after the first paint; shows the review-due notice",
                          "dea081ddcd9d6c167a6b7c11f64c05c5df8062f36e6dfa04e72bd3c01e0fed4f"),
    "static/js/self-check.js": ("self-check.md", "scores the self-check in the browser; nothing is stored or sent",
                                "d1e104fd7f256657f2b1bd3d73f1a13e54560aa6eb1d202f73310b61b53be85b"),
    "static/js/worksheet.js": ("treatment/options-compared.md", "prints the worksheet; nothing is stored or sent",
                               "58585deaa37d92c5de39c75b3c27c33e9878752143fdb9369814d8ade0a3aba4"),
}
THEME_FILES = re.compile(r"assets/javascripts/(?:bundle\.[0-9a-f]{8}\.min\.js|workers/search\.[0-9a-f]{8}\.min\.js)$")
INLINE_SCRIPTS = {  # Material for MkDocs 9.8.2 with extra.scope "/" and our palette toggle
    "'sha256-exqRXrW/0laiImCrTE8a70vxyyY10FJVIppytLf/dbY='": "base.html: __md_scope, __md_hash, __md_get, __md_set",
    "'sha256-DrEMJJ29sL7vIloQzly+VUGMxKcBTMII+OfW7Y8AkG4='": "partials/javascripts/palette.html: restores the "
                                                             "visitor's colour scheme",
    "'sha256-/8wPdzX9q0NNJXyA5lzsLojXFpkeaXVxhbfkUOQaWy8='": "base.html: opens a <details> targeted by the URL's #hash",
}
DATA_TYPES = ("application/json", "application/ld+json")  # data blocks: not executed, not subject to the CSP
