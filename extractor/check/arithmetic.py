"""T3 — table arithmetic: the identities of 表三 and 表四 (spec/fields.md), and the cells themselves.

A blank or unreadable cell is never taken for a zero: an identity is reported only when every
cell it needs is known, or when the known cells alone already exceed the total (cells are never
negative, so a blank could not make up the difference).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from decimal import Decimal
from fractions import Fraction
from typing import Any

from ..model import Field, Finding, Number, Report
from ..text import TABLE_NAMES, TABLE_SECTION
from .engine import RuleContext
from .registry import rule

BLANK_MARKS = {"": "空白", "/": "“/”", "-": "“-”", "—": "“—”", "－": "“－”", "无": "“无”", "／": "“/”", "\\": "“\\”"}


def _v(r: Report, key: str) -> Number | None:
    f = r.fields.get(key)
    return None if f is None else f.value


def _plus(parts: list[Number]) -> str:
    return "＋".join(str(p) for p in parts)


@rule("T301")
def t3_balance(r: Report, ctx: RuleContext) -> Iterator[Finding]:
    t = ctx.template
    if t is None or "t3" not in r.tables:
        return
    for c in t.t3_columns:
        keys = [f"t3.{row}.{c.key}" for row in ("new", "carried_over", "total", "carried_forward")]
        vals = [_v(r, k) for k in keys]
        if any(v is None for v in vals):
            continue
        new, co, tot, cf = vals
        lhs, rhs = new + co, tot + cf  # type: ignore[operator]
        if lhs != rhs:
            yield ctx.finding(fields=keys, expected=lhs, actual=rhs, column=c.label, new=new, carried_over=co,
                              lhs=lhs, total=tot, carried_forward=cf, rhs=rhs)


@rule("T302")
def t3_outcome_sum(r: Report, ctx: RuleContext) -> Iterator[Finding]:
    t = ctx.template
    if t is None or "t3" not in r.tables:
        return
    merged = r.tables["t3"].merged_other or (t.version == "2021" and "t3.other.total.total" in r.fields
                                             and "t3.other.no_correction.total" not in r.fields)
    rows = t.outcome_rows(merged)
    for c in t.t3_columns:
        total_key = f"t3.total.{c.key}"
        total = _v(r, total_key)
        if total is None:
            continue
        keys = [f"t3.{row}.{c.key}" for row in rows]
        present = [k for k in keys if k in r.fields]
        if not present:
            continue
        known = [k for k in present if _v(r, k) is not None]
        s = sum((_v(r, k) for k in known), start=0)  # type: ignore[misc]
        complete = len(known) == len(keys)
        if s == total or (not complete and s < total):
            continue
        nonzero = [k for k in known if _v(r, k)]
        parts: list[Number] = [_v(r, k) or 0 for k in nonzero] or [0]
        yield ctx.finding(
            None if complete else "partial",
            fields=[total_key, *nonzero], expected=s, actual=total, column=c.label,
            parts=_plus(parts), sum=s, total=total, blanks=len(keys) - len(known),
        )


@rule("T303")
def t3_row_total(r: Report, ctx: RuleContext) -> Iterator[Finding]:
    t = ctx.template
    if t is None or "t3" not in r.tables:
        return
    merged = r.tables["t3"].merged_other
    cols = [c.key for c in t.t3_columns if c.key != "total"]
    for row in t.t3_row_keys(merged):
        total_key = f"t3.{row}.total"
        total = _v(r, total_key)
        if total is None:
            continue
        keys = [f"t3.{row}.{c}" for c in cols]
        if not any(k in r.fields for k in keys):
            continue
        known = [k for k in keys if _v(r, k) is not None]
        s = sum((_v(r, k) for k in known), start=0)  # type: ignore[misc]
        complete = len(known) == len(keys)
        if s == total or (not complete and s < total):
            continue
        nonzero = [k for k in known if _v(r, k)]
        yield ctx.finding(
            None if complete else "partial",
            fields=[total_key, *nonzero], expected=s, actual=total, row=ctx.row_where("t3", row),
            parts=_plus([_v(r, k) for k in nonzero] or [0]), sum=s, total=total,  # type: ignore[misc]
        )


@rule("T304")
def t4_sum(r: Report, ctx: RuleContext) -> Iterator[Finding]:
    t = ctx.template
    if t is None or "t4" not in r.tables:
        return
    for g in t.t4_groups:
        total_key = f"t4.{g.key}.total"
        total = _v(r, total_key)
        if total is None:
            continue
        keys = [f"t4.{g.key}.{o.key}" for o in t.t4_outcomes if o.key != "total"]
        known = [k for k in keys if _v(r, k) is not None]
        if not known:
            continue
        s = sum((_v(r, k) for k in known), start=0)  # type: ignore[misc]
        if s == total or (len(known) < len(keys) and s < total):
            continue
        vals = [_v(r, k) for k in keys]
        yield ctx.finding(
            fields=[total_key, *known], expected=s, actual=total,
            group=g.label if g.key == "reconsideration" else f"行政诉讼·{g.label}",
            upheld=_show(vals[0]), corrected=_show(vals[1]), other=_show(vals[2]), pending=_show(vals[3]),
            sum=s, total=total,
        )


def _show(v: Number | None) -> str:
    return "空" if v is None else str(v)


@rule("T305")
def nonneg_integer(r: Report, ctx: RuleContext) -> Iterator[Finding]:
    if not ctx.modern:
        return
    for key, f in r.fields.items():
        if f.value is None:
            continue
        if key.endswith(".change"):  # 本年增/减 may be negative
            continue
        if f.value < 0:
            yield ctx.finding("negative", fields=[key], actual=f.value, where=ctx.where(key), value=f.value)
        elif f.kind == "count" and isinstance(f.value, Decimal) and f.value != f.value.to_integral_value():
            yield ctx.finding(fields=[key], actual=f.value, where=ctx.where(key), value=f.value)


@rule("T306")
def blank_cells(r: Report, ctx: RuleContext) -> Iterator[Finding]:
    if not ctx.modern:
        return
    blank: list[str] = []
    unsure: dict[str, list[str]] = {}  # a run that lost a cell: every reading has a blank in it
    some_unread = any(info.unread_rows for info in r.tables.values())  # else no cell is in an unread row
    for key, f in r.fields.items():
        if key.startswith("t2.procurement.") or (some_unread and _unread(r, key)):
            continue  # a row the reader could not read is not a blank row (T308 says it was not checked)
        if f.value is None and f.candidates:
            if all(any(v is None for v in c) for c in f.candidates):
                unsure.setdefault(key.rsplit(".", 1)[0], []).append(key)
            continue
        if f.value is None and _blank(f):
            blank.append(key)
    yield from _blank_columns(r, ctx, blank, ctx.spec.params)
    for row, keys in unsure.items():
        where = _row_where(ctx, row, keys[0])
        f = r.fields[keys[0]]
        # a reading holds every cell of the row (those read plainly too): map its places to the row's keys
        row_keys = [k for k in r.fields if k.rsplit(".", 1)[0] == row]
        idx = sorted({i for c in (f.candidates or []) for i, v in enumerate(c) if v is None})
        maybe = [row_keys[i] for i in idx if i < len(row_keys)]
        cols = [r.fields[k].col_label or "" for k in maybe]
        yield ctx.finding("somewhere", fields=maybe, where=where, raw=f.raw, count=1,
                          columns="、".join(f"「{c}」" for c in cols if c), locations=[where])


def _unread(r: Report, key: str) -> bool:
    """The cell belongs to a row printed with figures the reader could not map to its cells."""
    table, rest = key.split(".", 1)
    info = r.tables.get(table)
    return info is not None and rest.rsplit(".", 1)[0] in info.unread_rows


def _blank(f: Field) -> bool:
    """A cell read as nothing: printed empty or with a mark, or a blank place in a row of figures run
    together as text (its `raw` is then the whole run, e.g. “3/////3”: the reader only leaves a place
    of a uniquely read run empty where the run has a mark or nothing)."""
    raw = (f.raw or "").strip()
    return raw in BLANK_MARKS or f.grid is None


def _mark(f: Field) -> str:
    """How a blank cell was printed (空白, “/” …); for a place in a run, the marks the run holds."""
    raw = (f.raw or "").strip()
    if raw in BLANK_MARKS or f.grid is not None:
        return BLANK_MARKS.get(raw, "空白")
    marks = [m for m in BLANK_MARKS if m and m in raw and not (m in "-－" and re.search(r"[-－]\d", raw))]
    return "、".join(BLANK_MARKS[m] for m in marks[:1]) or "空白"


def _row_where(ctx: RuleContext, row: str, key: str) -> str:
    table, rkey = row.split(".", 1)
    if table == "t3":
        return ctx.row_where("t3", rkey)
    w = ctx.where(key)
    return w.split("行「")[0] + "行" if "行「" in w else w


def _blank_columns(r: Report, ctx: RuleContext, blank: list[str], params: dict[str, Any]) -> Iterator[Finding]:
    """Blank cells reported by whole columns (a column left empty in most rows: at least `column_min_rows`
    and `column_share` of the rows) and the rest by row."""
    t = ctx.template
    rest = list(blank)
    is_blank = set(blank)
    if t is not None and "t3" in r.tables:
        rows = [k for k in t.t3_row_keys(r.tables["t3"].merged_other) if f"t3.{k}.total" in r.fields]
        whole = []
        least = max(int(params["column_min_rows"]), math.ceil(len(rows) * Fraction(str(params["column_share"]))))
        for c in t.t3_columns:
            keys = [k for row in rows if (k := f"t3.{row}.{c.key}") in is_blank]
            if rows and len(keys) >= least:
                whole.append((c, keys))
        if whole:
            keys = [k for _c, ks in whole for k in ks]
            taken = set(keys)
            rest = [k for k in rest if k not in taken]
            names = "、".join(f"「{c.label}」" for c, _ks in whole)
            n_rows = max(len(ks) for _c, ks in whole)
            marks = sorted({_mark(r.fields[k]) for k in keys})
            yield ctx.finding("columns", fields=keys, columns=names, rows=n_rows, total_rows=len(rows),
                              marks="、".join(marks), count=len(keys), section=3,
                              locations=[f"表三{names}列"])
    by_row: dict[str, list[str]] = {}
    for k in rest:
        by_row.setdefault(k.rsplit(".", 1)[0], []).append(k)
    per_table: dict[str, list[tuple[list[str], str, str, str, set[str]]]] = {}  # table → (keys, label, cols, loc, marks)
    cells_in: dict[str, int] = {}  # row → how many cells it has
    if by_row:
        for k in r.fields:
            row_of = k.rsplit(".", 1)[0]
            cells_in[row_of] = cells_in.get(row_of, 0) + 1
    for row, keys in by_row.items():
        fs = [r.fields[k] for k in keys]
        marks = sorted({_mark(f) for f in fs})
        where = _row_where(ctx, row, keys[0])
        table = row.split(".", 1)[0]
        n_cols = cells_in.get(row, 0)
        label = where
        if table == "t4" or (len(keys) == 1 and n_cols == 1):
            cols = ""
            label = loc = ctx.where(keys[0])
        elif len(keys) == n_cols and n_cols > 1:
            cols = "整行各栏"
            loc = where
        else:
            names = "、".join(f"「{f.col_label}」" for f in fs if f.col_label)
            cols = names + "栏"
            loc = f"{where}{names}列"
        per_table.setdefault(table, []).append((keys, label, cols, loc, set(marks)))
    for table, parts in per_table.items():  # one cause, one finding: a table's blank cells together
        if len(parts) == 1:
            keys, label, cols, loc, marks_ = parts[0]
            yield ctx.finding(fields=keys, where=label, columns=cols, marks="、".join(sorted(marks_)),
                              count=len(keys), locations=[loc])
            continue
        name = TABLE_NAMES.get(table, table)
        keys = [k for p in parts for k in p[0]]
        places = "、".join((p[1] + p[2]).removeprefix(name) for p in parts)
        yield ctx.finding("rows", fields=keys, table=name, places=places,
                          marks="、".join(sorted(set().union(*(p[4] for p in parts)))), count=len(keys),
                          rows=len(parts), locations=[p[3] for p in parts])


@rule("T307")
def fee_cell(r: Report, ctx: RuleContext) -> Iterator[Finding]:
    if ctx.version != "2021":
        return
    key = "t2.fees.amount"
    f = r.fields.get(key)
    if f is None:
        return
    raw = (f.raw or "").strip()
    if raw.endswith("元") and not raw.endswith("万元"):
        yield ctx.finding("unit", fields=[key], actual=raw, raw=raw, where=ctx.where(key))
        return
    if f.value is None:
        return
    v = Decimal(str(f.value))
    body = r.meta.body or ""
    local = r.meta.body_kind in ("department", "office") or any(w in body for w in ("县", "区", "乡", "镇", "街道"))
    whole = v == v.to_integral_value()
    prm = ctx.spec.params
    if v >= Decimal(str(prm["max_amount"])) or (local and whole and v >= Decimal(str(prm["max_local_whole"]))):
        yield ctx.finding("large", fields=[key], actual=f.value, value=f.value, where=ctx.where(key),
                          yi=(v / 10000).quantize(Decimal("0.01")))
        return
    exp = v.normalize().as_tuple().exponent
    if isinstance(exp, int) and -exp > int(prm["max_places"]):
        yield ctx.finding(fields=[key], actual=f.value, value=f.value, where=ctx.where(key), places=-exp)


@rule("T308")
def ambiguous_cells(r: Report, ctx: RuleContext) -> Iterator[Finding]:
    rows: dict[str, list[str]] = {}
    for key, f in r.fields.items():
        if f.value is None and f.candidates:
            rows.setdefault(key.rsplit(".", 1)[0], []).append(key)
    for _row, keys in rows.items():
        f = r.fields[keys[0]]
        cands = f.candidates or []  # in the order the reading ranks them, the likeliest first
        options = "；".join("/".join("空" if v is None else str(v) for v in c) for c in cands[:4])
        if len(cands) > 4:
            options += "；……"
        where = ctx.where(keys[0])
        where = where.split("行「")[0] + "行" if "行「" in where else where
        yield ctx.finding(fields=keys, where=where, raw=f.raw, options=options, n=len(cands), locations=[where],
                          data={"candidates": len(cands)})
    for kind, info in r.tables.items():
        for row, raw in info.unread_rows.items():
            keys = [k for k in r.fields if k.startswith(f"{kind}.{row}.")]
            if keys:
                where = _row_where(ctx, f"{kind}.{row}", keys[0])
                yield ctx.finding("unread", fields=keys, where=where, raw=raw, locations=[where])
        if info.unread and not any(k.startswith(kind + ".") for k in r.fields):
            title = TABLE_NAMES[kind]
            yield ctx.finding("table", table=title, raw=info.unread, start=info.start, end=info.end,
                              section=TABLE_SECTION[kind], locations=[title])


def _nonzero_readings(r: Report, keys: list[str], key: str) -> list[Number]:
    """The figures a cell of the row `keys` holds when it is not 0 for certain: its value, or every reading
    of a fused run (Field.candidates, one list per reading of the whole row) when none is blank or 0."""
    f = r.fields[key]
    if f.value is not None:
        return [] if f.value == 0 else [f.value]
    cands = f.candidates or []
    if not cands or any(len(c) != len(keys) for c in cands):
        return []
    at = keys.index(key)
    vals = {c[at] for c in cands}
    if None in vals or 0 in vals:
        return []
    return sorted(v for v in vals if v is not None)  # None is not among them: the filter is for mypy


@rule("T309")
def regulations_without_power(r: Report, ctx: RuleContext) -> Iterator[Finding]:
    """表二's 规章 row filled by a body that cannot make 规章 (立法法: only State Council departments and
    the governments of provinces and of cities with districts make them)."""
    body, kind = r.meta.body, r.meta.body_kind
    if not body or kind is None:
        return
    prm = ctx.spec.params
    local = "|".join(map(re.escape, prm["local_marks"]))
    if kind in ("department", "office"):
        # a department or office of a local government: a place name before its own name
        if not re.search(rf"(?:{local})", body[:-1]):
            return  # a State Council department (财政部, 国家…局) may make 部门规章
        what = "地方人民政府的工作部门" if kind == "department" else "人民政府办公室"
    elif kind == "government":
        lower = "|".join(map(re.escape, prm["lower_governments"]))
        # named 人民政府: a 管委会 or a zone (平潭综合实验区, X新区) may hold powers a county has not
        if not re.search(rf"(?:{lower})人民政府$", body) or body.endswith("自治区人民政府"):
            return
        what = "县、乡两级人民政府"
    else:
        return
    order = ctx.template.t2_keys() if ctx.template else sorted(r.fields)
    keys = [k for k in order if k.startswith("t2.regulations.") and k in r.fields]
    figures_of = {k: v for k in keys if (v := _nonzero_readings(r, keys, k))}
    filled = list(figures_of)
    if not filled:
        return
    def label(k: str) -> str:
        fd = ctx.template.field(k) if ctx.template else None
        return fd.col_label if fd else k

    figures = "、".join(f"{label(k)}{'或'.join(map(str, figures_of[k]))}" for k in filled)
    f0 = r.fields[filled[0]]
    fused = next((r.fields[k] for k in filled if r.fields[k].value is None), None)
    if fused is not None:  # a fused run: not read, but not 0 however it splits
        figures = f"数字连写为“{fused.raw}”，无论怎样拆分都不为0：{figures}"
    yield ctx.finding(fields=filled, body=body, what=what, figures=figures, section=TABLE_SECTION["t2"],
                      locations=[ctx.where(k) for k in filled], start=f0.start, end=f0.end,
                      actual=r.fields[filled[0]].value, expected=0)
