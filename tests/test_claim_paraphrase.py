"""The same fact worded as other reports word it is the same claim; a figure made a plan or a running
total is none. One test per class the claim sweep (bench/claimsweep.py) found, on sentences written
for the test (the figures are invented).
"""

from __future__ import annotations

import pytest

from tests.test_claim_classes import Build, claims_of

# ---------------------------------------------------------------- a label and its figure


@pytest.mark.parametrize(
    ("sentence", "claim"),
    [
        ("本年度受理政府信息公开申请：9件。", ("applications.new", 9.0)),
        ("本年度受理政府信息公开申请: 9件。", ("applications.new", 9.0)),
        ("全年主动公开政府信息：340条。", ("proactive.items", 340.0)),
        ("全年办结政府信息公开申请：11件。", ("applications.handled", 11.0)),
        ("本年度制发规范性文件：4件。", ("normative_docs.issued", 4.0)),
    ],
)
def test_a_colon_between_label_and_figure_keeps_the_claim(build: Build, sentence: str,
                                                            claim: tuple[str, float]) -> None:
    assert claim in claims_of(build, sentence)


def test_the_label_before_a_colon_still_vetoes_its_figure(build: Build) -> None:
    # the colon joins the label to the figure for the vetoes too: a daily average stays no claim
    assert claims_of(build, "日均受理政府信息公开申请：3件。") == []


def test_a_colon_not_before_a_figure_still_ends_the_clause(build: Build) -> None:
    # 办结 belongs to the clause before the colon; the figure's clause names no verb of handling
    got = claims_of(build, "本年度收到政府信息公开申请15件，办理情况：予以公开6件。")
    assert ("applications.granted", 6.0) in got
    assert ("applications.handled", 6.0) not in got


# ---------------------------------------------------------------- a word of total before the figure


def test_a_total_word_between_verb_and_figure(build: Build) -> None:
    got = claims_of(build, "本年度共收到政府信息公开申请7件，已办结共计7件。")
    assert ("applications.handled", 7.0) in got
    got = claims_of(build, "全年制作政府信息430条，其中主动公开共计260条、依申请公开170条。")
    assert ("proactive.items", 260.0) in got


def test_a_total_of_applications_with_a_verb_of_handling_after_is_handled(build: Build) -> None:
    got = claims_of(build, "共计6件政府信息公开申请已全部答复。")
    assert ("applications.handled", 6.0) in got
    assert ("applications.new", 6.0) not in got


# ---------------------------------------------------------------- synonyms


@pytest.mark.parametrize("verb", ["主动公开", "主动发布", "主动公布"])
def test_proactive_verbs(build: Build, verb: str) -> None:
    assert ("proactive.items", 215.0) in claims_of(build, f"全年{verb}政府信息215条。")
    # the proactive part of a total of documents, in every verb
    got = claims_of(build, f"全年制作政府信息400条，其中{verb}政府信息215条，依申请公开185条。")
    assert ("proactive.items", 215.0) in got
    # what was made public, its noun after the figure
    assert ("proactive.items", 215.0) in claims_of(build, f"在{verb}的215条政府信息中，政策文件40条。")


def test_a_count_of_information_written_as_its_number(build: Build) -> None:
    assert ("proactive.items", 1280.0) in claims_of(build, "全年公布政府信息数量为1280条。")


@pytest.mark.parametrize("verb", ["收取", "计收", "收缴"])
def test_no_fee_in_every_verb_of_charging(build: Build, verb: str) -> None:
    assert ("processing_fee.amount", 0.0) in claims_of(build, f"本机关依申请提供政府信息，不{verb}费用。")


def test_chinese_numerals_are_the_same_figure(build: Build) -> None:
    assert ("applications.new", 12.0) in claims_of(build, "本年度共收到政府信息公开申请十二件。")
    assert ("proactive.items", 107.0) in claims_of(build, "全年主动公开政府信息一百零七条。")


# ---------------------------------------------------------------- plans and running totals


@pytest.mark.parametrize(
    "sentence",
    [
        "下一步计划主动公开政府信息200条。",
        "本年度拟制发规范性文件4件。",
        "力争主动公开政府信息300条以上。",
        "预计受理政府信息公开申请20件。",
    ],
)
def test_a_plan_is_no_claim(build: Build, sentence: str) -> None:
    assert claims_of(build, sentence) == []


def test_a_plan_in_another_clause_leaves_the_figure(build: Build) -> None:
    assert claims_of(build, "按计划主动公开政府信息200条。") == [("proactive.items", 200.0)]
    got = claims_of(build, "本年度共收到政府信息公开申请8件，下一步力争提高答复质量。")
    assert ("applications.new", 8.0) in got


def test_the_marker_nearest_the_figure_makes_it_a_running_total(build: Build) -> None:
    # the first marker's clause names this year; the second, nearest the figure, does not
    got = claims_of(build, "截至目前，本年度新增规范性文件3件，截至目前，累计在市信用平台公示行政处罚信息95条。")
    assert ("penalty.decisions", 95.0) not in got


def test_a_parenthesis_inside_a_clause_does_not_cut_a_plan_from_its_figure(build: Build) -> None:
    assert claims_of(build, "下一步计划在信用中国（青岚）平台公示行政许可信息60条。") == []
    assert ("licensing.decisions", 60.0) in claims_of(build, "全年在信用中国（青岚）平台公示行政许可信息60条。")


@pytest.mark.parametrize("unit", ["条", "件", "份", "篇"])
def test_information_made_public_in_any_unit_of_documents(build: Build, unit: str) -> None:
    assert ("proactive.items", 356.0) in claims_of(build, f"今年我局公开356{unit}政务信息。")
    # by request, the same words are no figure of what was made public
    assert claims_of(build, f"依申请公开12{unit}政府信息。") == []


# ---------------------------------------------------------------- last year's figure in words


def test_last_year_named_in_the_figure_clause_is_not_this_years(build: Build) -> None:
    assert claims_of(build, "上年度主动公开政府信息320条。") == []
    got = claims_of(build, "去年收到政府信息公开申请9件，今年收到12件。")
    assert ("applications.new", 9.0) not in got
    assert ("applications.new", 12.0) in got


@pytest.mark.parametrize(
    ("sentence", "claim"),
    [
        ("上一年度结转政府信息公开申请2件。", ("applications.carried_over", 2.0)),
        ("办结上年遗留申请2件。", ("applications.carried_over", 2.0)),
        ("全年主动公开政府信息350条，较上年度增加30条。", ("proactive.items", 350.0)),
        ("上年度未办结的3件申请本年度已办结。", ("applications.carried_over", 3.0)),
    ],
)
def test_last_year_naming_what_it_carried_or_a_comparison_keeps_the_claim(
        build: Build, sentence: str, claim: tuple[str, float]) -> None:
    assert claim in claims_of(build, sentence)
