"""Turning the rows read into `report.fields`: one `Field` per cell with its raw text, unit,
page, grid position and note (a fused run's split, the readings of an ambiguous one, an unread
row), and the table's found, missing and variant rows."""

from __future__ import annotations

import re

from .. import template as tmpl
from ..model import Field, Report, RowItem, TableInfo
from .evidence import ambiguous_note as ambiguous_note_of
from .evidence import rank
from .items import Label, RowRead, Values
from .labels import norm, norm_label


def record_rows(report: Report, t: tmpl.Template, info: TableInfo, table: str, reads: list[RowRead],
                cols: list[str], col_labels: list[str], row_keys: list[str], seen: set[str],
                items: list[Label | Values], kinds: list[str] | None = None,
                units: list[str | None] | None = None) -> None:
    got = {r.key for r in reads}
    for k in row_keys:
        if k not in got and k not in info.missing_rows and not (k.startswith("other.") and info.merged_other):
            info.missing_rows.append(k)
    for r in reads:
        if r.key not in info.found_rows:
            info.found_rows.append(r.key)
        row_def = t.row(table, r.key)
        if row_def is not None and r.label:
            written = norm(r.label)
            if norm_label(row_def.label) not in written and any(norm_label(v) in written for v in row_def.variants):
                info.label_variants[r.key] = r.label.strip()
        keys = [f"{table}.{r.key}.{c}" for c in cols]
        record_cells(report, info, table, r, keys, col_labels, r.label or (row_def.label if row_def else r.key),
                      None, None, kinds, units)
        if r.unread is not None:
            info.unread_rows[r.key] = r.unread
            for k in keys:
                report.fields[k].raw = r.unread
                report.fields[k].note = f"此行印有数字“{r.unread}”，但对不上本行的格数，未能读出；不是空白。"
        if r.item is not None:
            info.rows.append(RowItem(r.label, r.item.raw or r.item.tokens, r.item.fused, r.item.page, r.item.grid,
                                     r.item.grid_row, r.item.start, r.item.end))


def record_cells(report: Report, info: TableInfo, table: str, r: RowRead, keys: list[str],
                 col_labels: list[str], row_label: str, kind: str | None, unit: str | None,
                 kinds: list[str] | None = None, units: list[str | None] | None = None) -> None:
    it = r.item
    n = len(keys)
    many = len(r.candidates) > 1
    if many:  # the readings ranked by plausibility, counted in the note (evidence.py may decide later)
        r.candidates = rank(r.candidates, [k.rsplit(".", 1)[1] for k in keys])
    ambiguous_note = ambiguous_note_of(r.candidates) if many else None
    fused_note = None
    if it is not None and it.fused:
        fused_note = "数字连写，按表内勾稽关系拆分。" if many else "数字连写，按表内勾稽关系唯一拆分。"
        if it.digit_per_cell:
            fused_note = "数字连写，且不满足表内勾稽关系；其数字只有一种拆法，按此读出。"
    in_grid = it is not None and it.grid is not None
    joined = "" if it is None or in_grid else ("".join(it.raw) if it.raw else " ".join(it.tokens))
    page = it.page if it else None
    if page is None and it is not None:
        page = report.page_at(it.start)
    label = row_label.strip() or None
    candidates = [list(c) for c in r.candidates] if many else None
    only = r.candidates[0] if len(r.candidates) == 1 else None  # one reading: no set of values to build
    grid = grid_row = start = end = None
    grid_cols: list[int] = []
    raws: list[str] = []
    if it is not None:
        grid, grid_row, start, end, grid_cols = it.grid, it.grid_row, it.start, it.end, it.grid_cols
        if in_grid:
            raws = it.raw
    unit_at = -1 if in_grid or it is None or n > 3 else n - 1  # the cell whose text may carry its unit
    fields = report.fields
    for i, key in enumerate(keys):
        several = False
        if only is None:
            vals = {c[i] for c in r.candidates}
            value = next(iter(vals)) if len(vals) == 1 else None
            several = len(vals) > 1
        else:
            value = only[i]
        k = (kinds[i] if kinds else kind) or "count"
        raw = (raws[i] if i < len(raws) else "") if in_grid else joined
        cell_unit = _unit_in(raw) if in_grid or i == unit_at else None
        note = ambiguous_note if several else fused_note
        if value is not None and k == "count" and not isinstance(value, int):
            note = (note or "") + "计数格出现小数。"
        fields[key] = Field(
            key, value, raw.strip(), cell_unit or (units[i] if units else unit),
            "money" if k == "money" else "count", table, page, label,
            col_labels[i] if i < len(col_labels) else None,
            grid, grid_row, grid_cols[i] if i < len(grid_cols) else None,
            start, end, note, candidates if several else None,
        )


_UNIT_AT_END = re.compile(r"(万元|亿元|千元|元)\s*$")


def _unit_in(raw: str) -> str | None:
    if "元" not in raw:  # every unit ends in 元
        return None
    m = _UNIT_AT_END.search(raw.strip())
    return m.group(1) if m else None
