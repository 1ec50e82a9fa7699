"""YAML files staff edit (mkdocs.yml, references.yml, page front matter): loaded with the line of every value,
and every mistake turned into a plain message with the line and the fix instead of a traceback."""
import datetime as dt
from dataclasses import dataclass, field

import yaml


class YamlProblem(Exception):
    def __init__(self, line, message, fix):
        super().__init__(message)
        self.line, self.message, self.fix = line, message, fix


@dataclass
class Loaded:
    data: object
    lines: dict = field(default_factory=dict)  # path of keys, e.g. ("extra", "clinic", "phone") -> line number

    def line(self, *path, default=None):
        """The line of the deepest part of `path` that exists (so a missing key points at its parent)."""
        for end in range(len(path), 0, -1):
            if tuple(path[:end]) in self.lines:
                return self.lines[tuple(path[:end])]
        return default


def _explain(error: yaml.MarkedYAMLError, first_line: int) -> YamlProblem:
    mark = error.problem_mark or error.context_mark
    line = (mark.line + first_line) if mark else first_line
    problem = (error.problem or "").lower()
    if "mapping values are not allowed" in problem:
        return YamlProblem(line, "a value contains a colon followed by a space, which YAML reads as a new 'name: value'",
                           'put the whole value in double quotes, for example title: "PTSD: what helps"')
    if "found character '\\t'" in problem or "\\t" in problem:
        return YamlProblem(line, "the line starts with a tab", "indent with spaces only (two per level), never tabs")
    if "expected <block end>" in problem or "could not find expected ':'" in problem or "did not find expected key" \
            in problem or "expected ':'" in problem:
        return YamlProblem(line, "the indentation (the spaces at the start of the line) does not match the lines "
                                 "around it, or a ':' is missing", "line it up with the other entries at the same "
                                                                   "level and write 'name: value'")
    if "found unexpected end of stream" in problem or "while scanning a quoted scalar" in (error.context or ""):
        return YamlProblem(line, "a quoted value is not closed", "end the value with the same quote mark it starts with")
    if "found undefined alias" in problem or "found unknown escape" in problem:
        return YamlProblem(line, f"the value is not valid YAML ({error.problem})", "put the whole value in double "
                                                                                   "quotes and write \\\\ for a backslash")
    return YamlProblem(line, f"this is not valid YAML ({error.problem or error})",
                       "compare the line with the lines around it: 'name: value', two spaces per indentation level")


def _walk(node, path, loaded, first_line):
    if isinstance(node, yaml.MappingNode):
        seen = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            line = key_node.start_mark.line + first_line
            if key in seen:
                raise YamlProblem(line, f"'{key}' is given twice (also on line {seen[key]}); only one of them would count",
                                  "keep one of the two and delete the other")
            seen[key] = line
            loaded.lines[path + (key,)] = line
            _walk(value_node, path + (key,), loaded, first_line)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            loaded.lines[path + (index,)] = item.start_mark.line + first_line
            _walk(item, path + (index,), loaded, first_line)
    elif isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:timestamp":
        try:
            dt.date.fromisoformat(node.value[:10])
        except ValueError:
            raise YamlProblem(node.start_mark.line + first_line, f"{node.value} is not a real date",
                              "write a date that exists, as YYYY-MM-DD (for example 2026-11-30)") from None


def load(text: str, loader=yaml.SafeLoader, first_line=1) -> Loaded:
    """Parse `text`; raises YamlProblem (with the line in the file, counting from `first_line`)."""
    try:
        root = yaml.compose(text, Loader=loader)
        loaded = Loaded(None)
        if root is not None:
            _walk(root, (), loaded, first_line)
        loaded.data = yaml.load(text, Loader=loader)
    except yaml.MarkedYAMLError as error:
        raise _explain(error, first_line) from None
    except yaml.YAMLError as error:
        raise YamlProblem(first_line, f"this is not valid YAML ({error})", "compare it with a working example") from None
    return loaded
