"""Rows of blank marks in a table read from plain text (a converter's or a scraper's text of a report
that prints "/" or "—" in every cell with nothing to count): such a row is a row of empty cells. It
keeps its place, so the rows after it keep theirs — even where a row of marks stands on the line
after another row's figures, its own label wrapped further down. The report is written for the test."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from extractor.model import Report

MARKS = "/  —  /  —  /  —  /"


def _row(n: int) -> str:
    """Figures in 自然人 and 总计, a blank mark in every other cell."""
    return f"{n}  —  /  —  /  —  {n}"


def _report(granted_then_marks: bool) -> str:
    granted = ["（一）予以公开  " + _row(12), MARKS, "（二）部分公开（区分处理的，只", "计这一情形，不计其他情形）"] \
        if granted_then_marks else ["（一）予以公开  " + _row(12), "（二）部分公开（区分处理的，只计这一情形，不计其他情形）  " + MARKS]
    t3 = [
        "三、收到和处理政府信息公开申请情况",
        "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
        "申请人情况",
        "自然人  法人或其他组织  总计",
        "商业企业  科研机构  社会公益组织  法律服务机构  其他",
        "一、本年新收政府信息公开申请数量  " + _row(20),
        "二、上年结转政府信息公开申请数量  " + _row(1),
        "三、本年度办理结果",
        *granted,
        "（三）不予公开",
        *(f"{label}  {MARKS}" for label in ("1.属于国家秘密", "2.其他法律行政法规禁止公开", "3.危及“三安全一稳定”",
                                             "4.保护第三方合法权益", "5.属于三类内部事务信息")),
        "6.属于四类过程性信息  " + _row(2),
        "7.属于行政执法案卷  " + MARKS,
        "8.属于行政查询事项  " + MARKS,
        "（四）无法提供",
        "1.本机关不掌握相关政府信息  " + _row(3),
        "2.没有现成信息需要另行制作  " + MARKS,
        "3.补正后申请内容仍不明确  " + MARKS,
        "（五）不予处理",
        *(f"{label}  {MARKS}" for label in ("1.信访举报投诉类申请", "2.重复申请", "3.要求提供公开出版物",
                                             "4.无正当理由大量反复申请", "5.要求行政机关确认或重新出具已获取信息")),
        "（六）其他处理",
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请  " + _row(2),
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请  " + MARKS,
        "3.其他  " + MARKS,
        "（七）总计  " + _row(19),
        "四、结转下年度继续办理  " + _row(2),
    ]
    return "\n".join([
        "某某局2024年政府信息公开工作年度报告", "一、总体情况", "本机关依法做好政府信息公开工作。",
        "二、主动公开政府信息情况", "无。", *t3,
        "四、政府信息公开行政复议、行政诉讼情况", "无。", "五、存在的主要问题及改进情况", "无。",
        "六、其他需要报告的事项", "无。", ""])


@pytest.mark.parametrize("granted_then_marks", [True, False])
def test_a_row_of_marks_is_a_row_of_empty_cells_in_its_place(build: Callable[..., Report], granted_then_marks: bool) -> None:
    r = build(_report(granted_then_marks), upto="structure")
    expected = {"t3.new": 20, "t3.carried_over": 1, "t3.granted": 12, "t3.denied.process_info": 2,
                "t3.unavailable.not_held": 3, "t3.other.no_correction": 2, "t3.total": 19, "t3.carried_forward": 2}
    for row, n in expected.items():
        assert (r.value(f"{row}.natural_person"), r.value(f"{row}.total")) == (n, n), row
        assert r.value(f"{row}.commercial") is None  # a mark is no zero
    # the rows of marks: empty, never another row's figures
    for row in ("t3.partial", "t3.denied.state_secret", "t3.not_processed.mass_repeat", "t3.other.other"):
        assert r.value(f"{row}.natural_person") is None and r.value(f"{row}.total") is None, row
