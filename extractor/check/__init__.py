"""Stage 4 — check: runs the rule catalogue over a `Report` and records its findings."""

from __future__ import annotations

from ..model import Report


def check(report: Report, select: list[str] | None = None, ignore: list[str] | None = None) -> Report:
    try:
        from .engine import run
    except ImportError:  # the catalogue is not built yet
        return report
    run(report, select=select, ignore=ignore)
    return report
