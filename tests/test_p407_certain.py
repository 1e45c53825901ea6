"""P407 (parts exceed their total, an error) only where the items certainly partition the total.

A false error costs an auditor more than silence (issue 9, point 5): where the items of a 其中 list
may overlap, count another thing or another period, or stop being items, P407 says nothing (P410 may
warn where it reads the list). Each class has a sentence written for this test; figures are invented.
"""

from __future__ import annotations

import pytest

from extractor.check.prose import all_breakdowns, breakdowns
from extractor.check.totals import ATTRIBUTE, NEW_STATEMENT, PART, SUBLIST, item_reading
from extractor.model import Meta, Report


def prose(text: str) -> Report:
    return Report(source="t.txt", text=text, meta=Meta(body="青岚县人民政府", year=2023, title_year=2023))


def certain(text: str) -> list[tuple[int, list[int]]]:
    return [(int(b.total.value), [int(p.value) for p in b.parts]) for b in all_breakdowns(prose(text))]


def unsure(text: str) -> list[str]:
    return [b.uncertain for b in breakdowns(prose(text)) if b.uncertain is not None]


@pytest.mark.parametrize(("text", "why"), [
    # overlapping attributes: a thing can have several (…的有N项)
    ("清理服务事项300项，其中可网上办理的有260项、能够全程网办的有180项。", "兼有"),
    # a channel beside kinds of information: two ways of dividing the total in one list
    ("本年度主动公开信息800条，其中通过门户网站公开500条、政策解读类400条。", "发布渠道"),
    # channels only: the same piece of information goes out on several of them
    ("本年度主动公开信息800条，其中政府网站500条、政务微博450条。", "渠道"),
    # what the applications concern: documents, in the same unit 件, one application may concern several
    ("全年受理申请30件，其中涉及规范性文件20件、涉及部门文件15件。", "另一种东西"),
    # parts in another unit of documents than the total: 份 of files beside 条 of information
    ("本年度公开政府信息90条，其中规范性文件70份、部门文件40份。", "单位"),
])
def test_items_that_may_overlap_are_no_error(text: str, why: str) -> None:
    assert certain(text) == []
    (reason,) = unsure(text)
    assert why in reason


@pytest.mark.parametrize("text", [
    # a clause with a verb of its own ends the list
    "本年度主动公开信息90条，其中人事信息50条，转载动态45条。",
    # a cumulative figure among this year's: another period
    "本年度主动公开信息90条，其中人事信息50条，累计公开人事信息420条。",
    # the parts of a part (包括…): not more items of the total
    "本年度主动公开信息90条，其中政策类信息80条，包括规章30条、规范性文件50条。",
    # a figure of applications (件) among documents (条): not a part
    "本年度主动公开信息90条，其中人事信息50条，收到申请60件、答复申请55件。",
])
def test_what_follows_the_list_is_not_summed(text: str) -> None:
    assert certain(text) == [] and unsure(text) == []


@pytest.mark.parametrize(("text", "expected"), [
    # a real partition whose parts exceed the total: still certain, still an error
    ("本年度主动公开信息90条，其中人事信息50条、财政信息45条。", [(90, [50, 45])]),
    # items that all share the first one's verb go on (A类信息发布N条，B类信息发布M条)
    ("本站全年发布信息90条，其中通知类信息发布50条，解读类信息发布45条。", [(90, [50, 45])]),
    # a 公开属性 partition
    ("全年制发公文300件，其中主动公开200件、依申请公开50件、不予公开40件。", [(300, [200, 50, 40])]),
])
def test_a_partition_is_still_read(text: str, expected: list[tuple[int, list[int]]]) -> None:
    assert certain(text) == expected


def test_how_an_item_reads() -> None:
    assert item_reading("实现全程网办的有") == ATTRIBUTE
    assert item_reading("政策文件") == PART
    assert item_reading("发布动态", "政策文件") == NEW_STATEMENT
    assert item_reading("解读类信息发布", "动态类信息发布") == PART  # the verb every item shares
    assert item_reading("其他信息发布", "政策文件") == PART  # the catch-all closes, does not end, the list
    assert item_reading("累计公开", "政策文件") == NEW_STATEMENT
    assert item_reading("包括规章", "政策类信息") == SUBLIST
    assert item_reading("包括规章") == PART  # 包括 before the first item introduces the list
