"""Word (.docx) built with python-docx, its tables written cell by cell and merged like the official blank form.

The tables come from `layout`: a cell spanning columns becomes one <w:tc> with <w:gridSpan>, a
cell spanning rows a <w:vMerge w:val="restart"/> followed by <w:vMerge/> continuations — the
structure of the form published with 国办公开办函〔2021〕30号 (表二 on a 4-column grid, 表三 on
3 label + 7 value columns, 表四 on 15 columns).
"""

from __future__ import annotations

import datetime
import io
import zipfile
from xml.sax.saxutils import escape

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Pt, Twips
from docx.text.paragraph import Paragraph

from ..layout import Cell, Table, tables
from ..spec import ReportSpec

BODY_FONT = "仿宋_GB2312"
HEAD_FONT = "黑体"
TITLE_FONT = "方正小标宋简体"
_EPOCH = datetime.datetime(2020, 1, 1)


def _font(run_or_style: object, name: str, size: float) -> None:
    font = run_or_style.font  # type: ignore[attr-defined]
    font.name = name
    font.size = Pt(size)
    el = run_or_style.element  # type: ignore[attr-defined]
    rpr = el.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    fonts.set(qn("w:eastAsia"), name)


def _para(
    doc: docx.document.Document,
    text: str,
    *,
    font: str = BODY_FONT,
    size: float = 16,
    bold: bool = False,
    align: WD_ALIGN_PARAGRAPH | None = None,
    indent: bool = True,
) -> Paragraph:
    p = doc.add_paragraph()
    if align is not None:
        p.alignment = align
    if indent:
        p.paragraph_format.first_line_indent = Pt(size * 2)
    p.paragraph_format.space_after = Pt(0)
    run = p.add_run(text)
    run.bold = bold
    _font(run, font, size)
    return p


def _run(text: str, size: float) -> str:
    half_points = int(size * 2)
    return (
        f'<w:r><w:rPr><w:rFonts w:ascii="{BODY_FONT}" w:hAnsi="{BODY_FONT}" w:eastAsia="{BODY_FONT}"/>'
        f'<w:sz w:val="{half_points}"/><w:szCs w:val="{half_points}"/></w:rPr>'
        f'<w:t xml:space="preserve">{escape(text)}</w:t></w:r>'
    )


def _tc(t: Table, c: Cell, continued: bool, size: float) -> str:
    width = sum(t.widths[c.col : c.col + c.colspan])
    props = f'<w:tcW w:w="{width}" w:type="dxa"/>'
    if c.colspan > 1:
        props += f'<w:gridSpan w:val="{c.colspan}"/>'
    if c.rowspan > 1:
        props += "<w:vMerge/>" if continued else '<w:vMerge w:val="restart"/>'
    props += '<w:vAlign w:val="center"/>'
    paras = []
    for line in [""] if continued else c.text.split("\n"):
        centred = c.key is not None or (c.header and len(line) < 12)
        jc = '<w:jc w:val="center"/>' if centred else ""
        paras.append(
            f'<w:p><w:pPr><w:spacing w:after="0"/>{jc}</w:pPr>{_run(line, size) if line else ""}</w:p>'
        )
    return f"<w:tc><w:tcPr>{props}</w:tcPr>{''.join(paras)}</w:tc>"


def table_xml(t: Table) -> str:
    """The <w:tbl> of a layout table: one <w:tc> per Word cell, spans as gridSpan / vMerge."""
    size = 10.5 if t.name == "t2" else 9
    border = "".join(
        f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="auto"/>'
        for side in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    rows = []
    for r in range(t.n_rows):
        cells = "".join(_tc(t, c, cont, size) for c, cont in t.word_row(r))
        rows.append(f"<w:tr><w:trPr><w:cantSplit/></w:trPr>{cells}</w:tr>")
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in t.widths)
    return (
        f'<w:tbl {nsdecls("w")}><w:tblPr><w:tblW w:w="{sum(t.widths)}" w:type="dxa"/><w:jc w:val="center"/>'
        f'<w:tblBorders>{border}</w:tblBorders><w:tblLayout w:type="fixed"/>'
        '<w:tblCellMar><w:left w:w="57" w:type="dxa"/><w:right w:w="57" w:type="dxa"/></w:tblCellMar>'
        f"</w:tblPr><w:tblGrid>{grid}</w:tblGrid>{''.join(rows)}</w:tbl>"
    )


def _table(doc: docx.document.Document, t: Table) -> None:
    body = doc.element.body
    body.insert(len(body) - 1, parse_xml(table_xml(t)))  # before the final <w:sectPr>


def build(spec: ReportSpec, wrap: bool = False) -> docx.document.Document:
    doc = docx.Document()
    sec = doc.sections[0]
    sec.page_width, sec.page_height = Twips(11906), Twips(16838)
    sec.left_margin = sec.right_margin = Twips(1800)
    sec.top_margin = sec.bottom_margin = Twips(1440)
    _font(doc.styles["Normal"], BODY_FONT, 16)
    tabs = tables(spec, wrap)
    _para(doc, spec.title, font=TITLE_FONT, size=22, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False)
    for p in spec.preamble:
        _para(doc, p)
    for s in spec.sections:
        _para(doc, s.title, font=HEAD_FONT)
        for p in s.paragraphs:
            _para(doc, p)
        if s.table:
            _table(doc, tabs[s.table])
            doc.add_paragraph()
        for p in s.after:
            _para(doc, p)
    for line in spec.closing:
        _para(doc, line, align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False)
    doc.core_properties.title = spec.title
    doc.core_properties.author = spec.body
    return doc


def render(spec: ReportSpec, wrap: bool = False) -> bytes:
    """The .docx bytes; the same spec always gives the same bytes (fixed dates in the package)."""
    doc = build(spec, wrap)
    when = datetime.datetime.fromisoformat(spec.publish_date) if spec.publish_date else _EPOCH
    props = doc.core_properties
    props.created = props.modified = props.last_printed = when
    props.last_modified_by = spec.body
    props.revision = 1
    buf = io.BytesIO()
    doc.save(buf)
    out = io.BytesIO()
    with zipfile.ZipFile(buf) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=when.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()
