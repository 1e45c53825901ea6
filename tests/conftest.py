"""Shared fixtures: reports built from text, and the shared corpus (skipped when absent)."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from extractor.model import Report
from extractor.pipeline import run_stages
from extractor.read import read_bytes

# strict mode: an exception of the tool's own code is raised (in process) or an `internal_error`
# result (in a worker), never passed off as a damaged file — the tests fail on it
os.environ.setdefault("XXGK_STRICT", "1")

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SHARED_CORPUS = SHARED / "corpus"
SHARED_SPEC = SHARED / "spec"


def corpus_dir() -> Path:
    """The generated reports of the repository (corpus/): data for the tests, not shipped in the wheel."""
    return ROOT / "corpus" / "reports"


def corpus_gold_dir() -> Path:
    """The truth of each generated report (corpus/gold/<name>.gold.json), kept apart from the reports
    so that `xxgk-audit check corpus/reports/` audits reports only (every file found is a result)."""
    return ROOT / "corpus" / "gold"


def report_from_text(text: str, name: str = "t.txt", upto: str = "extract") -> Report:
    return run_stages(read_bytes(text.encode("utf-8"), name, Path(name).suffix), upto)


@pytest.fixture
def build() -> Callable[..., Report]:
    """build(text, name="t.txt", upto="extract") → the Report of that text."""
    return report_from_text


@pytest.fixture(scope="session")
def shared_corpus() -> Path:
    if not SHARED_CORPUS.is_dir():
        pytest.skip("../shared/corpus is not present on this machine")
    return SHARED_CORPUS


@pytest.fixture(scope="session")
def shared_golds(shared_corpus: Path) -> list[tuple[Path, dict]]:
    out = []
    for gp in sorted(shared_corpus.glob("*.gold.json")):
        g = json.loads(gp.read_text(encoding="utf-8"))
        p = shared_corpus / g["file"]
        if p.exists():
            out.append((p, g))
    return out
