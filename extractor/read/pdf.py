"""PDF: ruled tables become grids, the text around them is kept in reading order.

Pages are read from pypdfium2's objects — its characters, given the boxes pdfminer would give
them, and its painted paths, classified as pdfminer classifies them — and laid out by pdfplumber's
own table finder (`TableFinder`, only on a page whose paths can draw a table of two columns or
more) and line builder: the grids and lines pdfplumber would read, at a fraction of the cost of
pdfminer's layout analysis. A page pdfium cannot describe that way (rotated, offset, text without
a Unicode map, drawings nested in forms) goes through pdfplumber itself. Each page is closed as
soon as it is read, so a long PDF is read in bounded memory.

Lines that a word processor wrapped are joined back into paragraphs (a line reaching the right
margin continues on the next unless that one is indented or starts a heading), page numbers and
running headers/footers are dropped, and a table that runs over a page break stays two grids
that the structure stage reads as one. A table printed without rules stays lines of text: a row
whose label wraps around its figures becomes one line, and the figures of tight-packed cells are
set apart (see `_join_wrapped_rows`, `_part_figures`). A scan (no text layer) or an encrypted file is reported,
never raised.
"""

from __future__ import annotations

import logging
import math
import re
from collections import Counter
from io import BytesIO
from itertools import pairwise
from typing import Any

from ..model import Block, Cell, Grid, Report
from ..text import unify_radicals
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

    # pdfminer warns on stderr of every font whose descriptor a PDF maker left short ("Could not
    # get FontBBox…": Chromium's printing, for every page): nothing the auditor can act on
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    try:
        pdf = pdfplumber.open(BytesIO(data))
    except (PDFPasswordIncorrect, PDFEncryptionError) as e:
        raise ReadFailure("encrypted", MESSAGES["encrypted"]) from e
    except (PDFSyntaxError, PSException, ValueError, KeyError, TypeError, AssertionError) as e:
        detail = _TRUNCATED if _truncated(data) else f"PDF 结构损坏（{type(e).__name__}）"
        raise ReadFailure("unreadable", MESSAGES["unreadable"].format(detail=detail)) from e
    except Exception as e:
        # pdfplumber wraps pdfminer's errors: look at what it wraps
        inner = [e, *e.args, e.__context__]
        if any(isinstance(x, (PDFPasswordIncorrect, PDFEncryptionError)) for x in inner) \
                or "password" in str(e).lower() or "encrypt" in type(e).__name__.lower():
            raise ReadFailure("encrypted", MESSAGES["encrypted"]) from e
        if any(isinstance(x, (PDFSyntaxError, PSException)) for x in inner) or type(e).__name__ == "PdfminerException":
            detail = _TRUNCATED if _truncated(data) else _why(e)
            raise ReadFailure("unreadable", MESSAGES["unreadable"].format(detail=detail)) from e
        raise
    with pdf:
        n_pages = len(pdf.pages)
        report.meta.pages = n_pages
        if n_pages > MAX_PAGES:
            raise ReadFailure("unreadable", MESSAGES["unreadable"].format(detail=f"PDF 共 {n_pages} 页，超过 {MAX_PAGES} 页上限"))
        pages: list[list[tuple[str, Any]]] = []  # per page: ("line", LineInfo) | ("grid", rows)
        n_chars = 0
        scanned: list[int] = []  # pages that hold an image and no text: a scan, a stamped page
        fast = _Pdfium.open(data, n_pages)
        try:
            for i, page in enumerate(pdf.pages):
                try:
                    got = fast.read_page(i) if fast is not None else None
                    items, chars = got if got is not None else _read_page(page.filter(_not_background))
                except (PDFSyntaxError, PSException) as e:
                    raise ReadFailure("unreadable", MESSAGES["unreadable"].format(
                        detail=f"第 {page.page_number} 页无法解析（{type(e).__name__}）")) from e
                finally:
                    page.close()  # pdfminer's layout of the page is not kept
                n_chars += chars
                pages.append(items)
                if not chars and _has_image(page):
                    scanned.append(page.page_number)
        finally:
            if fast is not None:
                fast.close()
        if n_chars == 0:
            raise ReadFailure("no_text_layer", MESSAGES["no_text_layer"])
    if scanned:
        report.notes.append(f"第{_page_list(scanned)}页只有图片、没有文字层（可能是扫描件或盖章页），这些页的内容未能读取和审核。")
    _drop_running_lines(pages)
    _join_page_breaks(pages)
    _assemble(report, pages)
    if len(report.text.strip()) < 20 and n_pages:
        raise ReadFailure("no_text_layer", MESSAGES["no_text_layer"])
    return report


def _has_image(page: Any) -> bool:
    """Does the page show an image (a page with neither text nor image is a blank page, not a scan)?"""
    return bool(page.images)


def _page_list(pages: list[int]) -> str:
    """3、5、7 (pages in Chinese enumeration)."""
    return "、".join(str(p) for p in pages)


_TRUNCATED = "PDF 文件不完整（可能在下载或复制时被截断）"


def _truncated(data: bytes) -> bool:
    """A PDF ends with %%EOF (a few bytes of padding after it at most): one that does not was cut
    off — whatever the parser then stumbled on, that is what the auditor needs to hear."""
    return b"%%EOF" not in data[-2048:]


def _why(e: Exception) -> str:
    said = str(e.args[0] if e.args else e)
    if "EOF" in said:
        return _TRUNCATED
    if "Root" in said or "trailer" in said.lower() or "xref" in said.lower():
        return "PDF 结构损坏（找不到文档目录，可能不是有效的 PDF 文件）"
    return "PDF 结构损坏"


class _Line:
    __slots__ = ("full", "indented", "printed", "text")

    def __init__(self, text: str, full: bool, indented: bool, printed: str | None = None) -> None:
        self.text = text
        self.full = full
        self.indented = indented
        #: the line with the spaces of its layout (`_close_spread` took them out of `text`)
        self.printed = text if printed is None else printed


def _open_bottom(table: Any, edges: list[dict[str, Any]]) -> tuple[float, float]:
    """How far down the table's column rules reach below its last closed row, and the leftmost
    rule that reaches there: a last row whose closing rule the page left out (an html table whose
    last cells have no bottom border) is still walled by its columns' rules; pdfplumber makes no
    cell of it, and its table ends above it. Its label may stand left of the table's cells (in the
    column of the row groups above, whose cells pdfplumber did not close either)."""
    cells = table.cells
    x_lo, _, x_hi, bottom = table.bbox
    floor = max(c[3] for c in cells)
    xs = {c[0] for c in cells} | {c[2] for c in cells}
    walls = [e for e in edges if e.get("orientation") == "v" and e["top"] <= floor + 1 < e["bottom"]]
    reach = [e["bottom"] for e in walls if x_lo - 1 <= e["x0"] <= x_hi + 1 and any(abs(e["x0"] - x) <= 1.5 for x in xs)]
    low = max([bottom, *reach])
    left = min([x_lo, *(e["x0"] for e in walls if e["x0"] < x_lo and e["bottom"] >= low - 1)])
    return low, left


def _cut_row(chars: list[dict[str, Any]], table: Any, walls: tuple[float, float] | None = None) -> list[list[tuple[str, bool]]]:
    """The top of a row the page break cut below the table's last closed row: no rule closes it,
    so its characters (a label and its figures, 3.要求提供公开出版 0 0 0 …) belong to no cell —
    below the last row's cells, inside no cell, reaching at most a line under the table's edge —
    and were lost. They are one more row, split at the table's columns. So is a last row whose
    closing rule was left out, down to where the column rules reach and from the leftmost of them
    (`walls`, `_open_bottom`: a label there goes into the first cell)."""
    cells = table.cells
    x_lo, _, x_hi, bottom = table.bbox
    if walls is not None:
        bottom, x_lo = max(bottom, walls[0]), min(x_lo, walls[1])
    last_top = max(c[1] for c in cells)
    floor = min(c[3] for c in cells if c[1] == last_top)

    def mid(ch: dict[str, Any]) -> tuple[float, float]:
        return (ch["x0"] + ch["x1"]) / 2, (ch["top"] + ch["bottom"]) / 2

    cut = [ch for ch in chars if ch["bottom"] > floor and ch["top"] < bottom  # cheap first: most are not near
           and x_lo <= mid(ch)[0] < x_hi and mid(ch)[1] > floor
           and not any(c[0] <= mid(ch)[0] < c[2] and c[1] <= mid(ch)[1] < c[3] for c in cells)]
    if not cut:
        return []
    from pdfplumber.utils import extract_text

    bounds = sorted({c[0] for c in cells} | {x_hi})
    row = []
    for j, (x0, x1) in enumerate(pairwise(bounds)):
        inside = [ch for ch in cut if (x0 if j else x_lo) <= mid(ch)[0] < x1]
        row.append((unify_radicals(extract_text(inside).strip()) if inside else "", True))
    return [row]


def _cut_row_top(chars: list[dict[str, Any]], table: Any, rows: list[list[tuple[str, bool]]],
                 char_w: float) -> tuple[list[tuple[str, bool]], float] | None:
    """The bottom of a row the page break cut above the page's first table: no rule opens it, so
    its lines (8.属于行政查询事 0 0, a label and the figures of the cells not left blank) stand
    above the table's first rule, in no cell, and were read as prose — their figures lost to the
    columns they belong to. They are one more row, split at the table's columns, when they are
    just that: lines right above the table, within its width (a row group's label may stand left
    of it, and goes into the first cell), whose pieces in the columns that
    hold figures in the table's rows below (most of their cells) are figures, at least one, and
    whose others are words, at least one. Returns the row and the top of its lines."""
    cells = table.cells
    x_lo, t_top, x_hi, _ = table.bbox
    bounds = sorted({c[0] for c in cells} | {x_hi})
    if len(bounds) < 3 or not rows:
        return None
    above = [ch for ch in chars if ch["bottom"] <= t_top + 1]
    if not above:
        return None
    lines: dict[float, list[dict[str, Any]]] = {}
    for ch in sorted(above, key=lambda c: -c["bottom"]):  # from the table up, one line at a time
        at = next((b for b in lines if abs(b - ch["bottom"]) <= char_w / 2), None)
        lines.setdefault(ch["bottom"] if at is None else at, []).append(ch)
    band: list[dict[str, Any]] = []
    floor, height = t_top, char_w
    for bottom in sorted(lines, reverse=True):
        # the row's first line may sit well above the rule that closes it (a tall row: its label
        # wrapped over lines the break left on the page before); its lines are close together
        # (a line apart at most, by the size of their own characters)
        if floor - bottom > (4 * char_w if floor == t_top else 1.2 * height):
            break
        band += lines[bottom]
        floor = min(c["top"] for c in lines[bottom])
        height = max(c["bottom"] - c["top"] for c in lines[bottom])
        if len(band) > 200:
            return None
    # a label left of the table (a row group's, whose cell the page before holds) opens the row
    left = [c for c in band if (c["x0"] + c["x1"]) / 2 < x_lo]
    if not band or any((c["x0"] + c["x1"]) / 2 >= x_hi for c in band) or any(c["text"].isdigit() for c in left):
        return None
    figures: Counter[int] = Counter()
    words: Counter[int] = Counter()
    for r in rows:
        for j, (text, _) in enumerate(r):
            if text:
                (figures if _VALUE.match(text) else words)[j] += 1
    figure_cols = {j for j in figures if figures[j] > words[j]}  # most of the column's cells are figures
    if not figure_cols:
        return None
    from pdfplumber.utils import extract_text

    row: list[tuple[str, bool]] = []
    for j, (x0, x1) in enumerate(pairwise(bounds)):
        inside = [c for c in band if (x0 if j else -1.0) <= (c["x0"] + c["x1"]) / 2 < x1]
        text = unify_radicals(extract_text(inside).strip()) if inside else ""
        if text and (j in figure_cols) != bool(_VALUE.match(text)):
            return None
        row.append((text, True))
    if not any(_VALUE.match(text) for text, _ in row) or all(_VALUE.match(text) or not text for text, _ in row):
        return None  # figures and the end of their label: a number alone (a page's number) is no row
    return row, floor


class _Rows:
    """A table read from one page: its positions (text, whether a cell starts there), the x of
    its column boundaries, and for each row how many pages after the table's first it lies."""

    __slots__ = ("bounds", "later", "rows")

    def __init__(self, rows: list[list[tuple[str, bool]]], bounds: list[float]) -> None:
        self.rows = rows
        self.bounds = bounds
        self.later = [0] * len(rows)


def _not_background(obj: dict[str, Any]) -> bool:
    """pdfplumber's objects less the backgrounds (see `_is_background`) and the characters of a
    watermark (see `_slanted`)."""
    if obj.get("object_type") == "char":
        m = obj.get("matrix")
        return not (m and _slanted(m[0], m[1]))
    return not (obj.get("object_type") == "rect" and obj.get("fill") and not obj.get("stroke")
                and obj["width"] > _THIN and obj["height"] > _THIN)


def _slanted(a: float, b: float) -> bool:
    """Text set at a slant (its matrix turns it more than 5° off the page's axes): a watermark
    printed across every page (仅供查阅, 政府信息公开专用…) — no line of the report, whose text
    runs along the page (or, on a page turned for a wide table, across it at 90°). Its characters
    fall into the table's cells (0 becomes 0专) and between the lines of the prose. Called for
    every character: text along an axis (b or a zero, nearly all of it) is settled without a turn."""
    if not b or not a:
        return False
    angle = abs(math.degrees(math.atan2(b, a))) % 90
    return 5 < angle < 85


def _read_page(page: Any) -> tuple[list[tuple[str, Any]], int]:
    chars = page.chars
    if not chars:
        return [], 0
    found = [(t, t.extract()) for t in page.find_tables()]
    tables: list[tuple[Any, list[list[tuple[str, bool]]], float]] = []
    for t, rows in found:
        if _is_data_table(rows):
            walls = _open_bottom(t, page.edges)
            cut = _cut_row(chars, t, walls)
            tables.append((t, _table_rows(page, t, rows) + cut, max(walls[0], t.bbox[3]) if cut else t.bbox[3]))
    tables.sort(key=lambda tr: tr[0].bbox[1])
    items: list[tuple[str, Any]] = []
    top = 0.0
    width, height = page.width, page.height
    sizes = sorted(c.get("size", 10) for c in chars)
    char_w = sizes[len(sizes) // 2] or 10.0
    for n, (t, rows, t_bottom) in enumerate(tables):
        _x0, t_top, _x1, _ = t.bbox
        if n == 0:
            above = _cut_row_top(chars, t, rows, char_w)
            if above is not None:
                rows.insert(0, above[0])
                t_top = above[1]
        if t_top > top + 1:
            items += _lines(page, (0, top, width, t_top), char_w)
        cells = t.cells
        items.append(("grid", _Rows(rows, sorted({c[0] for c in cells} | {max(c[2] for c in cells)}))))
        top = max(top, t_bottom)
    if top < height - 1:
        items += _lines(page, (0, top, width, height), char_w)
    return items, len(chars)


def _table_rows(page: Any, table: Any, rows: list[list[str | None]]) -> list[list[tuple[str, bool]]]:
    """The table's text at each position of its grid, and whether the position is where its cell
    starts. pdfplumber leaves a position empty (None) when no cell of its own starts there: a
    merged cell covers it — the cell whose box holds the position, whose text it repeats — or a
    cell was left open, its closing rule on the next page (a cell of several rows that the page
    break cut: the printer draws no rule there). The text of an open cell, a column's run of such
    positions, is read from the characters inside it: without this, the label of a row group cut
    by a page break was lost and the cell above repeated in its place."""
    cells = table.cells
    xs = sorted({c[0] for c in cells})
    tops = sorted({c[1] for c in cells})
    x_end, y_end = max(c[2] for c in cells), max(c[3] for c in cells)
    row_of = {y: i for i, y in enumerate(tops)}
    col_of = {x: j for j, x in enumerate(xs)}
    at = {(c[1], c[0]): c for c in cells}
    where = {c: (row_of[c[1]], col_of[c[0]]) for c in cells}

    def holds(c: tuple[float, float, float, float] | None, px: float, py: float) -> bool:
        return c is not None and c[0] <= px < c[2] and c[1] <= py < c[3]

    out: list[list[tuple[str, bool]]] = [[("", True)] * len(xs) for _ in tops]
    orphans: list[tuple[int, int]] = []
    for i, top in enumerate(tops):
        for j, x0 in enumerate(xs):
            text = rows[i][j] if i < len(rows) and j < len(rows[i]) else None
            if text is not None:
                out[i][j] = (unify_radicals(text.strip()), True)
                continue
            px, py = x0 + 0.5, top + 0.5
            # the covering cell starts in this row to the left or in this column above (else: look everywhere)
            left = next((c for c in (at.get((top, xs[k])) for k in range(j - 1, -1, -1)) if c is not None), None)
            up = next((c for c in (at.get((tops[r], x0)) for r in range(i - 1, -1, -1)) if c is not None), None)
            owner = left if holds(left, px, py) else up if holds(up, px, py) else next(
                (c for c in cells if holds(c, px, py)), None)
            if owner is None:
                orphans.append((i, j))
                continue
            r, k = where[owner]
            owned = rows[r][k] if r < len(rows) and k < len(rows[r]) else None
            out[i][j] = (unify_radicals((owned or "").strip()), False)
    runs: list[list[tuple[int, int]]] = []
    for i, j in sorted(orphans, key=lambda ij: (ij[1], ij[0])):
        if runs and runs[-1][-1] == (i - 1, j):
            runs[-1].append((i, j))
        else:
            runs.append([(i, j)])
    if runs:
        from pdfplumber.utils import extract_text

        for run in runs:
            (i0, j), (i1, _) = run[0], run[-1]
            x0, x1 = xs[j], xs[j + 1] if j + 1 < len(xs) else x_end
            top, bottom = tops[i0], tops[i1 + 1] if i1 + 1 < len(tops) else y_end
            inside = [ch for ch in page.chars if x0 <= (ch["x0"] + ch["x1"]) / 2 < x1
                      and top <= (ch["top"] + ch["bottom"]) / 2 < bottom]
            text = unify_radicals(extract_text(inside).strip()) if inside else ""
            for n, (i, j) in enumerate(run):
                out[i][j] = (text, n == 0)
    return out


class _Pdfium:
    """The pages read from pypdfium2 (see the module's docstring). `read_page(i)` returns what
    `_read_page` returns for pdfplumber's page, or None when the page must go through pdfplumber:
    rotated, a box not at the origin, text that is not upright or has no Unicode map, no text at
    all, or paths pdfium places in a form."""

    def __init__(self, doc: Any) -> None:
        self.doc = doc

    @staticmethod
    def open(data: bytes, n_pages: int) -> _Pdfium | None:
        try:
            import pypdfium2
        except ImportError:  # pragma: no cover - installed with pdfplumber
            return None
        try:
            doc = pypdfium2.PdfDocument(data)
        except Exception:  # pdfium refuses what pdfminer opened: pdfplumber reads every page
            return None
        if len(doc) != n_pages:
            doc.close()
            return None
        return _Pdfium(doc)

    def close(self) -> None:
        self.doc.close()

    def read_page(self, index: int) -> tuple[list[tuple[str, Any]], int] | None:
        try:
            return self._read(index)
        except (MemoryError, RecursionError):
            raise
        except Exception:  # whatever pdfium stumbles on, pdfplumber reads the page as it always has
            return None

    def _read(self, index: int) -> tuple[list[tuple[str, Any]], int] | None:
        page = self.doc[index]
        try:
            left, bottom, right, top = page.get_mediabox()
            if page.get_rotation() % 360 or left or bottom:
                return None
            height = top - bottom
            paths = _paths(page)
            if paths is None:
                return None
            edges = _pdfium_edges(paths, height) if _may_hold_table(paths) else []
            if edges is None:
                return None
            textpage = page.get_textpage()
            try:
                chars = _pdfium_chars(textpage, height)
            finally:
                textpage.close()
            if not chars:  # no text here (a scan?): pdfplumber says so as it always has
                return None
            return _read_page(_Page(index + 1, right - left, height, chars, edges))
        finally:
            page.close()


class _Page:
    """What `_read_page` asks of a pdfplumber page — its characters and ruling edges, its size,
    its tables, a stretch of its text lines — made from pdfium's objects and answered by
    pdfplumber's own table finder and line builder."""

    def __init__(self, number: int, width: float, height: float, chars: list[dict[str, Any]],
                 edges: list[dict[str, Any]]) -> None:
        self.page_number = number
        self.width, self.height = width, height
        self.bbox = (0, 0, width, height)
        self.chars = chars
        self.edges = edges

    def find_tables(self) -> list[Any]:
        if not self.edges:
            return []
        from pdfplumber.table import TableFinder, TableSettings

        return list(TableFinder(self, TableSettings.resolve(None)).tables)  # type: ignore[arg-type]

    def within_bbox(self, bbox: tuple[float, float, float, float], strict: bool = True) -> _Crop:
        from pdfplumber.utils import within_bbox

        return _Crop(bbox, within_bbox(self.chars, bbox))


class _Crop:
    def __init__(self, bbox: tuple[float, float, float, float], chars: list[dict[str, Any]]) -> None:
        self.bbox, self.chars = bbox, chars

    def extract_text_lines(self, return_chars: bool = True) -> list[dict[str, Any]]:
        from pdfplumber.utils import chars_to_textmap

        x0, top, x1, bottom = self.bbox
        textmap = chars_to_textmap(self.chars, layout_bbox=self.bbox, layout_width=x1 - x0, layout_height=bottom - top)
        lines: list[dict[str, Any]] = textmap.extract_text_lines(return_chars=return_chars)
        return lines


#: a path drawn this thin is a rule (a line), not a box
_THIN = 3.0


def _paths(page: Any) -> list[Any] | None:
    """The page's path objects (pdfium handles, valid while the page is open), or None when a
    form (a nested drawing, placed by its own matrix) holds a path: pdfplumber reads that page."""
    import pypdfium2.raw as pdfium_c

    out = []
    for i in range(pdfium_c.FPDFPage_CountObjects(page.raw)):
        obj = pdfium_c.FPDFPage_GetObject(page.raw, i)
        kind = pdfium_c.FPDFPageObj_GetType(obj)
        if kind == pdfium_c.FPDF_PAGEOBJ_PATH:
            out.append(obj)
        elif kind == pdfium_c.FPDF_PAGEOBJ_FORM and _form_has_path(obj, 0):
            return None
    return out


def _form_has_path(form: Any, depth: int) -> bool:
    import pypdfium2.raw as pdfium_c

    for i in range(pdfium_c.FPDFFormObj_CountObjects(form)):
        obj = pdfium_c.FPDFFormObj_GetObject(form, i)
        kind = pdfium_c.FPDFPageObj_GetType(obj)
        if kind == pdfium_c.FPDF_PAGEOBJ_PATH or (kind == pdfium_c.FPDF_PAGEOBJ_FORM and (
                depth >= 15 or _form_has_path(obj, depth + 1))):
            return True
    return False


def _may_hold_table(paths: list[Any]) -> bool:
    """False when no path on the page can draw a ruled table of two columns or more (what
    `_is_data_table` keeps): pdfplumber finds a table's cells where ruled lines cross, and two
    columns need three vertical rules. Counted from each path's bounds — a thin path is a rule, a
    box (a rectangle, five segments at most) has two sides; a path of more segments may draw a
    whole grid: then the page may hold a table."""
    import ctypes

    import pypdfium2.raw as pdfium_c

    verticals: set[float] = set()
    bounds = [ctypes.c_float() for _ in range(4)]
    pointers = [ctypes.byref(b) for b in bounds]
    for obj in paths:
        if not pdfium_c.FPDFPageObj_GetBounds(obj, *pointers):
            return True
        left, bottom, right, top = (b.value for b in bounds)
        if right - left <= _THIN:
            verticals.add(round((left + right) / 2, 1))
        elif top - bottom <= _THIN:
            continue
        elif pdfium_c.FPDFPath_CountSegments(obj) <= 5:
            verticals.add(round(left, 1))
            verticals.add(round(right, 1))
        else:
            return True
        if len(verticals) >= 3:
            return True
    return False


def _pdfium_edges(paths: list[Any], height: float) -> list[dict[str, Any]] | None:
    """The page's ruling edges as pdfplumber makes them (`Page.edges`: lines, then the four sides
    of each rectangle, then the segments of each curve), from pdfium's path objects classified as
    pdfminer classifies a painted path. None when pdfium cannot tell a path's geometry."""
    import ctypes

    import pypdfium2.raw as pdfium_c
    from pdfplumber.utils import curve_to_edges, line_to_edge, rect_to_edges

    lines: list[list[tuple[float, float]]] = []
    rects: list[list[tuple[float, float]]] = []
    curves: list[list[tuple[float, float]]] = []
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    m = pdfium_c.FS_MATRIX()
    x, y = ctypes.c_float(), ctypes.c_float()
    for obj in paths:
        if not pdfium_c.FPDFPath_GetDrawMode(obj, ctypes.byref(fill), ctypes.byref(stroke)):
            return None
        if not fill.value and not stroke.value:
            continue  # a path painted with `n` draws nothing (pdfminer keeps no object for it)
        if not pdfium_c.FPDFPageObj_GetMatrix(obj, ctypes.byref(m)):
            return None
        a, b, c, d, e, f = m.a, m.b, m.c, m.d, m.e, m.f
        path: list[tuple[str, tuple[float, float]]] = []  # (op, point) in page space
        start: tuple[float, float] | None = None
        n_bezier = 0
        for k in range(pdfium_c.FPDFPath_CountSegments(obj)):
            seg = pdfium_c.FPDFPath_GetPathSegment(obj, k)
            if not pdfium_c.FPDFPathSegment_GetPoint(seg, ctypes.byref(x), ctypes.byref(y)):
                return None
            px, py = float(x.value), float(y.value)
            pt = (a * px + c * py + e, b * px + d * py + f)
            op = pdfium_c.FPDFPathSegment_GetType(seg)
            if op == pdfium_c.FPDF_SEGMENT_MOVETO:
                path.append(("m", pt))
                start = pt
                n_bezier = 0
            elif op == pdfium_c.FPDF_SEGMENT_LINETO:
                path.append(("l", pt))
            elif op == pdfium_c.FPDF_SEGMENT_BEZIERTO:
                n_bezier += 1
                if n_bezier % 3:
                    continue  # the two control points: pdfminer keeps a curve's end point only
                path.append(("c", pt))
            else:
                return None
            if pdfium_c.FPDFPathSegment_GetClose(seg) and start is not None:
                path.append(("h", start))
        if stroke.value:
            _classify(path, lines, rects, curves)
        else:  # filled only: a box painted behind the text is a background, not a rule
            own: list[list[tuple[float, float]]] = []
            _classify(path, lines, own, curves)
            rects.extend(r for r in own if not _is_background(r))
    out = [line_to_edge(_obj(pts, height)) for pts in lines]
    for pts in rects:
        out.extend(rect_to_edges(_obj(pts, height)))
    for pts in curves:
        out.extend(curve_to_edges(_obj(pts, height)))
    return out


def _classify(path: list[tuple[str, tuple[float, float]]], lines: list[Any], rects: list[Any], curves: list[Any]) -> None:
    """pdfminer's `PDFLayoutAnalyzer.paint_path`: each subpath (from an `m`) a line (`ml`,
    `mlh`), a rectangle (`mlllh`/`mllll`, closed, axis-aligned) or a curve (its points)."""
    shape = "".join(op for op, _ in path)
    if shape[:1] != "m":
        return
    if shape.count("m") > 1:
        for found in re.finditer(r"m[^m]+", shape):
            _classify(path[found.start() : found.end()], lines, rects, curves)
        return
    pts = [pt for _, pt in path]
    if len(shape) > 3 and shape[-2:] == "lh" and pts[-2] == pts[0]:
        shape = shape[:-2] + "h"
        pts.pop()
    if shape in ("mlh", "ml"):
        lines.append(pts[:2])
    elif shape in ("mlllh", "mllll"):
        (x0, y0), (x1, y1), (x2, y2), (x3, y3), _ = pts
        square = (x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0) or (y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0)
        if pts[0] == pts[4] and square:
            (ax, ay), (bx, by) = pts[0], pts[2]
            rects.append([(ax, ay), (bx, ay), (bx, by), (ax, by)])
        else:
            curves.append(pts)
    else:
        curves.append(pts)


def _is_background(pts: list[tuple[float, float]]) -> bool:
    """A rectangle filled and not stroked, wider and taller than a rule: a page's, a panel's or a
    cell's background. Its sides are no ruling lines: a portal printed with its grey page and
    white panel made every page a "table" of a margin and the text (a rule drawn as a thin filled
    box stays a rule)."""
    xs = [p[0] for p in pts]
    ys = [p[1] for p in pts]
    return max(xs) - min(xs) > _THIN and max(ys) - min(ys) > _THIN


def _obj(pts: list[tuple[float, float]], height: float) -> dict[str, Any]:
    """A drawn object as pdfplumber describes it (bounding box in both orientations, points with
    y measured from the top)."""
    xs = [p[0] for p in pts]
    ys = [p[1] for p in pts]
    x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
    top = height - y1
    return {"x0": x0, "y0": y0, "x1": x1, "y1": y1, "width": x1 - x0, "height": y1 - y0, "top": top,
            "bottom": height - y0, "doctop": top, "pts": [(px, height - py) for px, py in pts]}


def _pdfium_chars(textpage: Any, page_height: float) -> list[dict[str, Any]] | None:
    """The page's characters as pdfplumber describes them (text, x0, x1, top, bottom, size), from
    pdfium: the loose box's left, right and bottom are pdfminer's; its top follows the font's
    ascent where pdfminer's is the bottom plus the font size. Characters pdfium made up (spaces and
    line breaks between runs) are left out, as pdfminer has none. None for text that is not upright
    or that pdfium cannot map to Unicode (pdfminer's (cid:N): pdfplumber reads it as it always has)."""
    import ctypes

    import pypdfium2.raw as pdfium_c

    out: list[dict[str, Any]] = []
    rect = pdfium_c.FS_RECTF()
    matrix = pdfium_c.FS_MATRIX()
    rect_p, matrix_p = ctypes.byref(rect), ctypes.byref(matrix)
    generated, unicode, box = pdfium_c.FPDFText_IsGenerated, pdfium_c.FPDFText_GetUnicode, pdfium_c.FPDFText_GetLooseCharBox
    get_matrix, font_size = pdfium_c.FPDFText_GetMatrix, pdfium_c.FPDFText_GetFontSize
    map_error = getattr(pdfium_c, "FPDFText_HasUnicodeMapError", None)  # not in older pdfium builds
    tp = textpage.raw
    flat: list[int] = []  # positions in out of characters boxed flat
    index: list[int] = []  # pdfium's index of each character of out
    for i in range(pdfium_c.FPDFText_CountChars(tp)):
        if generated(tp, i) == 1:
            continue
        code = unicode(tp, i)
        if (not 0 < code <= 0x10FFFF or (map_error is not None and map_error(tp, i) == 1)
                or not box(tp, i, rect_p) or not get_matrix(tp, i, matrix_p)):
            return None
        if abs(matrix.b) > 1e-6 or abs(matrix.c) > 1e-6 or matrix.d <= 0 or matrix.a <= 0:
            if _slanted(matrix.a, matrix.b):
                continue  # a watermark set across the page: no text of the report
            return None  # rotated, mirrored or sheared text
        size = font_size(tp, i) * matrix.d
        if rect.top - rect.bottom < 0.6 * size:
            flat.append(len(out))
        index.append(i)
        low = page_height - rect.bottom
        out.append({"text": chr(code), "x0": rect.left, "x1": rect.right, "top": low - size, "bottom": low,
                    "doctop": low - size, "upright": True, "size": size, "width": rect.right - rect.left,
                    "height": size})
    if flat:
        _place_flat_chars(tp, out, index, flat, page_height)
    return out


def _place_flat_chars(tp: Any, chars: list[dict[str, Any]], index: list[int], flat: list[int], page_height: float) -> None:
    """A font without ascent and descent (a FontBBox the PDF maker left out: Chromium's printing
    writes such fonts) gives pdfium's loose box the glyph's own height: 一 or — a sliver above
    the baseline, set apart from its line. Such a character is placed by its baseline, as far
    below it as the other characters of the page sit (pdfminer places every character so)."""
    import ctypes
    import statistics

    import pypdfium2.raw as pdfium_c

    x, y = ctypes.c_double(), ctypes.c_double()
    flat_at = set(flat)
    ratios: list[float] = []
    for k, ch in enumerate(chars):  # the depth below the baseline of the page's other characters
        if k in flat_at or len(ratios) >= 64:
            continue
        if pdfium_c.FPDFText_GetCharOrigin(tp, index[k], ctypes.byref(x), ctypes.byref(y)) and ch["size"] > 0:
            ratios.append(((page_height - ch["bottom"]) - y.value) / ch["size"])
    depth = statistics.median(ratios) if ratios else -0.2
    for k in flat:
        if pdfium_c.FPDFText_GetCharOrigin(tp, index[k], ctypes.byref(x), ctypes.byref(y)):
            ch = chars[k]
            low = page_height - (y.value + depth * ch["size"])
            ch["bottom"], ch["top"], ch["doctop"] = low, low - ch["size"], low - ch["size"]


def _is_data_table(rows: list[list[str | None]]) -> bool:
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
    walls = [e for e in page.edges if e.get("orientation") == "v" and e["bottom"] > top and e["top"] < bottom]
    lines = [_part_figures(_close_spread({**ln, "chars": [c for c in ln.get("chars") or [] if c["text"].strip()]}, walls))
             for ln in crop.extract_text_lines(return_chars=True)]
    return _line_items(_join_wrapped_rows(lines, char_w), char_w)


def _wide(ch: str) -> bool:
    """A character of Chinese text (an ideograph, a radical, full-width punctuation or form),
    not ASCII and not a space."""
    return ord(ch) > 0x2E7F and not ch.isspace()


def _spread_unit(chars: list[dict[str, Any]], least: int = 2) -> float:
    """How far apart the line sets its characters of Chinese text: the (lower) median gap after
    or before such a character — a word processor's letter spacing (字符间距 加宽), a distributed
    cell or heading (分散对齐), a short line justified to the margin (申 请 1 件 。). 0 for a
    line that does not: fewer than `least` such gaps, or most of them closed (a label that
    touches, then a column's gap: 合计 5 3)."""
    gaps = sorted(b["x0"] - a["x1"] for a, b in pairwise(chars)
                  if (_wide(a["text"]) or _wide(b["text"])) and abs(a["bottom"] - b["bottom"]) < 0.5 * a.get("size", 10))
    if len(gaps) < least:
        return 0.0
    return max(gaps[(len(gaps) - 1) // 2], 0.0)


def _close_spread(line: dict[str, Any], walls: list[dict[str, Any]] | None = None, least: int = 2) -> dict[str, Any]:
    """A line whose characters the layout set apart (see `_spread_unit`) without the spaces the
    text layer's reader put in those gaps: 一、总 体 情 况 → 一、总体情况, 申 请 2 1 8 件 →
    申请218件. A space is layout when its gap is the line's own spacing (within a fifth, a
    full-width mark's narrower box allowed); a wider gap is a real space or a column's (two
    cells' figures stay apart). Between two ASCII characters (digits of one number, letters of
    one word) only when the spacing is a letter spacing — under half a character — not the wide
    gaps of a distributed line, where figures in a row may be cells of their own. Never across a
    rule (`walls`: the page's vertical ruling edges): characters on either side are two cells'
    (a table's header whose cells the table finder did not close, one character a column)."""
    chars = line["chars"]
    text = line["text"]
    if " " not in text or len(chars) < 3 or len(re.sub(r"\s", "", text)) != len(chars):
        return line
    unit = _spread_unit(chars, least)
    if unit <= 1.0:
        return line
    middle = (line["top"] + line["bottom"]) / 2
    rules = [e["x0"] for e in walls or () if e["top"] <= middle <= e["bottom"]]
    out: list[str] = []
    k = -1  # the character last written
    pending = ""
    for ch in text:
        if ch.isspace():
            pending += ch
            continue
        if pending:
            a, b = chars[k], chars[k + 1]
            if k < 0 or not _layout_gap(a, b, unit) or any(a["x1"] - 0.5 < x < b["x0"] + 0.5 for x in rules):
                out.append(pending)
            pending = ""
        out.append(ch)
        k += 1
    out.append(pending)
    joined = "".join(out)
    return {**line, "text": joined, "printed": text} if joined != text else line


def _layout_gap(a: dict[str, Any], b: dict[str, Any], unit: float) -> bool:
    """Is the gap between characters `a` and `b` only the line's spacing `unit`?"""
    gap = b["x0"] - a["x1"]
    size = max(a.get("size", 10), b.get("size", 10))
    if abs(a["bottom"] - b["bottom"]) >= 0.5 * size:
        return False  # not side by side (a line of a table's other column)
    wide_a, wide_b = _wide(a["text"]), _wide(b["text"])
    if not (wide_a or wide_b) and unit > 0.5 * size:
        return False  # figures or letters far apart: cells of their own, or words
    # a character of Chinese text is a full em wide; one whose box is narrower (日 in some fonts,
    # a full-width mark) stands further from its neighbours by what its box leaves out
    slack = sum(max(0.0, size - (c["x1"] - c["x0"])) for c, w in ((a, wide_a), (b, wide_b)) if w)
    if (wide_a and not a["text"].isalnum()) or (wide_b and not b["text"].isalnum()):
        slack = max(slack, 0.6 * size)
    return 0.8 * unit - 1.0 <= gap <= 1.2 * unit + 1.0 + slack


def _part_figures(line: dict[str, Any]) -> dict[str, Any]:
    """Figures of neighbouring cells set apart by no more than the cells' padding (a table printed
    without rules, its columns narrow: "0000000" for 0 0 0 0 0 0 0): the digits of one number touch,
    those of two cells stand apart — a space between them. Not in a line whose characters are all
    set apart (letter-spaced text, where the digits of one number stand apart as well)."""
    chars = line["chars"]
    text = line["text"]
    if len(chars) < 2 or len(re.sub(r"\s", "", text)) != len(chars):
        return line
    gaps = [b["x0"] - a["x1"] for a, b in pairwise(chars)]
    words = [g for g, a, b in zip(gaps, chars, chars[1:], strict=False)
             if not a["text"].isdigit() and not b["text"].isdigit() and abs(a["top"] - b["top"]) < 1]
    if words and sorted(words)[len(words) // 2] > 0.3:
        return line
    out: list[str] = []
    k = -1  # the character last written
    for ch in text:
        if ch.isspace():
            out.append(ch)
            continue
        if k >= 0 and out and not out[-1].isspace() and ch.isdigit() and chars[k]["text"].isdigit() \
                and gaps[k] > max(1.0, 0.08 * chars[k].get("size", 12)):
            out.append(" ")
        out.append(ch)
        k += 1
    return {**line, "text": "".join(out)} if len(out) != len(text) else line


#: the figures a line ends with: two cells or more (figures or blank marks), set apart by spaces
_ROW_FIGURES = re.compile(r"(?:\d[\d,.]*|[/／—–-])(?:[ \u3000]+(?:\d[\d,.]*|[/／—–-]))+\s*$")


def _join_wrapped_rows(lines: list[dict[str, Any]], char_w: float) -> list[dict[str, Any]]:
    """A table printed without rules, its labels wrapped in their cells: a row's figures stand on one
    line, its label's lines above and below them (a cell's text centred on the row). The lines that
    touch a line of figures — no more than half a line apart, left of its first figure — and the
    lines of the same column that touch those are that row's: they become one line, the label's
    pieces in the order of their columns (left to right), each column's top to bottom, then the
    figures. A line is cut in pieces where a column starts (where a line of the stretch starts) and
    where a gap opens. Lines that touch two lines of figures could be either row's and are left as
    they are."""
    if len(lines) < 2:
        return lines
    near = 0.5 * char_w
    figures: dict[int, int] = {}  # line → number of its characters that are figures
    for i, ln in enumerate(lines):
        m = _ROW_FIGURES.search(ln["text"])
        if m is not None and ln.get("chars"):
            k = len(re.sub(r"\s", "", m.group()))
            if 0 < k <= len(ln["chars"]):
                figures[i] = k
    if not figures:
        return lines
    parent = list(range(len(lines)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def gap(a: dict[str, Any], b: dict[str, Any]) -> float:
        return max(a["top"] - b["bottom"], b["top"] - a["bottom"], 0.0)

    for i, a in enumerate(lines):
        if i in figures:
            continue
        for j, b in enumerate(lines):
            if j == i or gap(a, b) >= near:
                continue
            if j in figures:
                if a["x1"] < lines[j]["chars"][-figures[j]]["x0"] - 1:
                    parent[root(i)] = root(j)
            elif abs(a["x0"] - b["x0"]) < 1.5:
                parent[root(i)] = root(j)
    groups: dict[int, list[int]] = {}
    for i in range(len(lines)):
        groups.setdefault(root(i), []).append(i)
    starts = sorted({ln["x0"] for ln in lines})  # where the columns start: where lines start
    joined: dict[int, dict[str, Any]] = {}  # the row's line of figures → the row as one line
    gone: set[int] = set()
    for members in groups.values():
        rows = [i for i in members if i in figures]
        if len(members) < 2 or len(rows) != 1:
            continue
        v = rows[0]
        k = figures[v]
        runs: list[list[dict[str, Any]]] = []  # the label's runs of characters, cut where gaps open
        for i in members:
            run: list[dict[str, Any]] = []
            # a line set apart by its layout (分散对齐) is cut where its own spacing is exceeded
            unit = _spread_unit(lines[i]["chars"])
            for ch in lines[i]["chars"][:-k] if i == v else lines[i]["chars"]:
                if run and ch["x0"] - run[-1]["x1"] > near and not (unit > 1.0 and _layout_gap(run[-1], ch, unit)):
                    runs.append(run)
                    run = []
                run.append(ch)
            if run:
                runs.append(run)
        pieces: list[tuple[float, float, float, str]] = []  # where each piece starts, its top and bottom
        for run in runs:
            # cut where a column starts, unless another run of the same cell (starting where this
            # one does) reaches that place, or nearly (a cell's last line is short): a cell that
            # spans the columns, its text wrapped
            x0 = run[0]["x0"]
            inside = [s for s in starts if any(abs(r[0]["x0"] - x0) < 1 and r[-1]["x1"] > s - 1.5 * char_w
                                               for r in runs if r is not run)]
            piece: list[dict[str, Any]] = []
            for ch in [*run, None]:
                if piece and (ch is None or (any(abs(ch["x0"] - s) < 1 for s in starts)
                              and not any(abs(ch["x0"] - s) < 1 for s in inside))):
                    pieces.append((piece[0]["x0"], min(c["top"] for c in piece), max(c["bottom"] for c in piece),
                                   "".join(c["text"] for c in piece)))
                    piece = []
                if ch is not None:
                    piece.append(ch)
        columns = sorted({round(p[0]) for p in pieces})
        col = {c: n for n, c in enumerate(columns)}
        # the figures stand between two lines of one cell (a label wrapped around them): lines that
        # merely touch them from above (a heading, a table's header) or from below make no row
        figs_chars = lines[v]["chars"][-k:]
        f_top, f_bottom = min(c["top"] for c in figs_chars), max(c["bottom"] for c in figs_chars)
        if not any(min(p[1] for p in pieces if col[round(p[0])] == n) < f_top - 1
                   and max(p[2] for p in pieces if col[round(p[0])] == n) > f_bottom + 1 for n in col.values()):
            continue
        pieces.sort(key=lambda p: (col[round(p[0])], p[1]))
        row = lines[v]
        label = "".join(p[3] for p in pieces)
        text = row["text"]
        figs = _ROW_FIGURES.search(text)
        assert figs is not None
        joined[v] = {**{k: x for k, x in row.items() if k != "printed"},
                     "text": f"{label} {figs.group().strip()}" if label else figs.group().strip(),
                     "x0": min(lines[i]["x0"] for i in members)}
        gone.update(i for i in members if i != v)
    if not joined:
        return lines
    return [joined.get(i, ln) for i, ln in enumerate(lines) if i not in gone]


def _line_items(lines: list[dict[str, Any]], char_w: float) -> list[tuple[str, Any]]:
    """pdfplumber's text lines of one stretch of a page, each with whether it reaches the right
    margin of the stretch (a wrapped line) and whether it is indented."""
    if not lines:
        return []
    left = min(ln["x0"] for ln in lines)
    right = max(ln["x1"] for ln in lines)
    out: list[tuple[str, Any]] = []
    for ln in lines:
        text = unify_radicals(ln["text"])
        full = ln["x1"] >= right - 1.6 * char_w
        indented = ln["x0"] > left + 1.2 * char_w
        out.append(("line", _Line(text, full, indented, unify_radicals(ln["printed"]) if "printed" in ln else None)))
    return out


def _drop_running_lines(pages: list[list[tuple[str, Any]]]) -> None:
    """Page numbers, and a header or footer line repeated on most pages."""
    for items in pages:
        lines = [i for i, (k, _) in enumerate(items) if k == "line"]
        idx: int
        for idx in dict.fromkeys(lines[-2:] + lines[:1]):  # a page of one or two lines: each once
            if _PAGE_NO.match(items[idx][1].text):
                items[idx] = ("drop", None)
    if len(pages) >= 3:
        edge: Counter[str] = Counter()
        for items in pages:
            texts: list[str] = [v.text for k, v in items if k == "line"]
            for t in {*(texts[:1]), *(texts[-1:])}:
                edge[_running_key(t)] += 1
        running = {t for t, n in edge.items() if n >= max(3, len(pages) // 2) and len(t) < 120}
        if running:
            for items in pages:
                lines = [i for i, (k, _) in enumerate(items) if k == "line"]
                for idx in dict.fromkeys(lines[:1] + lines[-1:]):  # a page of one line: walked once
                    if _running_key(items[idx][1].text) in running:
                        items[idx] = ("drop", None)


#: what a data cell holds: a figure, or the mark a report prints in a cell with nothing to count
#: (/, —, -: an empty cell, never a label) — a row of such marks is a row of data, not words
_VALUE = re.compile(r"^\s*(?:[-+]?\d[\d,.]*|[/／\\\-—–－]{1,3})\s*$")


def _join_page_breaks(pages: list[list[tuple[str, Any]]]) -> None:
    """A table the page break cut, where the cut lost what names its figures:

    - a row cut in two (`_join_cut_row`): the rest of its label opens the next page;
    - a header cut from its figures on the same columns (`_join_same_columns`);
    - a header cut from its table: the last thing on a page is a grid of header rows only (no
      figure in any cell) — the groups, 行政复议 | 行政诉讼 — and the next page opens with a grid as
      wide whose columns refine it (the sub-columns and the figures). Printed so, the groups were a
      table of their own, and the figures lost the header that names them. The two are one grid
      on the finer columns, a group repeated over the columns it spans.

    Where the break cut a header row of labels, its lines may stand outside both grids (结 结 其 尚
    总 / 维 纠 结 审, labels set downwards one character a line): they are passed over, and left out
    of the text — the columns the figures sit in are still named by the groups, in the template's
    order. A grid that took in all its next page held goes on to the page after (a table over three
    pages). A table broken between data rows stays two grids, which the structure stage reads as
    one table."""
    tol = 2.0

    def real(items: list[tuple[str, Any]], last: bool) -> tuple[int | None, list[int]]:
        """The last (first) item of a page that is not dropped, past the header's cut-off pieces."""
        order = range(len(items) - 1, -1, -1) if last else range(len(items))
        pieces: list[int] = []
        for i in order:
            kind, value = items[i]
            if kind == "drop":
                continue
            if kind == "line" and len(pieces) < _MAX_PIECES and _header_piece(value.printed):
                pieces.append(i)
                continue
            return i, pieces
        return None, pieces

    carried: tuple[int, int] | None = None  # a grid that took in all a page held, which goes on
    for p in range(len(pages) - 1):
        (a_at, a_pieces), (b_at, b_pieces) = real(pages[p], True), real(pages[p + 1], False)
        a_page = p
        if a_at is None and carried is not None:  # the page was the rest of a table begun before
            a_page, a_at = carried
        carried = None
        if a_at is None or b_at is None or pages[a_page][a_at][0] != "grid" or pages[p + 1][b_at][0] != "grid":
            continue
        a, b = pages[a_page][a_at][1], pages[p + 1][b_at][1]
        if (a_pieces or b_pieces) and (  # only a header cut from its figures has pieces left between the two
                _figures_in(a.rows) or len(b.bounds) < len(a.bounds)):
            continue
        shift = p + 1 - a_page  # pages from the grid's first to the one that goes on
        if not (a_pieces or b_pieces) and _join_cut_row(a, b, tol):
            if not b.rows:
                pages[p + 1][b_at] = ("drop", None)
        elif _join_same_columns(a, b, 3 * tol, shift):
            pages[p + 1][b_at] = ("drop", None)
        elif (len(b.bounds) <= len(a.bounds) or abs(a.bounds[0] - b.bounds[0]) > 3 * tol
                or abs(a.bounds[-1] - b.bounds[-1]) > 3 * tol  # the outer rules: the page may shift them
                or not all(any(abs(x - f) <= 3 * tol for f in b.bounds) for x in a.bounds[1:-1])
                or _figures_in(a.rows)):
            continue
        else:
            joined = _Rows(_refine(a.rows, a.bounds, b.bounds) + b.rows, b.bounds)
            joined.later = a.later + [d + shift for d in b.later]
            pages[a_page][a_at] = ("grid", joined)
            pages[p + 1][b_at] = ("drop", None)
        if pages[p + 1][b_at][0] == "drop":
            for i in a_pieces:
                pages[p][i] = ("drop", None)
            for i in b_pieces:
                pages[p + 1][i] = ("drop", None)
            if real(pages[p + 1], True)[0] is None:
                carried = (a_page, a_at)


#: lines of a header row the page break cut, outside both halves of the table: the labels of
#: several columns side by side (结果维持 … 总计), or set downwards one character a line (结 结 其 尚
#: 总), no figure, no punctuation of a sentence; at most this many lines on each side of the break
_MAX_PIECES = 6
_NOT_IN_LABELS = re.compile(r"[\d，。；：、,.;:（）()《》“”\"]")


def _header_piece(text: str) -> bool:
    """A line of several short column labels (or their characters), and nothing else."""
    tokens = text.split()
    return len(tokens) >= 2 and all(len(t) <= 8 for t in tokens) and not _NOT_IN_LABELS.search(text)


def _join_same_columns(a: _Rows, b: _Rows, tol: float, shift: int = 1) -> bool:
    """A header cut from its figures on the same columns: the page ends with a grid of header rows
    only (no figure), and the next opens with a grid of the same columns that holds figures. Its
    rows before the first figure are the rest of the header's last row (持 of 结果维持, a label
    set downwards that the break cut): they end that row's labels. The two are one grid."""
    if not a.rows or not b.rows or len(a.bounds) != len(b.bounds) \
            or any(abs(x - y) > tol for x, y in zip(a.bounds, b.bounds, strict=True)) \
            or _figures_in(a.rows) \
            or not _figures_in(b.rows):
        return False

    def end_labels(rest: list[tuple[str, bool]]) -> None:
        last = a.rows[-1]
        a.rows[-1] = [(text + "\n" + more if text and more else text or more, origin or bool(more))
                      for (text, origin), (more, _o) in zip(last, rest, strict=False)] + last[len(rest):]

    while b.rows and not any(_VALUE.match(text) for text, _ in b.rows[0]):
        b.later.pop(0)
        end_labels(b.rows.pop(0))
    # the label's last character may share the first row of figures with its figure (持0): with no
    # rule between them, the two lines made one row; the character goes up to its label
    first = b.rows[0]
    split = [_LABEL_THEN_FIGURE.match(text) for text, _ in first]
    if any(split) and sum(1 for text, _ in first if _VALUE.match(text)) * 2 > len(first):
        end_labels([(m.group(1), True) if m else ("", False) for m in split])
        b.rows[0] = [(m.group(2), origin) if m else (text, origin) for m, (text, origin) in zip(split, first, strict=True)]
    a.later += [d + shift for d in b.later]
    a.rows += b.rows
    return True


_LABEL_THEN_FIGURE = re.compile(r"^([^\d\s]{1,4})\s*([-+]?\d[\d,.]*)$")


def _figures_in(rows: list[list[tuple[str, bool]]]) -> bool:
    """Does any cell of these rows hold a figure (a grid of header rows holds none)?"""
    return any(_VALUE.match(text) for row in rows for text, _ in row)


def _join_cut_row(a: _Rows, b: _Rows, tol: float) -> bool:
    """A row the page break cut (an office lets a row break across pages): the table goes on with
    the same columns, and its first row there holds no figure, only the rest of labels that the
    last row before the break began (申请人逾期未按收费 / 通知要求缴纳费用…): that rest joins the
    row it belongs to, which keeps its figures."""
    if not a.rows or not b.rows or len(a.bounds) != len(b.bounds) \
            or any(abs(x - y) > tol for x, y in zip(a.bounds, b.bounds, strict=True)):
        return False
    last, first = a.rows[-1], b.rows[0]
    filled = [j for j, (text, origin) in enumerate(first) if text and origin]
    if not filled or len(first) != len(last) or any(_VALUE.match(text) for text, _ in first) \
            or any(not last[j][0] or not last[j][1] for j in filled) \
            or not any(_VALUE.match(text) for text, _ in last):
        return False
    joined = [(last[j][0] + "\n" + first[j][0], True) if j in filled else last[j] for j in range(len(last))]
    a.rows[-1] = joined
    del b.rows[0]
    del b.later[0]
    return True


def _refine(rows: list[list[tuple[str, bool]]], bounds: list[float], fine: list[float]) -> list[list[tuple[str, bool]]]:
    """Rows on `bounds` laid on the finer columns `fine`: a cell spanning several fine columns is
    repeated over them, where it starts the first. Each boundary of `bounds` is the nearest of
    `fine` (the two halves of a table printed on two pages may be set a few points apart)."""
    def nearest(x: float) -> int:
        return min(range(len(fine) - 1), key=lambda j: abs(fine[j] - x))

    starts = [nearest(x) for x in bounds[1:-1]]
    owner = [max((k + 1 for k, at in enumerate(starts) if at <= j), default=0) for j in range(len(fine) - 1)]
    out = []
    for row in rows:
        new: list[tuple[str, bool]] = []
        for j, k in enumerate(owner):
            text, origin = row[k] if k < len(row) else ("", False)
            new.append((text, origin and (j == 0 or owner[j - 1] != k)))
        out.append(new)
    return out


def _running_key(text: str) -> str:
    """A header or footer line as it recurs page after page: its numbers (page, date, time) and
    its spacing (which the line builder may set differently from page to page) left out."""
    return re.sub(r"\s+", "", re.sub(r"\d+", "#", text))


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
                rows = _grid_rows(val.rows)
                if not rows:
                    continue
                g = Grid(len(grids), rows, page=p, pages=[p + d for d in val.later], start=pos)
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


def _grid_rows(rows: list[list[tuple[str, bool]]]) -> list[list[Cell]]:
    """The table's positions as cells; a position a merged cell covers repeats its text (origin
    False)."""
    width = max((len(r) for r in rows), default=0)
    return [[Cell(row[c][0] if c < len(row) else "", r, c, origin=row[c][1] if c < len(row) else False)
             for c in range(width)] for r, row in enumerate(rows)]
