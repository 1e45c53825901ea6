"""X8 — across years: this report against last year's report of the same body (needs a context).

A gap is a warning, never an error: bodies merge or split, documents expire, last year's report
may itself be wrong.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from .. import template as tmpl
from ..model import Finding, Number, Report
from .engine import RuleContext, fmt
from .facts import possible, row_readings
from .registry import rule


@rule("X801")
def carry_over(r: Report, ctx: RuleContext) -> Iterator[Finding]:
    p = ctx.last_year(r)
    if p is None or p.meta.template not in tmpl.VERSIONS:
        return
    t = ctx.template
    assert t is not None
    keys, details = [], []
    for c in t.t3_columns:
        now, before = possible(r, f"t3.carried_over.{c.key}"), possible(p, f"t3.carried_forward.{c.key}")
        if not now or not before or now & before:
            continue
        keys.append(f"t3.carried_over.{c.key}")
        details.append(f"「{c.label}」本年{_one(now)}、上年{_one(before)}")
    if keys:
        now_t, before_t = r.value("t3.carried_over.total"), p.value("t3.carried_forward.total")
        yield ctx.finding(fields=keys, expected=before_t, actual=now_t, prev_year=p.meta.year,
                          details="；".join(details), section=3, data={"previous": p.source})


AMBIGUOUS = "（表格数字连写、拆分不唯一，按每一种拆分都不衔接，此处列出其中一种）"


Readings = list[dict[str, Number | None]]
Test = Callable[[dict[str, Number | None], dict[str, Number | None]], tuple[bool, tuple[Any, ...]] | None]


def _note(*rows: Readings) -> str:
    return AMBIGUOUS if any(len(x) > 1 for x in rows) else ""


def _gap(d: Number) -> str:
    return f"多{fmt(d)}件" if d > 0 else f"少{fmt(-d)}件"


def _one(vals: set[Number]) -> str:
    return "或".join(fmt(v) for v in sorted(vals))


def _chain(now: Readings, before: Readings, fn: Test) -> tuple[bool, tuple[Any, ...] | None]:
    """Whether some reading of both rows satisfies `fn` (returns (ok, first complete combination))."""
    first = None
    for a in now:
        for b in before:
            got = fn(a, b)
            if got is None:
                continue
            if got[0]:
                return True, got
            first = first or got
    return first is None, first


@rule("X802")
def stock(r: Report, ctx: RuleContext) -> Iterator[Finding]:
    p = ctx.last_year(r)
    if p is None or p.meta.template != r.meta.template:
        return
    t = ctx.template
    assert t is not None
    for row in ("regulations", "normative_docs"):
        lab = t.row("t2", row)
        label = lab.label if lab else row
        now_rows, prev_rows = row_readings(r, f"t2.{row}"), row_readings(p, f"t2.{row}")
        if not now_rows or not prev_rows:
            continue
        if t.version == "2021":
            def test(a, b):
                vals = (a.get("in_force"), a.get("issued"), a.get("repealed"), b.get("in_force"))
                if any(v is None for v in vals):
                    return None
                now, issued, repealed, before = vals
                exp = before + issued - repealed
                return exp == now, (before, issued, repealed, now, exp)

            ok, got = _chain(now_rows, prev_rows, test)
            if ok or got is None:
                continue
            before, issued, repealed, now, expected = got[1]
            yield ctx.finding(fields=[f"t2.{row}.in_force", f"t2.{row}.issued", f"t2.{row}.repealed"],
                              expected=expected, actual=now, row=label, prev_year=p.meta.year, before=before,
                              issued=issued, repealed=repealed, now=now, gap=_gap(now - expected),
                              note=_note(now_rows, prev_rows), data={"previous": p.source})
        else:
            def test19(a, b):
                vals = (a.get("public_total"), a.get("published"), b.get("public_total"))
                if any(v is None for v in vals):
                    return None
                now, published, before = vals
                exp = before + published
                return exp == now, (before, published, now, exp)

            ok, got = _chain(now_rows, prev_rows, test19)
            if ok or got is None:
                continue
            before, published, now, expected = got[1]
            yield ctx.finding("v2019", fields=[f"t2.{row}.public_total", f"t2.{row}.published"],
                              expected=expected, actual=now, row=label, prev_year=p.meta.year, before=before,
                              published=published, now=now, gap=_gap(now - expected),
                              note=_note(now_rows, prev_rows), data={"previous": p.source})


@rule("X803")
def repeal_bound(r: Report, ctx: RuleContext) -> Iterator[Finding]:
    p = ctx.last_year(r)
    if p is None or r.meta.template != "2021" or p.meta.template != "2021":
        return
    t = ctx.template
    assert t is not None
    for row in ("regulations", "normative_docs"):
        def test(a, b):
            vals = (a.get("repealed"), a.get("issued"), b.get("in_force"))
            if any(v is None for v in vals):
                return None
            repealed, issued, before = vals
            return repealed <= before + issued, (repealed, issued, before)

        now_rows, prev_rows = row_readings(r, f"t2.{row}"), row_readings(p, f"t2.{row}")
        ok, got = _chain(now_rows, prev_rows, test)
        if ok or got is None:
            continue
        repealed, issued, before = got[1]
        lab = t.row("t2", row)
        yield ctx.finding(fields=[f"t2.{row}.repealed", f"t2.{row}.issued"], expected=before + issued,
                          actual=repealed, row=lab.label if lab else row, repealed=repealed, before=before,
                          issued=issued, bound=before + issued, prev_year=p.meta.year,
                          note=_note(now_rows, prev_rows), data={"previous": p.source})


@rule("X804")
def prev_items_chain(r: Report, ctx: RuleContext) -> Iterator[Finding]:
    p = ctx.last_year(r)
    if p is None or r.meta.template != "2019" or p.meta.template != "2019":
        return
    t = ctx.template
    assert t is not None
    for row in ("licensing", "other_services", "penalty", "coercion", "fees"):
        def test(a, b):
            vals = (a.get("prev_items"), b.get("prev_items"), b.get("change"))
            if any(v is None for v in vals):
                return None
            now, before, change = vals
            return before + change == now, (now, before, change)

        now_rows, prev_rows = row_readings(r, f"t2.{row}"), row_readings(p, f"t2.{row}")
        ok, got = _chain(now_rows, prev_rows, test)
        if ok or got is None:
            continue
        now, before, change = got[1]
        lab = t.row("t2", row)
        yield ctx.finding(fields=[f"t2.{row}.prev_items"], expected=before + change, actual=now,
                          row=lab.label if lab else row, prev_year=p.meta.year, before=before, change=change,
                          now=now, note=_note(now_rows, prev_rows), data={"previous": p.source})
