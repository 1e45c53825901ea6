"""Reviewed findings stay reviewed: --write-baseline / --baseline, and the store's decisions."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from extractor import baseline
from extractor.cli import app
from extractor.config import install
from extractor.resources import rules_dir

BASE = rules_dir() / "catalogue" / "_base"
runner = CliRunner()


@pytest.fixture(autouse=True)
def _defaults() -> Iterator[None]:
    yield
    install(None)


def _bad_report() -> str:
    """Two independent troubles: a carried-forward row that breaks 表三's sums, and a prose figure
    that disagrees with the table."""
    text = (BASE / "base-2021.txt").read_text(encoding="utf-8")
    text = text.replace("四、结转下年度继续办理\t2\t0\t0\t0\t0\t0\t2", "四、结转下年度继续办理\t3\t0\t0\t0\t0\t0\t3")
    return text.replace("全年共收到政府信息公开申请42件", "全年共收到政府信息公开申请47件")


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    d = tmp_path / "reports"
    d.mkdir()
    (d / "bad.txt").write_text(_bad_report(), encoding="utf-8")
    shutil.copy(BASE / "base-2021.txt", d / "clean.txt")
    return d


def findings(*args: str) -> tuple[list[dict], str]:
    res = runner.invoke(app, ["check", *args, "--format", "jsonl", "-j", "1"])
    assert res.exit_code in (0, 1), res.output
    objs = [json.loads(line) for line in res.stdout.splitlines() if line.startswith("{")]
    return [f for o in objs for f in o["findings"]], res.stderr if res.stderr_bytes is not None else ""


def test_baseline_then_nothing_left(folder: Path, tmp_path: Path) -> None:
    b = tmp_path / "b.toml"
    before, _ = findings(str(folder), "--write-baseline", str(b))
    assert len(before) >= 3, "the report has several findings"
    after, _ = findings(str(folder), "--baseline", str(b))
    assert after == []
    res = runner.invoke(app, ["check", str(folder), "--baseline", str(b), "-j", "1"])
    assert res.exit_code == 0
    assert f"已隐藏{len(before)}条已审阅的问题" in res.stdout


def test_one_figure_edited_brings_back_exactly_its_findings(folder: Path, tmp_path: Path) -> None:
    b = tmp_path / "b.toml"
    findings(str(folder), "--write-baseline", str(b))
    # the prose figure of the first P401 changes: that finding (and no other) is new again
    bad = folder / "bad.txt"
    bad.write_text(bad.read_text(encoding="utf-8").replace("申请47件", "申请48件"), encoding="utf-8")
    back, _ = findings(str(folder), "--baseline", str(b))
    assert len(back) == 1 and back[0]["rule"] == "P401" and back[0]["actual"] == 48
    # a table figure changes: every finding of the new run that rests on that cell is back, no other
    bad.write_text(_bad_report().replace("四、结转下年度继续办理\t3\t0\t0\t0\t0\t0\t3",
                                         "四、结转下年度继续办理\t3\t0\t0\t0\t0\t0\t4"), encoding="utf-8")
    everything, _ = findings(str(folder))
    involved = [f for f in everything if "t3.carried_forward.total" in f["fields"]]
    back, _ = findings(str(folder), "--baseline", str(b))
    assert involved and sorted(map(json.dumps, back)) == sorted(map(json.dumps, involved))


def test_survives_moves_and_unrelated_edits(folder: Path, tmp_path: Path) -> None:
    b = tmp_path / "b.toml"
    findings(str(folder), "--write-baseline", str(b))
    moved = tmp_path / "elsewhere" / "2024"
    moved.mkdir(parents=True)
    text = (folder / "bad.txt").read_text(encoding="utf-8")
    # a line added at the top and a sentence of part 六 reworded: offsets and lines all move
    text = "\n\n" + text.replace("六、其他需要报告的事项", "六、其他需要报告的事项\n本年度无其他需要说明的情况。", 1)
    (moved / "renamed.txt").write_text(text, encoding="utf-8")
    after, _ = findings(str(moved), "--baseline", str(b))
    assert after == []


def test_file_is_sorted_stable_and_keeps_reasons(folder: Path, tmp_path: Path) -> None:
    b = tmp_path / "b.toml"
    findings(str(folder), "--write-baseline", str(b))
    first = b.read_bytes()
    entries = baseline.read(b)
    assert entries == sorted(entries, key=lambda e: (e["body"], e.get("year", 0), e["rule"],
                                                     json.dumps({k: e.get(k) for k in baseline.KEY_FIELDS},
                                                                ensure_ascii=False)))
    assert all("line" not in e and "start" not in e for e in entries)
    assert all(str(folder) not in json.dumps(e, ensure_ascii=False) for e in entries), "no folder paths"
    # a reviewer writes a reason; writing the baseline again keeps it, in its place, and nothing else moves
    text = first.decode("utf-8").replace('rule = "T301"', 'rule = "T301"\nreason = "已核实：原表如此"', 1)
    b.write_text(text, encoding="utf-8")
    findings(str(folder), "--write-baseline", str(b))
    rewritten = b.read_text(encoding="utf-8")
    assert rewritten.count('reason = "已核实：原表如此"') == 1
    assert rewritten.replace('reason = "已核实：原表如此"\n', "") == first.decode("utf-8")
    findings(str(folder), "--write-baseline", str(b))
    assert b.read_text(encoding="utf-8") == rewritten, "re-writing gives the same bytes"
    assert baseline.dumps(baseline.read(b)) == rewritten


def test_output_dir_says_what_the_baseline_left_out(folder: Path, tmp_path: Path) -> None:
    b = tmp_path / "b.toml"
    before, _ = findings(str(folder), "--write-baseline", str(b))
    out = tmp_path / "out"
    res = runner.invoke(app, ["check", str(folder), "--baseline", str(b), "--output-dir", str(out), "-j", "1"])
    assert res.exit_code == 0
    assert f"另有{len(before)}条已审阅的问题未列出" in (out / "index.html").read_text(encoding="utf-8")
    page = json.loads((out / "reports" / "bad.txt.json").read_text(encoding="utf-8"))
    assert page["findings"] == []


def test_json_baseline_and_bad_file(folder: Path, tmp_path: Path) -> None:
    b = tmp_path / "b.json"
    findings(str(folder), "--write-baseline", str(b))
    data = json.loads(b.read_text(encoding="utf-8"))
    assert data["version"] == 1 and data["findings"]
    assert findings(str(folder), "--baseline", str(b))[0] == []
    broken = tmp_path / "broken.toml"
    broken.write_text("[[finding]]\nrule = \"T301\"\ncolour = \"red\"\n", encoding="utf-8")
    res = runner.invoke(app, ["check", str(folder), "--baseline", str(broken)])
    assert res.exit_code == 2 and "colour" in res.output


def test_the_store_keeps_the_decisions(folder: Path, tmp_path: Path) -> None:
    store = tmp_path / "store.sqlite"
    before, _ = findings(str(folder), "--store", str(store), "--write-baseline", str(tmp_path / "b.toml"))
    assert before
    after, _ = findings(str(folder), "--store", str(store))
    assert after == []
    assert findings(str(folder))[0] == before, "without the store, everything is reported"


def test_entry_key_ignores_reminders_but_not_figures() -> None:
    e = {"rule": "P401", "body": "某县人民政府", "year": 2023, "fields": ["t3.new.total=42"], "actual": "47"}
    assert baseline.key(e) == baseline.key({**e, "message": "x", "source": "a.txt", "reason": "ok"})
    assert baseline.key(e) != baseline.key({**e, "fields": ["t3.new.total=43"]})
    assert baseline.key(e) != baseline.key({**e, "year": 2024})
    text = baseline.dumps([{**e, "quote": 'a "quoted"\tline\\'}])
    assert baseline.loads(text)[0]["quote"] == 'a "quoted"\tline\\'
