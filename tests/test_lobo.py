"""The leave-one-body-out bench (bench/lobo.py) and the absence of a learned model at run time."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from collections import Counter
from pathlib import Path
from types import ModuleType

import pytest

from extractor.model import Claim

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def lobo() -> ModuleType:
    spec = importlib.util.spec_from_file_location("lobo", ROOT / "bench" / "lobo.py")
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    sys.modules["lobo"] = mod  # dataclasses look their module up
    spec.loader.exec_module(mod)
    return mod


@pytest.mark.parametrize(("name", "body"), [
    ("pingtan-2024.txt", "pingtan"),
    ("pingtan-2024-portal.html", "pingtan"),
    ("pingtan-czj-2019.txt", "pingtan-czj"),
    ("pingtan-hzs-2021-portal.html", "pingtan-hzs"),
    ("shuyang-drc-2023.html", "shuyang-drc"),
    ("huaian-2024.pdf", "huaian"),
])
def test_a_portal_twin_belongs_to_its_body(lobo: ModuleType, name: str, body: str) -> None:
    assert lobo.body_of(name) == body


def _claim(metric: str, value: int, at: int) -> Claim:
    return Claim(metric=metric, value=value, unit="件", text="", start=at, end=at + 2, section=None,
                 number_start=at, number_end=at + 2)


def test_the_judge_drops_what_it_is_sure_of_and_adds_only_when_sure(lobo: ModuleType) -> None:
    """Veto a proposed figure at P(none) ≥ veto; add an unproposed one at p ≥ add; else the patterns."""
    ex = lobo.Example
    d = lobo.Doc("a-2024.txt", "a", [("applications.new", 12.0), ("applications.handled", 9.0)], None)
    d.claims = [_claim("applications.new", 12, 10), _claim("applications.denied", 5, 40)]
    d.examples = [ex("f", "applications.new", 10, 12.0, "applications.new"),
                  ex("f", "none", 40, 5.0, "applications.denied"),
                  ex("f", "applications.handled", 70, 9.0, None),
                  ex("f", "none", 90, 3.0, None)]
    classes = ["applications.denied", "applications.handled", "applications.new", "none"]
    proba = [[0.0, 0.0, 0.9, 0.1], [0.3, 0.0, 0.0, 0.7], [0.0, 0.9, 0.0, 0.1], [0.0, 0.6, 0.0, 0.4]]
    claims, dropped, added = lobo.judged(d, proba, classes, veto=0.5, add=0.85)
    assert (dropped, added) == (1, 1)
    assert sorted((c.metric, float(c.value)) for c in claims) == [("applications.handled", 9.0), ("applications.new", 12.0)]
    assert lobo.scored(claims, d.gold, set()) == Counter({"tp": 2, "fp": 0, "fn": 0})
    # stricter thresholds: the patterns' claims stand, nothing is added
    claims, dropped, added = lobo.judged(d, proba, classes, veto=0.8, add=0.95)
    assert (dropped, added) == (0, 0)
    assert lobo.scored(claims, d.gold, {"applications.denied"}) == Counter({"tp": 1, "fp": 1, "fn": 1})


def test_scoring_counts_metric_and_value_pairs_as_score_py(lobo: ModuleType) -> None:
    gold = [("applications.new", 12.0), ("applications.new", 12.0), ("proactive.items", 300.0)]
    claims = [_claim("applications.new", 12, 0), _claim("breakdown.total", 7, 5), _claim("litigation.total", 1, 9)]
    # an unknown metric is not counted; a known one the gold lacks is a false claim
    assert lobo.scored(claims, gold, {"litigation.total"}) == Counter({"tp": 1, "fp": 1, "fn": 2})


def test_auditing_a_report_imports_no_machine_learning_library() -> None:
    """No model is consulted for claims: scikit-learn, scipy and skops stay out of a single check."""
    code = ("import sys; from extractor.pipeline import process; "
            f"r = process({str(ROOT / 'corpus' / 'reports' / 'synth-0001.txt')!r}); assert r.status == 'ok' and r.claims; "
            "print(','.join(m for m in ('sklearn', 'scipy', 'skops') if m in sys.modules))")
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert p.returncode == 0, p.stderr
    assert p.stdout.strip() == ""
