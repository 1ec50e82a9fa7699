"""Python-Markdown extension: tables come out of the build already in Material's scrolling wrapper, and wide ones
can be read on a phone without scrolling sideways.

Material 9.8.2's JavaScript wraps every `table:not([class])` in `div.md-typeset__scrollwrap > div.md-typeset__table`
once the page has loaded. Moving a table in the live page makes Chrome restyle the rest of the article, a long
task on a phone (about 20 ms of 50 on our longest page). Here each table is written inside that wrapper at build time
with class `kap-table`, so Material leaves it alone; site.css gives `kap-table` Material's own table look.

A table of STACK_COLUMNS columns or more (the options comparison) also gets class `kap-table--stack`: on a phone,
site.css shows each row as a card, each cell under its column's name. The names are real text in each cell, hidden
from screen readers (aria-hidden), and the table keeps explicit table roles, so a screen reader still reads a table
with its column headers whatever the layout. No script is involved.
"""
from markdown import Extension
from markdown.treeprocessors import Treeprocessor

STACK_COLUMNS = 4
ROLES = {"table": "table", "thead": "rowgroup", "tbody": "rowgroup", "tr": "row", "th": "columnheader",
         "td": "cell"}


def stack(table) -> None:
    """Roles for every part of the table, and each cell's column name as a label for the phone layout."""
    headers = [th for th in table.iter("th")]
    for element in table.iter():
        if element.tag in ROLES:
            element.set("role", ROLES[element.tag])
    for row in table.iter("tr"):
        for index, cell in enumerate(c for c in row if c.tag == "td"):
            if index >= len(headers):
                continue
            label = cell.makeelement("span", {"class": "kap-cell-label", "aria-hidden": "true"})
            label.text = "".join(headers[index].itertext()).strip()
            label.tail, cell.text = cell.text, None
            cell.insert(0, label)


class TableWrapProcessor(Treeprocessor):
    def run(self, root):
        for parent in list(root.iter()):
            for index, child in enumerate(list(parent)):
                if child.tag == "table" and "class" not in child.attrib:
                    scrollwrap = parent.makeelement("div", {"class": "md-typeset__scrollwrap"})
                    inner = scrollwrap.makeelement("div", {"class": "md-typeset__table"})
                    scrollwrap.append(inner)
                    scrollwrap.tail, child.tail = child.tail, None
                    parent.remove(child)
                    inner.append(child)
                    columns = len(list(child.iter("th")))
                    child.set("class", "kap-table kap-table--stack" if columns >= STACK_COLUMNS else "kap-table")
                    if columns >= STACK_COLUMNS:
                        stack(child)
                    parent.insert(index, scrollwrap)


class TableWrapExtension(Extension):
    def extendMarkdown(self, md):
        # After attr_list (8), which may give a table a class of its own; such tables are left as they are.
        md.treeprocessors.register(TableWrapProcessor(md), "kap_table_wrap", 7)


def makeExtension(**kwargs):
    return TableWrapExtension(**kwargs)
