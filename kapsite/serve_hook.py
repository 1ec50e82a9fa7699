"""`make serve` only (mkdocs.serve.yml): the same rules as `make build`, shown on every live rebuild.

Started by kapsite.serve (make serve), which sets KAPSITE_BUILD (our extensions refuse to run without it).
A thin MkDocs hook around the rules that `make build` and Netlify run (the real gate is kapsite.build). On every
rebuild MkDocs reloads mkdocs.yml; the hook then works out the values the templates need (kapsite.derived), as the
build does, prints every rule's message, and puts the messages in a red box at the top of each page, so a mistake
shows in the browser instead of a preview that silently stops updating.
"""
import logging
import os
from html import escape

from kapsite import derived, rules
from kapsite.check import SOURCE
from kapsite.project import Project

log = logging.getLogger("mkdocs.kapsite")
_problems = []


def on_config(config):
    project = Project(root=os.path.dirname(config["config_file_path"]) or ".")
    values = derived.environment(project)
    config["extra"]["preview"] = values["KAP_PREVIEW"] == "true"
    config["extra"]["phone"] = {"display": values["KAP_PHONE_DISPLAY"], "tel": values["KAP_PHONE_TEL"]}
    _problems[:] = rules.run(project, SOURCE)
    for problem in _problems:
        (log.warning if problem.warning else log.error)(str(problem))
    return config


def on_post_page(output, page, config):
    """A red box at the top of the page with the problems of this page and of the files every page uses."""
    mine = [p for p in _problems if not p.warning and (p.path == "docs/" + page.file.src_uri
                                                       or not p.path.startswith("docs/"))]
    if not mine:
        return output
    items = "".join(f"<li><code>{escape(str(p))}</code></li>" for p in mine)
    box = (f'<div class="admonition danger"><p class="admonition-title">{len(mine)} problem(s) to fix before this '
           f"can be published (the preview only; the build refuses)</p><ul>{items}</ul></div>")
    return output.replace('<div id="main-content" tabindex="-1"></div>', box + '<div id="main-content" tabindex="-1"></div>', 1)
