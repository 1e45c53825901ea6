"""Reading every published form into one model, and mapping the tables to canonical keys."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pdfbytes
import pytest
from xxgk_synth import random_report, render_bytes
from xxgk_synth.corpus import RenderOptions, render_options

from extractor.pipeline import process, run_stages
from extractor.read import read_bytes

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus" / "reports"
CORPUS_GOLD = ROOT / "corpus" / "gold"


def same(a: object, b: object) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return abs(float(a) - float(b)) < 1e-9  # type: ignore[arg-type]


def fields_of(data: bytes, name: str) -> dict[str, object]:
    r = run_stages(read_bytes(data, name, Path(name).suffix), "structure")
    assert r.status == "ok", r.error
    return {k: f.value for k, f in r.fields.items()}


# ---------------------------------------------------------------- encodings and sniffing

SAMPLE = "某区人民政府2024年政府信息公开工作年度报告\n一、总体情况\n全年共受理申请12件，〇号文件与𠀀字。\n"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
def test_text_encodings_are_never_garbled(encoding: str) -> None:
    r = read_bytes(SAMPLE.encode(encoding), "r.txt", ".txt")
    assert r.text == SAMPLE


def test_gbk_text() -> None:
    text = SAMPLE.replace("𠀀", "字")  # GBK has no U+20000
    r = read_bytes(text.encode("gbk"), "r.txt", ".txt")
    assert r.text == text and r.meta.encoding == "gb18030"


def test_gbk_html_with_its_meta_and_with_a_wrong_meta() -> None:
    page = '<html><head><meta charset="{cs}"><title>年报</title></head><body><p>全年共受理申请12件。</p></body></html>'
    for declared in ("gbk", "utf-8"):
        r = read_bytes(page.format(cs=declared).encode("gbk"), "p.html", ".html")
        assert "全年共受理申请12件" in r.text, declared


def test_the_content_decides_the_format_not_the_name(tmp_path: Path) -> None:
    pdf = (CORPUS / "synth-0001.pdf").read_bytes()
    html = (CORPUS / "synth-0001.html").read_bytes()
    docx = (CORPUS / "synth-0001.docx").read_bytes()
    assert read_bytes(pdf, "a.docx", ".docx").meta.format == "pdf"
    assert read_bytes(html, "a.txt", ".txt").meta.format == "html"
    assert read_bytes(docx, "a.pdf", ".pdf").meta.format == "docx"


# ---------------------------------------------------------------- what cannot be read

@pytest.mark.parametrize(
    ("data", "name", "code"),
    [
        (b"", "empty.txt", "empty"),
        (b"   \n\n  ", "blank.txt", "empty"),
        (pdfbytes.image_only(), "scan.pdf", "no_text_layer"),
        (pdfbytes.encrypted(), "locked.pdf", "encrypted"),
        (pdfbytes.garbage(), "junk.pdf", "unreadable"),
        (b"PK\x03\x04broken zip", "broken.docx", "unsupported_format"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "old.doc", "unsupported_format"),
        ("关于召开春季运动会的通知\n各单位：定于四月举行春季运动会，请做好准备。\n".encode(), "notice.txt", "not_a_report"),
    ],
)
def test_bad_files_are_results_with_a_chinese_message(data: bytes, name: str, code: str) -> None:
    r = run_stages(read_bytes(data, name, Path(name).suffix), "extract")
    assert r.status == "error" and r.error is not None and r.error.code == code
    assert any("\u4e00" <= ch <= "\u9fff" for ch in r.error.message)


def test_truncated_pdf() -> None:
    data = (CORPUS / "synth-0002.pdf").read_bytes()
    r = read_bytes(data[: len(data) // 2], "cut.pdf", ".pdf")
    assert r.status == "error" and r.error is not None and r.error.code == "unreadable"


def test_pre2019_reports_are_recognised_and_read_as_text(shared_corpus: Path) -> None:
    r = process(shared_corpus / "pingtan-2018.txt", upto="extract")
    assert r.status == "ok" and r.meta.template == "pre2019" and not r.fields and r.notes


# ---------------------------------------------------------------- layouts

def test_html_spans_expanded_and_cells_read_once() -> None:
    page = """<html><body><table><tr><td>元数据</td><td>无关表格</td></tr></table>
    <p>某局2024年政府信息公开工作年度报告</p><p>二、主动公开政府信息情况</p>
    <table>
    <tr><td colspan="4">第二十条第（一）项</td></tr>
    <tr><td>信息内容</td><td>本年制发件数</td><td>本年废止件数</td><td>现行有效件数</td></tr>
    <tr><td>规章</td><td>0</td><td>&nbsp;</td><td>/</td></tr>
    <tr><td>行政规范性文件</td><td><span>1</span><span>2</span></td><td>3</td><td>4<o:p></o:p>5</td></tr>
    <tr><td colspan="4">第二十条第（五）项</td></tr>
    <tr><td>信息内容</td><td colspan="3">本年处理决定数量</td></tr>
    <tr><td>行政许可</td><td colspan="3">40544</td></tr>
    </table><p>三、收到和处理政府信息公开申请情况</p></body></html>"""
    r = run_stages(read_bytes(page.encode(), "p.html", ".html"), "structure")
    v = {k: f.value for k, f in r.fields.items()}
    assert v["t2.regulations.issued"] == 0
    assert v["t2.regulations.repealed"] is None and v["t2.regulations.in_force"] is None  # blank and / are not 0
    assert (v["t2.normative_docs.issued"], v["t2.normative_docs.repealed"], v["t2.normative_docs.in_force"]) == (12, 3, 45)
    assert v["t2.licensing.decisions"] == 40544
    grid = r.grids[r.fields["t2.licensing.decisions"].grid or 0]
    assert [c.origin for c in grid.rows[-1]] == [True, True, False, False]


def test_docx_merged_cells_are_read_once_like_the_official_form(tmp_path: Path) -> None:
    spec = random_report(77, version="2021")
    data = render_bytes(spec, "docx", render_options(77))
    got = fields_of(data, "r.docx")
    assert all(same(got.get(k), v) for k, v in spec.values.items())
    assert set(got) == set(spec.values)


def test_a_filled_copy_of_the_official_blank_form_reads_perfectly(shared_corpus: Path, tmp_path: Path) -> None:
    """Fill the official Word form (国办公开办函〔2021〕30号) cell by cell, as a clerk does."""
    import docx

    from extractor import template

    spec = random_report(4242, version="2021")
    doc = docx.Document(str(shared_corpus / "template-2021-form.docx"))
    t = template.get("2021")
    t2, t3, t4 = doc.tables
    rows2 = {"规章": "regulations", "行政规范性文件": "normative_docs", "行政许可": "licensing", "行政处罚": "penalty",
             "行政强制": "coercion", "行政事业性收费": "fees"}
    for row in t2.rows:
        key = rows2.get(row.cells[0].text.strip())
        if key is None:
            continue
        cols = [c.key for b in t.t2_blocks for r in b.rows if r.key == key for c in b.columns]
        seen: list[object] = []
        for cell in row.cells[1:]:
            if any(cell._tc is s for s in seen):  # a merged cell: fill it once
                continue
            seen.append(cell._tc)
            if len(seen) <= len(cols):
                cell.text = str(spec.values[f"t2.{key}.{cols[len(seen) - 1]}"])
    keys = t.t3_row_keys()
    for row, rk in zip(t3.rows[3:], keys, strict=True):
        for cell, col in zip(row.cells[3:], t.t3_columns, strict=True):
            cell.text = str(spec.values[f"t3.{rk}.{col.key}"])
    for cell, key in zip(t4.rows[3].cells, t.t4_keys(), strict=True):
        cell.text = str(spec.values[key])
    doc.paragraphs[0].text = f"{spec.body}{spec.year}年政府信息公开工作年度报告"
    out = tmp_path / "filled.docx"
    doc.save(str(out))
    r = process(out, upto="structure")
    assert r.status == "ok" and r.meta.template == "2021"
    wrong = [(k, v, r.value(k)) for k, v in spec.values.items() if not same(r.value(k), v)]
    assert not wrong


# ---------------------------------------------------------------- the same report in every format

def _shipped() -> list[tuple[Path, dict]]:
    out = []
    for gp in sorted(CORPUS_GOLD.glob("*.gold.json")):
        out.append((gp, json.loads(gp.read_text(encoding="utf-8"))))
    return out


@pytest.mark.parametrize(("gold_path", "gold"), _shipped(), ids=[g["file"] for _, g in _shipped()])
def test_the_same_report_in_every_format_extracts_to_the_same_fields(gold_path: Path, gold: dict) -> None:
    """md, html, docx and pdf read exactly the truth; a scraped txt whose digits ran together is
    either exact or honestly undecided (no value, the truth among the readings it names)."""
    results = {}
    for name in gold["files"]:
        fmt = Path(name).suffix.lstrip(".")
        if fmt == "pdf" and not (CORPUS / name).exists():
            continue
        r = process(CORPUS / name, upto="structure")
        assert r.status == "ok", (name, r.error)
        assert r.meta.template == gold["template"], name
        results[fmt] = r
    for key, value in gold["fields"].items():
        for fmt, r in results.items():
            f = r.fields.get(key)
            assert f is not None, (fmt, key)
            if same(f.value, value):
                continue
            assert fmt == "txt" and f.value is None and f.candidates, (fmt, key, value, f.value)
            assert any(value in c for c in f.candidates), (fmt, key, value, f.candidates)


def test_real_reports_every_field_exact_or_honestly_undecided(shared_golds: list[tuple[Path, dict]]) -> None:
    exact = total = 0
    for path, g in shared_golds:
        if g["template"] not in ("2021", "2019"):
            continue
        r = process(path, upto="structure")
        assert r.meta.template == g["template"], path.name
        unc = set(g.get("uncertain_fields") or [])
        for key, value in g["fields"].items():
            if key in unc:
                continue
            total += 1
            f = r.fields.get(key)
            assert f is not None, (path.name, key)
            if same(f.value, value):
                exact += 1
                continue
            # never a wrong number: a cell it could not decide is empty and says why
            assert f.value is None and f.note, (path.name, key, value, f.value)
    assert exact / total >= 0.98


# ---------------------------------------------------------------- a batch with bad files in it

def test_a_thousand_files_with_bad_ones_give_a_thousand_clear_results(tmp_path: Path) -> None:
    from xxgk_synth.corpus import specs

    folder = tmp_path / "batch"
    folder.mkdir()
    opts = RenderOptions(txt_flavour="tabs")
    made = 0
    for spec in specs(n=249, seed=5150):
        for fmt in ("txt", "md", "html", "txt"):
            if made >= 996:
                break
            name = f"{spec.name}-{made}.{fmt}"
            (folder / name).write_bytes(render_bytes(spec, fmt, opts))
            made += 1
    (folder / "zz-corrupt.pdf").write_bytes(pdfbytes.garbage())
    (folder / "zz-empty.txt").write_bytes(b"")
    page = (CORPUS / "synth-0001.html").read_text(encoding="utf-8").replace('charset="utf-8"', 'charset="gbk"')
    (folder / "zz-gbk.html").write_bytes(page.encode("gbk", errors="replace"))
    (folder / "zz-unrelated.txt").write_text("会议纪要\n今天讨论了食堂菜单和停车位安排。\n", encoding="utf-8")
    p = subprocess.run([sys.executable, "-m", "extractor.cli", "extract", str(folder), "--format", "jsonl"],
                       capture_output=True, text=True, timeout=900)
    lines = [json.loads(x) for x in p.stdout.splitlines() if x.strip()]
    assert len(lines) == 1000
    assert [x["source"] for x in lines] == sorted(x["source"] for x in lines)
    by = {Path(x["source"]).name: x for x in lines}
    assert by["zz-corrupt.pdf"]["error"]["code"] == "unreadable"
    assert by["zz-empty.txt"]["error"]["code"] == "empty"
    assert by["zz-unrelated.txt"]["error"]["code"] == "not_a_report"
    assert by["zz-gbk.html"]["status"] == "ok" and by["zz-gbk.html"]["meta"]["template"] in ("2021", "2019")
    assert sum(x["status"] == "ok" for x in lines) == 997
    assert p.returncode == 1  # files that could not be read make the status 1 (output.md)


def test_help_does_not_import_the_heavy_libraries() -> None:
    code = ("import sys; from typer.testing import CliRunner; from extractor.cli import app; "
            "r = CliRunner().invoke(app, ['--help']); assert r.exit_code == 0, r.output; "
            "heavy = [m for m in ('spacy', 'sklearn', 'pdfplumber', 'jieba', 'lxml', 'docx', 'numpy') if m in sys.modules]; "
            "print(','.join(heavy))")
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert p.returncode == 0, p.stderr
    assert p.stdout.strip() == ""


def _with_subtotal_column(spec: object, fmt: str) -> bytes:
    """The report with a 法人或其他组织「小计」 column added to 表三, as some bodies print it."""
    from extractor import template

    data = render_bytes(spec, fmt, RenderOptions(txt_flavour="tabs", html_word_paste=False)).decode("utf-8")
    t = template.get("2021")
    lines = data.split("\n")
    for i, line in enumerate(lines):
        for rk in t.t3_row_keys():
            vals = [str(spec.values[f"t3.{rk}.{c.key}"]) for c in t.t3_columns]  # type: ignore[attr-defined]
            subtotal = str(sum(spec.values[f"t3.{rk}.{c.key}"] for c in t.t3_columns[1:6]))  # type: ignore[attr-defined]
            if fmt == "txt" and line.endswith("\t".join(vals)) and t.row("t3", rk) and t.row("t3", rk).label in line:  # type: ignore[union-attr]
                lines[i] = line[: -len(vals[-1])] + subtotal + "\t" + vals[-1]
    data = "\n".join(lines)
    if fmt == "html":
        import re

        data = data.replace('<td colspan="7">申请人情况</td>', '<td colspan="8">申请人情况</td>')
        data = data.replace('<td colspan="5">法人或其他组织</td>', '<td colspan="6">法人或其他组织</td>')
        data = data.replace("<td>其他</td></tr>", "<td>其他</td><td>小计</td></tr>", 1)

        def add(m: re.Match[str]) -> str:
            cells = re.findall(r"<td>([^<]*)</td>", m.group(2))
            nums = [int(x) for x in cells]
            return m.group(1) + "".join(f"<td>{x}</td>" for x in [*nums[:6], sum(nums[1:6]), nums[6]]) + "</tr>"

        data = re.sub(r"(<tr>(?:<td[^>]*>[^<]*[^\d<][^<]*</td>)+)((?:<td>\d+</td>){7})</tr>", add, data)
    return data.encode("utf-8")


@pytest.mark.parametrize("fmt", ["txt", "html"])
def test_a_subtotal_column_some_reports_add_is_left_out(fmt: str) -> None:
    spec = random_report(31, version="2021")
    got = fields_of(_with_subtotal_column(spec, fmt), f"r.{fmt}")
    wrong = [(k, v, got.get(k)) for k, v in spec.values.items() if k.startswith("t3.") and not same(got.get(k), v)]
    assert not wrong


def test_mojibake_from_a_converter_is_restored_with_a_note(tmp_path: Path) -> None:
    """GBK or UTF-8 bytes a converter took for Latin-1 and saved as UTF-8 (“Õþ¸®ÐÅÏ¢”) are read
    as the Chinese they were, and the result says so."""
    from xxgk_synth import random_report
    from xxgk_synth.corpus import RenderOptions, render_bytes

    from extractor.pipeline import process

    text = render_bytes(random_report(11), "txt", RenderOptions("lines")).decode("utf-8")
    clean = process(_write(tmp_path, "clean.txt", text.encode("utf-8")), upto="extract")
    for name, wrong in (("gbk.txt", text.encode("gbk").decode("latin-1")),
                        ("utf8.txt", text.encode("utf-8").decode("latin-1"))):
        r = process(_write(tmp_path, name, wrong.encode("utf-8")), upto="extract")
        assert r.status == "ok" and r.meta.encoding.endswith("（乱码已还原）"), (name, r.meta.encoding)
        assert any("乱码" in n for n in r.notes)
        assert r.meta.body == clean.meta.body
        assert {k: f.value for k, f in r.fields.items()} == {k: f.value for k, f in clean.fields.items()}
    # a real Latin-1 text is left alone
    r = process(_write(tmp_path, "fr.txt", ("Le rapport annuel de l'année, écrit à Genève. " * 40).encode("utf-8")))
    assert not r.meta.encoding or "乱码" not in r.meta.encoding


def _write(folder: Path, name: str, data: bytes) -> Path:
    p = folder / name
    p.write_bytes(data)
    return p
