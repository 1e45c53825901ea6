"""Every kind of problem the catalogue checks, put into generated reports in every format.

For each defect of `xxgk_synth.defects`: the defective report is flagged with one of the
defect's rule codes, and its clean twin (same seed, without the defect) has no error and none of
those codes. Cross-report defects are checked with their partners in the same batch.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from xxgk_synth import ReportSpec, render_bytes, render_options
from xxgk_synth.defects import REGISTRY, UNINJECTABLE, covered

from extractor.check.catalogue import catalogue
from extractor.check.context import BatchContext
from extractor.check.engine import run
from extractor.model import Finding, Report
from extractor.pipeline import run_stages
from extractor.read import read_bytes

SEEDS = range(1, 60)
PER_DEFECT = 2  # applicable seeds checked per defect and format


def seeds_for(name: str, n: int = PER_DEFECT) -> list[int]:
    out = []
    for seed in SEEDS:
        if REGISTRY[name].make(seed, True) is not None:
            out.append(seed)
            if len(out) == n:
                break
    return out


def check_specs(specs: list[ReportSpec], reports: list[Report], cross: bool) -> list[Finding]:
    """Findings on the subject (the last report), with its partners as the batch."""
    context = BatchContext(reports) if cross else None
    return run(reports[-1], strict=True, context=context)


def describe(found: list[Finding]) -> list[str]:
    return [f"{f.rule} {f.severity} {f.message}" for f in found]


def test_every_rule_is_injected_or_explained() -> None:
    codes = set(catalogue())
    targeted = set(covered())
    assert targeted <= codes, targeted - codes
    missing = codes - targeted - set(UNINJECTABLE)
    assert not missing, f"rules no defect targets: {sorted(missing)}"
    assert not targeted & set(UNINJECTABLE)


@pytest.mark.parametrize("name", sorted(REGISTRY))
def test_defect_applies_somewhere(name: str) -> None:
    assert seeds_for(name, 1), f"{name}: no seed in {SEEDS} can carry it"


@pytest.mark.parametrize("fmt", ["txt", "md", "html", "docx"])
@pytest.mark.parametrize("name", sorted(REGISTRY))
def test_defect_is_found_and_the_twin_is_not_flagged(name: str, fmt: str) -> None:
    defect = REGISTRY[name]
    if fmt not in defect.formats:
        pytest.skip(f"{name} is not carried by {fmt}")
    for seed in seeds_for(name):
        options = render_options(seed)
        for defective in (True, False):
            specs = defect.make(seed, defective)
            assert specs is not None
            reports = [
                run_stages(read_bytes(render_bytes(s, fmt, options), f"{s.name}.{fmt}", f".{fmt}"), upto="extract")
                for s in specs
            ]
            assert all(r.status == "ok" for r in reports), [r.error for r in reports]
            found = check_specs(specs, reports, defect.cross)
            rules = {f.rule for f in found}
            if defective:
                assert defect.codes & rules, (name, seed, fmt, describe(found))
                assert specs[-1].issues, "the truth records the defect"
            else:
                assert not defect.codes & rules, (name, seed, fmt, describe(found))
                assert not [f for f in found if f.severity == "error"], (name, seed, fmt, describe(found))


@pytest.mark.slow
def test_every_defect_in_pdf(tmp_path: Path) -> None:
    from xxgk_synth import write
    from xxgk_synth.render import pdf as pdf_render

    from extractor.pipeline import process

    if pdf_render.soffice() is None:
        pytest.skip("LibreOffice is not installed")
    groups: list[tuple[str, bool, list[ReportSpec]]] = []
    for name, defect in sorted(REGISTRY.items()):
        if "pdf" not in defect.formats:
            continue
        seed = seeds_for(name, 1)[0]
        for defective in (True, False):
            specs = defect.make(seed, defective)
            assert specs is not None
            for i, s in enumerate(specs):
                s.name = f"{name}-{int(defective)}-{i}"
            groups.append((name, defective, specs))
    written = write([s for _, _, specs in groups for s in specs], tmp_path, formats=("pdf",))
    files = {w.spec.name: w.files["pdf"] for w in written}
    for name, defective, specs in groups:
        reports = [process(files[s.name], upto="extract") for s in specs]
        assert all(r.status == "ok" for r in reports), [r.error for r in reports]
        found = check_specs(specs, reports, REGISTRY[name].cross)
        rules = {f.rule for f in found}
        if defective:
            assert REGISTRY[name].codes & rules, (name, describe(found))
        else:
            assert not REGISTRY[name].codes & rules, (name, describe(found))
            assert not [f for f in found if f.severity == "error"], (name, describe(found))
