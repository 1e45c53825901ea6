"""The checks of issue 10: totals and their lists (P410), dates and signatures (Y607–Y610, C703,
S115), the two layouts (S116), body names across renames, and the roll-up (X809/X810).

Sentences are written for these tests (figures are invented)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from extractor import config
from extractor.check.catalogue import catalogue
from extractor.check.context import BatchContext, alternates
from extractor.check.dates import deadline
from extractor.check.engine import run
from extractor.check.enumerations import enumerations
from extractor.check.names import normalise, same_body
from extractor.check.rollup import area, children_indices, hierarchy, link
from extractor.check.signature import compare, find_signature
from extractor.model import Meta, Report
from extractor.pipeline import run_stages
from extractor.read import read_bytes
from extractor.resources import rules_dir


def prose(text: str) -> Report:
    return Report(source="t.txt", text=text, meta=Meta(body="青岚县人民政府", year=2023, title_year=2023))


# ------------------------------------------------------------------ P410 lists


def test_catch_all_list_must_reach_the_total() -> None:
    (e,) = enumerations(prose("全年发布政务信息500条，其中工作动态200条、通知公告120条、其余信息100条。"))
    assert e.exhaustive and "其余信息" in e.exhaustive
    assert e.sum == Decimal(420) and e.total.value == 500


def test_list_without_marker_needs_a_catch_all_and_a_total_cue() -> None:
    # a total said as such, a list straight after it, ending in 其他: read
    assert enumerations(prose("全年主动公开信息300条，规划信息30条，财政信息70条，其他信息150条。"))
    # figures in a row with no word of a total and no catch-all: not a list of parts
    assert not enumerations(prose("收到申请30件，答复28件，结转2件。"))


def test_items_with_predicates_are_attributes() -> None:
    (e,) = enumerations(prose("梳理政务服务事项200项，其中实现全程网办的有150项、可容缺受理的有120项。"))
    assert e.predicates


def test_share_of_an_item_is_its_attribute_and_unitless_item_counts() -> None:
    (e,) = enumerations(prose("发布信息90条，其中政策文件40条，占44.4%，工作动态30、其他信息20条。"))
    assert [int(p.number.value) for p in e.parts] == [40, 30, 20]
    assert e.parts[0].share and e.unitless


def test_list_ends_at_a_new_predicate() -> None:
    (e,) = enumerations(prose("公开信息100条，其中政策文件60条、解读材料40条，办结申请5件，答复率100%。"))
    assert [int(p.number.value) for p in e.parts] == [60, 40]


def test_three_kinds_of_disclosure_are_the_whole() -> None:
    (e,) = enumerations(prose("共制作文件80份，其中主动公开50份、依申请公开及不予公开20份。"))
    assert e.exhaustive and "公开属性" in e.exhaustive and e.sum == 70


# ------------------------------------------------------------------ signatures


@pytest.mark.parametrize(("title", "signed", "how"), [
    ("青岚县财政局", "青岚县财政局", None),
    ("青岚县财政局", "青岚县财政局办公室", None),  # the office signs for its bureau
    ("青岚县财政局", "县财政局", None),  # a short form
    ("青岚县财政局", "青岚县财攻局", "typo"),
    ("青岚县财政局", "白石县水利局", "other"),
])
def test_signature_body(title: str, signed: str, how: str | None) -> None:
    assert compare(title, signed, catalogue()["S115"].params["typo_chars"]) == how


def test_signature_found_after_the_last_section() -> None:
    r = prose("六、其他需要报告的事项\n本年度未收取信息处理费。\n\n青岚县财政局\n二〇二四年一月十二日\n")
    sig = find_signature(r)
    assert sig is not None and sig.body == "青岚县财政局" and sig.date == date(2024, 1, 12)


# ------------------------------------------------------------------ deadlines


def test_deadline_by_kind_and_year() -> None:
    params = {"department": "01-31", "government": "03-31", "department_rule_since": 2019}
    dept = Report(source="x", meta=Meta(body="青岚县财政局", year=2023, title_year=2023, body_kind="department"))
    gov = Report(source="x", meta=Meta(body="青岚县人民政府", year=2023, title_year=2023, body_kind="government"))
    old = Report(source="x", meta=Meta(body="青岚县财政局", year=2017, title_year=2017, body_kind="department"))
    assert deadline(dept, params) == (date(2024, 1, 31), "人民政府部门")
    assert deadline(gov, params)[0] == date(2024, 3, 31)  # type: ignore[index]
    assert deadline(old, params)[0] == date(2018, 3, 31)  # type: ignore[index]
    assert deadline(dept, {**params, "department": "01-15"})[0] == date(2024, 1, 15)  # type: ignore[index]


# ------------------------------------------------------------------ names across renames


def test_title_tails_and_renames() -> None:
    assert normalise("青岚县财政局关于")
    a = normalise("青岚县财政局关于")
    assert a is not None and a.key == "青岚县财政局"
    b = normalise("青岚县人民政府关于报送2023年政府信息公开工作年度报告的函")
    assert b is not None and b.key == "青岚县人民政府"
    now = normalise("青岚县应急管理局（原青岚县安全生产监督管理局）")
    before = normalise("青岚县安全生产监督管理局")
    assert now is not None and now.key == "青岚县应急管理局"
    assert same_body(now, before) and same_body(before, now)
    assert any(x.key == "青岚县安全生产监督管理局" for x in alternates(now))


@pytest.fixture
def settings() -> Any:
    """Installs a configuration with the given files for one test, then the defaults again."""
    def use(**files: Path) -> config.Config:
        cfg = config.with_options(config.Config(), **files)
        config.install(cfg)
        return cfg

    yield use
    config.install(None)


def test_body_map(tmp_path: Path, settings: Any) -> None:
    f = tmp_path / "map.csv"
    f.write_text("青岚县科技局,青岚县科学技术局\n", encoding="utf-8")
    assert not same_body(normalise("青岚县科技局"), normalise("青岚县科学技术局"))
    settings(body_map=f)  # the map travels with the configuration; names read before it are read again
    assert same_body(normalise("青岚县科技局"), normalise("青岚县科学技术局"))
    config.install(None)
    assert not same_body(normalise("青岚县科技局"), normalise("青岚县科学技术局"))


def test_files_travel_with_the_options_to_a_worker(tmp_path: Path) -> None:
    """A worker (a pool's, or a Dask task through work.run_remote) sees the hierarchy file and the
    body-name map of the run through the options it is sent, whatever its environment."""
    import pickle

    from extractor.baseline import Review
    from extractor.batch import work

    h = tmp_path / "h.csv"
    h.write_text("青岚县人民政府,青岚县财政局\n", encoding="utf-8")
    m = tmp_path / "map.csv"
    m.write_text("青岚县科技局,青岚县科学技术局\n", encoding="utf-8")
    cfg = config.with_options(config.Config(), hierarchy=h, body_map=m)
    options = pickle.loads(pickle.dumps(work.Options(review=Review(config=cfg))))  # as a worker receives it
    try:
        assert hierarchy() is None
        with pytest.raises(ValueError):
            work.run_remote("run-1", options, ("no such task", None))  # sets the run up, then refuses the task
        got = hierarchy()
        assert got is not None and "青岚县人民政府" in got.children
        assert same_body(normalise("青岚县科技局"), normalise("青岚县科学技术局"))
    finally:
        config.install(None)
        work._OPTIONS, work._INSTALLED_RUN = work.Options(), None
    assert hierarchy() is None


def test_hierarchy_option_reaches_the_pool_workers(tmp_path: Path) -> None:
    """--hierarchy with worker processes: the roll-up (run by a worker) reads the declared file."""
    import json

    from typer.testing import CliRunner

    from extractor.cli import app

    src = (rules_dir() / "catalogue" / "_base" / "base-2021.txt").read_text(encoding="utf-8")
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "gov.txt").write_text(src, encoding="utf-8")
    (folder / "dept.txt").write_text(src.replace("青岚县人民政府", "青岚县财政局").replace("行政许可\t1520", "行政许可\t1500"),
                                     encoding="utf-8")
    h = tmp_path / "h.csv"
    h.write_text("青岚县人民政府,青岚县财政局\n", encoding="utf-8")
    try:
        res = CliRunner().invoke(app, ["check", str(folder), "--workers", "2", "--select", "X809", "--format", "jsonl",
                                       "--fail-on", "never", "--hierarchy", str(h)])
    finally:
        config.install(None)
    assert res.exit_code == 0, res.output
    rows = [json.loads(line) for line in res.stdout.splitlines() if line.startswith("{")]
    gov = next(r for r in rows if r["source"].endswith("gov.txt"))
    assert [f["rule"] for f in gov["findings"]] == ["X809"] and "层级文件" in gov["findings"][0]["message"]


# ------------------------------------------------------------------ the roll-up


def test_who_is_under_whom_by_name() -> None:
    gov = normalise("青岚县人民政府")
    assert gov is not None and area(gov) == "青岚县"
    assert link(gov, normalise("青岚县财政局"), None) == "名称"  # type: ignore[arg-type]
    assert link(gov, normalise("青岚县人民政府办公室"), None) is None  # type: ignore[arg-type]
    assert link(gov, normalise("白石县财政局"), None) is None  # type: ignore[arg-type]
    town = normalise("青岚县东岭镇人民政府")
    assert link(gov, town, None) is None  # type: ignore[arg-type]  # a lower government: only a file links it
    # a body under a nearer government of the batch goes to that government
    assert link(gov, normalise("青岚县东岭镇社会事务办"), None, [town]) is None  # type: ignore[arg-type, list-item]
    assert normalise("青岚县财政局") is not None and area(normalise("青岚县财政局")) is None  # type: ignore[arg-type]


def test_hierarchy_file_declares_children(tmp_path: Path, settings: Any) -> None:
    f = tmp_path / "h.csv"
    f.write_text("上级,下级\n青岚县人民政府,青岚县财政局\n青岚县人民政府,白石水库管理处\n", encoding="utf-8")
    settings(hierarchy=f)
    h = hierarchy()
    assert h is not None
    gov = normalise("青岚县人民政府")
    names = [normalise("白石水库管理处"), normalise("青岚县水利局"), normalise("青岚县财政局")]
    # the file names the children: a body only the name would link is not one of them
    assert children_indices(gov, names, h) == [0, 2]


def _report(edits: list[tuple[str, str]]) -> Report:
    src = (rules_dir() / "catalogue" / "_base" / "base-2021.txt").read_text(encoding="utf-8")
    for a, b in edits:
        src = src.replace(a, b)
    return run_stages(read_bytes(src.encode("utf-8"), "r.txt", ".txt"), upto="extract")


def test_declared_complete_children_must_add_up(tmp_path: Path, settings: Any) -> None:
    parent = _report([])
    child = _report([("青岚县人民政府", "青岚县财政局"), ("行政许可\t1520", "行政许可\t1500")])
    ctx = BatchContext([child, parent])
    assert not [f for f in run(parent, select=["X809"], context=ctx, strict=True)]  # below the parent: fine
    f = tmp_path / "h.csv"
    f.write_text("青岚县人民政府,青岚县财政局\n", encoding="utf-8")
    settings(hierarchy=f)
    parent.findings.clear()
    found = run(parent, select=["X809"], context=ctx, strict=True)
    assert [x.fields for x in found] == [["t2.licensing.decisions"]]
    assert "层级文件" in found[0].message and "1500" in found[0].message
    table = run(parent, select=["X810"], context=ctx, strict=True)
    row = next(x for x in table if x.fields == ["t2.licensing.decisions"])
    assert row.data["rollup"][0]["gap"] == "20"


# ------------------------------------------------------------------ S117 labels altered by hand


@pytest.mark.parametrize(("old", "new", "found"), [
    ("1.本机关不掌握相关政府信息", "1.本机关不掌握相关信息", True),  # a word dropped
    ("2.重复申请", "2.重复申请事项", True),  # characters added
    ("行政强制\t", "行政强治\t", True),  # a character replaced: the row is not read at all
    ("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "（二）部分公开", False),  # the note left out
])
def test_label_altered(old: str, new: str, found: bool) -> None:
    r = _report([(old, new)])
    got = run(r, select=["S117"], strict=True)
    assert bool(got) is found, [f.message for f in got]
    if found:
        assert new.strip().split(".")[-1] in got[0].message


# ------------------------------------------------------------------ Y607 cut-off dates


@pytest.mark.parametrize(("sentence", "variant"), [
    ("截至2022年12月31日，现行有效行政规范性文件48件。", "last year"),
    ("截至2023年10月31日，全县主动公开政府信息1000条。", "early"),
    ("截至2023年12月底，全县主动公开政府信息1260条。", None),
    ("截至2023年6月，门户网站专栏改版完成。", None),  # no figure: a date in the story
])
def test_cutoff_dates(sentence: str, variant: str | None) -> None:
    r = _report([("全年制发行政规范性文件6件，废止2件。", "全年制发行政规范性文件6件，废止2件。" + sentence)])
    got = run(r, select=["Y607"], strict=True)
    assert bool(got) is (variant is not None)
    if variant == "early":
        assert "未覆盖全年" in got[0].message


def test_applicants_and_appeal_outcomes_are_partitions() -> None:
    (e,) = enumerations(prose("全年共受理申请30件，其中自然人申请25件、法人或其他组织申请3件。"))
    assert e.exhaustive and "申请人" in e.exhaustive and e.sum == 28
    (f,) = enumerations(prose("全年办理行政复议案件12件，其中结果维持8件、结果纠正2件、其他结果1件、尚未审结1件。"))
    assert f.exhaustive and f.sum == 12
    # channels a piece of information may share: the items are predicates (overlapping), not summed
    channels = enumerations(prose("主动公开信息1000条，其中通过门户网站发布800条，通过政务新媒体发布500条，其他渠道发布100条。"))
    assert channels and all(e.predicates for e in channels)


def test_rollup_finds_children_in_the_batch_and_in_the_store(tmp_path: Path) -> None:
    import json

    from extractor.batch import flow

    src = (rules_dir() / "catalogue" / "_base" / "base-2021.txt").read_text(encoding="utf-8")
    parent, child = tmp_path / "gov.txt", tmp_path / "dept.txt"
    parent.write_text(src, encoding="utf-8")
    child.write_text(src.replace("青岚县人民政府", "青岚县财政局").replace("行政许可\t1520", "行政许可\t1600"),
                     encoding="utf-8")
    store = tmp_path / "s.sqlite"

    def findings(files: list[Path]) -> dict[str, list[dict[str, Any]]]:
        s = flow.Settings(format="jsonl", select=["X809", "X810"], workers=1, store=store, progress=False)
        out = {}
        for fin in flow.run(files, s):
            obj = json.loads(fin.text)
            out[Path(obj["source"]).name] = obj["findings"]
        return out

    both = findings([child, parent])  # one batch
    assert [f["fields"] for f in both["gov.txt"] if f["rule"] == "X809"] == [["t2.licensing.decisions"]]
    assert not both["dept.txt"]
    later = findings([parent])  # the department's report only in the store
    assert any(f["rule"] == "X809" and "1600" in f["message"] for f in later["gov.txt"])


def test_other_bodies_are_not_a_catch_all() -> None:
    # 其他部门 names other bodies, not "the rest": the list is not known to be whole
    (e,) = enumerations(prose("共转发文件80条，其中上级文件30条、其他部门文件20条。"))
    assert e.exhaustive is None


def test_the_index_shows_the_rollup_tables(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from extractor.cli import app

    src = (rules_dir() / "catalogue" / "_base" / "base-2021.txt").read_text(encoding="utf-8")
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "gov.txt").write_text(src, encoding="utf-8")
    (folder / "dept.txt").write_text(src.replace("青岚县人民政府", "青岚县财政局").replace("行政许可\t1520", "行政许可\t1600"),
                                     encoding="utf-8")
    out = tmp_path / "out"
    res = CliRunner().invoke(app, ["check", str(folder), "--output-dir", str(out), "--workers", "1",
                                   "--fail-on", "never"])
    assert res.exit_code == 0, res.output
    page = (out / "index.html").read_text(encoding="utf-8")
    section = page[page.index('id="rollups"'):]
    assert 'class="rollup"' in section and "青岚县财政局" in section and "1600" in section
    assert "没有汇总表" not in section
    # the same table in the text the command prints, and one CSV line per parent, figure and child
    assert "逐级汇总" in res.output and "青岚县人民政府" in res.output
    licensing = next(line for line in res.output.splitlines() if "行政许可" in line and "下属合计" in line)
    assert "本级 1520" in licensing and "下属合计 1600" in licensing and "差额 -80" in licensing
    import csv

    rows = list(csv.DictReader((out / "rollup.csv").read_text(encoding="utf-8-sig").splitlines()))
    lic = [r for r in rows if r["field"] == "t2.licensing.decisions"]
    assert [(r["parent"], r["parent_value"], r["child"], r["child_value"], r["children_sum"]) for r in lic] == [
        ("青岚县人民政府", "1520", "青岚县财政局", "1600", "1600")]


def test_no_rollup_table_without_a_parent_and_its_children(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from extractor.cli import app

    src = (rules_dir() / "catalogue" / "_base" / "base-2021.txt").read_text(encoding="utf-8")
    (tmp_path / "gov.txt").write_text(src, encoding="utf-8")
    out = tmp_path / "out"
    res = CliRunner().invoke(app, ["check", str(tmp_path / "gov.txt"), "--output-dir", str(out), "--workers", "1",
                                   "--fail-on", "never"])
    assert res.exit_code == 0, res.output
    assert "逐级汇总" not in res.output and not (out / "rollup.csv").exists()
