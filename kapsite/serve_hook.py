"""`make serve` only (mkdocs.serve.yml): print the publish checks' messages on every live rebuild.

A thin MkDocs hook around the same checker that `make build` and Netlify run; the real gate is kapsite.build.
"""
import logging

from kapsite.check import SourceChecker

log = logging.getLogger("mkdocs.kapsite")


def on_pre_build(config):
    for problem in SourceChecker(config["docs_dir"]).run():
        (log.warning if problem.warning else log.error)(str(problem))
