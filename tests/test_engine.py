"""The engine and the rule functions on hand-built reports: selection, findings, prose, years."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from extractor import template as tmpl
from extractor.check import registry
from extractor.check.catalogue import SelectionError, resolve
from extractor.check.context import BatchContext
from extractor.check.engine import run
from extractor.check.facts import possible, row_readings
from extractor.model import Claim, Field, Meta, Report, Section, TableInfo

# ---------------------------------------------------------------- building reports by hand


def t3_values(new: int = 10, carried_over: int = 2, granted: int = 7, not_held: int = 3,
              carried_forward: int = 2) -> dict[str, int]:
    """A balanced 表三 with every applicant a natural person."""
    t = tmpl.get("2021")
    out = {}
    rows = {"new": new, "carried_over": carried_over, "granted": granted, "unavailable.not_held": not_held,
            "total": granted + not_held, "carried_forward": carried_forward}
    for r in t.t3_row_keys():
        for c in t.t3_columns:
            v = rows.get(r, 0) if c.key in ("natural_person", "total") else 0
            out[f"t3.{r}.{c.key}"] = v
    return out


def make_report(values: dict[str, Any], text: str = "", year: int = 2023, body: str = "青岚县交通运输局",
                version: str = "2021", claims: list[Claim] | None = None,
                candidates: dict[str, list[list[Any]]] | None = None) -> Report:
    r = Report(source=f"{body}-{year}.txt", text=text or "正文。")
    r.meta = Meta(body=body, year=year, title_year=year, template=version, format="txt",
                  title=f"{body}{year}年政府信息公开工作年度报告")
    r.sections = [Section(n, tmpl_title, 0, len(r.text)) for n, tmpl_title in ((1, "总体情况"),)]
    t = tmpl.get(version)
    for kind in ("t2", "t3", "t4"):
        r.tables[kind] = TableInfo(kind=kind, start=len(r.text), end=len(r.text))
    for key, v in values.items():
        fd = t.field(key)
        r.fields[key] = Field(key=key, value=v, raw="" if v is None else str(v), table=key[:2],
                              row_label=fd.row_label if fd else None, col_label=fd.col_label if fd else None,
                              kind=fd.kind if fd else "count")  # type: ignore[arg-type]
    for key, cands in (candidates or {}).items():
        r.fields[key].value = None
        r.fields[key].candidates = cands
    r.claims = claims or []
    return r


def claim(text: str, whole: str, metric: str, value: Any, **kw: Any) -> Claim:
    """A claim for `text` found in `whole`, the number's span included."""
    start = whole.index(text)
    num = str(value)
    ns = whole.index(num, start)
    unit = kw.pop("unit", "件")
    return Claim(metric=metric, value=value, unit=unit, text=text, start=start, end=start + len(text), section=1,
                 number_start=ns, number_end=ns + len(num), **kw)


def codes(found: list) -> list[str]:
    return [f.rule for f in found]


# ---------------------------------------------------------------- selection


def test_select_and_ignore_by_prefix() -> None:
    all_codes = resolve()
    assert "T301" in all_codes and "X801" in all_codes
    assert set(resolve(["T3"])) == {c for c in all_codes if c.startswith("T3")}
    assert set(resolve(["T3,P401"])) == {c for c in all_codes if c.startswith("T3")} | {"P401"}
    assert "T301" not in resolve(None, ["T301"])
    assert resolve(["T3"], ["T3"]) == []
    assert resolve(["all"]) == all_codes
    with pytest.raises(SelectionError):
        resolve(["Q1"])
    with pytest.raises(SelectionError):
        resolve(None, ["T399"])


def test_registry_loads_every_module_once() -> None:
    rules = registry.load()
    assert rules is registry.load()
    with pytest.raises(ValueError, match="registered twice"):
        registry.rule("T301")(lambda r, c: [])


# ---------------------------------------------------------------- table arithmetic


def test_balance_finding_carries_everything_a_person_needs() -> None:
    v = t3_values()
    v["t3.carried_forward.total"] = 3
    v["t3.carried_forward.natural_person"] = 3
    r = make_report(v)
    r.fields["t3.new.total"].row_label = "一、本年新收政府信息公开申请数量"
    found = run(r, select=["T301"], strict=True)
    assert len(found) == 2  # 自然人 and 总计
    f = next(f for f in found if "t3.new.total" in f.fields)
    assert f.severity == "error" and f.section == 3
    assert f.expected == 12 and f.actual == 13
    assert "本年新收10＋上年结转2＝12" in f.message and "13" in f.message
    assert any(loc.startswith("表三「一、本年新收政府信息公开申请数量」行「总计」列") for loc in f.locations)
    assert all("t3." not in loc for loc in f.locations), "locations are labels, never keys"
    assert r.findings == found


def test_blank_cells_are_not_zeros() -> None:
    v = t3_values()
    v["t3.denied.third_party.commercial"] = None  # type: ignore[assignment]
    r = make_report(v)
    found = run(r, select=["T3"], strict=True)
    assert codes(found) == ["T306"]
    assert found[0].severity == "warning" and found[0].fields == ["t3.denied.third_party.commercial"]


def test_known_cells_exceeding_a_total_despite_blanks() -> None:
    v = t3_values()
    v["t3.denied.third_party.natural_person"] = None  # type: ignore[assignment]
    v["t3.granted.natural_person"] = 9  # outcomes 9 + 3 = 12 > 10 even with the blank
    r = make_report(v)
    found = [f for f in run(r, select=["T302"], strict=True) if "t3.total.natural_person" in f.fields]
    assert found and "空白" in found[0].message


def test_t4_sum_and_nonnegative() -> None:
    v = {**t3_values(), "t4.reconsideration.upheld": 2, "t4.reconsideration.corrected": 1,
         "t4.reconsideration.other": 0, "t4.reconsideration.pending": 0, "t4.reconsideration.total": 4,
         "t2.coercion.decisions": Decimal("2.5")}
    found = run(make_report(v), select=["T304", "T305"], strict=True)
    assert sorted(codes(found)) == ["T304", "T305"]


def test_ambiguous_run_is_info_and_a_lost_cell_is_blank() -> None:
    v = {**t3_values(), "t2.normative_docs.issued": None, "t2.normative_docs.repealed": None,
         "t2.normative_docs.in_force": None}
    cands = [[6, 2, 48], [62, 4, 8]]
    lost = [[0, 0, 0, 0, 0, 0, None], [0, 0, 0, 0, 0, None, 0]]
    r = make_report(v, candidates={"t2.normative_docs.issued": cands, "t2.normative_docs.repealed": cands,
                                   "t2.normative_docs.in_force": cands,
                                   **{f"t3.not_processed.petition.{c.key}": lost for c in tmpl.get("2021").t3_columns}})
    found = run(r, select=["T306", "T308"], strict=True)
    assert sorted(codes(found)) == ["T306", "T308", "T308"]
    assert possible(r, "t2.normative_docs.issued") == {6, 62}
    assert len(row_readings(r, "t2.normative_docs")) == 2


# ---------------------------------------------------------------- prose against tables

TEXT = ("全年共收到政府信息公开申请12件，办结10件，其中予以公开7件，占70%。"
        "各乡镇共收到政府信息公开申请40件。全年收到申请约11件。")


def prose_report(**claim_kw: Any) -> tuple[Report, dict[str, Claim]]:
    c = {
        "new": claim("全年共收到政府信息公开申请12件", TEXT, "applications.new", 12),
        "handled": claim("办结10件", TEXT, "applications.handled", 10),
        "granted": claim("予以公开7件", TEXT, "applications.granted", 7, share=Decimal(70)),
        "towns": claim("各乡镇共收到政府信息公开申请40件", TEXT, "applications.new", 40, scope="other"),
        "approx": claim("全年收到申请约11件", TEXT, "applications.new", 11, approx=True),
    }
    return make_report(t3_values(), TEXT, claims=list(c.values())), c


def test_prose_mismatch_is_an_error_naming_both_sides() -> None:
    r, _c = prose_report()
    r.claims[0].value = 15
    r.claims[0].text = "全年共收到政府信息公开申请15件"
    found = run(r, select=["P401"], strict=True)
    assert codes(found) == ["P401"]
    f = found[0]
    assert f.fields == ["t3.new.total"] and f.claims == [r.claims[0]]
    assert f.expected == 10 and f.actual == 15 and f.quote and f.quote.startswith("全年共收到政府信息公开申请")
    assert f.start == r.claims[0].start


def test_natural_sums_and_other_scopes_are_never_errors() -> None:
    r, c = prose_report()
    c["new"].value = 12  # 10 new + 2 carried over: a natural sum, not a contradiction
    found = run(r, select=["P4"], strict=True)
    assert "P401" not in codes(found)
    infos = [f for f in found if f.rule == "P403"]
    # 40 is another body's figure: not comparable, no finding; 12 = new + carried over: P409 below
    assert {f.claims[0].value for f in infos} == set()
    assert all(f.severity == "info" for f in infos)
    # received = new + carried over: the prose counts carried-over applications as received (issue 9, point 5)
    warned = [f for f in found if f.rule == "P409"]
    assert [(f.claims[0].value, f.severity) for f in warned] == [(12, "warning")]


def test_approximate_figures() -> None:
    r, c = prose_report()
    assert "P402" not in codes(run(r, select=["P402"], strict=True))  # 约11 vs 10
    c["approx"].value = 30
    assert codes(run(r, select=["P402"], strict=True)) == ["P402"]


def test_share_against_computed_share() -> None:
    r, c = prose_report()
    assert run(r, select=["P404"], strict=True) == []  # 7 of 10 handled = 70%
    c["granted"].share = Decimal("75")
    found = run(r, select=["P404"], strict=True)
    assert codes(found) == ["P404"] and found[0].expected == Decimal("70.0")


def test_growth_rate_is_not_a_share() -> None:
    text = "全年共收到政府信息公开申请12件，较上年增长20%。"
    cl = claim("全年共收到政府信息公开申请12件", text, "applications.new", 12, share=Decimal(20))
    r = make_report(t3_values(new=12, carried_over=0, granted=9, carried_forward=0), text, claims=[cl])
    assert run(r, select=["P404"], strict=True) == []


def test_shares_of_all_outcomes_add_up() -> None:
    text = "予以公开7件，占70%；无法提供3件，占20%。"
    cs = [claim("予以公开7件", text, "applications.granted", 7, share=Decimal(70)),
          claim("无法提供3件", text, "applications.unavailable", 3, share=Decimal(20))]
    r = make_report(t3_values(), text, claims=cs)
    found = run(r, select=["P405"], strict=True)
    assert codes(found) == ["P405"] and found[0].actual == Decimal(90)


def test_same_metric_twice_and_parts_exceeding_the_total() -> None:
    text = "全年主动公开政府信息120条，其中政策文件80条、工作动态50条。本年度主动公开政府信息102条。"
    total = claim("全年主动公开政府信息120条", text, "proactive.items", 120, unit="条")
    parts = [claim("政策文件80条", text, "proactive.items", 80, unit="条", part_of=0),
             claim("工作动态50条", text, "proactive.items", 50, unit="条", part_of=0)]
    again = claim("本年度主动公开政府信息102条", text, "proactive.items", 102, unit="条")
    r = make_report(t3_values(), text, claims=[total, *parts, again])
    found = run(r, select=["P406", "P407"], strict=True)
    assert sorted(codes(found)) == ["P406", "P407"]
    p407 = next(f for f in found if f.rule == "P407")
    assert p407.severity == "error" and p407.actual == 130 and {c.value for c in p407.claims} >= {120, 80, 50}


def test_parts_of_an_approximate_total() -> None:
    text = "主动公开政府信息370多条，其中政策文件300条、工作动态82条。"
    r = make_report(t3_values(), text)
    assert codes(run(r, select=["P407"], strict=True)) == ["P407"]  # 382 cannot be 370多
    r2 = make_report(t3_values(), text.replace("82条", "72条"))
    assert run(r2, select=["P407"], strict=True) == []  # 372 can


def test_outcomes_listed_after_received_include_carry_over() -> None:
    text = "收到政府信息公开申请10件，其中予以公开7件，无法提供3件，部分公开2件。"
    cl = claim("收到政府信息公开申请10件", text, "applications.new", 10)
    v = t3_values(new=10, carried_over=2, granted=7, not_held=3, carried_forward=0)
    v.update({"t3.partial.natural_person": 2, "t3.partial.total": 2, "t3.total.natural_person": 12,
              "t3.total.total": 12})
    r = make_report(v, text, claims=[cl])
    assert run(r, select=["P407"], strict=True) == []  # 12 handled = 10 new + 2 carried over


# ---------------------------------------------------------------- years and fees


def test_this_years_figure_labelled_with_another_year() -> None:
    text = "2022年共收到政府信息公开申请10件。"
    cl = claim("2022年共收到政府信息公开申请10件", text, "applications.new", 10)
    r = make_report(t3_values(), text, claims=[cl])
    found = run(r, select=["P401", "Y604"], strict=True)
    assert codes(found) == ["Y604"]


def test_fee_statements() -> None:
    text = "本年度未收取信息处理费。全年收取信息处理费300元。"
    cs = [claim("本年度未收取信息处理费", text, "processing_fee.amount", 0, unit="元"),
          claim("全年收取信息处理费300元", text, "processing_fee.amount", 300, unit="元")]
    cs[0].number_start = cs[0].number_end = cs[0].start
    r = make_report({**t3_values(), "t2.fees.amount": Decimal("0.03")}, text, claims=cs)
    assert sorted(codes(run(r, select=["F5"], strict=True))) == ["F502", "F504"]


# ---------------------------------------------------------------- across years


def pair(now: dict[str, Any], before: dict[str, Any], version: str = "2021",
         cands: dict[str, list[list[Any]]] | None = None) -> tuple[Report, BatchContext]:
    prev = make_report(before, year=2022, version=version)
    cur = make_report(now, year=2023, version=version, candidates=cands)
    other = make_report(before, year=2023, body="青岚县民政局", version=version)
    return cur, BatchContext([prev, cur, other])


def stock(issued: int, repealed: int, in_force: int) -> dict[str, int]:
    return {"t2.normative_docs.issued": issued, "t2.normative_docs.repealed": repealed,
            "t2.normative_docs.in_force": in_force}


def test_context_finds_last_year_of_the_same_body() -> None:
    cur, ctx = pair(t3_values(), t3_values())
    prev = ctx.previous(cur)
    assert prev is not None and prev.meta.year == 2022 and prev.meta.body == cur.meta.body
    assert ctx.peers(cur) and all(p.meta.body != cur.meta.body for p in ctx.peers(cur))


def test_carry_over_and_stock() -> None:
    now = {**t3_values(carried_over=3, new=9), **stock(6, 2, 48)}
    before = {**t3_values(carried_forward=2), **stock(5, 1, 40)}
    cur, ctx = pair(now, before)
    found = run(cur, select=["X8"], context=ctx, strict=True)
    assert sorted(codes(found)) == ["X801", "X802"]
    x802 = next(f for f in found if f.rule == "X802")
    assert x802.severity == "warning" and x802.expected == 44 and x802.actual == 48
    assert set(x802.fields) == {"t2.normative_docs.in_force", "t2.normative_docs.issued",
                                "t2.normative_docs.repealed"}
    assert run(cur, select=["X8"], strict=True) == [], "without a context the rules are skipped"


def test_stock_with_an_ambiguous_row_flags_only_when_no_reading_fits() -> None:
    before = {**t3_values(), **stock(5, 1, 44)}
    fits = [[6, 2, 48], [62, 4, 8]]
    cur, ctx = pair({**t3_values(), **stock(0, 0, 0)}, before, cands={k: fits for k in stock(0, 0, 0)})
    assert run(cur, select=["X802"], context=ctx, strict=True) == []
    none_fit = [[6, 2, 58], [62, 4, 8]]
    cur, ctx = pair({**t3_values(), **stock(0, 0, 0)}, before, cands={k: none_fit for k in stock(0, 0, 0)})
    found = run(cur, select=["X802"], context=ctx, strict=True)
    assert codes(found) == ["X802"] and "拆分" in found[0].message


def test_repeal_bound_and_2019_chains() -> None:
    cur, ctx = pair({**t3_values(), **stock(1, 60, 0)}, {**t3_values(), **stock(5, 1, 50)})
    assert "X803" in codes(run(cur, select=["X803"], context=ctx, strict=True))
    t = t3_values()
    t["t3.other.total.natural_person"] = t["t3.other.total.total"] = 0
    now = {**t, "t2.licensing.prev_items": 37, "t2.licensing.change": 0, "t2.licensing.decisions": 5,
           "t2.normative_docs.made": 4, "t2.normative_docs.published": 4, "t2.normative_docs.public_total": 31}
    before = {**t, "t2.licensing.prev_items": 50, "t2.licensing.change": 1, "t2.licensing.decisions": 37,
              "t2.normative_docs.made": 2, "t2.normative_docs.published": 2, "t2.normative_docs.public_total": 26}
    cur, ctx = pair(now, before, version="2019")
    found = run(cur, select=["X8"], context=ctx, strict=True)
    assert sorted(codes(found)) == ["X802", "X804"]
    x804 = next(f for f in found if f.rule == "X804")
    assert x804.fields == ["t2.licensing.prev_items"] and x804.expected == 51


# ---------------------------------------------------------------- robustness


def test_a_failing_rule_is_noted_and_skipped(monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(r: Report, ctx: Any) -> list:
        raise RuntimeError("boom")

    monkeypatch.setitem(registry.RULES, "T301", boom)
    r = make_report(t3_values())
    assert run(r, select=["T301"]) == []
    assert any("T301" in n for n in r.notes)
    with pytest.raises(RuntimeError):
        run(make_report(t3_values()), select=["T301"], strict=True)


def test_unreadable_reports_are_not_checked() -> None:
    r = Report(source="x.pdf").fail("encrypted", "加密")
    assert run(r) == []
