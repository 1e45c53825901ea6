"""Table-level notes from the header cells of a table's grids: a column label written otherwise
than the template's (a variant), or a column the template does not have (an extra, e.g. 小计)."""

from __future__ import annotations

from .. import template as tmpl
from ..model import Report, TableInfo
from .cells import parse_cell
from .labels import all_row_fragments, norm, norm_label


def _known_headers(t: tmpl.Template, kind: str) -> tuple[dict[str, str], set[str]]:
    """The template's column labels of a table (normalised → as printed), and every other header
    text it prints (captions, group labels, the identity note)."""
    cols: dict[str, str] = {}
    other: set[str] = set()
    if kind == "t2":
        for b in t.t2_blocks:
            other.add(norm_label(b.caption))
            for c in b.columns:
                cols[norm_label(c.label)] = c.label
        other |= {"信息内容"}
    elif kind == "t3":
        for c in t.t3_columns:
            cols[norm_label(c.label)] = c.label
        other |= {"申请人情况", "法人或其他组织", norm_label("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）")}
    else:
        for o in t.t4_outcomes:
            cols[norm_label(o.label)] = o.label
        other |= {norm_label(g.label) for g in t.t4_groups} | {"行政诉讼"}
    return cols, other


def header_labels(report: Report, t: tmpl.Template, info: TableInfo) -> None:
    """Header cells of the table's grids that deviate from the template: a column label written
    differently (variant), or a column the template does not have (extra, e.g. 小计)."""
    cols, other = _known_headers(t, info.kind)
    rows = all_row_fragments(t)
    for gi in info.grids:
        g = report.grids[gi]
        for row in g.rows:
            if any(c.origin and parse_cell(c.text)[0] is not None for c in row):
                if info.kind == "t2":
                    continue  # 表二 repeats a header row above each of its blocks
                break  # the header ends where the numbers begin
            for c in row:
                text = c.text.strip()
                n = norm(text)
                if not c.origin or not n or n in cols or n in other or any(f in n for f in rows):
                    continue
                if len(n) > 30 or parse_cell(text)[2]:
                    continue
                # a piece of a known header (a converter broke the cell: 「商业企」「业」) is no deviation
                if any(n in k for k in (*cols, *other)):
                    continue
                target = _closest_column(n, cols, t, info.kind)
                if target is not None and target not in info.column_variants:
                    info.column_variants[target] = text
                elif target is None and n not in {norm(x) for x in info.extra_labels}:
                    info.extra_labels.append(text)


def _closest_column(n: str, cols: dict[str, str], t: tmpl.Template, kind: str) -> str | None:
    """The template column a deviating header stands for, by its distinctive fragments."""
    labels = ([c for b in t.t2_blocks for c in b.columns] if kind == "t2"
              else list(t.t3_columns) if kind == "t3" else list(t.t4_outcomes))
    for lab in labels:
        if any(norm_label(f) in n for f in lab.match if len(norm_label(f)) >= 2) and "小计" not in n:
            return lab.label
    return None
