"""Fixes of the S1 structure rules found by the synthetic defects (corpus/tools/xxgk_synth/defects/structure.py)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from extractor.check.engine import run
from extractor.model import Report

Build = Callable[..., Report]

TABLES = """二、主动公开政府信息情况
第二十条第（一）项
信息内容\t本年制发件数\t本年废止件数\t现行有效件数
规章\t0\t0\t0
行政规范性文件\t3\t1\t20
三、收到和处理政府信息公开申请情况
四、政府信息公开行政复议、行政诉讼情况
"""


def _s104(build: Build, head: str) -> list[str]:
    r = build(head + "\n一、总体情况\n本机关认真落实《条例》。\n" + TABLES)
    r.meta.template = r.meta.template or "2021"
    return [f.message for f in run(r, select=["S104"], strict=True)]


def test_a_title_without_a_year_is_named_as_such(build: Build) -> None:
    # the title finder needs a year, so such a title used to be reported as no title at all
    for head, title in (
        ("青岚县民政局政府信息公开工作年度报告", "青岚县民政局政府信息公开工作年度报告"),
        ("# 青岚县民政局政府信息公开年度报告", "青岚县民政局政府信息公开年度报告"),
        ("标题：青岚县民政局政府信息公开工作年度报告", "青岚县民政局政府信息公开工作年度报告"),
        ("名称\t青岚县民政局政府信息公开工作年度报告\t\t", "青岚县民政局政府信息公开工作年度报告"),
    ):
        assert _s104(build, head) == [f"标题“{title}”未写明报告年度。"], head


def test_no_title_line_is_still_no_title(build: Build) -> None:
    # a sentence mentioning the report is no title line
    found = _s104(build, "本机关按照要求编制了政府信息公开工作年度报告，现予公布。")
    assert found == ["未找到报告标题（应为“机关名称＋年份＋政府信息公开工作年度报告”）。"]


def test_tables_four_is_found_when_table_three_lost_its_last_label(tmp_path: Path) -> None:
    """A print that cut the left of 表三 leaves its last row as 年度继续办理 (结转下 lost): 表四,
    whose header follows, is still 表四 — every one of its cells read as before — and the rows of
    表三 above are untouched."""
    from extractor.pipeline import process

    src = Path(__file__).resolve().parents[1] / "corpus" / "reports" / "synth-0001.txt"
    text = src.read_text(encoding="utf-8")
    assert text.count("四、结转下年度继续办理") == 1
    cut = tmp_path / "cut.txt"
    cut.write_text(text.replace("四、结转下年度继续办理", "年度继续办理"), encoding="utf-8")
    whole, broken = process(src, upto="structure"), process(cut, upto="structure")
    t4 = {k: f.value for k, f in whole.fields.items() if k.startswith("t4.")}
    assert len(t4) == 15 and all(v is not None for v in t4.values())
    assert {k: f.value for k, f in broken.fields.items() if k.startswith("t4.")} == t4
    t3 = {k: f.value for k, f in whole.fields.items() if k.startswith("t3.") and ".carried_forward." not in k}
    assert {k: broken.fields[k].value for k in t3 if k in broken.fields} == t3


def test_a_table_two_label_cut_before_its_last_character_is_still_its_row(tmp_path: Path) -> None:
    """A page break (or a narrow cell) puts the last character of a 表二 label on a line of its
    own (行政事业性收 / 费): the row is still that label's, its figure read as before."""
    from extractor.pipeline import process

    src = Path(__file__).resolve().parents[1] / "corpus" / "reports" / "synth-0001.txt"
    text = src.read_text(encoding="utf-8")
    whole = process(src, upto="structure").fields["t2.fees.amount"].value
    assert whole is not None and text.count("\t行政事业性收费\n") == 1
    value = text.split("\t行政事业性收费\n", 1)[1].split("\n", 1)[0]
    cut = tmp_path / "cut.txt"  # as a PDF's grid gives it: the row, then the label's end as a row of its own
    cut.write_text(text.replace(f"\t行政事业性收费\n{value}\n", f"行政事业性收\t{value}\n费\t\n"), encoding="utf-8")
    assert process(cut, upto="structure").fields["t2.fees.amount"].value == whole


def test_a_report_of_the_old_regime_in_prose_only_is_pre2019(tmp_path: Path) -> None:
    """A report for 2008–2018 with neither the new tables nor the old statistics table's words
    (prose only) is in that regime's format: pre2019, read as text — not 'no template' beside a
    status of ok. The same prose for 2022 is no pre-2019 report: its tables are not found, and
    a note says so (they may be pictures)."""
    from extractor.pipeline import process

    def report(year: int) -> str:
        return (f"青岚县林业局{year}年度政府信息公开工作报告\n"
                f"一、概述\n{year}年，我局认真贯彻《政府信息公开条例》，及时公开应予公开的政府信息。\n"
                f"二、主动公开政府信息情况\n全年主动公开政府信息37条，其中工作动态25条。\n"
                "三、依申请公开政府信息情况\n全年未收到政府信息公开申请。\n"
                "四、存在的不足及改进措施\n公开内容还不够丰富，下一步将继续改进。\n")

    old = tmp_path / "old.txt"
    old.write_text(report(2013), encoding="utf-8")
    got = process(old, upto="structure")
    assert got.status == "ok" and got.meta.template == "pre2019" and not got.fields
    new = tmp_path / "new.txt"
    new.write_text(report(2022), encoding="utf-8")
    later = process(new, upto="structure")
    assert later.status == "ok" and later.meta.template is None and not later.fields
    # no table found in a report of 2019 on: said, not passed over in silence (pictures or missing)
    assert any("未找到表二、表三、表四" in n for n in later.notes)
    assert not any("未找到表二、表三、表四" in n for n in got.notes)
