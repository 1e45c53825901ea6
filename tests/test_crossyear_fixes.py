"""X806 on a scraped page: a 表二 row whose digits ran together (several readings) is compared too."""

from __future__ import annotations

from typing import Any

from test_engine import make_report

from extractor.check.context import BatchContext
from extractor.check.engine import run

T2 = {"t2.regulations.issued": 0, "t2.regulations.repealed": 0, "t2.regulations.in_force": 0,
      "t2.normative_docs.issued": 9, "t2.normative_docs.repealed": 6, "t2.normative_docs.in_force": 353,
      "t2.licensing.decisions": 1752, "t2.penalty.decisions": 213, "t2.coercion.decisions": 48,
      "t2.fees.amount": 12}
FUSED = [[9, 6, 353], [9, 63, 53], [96, 3, 53]]  # “96353”: issued, repealed, in force


def x806(now: dict[str, Any], before: dict[str, Any], cands_now: bool, cands_before: bool) -> list[str]:
    cands = {f"t2.normative_docs.{c}": FUSED for c in ("issued", "repealed", "in_force")}
    prev = make_report(before, year=2022, candidates=cands if cands_before else None)
    cur = make_report(now, year=2023, candidates=cands if cands_now else None)
    found = run(cur, select=["X806"], strict=True, context=BatchContext([prev, cur]))
    return [f.message for f in found]


def test_a_fused_row_repeated_from_last_year_counts() -> None:
    # six figures besides the fused row: the fused row's two flows make the table reach min_nonzero
    assert x806(T2, T2, True, True)
    assert x806(T2, T2, True, False)  # read plainly last year: one of this year's readings
    assert x806(T2, T2, False, True)


def test_a_fused_row_with_other_digits_is_not_the_same() -> None:
    other = {**T2, "t2.normative_docs.issued": 12}
    assert not x806(T2, other, True, False)
    fused_other = [[1, 2, 353], [12, 3, 53]]
    cands = {f"t2.normative_docs.{c}": fused_other for c in ("issued", "repealed", "in_force")}
    prev = make_report(T2, year=2022, candidates=cands)
    cur = make_report(T2, year=2023, candidates={k: FUSED for k in cands})
    assert not run(cur, select=["X806"], strict=True, context=BatchContext([prev, cur]))
