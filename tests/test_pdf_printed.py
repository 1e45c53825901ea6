"""PDFs made the way government sites make them, which the reader had never met (issue 9 point 1):
a portal page printed by Chromium (radicals in the text layer, fonts without a FontBBox, a grey
page behind a white panel, running headers, row groups cut by a page break), and the pieces of
such pages built byte by byte."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pdfbytes
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.pipeline import process
from extractor.read import pdf as pdf_reader
from extractor.text import unify_radicals

ROOT = Path(__file__).resolve().parents[1]
PAGE = ROOT / "corpus" / "reports" / "synth-0001.html"


def _chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        found = shutil.which(name)
        if found:
            return found
    return None


def _values(r: Any) -> dict[str, Any]:
    return {k: f.value for k, f in r.fields.items()}


@pytest.mark.skipif(_chromium() is None, reason="chromium is not installed")
def test_portal_page_printed_by_chromium_reads_as_the_page(tmp_path: Path) -> None:
    """The generated portal page (grey page, white panel, ruled tables with merged row labels)
    printed as a browser prints it, with its running header and footer: every field the page
    gives, the PDF gives, and the same value."""
    html = PAGE.read_text(encoding="utf-8")
    html = re.sub(r"(<head[^>]*>)", r"\1<style>@page { size: A4 landscape; }</style>", html, count=1)
    src = tmp_path / "page.html"
    src.write_text(html, encoding="utf-8")
    out = tmp_path / "page.pdf"
    browser = _chromium()
    assert browser
    subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu", f"--print-to-pdf={out}", src.as_uri()],
                   capture_output=True, timeout=120, check=False)
    if not out.exists():
        pytest.skip("chromium printed nothing here")
    page = process(PAGE, upto="extract")
    printed = process(out, upto="extract")
    assert printed.status == "ok", printed.error
    want, got = _values(page), _values(printed)
    assert len([v for v in want.values() if v is not None]) > 150
    assert {k: got.get(k) for k in want} == want
    assert printed.meta.body == page.meta.body
    assert not re.search("[\u2e80-\u2fdf]", printed.text), "radicals left in the text"


# ---------------------------------------------------------------- the pieces, byte by byte


def test_radicals_of_a_text_layer_read_as_the_characters_shown() -> None:
    assert unify_radicals("⾏政复议⼀⼆三、⺠⽣、⻓期、⻅") == "行政复议一二三、民生、长期、见"
    assert unify_radicals("行政复议") == "行政复议"
    assert len(unify_radicals("⾏⼀⺠")) == 3  # one for one: offsets do not move


def _page(content: bytes, font: bytes = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>") -> bytes:
    return pdfbytes.build([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 600 800] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        f"<< /Length {len(content)} >>\nstream\n".encode() + content + b"\nendstream",
        font,
    ])


def _text(lines: list[str], x: int = 60, y: int = 720) -> bytes:
    shown = b" ".join(b"(" + ln.encode("ascii") + b") Tj T*" for ln in lines)
    return f"BT /F1 12 Tf 16 TL {x} {y} Td ".encode() + shown + b" ET"


@pytest.mark.parametrize("fast", [True, False])
def test_a_background_behind_the_text_is_no_table(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fast: bool) -> None:
    """A grey margin beside a white panel (filled boxes, no stroke, sharing a side) drew the rules
    of a two-column 'table' holding the whole text; a ruled table drawn on the panel is still
    read."""
    if not fast:
        monkeypatch.setattr(pdf_reader._Pdfium, "open", staticmethod(lambda data, n: None))
    boxes = b"0.9 g 0 0 40 800 re f 1 g 40 0 560 800 re f 0 g "
    rules = b"0.5 w " + b" ".join(f"100 {y} m 400 {y} l S".encode() for y in (300, 320, 340)) + b" " + \
        b" ".join(f"{x} 300 m {x} 340 l S".encode() for x in (100, 250, 400)) + b" "
    cells = b"BT /F1 10 Tf 110 325 Td (Items) Tj 150 0 Td (Count) Tj -150 -20 Td (Rules) Tj 150 0 Td (7) Tj ET "
    prose = _text(["The report opens with a line of prose.", "And a second line follows it."])
    p = tmp_path / "b.pdf"
    p.write_bytes(_page(boxes + rules + cells + prose))
    r = process(p, upto="read")
    assert r.status == "ok", r.error
    assert "The report opens with a line of prose." in r.text
    assert [[c.text for c in row] for g in r.grids for row in g.rows] == [["Items", "Count"], ["Rules", "7"]]


def test_a_long_running_header_whose_spacing_varies_is_dropped(tmp_path: Path) -> None:
    """A browser's header: the date, the time and the page's whole title, longer than sixty
    characters, set with different spacing on different pages."""
    title = "Annual report on the disclosure of government information of the bureau_portal of the zone"
    pages = [[f"12/7/26,{' ' * (i % 2)}2:05 PM {title}", f"Body text of page {i} of the report.",
              f"file:///portal/report.html {i + 1}/4"] for i in range(4)]
    p = tmp_path / "h.pdf"
    p.write_bytes(pdfbytes.text_pages(pages))
    r = process(p, upto="read")
    assert r.status == "ok", r.error
    assert "Body text of page 3 of the report." in r.text
    assert title not in r.text and "file:///" not in r.text


class _Table:
    def __init__(self, cells: list[tuple[float, float, float, float]]) -> None:
        self.cells = cells


class _Chars:
    def __init__(self, chars: list[dict[str, Any]]) -> None:
        self.chars = chars


def _char(text: str, x: float, top: float) -> dict[str, Any]:
    return {"text": text, "x0": x, "x1": x + 10, "top": top, "bottom": top + 10, "upright": True, "size": 10,
            "width": 10, "height": 10, "doctop": top}


def test_merged_and_open_cells_take_their_own_text() -> None:
    """Column 0: a label spanning rows 1-2 whose closing rule is on the next page (an open cell,
    pdfplumber gives no cell); column 1: a label spanning rows 1-2 (a merged cell); column 2:
    one cell a row. The open cell's text is its own characters; the merged one repeats its
    owner — never the left neighbour's text."""
    cells: list[tuple[float, float, float, float]] = [(0, 0, 300, 20),  # row 0: one header cell across the table
             (100, 20, 200, 60), (200, 20, 300, 40), (200, 40, 300, 60)]
    rows: list[list[str | None]] = [["Head", None, None], [None, "Group", "first"], [None, None, "second"]]
    page = _Chars([_char(ch, 10 + 10 * i, 25) for i, ch in enumerate("Part")])
    got = pdf_reader._table_rows(page, _Table(cells), rows)
    assert got == [
        [("Head", True), ("Head", False), ("Head", False)],
        [("Part", True), ("Group", True), ("first", True)],
        [("Part", False), ("Group", False), ("second", True)],
    ]


@pytest.mark.parametrize("keep", [0.1, 0.5, 0.95])
def test_a_cut_off_pdf_says_it_was_cut_off(tmp_path: Path, keep: float) -> None:
    """Cut near its end, a PDF loses its cross-reference table and trailer: the parser says "no
    /Root", but what the auditor must hear is that the file is incomplete."""
    data = (ROOT / "corpus" / "reports" / "synth-0002.pdf").read_bytes()
    p = tmp_path / "cut.pdf"
    p.write_bytes(data[: int(len(data) * keep)])
    r = process(p, upto="read")
    assert r.status == "error" and r.error is not None and r.error.code == "unreadable"
    assert "截断" in r.error.message


def _rows(texts: list[list[str]], bounds: list[float]) -> Any:
    return pdf_reader._Rows([[(t, True) for t in row] for row in texts], bounds)


def test_a_header_cut_by_the_page_break_joins_the_table_it_heads() -> None:
    """The last grid of a page holds the column groups only (no figure); the next page opens with
    the sub-columns and the figures, as wide (its outer rules shifted a little): one grid, each
    group repeated over its sub-columns. A grid ending a page with figures in it stays apart."""
    groups = _rows([["Review", "Suit"]], [45.0, 212.6, 554.6])
    fine = [41.6 + 34 * k for k in range(5)] + [212.6, 300.0, 400.0, 554.6]
    rest = _rows([["a", "b", "c", "d", "e", "f", "g", "h"], ["1", "2", "3", "4", "5", "6", "7", "8"]], fine)
    pages: list[list[tuple[str, Any]]] = [[_line("Prose before, ending."), ("grid", groups), ("drop", None)],
                                          [("drop", None), ("grid", rest), _line("Prose after, going on.")]]
    pdf_reader._join_page_breaks(pages)
    kinds = [[k for k, _ in items] for items in pages]
    assert kinds == [["line", "grid", "drop"], ["drop", "drop", "line"]]
    joined = pages[0][1][1]
    assert joined.rows[0] == [("Review", True)] + [("Review", False)] * 4 + [("Suit", True)] + [("Suit", False)] * 2
    assert joined.rows[1:] == rest.rows and joined.later == [0, 1, 1]

    figures = _rows([["Review", "Suit"], ["3", "4"]], [45.0, 212.6, 554.6])
    pages = [[("grid", figures)], [("grid", _rows([["1"] * 8], fine))]]
    pdf_reader._join_page_breaks(pages)
    assert [k for k, _ in pages[1]] == ["grid"]


def _line(text: str) -> tuple[str, Any]:
    return ("line", pdf_reader._Line(text, False, False))


@pytest.mark.parametrize("pieces", [
    (["x y z w v"], ["p q r s t"]),  # labels set downwards: a character of each column a line
    (["ab cd ef gh", "ij kl mn op"], []),  # labels side by side, left on the first page only
    ([], ["abcd efgh", "ijkl mnop"]),
])
def test_a_header_row_cut_between_the_grids_is_passed_over(pieces: tuple[list[str], list[str]]) -> None:
    """The break cut a header row of labels: its lines stand outside both grids, after the groups
    on one page and before the sub-columns on the next. The grids are still one (the groups over
    the finer columns, shifted a few points), and those lines are left out; a line of prose
    between the two keeps them apart."""
    before, after = pieces
    groups = _rows([["Review", "Suit"]], [45.0, 212.6, 554.6])
    fine = [45.0 + 33.5 * k for k in range(5)] + [215.4, 300.0, 400.0, 554.6]
    rest = _rows([["1", "2", "3", "4", "5", "6", "7", "8"]], fine)
    pages: list[list[tuple[str, Any]]] = [[("grid", groups), *map(_line, before), ("drop", None)],
                                          [("drop", None), *map(_line, after), ("grid", rest), _line("Next part.")]]
    pdf_reader._join_page_breaks(pages)
    kinds = [[k for k, _ in items] for items in pages]
    assert kinds == [["grid"] + ["drop"] * (len(before) + 1), ["drop"] * (len(after) + 2) + ["line"]]
    joined = pages[0][0][1]
    assert joined.rows[0] == [("Review", True)] + [("Review", False)] * 4 + [("Suit", True)] + [("Suit", False)] * 2
    assert joined.rows[1:] == rest.rows

    prose = [[("grid", _rows([["Review", "Suit"]], [45.0, 212.6, 554.6]))],
             [_line("A sentence of prose, with its punctuation."), ("grid", _rows([["1"] * 8], fine))]]
    pdf_reader._join_page_breaks(prose)
    assert [k for k, _ in prose[1]] == ["line", "grid"]


def test_a_header_cut_from_its_figures_on_the_same_columns_joins_them() -> None:
    """The page ends with the header rows (no figure) and the next opens on the same columns with
    the rest of a label set downwards, then the figures — the label's last character may even
    share the figures' row (持0): the rest ends the header's labels, the figures are a row of their
    own, and the two are one grid. A page that ends with figures is not a header."""
    bounds = [57.0, 91.0, 125.0, 159.0]
    head = _rows([["Review", "Review", "Suit"], ["up\nh", "cor\nrect", "up\nh"]], bounds)
    tail = _rows([["e", "", "eld"], ["ld0", "0", "7"]], [57.0, 91.5, 124.0, 159.0])
    pages: list[list[tuple[str, Any]]] = [[("grid", head)], [("drop", None), ("grid", tail)]]
    pdf_reader._join_page_breaks(pages)
    assert [k for k, _ in pages[1]] == ["drop", "drop"]
    joined = pages[0][0][1]
    assert joined.rows[1] == [("up\nh\ne\nld", True), ("cor\nrect", True), ("up\nh\neld", True)]
    assert joined.rows[2] == [("0", True), ("0", True), ("7", True)]
    assert joined.later == [0, 0, 1]

    done = _rows([["Review", "Suit"], ["3", "4"]], [57.0, 91.0, 159.0])
    pages = [[("grid", done)], [("grid", _rows([["1", "2"]], [57.0, 91.0, 159.0]))]]
    pdf_reader._join_page_breaks(pages)
    assert [k for k, _ in pages[1]] == ["grid"] and len(done.rows) == 2


def test_a_row_cut_by_the_page_break_joins_its_label() -> None:
    """The table goes on with the same columns; its first row there holds only the rest of the
    label the row before the break began (an office lets a row break): the rest joins that row,
    which keeps its figures. A first row with figures of its own stays a row."""
    bounds = [40.0, 100.0, 200.0, 260.0, 320.0]
    before = _rows([["Group", "1. First item", "3", "4"], ["Group", "2. Second item that wraps", "5", "6"]], bounds)
    after = _rows([["", "over the page break", "", ""], ["", "3. Third item", "7", "8"]], bounds)
    after.rows[0][0] = ("", False)
    pages: list[list[tuple[str, Any]]] = [[("grid", before)], [("drop", None), ("grid", after)]]
    pdf_reader._join_page_breaks(pages)
    assert before.rows[-1] == [("Group", True), ("2. Second item that wraps\nover the page break", True),
                               ("5", True), ("6", True)]
    assert after.rows == [[("", True), ("3. Third item", True), ("7", True), ("8", True)]]
    assert after.later == [0]

    own = _rows([["", "3. Third item", "7", "8"]], bounds)
    pages = [[("grid", before)], [("grid", own)]]
    pdf_reader._join_page_breaks(pages)
    assert len(own.rows) == 1 and before.rows[-1][1][0].endswith("over the page break")


class _Boxed:
    def __init__(self, cells: list[tuple[float, float, float, float]]) -> None:
        self.cells = cells
        self.bbox = (min(c[0] for c in cells), min(c[1] for c in cells), max(c[2] for c in cells),
                     max(c[3] for c in cells))


def test_the_top_of_a_row_cut_under_the_last_rule_is_a_row() -> None:
    """No rule closes the row the page break cut: its label and figures, just under the last
    closed row (and straddling the table's edge), are one more row; prose under the table is not."""
    cells: list[tuple[float, float, float, float]] = [
        (0, 0, 100, 60),  # a label spanning both rows and reaching lower than the others
        (100, 0, 200, 20), (200, 0, 300, 20), (100, 20, 200, 40), (200, 20, 300, 40)]
    label = [_char(ch, 105 + 10 * i, 36) for i, ch in enumerate("Cut")]
    figure = [_char("9", 240, 37)]
    prose = [_char(ch, 10 + 10 * i, 70) for i, ch in enumerate("Below")]
    assert pdf_reader._cut_row(label + figure + prose, _Boxed(cells)) == [[("", True), ("Cut", True), ("9", True)]]
    assert pdf_reader._cut_row(prose, _Boxed(cells)) == []


def test_the_bottom_of_a_row_cut_above_the_first_rule_is_a_row() -> None:
    """The page opens with the rest of a row the break cut (no rule opens it): its label's end and
    the figures of its cells not left blank, above the table's first rule, are one more row on the
    table's columns — even where the row was tall and its lines sit well above that rule. A page
    number, a line of prose or a heading above the table is not."""
    cells: list[tuple[float, float, float, float]] = [
        (0, 100, 100, 120), (100, 100, 150, 120), (150, 100, 200, 120), (200, 100, 250, 120)]
    rows = [[("2. Next", True), ("0", True), ("", True), ("0", True)]]
    label = [_char(ch, 5 + 10 * i, 50) for i, ch in enumerate("End")] + [_char(ch, 5 + 10 * i, 62) for i, ch in enumerate("of it")]
    figures = [_char("3", 120, 50), _char("3", 220, 50)]
    got = pdf_reader._cut_row_top(label + figures, _Boxed(cells), rows, 10.0)
    assert got is not None
    assert got[0] == [("End\nof it", True), ("3", True), ("", True), ("3", True)] and got[1] == 50

    page_no = [_char("1", 120, 80)]
    assert pdf_reader._cut_row_top(page_no, _Boxed(cells), rows, 10.0) is None
    prose = [_char(ch, 5 + 10 * i, 80) for i, ch in enumerate("Prose 2024 goes on")]
    assert pdf_reader._cut_row_top(prose, _Boxed(cells), rows, 10.0) is None
    wide = [_char(ch, 5 + 10 * i, 80) for i, ch in enumerate("A heading wider than the table")]
    assert pdf_reader._cut_row_top(wide + figures, _Boxed(cells), rows, 10.0) is None
    far = [_char(ch, 5 + 10 * i, 20) for i, ch in enumerate("End")] + [_char("3", 120, 20)]
    assert pdf_reader._cut_row_top(far, _Boxed(cells), rows, 10.0) is None


def test_a_tall_cut_row_above_the_first_rule_is_read_whole() -> None:
    """A tall row (its label wrapped over five lines, set larger than most of the page, a line
    apart by its own size) and a row group's label left of the table, whose cell the page before
    holds: the whole row, the group's label opening its first cell."""
    cells: list[tuple[float, float, float, float]] = [
        (100, 170, 200, 190), (200, 170, 250, 190), (250, 170, 300, 190), (300, 170, 350, 190)]
    rows = [[("2. Next", True), ("0", True), ("", True), ("0", True)]]

    def big(text: str, x: float, top: float) -> list[dict[str, Any]]:
        out = []
        for i, ch in enumerate(text):
            c = _char(ch, x + 12 * i, top)
            c["bottom"] = top + 12
            out.append(c)
        return out

    label = [c for k, part in enumerate(["Lab", "el t", "hat", "wra", "ps"]) for c in big(part, 105, 40 + 24 * k)]
    group = big("Gr", 20, 40)
    figures = big("5", 215, 40) + big("5", 315, 40)
    got = pdf_reader._cut_row_top(label + group + figures, _Boxed(cells), rows, 8.0)
    assert got is not None and got[1] == 40
    assert got[0][0][0].replace(" ", "").replace("\n", "") == "GrLabelthatwraps"
    assert got[0][1:] == [("5", True), ("", True), ("5", True)]
    assert pdf_reader._cut_row_top(label + big("7", 20, 40) + figures, _Boxed(cells), rows, 8.0) is None


def test_a_table_over_three_pages_joins_on_from_the_grid_that_took_in_the_middle_page() -> None:
    """The header ends page 1 and page 2 is nothing but the table, joined to it: the break between
    pages 2 and 3 is still the same table's, so a row it cut joins its label, and the rows of
    page 3 are counted two pages after the table's first."""
    groups = _rows([["Group", "Figures"]], [40.0, 200.0, 320.0])
    bounds = [40.0, 100.0, 200.0, 260.0, 320.0]
    middle = _rows([["A", "1. First", "3", "4"], ["A", "2. Second that", "5", "6"]], bounds)
    last = _rows([["", "wraps", "", ""], ["", "3. Third", "7", "8"]], bounds)
    pages: list[list[tuple[str, Any]]] = [[("grid", groups)], [("grid", middle)], [("grid", last), _line("Then prose.")]]
    pdf_reader._join_page_breaks(pages)
    assert [[k for k, _ in items] for items in pages] == [["grid"], ["drop"], ["grid", "line"]]
    joined = pages[0][0][1]
    assert joined.rows[-1][1] == ("2. Second that\nwraps", True) and joined.later == [0, 1, 1]
    assert last.rows == [[("", True), ("3. Third", True), ("7", True), ("8", True)]]


#: column layouts that join: the same, a few points apart, and finer ones
_LAYOUTS = [(40.0, 200.0, 320.0), (40.0, 100.0, 200.0, 260.0, 320.0), (41.5, 101.0, 198.0, 262.0, 319.0),
            (40.0, 120.0, 200.0, 280.0, 320.0), (40.0, 320.0), (10.0, 50.0, 90.0)]
_CELL = st.sampled_from(["", "0", "12", "3.5", "持0", "Label", "x y z", "结 果", "1.Item", "Group\nname"])


@st.composite
def _page_items(draw: st.DrawFn) -> list[tuple[str, Any]]:
    items: list[tuple[str, Any]] = []
    for _ in range(draw(st.integers(0, 4))):
        kind = draw(st.sampled_from(["grid", "line", "drop"]))
        if kind == "grid":
            xs = draw(st.sampled_from(_LAYOUTS))
            n = len(xs) - 1
            rows = draw(st.lists(st.lists(_CELL, min_size=n, max_size=n), min_size=1, max_size=4))
            items.append(("grid", _rows(rows, list(xs))))
        elif kind == "line":
            items.append(_line(draw(st.sampled_from(["Prose, with a comma.", "a b c", "结果 维持", "12"]))))
        else:
            items.append(("drop", None))
    return items


@settings(max_examples=300, deadline=None)
@given(st.lists(_page_items(), min_size=1, max_size=5))
def test_joining_page_breaks_never_fails_and_keeps_every_grid_whole(pages: list[list[tuple[str, Any]]]) -> None:
    """Whatever the pages hold, joining their breaks raises nothing, leaves each grid's rows with
    a page offset each (never decreasing, never before the grid's first page), and keeps the kinds
    of items in place (a grid or line only ever becomes a drop)."""
    before = [[k for k, _ in items] for items in pages]
    pdf_reader._join_page_breaks(pages)
    for items, kinds in zip(pages, before, strict=True):
        assert len(items) == len(kinds)
        for (k, v), was in zip(items, kinds, strict=True):
            assert k == was or k == "drop"
            if k == "grid":
                assert len(v.later) == len(v.rows)
                assert all(d >= 0 for d in v.later) and v.later == sorted(v.later)
