"""Markdown: headings, paragraphs, and each table as a pipe table over the full grid.

Pipe tables have no spans: a merged cell's text stands in its first position and the positions
it covers are empty; the table's first row is the Markdown header row.
"""

from __future__ import annotations

from ..layout import Table, tables
from ..spec import ReportSpec


def _cell(text: str) -> str:
    return text.replace("\n", "").replace("|", "\\|")


def table(t: Table) -> list[str]:
    g = t.grid()
    out = ["| " + " | ".join(_cell(x) for x in g[0]) + " |", "|" + "---|" * t.n_cols]
    out += ["| " + " | ".join(_cell(x) for x in row) + " |" for row in g[1:]]
    return out


def render(spec: ReportSpec) -> str:
    tabs = tables(spec)
    blocks = [f"# {spec.title}", *spec.preamble]
    for s in spec.sections:
        blocks.append(f"## {s.title}")
        blocks.extend(f"### {p}" if p.startswith("（") and len(p) < 16 else p for p in s.paragraphs)
        if s.table:
            blocks.append("\n".join(table(tabs[s.table])))
        blocks.extend(s.after)
    blocks.append("\n\n".join(spec.closing))
    return "\n\n".join(blocks) + "\n"
