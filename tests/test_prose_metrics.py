"""Every metric of spec/claims.md as other offices word it: other verbs, word orders, units,
punctuation, full-width digits and Chinese numerals. Sentences written for the test."""

from __future__ import annotations

import pytest

from tests.prose_cases import pairs

NEW = "applications.new"


@pytest.mark.parametrize(
    "sentence",
    [
        "2024年，本机关共收到政府信息公开申请12件。",
        "全年共受理依申请公开12件。",
        "本年度新收政府信息公开申请12件。",
        "共接收政府信息公开申请十二件。",
        "本年度共登记政府信息公开申请12件。",
        "全年受理各类政府信息公开申请12件。",
        "全年我局共计收到信息公开申请12宗。",
        "收到公民、法人或其他组织提出的政府信息公开申请12件。",
        "本年度新增政府信息公开申请12件。",
        "我局收到政府信息公开申请共12件。",
        "本年度受理政府信息公开申请１２件。",
        "年度内收到12件政府信息公开申请。",
        "2024年度共接到政府信息公开申请12个。",
        "共收到政府信息公开申请12份。",
        "本年度我局受理信息公开申请12条。",
        "全年共收到政府信息公开申请12件次。",
        "政府信息公开申请数量为12件。",
        "全年收到的政府信息公开申请总数为12件。",
        "本年度，共收到依申请公开申请一十二件。",
        "今年共有12件政府信息公开申请。",
        "本年度政府信息公开申请共12件。",
        "申请总量为12件。",
        "2024年度，本单位共计受理公民、法人和其他组织提出的政府信息公开申请12件。",
        "年内共登记受理依申请公开事项12件。",
        "全年共受理并办结政府信息公开申请12件。",
        "全年收到政府信息公开申请12件，均已按时答复。",
        "本年度我局共收悉政府信息公开申请12件。",
        "全年通过网上申请平台和信函方式共接收政府信息公开申请12件。",
        "今年以来共受理群众提出的政府信息公开申请12件。",
    ],
)
def test_applications_received(sentence: str) -> None:
    assert pairs(sentence, families=["applications"]) == [(NEW, 12.0)]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("全年办结政府信息公开申请11件。", 11),
        ("共答复政府信息公开申请11件，按时答复率100%。", 11),
        ("全年处理政府信息公开申请11件。", 11),
        ("办理完毕政府信息公开申请11件。", 11),
        ("本年度依法答复依申请公开事项11件。", 11),
        ("全年共办结依申请公开11件。", 11),
        ("已办结的政府信息公开申请共11件。", 11),
    ],
)
def test_applications_handled(sentence: str, expected: int) -> None:
    assert pairs(sentence, families=["applications"]) == [("applications.handled", float(expected))]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("其中予以公开5件，部分公开3件，不予公开1件，无法提供2件，不予处理1件，其他处理1件。",
         [("applications.denied", 1.0), ("applications.granted", 5.0), ("applications.not_processed", 1.0),
          ("applications.other", 1.0), ("applications.partial", 3.0), ("applications.unavailable", 2.0)]),
        ("予以公开的5件、部分公开的3件、不予公开的1件。",
         [("applications.denied", 1.0), ("applications.granted", 5.0), ("applications.partial", 3.0)]),
        ("同意公开5件，部分同意公开3件。", [("applications.granted", 5.0), ("applications.partial", 3.0)]),
        ("答复结果为：全部公开5件；部分公开3件；不予公开1件；无法提供2件。",
         [("applications.denied", 1.0), ("applications.granted", 5.0), ("applications.partial", 3.0),
          ("applications.unavailable", 2.0)]),
        ("按处理结果分，准予公开5件，区分处理3件。", [("applications.granted", 5.0), ("applications.partial", 3.0)]),
        ("决定予以公开五件，部分公开三件。", [("applications.granted", 5.0), ("applications.partial", 3.0)]),
        ("予以公开５件，部分公开３件。", [("applications.granted", 5.0), ("applications.partial", 3.0)]),
        ("对其中5件申请予以公开，3件部分公开，2件因信息不存在无法提供。",
         [("applications.granted", 5.0), ("applications.partial", 3.0), ("applications.unavailable", 2.0)]),
        ("经审查，告知申请人信息不存在2件。", [("applications.unavailable", 2.0)]),
        ("因政府信息不存在，告知申请人无法提供的2件。", [("applications.unavailable", 2.0)]),
        ("不予公开1件，系涉及第三方合法权益。", [("applications.denied", 1.0)]),
        ("作不予处理答复1件。", [("applications.not_processed", 1.0)]),
        ("作其他处理1件。", [("applications.other", 1.0)]),
        ("其它处理1件。", [("applications.other", 1.0)]),
        ("在已办结的申请中，同意公开4件，同意部分公开2件，不同意公开1件。",
         [("applications.denied", 1.0), ("applications.granted", 4.0), ("applications.partial", 2.0)]),
        ("从处理结果看，全部或部分公开6件，占比75%。", [("applications.granted_or_partial", 6.0)]),
        ("予以公开或部分公开的6件。", [("applications.granted_or_partial", 6.0)]),
        ("经审查后，4件为予以公开，2件为部分公开。", [("applications.granted", 4.0), ("applications.partial", 2.0)]),
        ("按期答复率100%，其中同意公开4件，告知非本机关掌握1件。",
         [("applications.granted", 4.0), ("applications.unavailable", 1.0)]),
        ("告知申请人向其他机关申请1件。", [("applications.unavailable", 1.0)]),
        ("不予以公开2件。", [("applications.denied", 2.0)]),
        ("公开5件，部分公开3件，不予公开1件。",
         [("applications.denied", 1.0), ("applications.granted", 5.0), ("applications.partial", 3.0)]),
    ],
)
def test_application_outcomes(sentence: str, expected: list) -> None:
    assert pairs(sentence, families=["applications"]) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("本年度发生政府信息公开行政复议案件1件，行政诉讼案件2件。", [("litigation.total", 2.0), ("reconsideration.total", 1.0)]),
        ("因政府信息公开引发行政复议1起，结果维持。", [("reconsideration.total", 1.0)]),
        ("因政府信息公开被申请行政复议1件，被提起行政诉讼2件。", [("litigation.total", 2.0), ("reconsideration.total", 1.0)]),
        ("全年涉及政府信息公开的行政复议1件、行政诉讼2件。", [("litigation.total", 2.0), ("reconsideration.total", 1.0)]),
        ("本年度我局因政府信息公开被申请行政复议一件，经复议维持原答复。", [("reconsideration.total", 1.0)]),
        ("全年共发生政府信息公开类行政诉讼案件3起，其中2起法院判决驳回起诉，1起尚未审结。", [("litigation.total", 3.0)]),
        ("本年度政府信息公开行政复议0件，行政诉讼0件。", [("litigation.total", 0.0), ("reconsideration.total", 0.0)]),
        ("依申请公开行政复议结果纠正1件。", [("reconsideration.corrected", 1.0)]),
        ("信息公开行政复议1件，复议机关决定撤销原答复1件。", [("reconsideration.corrected", 1.0), ("reconsideration.total", 1.0)]),
        ("本年度共收到政府信息公开行政复议申请2件。", [("reconsideration.total", 2.0)]),
        ("因政府信息公开被起诉的案件2件，均以申请人撤诉结案。", [("litigation.total", 2.0)]),
        # the figure's predicate is its own: an outcome after it makes it no total
        ("因政府信息公开引发行政复议5件，其中3件行政复议维持原答复。", [("reconsideration.total", 5.0)]),
        # a case not accepted is no case; a reviewing organ's caseload is not the body's 表四
        ("因政府信息公开引发行政复议2件，另有1件复议申请因超过申请期限未予受理。", [("reconsideration.total", 2.0)]),
        ("涉及政府信息公开的行政复议2件。全县行政复议机关全年受理行政复议申请140件。", [("reconsideration.total", 2.0)]),
    ],
)
def test_reconsideration_and_litigation(sentence: str, expected: list) -> None:
    assert pairs(sentence, families=["reconsideration", "litigation"]) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("本年度制发规范性文件3件，废止2件，现行有效15件。",
         [("normative_docs.in_force", 15.0), ("normative_docs.issued", 3.0), ("normative_docs.repealed", 2.0)]),
        ("全年出台行政规范性文件3件。", [("normative_docs.issued", 3.0)]),
        ("印发规范性文件三件。", [("normative_docs.issued", 3.0)]),
        ("废止规范性文件2件。", [("normative_docs.repealed", 2.0)]),
        ("宣布废除行政规范性文件2件。", [("normative_docs.repealed", 2.0)]),
        ("目前现行有效的规范性文件共15件。", [("normative_docs.in_force", 15.0)]),
        ("本年度新制定规范性文件3件，清理规范性文件20件，其中废止2件。",
         [("normative_docs.issued", 3.0), ("normative_docs.repealed", 2.0)]),
        ("对规范性文件进行合法性审查12件。", []),
        ("向区人大常委会报送备案规范性文件4件。", []),
        ("开展规范性文件解读5篇。", []),
        # what the year added to the stock is not the stock
        ("全年新增现行有效规范性文件4件，废止2件。", [("normative_docs.repealed", 2.0)]),
        ("本年度新出台规范性文件3件，目前现行有效规范性文件共28件。",
         [("normative_docs.in_force", 28.0), ("normative_docs.issued", 3.0)]),
    ],
)
def test_normative_documents(sentence: str, expected: list) -> None:
    assert pairs(sentence, families=["normative_docs", "regulations"]) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("行政事业性收费12.5万元。", [("admin_fees.amount", 12.5)]),
        ("本年度收取行政事业性收费金额12.5万元。", [("admin_fees.amount", 12.5)]),
        ("全年未收取信息处理费。", [("processing_fee.amount", 0.0)]),
        ("本年度未向申请人收取任何费用。", [("processing_fee.amount", 0.0)]),
        ("本年度未发生信息处理费收费情况。", [("processing_fee.amount", 0.0)]),
        ("信息处理费收取0元。", [("processing_fee.amount", 0.0)]),
        ("依申请公开工作中没有收取费用。", [("processing_fee.amount", 0.0)]),
        ("本机关依申请提供政府信息，均不收取费用。", [("processing_fee.amount", 0.0)]),
        ("本年度共收取信息处理费300元。", [("processing_fee.amount", 300.0)]),
        ("信息处理费：0元。", [("processing_fee.amount", 0.0)]),
        ("依申请公开信息处理费为零。", [("processing_fee.amount", 0.0)]),
        ("本年度无信息处理费收费情况。", [("processing_fee.amount", 0.0)]),
        ("本年度行政事业性收费共计3500元。", [("admin_fees.amount", 0.35)]),
        ("本年度未收取行政事业性收费。", [("admin_fees.amount", 0.0)]),
        ("本年度依申请公开未收取行政事业性收费。", []),
    ],
)
def test_fees(sentence: str, expected: list) -> None:
    assert pairs(sentence, families=["admin_fees", "processing_fee"]) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "全年主动公开政府信息1234条。",
        "本年度共主动公开各类信息1234条。",
        "通过门户网站主动公开信息1234条。",
        "全年发布政府信息1234条。",
        "共主动公开政府信息一千二百三十四条。",
        "我局主动公开的1234条信息中，政策文件56条。",
        "2024年，我局共计主动公开各类政府信息1234条，较上年增长12%。",
        "在门户网站发布各类信息1234条。",
        "公开发布政府信息１２３４条。",
        "本年度主动公开政府信息共1234条。",
        "全年累计公开信息1234条。",
        "全年共公开各类信息1234条。",
        "本年度，主动公开信息数量1234条。",
        "全年在门户网站公开政策文件、通知公告等各类信息1234条。",
        "本年度，我局主动公开政府信息数1234条，其中全文电子化1234条。",
        "主动公开政府信息总数为1234条。",
    ],
)
def test_proactive_items(sentence: str) -> None:
    assert pairs(sentence, families=["proactive"]) == [("proactive.items", 1234.0)]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("全年办理行政许可782件、行政处罚182件。", [("licensing.decisions", 782.0), ("penalty.decisions", 182.0)]),
        ("作出行政处罚决定182件，罚没款123万元。", [("penalty.decisions", 182.0)]),
        ("实施行政强制措施12件。", [("coercion.decisions", 12.0)]),
    ],
)
def test_table_two_decisions(sentence: str, expected: list) -> None:
    assert pairs(sentence, families=["licensing", "penalty", "coercion"]) == expected


@pytest.mark.parametrize(
    ("sentence", "value", "approx"),
    [
        ("全年共收到政府信息公开申请20余件。", 20, True),
        ("全年共收到政府信息公开申请约20件。", 20, True),
        ("全年共收到政府信息公开申请近20件。", 20, True),
        ("全年共收到政府信息公开申请20件左右。", 20, True),
        ("全年共收到政府信息公开申请二十多件。", 20, True),
        ("全年共收到政府信息公开申请两件。", 2, False),
        ("全年共收到政府信息公开申请２０件。", 20, False),
    ],
)
def test_approximate_and_written_out_figures(sentence: str, value: int, approx: bool) -> None:
    from tests.prose_cases import claims

    got = [(c.metric, c.value, c.approx) for c in claims(sentence)]
    assert got == [(NEW, value, approx)]


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        ("主动公开政府信息1,234条。", 1234),
        ("主动公开政府信息1.2万条。", 12000),
        ("主动公开政府信息一万二千余条。", 12000),
        ("主动公开政府信息超过1200条。", 1200),
    ],
)
def test_large_figures(sentence: str, value: int) -> None:
    assert pairs(sentence, families=["proactive"]) == [("proactive.items", float(value))]


def test_no_admin_fees_is_inferred_at_most() -> None:
    from tests.prose_cases import claims

    (c,) = claims("本年度未收取行政事业性收费。")
    assert c.confidence < 1  # the prose may speak of the disclosure work only: a warning at most


def test_a_sub_measure_of_the_proactive_figure_is_not_it() -> None:
    assert pairs("全文电子化的主动公开信息数共90条。", families=["proactive"]) == []


def test_handled_is_inferred_from_the_outcomes_listed_after_it() -> None:
    from tests.prose_cases import claims

    got = [(c.metric, c.value, c.confidence < 1) for c in claims("本年度办结10件，其中予以公开4件、部分公开2件。")]
    assert ("applications.handled", 10, True) in got  # inferred: a warning at most


def test_a_loosely_read_proactive_figure_yields_to_a_plain_one() -> None:
    body = "全年通过门户网站主动公开政府信息393条。“青岚文旅”网站全年累计发布信息2139条。"
    assert pairs(body, families=["proactive"]) == [("proactive.items", 393.0)]
    # alone, the loose reading stands
    assert pairs("“青岚文旅”网站全年累计发布信息2139条。", families=["proactive"]) == [("proactive.items", 2139.0)]


def test_a_total_of_documents_split_by_attribute_is_not_the_proactive_figure() -> None:
    got = pairs("全年通过门户网站发布信息607条，其中主动公开380份，依申请公开及不予公开227份。", families=["proactive"])
    assert got == [("proactive.items", 380.0)]


@pytest.mark.parametrize("sentence", ["对不符合条件的申请不予受理3件。", "收到申请12件，予以公开9件，不予受理3件。"])
def test_not_accepted_is_no_application_received(sentence: str) -> None:
    assert [x for x in pairs(sentence, part="三、收到和处理政府信息公开申请情况") if x[1] == 3.0] == []


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("全年收到政府信息公开申请20件，已答复办结的共18件。", [("applications.handled", 18.0), ("applications.new", 20.0)]),
        ("全年制发规范性文件5件，另有2件规范性文件被废止。", [("normative_docs.issued", 5.0), ("normative_docs.repealed", 2.0)]),
    ],
)
def test_handled_with_a_word_of_total_and_a_passive_repeal(sentence: str, expected: list) -> None:
    assert pairs(sentence, part="三、收到和处理政府信息公开申请情况", families=["applications", "normative_docs"]) == expected
