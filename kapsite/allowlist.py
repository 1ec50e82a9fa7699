"""The scripts that may run on the site: one reviewed list. Changing it needs a developer's review.

- SCRIPT_FILES: our own script files, and what each does. A page names one in its front matter (`scripts:`) only if
  the file is listed here with that page allowed.
- THEME_FILES: Material's script files, by their fingerprinted names.
- INLINE_SCRIPTS: the inline scripts Material writes into every page, by sha256 (the hashes the CSP in
  netlify.toml allows). After a Material upgrade their hashes change: read the new scripts in the built HTML,
  and if they are Material's own, replace the entries here (with the version) and run `make csp`.
"""
import re

SCRIPT_FILES = {
    "static/js/search-on-demand.js": ("every page", "holds Material's search back until it is first opened"),
    "static/js/site.js": ("every page", "draws the icons after the first paint; shows the review-due notice"),
    "static/js/self-check.js": ("self-check.md", "scores the self-check in the browser; nothing is stored or sent"),
    "static/js/worksheet.js": ("treatment/options-compared.md", "prints the worksheet; nothing is stored or sent"),
}
THEME_FILES = re.compile(r"assets/javascripts/(?:bundle\.[0-9a-f]{8}\.min\.js|workers/search\.[0-9a-f]{8}\.min\.js)$")
INLINE_SCRIPTS = {  # Material for MkDocs 9.8.2 with extra.scope "/" and our palette toggle
    "'sha256-exqRXrW/0laiImCrTE8a70vxyyY10FJVIppytLf/dbY='": "base.html: __md_scope, __md_hash, __md_get, __md_set",
    "'sha256-DrEMJJ29sL7vIloQzly+VUGMxKcBTMII+OfW7Y8AkG4='": "partials/javascripts/palette.html: restores the "
                                                             "visitor's colour scheme",
    "'sha256-/8wPdzX9q0NNJXyA5lzsLojXFpkeaXVxhbfkUOQaWy8='": "base.html: opens a <details> targeted by the URL's #hash",
}
DATA_TYPES = ("application/json", "application/ld+json")  # data blocks: not executed, not subject to the CSP
