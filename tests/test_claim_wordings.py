"""Wordings no report of the corpus uses, each a class the widened claim sweep (bench/claimsweep.py:
enum-*, nothing*, neg-enum-short, neg-documents, neg-incl*, neg-whole, neg-quoted, neg-title) holds:
a list of names given its figures 分别/依次, one figure for all the names (均为0件), nothing said
without a verb, a sum that holds other bodies' figures, documents by disclosure attribute, a figure
inside a name. Sentences written for the test; the figures are invented.
"""

from __future__ import annotations

import pytest

from extractor.model import Claim
from tests.test_claim_classes import Build, applications, claims_of


def scoped(build: Build, body: str, sentence: str) -> list[tuple[str, float, str]]:
    text = f"{body}2024年政府信息公开工作年度报告\n一、总体情况\n{sentence}\n六、其他需要报告的事项\n无。\n"
    cs: list[Claim] = build(text).claims
    return sorted((c.metric, float(c.value), c.scope) for c in cs
                  if not c.metric.endswith(".part") and not c.metric.startswith("breakdown."))


# ---------------------------------------------------------------- a list of names, 分别/依次, its figures


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("全年受理、办结政府信息公开申请分别为21件、19件。",
         [("applications.handled", 19.0), ("applications.new", 21.0)]),
        ("全年受理、办结申请依次为21件、19件。",
         [("applications.handled", 19.0), ("applications.new", 21.0)]),
        ("本年度收到和答复政府信息公开申请分别为21件和19件。",
         [("applications.handled", 19.0), ("applications.new", 21.0)]),
        # the order of the names is the order of the figures
        ("本年度办结、收到政府信息公开申请分别为19件、21件。",
         [("applications.handled", 19.0), ("applications.new", 21.0)]),
        # one word for two names (予以公开和部分公开): two figures, one each
        ("答复中予以公开和部分公开的分别为13件和4件。",
         [("applications.granted", 13.0), ("applications.partial", 4.0)]),
        ("本年度制发、废止、现行有效的行政规范性文件分别为4件、1件、23件。",
         [("normative_docs.in_force", 23.0), ("normative_docs.issued", 4.0), ("normative_docs.repealed", 1.0)]),
        # the records made public of each kind of decision (双公示), one record a decision
        ("本年度公示行政许可、行政处罚信息分别为1210条、64条。",
         [("licensing.decisions", 1210.0), ("penalty.decisions", 64.0)]),
        # 新增 names the applications here, the documents in the list before
        ("本年度新增、办结政府信息公开申请分别为21件、19件。",
         [("applications.handled", 19.0), ("applications.new", 21.0)]),
        # figures run on past a comma when each is its clause
        ("全年作出行政许可、行政处罚决定分别为640件，95件。",
         [("licensing.decisions", 640.0), ("penalty.decisions", 95.0)]),
    ],
)
def test_each_figure_of_a_list_counts_its_own_name(build: Build, sentence: str, expected: list) -> None:
    assert claims_of(build, sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "全年受理、办结政府信息公开申请分别为21件。",            # two names, one figure
        "予以公开、部分公开、不予公开的分别为13件、4件。",        # three names, two figures
        "全年受理、办结政府信息公开申请依次为21件、19件、2件。",  # two names, three figures
    ],
)
def test_a_list_whose_names_and_figures_do_not_pair_up_gives_no_claim(build: Build, sentence: str) -> None:
    assert applications(claims_of(build, sentence)) == []


def test_a_list_stops_at_a_clause_of_its_own_words(build: Build) -> None:
    got = claims_of(build, "全年受理、办结政府信息公开申请分别为21件、19件，2件属于本机关不掌握相关政府信息。")
    assert ("applications.new", 21.0) in got
    assert ("applications.handled", 19.0) in got
    assert ("applications.unavailable", 2.0) in got


def test_a_list_of_verbs_counts_applications_only_when_it_names_them(build: Build) -> None:
    # a hotline's calls received and answered are not disclosure applications
    assert applications(claims_of(build, "12345热线受理、办结群众来电分别为2870件、2866件。")) == []


def test_a_verb_before_a_list_is_no_name_of_it(build: Build) -> None:
    # 答复的申请中 sets the topic; the list is 予以公开和部分公开 (two names in one word)
    got = claims_of(build, "本年度答复的申请中予以公开和部分公开的分别为13件和4件。")
    assert got == [("applications.granted", 13.0), ("applications.partial", 4.0)]


def test_a_list_then_its_parts(build: Build) -> None:
    got = claims_of(build, "全年受理、办结政府信息公开申请分别为21件、19件，其中予以公开11件。")
    assert got == [("applications.granted", 11.0), ("applications.handled", 19.0), ("applications.new", 21.0)]


# ---------------------------------------------------------------- one figure for every name: 均为0件


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("本年度政府信息公开行政复议、行政诉讼均为0件。",
         [("litigation.total", 0.0), ("reconsideration.total", 0.0)]),
        ("因政府信息公开被申请行政复议、提起行政诉讼的都为0起。",
         [("litigation.total", 0.0), ("reconsideration.total", 0.0)]),
        ("答复中部分公开、不予公开均为0件。", [("applications.denied", 0.0), ("applications.partial", 0.0)]),
    ],
)
def test_all_the_names_of_a_list_at_zero(build: Build, sentence: str, expected: list) -> None:
    assert claims_of(build, sentence) == expected


def test_all_the_names_at_a_figure_other_than_zero_each_have_it(build: Build) -> None:
    # 均为2件 says 2 of each: a claim of 2 for each name, never one name's 2 alone
    got = claims_of(build, "本年度政府信息公开行政复议、行政诉讼均为2件。")
    assert got == [("litigation.total", 2.0), ("reconsideration.total", 2.0)]


# ---------------------------------------------------------------- nothing, said without a verb


@pytest.mark.parametrize(
    "sentence",
    [
        "本年度政府信息公开申请数为零。",
        "本年度我局政府信息公开申请数量为0。",
        "本年度依申请公开申请为零。",
        "全年实现零申请。",
    ],
)
def test_no_applications_said_without_a_verb_is_zero_new(build: Build, sentence: str) -> None:
    assert claims_of(build, sentence) == [("applications.new", 0.0)]


@pytest.mark.parametrize(
    "sentence",
    [
        "本年度不予公开的申请数为零。",          # an outcome at zero, not the applications
        "本年度上年结转的申请数为零。",          # the carried-over ones
        "本年度信息处理费收取申请为零。",
    ],
)
def test_zero_of_a_kind_of_application_is_not_zero_new(build: Build, sentence: str) -> None:
    assert ("applications.new", 0.0) not in claims_of(build, sentence)


# ---------------------------------------------------------------- a sum that holds other bodies' figures

DEPT = "青岚县民政局"
GOV = "青岚县人民政府"


@pytest.mark.parametrize(
    "sentence",
    [
        "本年度共收到政府信息公开申请27件（含下属事业单位）。",
        "本年度共收到政府信息公开申请27件，含各乡镇民政所9件。",
        "本年度共收到政府信息公开申请27件，其中本机关本级9件。",
    ],
)
def test_a_department_s_sum_with_other_bodies_is_scope_other(build: Build, sentence: str) -> None:
    got = scoped(build, DEPT, sentence)
    assert ("applications.new", 27.0, "other") in got
    assert ("applications.new", 27.0, "self") not in got


def test_what_a_sum_holds_of_the_body_itself_stays_self(build: Build) -> None:
    # 含网上申请: a channel of the body's own applications, not another body
    assert scoped(build, DEPT, "本年度共收到政府信息公开申请27件（含网上申请15件）。") == [
        ("applications.new", 27.0, "self")]


def test_the_body_s_own_level_in_a_whole_is_self(build: Build) -> None:
    got = scoped(build, DEPT, "本年度全系统共收到政府信息公开申请27件，其中本机关本级收到9件。")
    assert got == [("applications.new", 9.0, "self"), ("applications.new", 27.0, "other")]
    # its own level named beside other bodies is still the sum of them
    got = scoped(build, DEPT, "本年度局本级及各乡镇民政所共收到政府信息公开申请27件。")
    assert got == [("applications.new", 27.0, "other")]


def test_a_government_s_sum_of_its_region_stays_self(build: Build) -> None:
    # a government's report sums its region (scope.yaml): 含各乡镇 is its own figure
    got = scoped(build, GOV, "本年度全县共收到政府信息公开申请27件（含各乡镇）。")
    assert got == [("applications.new", 27.0, "self")]


# ---------------------------------------------------------------- documents by disclosure attribute


@pytest.mark.parametrize(
    "sentence",
    [
        "本年度印发文件64件，其中主动公开41件，依申请公开18件，不予公开5件。",
        "本年度依申请公开公文18份。",
        "全年公开公文类信息18条。",
    ],
)
def test_documents_by_disclosure_attribute_are_not_applications(build: Build, sentence: str) -> None:
    assert applications(claims_of(build, sentence)) == []


# ---------------------------------------------------------------- a figure inside a name


@pytest.mark.parametrize(
    "sentence",
    [
        "本年度推行“收到政府信息公开申请24件”工作法。",
        "本年度印发《关于收到政府信息公开申请24件的通报》。",
        "本年度落实“24件申请当日登记”要求。",
    ],
)
def test_a_figure_in_quotation_or_title_marks_is_no_count(build: Build, sentence: str) -> None:
    assert ("applications.new", 24.0) not in claims_of(build, sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "本年度代管委会答复政府信息公开申请27件。",
        "本年度以县政府名义答复政府信息公开申请27件。",
        "受县人民政府委托，答复政府信息公开申请27件。",
    ],
)
def test_a_figure_for_the_government_an_office_serves_is_scope_other(build: Build, sentence: str) -> None:
    assert scoped(build, "青岚县人民政府办公室", sentence) == [("applications.handled", 27.0, "other")]


def test_what_a_government_does_in_its_own_name_is_its_own(build: Build) -> None:
    assert scoped(build, GOV, "本年度以县政府名义答复政府信息公开申请27件。") == [
        ("applications.handled", 27.0, "self")]


def test_a_time_word_before_government_is_no_acting_for_it(build: Build) -> None:
    # 新时代政府…: 代 is the end of 时代, not acting for the government
    got = scoped(build, DEPT, "围绕新时代政府信息公开要求，本年度答复政府信息公开申请27件。")
    assert got == [("applications.handled", 27.0, "self")]


# ---------------------------------------------------------------- 件 with 信息 counts applications


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("本年度依申请公开信息17件。", [("applications.new", 17.0)]),
        ("本年度依申请公开政府信息17件。", [("applications.new", 17.0)]),
        ("本年度依申请公开信息17条。", []),   # 条 with 信息: documents
    ],
)
def test_the_unit_says_whether_information_by_request_counts_applications(build: Build, sentence: str,
                                                                          expected: list) -> None:
    assert applications(claims_of(build, sentence)) == expected


# ---------------------------------------------------------------- a figure that names a measure


@pytest.mark.parametrize(
    "sentence",
    [
        "全年主动公开三项清单信息。",
        "全年主动公开两个机制相关信息。",
        "本年度收到政府信息公开申请均落实四个到位要求。",
    ],
)
def test_a_figure_before_the_word_of_a_measure_is_no_count(build: Build, sentence: str) -> None:
    got = claims_of(build, sentence)
    assert not [g for g in got if g[0] in ("proactive.items", "applications.new")]


def test_a_figure_before_the_noun_it_counts_is_still_a_count(build: Build) -> None:
    assert claims_of(build, "全年主动公开三十条政府信息。") == [("proactive.items", 30.0)]


# ---------------------------------------------------------------- more statements of nothing


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("本年度没有废止行政规范性文件。", [("normative_docs.repealed", 0.0)]),
        ("本年度无被纠错的政府信息公开行政复议。", [("reconsideration.corrected", 0.0)]),
        ("本年度没有败诉的政府信息公开行政诉讼。", [("litigation.corrected", 0.0)]),
    ],
)
def test_nothing_of_what_the_sentence_names_first(build: Build, sentence: str, expected: list) -> None:
    assert claims_of(build, sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "本年度未出现逾期答复申请的情况。",
        "本年度没有出现政府信息公开申请超期答复的情况。",
        "本年度申请人撤回申请数为零。",
        "本年度逾期答复申请数为零。",
    ],
)
def test_nothing_of_a_kind_of_reply_is_not_nothing_received(build: Build, sentence: str) -> None:
    assert ("applications.new", 0.0) not in claims_of(build, sentence)


# ---------------------------------------------------------------- a figure alone in brackets after its label


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("本年度收到政府信息公开申请（21件）。", [("applications.new", 21.0)]),
        ("本年度收到政府信息公开申请（21件），办结（20件）。",
         [("applications.handled", 20.0), ("applications.new", 21.0)]),
        ("本年度主动公开政府信息(340条)。", [("proactive.items", 340.0)]),
        # brackets that hold more than the figure are an aside: its figure is no claim of the label
        ("本年度收到政府信息公开申请（其中网上申请12件）。", []),
        # the label's vetoes hold through the brackets
        ("日均受理政府信息公开申请（3件）。", []),
    ],
)
def test_a_figure_alone_in_brackets_is_its_label_s(build: Build, sentence: str, expected: list) -> None:
    assert claims_of(build, sentence) == expected


# ---------------------------------------------------------------- nothing after a label, a fee waived


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("本年度信息处理费：无。", [("processing_fee.amount", 0.0)]),
        ("本年度对申请人免收信息处理费。", [("processing_fee.amount", 0.0)]),
        ("本年度依申请公开没有向申请人收费。", [("processing_fee.amount", 0.0)]),
        ("本年度政府信息公开行政诉讼：无。", [("litigation.total", 0.0)]),
        ("本年度政府信息公开行政复议、行政诉讼：均无。", [("litigation.total", 0.0), ("reconsideration.total", 0.0)]),
        ("本年度政府信息公开行政复议和行政诉讼情况：无。",
         [("litigation.total", 0.0), ("reconsideration.total", 0.0)]),
    ],
)
def test_nothing_after_a_label(build: Build, sentence: str, expected: list) -> None:
    assert claims_of(build, sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "本年度未收取纸质申请。",                       # 收取 takes in papers too: no fee
        "本年度政府信息公开行政复议：无纠错。",          # nothing corrected, not no case
        "本年度制发规范性文件未收费。",                  # not the applications' fee
    ],
)
def test_no_fee_and_no_case_claimed_from_other_nothings(build: Build, sentence: str) -> None:
    got = claims_of(build, sentence)
    assert ("processing_fee.amount", 0.0) not in got and ("reconsideration.total", 0.0) not in got


@pytest.mark.parametrize(
    "sentence",
    [
        "本年度收到涉及9个部门的政府信息公开申请。",
        "本年度收到政府信息公开申请，涉及9个村。",
        "本年度通过9个平台主动公开政府信息。",
    ],
)
def test_a_figure_of_bodies_places_or_channels_is_no_count_of_the_metric(build: Build, sentence: str) -> None:
    got = claims_of(build, sentence)
    assert ("applications.new", 9.0) not in got and ("proactive.items", 9.0) not in got


def test_the_figure_beside_one_of_bodies_still_counts(build: Build) -> None:
    got = claims_of(build, "本年度通过9个平台主动公开政府信息260条。")
    assert got == [("proactive.items", 260.0)]


# ---------------------------------------------------------------- a figure stated, then referred back to


def _proactive(build: Build, sentence: str) -> list[Claim]:
    text = f"某某局2024年政府信息公开工作年度报告\n一、总体情况\n{sentence}\n六、其他需要报告的事项\n无。\n"
    return build(text).claims


def test_the_breakdown_s_subject_restating_the_sentence_before_is_one_claim(build: Build) -> None:
    cs = _proactive(build, "全年通过门户网站主动公开政府信息37条，依申请公开信息数2条。"
                           "在主动公开的37条政府信息中，政策文件类信息5条，其他类信息32条。")
    totals = [c for c in cs if c.metric == "proactive.items"]
    assert [(c.value, c.text) for c in totals] == [(37, "全年通过门户网站主动公开政府信息37条")]
    # the parts the restatement opens are parts of the figure it restates
    parts = [c for c in cs if c.metric == "proactive.items.part"]
    assert sorted(c.value for c in parts) == [5, 32]
    assert all(p.part_of is not None and cs[p.part_of] is totals[0] for p in parts)


@pytest.mark.parametrize(
    "sentence",
    [
        # a sub-heading between: the part states its figure again for its own reader
        "全年主动公开政府信息37条。\n（二）主动公开政府信息的主要类别\n在主动公开的37条政府信息中，政策文件类5条，其他类32条。",
        # a sentence between: not the sentence before
        "全年主动公开政府信息37条。公开率100%。在主动公开的37条政府信息中，政策文件类5条，其他类32条。",
        # another figure: two statements that differ, for the rules to compare
        "全年主动公开政府信息37条。在主动公开的38条政府信息中，政策文件类5条，其他类33条。",
    ],
)
def test_a_restatement_at_a_distance_or_with_another_figure_stays_a_claim(build: Build, sentence: str) -> None:
    assert len([c for c in _proactive(build, sentence) if c.metric == "proactive.items"]) == 2


def test_a_restatement_in_a_hard_wrapped_report_is_still_one_claim(build: Build) -> None:
    prose = ("全年通过门户网站主动公开政府信息37条，依申请公开信息数2条。"
             "在主动公开的37条政府信息中，政策文件类信息5条，其他类信息32条。"
             "全年未收到政府信息公开申请，未发生行政复议和行政诉讼，也未收取信息处理费。")
    wrapped = "\n".join(prose[k : k + 18] for k in range(0, len(prose), 18))
    cs = _proactive(build, wrapped)
    assert [c.value for c in cs if c.metric == "proactive.items"] == [37]
    assert sorted(c.value for c in cs if c.metric == "proactive.items.part") == [5, 32]


@pytest.mark.parametrize(
    "restatement",
    ["上述37条信息中", "主动公开的37条信息中", "这37条政府信息中", "在已公开的37条信息中"],
)
def test_every_frame_of_a_restatement_opens_the_stated_figure_s_breakdown(build: Build, restatement: str) -> None:
    cs = _proactive(build, f"全年主动公开政府信息37条。{restatement}，政策文件类5条，其他类32条。")
    totals = [c for c in cs if c.metric == "proactive.items"]
    assert [c.value for c in totals] == [37]
    parts = [c for c in cs if c.metric == "proactive.items.part"]
    assert sorted(c.value for c in parts) == [5, 32]
    assert all(p.part_of is not None and cs[p.part_of] is totals[0] for p in parts)


def test_a_figure_two_claims_before_share_restates_neither(build: Build) -> None:
    # 15 received and 15 answered: which of them 在15件申请中 refers back to is not said
    cs = _proactive(build, "全年收到政府信息公开申请15件，办结15件。在15件申请中，予以公开10件，部分公开5件。")
    assert sorted((c.metric, c.value) for c in cs if c.metric.startswith("applications.")) == [
        ("applications.granted", 10), ("applications.handled", 15), ("applications.new", 15), ("applications.partial", 5)]
    assert all(c.part_of is None or not cs[c.part_of].metric.startswith("applications.") for c in cs)


@pytest.mark.parametrize(
    "stated",
    [
        "截至目前，累计主动公开政府信息370条",      # a running total over years: refused
        "自2008年以来，历年主动公开政府信息370条",   # so is a historical one
    ],
)
def test_a_breakdown_restating_a_figure_of_no_year_is_no_claim_either(build: Build, stated: str) -> None:
    # the breakdown's subject refers back to a figure that is no claim of this year: it is none either
    cs = _proactive(build, f"{stated}。在主动公开的370条政府信息中，政策文件类50条，其他类320条。")
    assert [c.value for c in cs if c.metric == "proactive.items"] == []


def test_a_breakdown_restating_another_scope_s_figure_takes_its_scope(build: Build) -> None:
    # the whole county's figure, then its breakdown: the restatement is that figure, not the body's own
    cs = _proactive(build, "全县各单位主动公开政府信息370条。在主动公开的370条政府信息中，政策文件类50条，其他类320条。")
    totals = [c for c in cs if c.metric == "proactive.items"]
    assert len(totals) <= 1 and all(c.scope != "self" for c in totals)


@pytest.mark.parametrize(
    "sentence",
    ["全年共受理申请12件。与上年相比，申请数量减少4件。", "全年共受理申请12件，申请件数减少了2件。",
     "全年共受理申请12件，申请总数增多3件。", "全年受理政府信息公开申请12件，较上年减少了4件。"],
)
def test_a_figure_right_after_a_verb_of_change_is_the_change_not_a_count(build: Build, sentence: str) -> None:
    cs = _proactive(build, sentence)
    assert [c.value for c in cs if c.metric == "applications.new"] == [12]


def test_a_restatement_whose_frame_a_wrap_broke_before_its_comma_is_still_one_claim(build: Build) -> None:
    # the conversion's line ends right after 中: the next line starts with the comma
    cs = _proactive(build, "全年通过门户网站主动公开政府信息37条，依申请公开信息数2条。在主动公开的37条政府信息中\n"
                           "，政策文件类信息5条，其他类信息32条。")
    assert [c.value for c in cs if c.metric == "proactive.items"] == [37]
    assert sorted(c.value for c in cs if c.metric == "proactive.items.part") == [5, 32]


def test_a_statement_of_nothing_whose_word_a_wrap_broke_is_still_read(build: Build) -> None:
    # the only word of negation of the sentence, 没有, broken by the line the conversion ended there
    prose = ("全年通过门户网站主动公开政府信息37条，依申请公开信息数2条，全年未收到政府信息公开申请，"
             "未发生行政复议和行政诉讼。按照国家规定的按件、按量收费标准，本年度没有产生信息公开处理费。")
    k = prose.index("没有") + 1
    first = k % 18 or 18
    wrapped = "\n".join([prose[:first], *(prose[i : i + 18] for i in range(first, len(prose), 18))])
    assert "没\n有" in wrapped
    cs = _proactive(build, wrapped)
    assert [(c.metric, c.value) for c in cs if c.metric == "processing_fee.amount"] == [("processing_fee.amount", 0)]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # the count named before the figure (数量为, 总数为, 共计为): the same figure as 依申请公开政府信息5条
        ("依申请公开政府信息数量为5条，申请人均通过网站提交申请。", [("applications.new", 5.0)]),
        ("依申请公开信息总数为5条，均已按时答复申请人的申请。", [("applications.new", 5.0)]),
        # 条 with 信息 and no word of applications in the sentence: documents, as without 数量为
        ("本年度依申请公开政府信息数量为12条。", []),
    ],
)
def test_by_request_information_with_its_count_named(build: Build, sentence: str, expected: list) -> None:
    assert applications(claims_of(build, sentence)) == expected
