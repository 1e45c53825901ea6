"""A report as a compact record: what the rules across reports and the renderers need, nothing more.

A worker reads a file, runs the rules of one report and returns `pack(dump(report))`: the text,
sections, table spans, fields, claims, findings and notes (not the blocks, raw grids, number
mentions or token caches). `load(unpack(blob))` gives back a `Report` that renders byte for byte
like the original and that the X8 rules can read. The format is JSON (a `Decimal` is tagged, so
every figure comes back exact), compressed with zlib; the store keeps it as is.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Callable
from dataclasses import fields as dc_fields
from decimal import Decimal
from operator import attrgetter
from typing import Any

from ..model import Claim, Field, Finding, Meta, ReadError, Report, Section, TableInfo

VERSION = 2  # 2: fields as rows under "field_columns" (1: a dict per field; still read)
_DEC = "$d"
_TUP = "$t"


_PLAIN = (str, int, float, bool, type(None))
_NAMES: dict[type, tuple[str, ...]] = {}


def _enc(v: Any) -> Any:
    if isinstance(v, _PLAIN):
        return v
    if isinstance(v, Decimal):
        return {_DEC: str(v)}
    if isinstance(v, tuple):
        return {_TUP: [_enc(x) for x in v]}
    if isinstance(v, list):
        return [_enc(x) for x in v]
    if isinstance(v, dict):
        return {str(k): _enc(x) for k, x in v.items()}
    return v


def _hook(d: dict[str, Any]) -> Any:
    """json.loads' object hook: tagged values come back as Decimal and tuple while parsing."""
    if len(d) == 1:
        if _DEC in d:
            return Decimal(d[_DEC])
        if _TUP in d:
            return tuple(d[_TUP])
    return d


def _obj(o: Any, skip: tuple[str, ...] = ()) -> dict[str, Any]:
    names = _NAMES.get(type(o))
    if names is None:
        names = _NAMES[type(o)] = tuple(f.name for f in dc_fields(o))
    return {n: _enc(getattr(o, n)) for n in names if n not in skip}


def _claim(d: dict[str, Any]) -> Claim:
    return Claim(**d)


def dump(r: Report) -> dict[str, Any]:
    """The record of a report (a JSON-ready dict)."""
    get = _field_getter()  # a field's values in column order, read in C (some 3,000 a report)
    return {
        "v": VERSION,
        "source": r.source,
        "sha256": r.sha256,
        "status": r.status,
        "error": None if r.error is None else {"code": r.error.code, "message": r.error.message},
        "meta": _obj(r.meta),
        "text": r.text,
        "sections": [_obj(s) for s in r.sections],
        "tables": {k: _obj(t, skip=("rows",)) for k, t in r.tables.items()},
        # a row per field under the column names: 200 dicts of the same 16 keys were most of a
        # record, and most of its decoding (json's hook runs once per dict)
        "field_columns": list(_field_columns()),
        "fields": {k: [v if type(v) in _PLAIN_TYPES else _enc(v) for v in get(f)] for k, f in r.fields.items()},
        "claims": [_obj(c) for c in r.claims],
        "findings": [{**_obj(f, skip=("claims",)), "claims": [_obj(c) for c in f.claims]} for f in r.findings],
        "notes": list(r.notes),
        "page_offsets": list(r.page_offsets),
    }


def load(d: dict[str, Any]) -> Report:
    """The `Report` a record describes (without blocks, grids, mentions and caches); `d` as `unpack`
    gives it (a `Decimal` or a tuple already decoded)."""
    err = d.get("error")
    r = Report(source=d["source"], sha256=d.get("sha256", ""), status=d.get("status", "ok"),
               error=ReadError(err["code"], err["message"]) if err else None)
    r.meta = Meta(**(d.get("meta") or {}))
    r.text = d.get("text", "")
    r.sections = [Section(**s) for s in d.get("sections", [])]
    r.tables = {k: TableInfo(**t) for k, t in (d.get("tables") or {}).items()}
    r.fields = _fields(d)
    r.claims = [_claim(c) for c in d.get("claims", [])]
    findings = []
    for f in d.get("findings", []):
        rest = {k: v for k, v in f.items() if k != "claims"}
        findings.append(Finding(**rest, claims=[_claim(c) for c in f.get("claims", [])]))
    r.findings = findings
    r.notes = list(d.get("notes", []))
    r.page_offsets = list(d.get("page_offsets", []))
    return r


_PLAIN_TYPES = frozenset(_PLAIN)  # values written as they are (checked by exact type: bool and int are both here)
_GETTER: list[Callable[[Field], tuple[Any, ...]]] = []


def _field_getter() -> Callable[[Field], tuple[Any, ...]]:
    if not _GETTER:
        _GETTER.append(attrgetter(*_field_columns()))
    return _GETTER[0]


def _field_columns() -> tuple[str, ...]:
    names = _NAMES.get(Field)
    if names is None:
        names = _NAMES[Field] = tuple(f.name for f in dc_fields(Field))
    return names


def _fields(d: dict[str, Any]) -> dict[str, Field]:
    """The record's fields: rows under its column names (read positionally when the columns are
    this version's, else by name, a column this version lacks left out), or a dict per field."""
    raw = d.get("fields") or {}
    cols = d.get("field_columns")
    if cols is None:
        return {k: Field(**f) for k, f in raw.items()}
    if tuple(cols) == _field_columns():
        return {k: Field(*row) for k, row in raw.items()}
    known = set(_field_columns())
    return {k: Field(**{c: v for c, v in zip(cols, row, strict=True) if c in known}) for k, row in raw.items()}


def pack(d: dict[str, Any]) -> bytes:
    return zlib.compress(json.dumps(d, ensure_ascii=False, separators=(",", ":")).encode("utf-8"), 1)


def unpack(blob: bytes) -> dict[str, Any]:
    d: dict[str, Any] = json.loads(zlib.decompress(blob).decode("utf-8"), object_hook=_hook)
    return d


def to_blob(r: Report) -> bytes:
    return pack(dump(r))


def from_blob(blob: bytes) -> Report:
    return load(unpack(blob))

