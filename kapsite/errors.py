"""The error our Markdown extensions raise: MkDocs prints a BuildError as a plain message (no traceback)."""
try:
    from mkdocs.exceptions import BuildError as _Base
except ImportError:  # another builder (for example Zensical): a plain error still stops the build
    _Base = ValueError


class ContentError(_Base):
    pass
