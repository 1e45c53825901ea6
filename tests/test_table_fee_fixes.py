"""Rule fixes found while injecting the table and fee defects (corpus/tools/xxgk_synth/defects/tables.py, fees.py)."""

from __future__ import annotations

from xxgk_synth import random_report
from xxgk_synth.render import txt

from extractor.check.engine import run
from extractor.pipeline import run_stages
from extractor.read import read_bytes


def _findings(spec):  # type: ignore[no-untyped-def]
    data = txt.render(spec, "scraped").encode("utf-8")
    report = run_stages(read_bytes(data, f"{spec.name}.txt", ".txt"), upto="extract")
    return report, run(report, strict=True)


def _clean_2021(seed: int = 1):  # type: ignore[no-untyped-def]
    spec = random_report(seed, version="2021", body_kind="办公室")
    for k, v in spec.values.items():  # no blank cell anywhere
        if v is None:
            spec.values[k] = 0
    spec.cell_text.clear()
    return spec


def test_t306_finds_marked_cells_in_a_row_run_together() -> None:
    """T306: a scraped page prints 表三's row as “3/////3”; the reader places the marks uniquely, and
    the cells it leaves empty are blanks even though each cell's raw text is the whole run."""
    spec = _clean_2021()
    row = "granted"
    for c in ("commercial", "research", "social_org", "legal_service", "other_org"):
        spec.values[f"t3.{row}.natural_person"] = 3
        spec.values[f"t3.{row}.{c}"] = None
        spec.cell_text[f"t3.{row}.{c}"] = "/"
    spec.values[f"t3.{row}.total"] = 3
    report, found = _findings(spec)
    assert report.fields[f"t3.{row}.commercial"].raw == "3/////3"
    t306 = [f for f in found if f.rule == "T306"]
    assert t306, [f.message for f in found]
    assert any("“/”" in f.message and f"t3.{row}.commercial" in f.fields for f in t306)


def test_t306_no_blank_in_a_clean_run() -> None:
    spec = _clean_2021()
    _report, found = _findings(spec)
    assert not [f for f in found if f.rule == "T306"]
