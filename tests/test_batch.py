"""Batches: the same bytes whatever the number of workers, the rules across years and bodies, OUT.

The batch runs as `check` does (in process, through the CLI); its results must equal those of the
plain in-memory way (every report read, then every rule run with a `BatchContext`).
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from batchfiles import make_batch, tree
from typer.testing import CliRunner

from extractor.batch import record
from extractor.batch.progress import Progress
from extractor.check.context import BatchContext
from extractor.check.engine import run
from extractor.check.names import normalise, same_body, serving
from extractor.cli import app, collect
from extractor.model import Report
from extractor.pipeline import process
from extractor.render import jsonout

runner = CliRunner()


def invoke(*args: str) -> tuple[int, str, str]:
    res = runner.invoke(app, list(args))
    if res.exception and not isinstance(res.exception, SystemExit):
        raise res.exception
    return res.exit_code, res.stdout, res.stderr


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("batch") / "in"
    make_batch(folder)
    return folder


@pytest.fixture(scope="module")
def runs(batch: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[int, tuple[str, Path]]:
    """jsonl on stdout and OUT, with one worker and with two."""
    out = {}
    for workers in (1, 2):
        od = tmp_path_factory.mktemp(f"out{workers}")
        code, stdout, _err = invoke("check", str(batch), "--format", "jsonl", "--workers", str(workers),
                                    "--output-dir", str(od))
        assert code == 1  # the batch holds errors and unreadable files
        out[workers] = (stdout, od)
    return out


def _reference(batch: Path) -> list[str]:
    """Every file read, then every rule with the whole batch as context, as `check` did in memory."""
    reports = []
    for f in collect([str(batch)]):
        try:
            reports.append(process(f, upto="extract"))
        except Exception as e:  # pragma: no cover - as the CLI reports it
            reports.append(Report(source=str(f)).fail("unreadable", f"处理该文件时出错：{type(e).__name__}: {e}"))
    ctx = BatchContext(reports)
    lines = []
    for r in reports:
        run(r, context=ctx)
        lines.append(jsonout.dumps(jsonout.check_obj(r)))
    return lines


def _objs(stdout: str) -> dict[str, dict]:
    return {Path(o["source"]).relative_to(Path(o["source"]).parents[1]).as_posix(): o
            for o in map(json.loads, stdout.splitlines())}


def test_parallel_equals_sequential_byte_for_byte(runs: dict[int, tuple[str, Path]]) -> None:
    (one, out1), (two, out2) = runs[1], runs[2]
    assert one == two
    t1, t2 = tree(out1), tree(out2)
    assert t1.keys() == t2.keys() and t1 == t2
    assert "summary.csv" in t1 and "index.html" in t1 and "reports/qinglan/2023.txt.md" in t1


def _without_pairing_note(line: str) -> str:
    """The batch notes an office paired with its government's report (the in-memory way does not)."""
    o = json.loads(line)
    notes = [n for n in o.get("notes", []) if "按同一机关对照" not in n]
    if notes != o.get("notes", []):
        o["notes"] = notes
        if not notes:
            del o["notes"]
        return jsonout.dumps(o)
    return line


def test_the_batch_gives_what_checking_in_memory_gives(batch: Path, runs: dict[int, tuple[str, Path]]) -> None:
    assert [_without_pairing_note(x) for x in runs[2][0].splitlines()] == _reference(batch)


def test_results_in_path_order_one_per_file(batch: Path, runs: dict[int, tuple[str, Path]]) -> None:
    sources = [json.loads(x)["source"] for x in runs[2][0].splitlines()]
    assert sources == [str(f) for f in collect([str(batch)])]


def _rules(o: dict) -> set[str]:
    return {f["rule"] for f in o["findings"]}


def test_rules_across_years_and_bodies_fire(runs: dict[int, tuple[str, Path]]) -> None:
    by = _objs(runs[2][0])
    assert not _rules(by["qinglan/2022.txt"]) & {"X801", "X802", "X805", "X806"}
    baishi = by["baishi/2023.txt"]
    assert {"X801", "X807", "X808"} <= _rules(baishi)
    x801 = next(f for f in baishi["findings"] if f["rule"] == "X801")
    assert x801["data"]["previous"].endswith("baishi/2022.txt") and x801["expected"] == 4 and x801["actual"] == 3
    x807 = next(f for f in baishi["findings"] if f["rule"] == "X807")
    assert x807["data"]["peer"].endswith("qinglan/2023.txt") and "青岚县人民政府" in x807["message"]
    assert {"X807", "X808"} <= _rules(by["qinglan/2023.txt"])
    assert "X801" not in _rules(by["qinglan/2023.txt"])


def test_an_office_reporting_for_its_government_is_paired_and_noted(runs: dict[int, tuple[str, Path]]) -> None:
    office = _objs(runs[2][0])["qingshan/2023-office.txt"]
    assert office["meta"]["body"] == "青山县人民政府办公室"
    x802 = [f for f in office["findings"] if f["rule"] == "X802"]
    assert x802 and x802[0]["data"]["previous"].endswith("qingshan/2022.txt")
    assert any("青山县人民政府办公室" in n and "同一机关" in n for n in office["notes"])


def test_output_dir_holds_an_issue_list_per_report_and_the_summary(batch: Path,
                                                                   runs: dict[int, tuple[str, Path]]) -> None:
    stdout, out = runs[2]
    objs = [json.loads(x) for x in stdout.splitlines()]
    rows = list(csv.DictReader(io.StringIO((out / "summary.csv").read_text(encoding="utf-8-sig"))))
    assert [r["source"] for r in rows] == [o["source"] for o in objs]
    for row, obj in zip(rows, objs, strict=True):
        assert json.loads((out / row["json"]).read_text(encoding="utf-8")) == obj
        md = (out / row["markdown"]).read_text(encoding="utf-8")
        assert obj["sha256"] in md
        counts = [sum(f["severity"] == s for f in obj["findings"]) for s in ("error", "warning", "info")]
        assert [int(row["errors"]), int(row["warnings"]), int(row["infos"])] == counts
        assert row["status"] == obj["status"] and row["body"] == (obj["meta"]["body"] or "")
    page = (out / "index.html").read_text(encoding="utf-8")
    assert page.count("<tr class=") == len(rows) and 'href="reports/baishi/2023.txt.md"' in page
    assert not re.search(r"<script[^>]*\bsrc=", page), "inline script only (the filters), nothing fetched"
    md = (out / "reports/baishi/2023.txt.md").read_text(encoding="utf-8")
    assert "X801" in md and "对照上年" in md and "baishi/2022.txt" in md
    assert not list(out.rglob("*.tmp")), "no temporary file is left behind"


def test_with_output_dir_stdout_has_only_the_summary(batch: Path, tmp_path: Path) -> None:
    code, stdout, _err = invoke("check", str(batch / "qinglan"), "--output-dir", str(tmp_path / "o"))
    assert code == 0
    assert stdout.startswith("共审核2份报告") and "index.html" in stdout


def test_formats_are_the_same_with_any_number_of_workers(batch: Path) -> None:
    for fmt in ("text", "csv", "json", "sarif"):
        one = invoke("check", str(batch / "baishi"), str(batch / "qinglan"), "-f", fmt, "-j", "1")[1]
        two = invoke("check", str(batch / "baishi"), str(batch / "qinglan"), "-f", fmt, "-j", "2")[1]
        assert one == two, fmt


def test_without_rules_across_reports_results_stream(batch: Path) -> None:
    _code, stdout, _err = invoke("check", str(batch), "--format", "jsonl", "--ignore", "X8", "-j", "2")
    objs = [json.loads(x) for x in stdout.splitlines()]
    assert [o["source"] for o in objs] == [str(f) for f in collect([str(batch)])]
    assert not any(f["rule"].startswith("X8") for o in objs for f in o["findings"])


# ---------------------------------------------------------------- pieces


def test_body_names() -> None:
    assert same_body(normalise("信阳市浉河区人民政府"), normalise("浉河区人民政府"))
    assert same_body(normalise("浉河区 人民政府"), normalise("浉河区政府"))
    assert not same_body(normalise("福州市鼓楼区人民政府"), normalise("南京市鼓楼区人民政府"))
    assert same_body(normalise("福建省平潭综合实验区财政金融局"), normalise("平潭综合实验区财政金融局"))
    assert not same_body(normalise("平潭综合实验区财政金融局"), normalise("平潭综合实验区市场监督管理局"))
    assert normalise("苏州工业园区管理委员会").short == "苏州工业园区管理委员会"
    assert normalise("江州市市场监督管理局").short == "江州市市场监督管理局"
    office = normalise("浉河区政府办")
    assert office is not None and office.key == "浉河区人民政府办公室"
    assert office.government is not None and office.government.key == "浉河区人民政府"
    assert serving(office, normalise("信阳市浉河区人民政府"))
    assert not serving(office, normalise("平桥区人民政府"))
    assert normalise("") is None and normalise(None) is None


def test_a_record_renders_like_the_report(batch: Path) -> None:
    from extractor.render import csvout, htmlout
    from extractor.render import text as textout

    for name in ("baishi/2023.txt", "qingshan/2023-office.txt"):
        r = process(batch / name, upto="extract")
        run(r)
        r.fields["t2.fees.amount"].candidates = [[Decimal("1.50"), None]]
        back = record.from_blob(record.to_blob(r))
        assert back.fields == r.fields and back.claims == r.claims and back.findings == r.findings
        assert back.meta == r.meta and back.sections == r.sections
        for render in (lambda x: jsonout.dumps(jsonout.check_obj(x)), csvout.rows, textout.render_report,
                       lambda x: htmlout.report_html(x, "r1")):
            assert render(back) == render(r)


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def _ticks(p: Progress, n: int) -> Iterator[None]:
    for _ in range(n):
        p.advance()
        yield


def test_progress_is_a_bar_on_a_terminal_and_lines_elsewhere() -> None:
    tty = _Tty()
    p = Progress(5, "读取", stream=tty)
    list(_ticks(p, 5))
    p.close()
    out = tty.getvalue()
    assert "\r" in out and "█" in out and "5/5" in out and "份/秒" in out
    plain = io.StringIO()
    p = Progress(5, "读取", stream=plain, every=0.0)
    list(_ticks(p, 5))
    p.close()
    lines = plain.getvalue().splitlines()
    assert "\r" not in plain.getvalue() and len(lines) == 5 and lines[-1].startswith("读取 5/5 份")
    quiet = io.StringIO()
    p = Progress(5, "读取", stream=quiet)  # a short batch off a terminal says nothing
    list(_ticks(p, 5))
    p.close()
    assert quiet.getvalue() == ""


def test_cosine_is_scikit_learns_tfidf_fitted_on_the_pair(batch: Path) -> None:
    from sklearn.feature_extraction.text import TfidfVectorizer

    from extractor.check.similarity import cosine, prose, section_prose

    texts = []
    for name in ("qinglan/2022.txt", "qinglan/2023.txt", "qingshan/2023-office.txt"):
        r = process(batch / name, upto="extract")
        texts += [prose(r), section_prose(r, 1), section_prose(r, 5)]
    texts += [texts[0][: len(texts[0]) // 2] + texts[1][len(texts[1]) // 2 :], "政府信息公开", "无"]
    for a in texts:
        for b in texts:
            m = TfidfVectorizer(analyzer="char", ngram_range=(4, 5), lowercase=False)
            try:
                x = m.fit_transform([a, b])
                want = float(x[0].multiply(x[1]).sum())
            except ValueError:  # no n-gram at all
                want = 0.0
            assert cosine(a, b) == pytest.approx(want, abs=1e-12), (a[:20], b[:20])
