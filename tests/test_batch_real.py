"""The real Pingtan series (2019–2025, eight bodies) through the batch, as an auditor runs it.

The rules across years must fire where the real figures break (the gold issues marked
`cross_year`) and stay silent where they hold; the copied-text rule fires only on parts that are
copied indeed (checked here with another measure, difflib); no two bodies share text or figures.
Skipped when ../shared/corpus is absent.
"""

from __future__ import annotations

import difflib
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from extractor.check.similarity import section_prose
from extractor.cli import app
from extractor.pipeline import process

FIGURE_RULES = {"X801", "X802", "X803", "X804", "X806"}


@pytest.fixture(scope="module")
def results(shared_golds: list[tuple[Path, dict]], shared_corpus: Path) -> dict[str, tuple[dict, dict]]:
    golds = {p.name: g for p, g in shared_golds if g.get("template") in ("2021", "2019")}
    res = CliRunner().invoke(app, ["check", *(str(shared_corpus / n) for n in golds), "--format", "jsonl"])
    objs = {Path(o["source"]).name: o for o in map(json.loads, res.stdout.splitlines())}
    return {n: (objs[n], g) for n, g in golds.items()}


def _overlaps(f: dict, issue: dict) -> bool:
    if set(f["fields"]) & set(issue.get("fields") or []):
        return True
    values = {float(c["value"]) for c in f["claims"]}
    return bool(values & {float(v) for v in issue.get("claim_values") or []})


def test_cross_year_rules_fire_where_the_real_figures_break(results: dict) -> None:
    present = {(g.get("body"), g.get("year")) for _o, g in results.values()}
    missed, stray = [], []
    for name, (obj, gold) in results.items():
        cross = [i for i in gold.get("issues", []) if i.get("cross_year")]
        fired = [f for f in obj["findings"] if f["rule"] in FIGURE_RULES]
        for issue in cross:
            if (gold["body"], gold["year"] - 1) in present and not any(_overlaps(f, issue) for f in fired):
                missed.append(f"{name}: {issue['description'][:60]}")
        for f in fired:
            if not any(_overlaps(f, i) for i in cross):
                stray.append(f"{name}: {f['rule']} {f['message'][:60]}")
    # the bar of issue 9 (≥ 90% of real issues) on this family; never a stray figure finding
    cross_total = sum(1 for _n, (_o, g) in results.items() for i in g.get("issues", [])
                      if i.get("cross_year") and (g["body"], g["year"] - 1) in present)
    assert len(missed) <= 0.1 * cross_total, missed
    assert not stray, stray
    assert sum(f["rule"] in FIGURE_RULES for o, _g in results.values() for f in o["findings"]) >= 8


def test_the_batch_keeps_every_real_issue_and_no_false_error(results: dict) -> None:
    """What `score.py issues` measures, on the batch's own output."""
    present = {(g.get("body"), g.get("year")) for _o, g in results.values()}
    found = total = false = 0
    for obj, gold in results.values():
        fs = [f for f in obj["findings"] if f["severity"] in ("error", "warning")]
        issues = [i for i in gold.get("issues", []) if (i.get("fields") or i.get("claim_values"))
                  and (not i.get("cross_year") or (gold.get("body"), gold.get("year", 0) - 1) in present)]
        found += sum(any(_overlaps(f, i) for f in fs) for i in issues)
        total += len(issues)
        false += sum(1 for f in fs if f["severity"] == "error" and (f["fields"] or f["claims"])
                     and not any(_overlaps(f, i) for i in gold.get("issues", [])))
    # the bars of issue 9: ≥ 90% of the real issues (the corpus grew by five bodies nobody had tuned
    # to; 99/105 today), and no error that matches no real issue
    assert found >= 0.9 * total and false == 0, (found, total, false)


def test_copied_parts_are_copied_indeed_and_no_two_bodies_share_a_report(results: dict, shared_corpus: Path) -> None:
    flagged = set()
    for name, (obj, _gold) in results.items():
        assert not [f for f in obj["findings"] if f["rule"] in ("X807", "X808")], name
        for f in (f for f in obj["findings"] if f["rule"] == "X805"):
            now = process(shared_corpus / name, upto="extract")
            before = process(Path(f["data"]["previous"]), upto="extract")
            a, b = section_prose(now, f["section"]), section_prose(before, f["section"])
            assert difflib.SequenceMatcher(None, a, b, autojunk=False).ratio() >= 0.9, (name, f["message"])
            flagged.add((name, f["section"]))
    # every part of 一 or 五 that is (nearly) word for word last year's is flagged
    names = sorted(results)
    for name in names:
        obj, gold = results[name]
        prev = next((n for n in names if results[n][1].get("body") == gold.get("body")
                     and results[n][1].get("year") == gold.get("year", 0) - 1), None)
        if prev is None:
            continue
        now, before = process(shared_corpus / name, upto="extract"), process(shared_corpus / prev, upto="extract")
        for sec in (1, 5):
            a, b = section_prose(now, sec), section_prose(before, sec)
            if min(len(a), len(b)) >= 100 and difflib.SequenceMatcher(None, a, b, autojunk=False).ratio() >= 0.98:
                assert (name, sec) in flagged, (name, sec)
    assert flagged, "the real series copies its part 五 from year to year (财政金融局 2023–2025)"
