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

from collections.abc import Sequence
from typing import Any

from . import record

Patch = dict[str, tuple[Any, Any, Any]]  # field key → (value, readings, note)


def patches(entries: Sequence[Any], store: Any, tool: str | None = None) -> dict[int, Patch]:
    """For each entry (flow.Entry) whose undecided rows the others decide (or narrow): the cells
    that changed, keyed by the entry's index. With `tool`, the reports of the same bodies the store
    holds from earlier runs (last or next year's, read by this version) are evidence too."""
    from ..structure.evidence import known, resolve_series

    bodies = {e.name.key for e in entries if e is not None and e.ambiguous and e.name is not None}
    if not bodies:
        return {}
    pending: list[tuple[Any, str, int]] = []
    views = []
    for e in entries:
        if e is None or e.status != "ok" or e.name is None or e.name.key not in bodies:
            continue
        r = record.from_blob(store.record(e.rid))
        if e.ambiguous:
            pending.append((r, e.name.key, e.index))
        else:
            views.append(known(r, e.name.key))
    if tool is not None:
        views += _stored(entries, store, tool)
    before = {i: {k: _cell(f) for k, f in r.fields.items()} for r, _b, i in pending}
    resolve_series([(r, b) for r, b, _i in pending], views)
    out: dict[int, Patch] = {}
    for r, _b, i in pending:
        changed = {k: _cell(f) for k, f in r.fields.items() if _cell(f) != before[i].get(k)}
        if changed:
            out[i] = changed
    return out


def _cell(f: Any) -> tuple[Any, Any, Any]:
    return f.value, f.candidates, f.note


def _stored(entries: Sequence[Any], store: Any, tool: str) -> list[Any]:
    """Compact views of the store's reports (not in this batch) of the bodies with an undecided row,
    of the years around it."""
    from ..check.names import normalise
    from ..structure.evidence import known

    shas = {e.sha256 for e in entries if e is not None}
    out, seen = [], set()
    for e in entries:
        if e is None or not e.ambiguous or e.name is None or e.year is None:
            continue
        for year in (e.year - 1, e.year, e.year + 1):
            for x in store.of_body([e.name.short], year, tool):
                name = normalise(x.body)
                if x.tool != tool or x.sha256 in shas or x.id in seen or name is None or name.key != e.name.key:
                    continue
                seen.add(x.id)
                out.append(known(record.from_blob(store.record(x.id)), e.name.key))
    return out
