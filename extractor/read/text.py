"""Plain text and Markdown: decode, normalise, split into blocks; Markdown pipe tables become grids."""

from __future__ import annotations

import bisect
import itertools
import re

from ..model import Block, Cell, Grid, Report
from ..text import unify_radicals
from .htmltable import grid_cells
from .sniff import MOJIBAKE_NOTE, REPAIRED, decode

_ZERO_WIDTH_CHARS = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
_ZERO_WIDTH = dict.fromkeys(map(ord, _ZERO_WIDTH_CHARS), None)
_SEP_ROW = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")


def normalise(text: str) -> str:
    """The tool's plain text: one newline convention, no zero-width marks, NBSP as space.
    Nothing else changes, so offsets and quotes match what a person sees."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if any(ch in text for ch in _ZERO_WIDTH_CHARS):  # str.translate is slow on Chinese text; these are rare
        text = text.translate(_ZERO_WIDTH)
    return text.replace("\u00a0", " ")


_FULLWIDTH_FIGURE = re.compile(r"[０-９]+(?:[．.][０-９]+)?")
_FULLWIDTH_DIGIT = re.compile(r"[０-９]")  # a figure's first character: searched for alone, the scan skips in C
_HALF = str.maketrans("０１２３４５６７８９．", "0123456789.")


def fold_digits(text: str) -> str:
    """Full-width digits (０-９, an IME left in full-width mode) as ASCII digits, with the decimal
    point between them: one character for one, so every offset, block and grid span still holds,
    and every later stage (years, figures, claims, rules) reads ２０２４年 as 2024年. Only the full-
    width figures are touched (a search in C; most texts have none)."""
    if _FULLWIDTH_DIGIT.search(text) is None:
        return text
    return _FULLWIDTH_FIGURE.sub(lambda m: m.group(0).translate(_HALF), text)


def read_text(report: Report, data: bytes, fmt: str) -> Report:
    raw, enc = decode(data)
    report.meta.encoding = enc
    if enc.endswith(REPAIRED):
        report.notes.append(MOJIBAKE_NOTE)
    text = normalise(raw)
    if fmt == "txt":
        layout = is_layout(text)
        # a layout text's figures keep their columns: _figures_up puts them back where they fit
        text = pdf_copy(text, lost=not layout)
        if layout:
            text = fold_layout(text)
    grids: list[Grid] = []
    if fmt == "md":
        # converters' Markdown: pandoc's [text]{attributes} spans and ::: fences, and HTML tables
        # left as raw HTML (pandoc for merged cells, MinerU and others for every table)
        text = clean_markdown(text)
        text, grids = html_tables(text)
    report.text = text
    report.blocks = line_blocks(report.text)
    if fmt == "md":
        grids += [g for g in pipe_grids(report.text) if not _inside(g, grids)]
    grids += [g for g in tab_grids(report.text, start_index=len(grids)) if not _inside(g, grids)]
    if grids:
        grids.sort(key=lambda g: g.start)
        for i, g in enumerate(grids):
            g.index = i
        report.grids = grids
        _mark_grid_blocks(report)
    return report


def pdf_copy(text: str, lost: bool = True) -> str:
    """A text copied or converted out of a PDF, as the page showed it: the radical forms a PDF's
    text layer holds for the characters the page draws (⾏ for 行, as the PDF reader unifies them),
    and the page furniture every page repeats (a running header, a footer "…html 4/8", a page
    number) blanked in place — spaces for its characters, the line kept — so that a table cut by a
    page break reads on across it and no figure of a date or page counter enters a row; with
    `lost`, figures taken out of their sentence too (lost_figures). One character for one: offsets,
    lines and every quote of the report hold."""
    text = unify_radicals(text)
    # a Word → text conversion's cell-per-line tables skip their page breaks' lines themselves
    # (tab_grids): a blanked line there would read as the end of a row
    cells = "\n\t" in text
    spans = sorted(([] if cells else page_furniture(text)) + (lost_figures(text) if lost else []))
    if not spans:
        return text
    parts: list[str] = []
    pos = 0
    for a, b in spans:
        parts += [text[pos:a], " " * (b - a)]
        pos = b
    parts.append(text[pos:])
    return "".join(parts)


_FIGURE_LINE = re.compile(r"[ \u3000]*\d[\d.,]*%?(?:[ \t\u3000]+\d[\d.,]*%?)*[ \t\u3000]*")  # not a cell line (\t…)
#: a line that starts where a figure was taken out: a measure word, then the sentence goes on
_SLOT_START = re.compile(r"[ \t\u3000]*[份条件个项次人家户篇期笔元][，、。；,;]")


def lost_figures(text: str) -> list[tuple[int, int]]:
    """Lines of figures a plain extraction took out of the sentence above them (figures printed in
    another font, lower on the page): the line after them starts where one was taken out — a measure
    word, then the sentence's punctuation ("份、依申请公开…"). Which figure stood in which gap the
    text no longer says, so they are left out, never read as the figures of the words beside them.
    A table row's figures between its wrapped label's lines ("…行政查询事 / 0 0 0 / 项") stay."""
    lines = text.split("\n")
    out: list[tuple[int, int]] = []
    pos = 0
    for i, ln in enumerate(lines):
        if 0 < i < len(lines) - 1 and ln.strip() and _FIGURE_LINE.fullmatch(ln) \
                and _SLOT_START.match(lines[i + 1]) and _LETTER.search(lines[i - 1]):
            out.append((pos, pos + len(ln)))
        pos += len(ln) + 1
    return out


_HSPACE_RUN = re.compile(r"[ \t\u3000\x0c]{2,}")
_INNER_GAP = re.compile(r"\S[ \t\u3000]{4,}\S")


def is_layout(text: str) -> bool:
    """A text laid out as its PDF page (pdftotext -layout, pdfplumber's layout mode): every line
    padded with spaces to the page's width, columns and justified prose spread with runs of
    spaces. A scraped or typed text pads few of its lines."""
    lines = text.split("\n")
    if len(lines) < 20:
        return False
    padded = sum(1 for ln in lines if ln.endswith((" ", "\u3000")))
    full = [ln for ln in lines if ln.strip()]
    gaps = sum(1 for ln in full if _INNER_GAP.search(ln))
    return padded >= 0.8 * len(lines) and gaps >= 0.15 * len(full)


def fold_layout(text: str) -> str:
    """A layout text as the page's lines of words: each line without its margin and padding, a run
    of spaces one space (the gap between two columns, or inside a justified line), the lines that
    hold only the page's spacing left out — the text a plain copy gives, whose wrapped sentences
    and table rows the later stages read. Offsets are into this text (its lines are fewer)."""
    out = []
    for ln in _figures_up(text.split("\n")):
        s = ln.strip(" \t\u3000\x0c")
        if s:
            out.append(_HSPACE_RUN.sub(" ", s))
    return "\n".join(out) + "\n"


_FIGURE_TOKEN = re.compile(r"\d[\d.,]*%?")
_FIGURES_ONLY = re.compile(r"[ \t\u3000]*\d[\d.,]*%?(?:[ \t\u3000]+\d[\d.,]*%?)*[ \t\u3000]*")


def _figures_up(lines: list[str]) -> list[str]:
    """Figures a layout extraction set on a line of their own, below the sentence they stand in (a
    figure printed in another font sits lower on the page): when every figure of the line falls in
    a gap of the line just above — between its words, or in its margin just before them — each
    goes back into its gap, the line left blank. A figure under a line's end (a table row's
    figures beside a wrapped label) fits no gap and stays."""
    out = list(lines)
    for i in range(1, len(out)):
        ln, above = out[i], out[i - 1]
        if not ln.strip() or not _FIGURES_ONLY.fullmatch(ln) or not _LETTER.search(above):
            continue
        spots = [(m.start(), m.end()) for m in _FIGURE_TOKEN.finditer(ln)]
        if all(_in_gap(above, a, b) for a, b in spots):
            row = list(above)
            for a, b in spots:
                row[a:b] = ln[a:b]
            out[i - 1] = "".join(row)
            out[i] = " " * len(ln)
    return out


def _in_gap(line: str, a: int, b: int) -> bool:
    """line[a:b] is spaces, and words of the line come after it."""
    if b > len(line) or line[a:b].strip():
        return False
    return bool(line[b:].strip())


#: a page counter at the end of a footer line: "…/report.html 4/8", "第 4 页 共 8 页", "- 4 -"
_COUNTER_AT_END = re.compile(r"(?:^|\s)(?:(\d{1,3})\s*/\s*(\d{1,3})|第\s*(\d{1,3})\s*页(?:\s*[，,/、]?\s*共\s*\d{1,3}\s*页)?"
                             r"|[-—–]\s*(\d{1,3})\s*[-—–])\s*$")
_LETTER = re.compile(r"[A-Za-z\u4e00-\u9fff]")


def page_furniture(text: str) -> list[tuple[int, int]]:
    """The lines a PDF repeats on every page, as (start, end) offsets: page-counter lines — lines of
    one shape (their digits aside) on three pages or more, each ending in a page counter whose
    page number goes up — and the running lines beside them: a line with words, of one shape, found
    within two lines of a counter line three times or more. A text with no page counter has none
    (a repeated line alone may be a table's header or a row's label)."""
    lines = text.split("\n")
    shapes: dict[int, str] = {}

    def shape(i: int) -> str:  # the line with its digits aside (computed for the few lines asked)
        if i not in shapes:
            shapes[i] = _DIGITS.sub("#", lines[i].strip())
        return shapes[i]

    by_shape: dict[str, list[tuple[int, int]]] = {}
    for i, ln in enumerate(lines):
        tail = ln.rstrip()[-1:]
        if tail and tail in _COUNTER_TAIL and len(ln) < 300 and (m := _COUNTER_AT_END.search(ln)) is not None:
            page = int(next(g for g in m.groups() if g is not None))
            by_shape.setdefault(shape(i), []).append((i, page))
    counters: set[int] = set()
    for at in by_shape.values():
        if len(at) >= 3 and all(b[1] > a[1] for a, b in itertools.pairwise(at)):
            counters |= {i for i, _ in at}
    if not counters:
        return []
    near: dict[str, set[int]] = {}
    for c in counters:
        for i in range(max(0, c - 2), min(len(lines), c + 3)):
            if i not in counters and _LETTER.search(lines[i]) and len(lines[i].strip()) >= 4:
                near.setdefault(shape(i), set()).add(c)
    running = {sh for sh, cs in near.items() if len(cs) >= 3}
    out = set(counters)
    for c in counters:
        out |= {i for i in range(max(0, c - 2), min(len(lines), c + 3)) if i not in counters
                and _LETTER.search(lines[i]) and len(lines[i].strip()) >= 4 and shape(i) in running}
    offsets: list[int] = []
    pos = 0
    for ln in lines:
        offsets.append(pos)
        pos += len(ln) + 1
    return [(offsets[i], offsets[i] + len(lines[i])) for i in sorted(out)]


_DIGITS = re.compile(r"\d+")
_COUNTER_TAIL = frozenset("0123456789页-—–")


_SPAN_ATTR = re.compile(r"\[([^\[\]\n]*)\]\{[^{}\n]*\}")
_HEADING_ATTR = re.compile(r"\s*\{#[^{}\n]*\}\s*$", re.M)
_FENCE = re.compile(r"^:::+.*$", re.M)
_HTML_TABLE = re.compile(r"<table\b.*?</table\s*>", re.S | re.I)


def clean_markdown(text: str) -> str:
    """Pandoc's attribute spans ([18]{style=…}[1]{lang=…} → 181), heading ids and fenced divs."""
    prev = None
    while prev != text:
        prev, text = text, _SPAN_ATTR.sub(r"\1", text)
    text = _HEADING_ATTR.sub("", text)
    return _FENCE.sub("", text)


def html_tables(text: str) -> tuple[str, list[Grid]]:
    """Raw HTML tables inside Markdown become grids; their markup is replaced in the text by one
    tab-separated line per row (as the HTML reader renders a table)."""
    if "<table" not in text.lower():
        return text, []
    from lxml import etree


    parts: list[str] = []
    grids: list[Grid] = []
    pos = out_len = 0
    for m in _HTML_TABLE.finditer(text):
        before = text[pos : m.start()]
        parts.append(before)
        out_len += len(before)
        parser = etree.HTMLParser(no_network=True, remove_comments=True, huge_tree=False, recover=True)
        try:
            root = etree.fromstring(m.group(0), parser=parser)
        except (etree.XMLSyntaxError, ValueError):
            root = None
        table = root.find(".//table") if root is not None else None
        rows = grid_cells(table) if table is not None else []
        if not rows:
            parts.append(m.group(0))
            out_len += len(m.group(0))
            pos = m.end()
            continue
        g = Grid(len(grids), rows, start=out_len)
        for i, row in enumerate(rows):
            if i:
                parts.append("\n")
                out_len += 1
            line = "\t".join(c.text.replace("\n", " ") if c.origin else "" for c in row)
            g.row_spans.append((out_len, out_len + len(line)))
            parts.append(line)
            out_len += len(line)
        g.end = out_len
        grids.append(g)
        pos = m.end()
    parts.append(text[pos:])
    return "".join(parts), grids


def _inside(g: Grid, grids: list[Grid]) -> bool:
    return any(o.start <= g.start < o.end or g.start <= o.start < g.end for o in grids)


def line_blocks(text: str, start: int = 0, end: int | None = None) -> list[Block]:
    out = []
    end = len(text) if end is None else end
    pos = start
    while pos < end:
        nl = text.find("\n", pos, end)
        stop = end if nl < 0 else nl
        if text[pos:stop].strip():
            out.append(Block("text", pos, stop))
        pos = stop + 1
    return out


def pipe_grids(text: str) -> list[Grid]:
    """Every run of consecutive `| … |` lines is one grid; separator rows are dropped."""
    grids: list[Grid] = []
    rows: list[list[Cell]] = []
    spans: list[tuple[int, int]] = []
    g_start = 0
    pos = 0
    for line in text.split("\n"):
        stripped = line.strip()
        end = pos + len(line)
        if stripped.startswith("|") and stripped.count("|") >= 2:
            if not rows:
                g_start = pos
            if not _SEP_ROW.match(stripped):
                inner = stripped[1:-1] if stripped.endswith("|") else stripped[1:]
                cells = [Cell(c.strip(), len(rows), i) for i, c in enumerate(inner.split("|"))]
                rows.append(cells)
                spans.append((pos, end))
            g_end = end
        elif rows:
            grids.append(Grid(len(grids), rows, start=g_start, end=g_end, row_spans=spans, aligned=False))
            rows, spans = [], []
        pos = end + 1
    if rows:
        grids.append(Grid(len(grids), rows, start=g_start, end=g_end, row_spans=spans, aligned=False))
    return grids


def tab_grids(text: str, start_index: int = 0) -> list[Grid]:
    """Tables that a Word → text conversion left behind.

    Two layouts: one cell per line, each cell line starting with a tab and rows separated by an
    empty line (a cell's own line breaks continue without a tab); and one row per line with cells
    separated by tabs. A run of such lines with at least two rows is a grid.
    """
    grids: list[Grid] = []
    lines = text.split("\n")
    offsets = []
    pos = 0
    for ln in lines:
        offsets.append(pos)
        pos += len(ln) + 1
    i = 0
    n = len(lines)
    running: set[str] | None = None
    while i < n:
        ln = lines[i]
        if ln.startswith("\t") and "\t" not in ln[1:]:
            if running is None:
                running = _running_lines(lines)
            j, rows, spans = _cell_per_line(lines, i, offsets, running)
            if len(rows) >= 2:
                end = offsets[j - 1] + len(lines[j - 1])
                grids.append(Grid(start_index + len(grids), rows, start=offsets[i], end=end, row_spans=spans, aligned=False))
                i = j
                continue
        elif ln.count("\t") >= 1 and ln.strip() and not ln.startswith("\t"):
            j = i
            rows = []
            spans = []
            while j < n and lines[j].count("\t") >= 1 and lines[j].strip():
                cells = [Cell(c.strip(), len(rows), k) for k, c in enumerate(lines[j].split("\t"))]
                rows.append(cells)
                spans.append((offsets[j], offsets[j] + len(lines[j])))
                j += 1
            if len(rows) >= 2:
                grids.append(Grid(start_index + len(grids), rows, start=offsets[i],
                                  end=offsets[j - 1] + len(lines[j - 1]), row_spans=spans, aligned=False))
                i = j
                continue
        i += 1
    return grids


#: a page's number as a PDF-to-text or a printed page leaves it on a line of its own
_PAGE_MARK = re.compile(r"\s*(?:第\s*\d+\s*页(?:\s*[，,/、]?\s*共\s*\d+\s*页)?|共\s*\d+\s*页\s*第\s*\d+\s*页"
                        r"|[-—–]\s*\d+\s*[-—–]|\d+\s*/\s*\d+|[Pp]age\s*\d+(?:\s*of\s*\d+)?)\s*$")


def _running_lines(lines: list[str]) -> set[str]:
    """Lines outside the cells repeated on three pages or more: a running header or footer (the
    portal's banner, the body's name). Counted once per text (a Counter, in C)."""
    from collections import Counter

    counts = Counter(ln.strip() for ln in lines if ln and not ln.startswith("\t"))
    return {ln for ln, c in counts.items() if c >= 3 and len(ln) >= 4}


def _page_line(ln: str, running: set[str]) -> bool:
    """A page number or a running header/footer line: not part of the table it falls inside."""
    return bool(ln) and (_PAGE_MARK.match(ln) is not None or ln.strip() in running)


def _cell_per_line(lines: list[str], i: int, offsets: list[int],
                   running: set[str]) -> tuple[int, list[list[Cell]], list[tuple[int, int]]]:
    rows: list[list[Cell]] = []
    spans: list[tuple[int, int]] = []
    cur: list[str] = []
    row_start = offsets[i]
    n = len(lines)
    j = i
    while j < n:
        ln = lines[j]
        if not ln.startswith("\t") and ln.strip() and _page_line(ln, running):
            j += 1  # a page break inside the table: its number and running lines are skipped
            continue
        if ln.startswith("\t"):
            if not cur:
                row_start = offsets[j]
            cur.append(ln[1:].strip())
        elif not ln.strip():
            if cur:
                rows.append([Cell(c, len(rows), k) for k, c in enumerate(cur)])
                spans.append((row_start, offsets[j] - 1))
                cur = []
            # a second empty line, or prose after the empty line, ends the grid (a page break's
            # lines do not: the table goes on after them)
            k = j + 1
            while k < n and lines[k].strip() and not lines[k].startswith("\t") and _page_line(lines[k], running):
                k += 1
            if k < n and lines[k].strip() and not lines[k].startswith("\t"):
                break
        elif cur:
            cur[-1] = (cur[-1] + "\n" + ln.strip()).strip()
        else:
            break
        j += 1
    # the grid ends at its last cell line
    while j > i and not lines[j - 1].strip():
        j -= 1
    if cur:
        rows.append([Cell(c, len(rows), k) for k, c in enumerate(cur)])
        spans.append((row_start, offsets[j - 1] + len(lines[j - 1])))
    return j, rows, spans


def _mark_grid_blocks(report: Report) -> None:
    # the stretches the grids cover, merged: a block is dropped when it starts inside one
    covered: list[list[int]] = []
    for g in sorted(report.grids, key=lambda g: g.start):
        if g.start >= g.end:
            continue
        if covered and g.start <= covered[-1][1]:
            covered[-1][1] = max(covered[-1][1], g.end)
        else:
            covered.append([g.start, g.end])
    starts = [c[0] for c in covered]

    def inside(pos: int) -> bool:
        k = bisect.bisect_right(starts, pos) - 1
        return k >= 0 and pos < covered[k][1]

    blocks = [b for b in report.blocks if not inside(b.start)]
    blocks += [Block("grid", g.start, g.end, grid=g.index) for g in report.grids]
    report.blocks = sorted(blocks, key=lambda b: b.start)
