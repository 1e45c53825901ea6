"""Issue 9: the same report as other portals and converters publish it reads the same
(bench/variants.py measures this over the real corpus; these are the classes it found).

Each test takes a report written for the project (our generated synth-0001, not a real report),
applies one meaning-preserving change of form, and asserts that every table field and the year
read the same as on the unchanged text."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from conftest import ROOT, report_from_text

from extractor.model import Report

SYNTH = ROOT / "corpus" / "reports" / "synth-0001.txt"


def _fields(r: Report) -> dict[str, object]:
    return {k: f.value for k, f in r.fields.items()}


def _scraped(text: str) -> str:
    """The report as a scraper of the portal page gives it: one line of body, each table cell
    separated from the next by one space (the cell-per-line tables joined)."""
    lines = [ln.strip() for ln in text.split("\n") if ln.strip()]
    return " ".join(lines)


@pytest.fixture(scope="module")
def synth() -> str:
    return SYNTH.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def scraped(synth: str) -> tuple[str, dict[str, object]]:
    text = _scraped(synth)
    r = report_from_text(text, upto="structure")
    assert sum(1 for k in r.fields if k.startswith("t3.")) > 100, "the one-line form must read first"
    return text, _fields(r)


# ---------------------------------------------------------------- full-width digits


def test_fullwidth_digits_read_as_the_same_figures(synth: str) -> None:
    base = report_from_text(synth, upto="extract")
    wide = synth.translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    r = report_from_text(wide, upto="extract")
    assert r.meta.year == base.meta.year is not None
    assert _fields(r) == _fields(base)
    assert [(c.metric, c.value) for c in r.claims] == [(c.metric, c.value) for c in base.claims]
    assert r.text.translate(str.maketrans("０１２３４５６７８９", "0123456789")) == r.text  # folded
    assert len(r.text) == len(base.text)  # one character for one: every offset holds


def test_fullwidth_decimal_amount_is_one_figure() -> None:
    r = report_from_text("本年收费金额１２．５万元，共计３件。", upto="read")
    assert "12.5万元" in r.text and "共计3件" in r.text


# ---------------------------------------------------------------- a line break near 表三's header


def test_line_break_before_t3_header_does_not_pull_t2_figures_into_t3(scraped: tuple[str, dict]) -> None:
    """A wrapped or paged text may start a line with 表二's last figures just before 表三's header;
    表三 starts at its header, never back over 表二's last row."""
    text, want = scraped
    mark = text.index("申请人情况")
    t2_last = max(m.end() for m in re.finditer(r"\d", text[:mark]))
    for back in (0, 1, 3):  # the line starts right at, or just before, 表二's last figures
        run = re.search(r"\d+(?:\.\d+)?\D*$", text[:t2_last])
        assert run is not None
        cut = run.start() - back
        r = report_from_text(text[:cut] + "\n" + text[cut:], upto="structure")
        assert r.tables["t3"].start > r.tables["t2"].start
        assert _fields(r) == want


def test_hard_wrapped_lines_read_the_same(scraped: tuple[str, dict]) -> None:
    """Prose and tables hard-wrapped at about 35 characters (a PDF's line ends, an e-mail), never
    inside a figure: the same fields."""
    text, want = scraped
    sys.path.insert(0, str(ROOT / "bench"))
    from variants import wrap35

    wrapped = wrap35(text, ".txt")
    assert wrapped is not None and wrapped.count("\n") > 50
    r = report_from_text(wrapped, upto="structure")
    assert _fields(r) == want


# ---------------------------------------------------------------- page breaks inside a table


@pytest.mark.parametrize("every", [17, 40])
def test_page_numbers_and_running_header_inside_cell_per_line_tables(synth: str, every: int) -> None:
    """A converter's page break (the page number and the portal's banner on lines of their own)
    falling inside a table laid out one cell per line: the table goes on after it."""
    base = report_from_text(synth, upto="structure")
    lines = synth.split("\n")
    pages = (len(lines) + every - 1) // every
    out: list[str] = []
    for k in range(0, len(lines), every):
        if k:
            out.append("某某区人民政府门户网站　政务公开专栏")
        out.extend(lines[k:k + every])
        out.append(f"第 {k // every + 1} 页 共 {pages} 页")
    r = report_from_text("\n".join(out), upto="structure")
    assert _fields(r) == _fields(base)


def test_a_line_of_prose_after_a_table_still_ends_it() -> None:
    """Only page numbers and lines repeated on every page are skipped: prose after a table ends it."""
    from extractor.read.text import tab_grids

    text = "\t项目\n\t数量\n\n\t甲\n\t1\n\n本年度工作总结如下。\n\t乙\n\t2\n\n\t丙\n\t3\n"
    assert [len(g.rows) for g in tab_grids(text)] == [2, 2]
    paged = text.replace("本年度工作总结如下。", "第 1 页 共 2 页")
    assert [len(g.rows) for g in tab_grids(paged)] == [4]


# ---------------------------------------------------------------- headings numbered 1. 2. 3.


@pytest.mark.parametrize("style", ["{n}. ", "{n}、", "{n}．", "（{c}）", "({c})"])
def test_parts_numbered_with_arabic_numerals_or_brackets(synth: str, style: str) -> None:
    base = report_from_text(synth, upto="structure")
    text = synth
    for n, numeral in enumerate("一二三四五六", 1):
        text = re.sub(rf"^{numeral}、", style.format(n=n, c=numeral), text, flags=re.M)
    assert text != synth
    r = report_from_text(text, upto="structure")
    assert [s.number for s in r.sections] == [s.number for s in base.sections] == [1, 2, 3, 4, 5, 6]
    want = list("一二三四五六") if "{c}" in style else ["1", "2", "3", "4", "5", "6"]
    assert [s.numeral for s in r.sections] == want
    assert _fields(r) == _fields(base)


def test_arabic_heading_glued_to_the_figure_before_it(scraped: tuple[str, dict]) -> None:
    """“…行政事业性收费 0 3. 收到和处理…”: the 3 is the part's numeral, the 0 the cell."""
    text, want = scraped
    glued = re.sub(r"\s*三、(?=收到和处理政府信息公开申请情况)", "3. ", text)
    glued = re.sub(r"(?<=\S)\s*二、(?=主动公开政府信息情况)", "2. ", glued)
    assert glued != text
    r = report_from_text(glued, upto="structure")
    assert {s.number for s in r.sections} >= {2, 3}
    assert _fields(r) == want


def test_without_part_two_heading_t2_starts_at_its_own_header(scraped: tuple[str, dict]) -> None:
    """When the heading of part 二 is not found, a word of 表二's header in the prose before it
    (信息内容) must not start 表二 there: its rows' labels in that prose (行政处罚 … 7个工作日)
    would be read as cells."""
    text, want = scraped
    prose = "我们规范了政府信息内容审核，行政处罚决定自作出之日起7个工作日内公开，行政强制事项20项全部公开。"
    head = text.index("二、主动公开政府信息情况")
    one = text.index("（一）", text.index("一、总体情况"))
    t = text[:one] + prose + text[one:head] + text[head + len("二、主动公开政府信息情况"):]
    r = report_from_text(t, upto="structure")
    assert 2 not in {s.number for s in r.sections}
    assert _fields(r) == want


def test_table_ends_before_the_next_parts_arabic_numeral(scraped: tuple[str, dict]) -> None:
    """A scraped one-line text whose parts are numbered 1. 2. 3.: the figures of 表三's last row
    run on into “4. 政府信息公开行政复议…”; the 4 is the heading's, not a cell of 表三."""
    text, want = scraped
    for n, numeral in enumerate("一二三四五六", 1):
        text = re.sub(rf"{numeral}、(?=(?:总体情况|主动公开政府信息情况|收到和处理政府信息公开申请情况"
                      r"|政府信息公开行政复议|存在的主要问题|其他需要报告))", f"{n}. ", text)
    r = report_from_text(text, upto="structure")
    starts = {s.number: s.start for s in r.sections}
    assert r.tables["t3"].end <= starts[4] and r.tables["t2"].end <= starts[3]
    assert _fields(r) == want


def test_numbered_table_row_is_not_a_part() -> None:
    """A numbered row of 表三 (2.其他法律行政法规禁止公开) is never taken for part 二."""
    from extractor.structure.sections import find_sections

    r = report_from_text("一、总体情况\n正文。\n2.其他法律行政法规禁止公开 0 0\n", upto="read")
    assert [s.number for s in find_sections(r)] == [1]


# ---------------------------------------------------------------- the real corpus, one transform


@pytest.mark.parametrize("variant", ["fullwidth-digits", "wrap35", "heading-arabic", "page-headers"])
def test_real_report_transformed_reads_the_same(shared_corpus: Path, variant: str) -> None:
    """One development body's scraped report (a one-line body) with one transform of
    bench/variants.py: the same fields as the file as published."""
    sys.path.insert(0, str(ROOT / "bench"))
    from variants import VARIANTS

    p = shared_corpus / "pingtan-zhz-2020.txt"
    if not p.exists():
        pytest.skip(f"{p.name} is not in the shared corpus")
    src = p.read_text(encoding="utf-8")
    out = VARIANTS[variant](src, ".txt")
    assert out is not None
    text = out if isinstance(out, str) else out.decode("utf-8")
    base = report_from_text(src, upto="structure")
    r = report_from_text(text, upto="structure")
    assert r.meta.year == base.meta.year
    assert _fields(r) == _fields(base)


# ---------------------------------------------------------------- radical forms (text copied out of a PDF)


@pytest.mark.parametrize("suffix", [".txt", ".md", ".html"])
def test_radical_forms_pasted_from_a_pdf_read_as_their_characters(suffix: str) -> None:
    """⾏政许可, ⼀、总体情况: a report pasted from a PDF's text layer into a page, a Markdown file or a
    .txt keeps the radical forms of the characters its fonts drew with a radical's glyph. Without
    the mapping no heading, label or claim of it is found (measured on the real corpus:
    bench/variants.py pdf-radicals read 712 fields fewer and found 0.18 of the claims)."""
    sys.path.insert(0, str(ROOT / "bench"))
    from variants import pdf_radicals

    src = SYNTH.with_suffix(suffix).read_text(encoding="utf-8")
    pasted = pdf_radicals(src, suffix)
    assert pasted is not None and pasted != src and "\u2f8f" in pasted  # ⾏ stands for 行
    base = report_from_text(src, "t" + suffix)
    r = report_from_text(pasted, "t" + suffix)
    assert len(r.fields) > 150
    assert _fields(r) == _fields(base)
    assert [(c.metric, c.value) for c in r.claims] == [(c.metric, c.value) for c in base.claims]
    assert [s.number for s in r.sections] == [s.number for s in base.sections]
    assert r.meta.year == base.meta.year and r.meta.body == base.meta.body
    assert "\u2f8f" not in r.text and len(r.text) == len(base.text)  # one character for one
