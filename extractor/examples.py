"""Runs a rule's pass/fail example through the real pipeline (read → structure → extract → check).

An example is a small report under rules/catalogue/_base/ with text edits applied; rules that
compare years get last year's report the same way (`previous:`), and rules that compare bodies a
report of the same year by another body (`peer:`), all through a `BatchContext`.
"""

from __future__ import annotations

from .check.catalogue import Example, RuleSpec
from .check.context import BatchContext
from .model import Finding, Report


def build(example: Example, name: str) -> Report:
    from .pipeline import run_stages
    from .read import read_bytes

    report = read_bytes(example.text().encode("utf-8"), f"{name}.txt", ".txt")
    return run_stages(report, upto="extract")


def run_example(spec: RuleSpec, which: str, strict: bool = True) -> tuple[Report, list[Finding]]:
    """The report of example `which` ("pass"/"fail") and the findings of `spec.code` on it."""
    from .check.engine import run

    ex = spec.examples[which]
    report = build(ex, f"{spec.code}-{which}")
    context = None
    others = [build(e, f"{spec.code}-{which}-{role}") for role, e in (("previous", ex.previous), ("peer", ex.peer))
              if e is not None]
    if others:
        context = BatchContext([*others, report])
    found = run(report, select=[spec.code], context=context, strict=strict)
    return report, [f for f in found if f.rule == spec.code]
