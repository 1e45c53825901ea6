"""Stage 4 — check: runs the rule catalogue over a `Report` and records its findings.

The rules are data (rules/catalogue/<CODE>.yaml) bound to functions (extractor/check/*.py, via
`registry.rule`); `engine.run` runs a selection of them. Codes: S1 structure, N2 content the
notice requires, T3 table arithmetic, P4 prose against tables, F5 fees, Y6 years, C7 citations,
X8 across reports (need a context: last year's report of the same body).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..model import Report

if TYPE_CHECKING:
    from .context import Context


def check(report: Report, select: list[str] | None = None, ignore: list[str] | None = None,
          context: Context | None = None) -> Report:
    from .engine import run

    run(report, select=select, ignore=ignore, context=context)
    return report
