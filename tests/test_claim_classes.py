"""What a figure counts: one test per class of issue 9 point 3, on sentences written for the test.

Each class is a way the prose misleads a pattern that matches words: a partition of documents read
as applications, a figure read with the words of the next item of a list, a hotline's calls read as
applications, a name written with numerals, a running total over years, a statement of nothing.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from extractor.model import Claim, Report

Build = Callable[..., Report]

HEAD = "青岚县民政局2024年政府信息公开工作年度报告\n"


def claims_of(build: Build, body: str) -> list[tuple[str, float]]:
    text = HEAD + "一、总体情况\n" + body + "\n六、其他需要报告的事项\n无。\n"
    cs: list[Claim] = build(text).claims
    return sorted((c.metric, float(c.value)) for c in cs
                  if not c.metric.endswith(".part") and not c.metric.startswith("breakdown."))


def applications(got: list[tuple[str, float]]) -> list[tuple[str, float]]:
    return [g for g in got if g[0].startswith("applications.")]


# ---------------------------------------------------------------- documents are not applications


@pytest.mark.parametrize(
    "sentence",
    [
        "全年共制作政府信息520条，其中主动公开300条、依申请公开150条、不予公开70条。",
        "本年度印发公文86件，其中主动公开40件，依申请公开30件，不予公开16件。",
        "我局通过门户网站发布信息210份，其中主动公开120份、依申请公开及不予公开90份。",
        "按公开属性划分，其中主动公开64份、依申请公开及不予公开12份。",
        "本年度依申请公开政府信息12条。",
    ],
)
def test_a_partition_of_documents_is_never_applications(build: Build, sentence: str) -> None:
    assert applications(claims_of(build, sentence)) == []


def test_the_proactive_part_of_a_partition_of_documents_is_proactive_items(build: Build) -> None:
    got = claims_of(build, "全年共制作政府信息520条，其中主动公开300条、依申请公开150条、不予公开70条。")
    assert ("proactive.items", 300.0) in got


def test_applications_stay_applications(build: Build) -> None:
    assert claims_of(build, "全年共受理依申请公开12件，予以公开8件。") == [
        ("applications.granted", 8.0), ("applications.new", 12.0)]
    # 条 with 信息 counts applications when the sentence itself speaks of them
    assert ("applications.new", 5.0) in claims_of(build, "依申请公开政府信息5条，申请人均通过网站提交申请。")


# ---------------------------------------------------------------- a figure belongs to its own item


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("本年度收到政府信息公开行政复议2件、行政诉讼3件。", [("litigation.total", 3.0), ("reconsideration.total", 2.0)]),
        ("全年收到政府信息公开申请15件、办结14件、结转下年度1件。",
         [("applications.carried_forward", 1.0), ("applications.handled", 14.0), ("applications.new", 15.0)]),
        # a 、 inside one item's description does not cut it
        ("办结的申请中，有2件属于国家秘密、商业秘密等情形不予公开。", [("applications.denied", 2.0)]),
    ],
)
def test_a_figure_belongs_to_its_own_item(build: Build, sentence: str, expected: list) -> None:
    assert claims_of(build, sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "12345热线全年受理群众来电3200件，办结3150件，涉及政府信息公开申请的已全部转办。",
        "政务微信公众号全年受理事项410件，办结408件，申请人满意率98%。",
        "全年受理群众诉求560件，按时答复540件，其中1件涉及依申请公开。",
        "局长信箱全年收到群众来信46件，均已办结。",
        "全年受理投诉举报230件，办结228件。",
    ],
)
def test_the_subject_of_a_sentence_governs_all_its_clauses(build: Build, sentence: str) -> None:
    assert applications(claims_of(build, sentence)) == []


def test_sentence_has_means_the_same_sentence_or_its_heading(build: Build) -> None:
    # the sentence before speaks of applications; this one does not
    assert applications(claims_of(build, "我局高度重视政府信息公开申请办理工作。窗口全年受理1200件。")) == []
    # the sub-heading it stands under does
    assert ("applications.handled", 12.0) in claims_of(build, "（二）依申请公开情况。全年按时答复12件。")


# ---------------------------------------------------------------- names are not counts


@pytest.mark.parametrize(
    "sentence",
    [
        "推行“3个1”办理机制，确保每一件申请都按时答复。",
        "建立2个1工作专班，专门办理依申请公开事项。",
        "依申请公开受理窗口3个，均实现一窗受理。",
        "依申请公开办理环节由6个压缩至3个，申请材料精简为2项。",
        "政务服务大厅日均受理业务550件，依申请公开实现全程网办。",
    ],
)
def test_names_rates_and_process_reform_are_not_counts(build: Build, sentence: str) -> None:
    assert applications(claims_of(build, sentence)) == []


def test_a_change_on_last_year_is_no_count(build: Build) -> None:
    assert claims_of(build, "本年度办结申请18件，比上年多办结4件。") == [("applications.handled", 18.0)]
    assert claims_of(build, "全年收到政府信息公开申请20件，较上年增加5件。") == [("applications.new", 20.0)]


# ---------------------------------------------------------------- running totals


@pytest.mark.parametrize(
    "sentence",
    [
        "截至目前，累计收到政府信息公开申请320件。",
        "历年累计主动公开政府信息5600条。",
        "自2008年以来，共受理政府信息公开申请1500件。",
        "截至2024年底，共公开文件累计296份。",
    ],
)
def test_cumulative_figures_are_not_this_years(build: Build, sentence: str) -> None:
    assert claims_of(build, sentence) == []


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("截至2024年12月31日，全年累计主动公开政府信息395条。", [("proactive.items", 395.0)]),
        ("全年累计收到政府信息公开申请20件。", [("applications.new", 20.0)]),
        ("截至2024年底，我局现行有效规范性文件30件。", [("normative_docs.in_force", 30.0)]),
    ],
)
def test_this_years_totals_stay_claims(build: Build, sentence: str, expected: list) -> None:
    assert claims_of(build, sentence) == expected


# ---------------------------------------------------------------- statements of nothing


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("本年度未出现行政复议被纠正的情况。", [("reconsideration.corrected", 0.0)]),
        ("全年行政诉讼零败诉。", [("litigation.corrected", 0.0)]),
        ("本年度暂未接到政府信息公开申请。", [("applications.new", 0.0)]),
        ("本年度未制发规范性文件。", [("normative_docs.issued", 0.0)]),
        ("依申请公开工作未产生任何费用。", [("processing_fee.amount", 0.0)]),
        ("有2件申请结转至2025年继续办理。", [("applications.carried_forward", 2.0)]),
        ("结转上年度申请3件。", [("applications.carried_over", 3.0)]),
    ],
)
def test_statements_of_nothing_and_carrying(build: Build, sentence: str, expected: list) -> None:
    assert claims_of(build, sentence) == expected


def test_the_year_after_the_report_year_is_next_year_only_after_carrying(build: Build) -> None:
    # 2023年 after 结转 in a 2024 report is last year, not the next one
    assert claims_of(build, "从2023年结转申请2件。") != [("applications.carried_forward", 2.0)]


# ---------------------------------------------------------------- the model does not take what a class refused


def test_refused_figures_are_not_left_to_the_model(build: Build) -> None:
    got = claims_of(build, "12345热线全年受理群众来电3200件，办结3150件，涉及政府信息公开申请的已全部转办。"
                           "截至目前，累计收到政府信息公开申请320件。")
    assert got == []


# ---------------------------------------------------------------- words a conversion broke


@pytest.mark.parametrize("name", ["t.txt", "t.md"])
def test_a_word_broken_across_lines_or_paragraphs_is_joined_in_any_format(build: Build, name: str) -> None:
    head = HEAD + "一、总体情况\n"
    tail = "\n六、其他需要报告的事项\n无。\n"
    line = build(head + "本年度我局共发生政府信息公开行政复\n议2件，行政诉讼1件，均已依法办结完毕。" + tail, name)
    assert ("reconsideration.total", 2) in [(c.metric, c.value) for c in line.claims]
    para = build(head + "本年度我局共收到各类政府信息公开申\n\n\u3000\u3000请36件，均已按期答复完毕。" + tail, name)
    assert ("applications.new", 36) in [(c.metric, c.value) for c in para.claims]


# ---------------------------------------------------------------- 表二 figures as claims.md words them


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("全年办理行政许可782件、行政处罚182件。", [("licensing.decisions", 782.0), ("penalty.decisions", 182.0)]),
        ("本年度行政许可、行政处罚分别为782件、182件。", [("licensing.decisions", 782.0), ("penalty.decisions", 182.0)]),
        ("全年办理行政许可782项，作出行政处罚182项。", [("licensing.decisions", 782.0), ("penalty.decisions", 182.0)]),
        ("我局承担行政许可事项12项。", []),
        ("行政许可类信息126条，行政处罚类信息103条。", []),
    ],
)
def test_licensing_and_penalty_figures(build: Build, sentence: str, expected: list) -> None:
    assert claims_of(build, sentence) == expected


# ---------------------------------------------------------------- one kind of reply inside a row


def test_one_kind_of_reply_is_a_claim_of_its_row_marked_as_that_kind(build: Build) -> None:
    text = HEAD + "一、总体情况\n办结的申请中，不予公开3件，其中涉及国家秘密1件、保护第三方合法权益2件；" \
        "另有1件属于本机关不掌握相关政府信息。\n六、其他需要报告的事项\n无。\n"
    cs = [c for c in build(text).claims if c.metric.startswith("applications.")]
    kinds = sorted((c.metric, float(c.value), c.pattern) for c in cs)
    assert kinds == [
        ("applications.denied", 1.0, "denied.sub.state_secret.after"),
        ("applications.denied", 2.0, "denied.sub.third_party.after"),
        ("applications.denied", 3.0, "denied.after"),
        ("applications.unavailable", 1.0, "unavailable.sub.not_held"),
    ]


def test_a_petition_among_the_applications_is_a_kind_of_not_processed(build: Build) -> None:
    got = claims_of(build, "本年度收到政府信息公开申请3件，其中1件属于信访、投诉举报类，不予处理。")
    assert got == [("applications.new", 3.0), ("applications.not_processed", 1.0)]


# ---------------------------------------------------------------- 双公示: decisions made public


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("全年在信用网站公示行政许可信息412条。", [("licensing.decisions", 412.0)]),
        ("在公共信用信息平台公示行政处罚信息38条。", [("penalty.decisions", 38.0)]),
        ("通过信用平台公示行政许可信息90条、行政处罚信息17条。",
         [("licensing.decisions", 90.0), ("penalty.decisions", 17.0)]),
        ("公示行政许可和行政处罚信息300条。", []),  # one figure for two tables: neither
        ("在网站公开行政许可事项清单12项。", []),  # powers listed, not decisions
    ],
)
def test_publicized_licensing_and_penalty_records_count_decisions(build: Build, sentence: str,
                                                                   expected: list) -> None:
    got = [g for g in claims_of(build, sentence) if g[0] in ("licensing.decisions", "penalty.decisions")]
    assert got == expected
    implied = [c for c in build(HEAD + "一、总体情况\n" + sentence + "\n").claims if c.metric in dict(expected)]
    assert all(c.confidence < 1 for c in implied)  # inferred from the policy: a warning at most
