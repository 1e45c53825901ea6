"""Every named case of every rule (the `cases:` of rules/catalogue/CODE.yaml), run through the real
pipeline: the rule must give exactly the findings the case names — each with its exact set of
fields and the figures it pins — and nothing else. A pass case (`expect: []`) must give none.

A case marked `xfail: "reason"` records what the rule's page promises and the code does not do
yet; it must keep failing (strict), so that the mark is removed when the rule is fixed.
"""

from __future__ import annotations

import re

import pytest

from extractor.check.catalogue import Case, RuleSpec, catalogue
from extractor.examples import compare, run_case

CATALOGUE = catalogue()
CASES: list[tuple[RuleSpec, Case]] = [(s, c) for s in CATALOGUE.values() for c in s.cases]
MIN_CASES, MIN_FAIL, MIN_PASS = 4, 2, 2


def _param(spec: RuleSpec, case: Case) -> object:
    marks = [pytest.mark.xfail(reason=case.xfail, strict=True)] if case.xfail else []
    return pytest.param(spec, case, id=f"{spec.code}-{case.name}", marks=marks)


@pytest.mark.parametrize(("spec", "case"), [_param(s, c) for s, c in CASES])
def test_case_gives_exactly_its_findings(spec: RuleSpec, case: Case) -> None:
    if "claims" in spec.needs:
        pytest.importorskip("extractor.extract.claims", reason="prose claims are not extracted here")
    report, found = run_case(spec, case)
    assert report.status == "ok", report.error
    for f in found:
        assert f.severity == spec.severity and f.message and "{" not in f.message
    problems = compare(case, found)
    assert not problems, f"{spec.code} {case.name}:\n  " + "\n  ".join(problems)
@pytest.mark.parametrize("code", list(CATALOGUE))
def test_every_rule_has_named_cases(code: str) -> None:
    """At least two failing and two passing cases per rule (a near-miss among the passing ones)."""
    spec = CATALOGUE[code]
    fails = [c for c in spec.cases if not c.passes]
    passes = [c for c in spec.cases if c.passes]
    assert len(spec.cases) >= MIN_CASES and len(fails) >= MIN_FAIL and len(passes) >= MIN_PASS, (
        f"{code}: {len(fails)} failing and {len(passes)} passing cases")
    for c in spec.cases:
        assert re.fullmatch(r"[a-z0-9]+(_[a-z0-9]+)*", c.name)
        c.example.text()  # every edit applies to its base
        for other in (c.example.previous, c.example.peer):
            if other is not None:
                other.text()
    if "context" in spec.needs:
        assert any(c.example.previous or c.example.peer for c in fails), f"{code} needs another report in a case"


def test_compare_names_missing_and_unexpected_findings() -> None:
    """The comparison is exact: a finding with other fields, other figures or one too many fails."""
    from decimal import Decimal

    from extractor.check.catalogue import Example, Expect
    from extractor.model import Finding

    want = Expect(fields=("t3.new.total",), expected=42, actual=47, given=frozenset({"expected", "actual"}))
    case = Case("c", Example("base-2021.txt"), (want,))
    hit = Finding(rule="P401", severity="error", message="m", fields=["t3.new.total"], expected=42,
                  actual=Decimal("47"))
    assert compare(case, [hit]) == []
    other = Finding(rule="P401", severity="error", message="m", fields=["t3.new.total", "t3.carried_over.total"],
                    expected=42, actual=47)
    assert [p.split(":")[0] for p in compare(case, [other])] == ["missing", "unexpected"]
    wrong = Finding(rule="P401", severity="error", message="m", fields=["t3.new.total"], expected=42, actual=45)
    assert compare(case, [wrong])[0].startswith("missing")
    assert compare(case, [hit, hit])[0].startswith("unexpected")
    assert compare(Case("p", Example("base-2021.txt")), [hit])[0].startswith("unexpected")


@pytest.mark.parametrize("bad", [
    {"name": "Bad-Name", "expect": []},
    {"name": "no_expect"},
    {"name": "x", "expect": [{"field": ["t3.new.total"]}]},
    {"name": "x", "expect": [], "unknown": 1},
])
def test_malformed_cases_are_refused(bad: dict) -> None:
    from extractor.check.catalogue import _cases

    with pytest.raises(ValueError):
        _cases([bad], "T301.yaml")
    with pytest.raises(ValueError):
        _cases([{"name": "twice", "expect": []}, {"name": "twice", "expect": []}], "T301.yaml")


def test_examples_default_to_the_first_passing_and_failing_case() -> None:
    from extractor.check.catalogue import _spec

    d = {k: "x" for k in ("summary", "explanation", "basis", "message")}
    d.update(code="T301", name="t3-column-balance", severity="error", cases=[
        {"name": "fails", "edits": [["a", "b"]], "expect": [{"fields": ["t3.new.total"]}]},
        {"name": "passes", "base": "base-2022.txt", "expect": []},
    ])
    spec = _spec(d, "T301.yaml")
    assert spec.examples["pass"].base == "base-2022.txt"
    assert spec.examples["fail"].edits == (("a", "b"),)
