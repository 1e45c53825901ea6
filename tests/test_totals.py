"""A total and its parts: the pieces P407 (`breakdowns`) and P410 (`enumerations`) share
(extractor/check/totals.py), and the places where the two scanners read a sentence differently on
purpose — pinned here so that a later merge of the two sees what it would change.

Sentences are written for these tests (figures are invented)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from extractor.check.enumerations import enumerations
from extractor.check.prose import breakdowns
from extractor.check.totals import (
    APPLICANT,
    DISCLOSURE,
    PARTITIONS,
    claim_for,
    partition_named,
    same_unit,
    shifted,
)
from extractor.model import Claim, Meta, NumberMention, Report


def prose(text: str) -> Report:
    return Report(source="t.txt", text=text, meta=Meta(body="青岚县人民政府", year=2023, title_year=2023))


def p407(text: str) -> list[tuple[int, list[int]]]:
    """The lists P407 holds certain (it reports parts over their total in these as errors)."""
    return [(int(b.total.value), [int(p.value) for p in b.parts]) for b in breakdowns(prose(text))
            if b.uncertain is None]


def p407_unsure(text: str) -> list[tuple[int, list[int], str]]:
    """The lists P407 reads but is not sure partition their total (no error; P410 may warn)."""
    return [(int(b.total.value), [int(p.value) for p in b.parts], b.uncertain) for b in breakdowns(prose(text))
            if b.uncertain is not None]


def p410(text: str) -> list[tuple[int, list[int]]]:
    return [(int(e.total.value), [int(p.number.value) for p in e.parts]) for e in enumerations(prose(text))]


# ------------------------------------------------------------------ the shared pieces


def test_units_of_documents_count_the_same_thing() -> None:
    assert same_unit("条", "份") and same_unit("篇", "条") and same_unit("件", "件")
    assert not same_unit("件", "条")
    assert not same_unit(None, "条")  # a figure without a unit is not silently a part (P410 decides that itself)


def test_which_partitions_oblige_a_sum_is_the_rules_own() -> None:
    labels = "自然人申请25件、法人或其他组织申请5件"
    assert partition_named(labels) == APPLICANT  # P410: every template partition
    assert partition_named(labels, (DISCLOSURE,)) is None  # P407: only the 公开属性
    assert partition_named("主动公开200件、依申请公开及不予公开90件", (DISCLOSURE,)) == DISCLOSURE
    assert partition_named("主动公开200件、依申请公开50件") is None  # one member missing
    assert DISCLOSURE in PARTITIONS


def test_a_shifted_figure_keeps_what_it_is() -> None:
    n = NumberMention(value=30, unit="条", start=4, end=7, text="30条", approx=True, kind="other")
    m = shifted(n, 100)
    assert (m.start, m.end) == (104, 107)
    assert (m.value, m.unit, m.text, m.approx, m.kind) == (30, "条", "30条", True, "other")


def test_the_claim_of_a_figure_is_the_first_that_holds_it_with_its_value() -> None:
    wide = Claim(metric="a", value=5, unit="件", text="t", start=0, end=50, section=None)
    other = Claim(metric="b", value=7, unit="件", text="t", start=10, end=20, section=None)
    same = Claim(metric="c", value=Decimal("7"), unit="件", text="t", start=12, end=30, section=None)
    n = NumberMention(value=7, unit="件", start=15, end=17, text="7件")
    assert claim_for([wide, other, same], n) is other
    assert claim_for([wide, same, other], n) is same
    assert claim_for([wide], n) is None  # a claim holds the figure but says another value
    assert claim_for([other], NumberMention(value=7, unit="件", start=20, end=22, text="7件")) is None  # past its end


# ------------------------------------------------------------------ where the two read differently, on purpose
# P407 (an error) reads every same-unit figure after 其中/在…中 until the parts add up to the total;
# P410 (a warning about exhaustive lists) reads labelled items only, and stops early. Merging the two
# scanners would move one of these findings.


@pytest.mark.parametrize(("text", "by_p407", "by_p410"), [
    # a figure of another unit inside the list: P407 passes over it, P410 ends the list there
    ("受理申请20件，其中涉及3个部门，自然人申请12件、法人申请10件。", [(20, [12, 10])], []),
    # items across a ；: P407 reads the whole sentence to the 。, P410's sentence ends at the ；
    ("主动公开信息100条，其中政策文件60条；工作动态50条。", [(100, [60, 50])], []),
    # P407 ends the list where the parts reach the total; P410 reads every item
    ("主动公开信息100条，其中政策文件60条、工作动态40条、通知公告30条。", [(100, [60, 40])], [(100, [60, 40, 30])]),
    # a part as large as the total: P407 leaves it out (a restated total), P410 keeps a labelled one
    ("主动公开信息100条，其中政策文件100条、工作动态30条、其他信息20条。", [(100, [30, 20])],
     [(100, [100, 30, 20])]),
    # a figure without its unit among N条 items: one of them for P410, not a part for P407
    ("主动公开信息100条，其中政策文件60条、工作动态30、其他信息20条。", [(100, [60, 20])], [(100, [60, 30, 20])]),
    # lists without 其中: P410 only (分别为, a bracket, a total cue with a catch-all)
    ("主动公开信息100条，分别为政策文件60条、工作动态50条。", [], [(100, [60, 50])]),
    ("主动公开信息100条（政策文件60条、工作动态30条、其他信息20条）。", [], [(100, [60, 30, 20])]),
    ("全年主动公开信息100条，政策文件60条，工作动态30条，其他信息20条。", [], [(100, [60, 30, 20])]),
    # where they agree: 其中 and labelled items of the total's unit
    # a clause with a verb the first item did not have, after a comma: a new statement for both
    ("全年公开信息100条，其中政策文件60条，发布动态50条。", [], []),
    ("主动公开信息100条，其中政策文件60条，占60%，工作动态30条、其他信息20条。", [(100, [60, 30, 20])],
     [(100, [60, 30, 20])]),
])
def test_the_two_scanners_read_these_lists_differently(text: str, by_p407: list[tuple[int, list[int]]],
                                                        by_p410: list[tuple[int, list[int]]]) -> None:
    assert p407(text) == by_p407
    assert p410(text) == by_p410


def test_items_that_are_predicates_are_no_partition_for_either() -> None:
    text = "梳理事项200项，其中实现全程网办的有150项、可容缺受理的有120项。"
    (e,) = enumerations(prose(text))
    assert e.predicates  # overlapping attributes: P410 does not sum them
    assert p407(text) == []  # nor does P407 hold them a partition (150＋120 > 200 is no contradiction)
    ((total, parts, why),) = p407_unsure(text)
    assert (total, parts) == (200, [150, 120]) and "重叠" in why
