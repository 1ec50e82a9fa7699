"""Every rule module, imported once so that each rule registers itself (kapsite.rules.RULES)."""
from kapsite.rules import (active, built_links, claims, config, deploy, evidence, files, links, pages,  # noqa: F401
                           phones, review, settings, tokens)
