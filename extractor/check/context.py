"""What a rule may know beyond its own report: the other reports of the batch.

Rules that compare years (the X8 family) ask the context for last year's report of the same
body. `BatchContext` answers from the reports of one run held in memory; the batch stage may
provide another implementation (a store of earlier runs) with the same two methods.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Protocol

from ..model import Report


class Context(Protocol):
    def previous(self, report: Report) -> Report | None:
        """Last year's report of the same body, when known."""
        ...

    def peers(self, report: Report) -> list[Report]:
        """Other reports of the same year (other bodies), for comparisons across bodies."""
        ...


_BODY_NOISE = re.compile(r"[\s\u3000\u00a0（）()“”\"《》]")


def body_key(body: str | None) -> str | None:
    if not body:
        return None
    return _BODY_NOISE.sub("", body)


class BatchContext:
    """Reports of one batch, indexed by (body, year). Keeps only what the rules read."""

    def __init__(self, reports: Iterable[Report] = ()) -> None:
        self._by: dict[tuple[str, int], list[Report]] = {}
        self._year: dict[int, list[Report]] = {}
        for r in reports:
            self.add(r)

    def add(self, report: Report) -> None:
        if report.status != "ok" or report.meta.year is None:
            return
        self._year.setdefault(report.meta.year, []).append(report)
        key = body_key(report.meta.body)
        if key is not None:
            self._by.setdefault((key, report.meta.year), []).append(report)

    def previous(self, report: Report) -> Report | None:
        key = body_key(report.meta.body)
        if key is None or report.meta.year is None:
            return None
        cands = [r for r in self._by.get((key, report.meta.year - 1), []) if r is not report]
        if not cands:
            return None
        # prefer one with the same template layout and the most table fields
        same = [r for r in cands if r.meta.template == report.meta.template] or cands
        return max(same, key=lambda r: len(r.fields))

    def peers(self, report: Report) -> list[Report]:
        if report.meta.year is None:
            return []
        key = body_key(report.meta.body)
        return [r for r in self._year.get(report.meta.year, []) if r is not report and body_key(r.meta.body) != key]
