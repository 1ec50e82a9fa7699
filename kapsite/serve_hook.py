"""`make serve` only (mkdocs.serve.yml): the same rules as `make build`, shown on every live rebuild.

A thin MkDocs hook around the rules that `make build` and Netlify run (the real gate is kapsite.build). On every
rebuild MkDocs reloads mkdocs.yml; the hook then works out the values the templates need (kapsite.derived), as the
build does, and prints every rule's message.
"""
import logging
import os

from kapsite import derived, rules
from kapsite.check import SOURCE
from kapsite.project import Project

log = logging.getLogger("mkdocs.kapsite")


def on_startup(command, dirty):
    if command == "serve":  # our extensions run only when our build or this preview started them
        os.environ["KAPSITE_BUILD"] = "1"


def on_config(config):
    project = Project(root=os.path.dirname(config["config_file_path"]) or ".")
    values = derived.environment(project)
    config["extra"]["preview"] = values["KAP_PREVIEW"] == "true"
    config["extra"]["phone"] = {"display": values["KAP_PHONE_DISPLAY"], "tel": values["KAP_PHONE_TEL"]}
    for problem in rules.run(project, SOURCE):
        (log.warning if problem.warning else log.error)(str(problem))
    return config
