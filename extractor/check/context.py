"""What a rule may know beyond its own report: other reports, of last year and of the same year.

Rules that compare years (X801–X806) ask the context for last year's report of the same body;
rules that compare bodies (X807, X808) ask it for the same year's reports of other bodies. Two
implementations answer:

- `BatchContext`: the reports of one run held in memory (the rule examples, the tests);
- `PairContext`: the partners the batch runner chose for one report (`extractor/batch`), which
  holds only compact records of a batch of thousands and finds each report's partners in the
  batch or in the store of earlier runs.

Bodies are matched with `check/names.py`: 信阳市浉河区人民政府 and 浉河区人民政府 are one body; when
a body has no report of last year, the report its government's office (or the government whose
office it is) published is taken instead.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Protocol

from ..model import Report
from .names import BodyName, normalise, same_body, shorten


class Context(Protocol):
    def previous(self, report: Report) -> Report | None:
        """Last year's report of the same body, when known."""
        ...

    def peers(self, report: Report) -> list[Report]:
        """Other reports of the same year (other bodies), for comparisons across bodies."""
        ...


def body_key(body: str | None) -> str | None:
    """The normalised name of a body (see `check/names.py`)."""
    name = normalise(body)
    return None if name is None else name.key


def preference(template: str | None, candidate_template: str | None, candidate_fields: int) -> tuple[bool, int]:
    """Among several reports of last year (in a batch, or records in the store): one on the same
    template layout as this year's `template`, then the one with the most table fields."""
    return candidate_template == template, candidate_fields


def alternates(name: BodyName) -> list[BodyName]:
    """Who may have published a body's report instead: the government an office serves, or a
    government's offices."""
    gov = name.government
    out = [gov] if gov is not None else list(name.offices)
    if name.former:  # a rename the title states (现Y局（原X局）): last year's report is X局's
        out.insert(0, BodyName(name.former, name.former, shorten(name.former)))
    return out


class BatchContext:
    """Reports of one batch, indexed by year. Keeps only what the rules read."""

    def __init__(self, reports: Iterable[Report] = ()) -> None:
        self._year: dict[int, list[tuple[Report, BodyName | None]]] = {}
        for r in reports:
            self.add(r)

    def add(self, report: Report) -> None:
        if report.status != "ok" or report.meta.year is None:
            return
        self._year.setdefault(report.meta.year, []).append((report, normalise(report.meta.body)))

    def _of(self, name: BodyName, year: int, report: Report) -> list[Report]:
        return [r for r, n in self._year.get(year, []) if r is not report and same_body(name, n)]

    def previous(self, report: Report) -> Report | None:
        name = normalise(report.meta.body)
        if name is None or report.meta.year is None:
            return None
        cands = self._of(name, report.meta.year - 1, report)
        for alt in alternates(name) if not cands else []:
            cands = self._of(alt, report.meta.year - 1, report)
            if cands:
                break
        if not cands:
            return None
        return max(cands, key=lambda c: preference(report.meta.template, c.meta.template, len(c.fields)))  # the first of the best, in batch order

    def peers(self, report: Report) -> list[Report]:
        name = normalise(report.meta.body)
        if report.meta.year is None or name is None:
            return []
        return [r for r, n in self._year.get(report.meta.year, [])
                if r is not report and n is not None and not same_body(name, n)]


class PairContext:
    """The partners chosen for one report: last year's report (or None) and same-year peers."""

    def __init__(self, previous: Report | None = None, peers: Sequence[Report] = ()) -> None:
        self._previous = previous
        self._peers = list(peers)

    def previous(self, report: Report) -> Report | None:
        return self._previous

    def peers(self, report: Report) -> list[Report]:
        return list(self._peers)
