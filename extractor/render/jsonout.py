"""The JSON objects of spec/output.md: one `extract` or `check` object per input file."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from ..model import Claim, Field, Finding, Report


def number(v: Any) -> Any:
    """Counts stay ints; an exact Decimal becomes the JSON number with the same digits."""
    if isinstance(v, Decimal):
        if v == v.to_integral_value() and abs(v) < 10**15 and "." not in str(v):
            return int(v)
        return float(v)
    return v


def field_obj(f: Field) -> dict[str, Any]:
    out: dict[str, Any] = {"value": number(f.value), "raw": f.raw, "page": f.page}
    if f.unit:
        out["unit"] = f.unit
    if f.kind == "money" and f.value is not None:
        out["exact"] = str(f.value)
    out["table"] = f.table
    out["row"] = f.row_label
    out["column"] = f.col_label
    if f.grid is not None:
        out["grid"] = f.grid
        out["grid_row"] = f.grid_row
        out["grid_col"] = f.grid_col
    if f.start is not None:
        out["start"] = f.start
        out["end"] = f.end
    if f.note:
        out["note"] = f.note
    if f.candidates:
        out["candidates"] = [[number(x) for x in c] for c in f.candidates]
    return out


def claim_obj(c: Claim, explain: bool = False) -> dict[str, Any]:
    out: dict[str, Any] = {
        "metric": c.metric, "value": number(c.value), "unit": c.unit, "approx": c.approx,
        "share": number(c.share), "scope": c.scope, "text": c.text, "start": c.start, "end": c.end,
        "section": c.section,
    }
    if c.scope_reason:
        out["scope_reason"] = c.scope_reason
    if explain:
        out["method"] = c.method
        out["pattern"] = c.pattern
        out["confidence"] = round(c.confidence, 3)
        out["number_span"] = [c.number_start, c.number_end]
    return out


def finding_obj(f: Finding) -> dict[str, Any]:
    out: dict[str, Any] = {
        "rule": f.rule, "severity": f.severity, "message": f.message, "fields": list(f.fields),
        "claims": [claim_obj(c) for c in f.claims], "expected": number(f.expected), "actual": number(f.actual),
    }
    if f.section is not None:
        out["section"] = f.section
    if f.locations:
        out["locations"] = list(f.locations)
    if f.quote:
        out["quote"] = f.quote
    if f.start is not None:
        out["start"] = f.start
        out["end"] = f.end
    if f.data:
        out["data"] = {k: number(v) for k, v in f.data.items()}
    return out


def base_obj(r: Report) -> dict[str, Any]:
    m = r.meta
    meta: dict[str, Any] = {"body": m.body, "year": m.year, "template": m.template, "format": m.format, "pages": m.pages}
    if m.title:
        meta["title"] = m.title
    if m.period:
        meta["period"] = "{}-{:02d}-{:02d}/{}-{:02d}-{:02d}".format(*m.period)
    if m.encoding:
        meta["encoding"] = m.encoding
    if m.published:
        meta["published"] = m.published
    if m.body_kind:
        meta["body_kind"] = m.body_kind
    return {
        "source": r.source,
        "sha256": r.sha256,
        "status": r.status,
        "error": None if r.error is None else {"code": r.error.code, "message": r.error.message},
        "meta": meta,
    }


def extract_obj(r: Report, text: bool = False, explain: bool = False) -> dict[str, Any]:
    out = base_obj(r)
    out["sections"] = [{"number": s.number, "title": s.title, "start": s.start, "end": s.end} for s in r.sections]
    out["fields"] = {k: field_obj(f) for k, f in r.fields.items()}
    out["claims"] = [claim_obj(c, explain) for c in r.claims]
    if r.notes:
        out["notes"] = list(r.notes)
    if text:
        out["text"] = r.text
    if explain:
        out["tables"] = {k: {"start": t.start, "end": t.end, "pages": t.pages, "missing_rows": t.missing_rows,
                             "label_variants": t.label_variants, "merged_other": t.merged_other}
                         for k, t in r.tables.items()}
    return out


def check_obj(r: Report) -> dict[str, Any]:
    out = base_obj(r)
    out["findings"] = [finding_obj(f) for f in r.findings]
    if r.notes:
        out["notes"] = list(r.notes)
    return out


def dumps(obj: Any, indent: int | None = None) -> str:
    return json.dumps(obj, ensure_ascii=False, indent=indent, default=_default)


def _default(o: Any) -> Any:
    if isinstance(o, Decimal):
        return number(o)
    if isinstance(o, (set, tuple)):
        return list(o)
    raise TypeError(type(o).__name__)
