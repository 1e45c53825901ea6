"""The truth file of a synthetic report, in the format of shared/spec/gold.md."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from extractor.template import get as get_template

from .spec import ReportSpec, Value


def json_value(v: Value) -> int | float | None:
    if v is None:
        return None
    if isinstance(v, Decimal):
        return float(v)
    return int(v)


def field_keys(spec: ReportSpec) -> list[str]:
    """Every cell key the report prints, in table order (gold.md: a cell the report does not
    print — a row or a table left out — is absent from the truth, not null)."""
    tpl = get_template(spec.version)
    t3 = [f"t3.{r}.{c.key}" for r in tpl.t3_row_keys(spec.merged_other) for c in tpl.t3_columns]
    printed = {s.table for s in spec.sections if s.table} if spec.sections else {"t2", "t3", "t4"}
    omitted = tuple(f"{r}." for r in spec.omitted_rows)
    return [k for k in tpl.t2_keys() + t3 + tpl.t4_keys() if k[:2] in printed and not k.startswith(omitted)]


def gold(spec: ReportSpec, file: str, files: list[str] | None = None, notes: str = "") -> dict[str, Any]:
    field_notes = {}
    if spec.procurement_unit:
        field_notes["t2.procurement.amount"] = f"unit {spec.procurement_unit} as the report states it"
    out: dict[str, Any] = {
        "file": file,
        "body": spec.body,
        "year": spec.year,
        "template": spec.version,
        "fields": {k: json_value(spec.values[k]) for k in field_keys(spec)},
        "field_notes": field_notes,
        "uncertain_fields": [],
        "claims": [
            {
                "metric": c.metric,
                "value": c.value,
                "unit": c.unit,
                "text": c.text,
                "scope": c.scope,
                "approx": c.approx,
                "share": c.share,
            }
            for c in spec.claims
        ],
        "issues": [],
        "notes": " ".join([*spec.notes, notes]).strip(),
    }
    for i in spec.issues:
        issue: dict[str, Any] = {
            "kind": i.kind,
            "severity": i.severity,
            "fields": i.fields,
            "claim_values": i.claim_values,
            "description": i.description,
        }
        if i.cross_year:
            issue["cross_year"] = True
        out["issues"].append(issue)
    if files:
        out["files"] = files
    return out
