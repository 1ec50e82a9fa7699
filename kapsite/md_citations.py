"""Python-Markdown extension: `[@key]` citations, numbered per page, with the reference list at the foot.

`[@feder2014]` or `[@feder2014; @feder2021]` cites sources from references.yml. A paragraph holding only
`{{ bibliography }}` becomes the list of every source (the References page).
"""
import os
import re
import xml.etree.ElementTree as etree

from markdown import Extension
from markdown.inlinepatterns import InlineProcessor
from markdown.treeprocessors import Treeprocessor

from kapsite import bibliography
from kapsite.errors import ContentError

CITATION = r"\[@([\w-]+(?:\s*;\s*@[\w-]+)*)\]"
BIBLIOGRAPHY = "{{ bibliography }}"


def cited_keys(group: str) -> list[str]:
    return [k.strip().lstrip("@") for k in group.split(";")]


class CitationProcessor(InlineProcessor):
    def __init__(self, pattern, ext):
        super().__init__(pattern)
        self.ext = ext

    def handleMatch(self, m, data):
        sup = etree.Element("sup", {"class": "cite"})
        sup.text = "["
        for i, key in enumerate(cited_keys(m.group(1))):
            if key not in self.ext.refs:
                if os.environ.get("KAPSITE_SERVE"):  # the preview shows the mistake; the build refuses it
                    strong = etree.Element("strong")
                    strong.text = f"[unknown citation {key}]"
                    return strong, m.start(0), m.end(0)
                raise ContentError(f"unknown citation key '{key}'. Add it to references.yml or fix the spelling.")
            if key not in self.ext.order:
                self.ext.order.append(key)
            link = etree.SubElement(sup, "a", {"href": f"#ref-{key}"})
            link.text = str(self.ext.order.index(key) + 1)
            link.tail = ", " if i < len(cited_keys(m.group(1))) - 1 else "]"
        return sup, m.start(0), m.end(0)


class ReferenceListProcessor(Treeprocessor):
    def __init__(self, md, ext):
        super().__init__(md)
        self.ext = ext

    def reference_list(self, keys):
        ol = etree.Element("ol", {"class": "references"})
        for key in keys:
            li = etree.SubElement(ol, "li", {"id": f"ref-{key}"})
            li.text = self.md.htmlStash.store(bibliography.to_html(self.ext.refs[key]))
        return ol

    def run(self, root):
        for i, child in enumerate(list(root)):
            if child.tag == "p" and (child.text or "").strip() == BIBLIOGRAPHY and not len(child):
                everything = sorted(self.ext.refs, key=lambda k: (self.ext.refs[k]["authors"].lower(), k))
                root.remove(child)
                root.insert(i, self.reference_list(everything))
        if self.ext.order:
            heading = etree.SubElement(root, "h2", {"id": "references"})
            heading.text = "References"
            root.append(self.reference_list(self.ext.order))


class CitationExtension(Extension):
    def __init__(self, **kwargs):
        self.config = {"bibliography": ["references.yml", "Path of the bibliography file"]}
        super().__init__(**kwargs)
        self.refs = bibliography.load(self.getConfig("bibliography"))
        self.order = []

    def reset(self):
        self.order = []

    def extendMarkdown(self, md):
        md.registerExtension(self)
        # Before reference-style links (170), which would otherwise claim the square brackets.
        md.inlinePatterns.register(CitationProcessor(CITATION, self), "kap_citation", 175)
        # After inline processing (20), before the table of contents (5), so "References" is in the TOC.
        md.treeprocessors.register(ReferenceListProcessor(md, self), "kap_references", 10)


def makeExtension(**kwargs):
    return CitationExtension(**kwargs)
