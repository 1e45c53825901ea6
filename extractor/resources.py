"""Where the data the package ships lives: rules/ (the catalogue, templates and lexicon).

In a wheel they sit inside the package (extractor/_data/…); in a source checkout or an
editable install they are the top-level folders of the repository.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

_HERE = Path(__file__).resolve().parent


def data_dir(name: str) -> Path:
    packed = _HERE / "_data" / name
    if packed.is_dir():
        return packed
    return _HERE.parent / name


def rules_dir() -> Path:
    return data_dir("rules")


@cache
def load_yaml(relpath: str) -> Any:
    import yaml

    with open(rules_dir() / relpath, encoding="utf-8") as fh:
        return yaml.load(fh, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
