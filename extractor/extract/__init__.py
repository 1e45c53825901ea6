"""Stage 3 — extract: figures and claims out of the prose (table cells were mapped by `structure`)."""

from __future__ import annotations

from ..model import Report


def extract(report: Report) -> Report:
    if report.status != "ok":
        return report
    try:
        from .claims import extract_claims
    except ImportError:  # claims extraction not built yet
        return report
    extract_claims(report)
    return report
