"""A built HTML page, read once for the rules that look at the published site."""
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path


@dataclass
class Element:
    tag: str
    attrs: dict
    line: int
    in_article: bool
    text: str = ""        # the text inside <a>, <script>, <style>, <title> (what the rules need)


class _Parser(HTMLParser):
    CAPTURE = ("a", "script", "style", "title")

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.elements, self.open, self.article = [], [], 0

    def handle_starttag(self, tag, attrs):
        element = Element(tag, {k.lower(): (v or "") for k, v in attrs}, self.getpos()[0], self.article > 0)
        self.elements.append(element)
        if tag == "article":
            self.article += 1
        if tag in self.CAPTURE:
            self.open.append(element)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag in self.CAPTURE:
            self.open.pop()

    def handle_endtag(self, tag):
        if tag == "article" and self.article:
            self.article -= 1
        if self.open and self.open[-1].tag == tag:
            self.open.pop()

    def handle_data(self, data):
        for element in self.open:
            element.text += data


@dataclass
class BuiltPage:
    file: Path
    relative: str          # "conditions/ptsd/index.html"
    source: str            # "docs/conditions/ptsd.md", the page messages name
    html: str
    elements: list = field(default_factory=list)

    @classmethod
    def read(cls, site: Path, file: Path) -> "BuiltPage":
        relative = file.relative_to(site).as_posix()
        stem = relative.removesuffix("index.html").rstrip("/").removesuffix(".html")
        html = file.read_text(encoding="utf-8")
        parser = _Parser()
        parser.feed(html)
        return cls(file, relative, f"docs/{stem or 'index'}.md", html, parser.elements)

    def find(self, *tags):
        return [e for e in self.elements if e.tag in tags]
