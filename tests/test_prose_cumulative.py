"""Cumulative and historical figures are not this year's (issue 9, point 3): 累计 after 截至, 历年,
至今, 以来, 近三年, 多年来; a figure under a year two or more before the report year. 累计 alone
may total the year (全年累计), the date after 截至 ends the running total, and last year's number
before a figure is often a year a copied report forgot to change: those stay claims.
The reports these sentences sit in are of 2024."""

from __future__ import annotations

import pytest

from tests.prose_cases import pairs


@pytest.mark.parametrize(
    "sentence",
    [
        "截至目前，累计收到政府信息公开申请320件。",
        "历年累计主动公开政府信息5600条。",
        "自2008年以来，共受理政府信息公开申请1500件。",
        "截至2024年底，共公开文件累计296份。",
        "自《条例》施行以来，我局共收到依申请公开260件。",
        "近三年共收到政府信息公开申请60件。",
        "近5年来，共办结政府信息公开申请88件。",
        "多年来共发生政府信息公开行政复议3起。",
        "截止目前，我局累计制发规范性文件42件。",
        "成立至今，共受理政府信息公开申请91件。",
        "2021年，我局收到政府信息公开申请8件。",
        "2020年度共发生行政复议1起。",
    ],
)
def test_cumulative_and_historical_figures_are_not_this_years(sentence: str) -> None:
    assert pairs(sentence) == []


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("截至2024年12月31日，全年累计主动公开政府信息395条。", [("proactive.items", 395.0)]),
        ("全年累计收到政府信息公开申请20件。", [("applications.new", 20.0)]),
        ("截至2024年底，我局现行有效规范性文件30件。", [("normative_docs.in_force", 30.0)]),
        ("今年以来共受理群众提出的政府信息公开申请12件。", [("applications.new", 12.0)]),
        ("2024年，我局共收到政府信息公开申请12件。", [("applications.new", 12.0)]),
        ("2023年，在主动公开的61条政府信息中，政策文件12条。", [("proactive.items", 61.0)]),
        ("与2023年相比，共收到政府信息公开申请12件。", [("applications.new", 12.0)]),
        ("2023年结转的申请2件均已办结。", [("applications.carried_over", 2.0)]),
        ("本年度累计办结政府信息公开申请11件。", [("applications.handled", 11.0)]),
    ],
)
def test_this_years_totals_stay_claims(sentence: str, expected: list) -> None:
    assert pairs(sentence) == expected


# a sub-heading that scraped text ran into its first sentence is not part of the sentence: its year
# (数量（2024年度及历年累计）) does not make a running total this year's, and the heading's words do not
# lend the sentence a metric it does not state
@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("（一）主动公开政府信息的数量（2024年度及历年累计）截至2024年12月31日，累计主动公开政府信息912条"
         "（2024年度主动公开政府信息87条）。", [("proactive.items", 87.0)]),
        ("（一） 主动公开政府信息的数量 截至2024年底，累计主动公开政府信息1500条。", []),
        ("（二）主动公开政府信息的主要类别 2024年我局对外发布会议通知9条。", []),
        ("（三）依申请公开情况2024年共收到依申请公开7件。", [("applications.new", 7.0)]),
        ("（一）主动公开政府信息的数量 2024年我局主动公开政府信息87条。", [("proactive.items", 87.0)]),
    ],
)
def test_a_sub_heading_run_into_its_sentence_is_not_part_of_it(sentence: str, expected: list) -> None:
    assert pairs(sentence) == expected


# a part of the year is not the year
@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("第三季度共受理政府信息公开申请9件。", []),
        ("上半年收到政府信息公开申请11件、下半年收到14件。", []),
        ("其中3月份收到政府信息公开申请6件。", []),
        ("2024年1月1日至12月31日，共收到政府信息公开申请25件。", [("applications.new", 25.0)]),
        ("截至12月底，共受理政府信息公开申请25件。", [("applications.new", 25.0)]),
    ],
)
def test_a_part_of_the_year_is_not_the_year(sentence: str, expected: list) -> None:
    assert pairs(sentence) == expected
