"""Runs a rule's examples and named cases through the real pipeline (read → structure → extract → check).

An example is a small report under rules/catalogue/_base/ with text edits applied; rules that
compare years get last year's report the same way (`previous:`), and rules that compare bodies a
report of the same year by another body (`peer:`), all through a `BatchContext`. A named case
(`cases:` of a rule) is an example with the findings it must give; `compare` says how the findings
it gave differ from those.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from .check.catalogue import Case, Example, Expect, RuleSpec
from .check.context import BatchContext
from .model import Finding, Report


def build(example: Example, name: str) -> Report:
    from .pipeline import run_stages
    from .read import read_bytes

    report = read_bytes(example.text().encode("utf-8"), f"{name}.txt", ".txt")
    return run_stages(report, upto="extract")


def run_on(spec: RuleSpec, ex: Example, name: str, strict: bool = True) -> tuple[Report, list[Finding]]:
    """The report made from `ex` and the findings of `spec.code` on it (with its previous/peer reports)."""
    from .check.engine import run

    report = build(ex, name)
    context = None
    others = [build(e, f"{name}-{role}") for role, e in (("previous", ex.previous), ("peer", ex.peer))
              if e is not None]
    if others:
        context = BatchContext([*others, report])
    found = run(report, select=[spec.code], context=context, strict=strict)
    return report, [f for f in found if f.rule == spec.code]


def run_example(spec: RuleSpec, which: str, strict: bool = True) -> tuple[Report, list[Finding]]:
    """The report of example `which` ("pass"/"fail", or the name of a case) and the findings of
    `spec.code` on it."""
    ex = spec.examples[which] if which in spec.examples else spec.case(which).example
    return run_on(spec, ex, f"{spec.code}-{which}", strict=strict)


def run_case(spec: RuleSpec, case: Case, strict: bool = True) -> tuple[Report, list[Finding]]:
    return run_on(spec, case.example, f"{spec.code}-{case.name}", strict=strict)


def _same(want: Any, got: Any) -> bool:
    """Figures compare as numbers (58.1 in YAML is Decimal('58.1') in a finding), lists item by item."""
    if isinstance(want, (list, tuple)) and isinstance(got, (list, tuple)):
        return len(want) == len(got) and all(_same(a, b) for a, b in zip(want, got, strict=True))
    if isinstance(want, (int, float, Decimal)) and isinstance(got, (int, float, Decimal)) \
            and not isinstance(want, bool) and not isinstance(got, bool):
        try:
            return Decimal(str(want)) == Decimal(str(got))
        except InvalidOperation:
            return False
    return bool(want == got)


def matches(e: Expect, f: Finding) -> bool:
    if sorted(e.fields) != sorted(f.fields):
        return False
    for k in ("expected", "actual", "severity"):
        if k in e.given and not _same(getattr(e, k), getattr(f, k)):
            return False
    return not ("message" in e.given and e.message is not None and e.message not in f.message)


def compare(case: Case, found: list[Finding]) -> list[str]:
    """What is wrong with `found` for `case`: expected findings missing, findings not expected
    (empty when the findings are exactly those the case names)."""
    left = list(found)
    problems: list[str] = []
    for e in case.expect:
        hit = next((f for f in left if matches(e, f)), None)
        if hit is None:
            problems.append(f"missing: {e.show()}")
        else:
            left.remove(hit)
    problems.extend(f"unexpected: {sorted(f.fields)} expected={f.expected!r} actual={f.actual!r} {f.message}"
                    for f in left)
    return problems
