"""`check` output in every format, the exit status, and the `rules` command."""

from __future__ import annotations

import csv
import html
import io
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from extractor.check.catalogue import catalogue
from extractor.cli import app
from extractor.resources import rules_dir

BASE = rules_dir() / "catalogue" / "_base"
runner = CliRunner()


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A clean report, its last year, a report with table and prose errors, and a file that is not one."""
    d = tmp_path_factory.mktemp("render")
    shutil.copy(BASE / "base-2021.txt", d / "a-clean-2023.txt")
    shutil.copy(BASE / "base-2022.txt", d / "a-clean-2022.txt")
    bad = (BASE / "base-2021.txt").read_text(encoding="utf-8")
    bad = bad.replace("四、结转下年度继续办理\t2\t0\t0\t0\t0\t0\t2", "四、结转下年度继续办理\t3\t0\t0\t0\t0\t0\t3")
    bad = bad.replace("全年共收到政府信息公开申请42件", "全年共收到政府信息公开申请47件")
    bad = bad.replace("青岚县人民政府", "青岚县白石镇人民政府")
    (d / "b-errors.txt").write_text(bad, encoding="utf-8")
    (d / "c-empty.txt").write_bytes(b"")
    return d


def invoke(*args: str) -> tuple[int, str]:
    res = runner.invoke(app, list(args))
    return res.exit_code, res.stdout


# ---------------------------------------------------------------- exit status


def test_exit_status(batch: Path) -> None:
    clean = str(batch / "a-clean-2023.txt")
    assert invoke("check", clean)[0] == 0
    assert invoke("check", str(batch / "b-errors.txt"))[0] == 1
    assert invoke("check", str(batch / "b-errors.txt"), "--fail-on", "never")[0] == 0
    assert invoke("check", str(batch / "b-errors.txt"), "--ignore", "T3,P")[0] == 0
    assert invoke("check", str(batch / "c-empty.txt"), "--fail-on", "never")[0] == 1, "unreadable → 1"
    assert invoke("check", clean, "--fail-on", "info")[0] == 0


@pytest.mark.parametrize("args", [["--format", "xml"], ["--select", "Q9"], ["--ignore", "T399"],
                                  ["--fail-on", "sometimes"], ["--workers", "0"]])
def test_bad_command_lines_exit_2(batch: Path, args: list[str]) -> None:
    assert invoke("check", str(batch / "a-clean-2023.txt"), *args)[0] == 2


def test_missing_path_exits_2(batch: Path) -> None:
    assert invoke("check", str(batch / "nope.txt"))[0] == 2


# ---------------------------------------------------------------- formats


def test_text_groups_by_section_with_labels_and_quotes(batch: Path) -> None:
    code, out = invoke("check", str(batch), "--format", "text")
    assert code == 1
    block = out.split("══ ")[3]  # b-errors.txt (sorted after the two a- files)
    assert "b-errors.txt" in block and "青岚县白石镇人民政府" in block
    assert "【三、收到和处理政府信息公开申请情况】" in block and "【一、总体情况】" in block
    assert "错误 T301" in block and "错误 P401" in block
    assert "位置：表三「四、结转下年度继续办理」行「总计」列" in block
    assert "原文：「全年共收到政府信息公开申请47件" in block
    assert not re.search(r"t3\.\w+\.\w+", block), "no JSON paths in the text format"
    assert "无法审核［empty］" in out
    tail = out.rstrip().splitlines()[-3:]
    assert any(line.startswith("共审核4份报告") for line in tail)
    assert re.match(r"规则的说明.*xxgk-audit rules [A-Z]\d{3}", tail[-1]), "a closing hint names a rule found"


def test_jsonl_one_object_per_file_in_path_order(batch: Path) -> None:
    _code, out = invoke("check", str(batch), "--format", "jsonl")
    objs = [json.loads(line) for line in out.splitlines()]
    assert [Path(o["source"]).name for o in objs] == ["a-clean-2022.txt", "a-clean-2023.txt", "b-errors.txt",
                                                     "c-empty.txt"]
    for o in objs:
        assert set(o) >= {"source", "sha256", "status", "error", "meta", "findings"}
    assert objs[3]["status"] == "error" and objs[3]["error"]["code"] == "empty"
    bad = objs[2]
    t301 = [f for f in bad["findings"] if f["rule"] == "T301"]
    assert t301 and t301[0]["severity"] == "error" and "t3.carried_forward.total" in {
        k for f in t301 for k in f["fields"]}
    p401 = next(f for f in bad["findings"] if f["rule"] == "P401")
    assert p401["claims"][0]["value"] == 47 and p401["expected"] == 42 and p401["actual"] == 47
    assert {"metric", "value", "unit", "text", "start", "end", "section"} <= set(p401["claims"][0])


def test_json_is_one_array(batch: Path) -> None:
    # b-errors is a-clean under another body's name: X807 (copied from another body) flags both
    _code, out = invoke("check", str(batch / "a-clean-2023.txt"), str(batch / "b-errors.txt"), "--format", "json",
                        "--ignore", "X807")
    arr = json.loads(out)
    assert isinstance(arr, list) and len(arr) == 2 and arr[0]["findings"] == []


def test_cross_year_rules_use_the_batch(batch: Path, tmp_path: Path) -> None:
    prev = (BASE / "base-2022.txt").read_text(encoding="utf-8").replace("行政规范性文件\t5\t1\t44",
                                                                         "行政规范性文件\t5\t1\t40")
    d = tmp_path
    (d / "2022.txt").write_text(prev, encoding="utf-8")
    shutil.copy(BASE / "base-2021.txt", d / "2023.txt")
    _code, out = invoke("check", str(d), "--format", "jsonl", "--select", "X8")
    objs = {Path(o["source"]).name: o for o in map(json.loads, out.splitlines())}
    assert [f["rule"] for f in objs["2023.txt"]["findings"]] == ["X802"]
    assert objs["2022.txt"]["findings"] == []


def test_csv_rows(batch: Path) -> None:
    _code, out = invoke("check", str(batch), "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    files = [r for r in rows if not r["rule"]]
    assert len(files) == 4 and {r["status"] for r in files} == {"ok", "error"}
    findings = [r for r in rows if r["rule"]]
    assert all(r["severity"] in ("error", "warning", "info") and r["message"] for r in findings)
    p401 = next(r for r in findings if r["rule"] == "P401")
    assert p401["fields"] == "t3.new.total" and p401["expected"] == "42" and p401["section"] == "一、总体情况"


def test_csv_file_has_a_bom_for_spreadsheets(batch: Path, tmp_path: Path) -> None:
    out = tmp_path / "r.csv"
    invoke("check", str(batch / "b-errors.txt"), "--format", "csv", "--output", str(out))
    assert out.read_bytes().startswith("\ufeff".encode())


def test_sarif(batch: Path) -> None:
    _code, out = invoke("check", str(batch), "--format", "sarif")
    log = json.loads(out)
    assert log["version"] == "2.1.0" and "sarif" in log["$schema"]
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == list(catalogue())
    assert all(r["defaultConfiguration"]["level"] in ("error", "warning", "note") for r in rules)
    res = [r for r in run["results"] if r["ruleId"] == "P401"]
    assert res and res[0]["level"] == "error"
    region = res[0]["locations"][0]["physicalLocation"]["region"]
    assert region["charOffset"] >= 0 and region["charLength"] > 0 and region["snippet"]["text"]
    assert rules[res[0]["ruleIndex"]]["id"] == "P401"
    assert any(n["descriptor"]["id"] == "empty" for n in run["invocations"][0]["toolExecutionNotifications"])


def test_html_is_self_contained(batch: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    code, _ = invoke("check", str(batch), "--format", "html", "--output", str(out))
    assert code == 1
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", page), "no external assets"
    assert "<script" not in page
    assert page.count('<article class="report"') == 4
    assert "<mark class=\"sev-error\"" in page and 'id="r3-e' in page
    assert "汇总" in page and "无法审核" in page


def test_output_is_written_atomically(batch: Path, tmp_path: Path) -> None:
    out = tmp_path / "sub" / "r.jsonl"
    invoke("check", str(batch / "a-clean-2023.txt"), "--format", "jsonl", "--output", str(out))
    assert json.loads(out.read_text(encoding="utf-8"))["status"] == "ok"
    assert [p.name for p in out.parent.iterdir()] == ["r.jsonl"]


def test_workers_keep_the_order(batch: Path) -> None:
    _c, one = invoke("check", str(batch), "--format", "jsonl")
    _c, two = invoke("check", str(batch), "--format", "jsonl", "--workers", "2")
    strip = [{k: v for k, v in json.loads(x).items()} for x in one.splitlines()]
    assert strip == [json.loads(x) for x in two.splitlines()]


# ---------------------------------------------------------------- rules command


def test_rules_lists_every_rule() -> None:
    code, out = invoke("rules")
    assert code == 0
    for c, spec in catalogue().items():
        assert re.search(rf"^\s+{c}\s+\S+\s+{re.escape(spec.name)}\s", out, re.M), c
    assert "S1" in out and "X8" in out


def test_rules_explains_one_rule() -> None:
    code, out = invoke("rules", "T301")
    assert code == 0
    spec = catalogue()["T301"]
    assert spec.name in out and spec.basis in out and spec.message in out
    assert "通过的示例" in out and "不通过的示例" in out and "base-2021.txt" in out
    code, out = invoke("rules", "T301", "--run")
    assert "运行结果：表三「自然人」列" in out


def test_rules_json_and_unknown_code() -> None:
    code, out = invoke("rules", "P4", "--format", "json")
    assert code == 0 and {d["code"] for d in json.loads(out)} == {c for c in catalogue() if c.startswith("P4")}
    assert invoke("rules", "Z999")[0] == 2


# ---------------------------------------------------------------- in a browser


def _chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        p = shutil.which(name)
        if p:
            return p
    return None


@pytest.mark.slow
@pytest.mark.skipif(_chromium() is None, reason="chromium is not installed")
def test_html_renders_in_headless_chromium(batch: Path, tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    invoke("check", str(batch), "--format", "html", "--output", str(page))
    profile = tmp_path / "profile"
    browser = _chromium()
    assert browser is not None
    cmd = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
           "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={profile}"]
    dom = subprocess.run([*cmd, "--dump-dom", page.as_uri()], capture_output=True, text=True, timeout=120,
                         env={**os.environ, "HOME": str(tmp_path)})
    assert dom.returncode == 0, dom.stderr[-2000:]
    html = dom.stdout
    assert html.count('class="report"') == 4
    assert re.search(r'<mark class="sev-error"[^>]*>[^<]*47', html), "the wrong prose figure is highlighted"
    assert "表三「四、结转下年度继续办理」行「总计」列" in html
    shot = tmp_path / "shot.png"
    png = subprocess.run([*cmd, f"--screenshot={shot}", "--window-size=1200,2400", page.as_uri()],
                         capture_output=True, text=True, timeout=120, env={**os.environ, "HOME": str(tmp_path)})
    assert png.returncode == 0 and shot.stat().st_size > 10_000


# ---------------------------------------------------------------- generated reports

# every generated defect in every format: tests/test_defects.py


def test_shipped_generated_corpus_agrees_across_formats() -> None:
    """corpus/: clean generated reports in five forms (pdf included) — no error, and every form
    gives the same warnings on the same cells."""
    from collections import defaultdict

    from conftest import corpus_dir

    folder = corpus_dir()
    if not any(folder.glob("synth-*.txt")):
        pytest.skip("no generated corpus shipped")
    _code, out = invoke("check", str(folder), "--format", "jsonl")
    by: dict[str, dict[str, list[tuple[str, tuple[str, ...]]]]] = defaultdict(dict)
    for obj in map(json.loads, out.splitlines()):
        p = Path(obj["source"])
        if obj["status"] != "ok":
            continue
        assert not [f for f in obj["findings"] if f["severity"] == "error"], p.name
        by[p.stem][p.suffix] = sorted((f["rule"], tuple(f["fields"])) for f in obj["findings"]
                                      if f["severity"] != "info")
    assert by and all(len(forms) == 5 for forms in by.values())
    for stem, forms in by.items():
        assert len({json.dumps(v) for v in forms.values()}) == 1, (stem, forms)


# ---------------------------------------------------------------- OUT: a page per report, the index, rule pages


def _template_keys() -> set[str]:
    from extractor import template

    return {k for v in template.VERSIONS for k in template.get(v).all_keys()}


@pytest.fixture(scope="module")
def outdir(batch: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    d = tmp_path_factory.mktemp("src")
    for p in batch.iterdir():
        shutil.copy(p, d / p.name)
    # markup in the report's text must come out as text
    bad = (d / "b-errors.txt").read_text(encoding="utf-8")
    (d / "b-errors.txt").write_text(bad.replace("六、其他需要报告的事项", "六、其他需要报告的事项\n<script>alert(1)</script>&amp;", 1),
                                    encoding="utf-8")
    out = tmp_path_factory.mktemp("out")
    res = runner.invoke(app, ["check", str(d), "--output-dir", str(out), "-j", "1"])
    assert res.exit_code == 1, res.output
    return out


def test_output_dir_writes_a_page_per_report_with_the_finding_cells_marked(outdir: Path) -> None:
    from lxml import html as lhtml

    keys = _template_keys()
    pages = sorted((outdir / "reports").rglob("*.html"))
    assert [p.name for p in pages] == ["a-clean-2022.txt.html", "a-clean-2023.txt.html", "b-errors.txt.html",
                                       "c-empty.txt.html"]
    for page in pages:
        assert page.with_suffix(".json").is_file() and page.with_suffix(".md").is_file()
        text = page.read_text(encoding="utf-8")
        assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", text), "no external assets"
        assert "<script" not in text, "the report's page needs no script (and markup stays text)"
        doc = lhtml.fromstring(text)
        obj = json.loads(page.with_suffix(".json").read_text(encoding="utf-8"))
        if obj["status"] != "ok":
            assert "无法审核" in text
            continue
        assert doc.get_element_by_id("t3") is not None and doc.get_element_by_id("t4") is not None
        items = doc.xpath('//li[contains(@class, "finding")]')
        assert len(items) == len(obj["findings"])
        assert [int(li.get("id")[1:]) for li in items] == list(range(1, len(items) + 1)), "numbered as listed"
        for f in obj["findings"]:
            li = next(li for li in items if f["message"] in li.text_content() and li.get("data-rule") == f["rule"])
            n = int(li.get("id")[1:])
            for k in f["fields"]:
                if k not in keys:
                    continue
                cid = "c-" + re.sub(r"[^0-9A-Za-z_-]", "-", k)
                cell = doc.get_element_by_id(cid)
                assert cell is not None, (f["rule"], k)
                assert ("flag" in cell.get("class") and f"sev-{f['severity']}" in cell.get("class")) or \
                    "sev-error" in cell.get("class"), "the worst severity shows"
                assert f"f{n}" in cell.get("data-findings").split()
                assert cell.xpath(f'.//a[@href="#f{n}"]'), "cell → finding"
                assert li.xpath(f'.//a[@href="#{cid}"]'), "finding → cell"
            if f["claims"]:
                assert li.xpath('.//div[@class="quote"]/mark'), "the prose figure is marked"
            assert li.xpath(f'.//a[@href="../rules/{f["rule"]}.html"]')
    bad = (outdir / "reports" / "b-errors.txt.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;&amp;amp;" in bad
    from urllib.parse import unquote

    href = re.search(r'<dt>文件</dt><dd><a href="([^"]+)">', bad)
    assert href, "a link to the source file"
    src = json.loads((outdir / "reports" / "b-errors.txt.json").read_text(encoding="utf-8"))["source"]
    assert ((outdir / "reports") / unquote(href.group(1))).resolve() == Path(src).resolve()


def test_index_lists_reports_filters_and_links_rule_pages(outdir: Path) -> None:
    from lxml import html as lhtml

    doc = lhtml.fromstring((outdir / "index.html").read_text(encoding="utf-8"))
    rows = doc.xpath('//table[@id="reports"]/tbody/tr')
    assert len(rows) == 4
    assert [r.get("class") for r in rows].count("has-error") == 1
    assert [r.get("class") for r in rows].count("status-error") == 1
    for r in rows:
        href = r.xpath(".//a/@href")[0]
        assert href.endswith(".html") and (outdir / href).is_file()
    assert {e.get("name") for e in doc.xpath('//form[@id="filters"]//*[@name]')} == {"sev", "rule", "body", "q"}
    by_rule = doc.xpath('//section[@id="by-rule"]//tbody/tr')
    assert by_rule
    for tr in by_rule:
        link = tr.xpath(".//a[starts-with(@href, 'rules/')]/@href")[0]
        code = tr.xpath(".//code/text()")[0]
        page = (outdir / link).read_text(encoding="utf-8")
        assert catalogue()[code].basis in page.replace("&quot;", '"').replace("&#x27;", "'") or code in page
    assert doc.get_element_by_id("rollups") is not None
    assert len(list((outdir / "rules").glob("*.html"))) == len(catalogue()) + 1


@pytest.mark.slow
@pytest.mark.skipif(_chromium() is None, reason="chromium is not installed")
def test_report_page_renders_in_headless_chromium(outdir: Path, tmp_path: Path) -> None:
    page = outdir / "reports" / "b-errors.txt.html"
    obj = json.loads(page.with_suffix(".json").read_text(encoding="utf-8"))
    browser = _chromium()
    assert browser is not None
    cmd = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
           "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={tmp_path / 'p'}"]
    env = {**os.environ, "HOME": str(tmp_path)}
    dom = subprocess.run([*cmd, "--dump-dom", page.as_uri()], capture_output=True, text=True, timeout=120, env=env)
    assert dom.returncode == 0, dom.stderr[-2000:]
    keys = _template_keys()
    for f in obj["findings"]:
        li = re.search(rf'<li value="(\d+)" class="finding[^"]*" id="f(\d+)" data-rule="{f["rule"]}">(?:(?!</li>).)*'
                       rf'{re.escape(html.escape(f["message"], quote=False))}', dom.stdout, re.S)
        assert li, f["message"]
        n = int(li.group(2))
        for k in (k for k in f["fields"] if k in keys):
            cid = "c-" + re.sub(r"[^0-9A-Za-z_-]", "-", k)
            assert re.search(rf'<td id="{re.escape(cid)}" class="v[^"]* flag sev-\w+" data-findings="[^"]*\bf{n}\b',
                             dom.stdout), (f["rule"], k)
    shot = tmp_path / "shot.png"
    png = subprocess.run([*cmd, f"--screenshot={shot}", "--window-size=1200,2400", page.as_uri()],
                         capture_output=True, text=True, timeout=120, env=env)
    assert png.returncode == 0 and shot.stat().st_size > 10_000
    index = subprocess.run([*cmd, "--dump-dom", (outdir / "index.html").as_uri()], capture_output=True, text=True,
                           timeout=120, env=env)
    assert 'id="shown">4<' in index.stdout, "the filter script ran and counted every report"


# ---------------------------------------------------------------- the terminal


def test_version_and_chinese_help() -> None:
    code, out = invoke("--version")
    assert code == 0 and re.fullmatch(r"xxgk-audit \S+\n", out)
    code, out = invoke("check", "--help")
    assert code == 0 and "显示本帮助并退出" in out and "Show this message" not in out
    for opt in ("--config", "--show-settings", "--baseline", "--write-baseline", "--show-info"):
        assert opt in out


def test_info_is_counted_but_shown_only_on_request(tmp_path: Path) -> None:
    text = (BASE / "base-2021.txt").read_text(encoding="utf-8")
    # a title that departs from the form's wording is worth a look (S105, info)
    text = text.replace("2023年政府信息公开工作年度报告", "2023年政府信息公开工作报告", 1)
    (tmp_path / "r.txt").write_text(text, encoding="utf-8")
    _code, js = invoke("check", str(tmp_path / "r.txt"), "--format", "json")
    infos = [f for f in json.loads(js)[0]["findings"] if f["severity"] == "info"]
    assert infos, "JSON keeps the info findings"
    _code, hidden = invoke("check", str(tmp_path / "r.txt"))
    assert f"提示{len(infos)}" in hidden and f"{len(infos)}条提示未显示" in hidden
    assert f"提示 {infos[0]['rule']}" not in hidden
    _code, shown = invoke("check", str(tmp_path / "r.txt"), "--show-info")
    assert f"提示 {infos[0]['rule']}" in shown and "未显示" not in shown


def test_results_print_above_the_progress_bar() -> None:
    from extractor.batch import progress

    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    screen = Tty()
    bar = progress.Progress(3, "读取", stream=screen)
    bar.advance()
    progress.emit(screen, "══ a.txt\n   错误1\n\n")
    bar.advance()
    bar.close()
    out = screen.getvalue()
    # on screen, a result line never shares its line with the bar
    plain = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", out)
    segments = re.split(r"[\r\n]", plain)
    for line in ("══ a.txt", "   错误1"):
        holding = [seg for seg in segments if line in seg]
        assert holding and all(seg == line for seg in holding), holding
    assert "2/3" in plain[plain.index("   错误1"):], "the bar is drawn again below the results"


# ---------------------------------------------------------------- documentation


def test_rule_pages_cite_public_sources_not_files_outside_the_repository() -> None:
    root = Path(__file__).resolve().parents[1]
    for code, spec in catalogue().items():
        text = " ".join([spec.basis, spec.explanation, spec.summary])
        assert not re.search(r"domain\.md|claims\.md|gold\.md|GIR-\d|\.\./shared|spec/", text), code
        for ref in re.findall(r"docs/[\w.]+", text):
            assert (root / ref).is_file(), (code, ref)
        assert re.search(r"条例|国办|国务院令|docs/", spec.basis), (code, spec.basis)


def test_docs_name_only_options_that_exist() -> None:
    root = Path(__file__).resolve().parents[1]
    docs = {p.name: p.read_text(encoding="utf-8") for p in (root / "docs").glob("*.md")}
    assert {"quickstart.md", "output.md", "fields.md"} <= set(docs)
    helps = "".join(invoke(*cmd, "--help")[1] for cmd in (["check"], ["extract"], ["rules"])) + invoke("--help")[1]
    for name, text in docs.items():
        for opt in set(re.findall(r"(?<![\w-])--[a-z][a-z-]+", text)):
            assert opt in helps, (name, opt)
    from extractor import template

    keys = set(template.get("2021").all_keys()) | set(template.get("2019").all_keys())
    for key in keys:
        row = key.rsplit(".", 1)[0].split(".", 1)[1]
        assert row.split(".")[0] in docs["fields.md"], key


def test_usage_errors_are_in_chinese() -> None:
    res = runner.invoke(app, ["check"])
    assert res.exit_code == 2 and "缺少参数" in res.output
    res = runner.invoke(app, ["check", "x", "--bogus"])
    assert res.exit_code == 2 and "没有这个选项" in res.output and "No such option" not in res.output
