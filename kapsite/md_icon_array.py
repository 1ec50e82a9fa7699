"""Python-Markdown extension: icon arrays, pictures of a trial's numbers, drawn at build time as inline SVG.

A line of its own, with five parts separated by `|` (first group | second group | what was counted | when | source):

    [[icons: about 64 in 100 with ketamine | 28 in 100 with midazolam | responded | 24 hours after one dose |
    @murrough2013]]   (on one line in a page)

becomes a <figure>: a <figcaption> holding the sentence ("24 hours after one dose, about 64 in 100 people with
ketamine responded, compared with 28 in 100 with midazolam", then `[@murrough2013]`, which md_citations' inline
pattern numbers like any other citation), and for each group a label and an SVG of icons, filled for the people
counted and outlined for the rest. "64 in 100" draws 100 icons; a real count, "10 of 15", draws 15.

The figcaption is what a screen reader hears; the labels and the SVGs are aria-hidden, so the numbers are heard once,
not as 100 icons. The icon is one <symbol>, written once per page (in the page's first array) with two tiles of it
(<pattern>s), filled and outlined; each run of alike icons is one <rect> filled with a tile, so an array is a few
elements, not 200 (a browser restyles every element of a page several times while Material's script starts).
Filled and outlined differ only by class (site.css, "Icon arrays"): the CSP forbids style= attributes and <style>.
"""
import os
import re
import xml.etree.ElementTree as etree

from markdown import Extension
from markdown.blockprocessors import BlockProcessor

from kapsite.errors import ContentError

START = re.compile(r"^ {0,3}\[\[\s*icons?\b", re.I)          # a line that means to be an icon array
LINE = re.compile(r"^ {0,3}\[\[\s*icons?\s*:(.*)\]\]\s*$", re.I)
GROUP = re.compile(r"(?P<about>about\s+)?(?P<count>\d+)\s+(?P<word>in|of|out of)\s+(?P<total>\d+)(?:\s+(?P<label>.*))?",
                   re.I)
SOURCE = re.compile(r"@[\w-]+(?:\s*;\s*@[\w-]+)*")
PEOPLE = re.compile(r"(?:people|persons?|adults?|patients?|participants?|veterans?|women|men|children|teenagers?)\b",
                    re.I)
MAX_ICONS = 100
COLUMNS = 10
CELL_W, CELL_H = 16, 19                                      # one icon's cell, in CSS pixels
SYMBOL_ID = "kap-icon-person"
TILE_ID = "kap-icons"                                        # kap-icons-filled, kap-icons-empty
# A person, 10 wide and 12 tall: head and shoulders, inset so an outline stroke of 1 stays inside.
PERSON = [("circle", {"cx": "5", "cy": "2.7", "r": "2.2"}),
          ("path", {"d": "M1.5 11.5V8.7C1.5 7 3 6 5 6s3.5 1 3.5 2.7v2.8z"})]
TEMPLATE = "[[icons: FIRST GROUP | SECOND GROUP | WHAT WAS COUNTED | WHEN | @SOURCE]]"
EXAMPLE = ("[[icons: about 64 in 100 with ketamine | 28 in 100 with midazolam | responded | 24 hours after one dose | "
           "@murrough2013]]")


class Group:
    def __init__(self, match):
        self.about = "about " if match.group("about") else ""
        self.count, self.total = int(match.group("count")), int(match.group("total"))
        self.word = match.group("word").lower()
        self.label = " ".join(match.group("label").split())

    @property
    def numbers(self) -> str:
        return f"{self.about}{self.count} {self.word} {self.total}"


def capital(text: str) -> str:
    return text[:1].upper() + text[1:]


class IconArray:
    """The five parts of an icon-array line, checked; each mistake is refused with what to write instead."""

    def __init__(self, line: str, refs=None):
        self.line = line.strip()
        match = LINE.match(line)
        if not match:
            if not self.line.endswith("]]"):
                self.refuse("does not end with ]]", "close the line with two square brackets, ]]")
            self.refuse("does not start with [[icons:", "start the line with [[icons: (with the colon)")
        parts = [" ".join(p.split()).rstrip(".") for p in match.group(1).split("|")]
        if len(parts) != 5:
            self.refuse(f"has {len(parts)} part{'s' if len(parts) != 1 else ''}, not 5",
                        "give the first group, the second group, what was counted, when, and the source, in that "
                        "order, separated by |")
        first, second, self.counted, self.when, source = parts
        self.groups = [self.group(first, "first"), self.group(second, "second")]
        for value, name, example in ((self.counted, "third part (what was counted)", "responded"),
                                     (self.when, "fourth part (when it was measured)", "after 24 hours")):
            if not value:
                self.refuse(f"has an empty {name}", f"write it in a few words, e.g. '{example}'")
            if value.startswith("@") or GROUP.fullmatch(value):
                self.refuse(f"has {value!r} as its {name}",
                            "put the parts in order: first group | second group | what was counted | when | @source; "
                            "an icon array compares two groups")
        if not SOURCE.fullmatch(source):
            self.refuse(f"has {source!r} as its last part, not a source",
                        "end with the source's key from references.yml, written @key (e.g. @murrough2013); every "
                        "number carries its citation")
        self.keys = [k.strip().lstrip("@") for k in source.split(";")]
        unknown = [k for k in self.keys if refs is not None and k not in refs]
        if unknown:
            self.refuse(f"cites '{unknown[0]}', which is not in references.yml",
                        "add the source to references.yml with this key, or correct the key's spelling")

    def refuse(self, problem: str, fix: str):
        raise ContentError(f"the icon array {self.line[:140]!r} {problem}. Fix: {fix}. The line is written "
                           f"{TEMPLATE}, for example {EXAMPLE}")

    def group(self, text: str, which: str) -> Group:
        match = GROUP.fullmatch(text)
        if not match:
            self.refuse(f"has {text!r} as its {which} group",
                        "write a group as a number 'in' or 'of' a total, then who they were: '28 in 100 with "
                        "midazolam', or the real count for a group of under 100 people, '10 of 15 with ketamine'")
        if not match.group("label"):
            self.refuse(f"does not say who the {which} group was ({text!r})",
                        f"add who they were after the numbers, e.g. '{text} with ketamine'")
        group = Group(match)
        if group.total == 0:
            self.refuse(f"has a total of 0 in its {which} group ({text!r})", "give the number of people in the group")
        if group.count > group.total:
            self.refuse(f"counts more people than there were in its {which} group ({text!r})",
                        "check the numbers at the source: the first number is part of the second")
        if group.total > MAX_ICONS:
            self.refuse(f"would draw {group.total} icons for its {which} group ({text!r}); the most is {MAX_ICONS}",
                        "give the group per 100 as the page's sentence does (e.g. 'about 84 in 100'); a number too "
                        "small to show in 100 icons is better left in words")
        return group

    @property
    def caption(self) -> str:
        """The sentence a reader hears, with the citation in the syntax md_citations numbers."""
        one, two = self.groups
        people = "" if PEOPLE.match(one.label) else "people "
        return (f"{capital(self.when)}, {one.numbers} {people}{one.label} {self.counted}, compared with "
                f"{two.numbers} {two.label} [{'; '.join('@' + k for k in self.keys)}].")


def runs(group: Group) -> list[list]:
    """The grid as rectangles of alike icons, in reading order: [kind, first column, first row, columns, rows].

    Each row is a run of filled icons then a run of outlined ones; a run that continues the one above it, at the same
    place and width, joins it. "64 in 100" is four rectangles: 6 rows filled, 4 filled, 6 outlined, 3 rows outlined.
    """
    found, open_runs = [], {}
    for row in range(-(-group.total // COLUMNS)):
        cells = min(COLUMNS, group.total - row * COLUMNS)
        filled = max(0, min(cells, group.count - row * COLUMNS))
        for kind, column, width in (("filled", 0, filled), ("empty", filled, cells - filled)):
            if not width:
                continue
            above = open_runs.get((kind, column, width))
            if above and above[2] + above[4] == row:
                above[4] += 1
            else:
                above = [kind, column, row, width, 1]
                found.append(above)
                open_runs[(kind, column, width)] = above
    return found


def definitions(svg: etree.Element) -> None:
    """The person, once per page, and a tile of it per kind: a rectangle filled with a tile draws a run of icons."""
    defs = etree.SubElement(svg, "defs")
    symbol = etree.SubElement(defs, "symbol", {"id": SYMBOL_ID, "viewBox": "0 0 10 12"})
    for tag, attrs in PERSON:
        etree.SubElement(symbol, tag, attrs)
    x0, y0 = (CELL_W - 12) / 2, (CELL_H - 14) / 2  # the icon is drawn 12 by 14 in its cell
    for kind in ("filled", "empty"):
        tile = etree.SubElement(defs, "pattern", {"id": f"{TILE_ID}-{kind}", "patternUnits": "userSpaceOnUse",
                                                  "width": str(CELL_W), "height": str(CELL_H)})
        etree.SubElement(tile, "use", {"class": f"kap-icon-array__{kind}", "href": f"#{SYMBOL_ID}",
                                       "x": f"{x0:g}", "y": f"{y0:g}", "width": "12", "height": "14"})


def icons_svg(group: Group, with_definitions: bool) -> etree.Element:
    columns = min(COLUMNS, group.total)
    rows = -(-group.total // COLUMNS)
    width, height = columns * CELL_W, rows * CELL_H
    svg = etree.Element("svg", {"class": "kap-icon-array__icons", "viewBox": f"0 0 {width} {height}",
                                "width": str(width), "height": str(height), "aria-hidden": "true"})
    if with_definitions:
        definitions(svg)
    for kind, column, row, columns_wide, rows_tall in runs(group):
        etree.SubElement(svg, "rect", {"class": f"kap-icon-array__run kap-icon-array__run--{kind}",
                                       "x": str(column * CELL_W), "y": str(row * CELL_H),
                                       "width": str(columns_wide * CELL_W), "height": str(rows_tall * CELL_H)})
    return svg


def figure(array: IconArray, with_definitions: bool) -> etree.Element:
    fig = etree.Element("figure", {"class": "kap-icon-array"})
    caption = etree.SubElement(fig, "figcaption")
    caption.text = array.caption
    groups = etree.SubElement(fig, "div", {"class": "kap-icon-array__groups"})
    for index, group in enumerate(array.groups):
        box = etree.SubElement(groups, "div", {"class": "kap-icon-array__group"})
        label = etree.SubElement(box, "span", {"class": "kap-icon-array__label", "aria-hidden": "true"})
        label.text = f"{capital(group.label)}: {group.numbers}"
        box.append(icons_svg(group, with_definitions and index == 0))
    return fig


class IconArrayProcessor(BlockProcessor):
    def __init__(self, parser, ext):
        super().__init__(parser)
        self.ext = ext

    def test(self, parent, block):
        return "[[" in block and any(START.match(line) for line in block.split("\n"))

    def run(self, parent, blocks):
        lines = blocks.pop(0).split("\n")
        at = next(i for i, line in enumerate(lines) if START.match(line))
        if lines[at + 1:]:
            blocks.insert(0, "\n".join(lines[at + 1:]))
        if lines[:at]:  # text written straight above the line stays what it was
            self.parser.parseBlocks(parent, ["\n".join(lines[:at])])
        try:
            array = IconArray(lines[at], self.ext.references(self.parser.md))
        except ContentError as error:
            if not os.environ.get("KAPSITE_SERVE"):
                raise
            shown = etree.SubElement(etree.SubElement(parent, "p"), "strong")  # the preview shows the mistake
            shown.text = f"[{error}]"
            return
        parent.append(figure(array, not self.ext.defined))
        self.ext.defined = True


class IconArrayExtension(Extension):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.defined = False

    def reset(self):
        self.defined = False

    @staticmethod
    def references(md):
        """The bibliography of the citation extension (kapsite.md_citations), if the page has it."""
        return next((ext.refs for ext in md.registeredExtensions if isinstance(getattr(ext, "refs", None), dict)),
                    None)

    def extendMarkdown(self, md):
        md.registerExtension(self)
        # Above tables (75), so a line of ours next to a table is not read as one of its rows; below indented code
        # (80), so an example indented as code stays code. The figcaption's [@key] is numbered by md_citations'
        # inline pattern afterwards, in page order with the page's other citations.
        md.parser.blockprocessors.register(IconArrayProcessor(md.parser, self), "kap_icon_array", 76)


def makeExtension(**kwargs):
    return IconArrayExtension(**kwargs)
