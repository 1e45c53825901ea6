"""Scope (spec/claims.md): a figure of another body, of the whole region in a department's report,
of 各部门 / the units under the body, or stated on behalf of a government is `other` and cannot
contradict the body's own tables. The reporting body of these sentences is a department (局).
Sentences written for the test."""

from __future__ import annotations

import pytest

from tests.prose_cases import claims


def scopes(sentence: str) -> list[tuple[str, float, str]]:
    return sorted((c.metric, float(c.value), c.scope) for c in claims(sentence))


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("全区各部门共收到政府信息公开申请320件。", [("applications.new", 320.0, "other")]),
        ("全市共受理政府信息公开申请1200件。", [("applications.new", 1200.0, "other")]),
        ("全县各级行政机关共收到政府信息公开申请88件。", [("applications.new", 88.0, "other")]),
        ("各乡镇共收到政府信息公开申请12件。", [("applications.new", 12.0, "other")]),
        ("区政府及各部门共收到政府信息公开申请320件。", [("applications.new", 320.0, "other")]),
        ("本机关（含下属单位）共收到政府信息公开申请15件。", [("applications.new", 15.0, "other")]),
        ("我局及所属单位共收到政府信息公开申请15件。", [("applications.new", 15.0, "other")]),
        ("全区共主动公开政府信息12000条。", [("proactive.items", 12000.0, "other")]),
        ("区级部门共收到申请200件。", [("applications.new", 200.0, "other")]),
        ("下属事业单位收到政府信息公开申请5件。", [("applications.new", 5.0, "other")]),
        ("局属各学校共受理政府信息公开申请7件。", [("applications.new", 7.0, "other")]),
        ("区政府办公室代区政府收到政府信息公开申请40件。", [("applications.new", 40.0, "other")]),
        ("本年度我局共收到政府信息公开申请15件。", [("applications.new", 15.0, "self")]),
        ("局机关共收到政府信息公开申请10件。", [("applications.new", 10.0, "self")]),
    ],
)
def test_scope(sentence: str, expected: list) -> None:
    assert scopes(sentence) == expected


# another body named as the subject of the figure's sentence (the reporting body is 青岚县文化和旅游局):
# its figure, not the body's; the body's own name, whole or shortened, is its own
@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("县自然资源局全年共作出行政处罚决定45件，行政许可决定210件。",
         [("licensing.decisions", 210.0, "other"), ("penalty.decisions", 45.0, "other")]),
        ("全年，县政府办公室制发规范性文件4件。", [("normative_docs.issued", 4.0, "other")]),
        ("县行政服务中心受理政府信息公开申请9件。", [("applications.new", 9.0, "other")]),
        ("青岚县文化和旅游局全年共收到政府信息公开申请6件。", [("applications.new", 6.0, "self")]),
        ("县文旅局全年共收到政府信息公开申请6件。", [("applications.new", 6.0, "self")]),
        ("全年在县政府门户网站主动公开政府信息320条。", [("proactive.items", 320.0, "self")]),
        ("2024年，包括我局共收到政府信息公开申请6件。", [("applications.new", 6.0, "self")]),
    ],
)
def test_a_named_body_as_subject(sentence: str, expected: list) -> None:
    assert scopes(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("全乡各村（社区）共受理村务公开查询申请31件。", [("applications.new", 31.0, "other")]),
        ("局属县青少年活动中心收到政府信息公开申请4件。", [("applications.new", 4.0, "other")]),
        ("另收到政府信息公开申请2件，未计入本报告。", [("applications.new", 2.0, "other")]),
    ],
)
def test_units_under_the_body_and_figures_said_not_counted(sentence: str, expected: list) -> None:
    assert scopes(sentence) == expected
