"""A check batch's ambiguous digit runs, decided with the batch's other reports — the evidence
`extract` of several files uses (structure/evidence.py `resolve_series`: last or next year's report
of the same body through the stock chains, the same report in another format), so that the
findings of `check` rest on the same fields as `extract` gives.

Once every file is read, the records of the bodies that left a row undecided are decided together
here, in the parent (fields, claims and meta are all the evidence needs); each report whose cells
changed is then read again by a worker with those cells (`work.settle`), and the rules of one
report run on them.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from ..model import Report
from ..structure.evidence import Known, table_cell
from . import record

Patch = dict[str, tuple[Any, Any, Any]]  # field key → (value, readings, note)


def patches(entries: Sequence[Any], store: Any, tool: str | None = None) -> dict[int, Patch]:
    """For each entry (flow.Entry) whose undecided rows the others decide (or narrow): the cells
    that changed, keyed by the entry's index. With `tool`, the reports of the same bodies the store
    holds from earlier runs (last or next year's, read by this version) are evidence too.

    One body at a time, and of each report only what the evidence reads (fields, claims, meta): a
    batch's memory then grows with its largest body's reports, not with the batch (a generated
    batch of 10,000 files held 420 whole reports of one body here, 140 MB)."""
    from ..structure.evidence import resolve_series

    by_body: dict[str, list[Any]] = {}
    for e in entries:
        if e is not None and e.status == "ok" and e.name is not None:
            by_body.setdefault(e.name.key, []).append(e)
    out: dict[int, Patch] = {}
    for body, group in by_body.items():
        if not any(e.ambiguous for e in group):
            continue
        pending: list[tuple[Report, int]] = []
        views = []
        for e in group:
            if e.ambiguous:
                pending.append((_evidence_part(record.from_blob(store.record(e.rid))), e.index))
            else:  # read plainly: its row's figures are its view (decoding its record was 90% of settling)
                views.append(plain_view(store.plain(e.rid), body))
        if tool is not None:
            views += _stored([e for e in group if e.ambiguous], entries, store, tool)
        before = {i: {k: _cell(f) for k, f in r.fields.items()} for r, i in pending}
        resolve_series([(r, body) for r, _i in pending], views)
        for r, i in pending:
            changed = {k: _cell(f) for k, f in r.fields.items() if _cell(f) != before[i].get(k)}
            if changed:
                out[i] = changed
    return out


def plain_view(row: tuple[str, int | None, str | None, str | None], body: str) -> Known:
    """The compact view (`evidence.known`) of a report read plainly — no cell with several readings —
    from its store row: its figures as `fields` holds them, money back to Decimal (JSON wrote it as
    the float of the same digits, which `repr` gives back)."""
    source, year, template, fields = row
    rows: dict[str, dict[str, Any]] = {}
    for key, value in (json.loads(fields) if fields else {}).items():
        if table_cell(key):
            name, col = key.rsplit(".", 1)
            rows.setdefault(name, {})[col] = Decimal(repr(value)) if isinstance(value, float) else value
    return Known(source, body, year, template, {name: [cells] for name, cells in rows.items()})


def _evidence_part(r: Report) -> Report:
    """Of a report, what evidence reads and decides: its fields, claims and meta (not its text,
    sections or findings: most of a report's memory)."""
    part = Report(source=r.source, sha256=r.sha256, status=r.status, meta=r.meta)
    part.fields, part.claims = r.fields, r.claims
    return part


def _cell(f: Any) -> tuple[Any, Any, Any]:
    return f.value, f.candidates, f.note


def _stored(ambiguous: Sequence[Any], entries: Sequence[Any], store: Any, tool: str) -> list[Any]:
    """Compact views of the store's reports (not in this batch) of the body of the `ambiguous`
    entries, of the years around theirs."""
    from ..check.names import normalise
    from ..structure.evidence import known

    shas = {e.sha256 for e in entries if e is not None}
    out, seen = [], set()
    for e in ambiguous:
        if e.name is None or e.year is None:
            continue
        for year in (e.year - 1, e.year, e.year + 1):
            for x in store.of_body([e.name.short], year, tool):
                name = normalise(x.body)
                if x.tool != tool or x.sha256 in shas or x.id in seen or name is None or name.key != e.name.key:
                    continue
                seen.add(x.id)
                out.append(known(record.from_blob(store.record(x.id)), e.name.key))
    return out
