"""Reads mkdocs.yml without MkDocs, resolving `!ENV` tags the way MkDocs does."""
import os
from pathlib import Path

import yaml


class Loader(yaml.SafeLoader):
    pass


def _env(loader, node):
    names = [loader.construct_scalar(node)] if isinstance(node, yaml.ScalarNode) else loader.construct_sequence(node)
    *variables, default = names if len(names) > 1 else names + [None]
    for name in variables:
        if os.environ.get(name):
            return yaml.safe_load(os.environ[name])
    return default


Loader.add_constructor("!ENV", _env)
Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def load(path="mkdocs.yml") -> dict:
    return yaml.load(Path(path).read_text(encoding="utf-8"), Loader=Loader)
