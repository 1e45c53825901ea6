"""The rule catalogue: every rule is data with both examples, and every example does what it says.

Each rule's `pass` example (a small report of our own under rules/catalogue/_base/, with text
edits) goes through the real pipeline and must give no finding of that rule; its `fail` example
must give at least one. The exact findings, case by case, are checked by tests/test_rule_cases.py.
"""

from __future__ import annotations

import re
import string

import pytest

from extractor.check import registry
from extractor.check.catalogue import FAMILIES, SEVERITIES, Example, RuleSpec, catalogue
from extractor.check.context import BatchContext
from extractor.check.engine import run
from extractor.examples import build, run_example

CATALOGUE = catalogue()
CODES = list(CATALOGUE)


def _claims_available() -> bool:
    try:
        from extractor.extract import claims  # noqa: F401
    except ImportError:
        return False
    return True


def test_every_registered_rule_has_a_yaml_and_back() -> None:
    rules = registry.load()
    assert set(rules) == set(CATALOGUE), (set(rules) ^ set(CATALOGUE))


def test_codes_names_and_severities() -> None:
    names = [s.name for s in CATALOGUE.values()]
    assert len(set(names)) == len(names), "rule names must be unique"
    for code, s in CATALOGUE.items():
        assert re.fullmatch(r"[A-Z]\d{3}", code)
        assert code[:2] in FAMILIES
        assert s.severity in SEVERITIES
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", s.name)
        assert re.search(r"[\u4e00-\u9fff]", s.message), f"{code}: the message must be Chinese"
        assert re.search(r"[\u4e00-\u9fff]", s.explanation) and s.basis and s.summary


def test_catalogue_is_ordered_by_family() -> None:
    fams = [c[1] for c in CODES]
    assert fams == sorted(fams)


@pytest.mark.parametrize("code", CODES)
def test_every_rule_has_both_examples(code: str) -> None:
    spec = CATALOGUE[code]
    assert set(spec.examples) >= {"pass", "fail"}
    for ex in spec.examples.values():
        ex.text()  # every edit applies to its base
        if ex.previous is not None:
            ex.previous.text()
    if "context" in spec.needs:
        fail = spec.examples["fail"]
        assert fail.previous is not None or fail.peer is not None, f"{code} needs another report in its fail example"


@pytest.mark.parametrize("code", CODES)
def test_message_placeholders_are_plain_names(code: str) -> None:
    spec = CATALOGUE[code]
    for template in (spec.message, *spec.variants.values()):
        for _lit, field, _fmt, _conv in string.Formatter().parse(template):
            if field is not None:
                assert re.fullmatch(r"[a-z_]+", field), f"{code}: placeholder {field!r}"


def _skip_unless_ready(spec: RuleSpec) -> None:
    if "claims" in spec.needs and not _claims_available():
        pytest.skip("prose claims are not extracted yet (extractor/extract/claims.py)")


def _needs_met(spec: RuleSpec, report_claims: list) -> None:
    if "claims.share" in spec.needs and not any(c.share is not None for c in report_claims):
        pytest.skip("the claim extractor does not attach shares (占X%) yet")
    if "claims.part_of" in spec.needs and not any(c.part_of is not None for c in report_claims):
        pytest.skip("the claim extractor does not link parts (其中…) yet")


@pytest.mark.parametrize("code", CODES)
def test_pass_example_gives_no_finding(code: str) -> None:
    spec = CATALOGUE[code]
    _skip_unless_ready(spec)
    report, found = run_example(spec, "pass")
    assert report.status == "ok", report.error
    assert found == [], [f.message for f in found]


@pytest.mark.parametrize("code", CODES)
def test_fail_example_gives_a_finding(code: str) -> None:
    spec = CATALOGUE[code]
    _skip_unless_ready(spec)
    report, found = run_example(spec, "fail")
    assert report.status == "ok", report.error
    if not found:
        _needs_met(spec, report.claims)
    assert found, f"{code}: the fail example gave no finding"
    for f in found:
        assert f.rule == code and f.severity == spec.severity
        assert f.message and "{" not in f.message


BASES = [("base-2021.txt", "base-2022.txt"), ("base-2022.txt", None), ("base-2019.txt", "base-2019-prev.txt"),
         ("base-2019-prev.txt", None)]


@pytest.mark.parametrize(("base", "previous"), BASES)
def test_base_reports_are_clean(base: str, previous: str | None) -> None:
    """The bases every example starts from give no finding at all, with last year's report beside them."""
    report = build(Example(base), base)
    ctx = BatchContext([report, build(Example(previous), previous)]) if previous else None
    found = run(report, context=ctx, strict=True)
    assert found == [], [(f.rule, f.message) for f in found]


def test_rule_without_context_is_skipped_not_failed() -> None:
    spec = CATALOGUE["X802"]
    report = build(spec.examples["fail"], "x802")
    assert run(report, select=["X8"], strict=True) == []
