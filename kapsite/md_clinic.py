"""Python-Markdown extension: replaces `{{ clinic.KEY }}` with the clinic's details from mkdocs.yml."""
import re

from markdown import Extension
from markdown.preprocessors import Preprocessor

from kapsite.clinic import known_keys, render
from kapsite.errors import ContentError

TOKEN = re.compile(r"\{\{\s*clinic\.([\w.]+)\s*\}\}")


class ClinicPreprocessor(Preprocessor):
    def __init__(self, md, clinic):
        super().__init__(md)
        self.clinic = clinic

    def run(self, lines):
        out = []
        for number, line in enumerate(lines, 1):
            out.extend(self.sub(number, line).split("\n"))  # the clinicians list spans several lines
        return out

    def sub(self, number, line):
        def one(match):
            try:
                return render(self.clinic, match.group(1))
            except KeyError:
                raise ContentError(
                    f"unknown clinic detail '{match.group(0)}' on body line {number}. "
                    f"Use one of: {', '.join('{{ clinic.' + k + ' }}' for k in known_keys(self.clinic))}") from None
        return TOKEN.sub(one, line)


class ClinicExtension(Extension):
    def __init__(self, **kwargs):
        self.config = {"clinic": [{}, "The clinic block of mkdocs.yml extra"]}
        super().__init__(**kwargs)

    def extendMarkdown(self, md):
        # Before every other preprocessor, so a multi-line value (the clinicians list) becomes real Markdown.
        md.preprocessors.register(ClinicPreprocessor(md, self.getConfig("clinic")), "kap_clinic", 40)


def makeExtension(**kwargs):
    return ClinicExtension(**kwargs)
