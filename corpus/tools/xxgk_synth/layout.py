"""The three tables of a report as the official form lays them out: cells with their spans.

Built from the template data (extractor.template and rules/templates/*.yaml), never from
re-typed labels, and shared by every renderer, so txt, md, html and docx show one layout:

- 表二: one table of 4 grid columns; each block (第二十条第（一）项 …) has a caption row spanning
  the table, a header row (信息内容 + the block's columns) and its data rows; a block with fewer
  columns lets its last column span the rest.
- 表三: 3 label columns + 7 applicant columns. A 3-row header: the identity note (3×3), 申请人情况
  over all 7 columns, then 自然人 and 总计 spanning two rows around 法人或其他组织 (5 columns).
  三、本年度办理结果 spans the result rows; （三）不予公开 … （六）其他处理 span their numbered rows.
- 表四: 15 columns; 行政复议 (5) and 行政诉讼 (10), the latter split into its two groups;
  行政复议's five outcomes span two header rows.

A spec may depart from the form the way real reports do (`ReportSpec.row_labels`, `column_labels`,
`omitted_rows`, `subtotal_column`); by default the form is printed as it is.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from extractor.resources import load_yaml
from extractor.template import Template
from extractor.template import get as get_template

from .spec import ReportSpec

# header words of the official form that carry no key (not in rules/templates)
CONTENT_HEADER = "信息内容"
APPLICANT_HEADER = "申请人情况"


@dataclass
class Cell:
    text: str
    row: int
    col: int
    rowspan: int = 1
    colspan: int = 1
    key: str | None = None  # canonical key of a value cell
    header: bool = False


@dataclass
class Table:
    name: str  # t2 | t3 | t4
    n_rows: int
    n_cols: int
    cells: list[Cell] = field(default_factory=list)  # anchor cells only
    widths: list[int] = field(default_factory=list)  # column widths in twips

    def add(
        self,
        text: str,
        row: int,
        col: int,
        rowspan: int = 1,
        colspan: int = 1,
        key: str | None = None,
        header: bool = False,
    ) -> None:
        self.cells.append(Cell(text, row, col, rowspan, colspan, key, header))

    def row_cells(self, r: int) -> list[Cell]:
        return sorted((c for c in self.cells if c.row == r), key=lambda c: c.col)

    def word_row(self, r: int) -> list[tuple[Cell, bool]]:
        """Row r as Word stores it: its own cells plus a continuation for each cell merged from above."""
        out = [(c, False) for c in self.cells if c.row == r]
        out += [(c, True) for c in self.cells if c.row < r < c.row + c.rowspan]
        return sorted(out, key=lambda x: x[0].col)

    def grid(self) -> list[list[str]]:
        """Every grid position: an anchor's text where it starts, "" where it is covered."""
        g = [[""] * self.n_cols for _ in range(self.n_rows)]
        for c in self.cells:
            g[c.row][c.col] = c.text
        return g

    def check(self) -> None:
        """Every grid position is covered exactly once."""
        seen = [[0] * self.n_cols for _ in range(self.n_rows)]
        for c in self.cells:
            for r in range(c.row, c.row + c.rowspan):
                for k in range(c.col, c.col + c.colspan):
                    seen[r][k] += 1
        bad = [(r, k) for r in range(self.n_rows) for k in range(self.n_cols) if seen[r][k] != 1]
        if bad:
            raise AssertionError(f"{self.name}: grid positions covered {bad[:5]} not exactly once")


def _wrap(label: str, wrap: bool) -> str:
    """Break a header label over two lines, as narrow Word columns print it."""
    if not wrap or len(label) < 4:
        return label
    half = len(label) // 2
    return label[:half] + "\n" + label[half:]


def _row_label(spec: ReportSpec, table: str, key: str, label: str) -> str:
    return spec.row_labels.get(f"{table}.{key}", label)


def _col_label(spec: ReportSpec, table: str, key: str, label: str) -> str:
    return spec.column_labels.get(f"{table}.{key}", label)


def table2(spec: ReportSpec, tpl: Template) -> Table:
    width = 1 + max(len(b.columns) for b in tpl.t2_blocks)
    blocks = [(b, [row for row in b.rows if f"t2.{row.key}" not in spec.omitted_rows]) for b in tpl.t2_blocks]
    blocks = [(b, rows) for b, rows in blocks if rows]
    shown = {b.caption: (b.caption not in spec.omitted_headings, f"{b.caption}/header" not in spec.omitted_headings)
             for b in tpl.t2_blocks}
    n_rows = sum(sum(shown[b.caption]) + len(rows) for b, rows in blocks)
    t = Table("t2", n_rows, width, widths=[2435] * width)
    r = 0
    for b, rows in blocks:
        caption, header = shown[b.caption]
        if caption:
            t.add(b.caption, r, 0, colspan=width, header=True)
            r += 1
        if header:
            t.add(CONTENT_HEADER, r, 0, header=True)
            for i, c in enumerate(b.columns):
                last = i == len(b.columns) - 1
                t.add(_col_label(spec, "t2", c.key, c.label), r, 1 + i, colspan=width - 1 - i if last else 1,
                      header=True)
            r += 1
        for row in rows:
            t.add(_row_label(spec, "t2", row.key, row.label), r, 0, header=True)
            for i, c in enumerate(b.columns):
                last = i == len(b.columns) - 1
                key = f"t2.{row.key}.{c.key}"
                t.add(spec.text_of(key), r, 1 + i, colspan=width - 1 - i if last else 1, key=key)
            r += 1
    return t


def table3(spec: ReportSpec, tpl: Template, wrap: bool = False) -> Table:
    common = load_yaml("templates/common.yaml")
    rows = spec_t3_rows(spec, tpl)
    cols = tpl.t3_columns
    org = [c for c in cols if c.group]
    sub = spec.subtotal_column
    # grid column of each template column; a subtotal column stands right after the organisations
    at = {c.key: 3 + i + (1 if sub and i > cols.index(org[-1]) else 0) for i, c in enumerate(cols)}
    n_val = len(cols) + (1 if sub else 0)
    t = Table("t3", 3 + len(rows), 3 + n_val, widths=[754, 921, 3271] + [685] * n_val)
    t.add(common["t3"]["identity_note"], 0, 0, rowspan=3, colspan=3, header=True)
    t.add(APPLICANT_HEADER, 0, 3, colspan=n_val, header=True)
    under = sub is not None and "法人" not in sub  # 小计 under 法人或其他组织; 法人或其他组织小计 on its own
    for c in cols:
        label = _col_label(spec, "t3", c.key, c.label)
        if c.group is None:
            t.add(_wrap(label, wrap and c.key != "natural_person"), 1, at[c.key], rowspan=2, header=True)
        else:
            if c is org[0]:
                t.add(c.group, 1, at[c.key], colspan=len(org) + (1 if under else 0), header=True)
            t.add(_wrap(label, wrap), 2, at[c.key], header=True)
    if sub is not None:
        sub_at = at[org[-1].key] + 1
        if under:
            t.add(_wrap(sub, wrap), 2, sub_at, header=True)
        else:
            t.add(_wrap(sub, wrap), 1, sub_at, rowspan=2, header=True)
    first = next(i for i, (k, _) in enumerate(rows) if k == "granted")
    last = next(i for i, (k, _) in enumerate(rows) if k == "total")
    top = tpl.row("t3", "granted").group  # type: ignore[union-attr]
    t.add(_wrap(top or "", wrap), 3 + first, 0, rowspan=last - first + 1, header=True)
    i = 0
    while i < len(rows):
        key, label = rows[i]
        r = 3 + i
        group = _subgroup(tpl, key)
        if first <= i <= last and group:
            n = sum(1 for k, _ in rows if _subgroup(tpl, k) == group)
            t.add(group, r, 1, rowspan=n, header=True)
            for j in range(n):
                k2, l2 = rows[i + j]
                t.add(l2, r + j, 2, header=True)
                _values(t, spec, tpl, k2, r + j, at)
            i += n
            continue
        if first <= i <= last:
            t.add(label, r, 1, colspan=2, header=True)
        else:
            t.add(label, r, 0, colspan=3, header=True)
        _values(t, spec, tpl, key, r, at)
        i += 1
    return t


def spec_t3_rows(spec: ReportSpec, tpl: Template) -> list[tuple[str, str]]:
    """(row key, label) of 表三 in table order for this report."""
    out = []
    for key in tpl.t3_row_keys(spec.merged_other):
        if f"t3.{key}" in spec.omitted_rows:
            continue
        label = tpl.row("t3", key)
        out.append((key, _row_label(spec, "t3", key, label.label if label else key)))
    return out


def _subgroup(tpl: Template, key: str) -> str | None:
    """（三）不予公开 etc.: the group label a numbered row sits under (None for the others)."""
    row = tpl.row("t3", key)
    if row is None or row.group is None or row.group == tpl.row("t3", "granted").group:  # type: ignore[union-attr]
        return None
    return row.group


def _values(t: Table, spec: ReportSpec, tpl: Template, row: str, r: int, at: dict[str, int]) -> None:
    for c in tpl.t3_columns:
        key = f"t3.{row}.{c.key}"
        t.add(spec.text_of(key), r, at[c.key], key=key)
    if spec.subtotal_column is not None:  # no key: the form has no such cell
        org = [c for c in tpl.t3_columns if c.group]
        t.add(str(sum(spec.value(f"t3.{row}.{c.key}") for c in org)), r, at[org[-1].key] + 1)


def table4(spec: ReportSpec, tpl: Template, wrap: bool = False) -> Table:
    common = load_yaml("templates/common.yaml")
    parent = next(g.get("parent") for g in common["t4"]["groups"] if g.get("parent"))
    outs = tpl.t4_outcomes
    n = len(outs)
    groups = tpl.t4_groups
    t = Table("t4", 4, n * len(groups), widths=[649] * (n * len(groups)))
    t.add(groups[0].label, 0, 0, colspan=n, header=True)
    t.add(parent, 0, n, colspan=n * (len(groups) - 1), header=True)
    for i, o in enumerate(outs):
        t.add(_wrap(_col_label(spec, "t4", o.key, o.label), wrap), 1, i, rowspan=2, header=True)
    for gi, g in enumerate(groups[1:], start=1):
        t.add(g.label, 1, gi * n, colspan=n, header=True)
        for i, o in enumerate(outs):
            t.add(_wrap(_col_label(spec, "t4", o.key, o.label), wrap), 2, gi * n + i, header=True)
    for gi, g in enumerate(groups):
        for i, o in enumerate(outs):
            key = f"t4.{g.key}.{o.key}"
            t.add(spec.text_of(key), 3, gi * n + i, key=key)
    return t


def tables(spec: ReportSpec, wrap: bool = False) -> dict[str, Table]:
    tpl = get_template(spec.version)
    out = {"t2": table2(spec, tpl), "t3": table3(spec, tpl, wrap), "t4": table4(spec, tpl, wrap)}
    for t in out.values():
        t.check()
    return out
