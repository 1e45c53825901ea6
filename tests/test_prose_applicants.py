"""Applications of one kind of applicant (issue 9, point 3: a sub-category is compared with its own
cell, never with the row's total): 自然人提出11件 is the 自然人 column of its row of 表三, a part of
the metric, not a second total. A list of every kind (公民、法人和其他组织提出的申请) is the total.
Sentences written for the test."""

from __future__ import annotations

import pytest

from extractor.model import Claim
from tests.prose_cases import report_of

PART = "三、收到和处理政府信息公开申请情况"


def applications(body: str) -> list[Claim]:
    return [c for c in report_of(body, part=PART).claims if c.metric.startswith("applications.")]


def shown(cs: list[Claim]) -> list[tuple[str, float, str | None]]:
    return sorted((c.metric, float(c.value), c.column) for c in cs)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("本年度受理的申请中，自然人提出17件，商业企业提出3件。",
         [("applications.new.part", 3.0, "commercial"), ("applications.new.part", 17.0, "natural_person")]),
        ("全年新收申请20件，其中公民申请18件，法人或其他组织申请2件。",
         [("applications.new", 20.0, None), ("applications.new.part", 2.0, "organisations"),
          ("applications.new.part", 18.0, "natural_person")]),
        ("共收到政府信息公开申请20件，其中个人提交18件、企业提交2件。",
         [("applications.new", 20.0, None), ("applications.new.part", 2.0, None),
          ("applications.new.part", 18.0, "natural_person")]),
    ],
)
def test_one_kind_of_applicant_is_a_part_with_its_column(sentence: str, expected: list) -> None:
    assert shown(applications(sentence)) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "全年共受理公民、法人和其他组织提出的政府信息公开申请23件。",
        "本年度收到自然人、法人或其他组织的政府信息公开申请共9件。",
        "全年受理群众提出的政府信息公开申请12件。",
    ],
)
def test_a_list_of_every_kind_is_the_total(sentence: str) -> None:
    assert [(c.metric, c.column) for c in applications(sentence)] == [("applications.new", None)]


def test_parts_with_no_total_are_linked_to_none_and_left_out_of_restatements() -> None:
    cs = applications("自然人提出11件。企业提出2件。")
    assert [c.metric for c in cs] == ["applications.new.part", "applications.new.part"]
    assert all(c.part_of is None for c in cs)
