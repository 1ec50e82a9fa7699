"""Every rule module, imported once so that each rule registers itself (kapsite.rules.RULES)."""
from kapsite.rules import (active, built_links, claims, config, deploy, files, links, pages, phones,  # noqa: F401
                           review, settings, tokens)
