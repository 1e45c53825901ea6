"""Fixes of the P4 prose rules found by the synthetic defects (extractor/synth/defects/prose.py)."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from extractor import template as tmpl
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
        assert not approx_ok(c, 123)  # 近120 cannot be 123
        assert approx_ok(c, 115)
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
        r.fields[key] = Field(key=key, value=v, raw=str(v), table=key[:2], kind=fd.kind if fd else "count")
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
