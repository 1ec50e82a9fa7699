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
    "static/js/after-paint.js": ("every page", "runs the page's scripts (preloaded) once the first paint is on screen",
                                 "4ef0cd77f7aad60026358f273d63412412c6d5b5056076a8aaafc609f5a12670"),
    "static/js/search-on-demand.js": ("every page", "holds Material's search back until it is first opened",
                                      "10ba1d9d057f9af86213b4eb7c9933a4ef0b86c48010e9973dae22e3dc2af970"),
    "static/js/site.js": ("every page", "switches on the icons; shows the review-due notice",
                          "30c4c514e2fc167b346867ae7fe6b5d86a9a73677a6627f63e37bff8166b903f"),
    "static/js/self-check.js": ("self-check.md", "scores the self-check in the browser; nothing is stored or sent",
                                "ae48e08d52d26ae8697cee42bbf6d06981e98703948779bf4af8d480aa142633"),
    "static/js/worksheet.js": ("treatment/options-compared.md", "prints the worksheet; nothing is stored or sent",
                               "52af1be02825e326b70dd1d3899881089ae9fe0308edef2617b7b5b8669595b4"),
}
THEME_FILES = re.compile(r"assets/javascripts/(?:bundle\.[0-9a-f]{8}\.min\.js|workers/search\.[0-9a-f]{8}\.min\.js)$")
INLINE_SCRIPTS = {  # Material for MkDocs 9.8.2 with extra.scope "/" and our palette toggle
    "'sha256-exqRXrW/0laiImCrTE8a70vxyyY10FJVIppytLf/dbY='": "base.html: __md_scope, __md_hash, __md_get, __md_set",
    "'sha256-DrEMJJ29sL7vIloQzly+VUGMxKcBTMII+OfW7Y8AkG4='": "partials/javascripts/palette.html: restores the "
                                                             "visitor's colour scheme",
    "'sha256-/8wPdzX9q0NNJXyA5lzsLojXFpkeaXVxhbfkUOQaWy8='": "base.html: opens a <details> targeted by the URL's #hash",
}
DATA_TYPES = ("application/json", "application/ld+json")  # data blocks: not executed, not subject to the CSP
