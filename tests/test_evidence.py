"""Issue 9 point 2: a digit run that splits several ways is decided by evidence, never by a guess.

The reports are written for the test; the figures are ours."""

from __future__ import annotations

from collections.abc import Callable

from extractor.model import Report
from extractor.structure.evidence import Evidence, Known, chain_kept, known, resolve, resolve_series

Build = Callable[..., Report]

REPORT = """青岚县水利局{year}年政府信息公开工作年度报告
一、总体情况
本局认真落实条例。{prose}
二、主动公开政府信息情况
第二十条第（一）项
信息内容 本年制发件数 本年废止件数 现行有效件数
规章 000
行政规范性文件{row}
第二十条第（五）项
信息内容 本年处理决定数量
行政许可 12
三、收到和处理政府信息公开申请情况
四、政府信息公开行政复议、行政诉讼情况
"""

ROW = "t2.normative_docs"
KEYS = [f"{ROW}.issued", f"{ROW}.repealed", f"{ROW}.in_force"]


def _report(build: Build, row: str, prose: str = "", year: int = 2023) -> Report:
    return build(REPORT.format(year=year, row=row, prose=prose))


def _values(r: Report) -> list:
    return [r.fields[k].value for k in KEYS]


def _view(year: int, issued: int, repealed: int, in_force: int, body: str = "qinglan-water") -> Known:
    return Known(f"{year}.txt", body, year, "2021",
                 {ROW: [{"issued": issued, "repealed": repealed, "in_force": in_force}]})


def test_an_ambiguous_run_stays_empty_with_its_readings_ranked_and_counted(build: Build) -> None:
    r = _report(build, "15621")
    assert _values(r) == [None, None, None]
    f = r.fields[f"{ROW}.in_force"]
    # six cuts, of which 156/2/1 cannot be (156 issued, 2 repealed, 1 in force): five are left
    assert f.candidates is not None and len(f.candidates) == 5
    assert "可拆成6种" in (f.note or "") and "仍有5种（按可能性排列）" in (f.note or "") and "不取值" in (f.note or "")
    # the most plausible reading first: no count longer than four digits before one that is
    assert max(len(str(v)) for v in f.candidates[0] if v is not None) <= 2


def test_the_prose_decides_and_the_note_says_so(build: Build) -> None:
    r = _report(build, "15621", "全年制发行政规范性文件15件，废止行政规范性文件6件。")
    assert _values(r) == [15, 6, 21]
    note = r.fields[f"{ROW}.in_force"].note or ""
    assert "正文所述" in note and "可拆成6种" in note and "唯一确定" in note
    assert r.fields[f"{ROW}.in_force"].candidates is None


def test_a_prose_figure_no_reading_has_is_ignored(build: Build) -> None:
    # 9 is not in any reading of 15621: the prose speaks of something else, the cell stays empty
    r = _report(build, "15621", "全年制发行政规范性文件9件。")
    assert _values(r) == [None, None, None]


def test_the_same_report_in_another_format_decides(build: Build) -> None:
    r = _report(build, "15621")
    ds = resolve(r, Evidence(siblings=[_view(2023, 15, 6, 21)]))
    assert _values(r) == [15, 6, 21]
    assert ds[0].readings == 6 and ds[0].left == 1
    assert "另一版本（2023.txt）" in (r.fields[f"{ROW}.issued"].note or "")


def test_last_years_stock_decides_when_the_body_keeps_its_chain(build: Build) -> None:
    # 2021 → 2022 chains (10 + 4 − 1 = 13), so 2022 → 2023 may decide: 13 + 15 − 6 = 22 is 15/6/22
    r = _report(build, "15622")
    others = [_view(2021, 3, 0, 10), _view(2022, 4, 1, 13)]
    done = resolve_series([(r, "qinglan-water")], others)
    assert _values(r) == [15, 6, 22]
    assert "上一年度报告（2022年）的衔接关系" in (r.fields[f"{ROW}.issued"].note or "")
    assert done[r.source][0].evidence


def test_a_body_that_broke_its_chain_is_not_taken_at_its_word(build: Build) -> None:
    # 2021 → 2022 does not chain (10 + 4 − 1 ≠ 30): a chain that 15/6/22 alone satisfies is no proof
    r = _report(build, "15622")
    others = [_view(2021, 3, 0, 10), _view(2022, 4, 1, 30)]
    assert chain_kept(others, "2021") == set()
    resolve_series([(r, "qinglan-water")], others)
    assert _values(r) == [None, None, None]


def test_next_years_report_narrows_backwards(build: Build) -> None:
    # 2022's 15622 read with 2023 (x + 2 − 0 = 24: x = 22) and a chain the body kept from 2023 to
    # 2024: two readings are left (1/56/22, 15/6/22), which agree on 现行有效 only
    r = _report(build, "15622", year=2022)
    others = [_view(2023, 2, 0, 24), _view(2024, 1, 0, 25)]
    resolve_series([(r, "qinglan-water")], others)
    assert _values(r) == [None, None, 22]
    assert "下一年度报告（2023年）" in (r.fields[f"{ROW}.in_force"].note or "")
    left = r.fields[f"{ROW}.issued"]
    assert left.candidates is not None and len(left.candidates) == 2
    assert "仍有2种" in (left.note or "")


def test_another_bodys_report_is_no_evidence(build: Build) -> None:
    r = _report(build, "15622")
    others = [_view(2021, 3, 0, 10, "other"), _view(2022, 4, 1, 13, "other")]
    resolve_series([(r, "qinglan-water")], others)
    assert _values(r) == [None, None, None]


def test_known_keeps_every_reading_of_an_ambiguous_row(build: Build) -> None:
    r = _report(build, "15621")
    assert len(known(r).rows[ROW]) == 5  # six cuts, one against the row's own relation
    assert len(known(r).rows["t2.regulations"]) == 1


# ---------------------------------------------------------------- a blank cell is a reading too

REPORT_2019 = """青岚县水利局2019年政府信息公开工作年度报告
一、总体情况
本局认真落实条例。
二、主动公开政府信息情况
第二十条第（一）项
信息内容 本年新制作数量 本年新公开数量 对外公开总数量
规章 000
规范性文件 000
第二十条第（五）项
信息内容 上一年项目数量 本年增/减 处理决定数量
行政许可{licensing}
其他对外管理服务事项 000
三、收到和处理政府信息公开申请情况
四、政府信息公开行政复议、行政诉讼情况
"""


def _licensing(build: Build, cells: str, spaced: bool = False) -> list:
    text = REPORT_2019.format(licensing=cells)
    if spaced:  # a report that separates its cells
        text = text.replace(" 000", " 0 0 0")
    r = build(text)
    assert r.meta.template == "2019"
    return [r.fields[f"t2.licensing.{c}"].value for c in ("prev_items", "change", "decisions")]


def test_numbers_with_their_separators_and_a_cell_missing_are_not_cut(build: Build) -> None:
    # "2 15" for three cells in a report that separates its cells: 2/空/15 or 空/2/15 (a blank cell)
    # is as good a reading as 2/1/5 (in a report whose rows all run together, the space would be
    # where the blank cell stood: test_fields_evidence)
    assert _licensing(build, " 2 15", spaced=True) == [None, None, None]


def test_a_fused_run_may_hide_a_blank_change(build: Build) -> None:
    # 本年增/减 may be left blank: 215 is 2/1/5 or 2/空/15 or 21/空/5, so nothing but … is known
    got = _licensing(build, "215")
    assert got[1] is None and got[2] is None


def test_a_run_of_zeros_is_still_read(build: Build) -> None:
    # no figure starts with 0: 000 is 0/0/0 whatever may be blank
    assert _licensing(build, "000") == [0, 0, 0]


def test_extracting_several_files_lets_one_report_decide_another(tmp_path) -> None:
    # the scraped text lost its separators; the page of the same report kept them
    import json

    from extractor.batch.flow import extract_run
    from extractor.batch.work import ExtractOptions

    scraped = tmp_path / "a-2023.txt"
    page = tmp_path / "a-2023-page.txt"
    scraped.write_text(REPORT.format(year=2023, row="15621", prose=""), encoding="utf-8")
    page.write_text(REPORT.format(year=2023, row=" 15 6 21", prose=""), encoding="utf-8")
    opts = ExtractOptions(format="jsonl")

    def issued(obj: dict) -> list:
        return [obj["fields"][f"{ROW}.{c}"]["value"] for c in ("issued", "repealed", "in_force")]

    [(_s, alone)] = list(extract_run([scraped], opts))
    assert issued(json.loads(alone)) == [None, None, None]
    both = {json.loads(r)["source"]: json.loads(r) for _s, r in extract_run(sorted([scraped, page]), opts, workers=2)}
    assert issued(both[str(scraped)]) == [15, 6, 21]
    assert issued(both[str(page)]) == [15, 6, 21]
    assert "另一版本（a-2023-page.txt）" in (both[str(scraped)]["fields"][f"{ROW}.issued"].get("note") or "")
