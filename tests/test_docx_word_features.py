"""DOCX as Word saves the documents staff edit: what Word does not show is not read, what it shows
once is read once, in order.

- tracked changes: the old place of moved text (`w:moveFrom`, ordinary text elements), deleted
  runs (their tabs and breaks too), deleted table rows and cells; insertions (of cells too) and the
  new place kept; a paragraph whose mark is deleted runs on into the next (not before a table);
- ruby: the base text, not the guide text above it;
- tab stops (`w:tabs` in a paragraph's properties): no characters (they were read as tabs at the
  start of the paragraph);
- hidden text: `w:vanish` in a run's properties (its on/off values), in the document defaults
  (docDefaults: hidden wherever no style or run says otherwise), in a character or a paragraph
  style (a paragraph pasted from a web page is set in the hidden "z-窗体顶端" style; a character
  style that hides flips its paragraph style's state);
- embedded content (altChunk): an HTML page or an MHT archive read in its place through the HTML
  reader; any other part (RTF, a Word document) not read, and the report's notes say so;
- wrappers: custom XML around paragraphs, tables, rows, cells and runs, content controls inside
  content controls, smart tags, hyperlinks, simple fields, inline content controls, alternate
  content (a text box is written in its choice and in its fallback), text boxes inside a paragraph
  or a table's cell.

Each document is written for the test and compared with the same content written plainly — its
text, blocks and grids, and (a small report) its fields and claims.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from collections.abc import Callable

import pytest

from extractor.model import Report
from extractor.pipeline import run_stages
from extractor.read import docx as D
from extractor.read import read_bytes
from tests.docxzip import rezip

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"


def _doc(body: str) -> str:
    return (f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W_NS}" xmlns:mc="{MC_NS}" '
            'xmlns:v="urn:schemas-microsoft-com:vml" '
            'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
            f"<w:body>{body}<w:sectPr/></w:body></w:document>")


def _docx(body: str, styles: str | None = None) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", _doc(body).encode("utf-8"))
        if styles is not None:
            z.writestr("word/styles.xml", f'<w:styles xmlns:w="{W_NS}">{styles}</w:styles>'.encode())
    return buf.getvalue()


def _read(data: bytes) -> tuple:
    r = D.read_docx(Report(source="t.docx"), data)
    return r.text, r.blocks, [(g.rows, g.row_spans, g.start, g.end) for g in r.grids]


RPR = '<w:rPr><w:rFonts w:ascii="仿宋"/><w:sz w:val="32"/></w:rPr>'


def r(text: str, rpr: str = RPR) -> str:
    return f'<w:r>{rpr}<w:t xml:space="preserve">{text}</w:t></w:r>'


def p(*runs: str, ppr: str = "") -> str:
    return f"<w:p>{ppr}{''.join(runs)}</w:p>"


def tc(*paras: str) -> str:
    return f'<w:tc><w:tcPr><w:tcW w:w="2000"/></w:tcPr>{"".join(paras)}</w:tc>'


def tr(*cells: str, pr: str = "") -> str:
    return f"<w:tr>{'<w:trPr>' + pr + '</w:trPr>' if pr else ''}{''.join(cells)}</w:tr>"


def tbl(*rows: str) -> str:
    return f'<w:tbl><w:tblPr><w:tblW w:w="5000"/></w:tblPr>{"".join(rows)}</w:tbl>'


def hidden(text: str, val: str | None = None) -> str:
    v = "<w:vanish/>" if val is None else f'<w:vanish w:val="{val}"/>'
    return f'<w:r><w:rPr><w:rFonts w:ascii="仿宋"/>{v}<w:sz w:val="32"/></w:rPr><w:t>{text}</w:t></w:r>'


def vanish_alone(text: str) -> str:
    """A hidden run whose properties hold nothing but the vanish (what `_lean` must not take out)."""
    return f"<w:r><w:rPr><w:vanish/></w:rPr><w:t>{text}</w:t></w:r>"


def moved_from(text: str) -> str:
    return f'<w:moveFrom w:id="11" w:author="审核人" w:date="2024-01-01T00:00:00Z">{r(text)}</w:moveFrom>'


def moved_to(text: str) -> str:
    return f'<w:moveTo w:id="12" w:author="审核人" w:date="2024-01-01T00:00:00Z">{r(text)}</w:moveTo>'


def deleted(*parts: str) -> str:
    return f'<w:del w:id="13" w:author="审核人"><w:r>{RPR}{"".join(parts)}</w:r></w:del>'


def inserted(text: str) -> str:
    return f'<w:ins w:id="14" w:author="审核人">{r(text)}</w:ins>'


def text_box(*paras: str) -> str:
    """A text box as Word writes it: a drawing in the choice, the same box in VML in the fallback."""
    content = "<w:txbxContent>" + "".join(paras) + "</w:txbxContent>"
    return ('<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:wsp><wps:txbx>' + content
            + '</wps:txbx></wps:wsp></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox>' + content
            + "</v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>")


def mark_deleted(*runs: str) -> str:
    """A paragraph whose mark is deleted with changes tracked (it runs on into the next)."""
    return p(*runs, ppr='<w:pPr><w:jc w:val="left"/><w:rPr><w:del w:id="21" w:author="审核人"/></w:rPr></w:pPr>')


def ruby(base: str, guide: str) -> str:
    """Ruby as Word writes it (拼音指南): the guide text in `w:rt`, the base text in `w:rubyBase`."""
    return ('<w:r><w:ruby><w:rubyPr><w:rubyAlign w:val="center"/><w:hps w:val="16"/><w:hpsRaise w:val="30"/>'
            '<w:hpsBaseText w:val="32"/><w:lid w:val="zh-CN"/></w:rubyPr>'
            f'<w:rt><w:r><w:rPr><w:sz w:val="16"/></w:rPr><w:t>{guide}</w:t></w:r></w:rt>'
            f"<w:rubyBase>{r(base)}</w:rubyBase></w:ruby></w:r>")


def cell_tracked(text: str, change: str) -> str:
    """A cell deleted (`cellDel`) or inserted (`cellIns`) with changes tracked."""
    return f'<w:tc><w:tcPr><w:tcW w:w="2000"/><w:{change} w:id="22" w:author="审核人"/></w:tcPr>{p(r(text))}</w:tc>'


def vml_box(*paras: str) -> str:
    return "<w:r><w:pict><v:shape><v:textbox><w:txbxContent>" + "".join(paras) + "</w:txbxContent></v:textbox></v:shape></w:pict></w:r>"


HEAD = tr(tc(p(r("项目"))), tc(p(r("本年制发件数"))), tc(p(r("现行有效件数"))))
ROW1 = tr(tc(p(r("规章"))), tc(p(r("2"))), tc(p(r("7"))))
ROW2 = tr(tc(p(r("行政规范性文件"))), tc(p(r("5"))), tc(p(r("31"))))
PLAIN_TABLE = tbl(HEAD, ROW1, ROW2)
PLAIN_CELL_TABLE = tbl(HEAD, tr(tc(p(r("规章"))), tc(p(r("2"))), tc(p(r("7")))), ROW2)

HIDING_STYLES = (
    '<w:style w:type="paragraph" w:default="1" w:styleId="a"><w:name w:val="Normal"/></w:style>'
    '<w:style w:type="paragraph" w:styleId="z-"><w:name w:val="HTML Top of Form"/><w:basedOn w:val="a"/>'
    '<w:rPr><w:vanish/><w:sz w:val="16"/></w:rPr></w:style>'
    '<w:style w:type="paragraph" w:styleId="z-1"><w:name w:val="HTML Bottom of Form"/><w:basedOn w:val="z-"/></w:style>'
    '<w:style w:type="paragraph" w:styleId="b1"><w:name w:val="正文缩进"/><w:basedOn w:val="a"/></w:style>'
    '<w:style w:type="paragraph" w:styleId="z-2"><w:basedOn w:val="z-"/><w:rPr><w:vanish/></w:rPr></w:style>'
    '<w:style w:type="character" w:styleId="hid"><w:rPr><w:vanish w:val="1"/></w:rPr></w:style>'
    '<w:style w:type="character" w:styleId="off"><w:rPr><w:vanish w:val="0"/></w:rPr></w:style>'
    '<w:style w:type="character" w:styleId="hid2"><w:basedOn w:val="hid"/></w:style>')


#: document defaults that hide all text (docDefaults/rPrDefault), and a paragraph style that shows it
HIDDEN_BY_DEFAULT_STYLES = (
    '<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="仿宋"/><w:vanish/><w:sz w:val="32"/></w:rPr></w:rPrDefault>'
    '<w:pPrDefault><w:pPr><w:spacing w:after="0"/></w:pPr></w:pPrDefault></w:docDefaults>'
    '<w:style w:type="paragraph" w:default="1" w:styleId="a"><w:name w:val="Normal"/></w:style>'
    '<w:style w:type="paragraph" w:styleId="shown"><w:basedOn w:val="a"/><w:rPr><w:vanish w:val="0"/></w:rPr></w:style>'
    '<w:style w:type="character" w:styleId="hid"><w:rPr><w:vanish/></w:rPr></w:style>')


def pstyle(sid: str) -> str:
    return f'<w:pPr><w:pStyle w:val="{sid}"/><w:spacing w:after="0"/></w:pPr>'


def rstyle(text: str, sid: str) -> str:
    return f'<w:r><w:rPr><w:rStyle w:val="{sid}"/></w:rPr><w:t>{text}</w:t></w:r>'


#: (document with the feature, the same content written plainly, styles of the first)
CASES: dict[str, tuple[str, str, str | None]] = {
    # tracked changes
    "moved text: its old place": (
        p(r("全年共受理申请"), moved_from("十二件，"), r("均按时答复。")) + p(moved_to("十二件，"), r("另有咨询若干。")),
        p(r("全年共受理申请"), r("均按时答复。")) + p(r("十二件，"), r("另有咨询若干。")), None),
    "a moved paragraph": (
        p(moved_from("本段移到了后面。"), ppr='<w:pPr><w:rPr><w:moveFrom w:id="1" w:author="a"/></w:rPr></w:pPr>')
        + p(r("中间的段落。")) + p(moved_to("本段移到了后面。")),
        p(r("中间的段落。")) + p(r("本段移到了后面。")), None),
    "a deleted tab and break": (
        p(r("规章"), deleted("<w:tab/>", "<w:delText>旧文字</w:delText>", "<w:br/>"), r("三件")),
        p(r("规章"), r("三件")), None),
    "insertions kept": (
        p(r("依申请公开"), inserted("共计"), r("八件")), p(r("依申请公开"), r("共计"), r("八件")), None),
    "a deleted paragraph mark: the paragraph runs on into the next": (
        p(r("第一段"), ppr='<w:pPr><w:rPr><w:del w:id="2" w:author="a"/></w:rPr></w:pPr>') + p(r("第二段")),
        p(r("第一段"), r("第二段")), None),
    "marks deleted in a row, a bookmark between": (
        mark_deleted(r("全年共收到")) + '<w:bookmarkStart w:id="0" w:name="a"/>' + mark_deleted(r("政府信息公开申请"))
        + '<w:bookmarkEnd w:id="0"/>' + p(r("十四件。"), ppr='<w:pPr><w:ind w:firstLine="640"/></w:pPr>') + p(r("下一段")),
        p(r("全年共收到"), r("政府信息公开申请"), r("十四件。")) + p(r("下一段")), None),
    "a deleted mark before a table, or last in a cell, joins nothing": (
        mark_deleted(r("见下表")) + tbl(HEAD, tr(tc(p(r("规章")), mark_deleted(r("2"))), tc(p(r("7")))), ROW2),
        p(r("见下表")) + tbl(HEAD, tr(tc(p(r("规章")), p(r("2"))), tc(p(r("7")))), ROW2), None),
    "a deleted mark in a cell": (
        tbl(HEAD, tr(tc(mark_deleted(r("规")), p(r("章"))), tc(p(r("2"))), tc(mark_deleted(), p(r("7")))), ROW2),
        PLAIN_TABLE, None),
    "a deleted cell and an inserted one": (
        tbl(HEAD, tr(tc(p(r("规章"))), cell_tracked("9", "cellDel"), tc(p(r("2"))), tc(p(r("7")))),
            tr(tc(p(r("行政规范性文件"))), tc(p(r("5"))), cell_tracked("31", "cellIns"))),
        PLAIN_TABLE, None),
    # paragraph properties
    "tab stops are no characters": (
        p(r("一、总体情况"), ppr='<w:pPr><w:tabs><w:tab w:val="clear" w:pos="709"/><w:tab w:val="left" w:pos="709"/></w:tabs></w:pPr>')
        + tbl(HEAD, tr(tc(p(r("规章"), ppr='<w:pPr><w:tabs><w:tab w:val="left" w:pos="420"/></w:tabs></w:pPr>')),
                       tc(p(r("2"))), tc(p(r("7")))), ROW2),
        p(r("一、总体情况")) + PLAIN_TABLE, None),
    "a tab in the text is one": (
        p(r("规章"), "<w:r><w:tab/></w:r>", r("两件")), p(r("规章\t两件")), None),
    # ruby
    "ruby: the base text, not the guide": (
        p(r("政府"), ruby("信", "xìn"), ruby("息", "xī"), r("公开申请十四件。")),
        p(r("政府"), r("信"), r("息"), r("公开申请十四件。")), None),
    "ruby in a table": (
        tbl(HEAD, tr(tc(p(ruby("规", "guī"), r("章"))), tc(p(ruby("2", "èr"))), tc(p(r("7")))), ROW2),
        PLAIN_TABLE, None),
    "moved and deleted in a table": (
        tbl(HEAD, tr(tc(p(r("规章"), moved_from("（旧）"))), tc(p(deleted("<w:delText>9</w:delText>"), r("2"))),
                     tc(p(r("7"), deleted("<w:tab/>")))), ROW2),
        PLAIN_TABLE, None),
    "a deleted row": (
        tbl(HEAD, tr(tc(p(deleted("<w:delText>规章</w:delText>"))), tc(p(deleted("<w:delText>9</w:delText>"))),
                     tc(p(deleted("<w:delText>9</w:delText>"))), pr='<w:del w:id="3" w:author="a"/>'),
            ROW1, tr(tc(p(r("行政规范性文件"))), tc(p(r("5"))), tc(p(r("31"))), pr='<w:ins w:id="4" w:author="a"/>')),
        PLAIN_TABLE, None),
    # hidden text
    "hidden runs": (
        p(r("本年度收到申请"), hidden("（草稿：九件）"), r("十件。"), vanish_alone("备注")),
        p(r("本年度收到申请"), r("十件。")), None),
    "hidden on, off": (
        p(r("甲"), hidden("乙", "true"), hidden("丙", "1"), hidden("丁", "on"), hidden("戊", "false"),
          hidden("己", "0"), hidden("庚", "off")),
        p(r("甲"), r("戊"), r("己"), r("庚")), None),
    "a hidden paragraph mark or old formatting hides nothing": (
        p(r("段落标记隐藏"), ppr="<w:pPr><w:rPr><w:vanish/></w:rPr></w:pPr>")
        + p('<w:r><w:rPr><w:b/><w:rPrChange w:id="5" w:author="a"><w:rPr><w:vanish/></w:rPr></w:rPrChange></w:rPr>'
            "<w:t>曾经隐藏</w:t></w:r>"),
        p(r("段落标记隐藏")) + p(r("曾经隐藏")), None),
    "hidden text in a table": (
        tbl(HEAD, tr(tc(p(r("规章"), vanish_alone("（内部）"))), tc(p(hidden("9"), r("2"))), tc(p(r("7")))), ROW2),
        PLAIN_TABLE, None),
    "hidden styles": (
        p(r("窗体顶端"), ppr=pstyle("z-")) + p(r("政府信息公开工作情况如下。"), ppr=pstyle("b1"))
        + p(r("窗体底端"), ppr=pstyle("z-1"))
        + p(r("规章"), rstyle("（批注）", "hid"), rstyle("（批注二）", "hid2"), r("两件"))
        + p(r("隐藏段落中"), rstyle("再隐藏即显示", "hid"), rstyle("关闭不改变", "off"), hidden("直接显示", "off"),
            ppr=pstyle("z-"))
        + p(r("基于隐藏样式又隐藏的样式"), rstyle("照常隐藏", "off"), rstyle("翻转显示", "hid2"), ppr=pstyle("z-2")),
        p(r("政府信息公开工作情况如下。")) + p(r("规章"), r("两件")) + p(r("再隐藏即显示"), r("直接显示"))
        + p(r("翻转显示")),
        HIDING_STYLES),
    "text hidden by the document defaults": (
        p(r("默认隐藏的段落")) + p(r("样式显示的段落"), rstyle("（字符样式又隐藏）", "hid"), ppr=pstyle("shown"))
        + p(hidden("直接显示的文字", "0"), r("默认隐藏")) + p(r("无样式名的默认段落"), ppr=pstyle("nosuch")),
        p(r("样式显示的段落")) + p(r("直接显示的文字")), HIDDEN_BY_DEFAULT_STYLES),
    "document defaults that hide text, no style named": (
        p(r("默认隐藏")) + p(hidden("唯一显示", "false")), p(r("唯一显示")), HIDDEN_BY_DEFAULT_STYLES),
    "document defaults that hide nothing": (
        p(r("照常显示")), p(r("照常显示")), HIDDEN_BY_DEFAULT_STYLES.replace("<w:vanish/><w:sz", '<w:vanish w:val="off"/><w:sz')),
    # wrappers
    "custom XML around paragraphs and a table": (
        '<w:customXml w:element="section"><w:customXmlPr/>' + p(r("一、总体情况"))
        + '<w:customXml w:element="para">' + p(r("本机关主动公开信息。")) + "</w:customXml>" + PLAIN_TABLE + "</w:customXml>"
        + p(r("二、其他")),
        p(r("一、总体情况")) + p(r("本机关主动公开信息。")) + PLAIN_TABLE + p(r("二、其他")), None),
    "content controls inside content controls": (
        "<w:sdt><w:sdtPr/><w:sdtContent>" + p(r("甲段")) + "<w:sdt><w:sdtContent>" + p(r("乙段")) + PLAIN_TABLE
        + "</w:sdtContent></w:sdt><w:customXml>" + p(r("丙段")) + "</w:customXml></w:sdtContent></w:sdt>",
        p(r("甲段")) + p(r("乙段")) + PLAIN_TABLE + p(r("丙段")), None),
    "rows and cells in custom XML and content controls": (
        tbl('<w:customXml w:element="head">' + HEAD + "</w:customXml>",
            tr('<w:sdt><w:sdtContent>' + tc(p(r("规章"))) + "</w:sdtContent></w:sdt>",
               '<w:customXml w:element="cell">' + tc(p(r("2"))) + "</w:customXml>", tc(p(r("7")))),
            "<w:sdt><w:sdtContent>" + ROW2 + "</w:sdtContent></w:sdt>"),
        PLAIN_TABLE, None),
    "inline wrappers": (
        p('<w:customXml w:element="n">' + r("本年") + "</w:customXml>", '<w:smartTag w:element="date">' + r("共收到") + "</w:smartTag>",
          '<w:hyperlink r:id="x" xmlns:r="urn:r">' + r("申请") + "</w:hyperlink>",
          '<w:fldSimple w:instr=" =6+1 ">' + r("7") + "</w:fldSimple>",
          "<w:sdt><w:sdtPr/><w:sdtContent>" + r("件") + "</w:sdtContent></w:sdt>"),
        p(r("本年"), r("共收到"), r("申请"), r("7"), r("件")), None),
    "inline wrappers in a cell": (
        tbl(HEAD, tr(tc(p('<w:smartTag w:element="x">' + r("规章") + "</w:smartTag>")),
                     tc(p('<w:customXml w:element="n">' + r("2") + "</w:customXml>")),
                     tc(p('<w:fldSimple w:instr=" =7 ">' + r("7") + "</w:fldSimple>"))),
            tr(tc(p('<w:hyperlink w:anchor="a">' + r("行政") + "</w:hyperlink>", "<w:sdt><w:sdtContent>" + r("规范性文件")
                    + "</w:sdtContent></w:sdt>")), tc(p(r("5"))), tc(p(r("3"), inserted("1"))))),
        PLAIN_TABLE, None),
    "a layout table's cells in custom XML and content controls": (
        tbl(tr('<w:customXml w:element="frame">' + tc(p(r("框架左栏")), PLAIN_TABLE, p(r("左栏尾"))) + "</w:customXml>",
               tc("<w:sdt><w:sdtContent>" + p(r("右栏")) + "</w:sdtContent></w:sdt>",
                  '<w:customXml w:element="inner">' + PLAIN_TABLE + p(r("右栏尾")) + "</w:customXml>"))),
        tbl(tr(tc(p(r("框架左栏")), PLAIN_TABLE, p(r("左栏尾"))), tc(p(r("右栏")), PLAIN_TABLE, p(r("右栏尾"))))), None),
    "custom XML around a cell's paragraph": (
        tbl(HEAD, tr(tc('<w:customXml w:element="c">' + p(r("规章")) + "</w:customXml>"), tc(p(r("2"))), tc(p(r("7")))), ROW2),
        PLAIN_TABLE, None),
    "a text box in choice and fallback": (
        p(r("正文在框前"), text_box(p(r("框内文字一")), p(r("框内文字二"))), r("，正文在框后。")) + p(r("下一段")),
        p(r("正文在框前"), r("，正文在框后。")) + p(r("框内文字一")) + p(r("框内文字二")) + p(r("下一段")), None),
    "a fallback that alone holds the text": (
        p(r("前"), '<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing/></mc:Choice><mc:Fallback><w:pict>'
                   "<v:shape><v:textbox><w:txbxContent>" + p(r("旧式框")) + "</w:txbxContent></v:textbox></v:shape></w:pict>"
                   "</mc:Fallback></mc:AlternateContent></w:r>"),
        p(r("前")) + p(r("旧式框")), None),
    "two text boxes and one inside another": (
        p(r("锚"), text_box(p(r("一号框"), vml_box(p(r("内框"))))), vml_box(p(r("二号框")))),
        p(r("锚")) + p(r("一号框")) + p(r("内框")) + p(r("二号框")), None),
    "a text box in a table's cell": (
        tbl(HEAD, tr(tc(p(r("规章"), text_box(p(r("2"))))), tc(p(r("7")))), ROW2),
        tbl(HEAD, tr(tc(p(r("规章")), p(r("2"))), tc(p(r("7")))), ROW2), None),
    "a text box holding a table": (
        p(r("见下表"), text_box(p(r("表题")), PLAIN_TABLE)),
        p(r("见下表")) + p(r("表题")) + PLAIN_TABLE, None),
    "alternate content around paragraphs": (
        '<mc:AlternateContent><mc:Choice Requires="w14">' + p(r("新版段落")) + "</mc:Choice><mc:Fallback>"
        + p(r("新版段落")) + "</mc:Fallback></mc:AlternateContent>" + p(r("尾段")),
        p(r("新版段落")) + p(r("尾段")), None),
}


@pytest.mark.parametrize("name", list(CASES))
def test_word_feature_reads_as_the_plain_document(name: str) -> None:
    featured, plain, styles = CASES[name]
    got = _read(_docx(featured, styles))
    want = _read(_docx(plain))
    assert got == want
    assert want[0].strip()  # the plain document says something


@pytest.mark.parametrize("name", ["hidden runs", "hidden text in a table", "hidden styles", "moved text: its old place",
                                  "a deleted paragraph mark: the paragraph runs on into the next", "a deleted mark in a cell"])
def test_lean_keeps_what_hides_text(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    featured, _plain, styles = CASES[name]
    data = _docx(featured, styles)
    leaned = _read(data)
    with monkeypatch.context() as m:
        m.setattr(D, "_lean", lambda xml: xml)
        assert _read(data) == leaned


def chunk(rid: str) -> str:
    return f'<w:altChunk r:id="{rid}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"/>'


def _docx_with_parts(body: str, parts: dict[str, tuple[str, bytes]]) -> bytes:
    """A DOCX whose altChunk elements name parts: {relationship id: (target, bytes)}."""
    rels = "".join(f'<Relationship Id="{rid}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/aFChunk"'
                   f' Target="{target}"/>' for rid, (target, _) in parts.items())
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", _doc(body).encode("utf-8"))
        z.writestr("word/_rels/document.xml.rels",
                   f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rels}</Relationships>')
        for target, data in parts.values():
            z.writestr(target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("word", target)), data)
    return buf.getvalue()


def test_embedded_content_not_read_is_said() -> None:
    """altChunk naming a part that is no web page (RTF), or none at all: not read, and the
    report's notes say how many; the rest is read as the plain document."""
    data = _docx_with_parts(p(r("一、总体情况")) + chunk("rId9") + PLAIN_TABLE + chunk("rId3"),
                            {"rId3": ("chunk.rtf", rb"{\rtf1\ansi \u35268?\u31456? 2 7}")})
    rep = D.read_docx(Report(source="t.docx"), data)
    plain = D.read_docx(Report(source="t.docx"), _docx(p(r("一、总体情况")) + PLAIN_TABLE))
    assert rep.text == plain.text and [g.rows for g in rep.grids] == [g.rows for g in plain.grids]
    assert len(rep.notes) == 1 and "2 处" in rep.notes[0] and "altChunk" in rep.notes[0] and "未读取" in rep.notes[0]
    assert not plain.notes


def _html_tables(*tables: tuple[tuple[str, ...], ...]) -> str:
    return "".join("<table border='1'>" + "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in t)
                   + "</table>" for t in tables)


def _mht(page: str, charset: str) -> bytes:
    """A web archive (MHT) as Word and web editors save it: the page quoted-printable in one part."""
    import quopri

    body = quopri.encodestring(page.encode(charset)).decode("ascii")
    return ("MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"----=_NextPart_01\"\r\n\r\n"
            "------=_NextPart_01\r\nContent-Location: file:///C:/chunk.htm\r\nContent-Transfer-Encoding: quoted-printable\r\n"
            f"Content-Type: text/html; charset=\"{charset}\"\r\n\r\n{body}\r\n------=_NextPart_01--\r\n").encode("ascii")


@pytest.mark.parametrize("form", ["html", "mht"])
def test_embedded_web_page_is_read_in_its_place(form: str) -> None:
    """The report's second table and its prose after it as an embedded page (HTML, or an MHT in
    GBK): the fields and claims of the report written plainly, and no note."""
    page = ("<html><head><meta charset='utf-8'></head><body>" + _html_tables((T2_HEAD, *T2_ROWS), T2_ONE)
            + "".join(f"<p>{s}</p>" for s in AFTER) + "</body></html>")
    part = ("/word/chunk1.htm", page.encode("utf-8")) if form == "html" else ("afchunk.mht", _mht(page, "gbk"))
    body = "".join(p(r(s)) for s in [TITLE, *PROSE]) + chunk("rId7")
    data = _docx_with_parts(body, {"rId7": part})
    rep = read_bytes(data, "r.docx", ".docx")
    assert not rep.notes and len(rep.grids) == 2
    assert _fields_and_claims(data) == _fields_and_claims(_docx(_report("")))


def test_embedded_page_named_again_is_read_again_within_a_budget(monkeypatch: pytest.MonkeyPatch) -> None:
    """A part named three times is in the text three times, as Word merges it, until the budget of
    bytes taken from embedded parts is spent: then the rest is counted as not read."""
    page = "<html><body><p>嵌入的段落。</p></body></html>".encode()
    body = p(r("正文")) + chunk("rId1") + chunk("rId1") + chunk("rId1")
    data = _docx_with_parts(body, {"rId1": ("c.htm", page)})
    rep = D.read_docx(Report(source="t.docx"), data)
    assert rep.text.count("嵌入的段落。") == 3 and not rep.notes
    monkeypatch.setattr(D, "MAX_CHUNK_BYTES", 2 * len(page) + 1)
    rep = D.read_docx(Report(source="t.docx"), data)
    assert rep.text.count("嵌入的段落。") == 2 and len(rep.notes) == 1 and "1 处" in rep.notes[0]


def test_a_long_chain_of_deleted_marks_reads_in_linear_time() -> None:
    """Paragraphs whose marks are deleted, one after another, all run on into the last: each
    element is moved once (joining first to last took 12 s for 2,000 of them)."""
    import time

    n = 3000
    data = _docx("".join(mark_deleted(r("字")) for _ in range(n)) + p(r("尾")))
    t = time.perf_counter()
    rep = D.read_docx(Report(source="t.docx"), data)
    assert rep.text == "字" * n + "尾\n" and len(rep.blocks) == 1
    assert time.perf_counter() - t < 5.0


def test_lean_still_takes_out_what_hides_nothing() -> None:
    xml = _doc(p(r("甲"), hidden("乙"), '<w:r><w:rPr><w:specVanish/></w:rPr><w:t>丙</w:t></w:r>')).encode()
    lean = D._lean(xml)
    assert lean.count(b"<w:rPr>") == 1 and b"<w:vanish/>" in lean and b"specVanish" not in lean


def test_a_style_that_hides_nothing_used_keeps_the_document_lean(monkeypatch: pytest.MonkeyPatch) -> None:
    """Styles that hide text but are not used: the document is leaned as any other."""
    calls: list[bytes] = []
    real = D._lean

    def lean(xml: bytes) -> bytes:
        calls.append(xml)
        return real(xml)

    monkeypatch.setattr(D, "_lean", lean)
    D.read_docx(Report(source="t.docx"), _docx(p(r("正文"), ppr=pstyle("b1")), HIDING_STYLES))
    assert calls
    calls.clear()
    D.read_docx(Report(source="t.docx"), _docx(p(r("窗体顶端"), ppr=pstyle("z-")), HIDING_STYLES))
    assert not calls  # the paragraph style is needed: not leaned away


# ---------------------------------------------------------------- a small report

TITLE = "清河县统计局2023年政府信息公开工作年度报告"
PROSE = [
    "一、总体情况",
    "本年度，我局坚持以公开为常态，全年主动公开政府信息126条，新制发行政规范性文件5件。",
    "全年共收到政府信息公开申请14件，均在法定期限内答复。",
    "二、主动公开政府信息情况",
]
T2_HEAD = ("信息内容", "本年制发件数", "本年废止件数", "现行有效件数")
T2_ROWS = (("规章", "0", "0", "0"), ("行政规范性文件", "5", "1", "23"))
T2_ONE = (("信息内容", "本年处理决定数量"), ("行政许可", "38"), ("行政处罚", "17"), ("行政强制", "0"))
AFTER = ["三、收到和处理政府信息公开申请情况", "本年度新收申请14件，上年结转0件，办结14件。"]


def _table(rows: tuple[tuple[str, ...], ...], cell: Callable[[str], str] = lambda s: p(r(s))) -> str:
    return tbl(*(tr(*(tc(cell(s)) for s in row)) for row in rows))


def _report(feature: str) -> str:
    """The report's body, written plainly ('') or with one Word feature through it."""
    paras = [TITLE, *PROSE]
    body = []
    for i, s in enumerate(paras):
        if feature == "moved" and i == 2:  # the next sentence stood before this one: moved after it
            body.append(p(moved_from(paras[3])) + p(r(s)))
        elif feature == "moved" and i == 3:
            body.append(p(moved_to(s), deleted("<w:delText>另有88件</w:delText>", "<w:tab/>")))
        elif feature == "hidden":
            body.append(p(r(s), hidden("（旧稿：收到申请31件，主动公开政府信息200条）")))
        elif feature == "hidden style" and i == 1:
            body.append(p(r("窗体顶端，收到申请31件"), ppr=pstyle("z-")) + p(r(s), ppr=pstyle("b1")))
        elif feature == "custom XML":
            body.append('<w:customXml w:element="para">' + p('<w:smartTag w:element="n">' + r(s) + "</w:smartTag>") + "</w:customXml>")
        elif feature == "text box" and i == 2:
            body.append(p(text_box(p(r(s)))))
        elif feature == "mark deleted" and i in (1, 2):  # a sentence split in two paragraphs, rejoined
            cut = len(s) // 2
            body.append(mark_deleted(r(s[:cut])) + p(r(s[cut:])))
        elif feature == "ruby" and i == 2:
            body.append(p(*(ruby(ch, "pīn") if "\u4e00" <= ch <= "\u9fff" else r(ch) for ch in s)))
        else:
            body.append(p(r(s)))
    t2 = _table((T2_HEAD, *T2_ROWS))
    t2b = _table(T2_ONE)
    if feature == "hidden":
        t2 = _table((T2_HEAD, *T2_ROWS), cell=lambda s: p(r(s), hidden("9")))
    elif feature == "custom XML":
        t2 = '<w:customXml w:element="t2">' + tbl(*("<w:customXml>" + tr(*(tc(p(r(s))) for s in row)) + "</w:customXml>"
                                                   for row in (T2_HEAD, *T2_ROWS))) + "</w:customXml>"
    tail = [p(r(s)) for s in AFTER]
    return "".join(body) + t2 + t2b + "".join(tail)


def _fields_and_claims(data: bytes) -> tuple[dict[str, object], list[tuple[str, object, str]]]:
    rep = read_bytes(data, "r.docx", ".docx")
    run_stages(rep, "check")
    return ({k: f.value for k, f in rep.fields.items()},
            [(c.metric, c.value, c.scope) for c in rep.claims])


@pytest.mark.parametrize("feature", ["moved", "hidden", "hidden style", "custom XML", "text box", "mark deleted", "ruby"])
def test_report_with_word_features_gives_the_fields_and_claims_of_the_plain_one(feature: str) -> None:
    plain = _fields_and_claims(_docx(_report("")))
    got = _fields_and_claims(_docx(_report(feature), HIDING_STYLES if feature == "hidden style" else None))
    assert plain[0] and plain[1]  # the plain report has fields and claims to compare
    assert got == plain


# ---------------------------------------------------------------- generated reports, rewritten

_FIGURE_RUN = re.compile(rb"(<w:r>(?:<w:rPr>(?:(?!</w:rPr>).)*</w:rPr>)?)(<w:t(?: [^>]*)?>[0-9]+</w:t></w:r>)")
_BODY_PARA = re.compile(rb"<w:p>(?:(?!</w:p>).)*</w:p>", re.S)
_RUNS = re.compile(rb"(<w:p>(?:<w:pPr>(?:(?!</w:pPr>).)*</w:pPr>)?)((?:(?!</w:p>).)*)(</w:p>)", re.S)


def _outside_tables(xml: bytes, rewrite: Callable[[re.Match[bytes]], bytes], pattern: re.Pattern[bytes]) -> bytes:
    """`rewrite` applied to the matches of `pattern` that stand outside every table."""
    out, at = [], 0
    for t in re.finditer(rb"<w:tbl>.*?</w:tbl>|$", xml, re.S):
        out.append(pattern.sub(rewrite, xml[at:t.start()]))
        out.append(t.group(0))
        at = t.end()
    return b"".join(out)


def hidden_figures(xml: bytes) -> bytes:
    """Before every figure, a hidden run with another figure (a draft's, kept hidden)."""
    return _FIGURE_RUN.sub(lambda m: b"<w:r><w:rPr><w:vanish/></w:rPr><w:t>9</w:t></w:r>" + m.group(0), xml)


def moved_prose(xml: bytes) -> bytes:
    """Every prose paragraph's runs also at an old place they were moved from, at its start."""
    def one(m: re.Match[bytes]) -> bytes:
        runs = m.group(2)
        return m.group(1) + b'<w:moveFrom w:id="1" w:author="a">' + runs + b"</w:moveFrom>" + runs + m.group(3)
    return _outside_tables(xml, one, _RUNS)


def deleted_in_figures(xml: bytes) -> bytes:
    """Every figure of two or more digits cut after its first digit by a deleted run holding a
    break, a tab and another digit (a figure corrected with changes tracked)."""
    deleted = b'<w:del w:id="2" w:author="a"><w:r><w:br/><w:tab/><w:delText>8</w:delText></w:r></w:del>'

    def one(m: re.Match[bytes]) -> bytes:
        run, head, tail = m.group(1), m.group(2), m.group(3)
        return run + head + b"</w:t></w:r>" + deleted + run + tail + b"</w:t></w:r>"

    return re.sub(rb"(<w:r>(?:<w:rPr>(?:(?!</w:rPr>).)*</w:rPr>)?<w:t(?: [^>]*)?>)([0-9])([0-9]+)</w:t></w:r>", one, xml)


def rows_and_prose_in_custom_xml(xml: bytes) -> bytes:
    xml = re.sub(rb"<w:tr>.*?</w:tr>", lambda m: b'<w:customXml w:element="row">' + m.group(0) + b"</w:customXml>", xml, flags=re.S)
    return _outside_tables(xml, lambda m: b'<w:customXml w:element="para">' + m.group(0) + b"</w:customXml>", _BODY_PARA)


def prose_in_text_boxes(xml: bytes) -> bytes:
    """Every prose paragraph inside a text box (choice and fallback) anchored in an empty paragraph."""
    def one(m: re.Match[bytes]) -> bytes:
        return p(text_box(m.group(0).decode())).encode()
    return _outside_tables(xml, one, _BODY_PARA)


GENERATED_REWRITES: dict[str, Callable[[bytes], bytes]] = {
    "hidden figures": hidden_figures,
    "moved prose": moved_prose,
    "figures corrected with changes tracked": deleted_in_figures,
    "rows and prose in custom XML": rows_and_prose_in_custom_xml,
    "prose in text boxes": prose_in_text_boxes,
}


@pytest.mark.parametrize("seed", [3, 8])
@pytest.mark.parametrize("name", list(GENERATED_REWRITES))
def test_generated_report_with_word_features_reads_as_written(name: str, seed: int) -> None:
    from xxgk_synth import random_report, render_bytes
    from xxgk_synth.corpus import render_options

    spec = random_report(seed)
    data = render_bytes(spec, "docx", render_options(seed))
    rewritten = rezip(data, GENERATED_REWRITES[name])
    assert rewritten != data
    plain = _fields_and_claims(data)
    got = _fields_and_claims(rewritten)
    assert {k: v for k, v in got[0].items() if v != spec.values.get(k, v)} == {}
    assert got == plain
