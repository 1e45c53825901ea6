"""DOCX: the run and paragraph properties taken out before parsing (`docx._lean`) change nothing the
reader gives — text, blocks, grids and their cells — on generated reports, the official form, and
documents written for the test with the property markup that could go wrong (tab stops, tracked
property changes, properties in comments, `w:` bound to another namespace, CDATA)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from xxgk_synth import random_report, render_bytes
from xxgk_synth.corpus import render_options

from extractor.model import Report
from extractor.read import docx as D

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _docx(document_xml: str) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", document_xml.encode("utf-8"))
    return buf.getvalue()


def _read(data: bytes, monkeypatch: pytest.MonkeyPatch, lean: bool) -> tuple:
    with monkeypatch.context() as m:
        if not lean:
            m.setattr(D, "_lean", lambda xml: xml)
        r = D.read_docx(Report(source="t.docx"), data)
    return r.text, r.blocks, [(g.rows, g.row_spans, g.start, g.end) for g in r.grids]


def _doc(body: str) -> str:
    return f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W_NS}"><w:body>{body}</w:body></w:document>'


RPR = '<w:rPr><w:rFonts w:ascii="仿宋"/><w:sz w:val="21"/></w:rPr>'
PPR = f'<w:pPr><w:spacing w:after="0"/><w:jc w:val="center"/>{RPR}</w:pPr>'
CELL = f'<w:tc><w:tcPr><w:tcW w:w="1"/></w:tcPr><w:p>{PPR}<w:r>{RPR}<w:t>{{}}</w:t></w:r></w:p></w:tc>'
TABLE = "<w:tbl><w:tblPr/>" + "".join(
    f"<w:tr>{CELL.format(a)}{CELL.format(b)}</w:tr>" for a, b in (("项目", "数量"), ("规章", "3"), ("文件", "12"))) + "</w:tbl>"

DOCUMENTS = {
    "plain properties": _doc(f"<w:p>{PPR}<w:r>{RPR}<w:t>一、总体情况</w:t></w:r></w:p>{TABLE}"),
    "tab stops in the paragraph properties": _doc(
        '<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="420"/></w:tabs><w:jc w:val="left"/></w:pPr>'
        f"<w:r>{RPR}<w:t>甲</w:t></w:r></w:p>{TABLE}"),
    "a tab and a break as run properties' neighbours": _doc(
        f'<w:p><w:pPr><w:rPr><w:tab/></w:rPr></w:pPr><w:r><w:rPr><w:br/></w:rPr><w:t>乙</w:t></w:r></w:p>{TABLE}'),
    "tracked property changes": _doc(
        f'<w:p><w:pPr><w:jc w:val="left"/><w:pPrChange w:id="1"><w:pPr><w:jc w:val="center"/></w:pPr></w:pPrChange></w:pPr>'
        f'<w:r><w:rPr><w:b/><w:rPrChange w:id="2"><w:rPr><w:i/></w:rPr></w:rPrChange></w:rPr><w:t>丙</w:t></w:r></w:p>{TABLE}'),
    "properties in a comment": _doc(f"<w:p><!-- {RPR} --><w:r><w:t>丁</w:t></w:r></w:p>{TABLE}"),
    "w bound to another namespace": (
        f'<x:document xmlns:x="{W_NS}" xmlns:w="urn:other"><x:body><x:p><x:r><x:t>戊<w:rPr></w:rPr>己</x:t></x:r></x:p>'
        "</x:body></x:document>"),
    "w bound twice": _doc(
        f'<w:p><w:r><w:t>己</w:t></w:r></w:p><w:p xmlns:w="urn:other"><w:r><w:t>a<w:rPr></w:rPr>b</w:t></w:r></w:p>{TABLE}'),
    "CDATA that looks like properties": _doc(f"<w:p><w:r><w:t><![CDATA[<w:rPr><w:b/></w:rPr>]]>庚</w:t></w:r></w:p>{TABLE}"),
    "table properties and cell borders": _doc(
        '<w:tbl><w:tblPr><w:tblW w:w="5000"/><w:tblBorders><w:top w:val="single"/></w:tblBorders></w:tblPr>'
        '<w:tblGrid><w:gridCol w:w="1"/><w:gridCol w:w="1"/></w:tblGrid><w:tr><w:tc><w:tcPr><w:tcW w:w="1"/>'
        '<w:tcBorders><w:top w:val="single"/><w:left w:val="nil"/></w:tcBorders><w:gridSpan w:val="2"/></w:tcPr>'
        '<w:p><w:r><w:t>项目</w:t></w:r></w:p></w:tc></w:tr><w:tr><w:tc><w:tcPr><w:tcBorders><w:tab></w:tab></w:tcBorders>'
        '</w:tcPr><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc><w:tc><w:p><w:pPr><w:tab></w:tab></w:pPr><w:r><w:t>2</w:t>'
        '</w:r></w:p></w:tc></w:tr></w:tbl>'),
    "empty properties": _doc(f"<w:p><w:pPr></w:pPr><w:r><w:rPr/><w:t>辛</w:t></w:r></w:p>{TABLE}"),
}


@pytest.mark.parametrize("name", list(DOCUMENTS))
def test_leaner_document_reads_the_same(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    data = _docx(DOCUMENTS[name])
    assert _read(data, monkeypatch, lean=True) == _read(data, monkeypatch, lean=False)


def test_lean_takes_the_properties_out() -> None:
    xml = DOCUMENTS["plain properties"].encode("utf-8")
    lean = D._lean(xml)
    assert b"rPr" not in lean and b"pPr" not in lean and b"<w:t>" in lean
    lean = D._lean(DOCUMENTS["table properties and cell borders"].encode("utf-8"))
    assert b"tblPr" not in lean and b"tblGrid" not in lean and b"gridSpan" in lean and lean.count(b"tcBorders") == 2
    assert D._lean(DOCUMENTS["w bound twice"].encode("utf-8")) == DOCUMENTS["w bound twice"].encode("utf-8")


@pytest.mark.parametrize("seed", [1, 2, 3, 4, 5])
def test_generated_reports_read_the_same(seed: int, monkeypatch: pytest.MonkeyPatch) -> None:
    data = render_bytes(random_report(seed), "docx", render_options(seed))
    assert _read(data, monkeypatch, lean=True) == _read(data, monkeypatch, lean=False)


def test_the_official_form_reads_the_same(shared_corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = (shared_corpus / "template-2021-form.docx").read_bytes()
    assert _read(data, monkeypatch, lean=True) == _read(data, monkeypatch, lean=False)
