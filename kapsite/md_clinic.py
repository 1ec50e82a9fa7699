"""Python-Markdown extension: `{{ clinic.KEY }}` becomes the clinic's detail and `{{ help.LINE.WAY }}` a help line's
link, both from mkdocs.yml; rule escapes (`<!-- kap-allow ... -->`) are taken out of the published page.

It runs only inside our build (python -m kapsite.build, make build, make serve), which runs the publish rules: a
build command swapped for plain `mkdocs build` would skip them, so the extension stops it.
"""
import os
import re

from markdown import Extension
from markdown.preprocessors import Preprocessor

from kapsite.clinic import help_keys, known_keys, render, render_help
from kapsite.errors import ContentError
from kapsite.rules import ESCAPE_COMMENT

TOKEN = re.compile(r"\{\{\s*(clinic|help)\.([\w.]+)\s*\}\}")
STARTED_BY = "KAPSITE_BUILD"  # set by kapsite.build and kapsite.serve


class ClinicPreprocessor(Preprocessor):
    def __init__(self, md, clinic, lines):
        super().__init__(md)
        self.clinic, self.lines = clinic, lines

    def run(self, lines):
        out = []
        for number, line in enumerate(lines, 1):
            out.extend(self.sub(number, ESCAPE_COMMENT.sub("", line)).split("\n"))  # clinicians span several lines
        return out

    def sub(self, number, line):
        def one(match):
            kind, key = match.groups()
            try:
                return render(self.clinic, key) if kind == "clinic" else render_help(self.lines, key)
            except KeyError:
                if os.environ.get("KAPSITE_SERVE"):  # the preview shows the mistake; the build refuses it
                    return f"**[unknown {kind} detail {match.group(0)[2:-2].strip()}]**"
                known = known_keys(self.clinic) if kind == "clinic" else help_keys(self.lines)
                raise ContentError(f"unknown {kind} detail '{match.group(0)}' on body line {number}. Use one of: "
                                   + ", ".join("{{ " + kind + "." + k + " }}" for k in known)) from None
        return TOKEN.sub(one, line)


class ClinicExtension(Extension):
    def __init__(self, **kwargs):
        self.config = {"clinic": [{}, "The clinic block of mkdocs.yml extra"],
                       "help": [{}, "The help lines block of mkdocs.yml extra"]}
        super().__init__(**kwargs)

    def extendMarkdown(self, md):
        if not os.environ.get(STARTED_BY):
            raise ContentError("this site is built with `python -m kapsite.build site` (make build), which runs the "
                               "publish checks; plain `mkdocs build` or `mkdocs serve` would skip them. Use make build "
                               "or make serve, and keep Netlify's build command as it is in netlify.toml")
        # Before every other preprocessor, so a multi-line value (the clinicians list) becomes real Markdown.
        md.preprocessors.register(ClinicPreprocessor(md, self.getConfig("clinic"), self.getConfig("help")),
                                  "kap_clinic", 40)


def makeExtension(**kwargs):
    return ClinicExtension(**kwargs)
