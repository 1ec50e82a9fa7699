"""Python-Markdown extension: a paragraph holding only `{{ faq_schema }}` becomes the page's schema.org FAQPage data
(JSON-LD, a data block the CSP allows): each H2 ending in "?" is a question, its answer the text up to the next H2.

Done here rather than in a template because Zensical's MiniJinja has no string methods to cut the page apart.
"""
import json
import re

from markdown import Extension
from markdown.postprocessors import Postprocessor
from markupsafe import Markup

MARKER = "<p>{{ faq_schema }}</p>"


def faq_jsonld(html: str) -> str:
    questions = []
    for chunk in html.split("<h2")[1:]:
        heading, _, answer = chunk.partition("</h2>")
        question = Markup(heading.partition(">")[2]).striptags()
        if question.endswith("?"):
            questions.append({"@type": "Question", "name": question,
                              "acceptedAnswer": {"@type": "Answer", "text": Markup(answer).striptags()}})
    data = {"@context": "https://schema.org", "@graph": [{"@type": "FAQPage", "mainEntity": questions}]}
    # As Jinja's tojson: nothing in the JSON can close the script element.
    text = re.sub(r"[<>&']", lambda m: f"\\u{ord(m.group(0)):04x}", json.dumps(data, sort_keys=True))
    return f'<script type="application/ld+json">{text}</script>'


class FaqSchemaPostprocessor(Postprocessor):
    def run(self, text):
        if MARKER not in text:
            return text
        before, _, after = text.partition(MARKER)
        return before + faq_jsonld(before + after) + after


class FaqSchemaExtension(Extension):
    def extendMarkdown(self, md):
        # After raw HTML is put back (30), so the answers are the text a reader sees.
        md.postprocessors.register(FaqSchemaPostprocessor(md), "kap_faq_schema", 5)


def makeExtension(**kwargs):
    return FaqSchemaExtension(**kwargs)
