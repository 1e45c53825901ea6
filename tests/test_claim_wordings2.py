"""More wordings no report of the corpus uses, each a class the widened claim sweep (bench/claimsweep.py:
applicants, neg-applicants, each, num-first-all, fullwidth, liang, wan, approx2) holds: a count of
applicants beside the applications, one figure for every name of a list (均为/都是/皆为 N), every metric's
figure before its noun, and figures written otherwise. Sentences written for the test; the figures are
invented.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from extractor.extract.numbers import find_numbers
from tests.test_claim_classes import Build, applications, claims_of


def approx_of(build: Build, sentence: str) -> list[tuple[str, float, bool]]:
    text = "青岚县民政局2024年政府信息公开工作年度报告\n一、总体情况\n" + sentence + "\n六、其他需要报告的事项\n无。\n"
    return sorted((c.metric, float(c.value), c.approx) for c in build(text).claims
                  if not c.metric.endswith(".part") and not c.metric.startswith("breakdown."))


# ---------------------------------------------------------------- applicants are not applications


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("本年度共收到9个申请人提出的政府信息公开申请13件。", [("applications.new", 13.0)]),
        ("本年度共受理9名申请人提交的政府信息公开申请13件。", [("applications.new", 13.0)]),
        ("本年度受理9位申请人的信息公开申请13件。", [("applications.new", 13.0)]),
        ("全年共有9人次申请政府信息公开，申请件数13件。", [("applications.new", 13.0)]),
        ("全年收到政府信息公开申请13件，涉及申请人9个。", [("applications.new", 13.0)]),
        ("本年度因政府信息公开，5个申请人提起行政复议6件。", [("reconsideration.total", 6.0)]),
        ("本年度因政府信息公开被4个申请人提起行政诉讼7起。", [("litigation.total", 7.0)]),
    ],
)
def test_the_applicants_beside_the_applications_are_not_counted(build: Build, sentence: str,
                                                                expected: list) -> None:
    assert claims_of(build, sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "本年度收到9个申请人提出的政府信息公开申请。",
        "本年度共有9名申请人提出政府信息公开申请。",
        "本年度受理了9个申请人的政府信息公开申请。",
        "本年度因政府信息公开，有5个申请人提起行政复议。",
        "本年度因政府信息公开，有5个申请人提起行政诉讼。",
    ],
)
def test_a_count_of_applicants_alone_is_no_claim(build: Build, sentence: str) -> None:
    assert claims_of(build, sentence) == []


def test_a_count_of_applications_by_a_kind_of_applicant_stays_applications(build: Build) -> None:
    # 件 counts applications whatever word of persons follows it
    assert claims_of(build, "本年度收到政府信息公开申请13件，均为自然人提出。") == [("applications.new", 13.0)]


# ---------------------------------------------------------------- one figure for every name: 均为 N


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("全年受理、办结政府信息公开申请均为17件。",
         [("applications.handled", 17.0), ("applications.new", 17.0)]),
        ("全年收到和答复的信息公开申请都是17件。",
         [("applications.handled", 17.0), ("applications.new", 17.0)]),
        ("因政府信息公开被申请行政复议、提起行政诉讼的皆为3起。",
         [("litigation.total", 3.0), ("reconsideration.total", 3.0)]),
        # two outcomes with one figure each: never their sum (予以公开及部分公开 = 2 + 2)
        ("答复中予以公开、部分公开的申请均为2件。",
         [("applications.granted", 2.0), ("applications.partial", 2.0)]),
        ("上年结转和结转下年度的申请均为1件。",
         [("applications.carried_forward", 1.0), ("applications.carried_over", 1.0)]),
    ],
)
def test_one_figure_for_all_the_names_is_each_names(build: Build, sentence: str, expected: list) -> None:
    assert claims_of(build, sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "12345热线受理、办结群众来电均为3105件。",    # the names are calls, not applications
        "全年受理、办结政府信息公开申请均较上年增加4件。",  # a change, not the figure
    ],
)
def test_one_figure_for_names_that_are_not_the_metrics_is_no_claim(build: Build, sentence: str) -> None:
    assert [c for c in claims_of(build, sentence) if c[0].startswith("applications.")] == []


# ---------------------------------------------------------------- the figure before its noun


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("本年度收到了17件政府信息公开申请。", ("applications.new", 17.0)),
        ("本年度答复了16件政府信息公开申请。", ("applications.handled", 16.0)),
        ("本年度办理完毕16件依申请公开申请。", ("applications.handled", 16.0)),
        ("另有3件上年结转的政府信息公开申请。", ("applications.carried_over", 3.0)),
        ("有2件政府信息公开申请结转下年度办理。", ("applications.carried_forward", 2.0)),
        ("本年度对8件申请予以公开。", ("applications.granted", 8.0)),
        ("本年度对4件申请部分公开。", ("applications.partial", 4.0)),
        ("本年度因政府信息公开被申请了2起行政复议。", ("reconsideration.total", 2.0)),
        ("本年度发生3起政府信息公开行政诉讼案件。", ("litigation.total", 3.0)),
        ("本年度制发了6件行政规范性文件。", ("normative_docs.issued", 6.0)),
        ("本年度废止了5件行政规范性文件。", ("normative_docs.repealed", 5.0)),
        ("我局共有41件现行有效的行政规范性文件。", ("normative_docs.in_force", 41.0)),
        ("本年度出台2部规章。", ("regulations.issued", 2.0)),
        ("本年度作出236件行政许可决定。", ("licensing.decisions", 236.0)),
        ("本年度作出了71起行政处罚决定。", ("penalty.decisions", 71.0)),
        ("本年度作出9件行政强制决定。", ("coercion.decisions", 9.0)),
        ("本年度主动公开了508条政府信息。", ("proactive.items", 508.0)),
        ("全年公开政策文件类508条政府信息。", ("proactive.items", 508.0)),
        ("全年依申请公开7条政府信息，申请均通过网上平台提交。", ("applications.new", 7.0)),
    ],
)
def test_every_metric_with_its_figure_before_the_noun(build: Build, sentence: str, expected: tuple) -> None:
    assert claims_of(build, sentence) == [expected]


def test_documents_by_disclosure_attribute_stay_documents_with_the_figure_first(build: Build) -> None:
    # 条 of 政府信息 without a word of applications in the sentence: documents, not applications
    assert claims_of(build, "全年依申请公开7条政府信息。") == []


def test_a_verb_that_is_the_heading_before_does_not_take_the_figure(build: Build) -> None:
    # a run-in heading (办理依申请公开) before a sentence of new applications: not handled
    got = claims_of(build, "4.认真办理依申请公开2024年新收19件依申请公开申请。")
    assert got == [("applications.new", 19.0)]


# ---------------------------------------------------------------- figures written otherwise


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("本年度收到政府信息公开申请１７件。", ("applications.new", 17.0, False)),
        ("本年度收到政府信息公开申请两件。", ("applications.new", 2.0, False)),
        ("本年度主动公开政府信息两百一十条。", ("proactive.items", 210.0, False)),
        ("本年度主动公开政府信息1.3万条。", ("proactive.items", 13000.0, False)),
        ("本年度主动公开政府信息一万余条。", ("proactive.items", 10000.0, True)),
        ("本年度主动公开政府信息逾600条。", ("proactive.items", 600.0, True)),
        ("本年度主动公开政府信息超600条。", ("proactive.items", 600.0, True)),
        ("本年度收到政府信息公开申请不足20件。", ("applications.new", 20.0, True)),
        ("本年度收到政府信息公开申请不到20件。", ("applications.new", 20.0, True)),
        ("本年度收到政府信息公开申请20件以内。", ("applications.new", 20.0, True)),
        ("本年度办结政府信息公开申请将近20件。", ("applications.handled", 20.0, True)),
    ],
)
def test_a_figure_written_otherwise(build: Build, sentence: str, expected: tuple) -> None:
    assert approx_of(build, sentence) == [expected]


@pytest.mark.parametrize(
    "sentence",
    [
        "本年度收到政府信息公开申请数十件。",   # tens of them: no figure
        "本年度主动公开政府信息几百条。",
        "本年度收到政府信息公开申请廿一件。",   # 廿 is 20: never read as 一件
    ],
)
def test_a_vague_or_unread_figure_is_no_claim(build: Build, sentence: str) -> None:
    assert claims_of(build, sentence) == []


def test_vague_magnitudes_and_old_numerals_give_no_number() -> None:
    assert [m.value for m in find_numbers("数十件、几百条、廿一件、卅五件")] == []
    # 总数 is a word: the numeral after it is read
    assert [(m.value, m.unit) for m in find_numbers("申请总数十二件")] == [(12, "件")]


def test_words_of_less_than_make_the_figure_approximate() -> None:
    got = [(m.value, m.approx, m.text) for m in find_numbers("不足20件，不到5条，20件以内，收到3件")]
    assert got == [(20, True, "不足20件"), (5, True, "不到5条"), (20, True, "20件以内"), (3, False, "3件")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("收到申请十七（17）件", [(17, "件", "十七（17）件")]),
        ("收到申请17（十七）件", [(17, "件", "17（十七）件")]),
        ("收到申请十七 ( 17 ) 件", [(17, "件", "十七 ( 17 ) 件")]),
        ("收到申请十七（18）件", []),   # the two forms disagree: no figure
    ],
)
def test_one_figure_in_words_and_in_digits(text: str, expected: list) -> None:
    assert [(m.value, m.unit, m.text) for m in find_numbers(text)] == expected


def test_one_figure_in_words_and_in_digits_is_one_claim(build: Build) -> None:
    assert claims_of(build, "本年度收到政府信息公开申请十七（17）件。") == [("applications.new", 17.0)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("万余条", [(10000, "条", True)]),
        ("千多件", [(1000, "件", True)]),
        ("百余份", [(100, "份", True)]),
        ("一百余件", [(100, "件", True)]),
        ("数百余条", []),      # hundreds of them: no figure
        ("每千人", []),
        ("百姓", []),
    ],
)
def test_a_magnitude_alone_before_more(text: str, expected: list) -> None:
    assert [(m.value, m.unit, m.approx) for m in find_numbers(text)] == expected


def test_a_magnitude_alone_before_more_is_an_approximate_claim(build: Build) -> None:
    assert approx_of(build, "本年度主动公开政府信息千余条。") == [("proactive.items", 1000.0, True)]


@pytest.mark.parametrize(
    ("sentence", "direction"),
    [
        ("本年度收到政府信息公开申请不超过20件。", "at_most"),
        ("本年度收到政府信息公开申请不足20件。", "at_most"),
        ("本年度收到政府信息公开申请20件以内。", "at_most"),
        ("本年度收到政府信息公开申请超过20件。", "at_least"),
        ("本年度收到政府信息公开申请20余件。", "at_least"),
        ("本年度收到就近提交的政府信息公开申请20余件。", "at_least"),   # 就近 is no word of the figure
        ("本年度收到政府信息公开申请约20件。", "about"),
    ],
)
def test_the_direction_of_an_approximate_figure(build: Build, sentence: str, direction: str) -> None:
    from extractor.check.facts import approx_direction

    text = "青岚县民政局2024年政府信息公开工作年度报告\n一、总体情况\n" + sentence + "\n六、其他需要报告的事项\n无。\n"
    claims = [c for c in build(text).claims if c.metric == "applications.new"]
    assert [approx_direction(c) for c in claims] == [direction]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("发生一起因政府信息公开引起的行政复议案件", [(1, "起")]),
        ("被提起一起行政诉讼", [(1, "起")]),
        ("大家一起学习", []),              # together
        ("与申请人一起核实", []),
        ("第一起行政复议", []),            # an ordinal
        ("共十一起案件", [(11, "起")]),
    ],
)
def test_one_case_written_yi_qi(text: str, expected: list) -> None:
    assert [(m.value, m.unit) for m in find_numbers(text)] == expected


def test_one_case_written_yi_qi_is_a_claim(build: Build) -> None:
    got = claims_of(build, "本年度发生一起因政府信息公开引起的行政复议案件。")
    assert got == [("reconsideration.total", 1.0)]


# ---------------------------------------------------------------- third round (claimsweep: thousands, passive,
# other-items, parts-total, nothing3, neg-mixed, neg-not-counts)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("公开信息3 618条", [(3618, "条")]),
        ("公开信息20 045条", [(20045, "条")]),
        ("共计2 150余件", [(2150, "件")]),
        ("收费2 086.4万元", [(Decimal("2086.4"), "万元")]),
        ("编号 7 365", [(7, None), (365, None)]),   # no unit: two bare figures side by side (a table row)
        ("第7 365件", [(365, "件")]),                # an ordinal, then a count
    ],
)
def test_thousands_set_apart_by_a_space(text: str, expected: list) -> None:
    assert [(m.value, m.unit) for m in find_numbers(text) if m.kind != "ordinal"][-len(expected):] == expected


def test_thousands_set_apart_by_a_space_are_one_claim(build: Build) -> None:
    assert claims_of(build, "本年度主动公开政府信息4 736条。") == [("proactive.items", 4736.0)]
    assert claims_of(build, "本年度收取行政事业性收费2 086.4万元。") == [("admin_fees.amount", 2086.4)]


@pytest.mark.parametrize(
    "sentence",
    [
        "本年度本单位被申请政府信息公开17件。",
        "全年共被申请公开政府信息17件。",
        "全年本局被公民、法人或者其他组织申请政府信息公开17件。",
    ],
)
def test_applications_in_the_passive(build: Build, sentence: str) -> None:
    # never the information made public (公开政府信息17件)
    assert claims_of(build, sentence) == [("applications.new", 17.0)]


def test_the_passive_of_cases_stays_cases(build: Build) -> None:
    got = claims_of(build, "本年度本单位因政府信息公开被申请行政复议4件，被提起行政诉讼1件。")
    assert got == [("litigation.total", 1.0), ("reconsideration.total", 4.0)]


@pytest.mark.parametrize(
    "sentence",
    [
        "全年收到信访事项46件、政府信息公开申请17件。",
        "全年受理群众来信46件，信息公开申请17件。",
        "全年收到人大代表建议9件、政协提案6件，政府信息公开申请17件。",
        "全年受理政府信息公开申请17件、12345热线工单46件。",
    ],
)
def test_applications_listed_beside_other_items_one_verb_for_all(build: Build, sentence: str) -> None:
    assert applications(claims_of(build, sentence)) == [("applications.new", 17.0)]


@pytest.mark.parametrize(
    "sentence",
    [
        "全年共受理信访和政府信息公开申请63件。",       # a sum with petitions
        "全年收到信访事项46件。",
        "全年接听12345热线来电46件。",
        "全年收到政府信息公开申请和信访件共63件。",
    ],
)
def test_other_items_or_a_sum_with_them_are_no_applications(build: Build, sentence: str) -> None:
    assert applications(claims_of(build, sentence)) == []


def test_a_kind_of_application_after_the_verb_is_a_part(build: Build) -> None:
    # 网上申请 is a kind: a part of the total, never a second total
    got = claims_of(build, "全年收到政府信息公开申请17件，其中网上申请11件、当面申请6件。")
    assert applications(got) == [("applications.new", 17.0)]


@pytest.mark.parametrize(
    "sentence",
    [
        "全年收到当面申请6件、网上申请11件，合计17件。",
        "全年收到当面申请6件，网上申请11件，共计：17件。",
    ],
)
def test_a_total_after_its_parts_is_the_claim(build: Build, sentence: str) -> None:
    text = "青岚县民政局2024年政府信息公开工作年度报告\n一、总体情况\n" + sentence + "\n六、其他需要报告的事项\n无。\n"
    cs = build(text).claims
    assert sorted((c.metric, float(c.value)) for c in cs) == [
        ("applications.new", 17.0), ("applications.new.part", 6.0), ("applications.new.part", 11.0)]
    total = next(c for c in cs if c.metric == "applications.new")
    assert all(cs[c.part_of] is total for c in cs if c.metric.endswith(".part") and c.part_of is not None)


@pytest.mark.parametrize(
    "sentence",
    [
        "全年收到政府信息公开申请，其中当面申请6件、网上申请11件，共计17件。",
        "全年受理信息公开申请，其中网上申请11件，信函申请6件，总计17件，均已按时答复。",
    ],
)
def test_a_total_after_parts_of_applications_named_without_a_figure(build: Build, sentence: str) -> None:
    assert applications(claims_of(build, sentence)) == [("applications.new", 17.0)]


def test_a_total_of_another_verb_after_the_parts_is_that_verbs(build: Build) -> None:
    got = claims_of(build, "全年收到政府信息公开申请，其中当面申请6件、网上申请11件，共计办结17件。")
    assert applications(got) == [("applications.handled", 17.0)]


@pytest.mark.parametrize(
    ("sentence", "total"),
    [
        ("全年收到政府信息公开申请17件，办结15件，合计32件。", 32.0),   # figures of two metrics: no total of one
        ("全年收到当面申请6件、网上申请11件，合计18件。", 18.0),        # the parts do not add up
        ("全年收到政府信息公开申请6件、信访件11件，合计17件。", 17.0),   # a sum with other items
        ("全年受理信息公开申请6件，群众来信11件，共计17件。", 17.0),
        ("全年收到12345热线工单11件、政府信息公开申请6件，总计17件。", 17.0),
    ],
)
def test_a_total_that_is_not_the_sum_of_one_metric_is_left_alone(build: Build, sentence: str,
                                                                  total: float) -> None:
    assert ("applications.new", total) not in claims_of(build, sentence)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("本年度政府信息公开行政复议、行政诉讼均未发生。",
         [("litigation.total", 0.0), ("reconsideration.total", 0.0)]),
        ("本年度因政府信息公开引起的行政诉讼案件未发生。", [("litigation.total", 0.0)]),
        ("本年度因政府信息公开被申请行政复议2件，行政诉讼未发生。",
         [("litigation.total", 0.0), ("reconsideration.total", 2.0)]),
        ("本年度未有政府信息公开申请。", [("applications.new", 0.0)]),
    ],
)
def test_nothing_said_after_the_noun_or_with_wei_you(build: Build, sentence: str, expected: list) -> None:
    assert claims_of(build, sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "本年度政府信息公开行政复议纠错情况未发生。",   # nothing of corrections, not of the cases
        "本年度于11月收到政府信息公开申请。",          # a month
        "本年度收到政府信息公开申请（详见第11页）。",   # a page
        "本年度依据第11号令办理政府信息公开申请。",     # a document's number
    ],
)
def test_no_figure_of_the_applications_or_cases(build: Build, sentence: str) -> None:
    got = claims_of(build, sentence)
    assert [g for g in got if g[1] != 0] == []
    assert ("reconsideration.total", 0.0) not in got


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("本年度对7件申请作出同意公开的答复。", [("applications.granted", 7.0)]),
        ("本年度经审查，同意公开7件，同意部分公开3件，不同意公开1件。",
         [("applications.denied", 1.0), ("applications.granted", 7.0), ("applications.partial", 3.0)]),
        ("本年度有4件申请因本机关不掌握相关信息而无法提供。", [("applications.unavailable", 4.0)]),
        ("本年度申请人撤回申请3件，作其他处理。", [("applications.other", 3.0)]),
        ("本年度申请人撤回申请3件，均作其他处理。", [("applications.other", 3.0)]),
    ],
)
def test_the_outcomes_of_the_replies_in_free_prose(build: Build, sentence: str, expected: list) -> None:
    assert claims_of(build, sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # the figure before the comma counts the applications received or the granted ones, not others
        ("本年度收到政府信息公开申请9件，作其他处理2件。", [("applications.new", 9.0), ("applications.other", 2.0)]),
        ("本年度予以公开9件，作其他处理2件。", [("applications.granted", 9.0), ("applications.other", 2.0)]),
    ],
)
def test_an_outcome_in_the_next_clause_with_its_own_figure(build: Build, sentence: str, expected: list) -> None:
    assert claims_of(build, sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("本年度因政府信息公开被申请行政复议3件次，被提起行政诉讼1件次。",
         [("litigation.total", 1.0), ("reconsideration.total", 3.0)]),
        ("本年度作出行政处罚决定26件次。", [("penalty.decisions", 26.0)]),
        ("本年度收到政府信息公开申请26件次。", [("applications.new", 26.0)]),
    ],
)
def test_cases_and_decisions_counted_in_jianci(build: Build, sentence: str, expected: list) -> None:
    assert claims_of(build, sentence) == expected
