"""A record keeps its fields as rows under their column names; records of the earlier format (a
dict per field) and of a version with other columns still load (a stored report of another
version still serves as last year's report)."""

from __future__ import annotations

from decimal import Decimal

from extractor.batch import record
from extractor.model import Field, Report


def _report() -> Report:
    r = Report(source="a.txt", sha256="0" * 64)
    r.fields = {
        "t2.fees.amount": Field("t2.fees.amount", Decimal("1.50"), "1.5", unit="万元", kind="money",
                                candidates=[[Decimal("1.50"), None], [Decimal("15"), None]]),
        "t3.new.total": Field("t3.new.total", 12, "12", table="t3", row_label="本年新收", grid_row=3),
        "t3.carried_over.total": Field("t3.carried_over.total", None, "", note="空白"),
    }
    return r


def test_fields_come_back_exact() -> None:
    r = _report()
    d = record.unpack(record.to_blob(r))
    assert isinstance(d["fields"]["t3.new.total"], list)
    back = record.load(d).fields
    assert back == r.fields
    assert isinstance(back["t2.fees.amount"].value, Decimal) and back["t3.new.total"].value == 12


def test_a_record_of_the_earlier_format_loads() -> None:
    r = _report()
    d = record.unpack(record.to_blob(r))
    cols = d.pop("field_columns")
    d["v"] = 1
    d["fields"] = {k: dict(zip(cols, row, strict=True)) for k, row in d["fields"].items()}
    assert record.load(d).fields == r.fields


def test_a_record_with_other_columns_loads_by_name() -> None:
    r = _report()
    d = record.unpack(record.to_blob(r))
    d["field_columns"] = ["later", *reversed(d["field_columns"])]
    d["fields"] = {k: ["x", *reversed(row)] for k, row in d["fields"].items()}
    assert record.load(d).fields == r.fields
