"""Fixes of the P4 prose rules found by the synthetic defects (corpus/tools/xxgk_synth/defects/prose.py)."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from extractor import template as tmpl
from extractor.check.catalogue import catalogue
from extractor.check.engine import run
from extractor.check.facts import approx_direction, approx_ok
from extractor.model import Claim, Field, Meta, Report, Section, TableInfo

Build = Callable[..., Report]


def _claim(build: Build, sentence: str, metric: str) -> Claim:
    text = "某县民政局2024年政府信息公开工作年度报告\n一、总体情况\n" + sentence + "\n六、其他需要报告的事项\n无。\n"
    return next(c for c in build(text).claims if c.metric == metric)


def test_jin_before_the_figure_means_at_most(build: Build) -> None:
    # the number mention starts at its own 近/将近, so the word is not “before” the figure's span
    for sentence in ("全年共收到将近120件政府信息公开申请。", "全年收到政府信息公开申请近120件。",
                     "全年收到政府信息公开申请接近 120 件。"):
        c = _claim(build, sentence, "applications.new")
        assert c.approx and c.value == 120
        assert approx_direction(c) == "at_most", sentence
        params = catalogue()["P402"].params
        assert not approx_ok(c, 123, params)  # 近120 cannot be 123
        assert approx_ok(c, 115, params)
    # the others keep their reading
    assert approx_direction(_claim(build, "全年收到政府信息公开申请120余件。", "applications.new")) == "at_least"
    assert approx_direction(_claim(build, "全年收到政府信息公开申请约120件。", "applications.new")) == "about"


def _report(text: str, claims: list[Claim], values: dict[str, int]) -> Report:
    r = Report(source="t.txt", text=text)
    r.meta = Meta(body="青岚县民政局", year=2023, title_year=2023, template="2021", format="txt",
                  title="青岚县民政局2023年政府信息公开工作年度报告")
    r.sections = [Section(1, "总体情况", 0, len(text))]
    for kind in ("t2", "t3", "t4"):
        r.tables[kind] = TableInfo(kind=kind, start=len(text), end=len(text))
    t = tmpl.get("2021")
    for key, v in values.items():
        fd = t.field(key)
        r.fields[key] = Field(key=key, value=v, raw=str(v), table=key[:2], kind=fd.kind if fd else "count")  # type: ignore[arg-type]
    r.claims = claims
    return r


def test_share_message_names_the_prose_total_once() -> None:
    text = "共办结政府信息公开申请40件，其中予以公开10件，占50%。"
    total = Claim(metric="applications.handled", value=40, unit="件", text="共办结政府信息公开申请40件", start=0,
                  end=15, section=1, number_start=11, number_end=13)
    part = Claim(metric="applications.granted", value=10, unit="件", text="其中予以公开10件", start=16, end=25,
                 section=1, number_start=22, number_end=24, share=Decimal(50), part_of=0)
    r = _report(text, [total, part], {"t3.total.total": 40, "t3.new.total": 40, "t3.carried_over.total": 0})
    found = run(r, select=["P404"], strict=True)
    assert [f.rule for f in found] == ["P404"]
    assert "按正文“共办结政府信息公开申请40件”中的40计算" in found[0].message and "4040" not in found[0].message


def test_share_of_an_approximate_total_is_checked_on_the_exact_figures() -> None:
    text = "共办结政府信息公开申请近200件，其中予以公开80件，占40.61%。"
    total = Claim(metric="applications.handled", value=200, unit="件", text="共办结政府信息公开申请近200件", start=0,
                  end=17, section=1, number_start=11, number_end=15, approx=True)
    part = Claim(metric="applications.granted", value=80, unit="件", text="其中予以公开80件", start=18, end=27,
                 section=1, number_start=24, number_end=26, share=Decimal("40.61"), part_of=0)
    r = _report(text, [total, part], {"t3.total.total": 197, "t3.new.total": 197, "t3.carried_over.total": 0})
    assert run(r, select=["P404"], strict=True) == []  # 80 / 197 = 40.61%
    part.share = Decimal("30.5")
    assert [f.rule for f in run(r, select=["P404"], strict=True)] == ["P404"]


# ---------------------------------------------------------------- an error is for certainty (issue 9, point 5)


def _new_claim(value: int, metric: str = "applications.new", method: str = "pattern",
               confidence: float = 1.0) -> Claim:
    text = f"全年共收到政府信息公开申请{value}件"
    return Claim(metric=metric, value=value, unit="件", text=text, start=0, end=len(text), section=1,
                 number_start=len(text) - 3, number_end=len(text), method=method,  # type: ignore[arg-type]
                 confidence=confidence)


def _rules(r: Report) -> list[tuple[str, str]]:
    return [(f.rule, f.severity) for f in run(r, select=["P401", "P403", "P409"], strict=True)]


def test_received_counting_the_carried_over_is_a_warning_with_the_arithmetic() -> None:
    c = _new_claim(45)
    r = _report(c.text + "。", [c], {"t3.new.total": 42, "t3.carried_over.total": 3, "t3.total.total": 44})
    found = run(r, select=["P401", "P403", "P409"], strict=True)
    assert [(f.rule, f.severity) for f in found] == [("P409", "warning")]
    assert "42＋3＝45" in found[0].message


def test_handled_equal_to_another_sum_stays_info() -> None:
    c = _new_claim(42, metric="applications.handled")
    r = _report(c.text + "。", [c], {"t3.new.total": 42, "t3.carried_over.total": 3, "t3.total.total": 44})
    assert _rules(r) == [("P403", "info")]


def test_a_figure_whose_metric_is_inferred_is_a_warning_not_an_error() -> None:
    certain = _new_claim(50)
    assert _rules(_report(certain.text + "。", [certain], {"t3.new.total": 42, "t3.carried_over.total": 3})) \
        == [("P401", "error")]
    for loose in (_new_claim(50, confidence=0.8), _new_claim(50, confidence=0.9)):
        found = run(_report(loose.text + "。", [loose], {"t3.new.total": 42, "t3.carried_over.total": 3}),
                    select=["P401", "P403", "P409"], strict=True)
        assert [(f.rule, f.severity) for f in found] == [("P409", "warning")]
        assert "推断" in found[0].message


def test_one_kind_of_reply_is_compared_with_its_own_row_as_a_warning() -> None:
    text = "另有1件属于本机关不掌握相关政府信息的情形。"
    c = Claim(metric="applications.unavailable", value=1, unit="件", text=text, start=0, end=len(text), section=1,
              number_start=2, number_end=4, pattern="unavailable.sub.not_held")
    cells = {"t3.unavailable.needs_creation.total": 2, "t3.unavailable.unclear.total": 0}
    # the row (3) is not the figure of one kind (1): no finding when that kind's own cell agrees
    assert _rules(_report(text, [c], {**cells, "t3.unavailable.not_held.total": 1})) == []
    found = run(_report(text, [c], {**cells, "t3.unavailable.not_held.total": 0}),
                select=["P401", "P403", "P409"], strict=True)
    assert [(f.rule, f.severity) for f in found] == [("P409", "warning")]
    assert found[0].fields == ["t3.unavailable.not_held.total"]


def test_a_partition_of_documents_in_two_parts_must_add_up() -> None:
    text = "全年共制作政府信息（文件）617份，其中主动公开138份、依申请公开及不予公开431份。"
    found = run(_report(text, [], {}), select=["P407"], strict=True)
    assert [f.rule for f in found] == ["P407"], text
    # parts in 份 under a total in 条 may count another thing (a file holds several pieces of
    # information): no error (issue 9 point 5), P410's warning on the exhaustive list instead
    text = "通过门户网站发布信息607条，其中主动公开380份，依申请公开及不予公开319份。"
    found = run(_report(text, [], {}), select=["P407", "P410"], strict=True)
    assert [(f.rule, f.severity) for f in found] == [("P410", "warning")], text
    ok = "全年共制作政府信息（文件）617份，其中主动公开186份、依申请公开及不予公开431份。"
    assert run(_report(ok, [], {}), select=["P407"], strict=True) == []


def test_a_list_ending_in_a_catch_all_must_add_up() -> None:
    short = "全年主动公开政府信息200条，机构职能信息20条，政策文件60条，其他应主动公开的信息100条。"
    found = run(_report(short, [], {}), select=["P410"], strict=True)
    assert [(f.rule, f.severity) for f in found] == [("P410", "warning")]
    assert "＋政策文件60＋其他应主动公开的信息100＝180条" in found[0].message
    whole = "全年主动公开政府信息200条，机构职能信息20条，依法应当公开的其他政府信息80条，其他应主动公开的信息100条。"
    assert run(_report(whole, [], {}), select=["P410"], strict=True) == []  # 其他 inside a name ends nothing
    categories = "主要类别有：机构职能类信息200条，政策文件60条，其他信息10条。"
    assert run(_report(categories, [], {}), select=["P410"], strict=True) == []  # no total before the list
