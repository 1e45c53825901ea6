"""Plain text in three flavours, as reports reach us as .txt.

- `lines`: a Word→text conversion: paragraphs one per line; in a table every cell (a merged
  cell's continuation too, empty) on its own line starting with a tab, rows separated by a blank
  line; a cell's own line breaks kept.
- `tabs`: one line per table row, its cells separated by tabs (continuations empty).
- `scraped`: what a crawler keeps of a web page: a short header, then the whole report on one
  line, paragraphs and table cells fused with no separator (a cell's line break becomes a space).
"""

from __future__ import annotations

from ..layout import Table, tables
from ..spec import ReportSpec

FLAVOURS = ("lines", "tabs", "scraped")


def _table_lines(t: Table) -> list[str]:
    out = [""]
    for r in range(t.n_rows):
        for cell, continued in t.word_row(r):
            out.append("\t" + ("" if continued else cell.text))
        out.append("")
    return out


def _table_tabs(t: Table) -> list[str]:
    rows = []
    for r in range(t.n_rows):
        rows.append("\t".join("" if cont else c.text.replace("\n", "") for c, cont in t.word_row(r)))
    return ["", *rows, ""]


def _table_fused(t: Table) -> str:
    return "".join(c.text.replace("\n", " ") for r in range(t.n_rows) for c in t.row_cells(r))


def render(spec: ReportSpec, flavour: str = "lines", wrap: bool = False) -> str:
    if flavour not in FLAVOURS:
        raise ValueError(f"unknown txt flavour {flavour!r}; one of {', '.join(FLAVOURS)}")
    tabs = tables(spec, wrap)
    if flavour == "scraped":
        body = ["".join(spec.preamble)]
        for s in spec.sections:
            body.append(s.title + (" " if s.number == 1 else ""))
            body.extend(s.paragraphs)
            if s.table:
                body.append(_table_fused(tabs[s.table]))
            body.extend(s.after)
        head = [
            f"标题：{spec.title}",
            f"发布日期：{spec.publish_date}",
            f"发布机构：{spec.body}",
            "=" * 20 + " 正文 " + "=" * 20,
        ]
        return "\n".join(head) + "\n" + "".join(body) + " " + " ".join(spec.closing) + "\n"
    lines = ["", spec.title, "", *spec.preamble]
    for s in spec.sections:
        lines.append(s.title)
        lines.extend(s.paragraphs)
        if s.table:
            lines.extend(_table_lines(tabs[s.table]) if flavour == "lines" else _table_tabs(tabs[s.table]))
        lines.extend(s.after)
    lines += ["", *spec.closing]
    return "\n".join(lines) + "\n"
