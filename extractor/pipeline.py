"""The pipeline, left to right: read → structure → extract → check. One file in, one `Report` out."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from .model import Report

if TYPE_CHECKING:
    from .check.context import Context

STAGES = ("read", "structure", "extract", "check")


def _check_stage(upto: str) -> None:
    # a typo here used to run every stage in silence
    if upto not in STAGES:
        raise ValueError(f"unknown stage {upto!r}; one of {', '.join(STAGES)}")


def process(path: str | Path, upto: str = "check", source: str | None = None,
            select: list[str] | None = None, ignore: list[str] | None = None,
            context: Context | None = None) -> Report:
    _check_stage(upto)
    from .read import read

    report = read(path, source)
    return run_stages(report, upto, select, ignore, context)


def run_stages(report: Report, upto: str = "check", select: list[str] | None = None,
               ignore: list[str] | None = None, context: Context | None = None) -> Report:
    _check_stage(upto)
    if upto == "read" or report.status != "ok":
        return report
    from .structure import structure

    structure(report)
    if upto == "structure" or report.status != "ok":
        return report
    from .extract import extract

    extract(report)
    if report.status == "ok":
        # digit runs that split several ways: the prose's own figures may decide them
        from .structure.evidence import Evidence, ambiguous_rows, prose_figures, resolve

        if ambiguous_rows(report):
            resolve(report, Evidence(prose=prose_figures(report)))
    if upto == "extract":
        return report
    from .check import check

    check(report, select=select, ignore=ignore, context=context)
    return report
