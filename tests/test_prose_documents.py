"""Documents are not applications (issue 9, point 3): a total of documents (制作/制发/印发/形成/
产生 政府信息/公文/文件 N条) split into 主动公开 / 依申请公开 / 不予公开 is a partition of documents by
their disclosure attribute; 条/份/篇 with 信息/公文 counts documents, 件 counts applications only when
the sentence speaks of applications. Sentences written for the test."""

from __future__ import annotations

import pytest

from tests.prose_cases import applications, pairs


@pytest.mark.parametrize(
    "sentence",
    [
        "全年共制发公文320件，其中主动公开180件，依申请公开20件，不予公开120件。",
        "本年度制作政府信息520条，按公开属性分：主动公开300条、依申请公开150条、不予公开70条。",
        "全年产生政府信息450条，其中依申请公开40条。",
        "本年度形成公文200份，主动公开120份，依申请公开30份，不予公开50份。",
        "共发文186件，其中主动公开98件、依申请公开12件、不予公开76件。",
        "全年印发文件300份，其中属性为不予公开的64份。",
        "全年依申请公开政府信息23条。",
        "依申请公开信息12条。",
        "我局本年度共制作、获取政府信息96条，其中依申请公开11条，不予公开5条。",
        "全年通过门户网站发布信息607条，其中主动公开380份，依申请公开及不予公开227份。",
        "按公开方式划分，主动公开类公文85件，依申请公开类公文9件，不予公开类公文31件。",
        "本年度印发各类文件１２０份，其中依申请公开的文件１０份。",
        "全年制发文件一百二十份，其中依申请公开十份，不予公开二十份。",
    ],
)
def test_a_partition_of_documents_is_never_applications(sentence: str) -> None:
    assert applications(sentence) == []


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("全年共制发公文320件，其中主动公开180件，依申请公开20件，不予公开120件。", 180),
        ("本年度形成公文200份，主动公开120份，依申请公开30份，不予公开50份。", 120),
        ("全年通过门户网站发布信息607条，其中主动公开380份，依申请公开及不予公开227份。", 380),
    ],
)
def test_the_proactive_part_of_a_partition_is_the_proactive_figure(sentence: str, expected: int) -> None:
    assert pairs(sentence, families=["proactive"]) == [("proactive.items", float(expected))]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("全年共受理依申请公开12件，予以公开8件。", [("applications.granted", 8.0), ("applications.new", 12.0)]),
        ("本年度共收到依申请公开8件。", [("applications.new", 8.0)]),
        ("依申请公开政府信息5条，申请人均通过网站提交申请。", [("applications.new", 5.0)]),
        ("本年度共答复依申请公开事项18件。", [("applications.handled", 18.0)]),
        ("全年共处理依申请公开8件，均在法定期限内答复。", [("applications.handled", 8.0)]),
    ],
)
def test_applications_stay_applications(sentence: str, expected: list) -> None:
    assert applications(sentence) == expected
