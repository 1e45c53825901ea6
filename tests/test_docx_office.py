"""DOCX as offices write them, on generated reports whose document the test rewrites: the whole
report inside a layout table (a page pasted into a one-cell frame), a table cut in two by a page
break, figures split over several runs, inside hyperlinks and field results. Every table figure is
read as the generator wrote it, and the tables inside a layout table are read as tables."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from xxgk_synth import random_report, render_bytes
from xxgk_synth.corpus import render_options

from extractor.pipeline import run_stages
from extractor.read import read_bytes
from tests.docxzip import rezip

Rewrite = Callable[[bytes], bytes]


def _body(xml: bytes) -> re.Match[bytes]:
    m = re.search(rb"<w:body>(.*?)(<w:sectPr\b.*)?</w:body>", xml, re.S)
    assert m
    return m


def in_a_frame(xml: bytes) -> bytes:
    """The body inside one cell of a one-row, two-column layout table (the other cell empty)."""
    m = _body(xml)
    frame = b"<w:tbl><w:tr><w:tc>" + m.group(1) + b"<w:p/></w:tc><w:tc><w:p/></w:tc></w:tr></w:tbl>"
    return xml[: m.start(1)] + frame + xml[m.end(1) :]


def page_break_in_largest_table(xml: bytes) -> bytes:
    tables = [(m.start(), m.end()) for m in re.finditer(rb"<w:tbl>.*?</w:tbl>", xml, re.S)]
    a, b = max(tables, key=lambda t: t[1] - t[0])
    t = xml[a:b]
    rows = [m.start() for m in re.finditer(rb"<w:tr[ >]", t)]
    cut = rows[len(rows) // 2]
    return xml[:a] + t[:cut] + b'</w:tbl><w:p><w:r><w:br w:type="page"/></w:r></w:p>' + t[: rows[0]] + t[cut:] + xml[b:]


def _split_runs(xml: bytes, wrap: Callable[[bytes, bytes], bytes]) -> bytes:
    """Every text of two or more digits cut after its first digit into two runs, `wrap`ped."""
    def one(m: re.Match[bytes]) -> bytes:
        run, head, tail = m.group(1), m.group(2), m.group(3)
        return wrap(run + head + b"</w:t></w:r>", run + tail + b"</w:t></w:r>")

    return re.sub(rb"(<w:r>(?:<w:rPr>(?:(?!</w:rPr>).)*</w:rPr>)?<w:t(?: [^>]*)?>)([0-9])([0-9]+)</w:t></w:r>", one, xml)


def runs(xml: bytes) -> bytes:
    return _split_runs(xml, lambda a, b: a + b)


def hyperlink_and_field(xml: bytes) -> bytes:
    begin = b'<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> =3*4 </w:instrText></w:r>'
    sep = b'<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
    end = b'<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    return _split_runs(xml, lambda a, b: b'<w:hyperlink w:anchor="x">' + a + b"</w:hyperlink>" + begin + sep + b + end)


REWRITES: dict[str, Rewrite] = {
    "in a layout frame": in_a_frame,
    "a table cut by a page break": page_break_in_largest_table,
    "figures split over runs": runs,
    "figures in a hyperlink and a field result": hyperlink_and_field,
}


def _fields(data: bytes) -> tuple[dict[str, object], int]:
    r = read_bytes(data, "r.docx", ".docx")
    run_stages(r, "check")
    return {k: f.value for k, f in r.fields.items()}, len(r.grids)


def _same(a: object, b: object) -> bool:
    return a == b or (a is not None and b is not None and float(a) == float(b))  # type: ignore[arg-type]


@pytest.mark.parametrize("seed", [5, 11])
@pytest.mark.parametrize("name", list(REWRITES))
def test_office_docx_reads_every_figure(name: str, seed: int) -> None:
    spec = random_report(seed)
    data = render_bytes(spec, "docx", render_options(seed))
    rewritten = rezip(data, REWRITES[name])
    assert rewritten != data
    got, grids = _fields(rewritten)
    _plain, plain_grids = _fields(data)
    wrong = {k: (v, got.get(k)) for k, v in spec.values.items() if not _same(got.get(k), v)}
    assert not wrong
    assert grids >= plain_grids  # the frame's tables are tables, a cut table two
