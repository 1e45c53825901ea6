"""Code → rule function. A rule module decorates each function with `@rule("T301")`.

A rule function takes the `Report` and a `RuleContext` (see engine) and yields `Finding`s made
with `ctx.finding(...)`, which renders the message from the catalogue entry of the same code.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..model import Finding, Report
    from .engine import RuleContext

RuleFunc = Callable[["Report", "RuleContext"], Iterable["Finding"]]

RULES: dict[str, RuleFunc] = {}

#: the modules that hold rule functions, imported once by `load()`
MODULES = ("structure", "content", "arithmetic", "prose", "fees", "years", "citations", "crossyear", "copies",
           "enumerations", "dates", "signature", "forms", "rollup",
           "shares")


def rule(code: str) -> Callable[[RuleFunc], RuleFunc]:
    def bind(fn: RuleFunc) -> RuleFunc:
        if code in RULES and RULES[code] is not fn:
            raise ValueError(f"rule {code} registered twice ({RULES[code].__name__}, {fn.__name__})")
        RULES[code] = fn
        return fn

    return bind


_loaded = False


def load() -> dict[str, RuleFunc]:
    global _loaded
    if not _loaded:
        import importlib

        for m in MODULES:
            importlib.import_module(f"{__package__}.{m}")
        _loaded = True
    return RULES
