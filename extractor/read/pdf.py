"""PDF, through pdfplumber: ruled tables become grids, the text around them is kept in reading order.

Lines that a word processor wrapped are joined back into paragraphs (a line reaching the right
margin continues on the next unless that one is indented or starts a heading), page numbers and
running headers/footers are dropped, and a table that runs over a page break stays two grids
that the structure stage reads as one. A scan (no text layer) or an encrypted file is reported,
never raised.
"""

from __future__ import annotations

import re
from collections import Counter
from io import BytesIO
from typing import Any

from ..model import Block, Cell, Grid, Report
from .text import normalise

_PAGE_NO = re.compile(
    r"^\s*(?:[-—–－]\s*\d{1,4}\s*[-—–－]|第\s*\d{1,4}\s*页(?:\s*[,，/共]\s*(?:共\s*)?\d{1,4}\s*页)?|\d{1,4}\s*/\s*\d{1,4}|\d{1,3}|Page\s+\d+(\s+of\s+\d+)?)\s*$",
    re.I,
)
_HEADING = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|\d+[.、．]|第[一二三四五六七八九十]+[章节部分])")
MAX_PAGES = 500


def read_pdf(report: Report, data: bytes) -> Report:
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError
    from pdfminer.psparser import PSException

    from . import MESSAGES, ReadFailure

    try:
        pdf = pdfplumber.open(BytesIO(data))
    except (PDFPasswordIncorrect, PDFEncryptionError) as e:
        raise ReadFailure("encrypted", MESSAGES["encrypted"]) from e
    except (PDFSyntaxError, PSException, ValueError, KeyError, TypeError, AssertionError) as e:
        raise ReadFailure("unreadable", MESSAGES["unreadable"].format(detail=f"PDF 结构损坏（{type(e).__name__}）")) from e
    except Exception as e:
        # pdfplumber wraps pdfminer's errors: look at what it wraps
        inner = [e, *e.args, e.__context__]
        if any(isinstance(x, (PDFPasswordIncorrect, PDFEncryptionError)) for x in inner) \
                or "password" in str(e).lower() or "encrypt" in type(e).__name__.lower():
            raise ReadFailure("encrypted", MESSAGES["encrypted"]) from e
        if any(isinstance(x, (PDFSyntaxError, PSException)) for x in inner) or type(e).__name__ == "PdfminerException":
            raise ReadFailure("unreadable", MESSAGES["unreadable"].format(detail=_why(e))) from e
        raise
    with pdf:
        n_pages = len(pdf.pages)
        report.meta.pages = n_pages
        if n_pages > MAX_PAGES:
            raise ReadFailure("unreadable", MESSAGES["unreadable"].format(detail=f"PDF 共 {n_pages} 页，超过 {MAX_PAGES} 页上限"))
        pages: list[list[tuple[str, Any]]] = []  # per page: ("line", LineInfo) | ("grid", rows)
        n_chars = 0
        for page in pdf.pages:
            try:
                items, chars = _read_page(page)
            except (PDFSyntaxError, PSException) as e:
                raise ReadFailure("unreadable", MESSAGES["unreadable"].format(
                    detail=f"第 {page.page_number} 页无法解析（{type(e).__name__}）")) from e
            n_chars += chars
            pages.append(items)
        if n_chars == 0:
            raise ReadFailure("no_text_layer", MESSAGES["no_text_layer"])
    _drop_running_lines(pages)
    _assemble(report, pages)
    if len(report.text.strip()) < 20 and n_pages:
        raise ReadFailure("no_text_layer", MESSAGES["no_text_layer"])
    return report


def _why(e: Exception) -> str:
    said = str(e.args[0] if e.args else e)
    if "EOF" in said:
        return "PDF 文件不完整（可能在下载或复制时被截断）"
    if "Root" in said or "trailer" in said.lower() or "xref" in said.lower():
        return "PDF 结构损坏（找不到文档目录，可能不是有效的 PDF 文件）"
    return "PDF 结构损坏"


class _Line:
    __slots__ = ("full", "indented", "text")

    def __init__(self, text: str, full: bool, indented: bool) -> None:
        self.text = text
        self.full = full
        self.indented = indented


def _read_page(page: Any) -> tuple[list[tuple[str, Any]], int]:
    chars = page.chars
    if not chars:
        return [], 0
    tables = [t for t in page.find_tables() if _is_data_table(t)]
    tables.sort(key=lambda t: t.bbox[1])
    items: list[tuple[str, Any]] = []
    top = 0.0
    width, height = page.width, page.height
    sizes = sorted(c.get("size", 10) for c in chars)
    char_w = sizes[len(sizes) // 2] or 10.0
    for t in tables:
        _x0, t_top, _x1, t_bottom = t.bbox
        if t_top > top + 1:
            items += _lines(page, (0, top, width, t_top), char_w)
        rows = t.extract()
        items.append(("grid", rows))
        top = max(top, t_bottom)
    if top < height - 1:
        items += _lines(page, (0, top, width, height), char_w)
    return items, len(chars)


def _is_data_table(t: Any) -> bool:
    rows = t.extract()
    if len(rows) < 1:
        return False
    n_cols = max((len(r) for r in rows), default=0)
    if n_cols < 2:
        return False
    filled = [c for r in rows for c in r if c not in (None, "")]
    return bool(filled)


def _lines(page: Any, bbox: tuple[float, float, float, float], char_w: float) -> list[tuple[str, Any]]:
    x0, top, x1, bottom = bbox
    bottom = min(bottom, page.height)
    if bottom - top < 1:
        return []
    crop = page.within_bbox((max(x0, 0), max(top, 0), min(x1, page.width), bottom), strict=False)
    lines = crop.extract_text_lines(return_chars=False)
    if not lines:
        return []
    left = min(ln["x0"] for ln in lines)
    right = max(ln["x1"] for ln in lines)
    out: list[tuple[str, Any]] = []
    for ln in lines:
        text = ln["text"]
        full = ln["x1"] >= right - 1.6 * char_w
        indented = ln["x0"] > left + 1.2 * char_w
        out.append(("line", _Line(text, full, indented)))
    return out


def _drop_running_lines(pages: list[list[tuple[str, Any]]]) -> None:
    """Page numbers, and a header or footer line repeated on most pages."""
    for items in pages:
        lines = [i for i, (k, _) in enumerate(items) if k == "line"]
        idx: int
        # a page of one or two lines has the same line at both ends: look at each line once
        for idx in sorted(set(lines[-2:] + lines[:1])):
            if _PAGE_NO.match(items[idx][1].text):
                items[idx] = ("drop", None)
    if len(pages) >= 3:
        edge: Counter[str] = Counter()
        for items in pages:
            texts: list[str] = [v.text for k, v in items if k == "line"]
            for t in {*(texts[:1]), *(texts[-1:])}:
                edge[re.sub(r"\d+", "#", t.strip())] += 1
        running = {t for t, n in edge.items() if n >= max(3, len(pages) // 2) and len(t) < 60}
        if running:
            for items in pages:
                lines = [i for i, (k, _) in enumerate(items) if k == "line"]
                for idx in sorted(set(lines[:1] + lines[-1:])):
                    if re.sub(r"\d+", "#", items[idx][1].text.strip()) in running:
                        items[idx] = ("drop", None)


def _assemble(report: Report, pages: list[list[tuple[str, Any]]]) -> None:
    parts: list[str] = []
    pos = 0
    blocks: list[Block] = []
    grids: list[Grid] = []
    para_start: int | None = None
    prev: _Line | None = None

    def emit(s: str) -> None:
        nonlocal pos
        parts.append(s)
        pos += len(s)

    def close_para(page_no: int) -> None:
        nonlocal para_start, prev
        if para_start is not None:
            blocks.append(Block("text", para_start, pos, page=page_no))
            emit("\n")
        para_start = None
        prev = None

    for p, items in enumerate(pages, start=1):
        report.page_offsets.append(pos)
        for kind, val in items:
            if kind == "line":
                line: _Line = val
                text = line.text.strip()
                if not text:
                    continue
                joins = (prev is not None and prev.full and not line.indented and not _HEADING.match(text))
                if not joins:
                    close_para(p)
                    para_start = pos
                emit(text)
                prev = line
            elif kind == "grid":
                close_para(p)
                rows = _grid_rows(val)
                if not rows:
                    continue
                g = Grid(len(grids), rows, page=p, pages=[p] * len(rows), start=pos)
                for i, row in enumerate(rows):
                    if i:
                        emit("\n")
                    r0 = pos
                    emit("\t".join(c.text.replace("\n", "") if c.origin else "" for c in row))
                    g.row_spans.append((r0, pos))
                g.end = pos
                emit("\n")
                grids.append(g)
                blocks.append(Block("grid", g.start, g.end, page=p, grid=g.index))
        # a paragraph may continue on the next page: keep it open (prev stays)
    close_para(len(pages))
    report.text = normalise("".join(parts))
    report.blocks = blocks
    report.grids = grids


def _grid_rows(rows: list[list[str | None]]) -> list[list[Cell]]:
    """pdfplumber marks a position covered by a merged cell with None: repeat the owner's text."""
    width = max((len(r) for r in rows), default=0)
    grid: list[list[Cell]] = []
    for r, row in enumerate(rows):
        out: list[Cell] = []
        for c in range(width):
            v = row[c] if c < len(row) else None
            if v is None:
                left = out[c - 1] if c else None
                above = grid[r - 1][c] if r else None
                owner = left if left is not None and left.text else above
                out.append(Cell(owner.text if owner else "", r, c, origin=False))
            else:
                out.append(Cell(v.strip(), r, c))
        grid.append(out)
    return grid
