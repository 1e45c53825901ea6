"""Runs a rule's pass/fail example through the real pipeline (read → structure → extract → check).

An example is a small report under rules/catalogue/_base/ with text edits applied; rules that
compare years get last year's report the same way, through a `BatchContext`.
"""

from __future__ import annotations

from ..model import Finding, Report
from .catalogue import Example, RuleSpec
from .context import BatchContext


def build(example: Example, name: str) -> Report:
    from ..pipeline import run_stages
    from ..read import read_bytes

    report = read_bytes(example.text().encode("utf-8"), f"{name}.txt", ".txt")
    return run_stages(report, upto="extract")


def run_example(spec: RuleSpec, which: str, strict: bool = True) -> tuple[Report, list[Finding]]:
    """The report of example `which` ("pass"/"fail") and the findings of `spec.code` on it."""
    from .engine import run

    ex = spec.examples[which]
    report = build(ex, f"{spec.code}-{which}")
    context = None
    if ex.previous is not None:
        prev = build(ex.previous, f"{spec.code}-{which}-previous")
        context = BatchContext([prev, report])
    found = run(report, select=[spec.code], context=context, strict=strict)
    return report, [f for f in found if f.rule == spec.code]
