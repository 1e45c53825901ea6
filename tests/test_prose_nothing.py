"""Statements of nothing in all their forms (issue 9, point 3): 未/没有/无/暂未/尚未/从未/不存在 …
收到/发生/出现/产生, 零败诉, 均为零, 0件; each is a claim of 0 for what it names, and only that.
Sentences written for the test."""

from __future__ import annotations

import pytest

from tests.prose_cases import pairs


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("本年度未出现行政复议被纠正的情况。", [("reconsideration.corrected", 0.0)]),
        ("全年行政诉讼零败诉。", [("litigation.corrected", 0.0)]),
        ("本年度暂未接到政府信息公开申请。", [("applications.new", 0.0)]),
        ("本年度未收到政府信息公开申请。", [("applications.new", 0.0)]),
        ("全年没有收到依申请公开申请。", [("applications.new", 0.0)]),
        ("本年度我局无政府信息公开申请。", [("applications.new", 0.0)]),
        ("2024年，本机关尚未收到公民、法人或其他组织提出的政府信息公开申请。", [("applications.new", 0.0)]),
        ("本年度未制发规范性文件。", [("normative_docs.issued", 0.0)]),
        ("本年度未出台规章和行政规范性文件。", [("normative_docs.issued", 0.0), ("regulations.issued", 0.0)]),
        ("依申请公开工作未产生任何费用。", [("processing_fee.amount", 0.0)]),
        ("全年未收取信息处理费。", [("processing_fee.amount", 0.0)]),
        ("本年度未向申请人收取任何费用。", [("processing_fee.amount", 0.0)]),
        ("本年度未发生信息处理费收费情况。", [("processing_fee.amount", 0.0)]),
        ("本机关依申请提供政府信息，均不收取费用。", [("processing_fee.amount", 0.0)]),
        ("本年度未发生因政府信息公开引起的行政复议、行政诉讼案件。",
         [("litigation.total", 0.0), ("reconsideration.total", 0.0)]),
        ("全年无政府信息公开行政复议及行政诉讼案件。", [("litigation.total", 0.0), ("reconsideration.total", 0.0)]),
        ("行政复议、行政诉讼均为零。", [("litigation.total", 0.0), ("reconsideration.total", 0.0)]),
        ("行政复议和行政诉讼案件均为0。", [("litigation.total", 0.0), ("reconsideration.total", 0.0)]),
        ("依申请公开信息处理费为0。", [("processing_fee.amount", 0.0)]),
        ("本年度政府信息公开行政复议0件，行政诉讼0件。", [("litigation.total", 0.0), ("reconsideration.total", 0.0)]),
        ("本年度未收到政府信息公开方面的行政复议和行政诉讼。", [("litigation.total", 0.0), ("reconsideration.total", 0.0)]),
        ("没有因政府信息公开被复议纠错或诉讼败诉的情况。",
         [("litigation.corrected", 0.0), ("reconsideration.corrected", 0.0)]),
        ("本年度政府信息公开行政复议被纠错0件。", [("reconsideration.corrected", 0.0)]),
        ("全年从未发生政府信息公开行政诉讼。", [("litigation.total", 0.0)]),
        ("全年结转下年度继续办理0件。", [("applications.carried_forward", 0.0)]),
        ("无结转至下年度的申请。", [("applications.carried_forward", 0.0)]),
        ("没有上年结转的申请。", [("applications.carried_over", 0.0)]),
        ("本年度政府信息公开工作零投诉、零复议、零诉讼。", [("litigation.total", 0.0), ("reconsideration.total", 0.0)]),
        ("暂无政府信息公开申请。", [("applications.new", 0.0)]),
        ("全年无依申请公开事项。", [("applications.new", 0.0)]),
        ("本年度不存在不予公开的情况。", [("applications.denied", 0.0)]),
        ("本年度未发生依申请公开行政复议，也未发生行政诉讼。", [("litigation.total", 0.0), ("reconsideration.total", 0.0)]),
        ("没有结转到下一年度的申请。", [("applications.carried_forward", 0.0)]),
    ],
)
def test_statements_of_nothing(sentence: str, expected: list) -> None:
    assert pairs(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # what is avoided is no statement of what happened
        ("严格审核，避免发生行政复议和行政诉讼。", []),
        ("确保不发生因信息公开引发的行政诉讼。", []),
        ("力争实现零复议、零诉讼。", []),
        # a nothing of another thing
        ("未收到人大代表建议和政协提案。", []),
        ("本年度未发生网络舆情事件。", []),
        # a row of a statistics table flattened into text: the first figure is no 0 of both
        ("行政复议数 件 1 0 行政诉讼数 件 0 0", []),
    ],
)
def test_what_is_not_a_statement_of_nothing(sentence: str, expected: list) -> None:
    assert pairs(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("本年度无行政许可、行政处罚和行政强制事项。",
         [("coercion.decisions", 0.0), ("licensing.decisions", 0.0), ("penalty.decisions", 0.0)]),
        ("本年度我局未作出行政处罚决定。", [("penalty.decisions", 0.0)]),
        ("本年度未公开行政处罚信息。", []),
        ("严格规范执法，避免行政处罚不当。", []),
    ],
)
def test_no_decisions_of_table_two_are_inferred_nothings(sentence: str, expected: list) -> None:
    from tests.prose_cases import claims

    got = [c for c in claims(sentence) if c.metric.split(".")[0] in ("licensing", "penalty", "coercion")]
    assert sorted((c.metric, float(c.value)) for c in got) == expected
    assert all(c.confidence < 1 for c in got)
