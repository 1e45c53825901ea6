"""A figure belongs to its own enumerated item, and a sentence's subject governs its clauses (issue
9, point 3): 、 ends an item for patterns and vetoes; 诉求, 12345 热线, 微信公众号 and other channels,
or an application of another kind (行政许可申请), as the subject make every figure of the sentence
theirs; `sentence_has` means the same sentence (or its heading). Sentences written for the test."""

from __future__ import annotations

import pytest

from tests.prose_cases import applications, pairs


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("本年度收到政府信息公开行政复议2件、行政诉讼3件。", [("litigation.total", 3.0), ("reconsideration.total", 2.0)]),
        ("全年收到政府信息公开申请15件、办结14件、结转下年度1件。",
         [("applications.carried_forward", 1.0), ("applications.handled", 14.0), ("applications.new", 15.0)]),
        ("办结的申请中，有2件属于国家秘密、商业秘密等情形不予公开。", [("applications.denied", 2.0)]),
        ("其中予以公开6件、部分公开4件、无法提供3件、不予处理1件。",
         [("applications.granted", 6.0), ("applications.not_processed", 1.0), ("applications.partial", 4.0),
          ("applications.unavailable", 3.0)]),
        ("予以公开6件，不予公开2件、无法提供1件。",
         [("applications.denied", 2.0), ("applications.granted", 6.0), ("applications.unavailable", 1.0)]),
        ("政府信息公开行政复议1起、行政诉讼0起。", [("litigation.total", 0.0), ("reconsideration.total", 1.0)]),
        ("共受理申请15件，予以公开、部分公开、不予公开分别为6件、4件、2件。",
         [("applications.denied", 2.0), ("applications.granted", 6.0), ("applications.new", 15.0),
          ("applications.partial", 4.0)]),
        ("本年度行政许可、行政处罚分别为782件、182件。", [("licensing.decisions", 782.0), ("penalty.decisions", 182.0)]),
        ("本年度政府信息公开行政复议1件和行政诉讼2件。", [("litigation.total", 2.0), ("reconsideration.total", 1.0)]),
        ("全年发生政府信息公开行政复议1件及行政诉讼2件。", [("litigation.total", 2.0), ("reconsideration.total", 1.0)]),
        ("予以公开6件和部分公开2件。", [("applications.granted", 6.0), ("applications.partial", 2.0)]),
    ],
)
def test_a_figure_belongs_to_its_own_item(sentence: str, expected: list) -> None:
    fams = sorted({m.split(".", 1)[0] for m, _ in expected})
    assert pairs(sentence, families=fams) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "12345便民服务热线转办工单1320件，按时办结1318件。",
        "“网上信访”平台全年受理留言92件，已答复92件。",
        "全年受理行政许可申请800件，办结782件。",
        "全年受理企业开办申请1200件，当日办结1150件。",
        "本年度受理惠企补贴申请340件，审核通过320件。",
        "共收到人大代表建议和政协提案12件，均已按时办复。",
        "区长信箱收到来信80封，答复80封。",
        "政务抖音号全年收到网友私信58件，均已回复。",
        "全年接待群众来访36件，办结36件。",
        "全年承办12345工单412件，办结率100%。",
    ],
)
# (the first cases of this class, 12345热线 to 投诉举报, are in test_claim_classes.py)
def test_the_subject_of_a_sentence_governs_all_its_clauses(sentence: str) -> None:
    assert applications(sentence) == []


def test_an_item_naming_applications_escapes_its_sentences_subject() -> None:
    got = applications("全年受理群众诉求560件，其中政府信息公开申请3件。")
    assert got == [("applications.new", 3.0)] or got == []  # never 560


def test_sentence_has_means_the_same_sentence_or_its_heading() -> None:
    # (the sentence before, and the sub-heading, are in test_claim_classes.py)
    assert applications("我局重视依申请公开。全年共办结11件，按时办结率100%。") == []
    assert ("applications.handled", 12.0) in applications("全年按时答复12件。", part="三、收到和处理政府信息公开申请情况")


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("本年度制发规范性文件3件，废止2件，现行有效15件。",
         [("normative_docs.in_force", 15.0), ("normative_docs.issued", 3.0), ("normative_docs.repealed", 2.0)]),
        ("行政规范性文件方面，本年制发4件、废止1件、现行有效22件。",
         [("normative_docs.in_force", 22.0), ("normative_docs.issued", 4.0), ("normative_docs.repealed", 1.0)]),
    ],
)
def test_the_subject_of_a_list_governs_its_later_items(sentence: str, expected: list) -> None:
    assert pairs(sentence, families=["normative_docs"]) == expected


@pytest.mark.parametrize(
    ("sentence", "part", "expected"),
    [
        # law-based administration, not disclosure: 表四 holds only disclosure cases
        ("全年办理行政复议案件3件，行政应诉案件2件。", "一、总体情况", []),
        ("作为复议机关，全年共收到行政复议申请120件，审结115件。", "一、总体情况", []),
        ("本年度共发生行政诉讼案件4起，均已审结。", "一、总体情况", []),
        # the disclosure work named in the sentence, the one before, or the heading
        ("本年度发生政府信息公开行政复议案件1件。", "一、总体情况", [("reconsideration.total", 1.0)]),
        ("我局有1件涉及政府信息公开工作的行政复议。涉及的行政诉讼数为0件。", "一、总体情况",
         [("litigation.total", 0.0), ("reconsideration.total", 1.0)]),
        ("本年度行政复议1件，行政诉讼0件。", "四、政府信息公开行政复议、行政诉讼情况",
         [("litigation.total", 0.0), ("reconsideration.total", 1.0)]),
    ],
)
def test_reconsideration_and_litigation_figures_belong_to_the_disclosure_work(sentence: str, part: str,
                                                                           expected: list) -> None:
    assert pairs(sentence, part=part, families=["reconsideration", "litigation"]) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("通过微信公众号发布信息230条。", []),
        ("“文旅青岚”微信公众号全年发布推文80期，发布信息350条。", []),
        ("通过门户网站、政务新媒体等平台发布政府信息1234条。", [("proactive.items", 1234.0)]),
        ("依托门户网站、微信公众号等渠道公开政府信息1234条。", [("proactive.items", 1234.0)]),
    ],
)
def test_a_channel_as_subject_makes_posts_not_the_information_made_public(sentence: str, expected: list) -> None:
    assert pairs(sentence, families=["proactive"]) == expected
