"""An HTML <table> as a grid of cells: rows found through <thead>/<tbody>/<tfoot>, rowspan and
colspan expanded, each cell's visible text. The HTML reader uses it for a page's tables, the text
reader for raw HTML tables inside Markdown."""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from ..model import Cell

WS = re.compile(r"[ \t\r\n\f\v\u3000]+")
MAX_CELLS = 20000  # a table larger than this is not a report table; read it as text


def _rows(table: Any) -> list[Any]:
    out = []
    for child in table:
        tag = child.tag.lower() if isinstance(child.tag, str) else ""
        if tag == "tr":
            out.append(child)
        elif tag in ("thead", "tbody", "tfoot"):
            out.extend(c for c in child if isinstance(c.tag, str) and c.tag.lower() == "tr")
    return out


def _span(el: Any, name: str) -> int:
    v = el.get(name)
    if v is None or v == "1":
        return 1
    try:
        return max(1, min(int(str(v).strip() or 1), 200))
    except ValueError:
        return 1


def grid_cells(table: Any) -> list[list[Cell]]:
    """Rows of cells with rowspan/colspan expanded: covered positions repeat the owner's text."""
    occupied: dict[tuple[int, int], Cell] = {}
    n_rows = 0
    width = 0
    area = 0
    for r, tr in enumerate(_rows(table)):
        n_rows = r + 1
        c = 0
        for td in tr:
            tag = td.tag
            if tag != "td" and tag != "th" and not (isinstance(tag, str) and tag.lower() in ("td", "th")):
                continue
            while (r, c) in occupied:
                c += 1
            rs, cs = _span(td, "rowspan"), _span(td, "colspan")
            area += rs * cs
            if area > MAX_CELLS:  # spans summed before any is expanded: no grid of GBs (read as text)
                return []
            txt = cell_text(td)
            if rs == 1 and cs == 1:  # most cells
                occupied[(r, c)] = Cell(txt, r, c, 1, 1, True)
                c += 1
            else:
                for dr in range(rs):
                    for dc in range(cs):
                        occupied[(r + dr, c + dc)] = Cell(txt, r + dr, c + dc, rs, cs, (dr, dc) == (0, 0))
                c += cs
            width = max(width, c)
    if not n_rows:
        return []
    n_rows = max(n_rows, max(r for r, _ in occupied) + 1) if occupied else n_rows
    # every covered position already holds a copy that knows its place
    return [[occupied.get((r, c)) or Cell("", r, c, origin=True) for c in range(width)] for r in range(n_rows)]


def cell_text(td: Any) -> str:
    """A cell's visible text; block children and <br> are line breaks (html.py's `_prepare` makes them so)."""
    # most cells hold bare text; the others are serialised as text in libxml2 (the same characters
    # as joining itertext(), without a Python string per text node)
    s = (td.text or "") if len(td) == 0 else _as_text(td)
    if s.isalnum():  # a figure or a label: no space to squeeze or strip
        return s
    if "\n" not in s:  # most cells: one line
        return WS.sub(" ", s.replace("\u00a0", " ")).strip()
    s = s.replace("\u00a0", " ").replace("\u3000", " ")
    lines = [WS.sub(" ", ln).strip() for ln in s.split("\n")]
    return "\n".join(ln for ln in lines if ln)


def _as_text(el: Any) -> str:
    """The text of every text node under `el`, in document order, without its tail."""
    out: str = _etree().tostring(el, method="text", encoding=str, with_tail=False)
    return out


@cache
def _etree() -> Any:
    """lxml.etree, imported on first use (the text reader imports this module too) and then kept:
    an import statement in `_as_text` cost 0.6 us a cell."""
    from lxml import etree

    return etree
