"""Reading fixes of issue 9 point 1: a PDF page of one line, 表四 in pieces, titles with 关于."""

from __future__ import annotations

from pathlib import Path

import pytest
from pdfbytes import text_pages

from extractor.pipeline import process


def _read(tmp_path: Path, pages: list[list[str]]):
    p = tmp_path / "r.pdf"
    p.write_bytes(text_pages(pages))
    return process(p, upto="read")


def test_pdf_page_holding_only_its_page_number_is_read(tmp_path: Path) -> None:
    r = _read(tmp_path, [["First page of the report", "a second line of prose", "1"],
                         ["2"],
                         ["Third page with its own text", "3"]])
    assert r.status == "ok", r.error
    assert "Third page with its own text" in r.text
    assert "\n2\n" not in f"\n{r.text}\n"  # the lone page number is still dropped


@pytest.mark.parametrize("lone", ["Running header of the office", "A page of one line of prose"])
def test_pdf_page_of_one_line_among_running_headers(tmp_path: Path, lone: str) -> None:
    head = "Running header of the office"
    pages = [[head, f"body text of page {i} goes here", f"closing words {i}"] for i in range(4)]
    pages.insert(2, [lone])
    r = _read(tmp_path, pages)
    assert r.status == "ok", r.error
    assert "body text of page 3 goes here" in r.text
    assert (lone in r.text) == (lone != head)  # a lone running header goes, a lone line of prose stays


# ---------------------------------------------------------------- 表四 in three pieces

SYNTH = Path(__file__).resolve().parent.parent / "corpus" / "reports"
T4_VALUES = [7, 3, 0, 0, 10, 5, 0, 0, 1, 6, 2, 1, 0, 0, 3]
T4_GROUPS = ["行政复议", "行政诉讼（未经复议直接起诉）", "行政诉讼（复议后起诉）"]
T4_HEAD = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]


def _with_t4(suffix: str, t4: str) -> str:
    """A generated report of ours with its 表四 replaced by `t4`."""
    src = (SYNTH / f"synth-0001{suffix}").read_text(encoding="utf-8")
    if suffix == ".html":
        a = src.index("<table", src.index("四、政府信息公开行政复议"))
        b = src.index("</table>", a) + len("</table>")
    else:
        a = src.index("| 行政复议 |")
        b = src.index("## 五、")
    return src[:a] + t4 + src[b:]


def _groups() -> list[list[int]]:
    return [T4_VALUES[i * 5 : i * 5 + 5] for i in range(3)]


def _md_t4() -> str:
    head = "| " + " | ".join(T4_HEAD) + " |\n|---|---|---|---|---|\n"
    return "".join(f"### {g}\n\n{head}| {' | '.join(map(str, v))} |\n\n" for g, v in zip(T4_GROUPS, _groups(), strict=True))


def _html_t4() -> str:
    head = "<tr>" + "".join(f"<td>{h}</td>" for h in T4_HEAD) + "</tr>"
    return "".join(f"<h3>{g}</h3><table>{head}<tr>{''.join(f'<td>{x}</td>' for x in v)}</tr></table>"
                   for g, v in zip(T4_GROUPS, _groups(), strict=True))


def _txt_t4() -> str:
    return "".join(f"{g}\n{' '.join(T4_HEAD)}\n{' '.join(map(str, v))}\n"
                   for g, v in zip(T4_GROUPS, _groups(), strict=True))


@pytest.mark.parametrize(("name", "make"), [("t.md", _md_t4), ("t.html", _html_t4), ("t.txt", _txt_t4)])
def test_t4_printed_as_three_sub_tables_is_read_whole(build, name: str, make) -> None:
    suffix = ".html" if name.endswith(".html") else ".md"
    r = build(_with_t4(suffix, make()), name, upto="structure")
    got = [f.value for k, f in r.fields.items() if k.startswith("t4.")]
    assert got == T4_VALUES
    assert r.fields["t4.litigation_after_reconsideration.total"].value == 3


def test_t4_one_digit_a_cell_whose_sums_fail_is_read_as_printed(build) -> None:
    # fifteen digits for fifteen cells cut one way only; the sum that fails is T304's to report
    t4 = "行政复议行政诉讼\n" + " ".join(T4_HEAD) + "\n100000000000000\n"
    r = build(_with_t4(".md", t4), "t.txt", upto="check")
    got = [r.fields[k].value for k in r.fields if k.startswith("t4.")]
    assert got == [1] + [0] * 14
    assert "勾稽" in (r.fields["t4.reconsideration.total"].note or "")
    assert any(f.rule == "T304" for f in r.findings)


# ---------------------------------------------------------------- the body before 关于 in a title


@pytest.mark.parametrize("title", [
    "青岚县水利局关于2020年政府信息公开工作年度报告",
    "青岚县水利局关于报送2020年度政府信息公开工作年度报告的报告",
    "青岚县水利局关于公布2020年政府信息公开工作年度报告",
    "关于青岚县水利局2020年政府信息公开工作年度报告",
])
def test_body_named_before_guanyu_in_the_title(title: str) -> None:
    from extractor.model import Report
    from extractor.structure.meta import find_meta

    r = Report(source="t.txt", text=title + "\n本机关按照条例编制本报告。\n")
    find_meta(r)
    assert (r.meta.body, r.meta.year) == ("青岚县水利局", 2020)


# ---------------------------------------------------------------- a row not read is not a blank row

T2_ONLY = """青岚县水利局2023年政府信息公开工作年度报告
一、总体情况
本局认真落实条例。
二、主动公开政府信息情况
第二十条第（一）项
信息内容 本年制发件数 本年废止件数 现行有效件数
规章 {regulations}
行政规范性文件 2 1 9
第二十条第（五）项
信息内容 本年处理决定数量
行政许可 12
三、收到和处理政府信息公开申请情况
四、政府信息公开行政复议、行政诉讼情况
"""


def test_a_row_printed_with_figures_that_do_not_fit_is_unread_not_blank(build) -> None:
    r = build(T2_ONLY.format(regulations="1 2 3 4"), upto="check")  # four figures for three cells
    f = r.fields["t2.regulations.issued"]
    assert f.value is None and "未能读出" in (f.note or "") and "不是空白" in (f.note or "")
    assert r.tables["t2"].unread_rows == {"regulations": "1 2 3 4"}
    assert not [x for x in r.findings if x.rule == "T306"]
    unread = [x for x in r.findings if x.rule == "T308"]
    assert unread and "1 2 3 4" in unread[0].message and "未能核对" in unread[0].message


def test_a_row_printed_blank_is_still_blank(build) -> None:
    r = build(T2_ONLY.format(regulations="/ / /"), upto="check")
    assert r.tables["t2"].unread_rows == {}
    assert [x for x in r.findings if x.rule == "T306"]


def test_a_page_row_whose_figures_are_written_with_words_is_unread_not_blank(build) -> None:
    src = (SYNTH / "synth-0001.html").read_text(encoding="utf-8")
    a = src.index("<table", src.index("二、主动公开政府信息情况"))
    b = src.index("</table>", a) + len("</table>")
    t2 = ("<table><tr><td>第二十条第（一）项</td></tr>"
          "<tr><td>信息内容</td><td>本年制发件数</td><td>本年废止件数</td><td>现行有效件数</td></tr>"
          "<tr><td>规章</td><td>0</td><td>0</td><td>0</td></tr>"
          "<tr><td>行政规范性文件</td><td>2</td><td>0</td><td>9</td></tr>"
          "<tr><td>第二十条第（五）项</td></tr><tr><td>信息内容</td><td>本年处理决定数量</td></tr>"
          "<tr><td>行政许可</td><td>约30件</td></tr>"
          "<tr><td>第二十条第（六）项</td></tr><tr><td>信息内容</td><td>本年处理决定数量</td></tr>"
          "<tr><td>行政处罚</td><td>0</td></tr><tr><td>行政强制</td><td>0</td></tr></table>")
    r = build(src[:a] + t2 + src[b:], "t.html", upto="check")
    assert r.fields["t2.normative_docs.in_force"].value == 9
    f = r.fields["t2.licensing.decisions"]
    assert f.value is None and "未能读出" in (f.note or "")
    assert "licensing" in r.tables["t2"].unread_rows
    assert not [x for x in r.findings if x.rule == "T306" and "t2.licensing.decisions" in x.fields]
    assert [x for x in r.findings if x.rule == "T308" and "t2.licensing.decisions" in x.fields]


@pytest.mark.parametrize("unit", ["（元）", "(万元)", " （元）"])
def test_a_unit_written_after_a_row_label_is_part_of_the_label(build, unit: str) -> None:
    base = (Path(__file__).resolve().parents[1] / "rules" / "catalogue" / "_base" / "base-2019.txt").read_text(encoding="utf-8")
    assert "政府集中采购\t14\t620.5" in base
    # a page scraped to text: the row's cells are spaces apart, not tab-separated cells of a grid
    r = build(base.replace("政府集中采购\t14\t620.5", f"政府集中采购{unit} 14 620.5"), upto="structure")
    assert r.fields["t2.procurement.projects"].value == 14
    assert r.fields["t2.procurement.amount"].value == 620.5
