"""Issue 9 point 2, the classes of undecided table fields resolved with evidence (and those that must
stay undecided). The reports are written for the test; the figures are ours."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from extractor.model import Report
from extractor.structure.evidence import Known

Build = Callable[..., Report]

LAYOUT_2019 = """白沙镇人民政府{year}年政府信息公开工作年度报告
一、总体情况
本镇依法推进政务公开。{prose}
二、主动公开政府信息情况
第二十条第（一）项
信息内容 本年新制作数量 本年新公开数量 对外公开总数量
规章 000
规范性文件{normative}
第二十条第（五）项
信息内容 上一年项目数量 本年增/减 处理决定数量
行政许可{licensing}
其他对外管理服务事项 000
第二十条第（六）项
信息内容 上一年项目数量 本年增/减 处理决定数量
行政处罚{penalty}
行政强制 000
第二十条第（八）项
信息内容 上一年项目数量 本年增/减
行政事业性收费{fees}
三、收到和处理政府信息公开申请情况
四、政府信息公开行政复议、行政诉讼情况
"""


def _r2019(build: Build, year: int = 2019, prose: str = "", normative: str = " 000", licensing: str = " 000",
           penalty: str = " 000", fees: str = " 00") -> Report:
    r = build(LAYOUT_2019.format(year=year, prose=prose, normative=normative, licensing=licensing,
                                 penalty=penalty, fees=fees))
    assert r.meta.template == "2019"
    return r


def _row(r: Report, row: str) -> list:
    cols = [k for k in r.fields if k.rsplit(".", 1)[0] == f"t2.{row}"]
    return [r.fields[k].value for k in cols]


# ---------------------------------------------------------------- 本年增/减 written in words


def test_a_change_written_in_words_is_the_signed_figure(build: Build) -> None:
    # "9减4": nine items last year, four fewer — not a run "9" that hides a blank cell
    r = _r2019(build, fees="9减4")
    assert _row(r, "fees") == [9, -4]
    r = _r2019(build, fees=" 9 增4")
    assert _row(r, "fees") == [9, 4]


def test_a_change_in_words_in_a_grid_cell_is_read(build: Build) -> None:
    page = """<html><body><p>白沙镇人民政府2019年政府信息公开工作年度报告</p><p>一、总体情况</p><p>本镇依法推进政务公开。</p>
<p>二、主动公开政府信息情况</p><table>
<tr><td>第二十条第（八）项</td></tr>
<tr><td>信息内容</td><td>上一年项目数量</td><td>本年增/减</td></tr>
<tr><td>行政事业性收费</td><td>23</td><td>减5</td></tr>
</table><p>三、收到和处理政府信息公开申请情况</p><p>四、政府信息公开行政复议、行政诉讼情况</p></body></html>"""
    r = build(page, name="t.html")
    assert [r.fields[k].value for k in ("t2.fees.prev_items", "t2.fees.change")] == [23, -5]


def test_a_change_written_as_a_word_and_a_figure_is_read(build: Build) -> None:
    assert _row(_r2019(build, fees="9减少4"), "fees") == [9, -4]
    assert _row(_r2019(build, fees=" 9 增加2"), "fees") == [9, 2]


def test_a_word_that_starts_with_jian_is_not_a_figure(build: Build) -> None:
    # 减 not followed by a figure is a word, not a sign: the run ends before it
    r = _r2019(build, fees="9减少事项")
    assert r.fields["t2.fees.change"].value is None


# ---------------------------------------------------------------- what a row's cells must satisfy

LAYOUT_2021 = """白沙镇人民政府{year}年政府信息公开工作年度报告
一、总体情况
本镇依法推进政务公开。
二、主动公开政府信息情况
第二十条第（一）项
信息内容 本年制发件数 本年废止件数 现行有效件数
规章 000
行政规范性文件{row}
第二十条第（五）项
信息内容 本年处理决定数量
行政许可 7
三、收到和处理政府信息公开申请情况
四、政府信息公开行政复议、行政诉讼情况
"""

NORMATIVE_2021 = ["t2.normative_docs.issued", "t2.normative_docs.repealed", "t2.normative_docs.in_force"]


def test_what_was_issued_and_not_repealed_is_still_in_force(build: Build) -> None:
    # 9032: 9/0/32 or 90/3/2 — ninety issued, three repealed and two in force cannot be
    r = build(LAYOUT_2021.format(year=2023, row="9032"))
    assert [r.fields[k].value for k in NORMATIVE_2021] == [9, 0, 32]
    note = r.fields["t2.normative_docs.in_force"].note or ""
    assert "逻辑关系" in note and "可拆成2种" in note and "唯一确定" in note


def test_two_readings_that_both_satisfy_the_relation_stay_empty(build: Build) -> None:
    # 2184: 2/1/84, 2/18/4 and 21/8/4 — the last fails (4 < 21 − 8), two are left and nothing decides
    r = build(LAYOUT_2021.format(year=2023, row="2184"))
    f = r.fields["t2.normative_docs.in_force"]
    assert [r.fields[k].value for k in NORMATIVE_2021] == [2, None, None]
    assert f.candidates is not None and len(f.candidates) == 2
    assert "仍有2种" in (f.note or "") and "不取值" in (f.note or "")


def test_items_never_fall_below_nothing(build: Build) -> None:
    # 3-125 for 上一年项目数量/本年增减/处理决定数量: 3/-1/25 or 3/-12/5; three items less twelve is no count
    r = _r2019(build, licensing="3-125")
    assert _row(r, "licensing") == [3, -1, 25]


def test_a_fused_2019_stock_row_stays_empty_when_both_readings_hold(build: Build) -> None:
    r = _r2019(build, normative="1088")  # 1/0/88 and 10/8/8: both public totals cover what was published
    assert _row(r, "normative_docs") == [None, None, None]


# ---------------------------------------------------------------- the chain of a stock of documents


def _normative_view(year: int, made: int, published: int, total: int) -> Known:
    from extractor.structure.evidence import Known

    return Known(f"{year}.txt", "baisha", year, "2019",
                 {"t2.normative_docs": [{"made": made, "published": published, "public_total": total}]})


def test_next_years_stock_decides_a_body_not_seen_to_break_it(build: Build) -> None:
    from extractor.structure.evidence import resolve_series

    # 2019's 1088 (1/0/88 or 10/8/8) and 2020's plain row 5/5/13: 8 + 5 = 13, 88 + 5 ≠ 13. No earlier
    # pair shows whether the body keeps its chain; a stock of documents carries over by definition
    r = _r2019(build, normative="1088")
    resolve_series([(r, "baisha")], [_normative_view(2020, 5, 5, 13)])
    assert _row(r, "normative_docs") == [10, 8, 8]
    assert "下一年度报告（2020年）的衔接关系" in (r.fields["t2.normative_docs.made"].note or "")


def test_a_body_seen_to_break_its_stock_chain_is_not_decided_by_it(build: Build) -> None:
    from extractor.structure.evidence import resolve_series

    # 2020 → 2021 breaks (13 + 2 ≠ 30): the 2019 → 2020 chain proves nothing
    r = _r2019(build, normative="1088")
    resolve_series([(r, "baisha")], [_normative_view(2020, 5, 5, 13), _normative_view(2021, 2, 2, 30)])
    assert _row(r, "normative_docs") == [None, None, None]


def test_a_chain_of_items_must_be_seen_kept(build: Build) -> None:
    from extractor.structure.evidence import Known, resolve_series

    # 2019's 3500 for 行政处罚 (3/50/0, 35/0/0 or with a blank 本年增/减) and 2020's 上一年项目数量 35:
    # 35 + 0 = 35 fits one reading, but nothing shows that this body carries its items over
    r = _r2019(build, penalty="3500")
    nxt = Known("2020.txt", "baisha", 2020, "2019",
                {"t2.penalty": [{"prev_items": 35, "change": 0, "decisions": 4}]})
    resolve_series([(r, "baisha")], [nxt])
    assert _row(r, "penalty") == [None, None, None]


# ---------------------------------------------------------------- only documents that exist can be repealed


def _stock_view(year: int, readings: list[tuple[int, int, int]]) -> Known:
    from extractor.structure.evidence import Known

    return Known(f"{year}.txt", "baisha", year, "2021",
                 {"t2.normative_docs": [{"issued": a, "repealed": b, "in_force": c} for a, b, c in readings]})


def test_no_more_is_repealed_than_was_in_force_last_year_and_issued(build: Build) -> None:
    from extractor.structure.evidence import resolve_series

    # 4726: 4/7/26 or 4/72/6 (47/2/6 fails the row's own relation). Last year 20 were in force (the
    # body's chain is not kept: 20 + 4 − 7 ≠ 26), so 72 cannot have been repealed
    r = build(LAYOUT_2021.format(year=2024, row="4726"))
    resolve_series([(r, "baisha")], [_stock_view(2023, [(3, 0, 20)])])
    assert [r.fields[k].value for k in NORMATIVE_2021] == [4, 7, 26]
    assert "本年废止件数不能多于上年现行有效件数加本年制发件数" in (r.fields["t2.normative_docs.repealed"].note or "")


def test_the_bound_takes_the_largest_of_last_years_readings(build: Build) -> None:
    from extractor.structure.evidence import resolve_series

    # last year undecided between 20 and 80 in force: 72 repealed is possible, nothing is decided
    r = build(LAYOUT_2021.format(year=2024, row="4726"))
    resolve_series([(r, "baisha")], [_stock_view(2023, [(3, 0, 20), (3, 0, 80)])])
    assert [r.fields[k].value for k in NORMATIVE_2021] == [4, None, None]


# ---------------------------------------------------------------- where a blank cell stood in a run

LAYOUT_T3 = """白沙镇人民政府2023年政府信息公开工作年度报告
一、总体情况
本镇依法推进政务公开。
二、主动公开政府信息情况
第二十条第（一）项
信息内容 本年制发件数 本年废止件数 现行有效件数
规章 000
行政规范性文件 000
三、收到和处理政府信息公开申请情况
申请人情况 自然人 商业企业 科研机构 社会公益组织 法律服务机构 其他 总计
一、本年新收政府信息公开申请数量 2000002二、上年结转政府信息公开申请数量 0000000三、本年度办理结果（一）予以公开 2000002（二）部分公开 0000000（七）总计 2000002四、结转下年度继续办理 {carried}
四、政府信息公开行政复议、行政诉讼情况
"""

T3_CF = ["natural_person", "commercial", "research", "social_org", "legal_service", "other_org", "total"]


def _carried(build: Build, run: str) -> list:
    r = build(LAYOUT_T3.format(carried=run))
    return [r.fields[f"t3.carried_forward.{c}"].value for c in T3_CF]


def test_a_space_in_a_run_marks_the_blank_cell_when_the_other_rows_have_none(build: Build) -> None:
    # six digits for seven cells; every other row ran together without a space: "00 0000" left its
    # third cell blank
    assert _carried(build, "00 0000") == [0, 0, None, 0, 0, 0, 0]


def test_without_a_space_the_blank_cell_cannot_be_placed(build: Build) -> None:
    assert _carried(build, "000000") == [None] * 7


def test_a_report_that_spaces_its_cells_elsewhere_gives_a_gap_no_meaning(build: Build) -> None:
    text = LAYOUT_T3.replace("（一）予以公开 2000002", "（一）予以公开 2 000002").format(carried="00 0000")
    r = build(text)
    assert [r.fields[f"t3.carried_forward.{c}"].value for c in T3_CF] == [None] * 7


# ---------------------------------------------------------------- a check batch uses the same evidence


def test_a_check_batch_decides_with_last_years_report_as_extract_does(tmp_path) -> None:
    import json

    from typer.testing import CliRunner

    from extractor.cli import app

    # 2023's 15622 read with 2022's plain row: 13 + 15 − 6 = 22 leaves one reading of the run
    (tmp_path / "baisha-2022.txt").write_text(LAYOUT_2021.format(year=2022, row=" 4 1 13"), encoding="utf-8")
    (tmp_path / "baisha-2023.txt").write_text(LAYOUT_2021.format(year=2023, row="15622"), encoding="utf-8")
    runner = CliRunner()

    def t308(*args: str) -> dict[str, list[str]]:
        res = runner.invoke(app, ["check", *args, "--format", "jsonl"])
        objs = [json.loads(x) for x in res.stdout.splitlines()]
        return {o["source"].rsplit("/", 1)[-1]: [f["message"] for f in o["findings"] if f["rule"] == "T308"]
                for o in objs}

    alone = t308(str(tmp_path / "baisha-2023.txt"))
    assert any("15622" in m for m in alone["baisha-2023.txt"])
    for extra in ([], ["--ignore", "X8"]):  # rules across reports or not (results streamed)
        for workers in ("1", "2"):
            both = t308(str(tmp_path), "-j", workers, *extra)
            assert list(both) == ["baisha-2022.txt", "baisha-2023.txt"]
            assert not any("15622" in m for m in both["baisha-2023.txt"]), (extra, workers)
    # the fields the findings rest on are those `extract` of the same files gives
    objs = [json.loads(x) for x in runner.invoke(app, ["extract", str(tmp_path), "--format", "jsonl"]).stdout.splitlines()]
    fields = {o["source"].rsplit("/", 1)[-1]: o["fields"] for o in objs}["baisha-2023.txt"]
    assert [fields[k]["value"] for k in NORMATIVE_2021] == [15, 6, 22]


# ---------------------------------------------------------------- 表四 run together under its header

T4_HEAD = ("四、政府信息公开行政复议、行政诉讼情况\n行政复议\t行政诉讼\n\t未经复议直接起诉\t复议后起诉\n"
           + "\t".join(["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 3) + "\n{run}\n\n"
           "五、存在的主要问题及改进情况\n本镇将继续改进。\n六、其他需要报告的事项\n无。\n")


def _t4(build: Build, run: str) -> tuple[Report, list[str]]:
    from extractor.check.engine import run as run_rules

    text = LAYOUT_T3.format(carried="0000000").replace("四、政府信息公开行政复议、行政诉讼情况\n", T4_HEAD.format(run=run))
    r = build(text)
    found = [f.rule for f in run_rules(r, strict=True)]
    return r, found


T4_KEYS = [f"t4.{g}.{o}" for g in ("reconsideration", "litigation_direct", "litigation_after_reconsideration")
           for o in ("upheld", "corrected", "other", "pending", "total")]


def test_table_four_run_together_under_its_header_is_read_when_one_split_holds(build: Build) -> None:
    # 2+1+0+1=4, 1+0+0+1=2, 1+0+0+0=1: the three sums cut the fifteen digits one way only
    r, found = _t4(build, "210141001210001")
    assert [r.fields[k].value for k in T4_KEYS] == [2, 1, 0, 1, 4, 1, 0, 0, 1, 2, 1, 0, 0, 0, 1]
    assert "S107" not in found and "T308" not in found


def test_table_four_with_two_splits_that_hold_stays_empty(build: Build) -> None:
    # 1/13/0/1/15 or 11/3/0/1/15 in the second group: both hold its sum, the cells that differ stay empty
    r, found = _t4(build, "10201022113011533208")
    vals = [r.fields[k].value for k in T4_KEYS]
    assert vals[:5] == [10, 2, 0, 10, 22] and vals[5] is None and vals[6] is None and vals[9] == 15
    assert len(r.fields[T4_KEYS[5]].candidates or []) == 2
    assert "S107" not in found


def test_table_four_whose_sums_fail_under_its_header_is_unread_not_missing(build: Build) -> None:
    r, found = _t4(build, "1000110001110012")
    assert not [k for k in r.fields if k.startswith("t4.") and r.fields[k].value is not None]
    assert "S107" not in found and "T308" in found


def test_last_years_report_in_the_store_decides_as_well(tmp_path) -> None:
    import json

    from typer.testing import CliRunner

    from extractor.cli import app

    a, b = tmp_path / "2022", tmp_path / "2023"
    a.mkdir()
    b.mkdir()
    (a / "baisha-2022.txt").write_text(LAYOUT_2021.format(year=2022, row=" 4 1 13"), encoding="utf-8")
    (b / "baisha-2023.txt").write_text(LAYOUT_2021.format(year=2023, row="15622"), encoding="utf-8")
    store = tmp_path / "store.sqlite"
    runner = CliRunner()

    def t308(*args: str) -> list[str]:
        res = runner.invoke(app, ["check", *args, "--format", "jsonl"])
        return [f["message"] for x in res.stdout.splitlines() for f in json.loads(x)["findings"] if f["rule"] == "T308"]

    assert any("15622" in m for m in t308(str(b)))  # alone: undecided
    t308(str(a), "--store", str(store))  # last year's run
    assert not any("15622" in m for m in t308(str(b), "--store", str(store)))


def test_the_note_keeps_the_whole_trail_after_the_report_went_through_a_record(build: Build) -> None:
    from extractor.batch import record
    from extractor.structure.evidence import resolve_series

    # 4726: the row's relation leaves 4/7/26 and 4/72/6 in the worker; the parent decides with
    # last year's report from the record, and the note still counts three cuts and names both steps
    r = record.from_blob(record.to_blob(build(LAYOUT_2021.format(year=2024, row="4726"))))
    resolve_series([(r, "baisha")], [_stock_view(2023, [(3, 0, 20)])])
    note = r.fields["t2.normative_docs.repealed"].note or ""
    assert r.fields["t2.normative_docs.repealed"].value == 7
    assert "可拆成3种" in note and "逻辑关系" in note and "上一年度报告（2023年）" in note


# ---------------------------------------------------------------- a count is a whole number

PROCUREMENT_2019 = LAYOUT_2019.replace("三、收到和处理政府信息公开申请情况\n", """第二十条第（九）项
信息内容 采购项目数量 采购总金额
政府集中采购{procurement}
三、收到和处理政府信息公开申请情况
""")

PROCUREMENT = ["t2.procurement.projects", "t2.procurement.amount"]


def _procurement(build: Build, run: str) -> Report:
    text = PROCUREMENT_2019.replace("{procurement}", run).format(
        year=2019, prose="", normative=" 000", licensing=" 000", penalty=" 000", fees=" 00")
    r = build(text)
    assert r.meta.template == "2019"
    return r


def test_a_cut_inside_the_decimals_leaves_no_count(build: Build) -> None:
    # 20.25元: 2 projects for 0.25 元, or 20.2 projects for 5 元 — a count has no fraction
    r = _procurement(build, "20.25元")
    assert [r.fields[k].value for k in PROCUREMENT] == [2, Decimal("0.25")]
    note = r.fields["t2.procurement.projects"].note or ""
    assert "整数" in note and "可拆成2种" in note and "唯一确定" in note


def test_whole_counts_alone_leave_a_long_run_undecided(build: Build) -> None:
    # 35807.60元: 3/5807.60, 35/807.60, 3580/7.60 and 35807.6/0 — the last has no whole count,
    # three are left and nothing else decides: the cells stay empty, the readings counted
    r = _procurement(build, "35807.60元")
    f = r.fields["t2.procurement.projects"]
    assert [r.fields[k].value for k in PROCUREMENT] == [None, None]
    assert f.candidates is not None and len(f.candidates) == 3
    assert all(isinstance(c[0], int) for c in f.candidates)
    assert "仍有3种" in (f.note or "") and "不取值" in (f.note or "")


def test_a_row_with_its_figures_apart_is_read_plainly(build: Build) -> None:
    r = _procurement(build, " 3 5807.60元")
    assert [r.fields[k].value for k in PROCUREMENT] == [3, Decimal("5807.60")]
    assert r.fields["t2.procurement.projects"].candidates is None


def test_last_years_blank_cell_does_not_place_this_years(build: Build) -> None:
    from extractor.structure.evidence import Known, resolve_series

    # last year's report left 商业企业 blank in this row; this year's "000000" (six digits, seven
    # cells) may have left any cell blank: a habit of last year is no evidence, the row stays empty
    r = build(LAYOUT_T3.format(carried="000000"))
    last = Known("2022.txt", "baisha", 2022, "2021",
                 {"t3.carried_forward": [dict(zip(T3_CF, [0, None, 0, 0, 0, 0, 0], strict=True))]})
    resolve_series([(r, "baisha")], [last])
    f = r.fields["t3.carried_forward.total"]
    assert [r.fields[f"t3.carried_forward.{c}"].value for c in T3_CF] == [None] * 7
    assert f.candidates is not None and len(f.candidates) == 7
