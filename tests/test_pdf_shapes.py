"""Shapes government PDFs come in that the ways of printing a page first measured did not cover
(issue 9 point 1; bench/pdfs.py makes them from the real reports): a watermark set across every
page, a table whose last row was left without its closing rule, cells printed "/" or "—" for
nothing to count on both sides of a page break, and scans. Every PDF here is built byte by byte,
its text written for the test."""

from __future__ import annotations

import zlib
from pathlib import Path
from typing import Any

import pdfbytes
import pytest

from extractor.pipeline import process
from extractor.read import pdf as pdf_reader
from extractor.read import read_bytes


def _page(content: bytes) -> bytes:
    return pdfbytes.build([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 600 800] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        f"<< /Length {len(content)} >>\nstream\n".encode() + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ])


def _prose(lines: list[str], y: int = 720) -> bytes:
    shown = b" ".join(b"(" + ln.encode("ascii") + b") Tj T*" for ln in lines)
    return f"BT /F1 12 Tf 16 TL 60 {y} Td ".encode() + shown + b" ET "


def _cells(rows: list[tuple[int, list[str]]], xs: list[int]) -> bytes:
    """Each row's texts at its baseline y, one a column starting 10 points right of its rule."""
    out = b"BT /F1 10 Tf "
    for y, texts in rows:
        for x, text in zip(xs, texts, strict=False):
            out += f"1 0 0 1 {x + 10} {y} Tm ({text}) Tj ".encode()
    return out + b"ET "


def _rules(ys: list[int], xs: list[int], down_to: int | None = None) -> bytes:
    """Horizontal rules at `ys` across the columns `xs`, the column rules from the top one down to
    the lowest (or further, `down_to`: a last row left open)."""
    low = min(ys) if down_to is None else down_to
    h = b" ".join(f"{xs[0]} {y} m {xs[-1]} {y} l S".encode() for y in ys)
    v = b" ".join(f"{x} {max(ys)} m {x} {low} l S".encode() for x in xs)
    return b"0.5 w " + h + b" " + v + b" "


def _grids(r: Any) -> list[list[list[str]]]:
    return [[[c.text for c in row] for row in g.rows] for g in r.grids]


def _read(tmp_path: Path, content: bytes, monkeypatch: pytest.MonkeyPatch, fast: bool) -> Any:
    if not fast:  # the page through pdfplumber itself, as a page pdfium cannot describe goes
        monkeypatch.setattr(pdf_reader._Pdfium, "open", staticmethod(lambda data, n: None))
    p = tmp_path / "shape.pdf"
    p.write_bytes(_page(content))
    r = process(p, upto="read")
    assert r.status == "ok", r.error
    return r


PROSE = ["A short annual report opens with this line.", "Its second line is here."]


@pytest.mark.parametrize("fast", [True, False])
def test_a_slanted_watermark_is_left_out_of_cells_and_prose(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fast: bool) -> None:
    """A pale line turned 30 degrees across the page (a watermark on every page) crosses the
    table: its letters fell into the cells (7 became 7 R) and between the lines of prose. Text set
    at a slant is no text of the report; the table and the prose read as without it."""
    table = _rules([340, 320, 300], [100, 250, 400]) + _cells([(325, ["Items", "Count"]), (305, ["Rules", "7"])], [100, 250])
    mark = b"BT /F1 40 Tf 0.866 0.5 -0.5 0.866 90 250 Tm (NOT FOR REUSE) Tj ET "
    r = _read(tmp_path, _prose(PROSE) + table + mark, monkeypatch, fast)
    assert _grids(r) == [[["Items", "Count"], ["Rules", "7"]]]
    assert "REUSE" not in r.text and "NOT" not in r.text
    assert PROSE[0] in r.text


@pytest.mark.parametrize("fast", [True, False])
def test_a_last_row_left_without_its_closing_rule_is_a_row(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fast: bool) -> None:
    """The page left out the rule under the table's last row; its column rules still wall it in.
    The row (its label wrapped over two lines) is the table's last row, its figures in their
    columns — not two lines of prose after the table, the figures apart from their label."""
    table = _rules([340, 320, 300], [100, 250, 400], down_to=266) + _cells(
        [(325, ["Items", "Count"]), (305, ["Rules", "7"]), (288, ["Left open", "9"]), (276, ["and wrapped"])], [100, 250])
    after = _prose(["A line of prose under the table."], y=230)
    r = _read(tmp_path, _prose(PROSE) + table + after, monkeypatch, fast)
    assert _grids(r) == [[["Items", "Count"], ["Rules", "7"], ["Left open\nand wrapped", "9"]]]
    assert "Left open" not in r.text.replace(r.text[r.grids[0].start:r.grids[0].end], "")
    assert "A line of prose under the table." in r.text


def test_the_open_row_reaches_as_far_as_the_column_rules_and_takes_a_label_left_of_them() -> None:
    """Where the column rules end, the open row ends: prose under them is no part of it. Its
    label may stand left of the table's first column (the column of row groups above, which
    pdfplumber did not close), inside the leftmost rule that reaches down as far."""
    cells: list[tuple[float, float, float, float]] = [(100, 0, 200, 20), (200, 0, 300, 20), (100, 20, 200, 40), (200, 20, 300, 40)]
    table = _Boxed(cells)
    edges = [_vertical(x, 0, 60) for x in (20, 100, 200, 300)] + [_vertical(10, 0, 30)]
    assert pdf_reader._open_bottom(table, edges) == (60, 20)
    label = [_char(ch, 60 + 10 * i, 45) for i, ch in enumerate("Openrow")]  # 60-130: starts left of the table
    figure = [_char("5", 240, 45)]
    below = [_char(ch, 110 + 10 * i, 70) for i, ch in enumerate("Prose")]
    got = pdf_reader._cut_row(label + figure + below, table, pdf_reader._open_bottom(table, edges))
    assert got == [[("Openrow", True), ("5", True)]]
    assert pdf_reader._open_bottom(table, [_vertical(x, 0, 40) for x in (100, 200, 300)]) == (40, 100)


class _Boxed:
    def __init__(self, cells: list[tuple[float, float, float, float]]) -> None:
        self.cells = cells
        self.bbox = (min(c[0] for c in cells), min(c[1] for c in cells), max(c[2] for c in cells),
                     max(c[3] for c in cells))


def _vertical(x: float, top: float, bottom: float) -> dict[str, Any]:
    return {"x0": x, "x1": x, "top": top, "bottom": bottom, "orientation": "v"}


def _char(text: str, x: float, top: float) -> dict[str, Any]:
    return {"text": text, "x0": x, "x1": x + 10, "top": top, "bottom": top + 10, "upright": True, "size": 10,
            "width": 10, "height": 10, "doctop": top}


def _rows(texts: list[list[str]], bounds: list[float]) -> Any:
    return pdf_reader._Rows([[(t, True) for t in row] for row in texts], bounds)


BOUNDS = [40.0, 160.0, 220.0, 280.0, 340.0]


def test_a_row_of_empty_marks_after_the_break_is_a_row_not_the_rest_of_a_label() -> None:
    """The next page opens with a row whose cells are all "/" and "—" (nothing to count): that is
    a row of data, not the end of the labels the last row before the break began — it stays a
    row, and the last row keeps its own text."""
    before = _rows([["1. First item", "3", "4", "7"], ["2. Second item", "6", "—", "6"]], BOUNDS)
    after = _rows([["—", "/", "—", "/"], ["12", "5", "—", "5"]], BOUNDS)
    pages: list[list[tuple[str, Any]]] = [[("grid", before)], [("grid", after)]]
    pdf_reader._join_page_breaks(pages)
    assert [t for t, _ in before.rows[-1]] == ["2. Second item", "6", "—", "6"]
    assert [k for k, _ in pages[1]] == ["grid"] and len(after.rows) == 2


def test_a_grid_of_empty_marks_is_no_header_cut_from_its_figures() -> None:
    """A page ending with rows whose cells are "/" and "—" holds data, not a header waiting for
    its figures: the next page's first rows are not folded into its last row's labels."""
    before = _rows([["1. First item", "/", "—", "/"], ["2. Second item", "—", "/", "—"]], BOUNDS)
    after = _rows([["3. Third item", "/", "—", "/"], ["4. Fourth item", "2", "1", "3"]], BOUNDS)
    pages: list[list[tuple[str, Any]]] = [[("grid", before)], [("grid", after)]]
    pdf_reader._join_page_breaks(pages)
    rows = [r for _, g in pages[0] + pages[1] if g is not None for r in g.rows]
    assert not any("\n" in t for r in rows for t, _ in r)
    assert [r[0][0] for r in rows] == ["1. First item", "2. Second item", "3. Third item", "4. Fourth item"]


def test_the_bottom_of_a_cut_row_of_empty_marks_is_a_row() -> None:
    """Above the page's first rule, the end of a row the break cut: its label's end and "/" or
    "—" in the columns that hold figures below. It is a row (the marks stand for empty cells)."""
    cells: list[tuple[float, float, float, float]] = [
        (0, 100, 100, 120), (100, 100, 150, 120), (150, 100, 200, 120), (200, 100, 250, 120)]
    rows = [[("2. Next", True), ("0", True), ("4", True), ("4", True)]]
    label = [_char(ch, 5 + 10 * i, 80) for i, ch in enumerate("End")]
    marks = [_char("/", 120, 80), _char("—", 170, 80), _char("/", 220, 80)]
    got = pdf_reader._cut_row_top(label + marks, _Boxed(cells), rows, 10.0)
    assert got is not None
    assert got[0] == [("End", True), ("/", True), ("—", True), ("/", True)]


# ------------------------------------------------------------------------------- scans


def _scan_pages(n_text: int, n_image: int) -> bytes:
    """`n_text` pages of text then `n_image` pages that are an image and nothing else (a scan:
    a grey 40×40 picture drawn over the page)."""
    pixels = zlib.compress(bytes((i * 7) % 256 for i in range(40 * 40)))
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"", b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
            b"<< /Type /XObject /Subtype /Image /Width 40 /Height 40 /ColorSpace /DeviceGray /BitsPerComponent 8 "
            b"/Filter /FlateDecode /Length " + str(len(pixels)).encode() + b" >>\nstream\n" + pixels + b"\nendstream"]
    kids = []
    for i in range(n_text + n_image):
        if i < n_text:
            content = _prose([f"Page {i + 1} of a report holds this line of its text.", "And another line."])
        else:
            content = b"q 600 0 0 800 0 0 cm /Im1 Do Q"
        kids.append(len(objs) + 1)
        objs.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 600 800] /Resources << /Font << /F1 3 0 R >> "
                    f"/XObject << /Im1 4 0 R >> >> /Contents {len(objs) + 2} 0 R >>".encode())
        objs.append(f"<< /Length {len(content)} >>\nstream\n".encode() + content + b"\nendstream")
    objs[1] = f"<< /Type /Pages /Kids [{' '.join(f'{k} 0 R' for k in kids)}] /Count {len(kids)} >>".encode()
    return pdfbytes.build(objs)


def test_a_scanned_pdf_says_so_in_chinese() -> None:
    """Every page an image: no text to audit. The result says so (a scan, OCR first), in Chinese —
    never an error of the tool, never "damaged"."""
    r = read_bytes(_scan_pages(0, 3), "scan.pdf", ".pdf")
    assert r.status != "ok"
    assert r.error is not None and r.error.code == "no_text_layer"
    assert "扫描" in r.error.message and "损坏" not in r.error.message


def test_a_scanned_last_page_leaves_the_text_of_the_others() -> None:
    """The stamped last page scanned, the others printed: the text of the others is read."""
    r = read_bytes(_scan_pages(2, 1), "stamped.pdf", ".pdf")
    assert r.status == "ok", r.error
    assert "Page 2 of a report holds this line of its text." in r.text
    assert r.meta.pages == 3
    # and says which page it could not read, in Chinese: what is on it was not audited
    assert any("第3页" in n and "没有文字层" in n for n in r.notes), r.notes


def test_a_page_of_text_only_gets_no_note_of_a_scan() -> None:
    r = read_bytes(_scan_pages(2, 0), "printed.pdf", ".pdf")
    assert r.status == "ok", r.error
    assert not any("没有文字层" in n for n in r.notes)


# ------------------------------------------------------- a table cut by the page break, rows of marks


class _Cjk:
    """A Type0 font (Identity-H) whose ToUnicode map gives each character written with it its own
    code: Chinese text in a PDF built byte by byte. The map is written once every page is drawn."""

    def __init__(self) -> None:
        self.codes: dict[str, int] = {}

    def show(self, text: str, x: float, y: float, size: int = 10) -> bytes:
        hexes = "".join(f"{self.codes.setdefault(ch, len(self.codes) + 1):04x}" for ch in text)
        return f"BT /F1 {size} Tf 1 0 0 1 {x} {y} Tm <{hexes}> Tj ET ".encode()

    def objects(self, first: int) -> list[bytes]:
        """The font, its descendant, descriptor and ToUnicode map, numbered from `first`."""
        pairs = "\n".join(f"<{code:04x}> <{ord(ch):04x}>" for ch, code in self.codes.items())
        cmap = ("/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /T def "
                "1 begincodespacerange <0000> <ffff> endcodespacerange\n"
                f"{len(self.codes)} beginbfchar\n{pairs}\nendbfchar endcmap CMapName currentdict /CMap "
                "defineresource pop end end").encode()
        return [
            f"<< /Type /Font /Subtype /Type0 /BaseFont /SimSun /Encoding /Identity-H /DescendantFonts [{first + 1} 0 R] "
            f"/ToUnicode {first + 3} 0 R >>".encode(),
            f"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /SimSun /CIDSystemInfo << /Registry (Adobe) /Ordering "
            f"(Identity) /Supplement 0 >> /FontDescriptor {first + 2} 0 R /DW 1000 >>".encode(),
            b"<< /Type /FontDescriptor /FontName /SimSun /Flags 4 /FontBBox [0 0 1000 1000] /ItalicAngle 0 /Ascent 880 "
            b"/Descent -120 /CapHeight 700 /StemV 80 >>",
            f"<< /Length {len(cmap)} >>\nstream\n".encode() + cmap + b"\nendstream",
        ]


def _cjk_pdf(font: _Cjk, contents: list[bytes]) -> bytes:
    n = len(contents)
    font_at = 3 + 2 * n
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>",
            f"<< /Type /Pages /Kids [{' '.join(f'{3 + 2 * i} 0 R' for i in range(n))}] /Count {n} >>".encode()]
    for i, content in enumerate(contents):
        objs.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 600 800] /Resources << /Font << /F1 {font_at} 0 R >> >> "
                    f"/Contents {4 + 2 * i} 0 R >>".encode())
        objs.append(f"<< /Length {len(content)} >>\nstream\n".encode() + content + b"\nendstream")
    return pdfbytes.build(objs + font.objects(font_at))


#: 表三's rows before the break, as lines of text (label, then the seven figures), and the rows after it
_T3_BEFORE = [
    "一、本年新收政府信息公开申请数量 25 3 0 0 0 0 28",
    "二、上年结转政府信息公开申请数量 1 0 0 0 0 0 1",
    "三、本年度办理结果",
    "（一）予以公开 9 1 0 0 0 0 10",
    "（二）部分公开（区分处理的，只计这一情形，不计其他情形） 0 0 0 0 0 0 0",
    "（三）不予公开",
    "1.属于国家秘密 0 0 0 0 0 0 0",
    "2.其他法律行政法规禁止公开 0 0 0 0 0 0 0",
    "3.危及“三安全一稳定” 0 0 0 0 0 0 0",
    "4.保护第三方合法权益 0 0 0 0 0 0 0",
    "5.属于三类内部事务信息 0 0 0 0 0 0 0",
    "6.属于四类过程性信息 1 0 0 0 0 0 1",
    "7.属于行政执法案卷 0 0 0 0 0 0 0",
    "8.属于行政查询事项 0 0 0 0 0 0 0",
    "（四）无法提供",
    "1.本机关不掌握相关政府信息 4 0 0 0 0 0 4",
    "2.没有现成信息需要另行制作 2 0 0 0 0 0 2",
    "3.补正后申请内容仍不明确 0 0 0 0 0 0 0",
    "（五）不予处理",
    "1.信访举报投诉类申请 0 0 0 0 0 0 0",
    "2.重复申请 0 0 0 0 0 0 0",
    "3.要求提供公开出版物 0 0 0 0 0 0 0",
]
#: the labels of the rows the break cut, left of the table's last rows on the page
_T3_CUT = ["4.无正当理由大量反复申请", "5.要求行政机关确认或重新出具已获取信息", "（六）其他处理",
           "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"]
_T3_AFTER = [
    "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请 0 0 0 0 0 0 0",
    "3.其他 1 0 0 0 0 0 1",
    "（七）总计 24 3 0 0 0 0 27",
    "四、结转下年度继续办理 2 0 0 0 0 0 2",
]
_MARKS = ["—", "/", "—", "/", "—", "/", "—"]
_FIGURE_COLUMNS = [240, 280, 320, 360, 400, 440, 480, 520]


def _lines(font: _Cjk, lines: list[str], y: float, leading: float = 14) -> tuple[bytes, float]:
    out = b""
    for line in lines:
        out += font.show(line, 40, y)
        y -= leading
    return out, y


def _figure_rows(font: _Cjk, rows: list[list[str]], top: float) -> bytes:
    """A ruled table of the seven figure columns, one row of 20 points for each of `rows`."""
    ys = [round(top - 20 * i) for i in range(len(rows) + 1)]
    out = _rules(ys, _FIGURE_COLUMNS)
    for y, row in zip(ys, rows, strict=False):
        for x, text in zip(_FIGURE_COLUMNS, row, strict=False):
            out += font.show(text, x + 10, y - 14)
    return out


@pytest.mark.parametrize("fast", [True, False])
def test_rows_of_empty_marks_keep_their_places_over_a_page_break(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                  fast: bool) -> None:
    """表三 cut by the page break: the labels of 4.无正当理由大量反复申请, 5.要求行政机关确认… and
    （六）1.申请人无正当理由逾期不补正… stand apart from their cells, the page ends with one row of
    marks (— / — / … : nothing to count), and the next opens with a row of marks, then the figures
    8 2 0 0 0 0 10. A row of marks is a row of data whose cells are all empty: the two rows of marks
    are rows 4 and 5, the figures （六）1's — never row 4's."""
    font = _Cjk()
    head = ["某某县交通运输局2023年政府信息公开工作年度报告", "一、总体情况", "本局依照条例做好政府信息公开工作。",
            "二、主动公开政府信息情况", "第二十条第（一）项", "信息内容 本年制发件数 本年废止件数 现行有效件数",
            "规章 0 0 0", "行政规范性文件 3 1 17", "第二十条第（五）项", "信息内容 本年处理决定数量", "行政许可 45",
            "三、收到和处理政府信息公开申请情况", "申请人情况", "自然人 法人或其他组织 总计",
            "商业企业 科研机构 社会公益组织 法律服务机构 其他"]
    first, y = _lines(font, head + _T3_BEFORE + _T3_CUT, 770, 13)
    first += _figure_rows(font, [_MARKS], y - 2)
    second = _figure_rows(font, [_MARKS, ["8", "2", "—", "/", "—", "/", "10"]], 770)
    tail, _ = _lines(font, [
        *_T3_AFTER, "四、政府信息公开行政复议、行政诉讼情况", "行政复议 行政诉讼",
        "结果维持 结果纠正 其他结果 尚未审结 总计 未经复议直接起诉 复议后起诉",
        "1 0 0 0 1 0 0 0 0 0 0 0 0 0 0", "五、存在的主要问题及改进情况", "信息更新还不够及时，下一步将加强审核。",
        "六、其他需要报告的事项", "本年度未收取信息处理费。"], 710)
    if not fast:  # the pages through pdfplumber itself, as a page pdfium cannot describe goes
        monkeypatch.setattr(pdf_reader._Pdfium, "open", staticmethod(lambda data, n: None))
    p = tmp_path / "cut.pdf"
    p.write_bytes(_cjk_pdf(font, [first, second + tail]))
    r = process(p)
    assert r.status == "ok", r.error
    got = {k: f.value for k, f in r.fields.items() if k.startswith("t3.")}
    for row in ("not_processed.mass_repeat", "not_processed.confirm_reissue"):
        assert {c: got.get(f"t3.{row}.{c}") for c in ("natural_person", "commercial", "total")} == \
            dict.fromkeys(("natural_person", "commercial", "total")), row
    assert got["t3.other.no_correction.natural_person"] == 8
    assert got["t3.other.no_correction.commercial"] == 2
    assert got["t3.other.no_correction.total"] == 10
    assert got["t3.other.other.total"] == 1 and got["t3.total.total"] == 27


# ------------------------------------------------------- a table without rules, its labels wrapped

#: 表三 printed without a single rule (a web page's table, its borders removed): each row's cells
#: centred on it — (the group's label lines, the row's label lines, the seven figures). A label
#: wrapped over two lines has its figures half way between them, a group's label stands by one of
#: its rows, and a line may hold pieces of two cells (the group's and the row's).
_BORDERLESS_T3: list[tuple[list[str], list[str], str]] = [
    ([], ["一、本年新收政府信息公开申请数量"], "12 1 0 0 0 0 13"),
    ([], ["二、上年结转政府信息公开申请数量"], "0 0 0 0 0 0 0"),
    (["三、本年", "度办理", "结果"], ["（一）予以公开"], "5 1 0 0 0 0 6"),
    ([], ["（二）部分公开（区分处", "理的，只计这一情形，", "不计其他情形）"], "1 0 0 0 0 0 1"),
    ([], ["1.属于国家秘密"], "0 0 0 0 0 0 0"),
    ([], ["2.其他法律行政法规禁", "止公开"], "0 0 0 0 0 0 0"),
    ([], ["3.危及“三安全一稳定”"], "0 0 0 0 0 0 0"),
    (["（三）不予", "公开"], ["4.保护第三方合法权益"], "1 0 0 0 0 0 1"),
    ([], ["5.属于三类内部", "事务信息"], "0 0 0 0 0 0 0"),
    ([], ["6.属于四类过程性信息"], "0 0 0 0 0 0 0"),
    ([], ["7.属于行政执法案卷"], "0 0 0 0 0 0 0"),
    ([], ["8.属于行政查询事项"], "0 0 0 0 0 0 0"),
    ([], ["1.本机关不掌握相关政", "府信息"], "2 0 0 0 0 0 2"),
    (["（四）无法", "提供"], ["2.没有现成信息需要另", "行制作"], "3 0 0 0 0 0 3"),
    ([], ["3.补正后申请内容仍不", "明确"], "0 0 0 0 0 0 0"),
    ([], ["1.信访举报投诉类申请"], "0 0 0 0 0 0 0"),
    ([], ["2.重复申请"], "0 0 0 0 0 0 0"),
    (["（五）不予", "处理"], ["3.要求提供公开出版物"], "0 0 0 0 0 0 0"),
    ([], ["4.无正当理由大量反复", "申请"], "0 0 0 0 0 0 0"),
    ([], ["5.要求行政机关确认或", "重新出具已获取信息"], "4 0 0 0 0 0 4"),
    (["（六）其他", "处理"], ["1.申请人无正当理由逾", "期不补正、行政机关不", "再处理其政府信息公开", "申请"],
     "2 1 0 0 0 0 3"),
    ([], ["2.申请人逾期未按收费", "通知要求缴纳费用、行", "政机关不再处理其政府", "信息公开申请"], "0 0 0 0 0 0 0"),
    ([], ["3.其他"], "0 0 0 0 0 0 0"),
    ([], ["（七）总计"], "17 2 0 0 0 0 19"),
    ([], ["四、结转下年度继续办理"], "0 0 0 0 0 0 0"),
]


def _borderless_t3(font: _Cjk, rows: list[tuple[list[str], list[str], str]], top: float) -> tuple[bytes, float]:
    """`rows` drawn from `top` down: the group's label at x 40 (or the row's own, when it has no
    group: a label that spans both columns), the row's at x 100, the figures from x 260, each cell's
    lines 13 points apart, centred on its row's figures; 12 points between rows."""
    out = b""
    y = top
    for group, label, figures in rows:
        tall = max(len(group), len(label), 1)
        mid = y - 13 * (tall - 1) / 2
        own = 100 if group or label[0][0].isdigit() or label[0].startswith("（") else 40
        for x, lines in ((40, group), (own, label)):
            for i, line in enumerate(lines):
                out += font.show(line, x, mid + 13 * ((len(lines) - 1) / 2 - i))
        for i, figure in enumerate(figures.split()):
            out += font.show(figure, 260 + 40 * i, mid)
        y -= 13 * tall + 12
    return out, y


@pytest.mark.parametrize("fast", [True, False])
def test_a_table_without_rules_reads_rows_whose_labels_wrap_around_their_figures(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fast: bool) -> None:
    """表三 with no ruling line: a row's figures stand on a line of their own between the two lines
    of its wrapped label (2.没有现成信息需要另 / 3 0 0 0 0 0 3 / 行制作), or after a line that holds
    its group's label and the start of its own (（六）其他1.申请人无正当理由逾…). The lines that touch
    a row's figures are that row's: every row reads its own figures."""
    font = _Cjk()
    head = ["某某县农业农村局2024年政府信息公开工作年度报告", "一、总体情况", "本局依照条例做好政府信息公开工作。",
            "二、主动公开政府信息情况", "第二十条第（一）项", "信息内容 本年制发件数 本年废止件数 现行有效件数",
            "规章 0 0 0", "行政规范性文件 3 1 17", "三、收到和处理政府信息公开申请情况", "申请人情况",
            "自然人 法人或其他组织 总计", "商业企业 科研机构 社会公益组织 法律服务机构 其他"]
    first, y = _lines(font, head, 780, 13)
    table, _ = _borderless_t3(font, _BORDERLESS_T3[:15], y - 16)
    rest, y = _borderless_t3(font, _BORDERLESS_T3[15:], 770)
    tail, _ = _lines(font, [
        "四、政府信息公开行政复议、行政诉讼情况", "行政复议 行政诉讼",
        "结果维持 结果纠正 其他结果 尚未审结 总计 未经复议直接起诉 复议后起诉",
        "0 0 0 0 0 0 0 0 0 0 0 0 0 0 0", "五、存在的主要问题及改进情况", "信息更新还不够及时，下一步将加强审核。"], y - 10)
    if not fast:  # the pages through pdfplumber itself, as a page pdfium cannot describe goes
        monkeypatch.setattr(pdf_reader._Pdfium, "open", staticmethod(lambda data, n: None))
    p = tmp_path / "borderless.pdf"
    p.write_bytes(_cjk_pdf(font, [first + table, rest + tail]))
    r = process(p)
    assert r.status == "ok", r.error
    got = {k: f.value for k, f in r.fields.items() if k.startswith("t3.")}
    for row, n, total in (("unavailable.not_held", 2, 2), ("unavailable.needs_creation", 3, 3),
                          ("not_processed.confirm_reissue", 4, 4), ("other.no_correction", 2, 3),
                          ("denied.third_party", 1, 1), ("granted", 5, 6), ("partial", 1, 1)):
        assert (got.get(f"t3.{row}.natural_person"), got.get(f"t3.{row}.total")) == (n, total), row
    assert got["t3.other.no_correction.commercial"] == 1
    assert got["t3.unavailable.unclear.total"] == 0 and got["t3.total.total"] == 19


def _packed(font: _Cjk, figures: list[str], x: float, y: float, gap: float = 1.5) -> bytes:
    """Each figure a cell of its own, the cells packed tight: `gap` points between one figure's
    last digit and the next one's first (a table without rules, its columns narrow)."""
    out = b""
    for figure in figures:
        out += font.show(figure, x, y)
        x += 10 * len(figure) + gap
    return out


@pytest.mark.parametrize("fast", [True, False])
def test_figures_of_cells_packed_tight_are_not_one_number(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                          fast: bool) -> None:
    """表三 without rules in narrow columns: the seven figures of a row 1.5 points apart (24 3 0 0 0 0
    27 would read 243000027). The digits of one number touch: the figures are told apart by the gap
    between cells. A line whose every character stands apart (letter-spaced prose) keeps its
    numbers whole."""
    font = _Cjk()
    labels = [line for line in _T3_BEFORE if line.count(" ") < 7]
    head = ["某某县司法局2023年政府信息公开工作年度报告", "一、总体情况", "本局依照条例做好政府信息公开工作。",
            "二、主动公开政府信息情况", "第二十条第（一）项", "信息内容 本年制发件数 本年废止件数 现行有效件数",
            "规章 0 0 0", "行政规范性文件 3 1 17", "三、收到和处理政府信息公开申请情况", "申请人情况",
            "自然人 法人或其他组织 总计", "商业企业 科研机构 社会公益组织 法律服务机构 其他"]
    page, y = _lines(font, head, 790, 13)
    # 11 1 … 12 packed (111000012) could as well be 1 11 … 12: only the gaps tell
    changed = {"一、本年新收政府信息公开申请数量": "27 3 0 0 0 0 30", "（一）予以公开": "11 1 0 0 0 0 12",
               "（七）总计": "26 3 0 0 0 0 29"}
    for line in _T3_BEFORE + _T3_CUT[:2] + _T3_CUT[3:] + _T3_AFTER:
        label = line.rsplit(" ", 7)[0]
        line = f"{label} {changed[label]}" if label in changed else line
        parts = line.rsplit(" ", 7)
        if line in labels or len(parts) < 8:
            page += font.show(line, 40, y)
        else:
            page += font.show(parts[0], 40, y) + _packed(font, parts[1:], 400, y)
        y -= 13
    spaced = "本年共收到申请2024件"
    page += font.show(spaced, 40, y - 13).replace(b"Tf ", b"Tf 1.5 Tc ", 1)  # letter-spaced: 1.5 points apart
    page += b"BT 0 Tc ET "
    tail, _ = _lines(font, ["四、政府信息公开行政复议、行政诉讼情况", "0 0 0 0 0 0 0 0 0 0 0 0 0 0 0",
                            "五、存在的主要问题及改进情况", "信息更新还不够及时。"], y - 30)
    if not fast:  # the page through pdfplumber itself, as a page pdfium cannot describe goes
        monkeypatch.setattr(pdf_reader._Pdfium, "open", staticmethod(lambda data, n: None))
    p = tmp_path / "packed.pdf"
    p.write_bytes(_cjk_pdf(font, [page + tail]))
    r = process(p)
    assert r.status == "ok", r.error
    assert "2024件" in r.text.replace(" ", "")
    assert "2 0 2 4" not in r.text
    got = {k: f.value for k, f in r.fields.items() if k.startswith("t3.")}
    assert (got["t3.new.natural_person"], got["t3.new.commercial"], got["t3.new.total"]) == (27, 3, 30)
    assert (got["t3.granted.natural_person"], got["t3.granted.commercial"], got["t3.granted.total"]) == (11, 1, 12)
    assert (got["t3.unavailable.not_held.natural_person"], got["t3.unavailable.not_held.total"]) == (4, 4)
    assert (got["t3.total.natural_person"], got["t3.total.commercial"], got["t3.total.total"]) == (26, 3, 29)
