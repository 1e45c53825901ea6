"""The readers' one-pass paths read exactly what the tree walks they replace read.

DOCX tables: `_grid_flat` (one filtered iteration over a table's elements) against `_raw_rows`
(the tr → tc → p walk), on tables written for the test with every irregular nesting we know of;
the plain ones must take the one-pass path, the irregular ones may fall back but never differ.
"""

from __future__ import annotations

import pytest
from lxml import etree

from extractor.read import docx as D

NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _p(*runs: str, ppr: str = "") -> str:
    return f"<w:p>{ppr}{''.join(runs)}</w:p>"


def _r(text: str) -> str:
    return f'<w:r><w:rPr><w:sz w:val="18"/></w:rPr><w:t xml:space="preserve">{text}</w:t></w:r>'


def _tc(*paras: str, pr: str = "") -> str:
    return f"<w:tc>{'<w:tcPr>' + pr + '</w:tcPr>' if pr else ''}{''.join(paras) or _p()}</w:tc>"


def _tbl(*rows: str) -> etree._Element:
    xml = f'<w:tbl {NS}><w:tblPr/><w:tblGrid/>{"".join(rows)}</w:tbl>'
    return etree.fromstring(xml)


def _tr(*cells: str, pr: str = "") -> str:
    return f"<w:tr>{'<w:trPr>' + pr + '</w:trPr>' if pr else ''}{''.join(cells)}</w:tr>"


SPAN3 = '<w:gridSpan w:val="3"/>'
RESTART = '<w:vMerge w:val="restart"/>'
CONT = "<w:vMerge/>"

PLAIN = {
    "spans and merges": _tbl(
        _tr(_tc(_p(_r("项目")), pr=SPAN3 + RESTART), _tc(_p(_r("申请人情况")), pr='<w:gridSpan w:val="2"/>')),
        _tr(_tc(_p(), pr=SPAN3 + CONT), _tc(_p(_r("自然人"))), _tc(_p(_r("法人")))),
        _tr(_tc(_p(_r("一、本年新收")), pr=SPAN3), _tc(_p(_r("1")), _p(_r("2"))), _tc(_p(_r("　3　"))))),
    "runs in links, insertions, tabs and breaks": _tbl(
        _tr(_tc(_p(f'<w:hyperlink>{_r("链")}</w:hyperlink>', f"<w:ins>{_r('入')}</w:ins>",
                   '<w:r><w:t>甲</w:t><w:tab/><w:t>乙</w:t><w:br/><w:t>丙</w:t><w:cr/></w:r>')),
            _tc(_p('<w:r><w:delText>删</w:delText><w:instrText>PAGE</w:instrText><w:t>留</w:t></w:r>')))),
    "grid before and empty rows": _tbl(
        _tr(_tc(_p(_r("a"))), pr='<w:gridBefore w:val="2"/>'),
        _tr(pr='<w:gridBefore w:val="4"/>'),
        _tr(_tc(_p(_r("b")), pr='<w:gridSpan w:val="x"/>'), _tc(_p(_r("c")), pr='<w:gridSpan w:val="999"/>'))),
    "continuation in the first row and text without a run property": _tbl(
        _tr(_tc(_p("<w:r><w:t>x</w:t></w:r>"), pr=CONT), _tc(_p("<w:r><w:t/></w:r>")))),
}

IRREGULAR = {
    "a cell in a content control": _tbl(_tr(_tc(_p(_r("a"))), f"<w:sdt><w:sdtContent>{_tc(_p(_r('b')))}</w:sdtContent></w:sdt>")),
    "a row in a content control": _tbl(_tr(_tc(_p(_r("a")))),
                                       f"<w:sdt><w:sdtContent>{_tr(_tc(_p(_r('b'))))}</w:sdtContent></w:sdt>"),
    "a paragraph in a content control": _tbl(_tr(_tc(_p(_r("a")), f"<w:sdt><w:sdtContent>{_p(_r('b'))}</w:sdtContent></w:sdt>"))),
    "a text box in a paragraph": _tbl(_tr(_tc(_p(_r("外"), f"<w:r><w:txbxContent>{_p(_r('内'))}</w:txbxContent></w:r>",
                                             _r("尾"))))),
    "a run outside any paragraph": _tbl(_tr(_tc(_p(_r("a")), _r("散"), _p(_r("b"))))),
    "a run between cells": _tbl(_tr(_tc(_p(_r("a"))), _r("散"), _tc(_p(_r("b"))))),
    "two cell properties": _tbl(_tr("<w:tc><w:tcPr/><w:tcPr><w:gridSpan w:val='2'/></w:tcPr>" + _p(_r("a")) + "</w:tc>")),
    "two spans": _tbl(_tr(_tc(_p(_r("a")), pr='<w:gridSpan w:val="2"/><w:gridSpan w:val="3"/>'))),
    "two merges": _tbl(_tr(_tc(_p(_r("a")), pr=RESTART)), _tr(_tc(_p(_r("b")), pr=CONT + RESTART))),
    "row properties after a cell": _tbl(_tr(_tc(_p(_r("a"))) + '<w:trPr><w:gridBefore w:val="2"/></w:trPr>')),
    "grid before twice": _tbl(_tr(_tc(_p(_r("a"))), pr='<w:gridBefore w:val="1"/><w:gridBefore w:val="3"/>')),
    "a span outside the cell properties": _tbl(_tr(_tc(_p(_r("a"), '<w:gridSpan w:val="2"/>')))),
    "a nested table": _tbl(_tr(_tc(_p(_r("a")), f'<w:tbl>{_tr(_tc(_p(_r("内"))))}</w:tbl>', _p()))),
    "a tab outside any paragraph": _tbl(_tr(_tc(_p(_r("a")), "<w:r><w:tab/></w:r>"))),
}


@pytest.mark.parametrize("name", list(PLAIN))
def test_docx_plain_tables_are_read_in_one_pass_as_the_tree_walk_reads_them(name: str) -> None:
    tbl = PLAIN[name]
    assert D._grid_flat(tbl) is not None
    assert D._grid(tbl) == D._grid_tree(tbl)


@pytest.mark.parametrize("name", list(IRREGULAR))
def test_docx_irregular_tables_read_as_the_tree_walk_reads_them(name: str) -> None:
    tbl = IRREGULAR[name]
    assert D._grid(tbl) == D._grid_tree(tbl)
    flat = D._grid_flat(tbl)
    assert flat is None or flat == D._raw_rows(tbl)


def test_docx_merged_cells_expand_over_the_grid() -> None:
    rows = D._grid(PLAIN["spans and merges"])
    assert [c.text for c in rows[0]] == ["项目"] * 3 + ["申请人情况"] * 2
    assert [c.origin for c in rows[1]] == [False, False, False, True, True]
    assert rows[1][0].rowspan == 2 and rows[1][0].text == "项目"
    assert rows[2][3].text == "1\n2" and rows[2][4].text == "3"


# ---------------------------------------------------------------- HTML

PAGE = """<html><head><title>t</title><style>li{display:inline-block}</style></head><body>
<div style="DISPLAY: none">菜单</div><p>正文<span style="visibility:hidden">隐</span>尾</p>
<p hidden>藏</p><p style="color:red;display : none ">也藏</p><p style="Display:none">首字母大写</p><p style="DiSpLaY:none">大小写混合</p>
<table><tr><td><p><span>自然</span><span>人</span></p></td><td>1<br>2</td>
<td><p>&nbsp;3&#12288;</p><!-- 注释 --><p><b>4</b>件</p></td><td>a<?pi x?>b</td></tr></table></body></html>"""


def _page() -> etree._Element:
    from extractor.read import html as H

    parser = etree.HTMLParser(no_network=True, remove_comments=True, remove_pis=True, recover=True, collect_ids=False)
    root = etree.fromstring(PAGE, parser=parser)
    etree.strip_elements(root, *(t for t in H._SKIP if t != "head"), with_tail=False)
    return root


def test_html_hidden_elements_are_those_the_xpath_selected() -> None:
    from extractor.read import html as H

    root = _page()
    by_xpath = [el for el in root.xpath(H._MAYBE_HIDDEN)
                if el.get("hidden") is not None or H._HIDDEN.search(el.get("style") or "")]
    assert H._hidden(root) == by_xpath
    assert [el.text for el in by_xpath] == ["菜单", "隐", "藏", "也藏", "首字母大写"]  # as before: DiSpLaY is not looked for


def test_html_cell_text_is_the_text_itertext_joins() -> None:
    from extractor.read.htmltable import _as_text, cell_text

    root = _page()
    for br in root.iter("br"):
        br.tail = "\n" + (br.tail or "")
    cells = list(root.iter("td"))
    assert [_as_text(td) for td in cells] == ["".join(td.itertext()) for td in cells]
    assert [cell_text(td) for td in cells] == ["自然人", "1\n2", "3 4件", "ab"]
