"""Python-Markdown extension: tables come out of the build already in Material's scrolling wrapper.

Material 9.8.2's JavaScript wraps every `table:not([class])` in `div.md-typeset__scrollwrap > div.md-typeset__table`
once the page has loaded. Moving a table in the live page makes Chrome restyle the rest of the article, a long
task on a phone (about 20 ms of 50 on our longest page). Here each table is written inside that wrapper at build time
with class `kap-table`, so Material leaves it alone; site.css gives `kap-table` Material's own table look.
"""
from markdown import Extension
from markdown.treeprocessors import Treeprocessor


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
                    child.set("class", "kap-table")
                    parent.insert(index, scrollwrap)


class TableWrapExtension(Extension):
    def extendMarkdown(self, md):
        # After attr_list (8), which may give a table a class of its own; such tables are left as they are.
        md.treeprocessors.register(TableWrapProcessor(md), "kap_table_wrap", 7)


def makeExtension(**kwargs):
    return TableWrapExtension(**kwargs)
