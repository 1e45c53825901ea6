"""Nothing a folder can hold stops a batch or loses a result (issue 12, one case per row of its table).

Each case asserts: a result per input (or a clear one-line Chinese error and the documented exit
status 2), no traceback, bounded time (and memory where a file tries to take it), nothing written
outside OUT. The tests run in strict mode ($XXGK_STRICT): an exception of the tool's own code is
raised in process, and a worker's is an `internal_error` result, which every case here refuses.
"""

from __future__ import annotations

import json
import os
import resource
import sqlite3
import stat
import subprocess
import sys
import time
import tracemalloc
import zipfile
from collections.abc import Iterator
from pathlib import Path

import faults
import pdfbytes
import pytest
from conftest import corpus_dir

from extractor.batch.inputs import discover, out_names
from extractor.batch.outdir import lock
from extractor.read import read_bytes
from extractor.render.csvout import safe

ROOT = Path(__file__).resolve().parents[1]
GOOD = corpus_dir() / "synth-0001.txt"


@pytest.fixture(autouse=True)
def strict(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XXGK_STRICT", "1")


def cli(*args: str, env: dict[str, str] | None = None, timeout: float = 240, cwd: Path | None = None,
        preexec: object = None) -> subprocess.CompletedProcess[str]:
    """The tool in its own process (from this checkout, whatever the working directory)."""
    e = {**os.environ, "XXGK_STRICT": "1", "PYTHONPATH": str(ROOT), **(env or {})}
    return subprocess.run([sys.executable, "-m", "extractor.cli", *args], capture_output=True, text=True,
                          timeout=timeout, env=e, cwd=cwd or ROOT, preexec_fn=preexec)  # type: ignore[arg-type]


def results(p: subprocess.CompletedProcess[str]) -> list[dict]:
    assert "Traceback" not in p.stderr, p.stderr
    objs = [json.loads(line) for line in p.stdout.splitlines() if line.strip()]
    for o in objs:
        assert (o.get("error") or {}).get("code") != "internal_error", o
    return objs


def one_line_error(p: subprocess.CompletedProcess[str], *words: str) -> None:
    assert p.returncode == 2, (p.returncode, p.stdout, p.stderr)
    assert "Traceback" not in p.stderr
    lines = [ln for ln in p.stderr.splitlines() if ln.strip() and not ln.startswith(("读取", "核对", "已跳过"))]
    assert len(lines) == 1, p.stderr
    for w in words:
        assert w in lines[0], lines[0]


def files_under(root: Path) -> set[str]:
    return {str(p.relative_to(root)) for p in root.rglob("*")}


# ---------------------------------------------------------------- names


def test_a_name_that_is_not_utf8_is_a_result_named_with_escapes(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    gbk = "平潭报告".encode("gbk") + b".txt"  # as unzip leaves a Chinese archive's names
    with open(os.path.join(os.fsencode(folder), gbk), "wb") as fh:
        fh.write(GOOD.read_bytes())
    (folder / "b.txt").write_bytes(GOOD.read_bytes())
    out = tmp_path / "out"
    p = cli("check", str(folder), "--format", "jsonl", "--output-dir", str(out), "--fail-on", "never")
    objs = results(p)
    assert p.returncode == 0, p.stderr
    assert len(objs) == 2 and all(o["status"] == "ok" for o in objs)
    assert any("\\xb1\\xa8" in o["source"] for o in objs)  # 报 in GBK (not UTF-8), written as escapes
    reports = files_under(out / "reports")
    assert len([r for r in reports if r.endswith(".json")]) == 2
    assert "\\xb1" in (out / "summary.csv").read_text(encoding="utf-8-sig")


def test_a_long_name_gets_a_bounded_collision_free_name_under_out(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    stem = "政府信息公开工作年度报告" * 6  # 72 characters, 216 bytes: with .json and a temporary suffix, past 255
    for tail in ("甲", "乙"):
        (folder / f"{stem}{tail}.txt").write_bytes(GOOD.read_bytes())
    out = tmp_path / "out"
    p = cli("check", str(folder), "--output-dir", str(out), "--format", "jsonl", "--fail-on", "never")
    assert len(results(p)) == 2 and p.returncode == 0, p.stderr
    names = sorted((out / "reports").iterdir())
    assert len(names) == 6  # .json, .md and .html for each, apart
    assert all(len(n.name.encode()) <= 130 for n in names)
    names = out_names(discover([str(folder)]).inputs)
    assert len(set(names)) == len(names) == 2 and names == out_names(discover([str(folder)]).inputs)


def test_dotdot_in_an_input_never_writes_outside_out(tmp_path: Path) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "x").mkdir()
    (tmp_path / "x" / "r.txt").write_bytes(GOOD.read_bytes())
    (tmp_path / "a" / "b" / "s.txt").write_bytes(GOOD.read_bytes())
    before = files_under(tmp_path)
    out = tmp_path / "a" / "out"
    p = cli("check", str(tmp_path / "a" / "b" / "s.txt"), str(tmp_path / "a" / "b" / ".." / ".." / "x" / "r.txt"),
            "--output-dir", str(out), "--format", "jsonl", "--fail-on", "never")
    assert len(results(p)) == 2
    new = files_under(tmp_path) - before
    assert new and all(n.startswith(os.path.join("a", "out")) for n in new), sorted(new)


# ---------------------------------------------------------------- special files, OS errors


def _special(folder: Path) -> None:
    os.mkfifo(folder / "pipe.txt")
    os.symlink("/dev/zero", folder / "zero.txt")
    with open(folder / "sparse.pdf", "wb") as fh:
        fh.truncate(100 * 2**30)  # 100 GB of nothing, on no disk
    (folder / "good.txt").write_bytes(GOOD.read_bytes())


def test_fifos_devices_and_sparse_giants_are_results_at_once(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    _special(folder)
    started = time.monotonic()
    p = cli("check", str(folder), "--format", "jsonl", "--fail-on", "never", timeout=120)
    by = {Path(o["source"]).name: o for o in results(p)}
    assert time.monotonic() - started < 90
    assert sorted(by) == ["good.txt", "pipe.txt", "sparse.pdf", "zero.txt"]
    assert "不是普通文件（命名管道）" in by["pipe.txt"]["error"]["message"]
    assert "不是普通文件（字符设备）" in by["zero.txt"]["error"]["message"]
    assert "过大" in by["sparse.pdf"]["error"]["message"]
    assert by["good.txt"]["status"] == "ok"
    assert p.returncode == 1


def test_extract_has_the_batch_limits(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    _special(folder)
    (folder / "stuck.txt").write_bytes(GOOD.read_bytes())
    started = time.monotonic()
    p = cli("extract", str(folder), "--format", "jsonl", "--timeout", "5", env=faults.env(XXGK_TEST_HANG="stuck"), timeout=120)
    by = {Path(o["source"]).name: o for o in results(p)}
    assert time.monotonic() - started < 90
    assert by["stuck.txt"]["error"]["code"] == "timeout"
    assert by["pipe.txt"]["status"] == "error" and by["good.txt"]["status"] == "ok"
    assert p.returncode == 1


def test_os_errors_are_each_files_own_result(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    os.symlink(tmp_path / "gone-1.txt", folder / "dangling-1.txt")
    os.symlink(tmp_path / "gone-2.txt", folder / "dangling-2.txt")
    os.symlink("loop.txt", folder / "loop.txt")
    out = tmp_path / "out"
    p = cli("check", str(folder), "--format", "jsonl", "--output-dir", str(out))
    objs = results(p)
    assert [Path(o["source"]).name for o in objs] == ["dangling-1.txt", "dangling-2.txt", "loop.txt"]
    assert "不存在" in objs[0]["error"]["message"] and "链接循环" in objs[2]["error"]["message"]
    with sqlite3.connect(out / "store.sqlite") as db:
        sources = sorted(Path(s).name for (s,) in db.execute("SELECT source FROM reports"))
    assert sources == ["dangling-1.txt", "dangling-2.txt", "loop.txt"]  # a row each, not one shared
    assert p.returncode == 1


def test_a_dangling_link_named_on_the_command_line_is_a_result(tmp_path: Path) -> None:
    os.symlink(tmp_path / "nowhere.txt", tmp_path / "link.txt")
    p = cli("check", str(tmp_path / "link.txt"), "--format", "jsonl")
    (obj,) = results(p)
    assert obj["status"] == "error" and "不存在" in obj["error"]["message"] and p.returncode == 1


def test_an_unreadable_folder_is_a_result(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "ok").mkdir()
    (tmp_path / "ok" / "a.txt").write_bytes(GOOD.read_bytes())
    (tmp_path / "locked").mkdir()
    real = os.scandir

    def scandir(path: str) -> Iterator[os.DirEntry[str]]:
        if str(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    os.symlink("/", tmp_path / "ok" / "root")  # a link to a folder may lead anywhere: not followed, but counted
    monkeypatch.setattr(os, "scandir", scandir)
    found = discover([str(tmp_path)])
    by = {Path(i.path).name: i for i in found.inputs}
    assert sorted(by) == ["a.txt", "locked"]
    assert by["locked"].error and "没有读取权限" in by["locked"].error
    assert found.skipped == {"指向目录的链接（未跟随）": 1}


def test_nothing_to_audit_is_exit_2_with_a_clear_line(tmp_path: Path) -> None:
    (tmp_path / ".hidden.txt").write_text("{}")  # a folder holding only hidden files has nothing to audit
    (tmp_path / "sub").mkdir()
    one_line_error(cli("check", str(tmp_path)), "没有找到可审核的文件")
    one_line_error(cli("extract", str(tmp_path)), "没有找到可审核的文件")


# ---------------------------------------------------------------- kinds we do not read, archives


def test_every_document_in_a_folder_is_a_result_and_zip_members_are_read(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(2000))
    (folder / "old.wps").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(2000))
    with zipfile.ZipFile(folder / "sheet.xlsx", "w") as z:
        z.writestr("xl/workbook.xml", "<workbook/>")
    gbk = "乙报告".encode("gbk")
    with zipfile.ZipFile(folder / "reports.zip", "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("2023/a.txt", GOOD.read_bytes())
        z.writestr("2023/" + "Q" * len(gbk) + ".txt", (corpus_dir() / "synth-0002.html").read_bytes())
        bomb = zipfile.ZipInfo("bomb.txt")
        bomb.compress_type = zipfile.ZIP_DEFLATED
        z.writestr(bomb, b" " * (80 * 2**20))
    # the name as Chinese Windows writes it: GBK bytes, no UTF-8 flag
    archive = folder / "reports.zip"
    archive.write_bytes(archive.read_bytes().replace(b"Q" * len(gbk), gbk))
    (folder / "notes.json").write_text("{}")
    (folder / ".DS_Store").write_bytes(b"\0\0\0\1Bud1")
    p = cli("check", str(folder), "--format", "jsonl", "--fail-on", "never")
    by = {o["source"].replace(str(folder) + "/", ""): o for o in results(p)}
    # every regular file found is a result (the contract), a .json too; only hidden files are skipped
    assert sorted(by) == ["notes.json", "old.doc", "old.wps", "reports.zip!2023/a.txt", "reports.zip!2023/乙报告.txt",
                          "reports.zip!bomb.txt", "sheet.xlsx"]
    assert by["notes.json"]["status"] == "error"
    assert by["notes.json"]["error"]["code"] == "unsupported_format"
    assert "程序或数据文件（.json）" in by["notes.json"]["error"]["message"]
    for name in ("old.doc", "old.wps"):
        assert by[name]["error"]["code"] == "unsupported_format"
        assert "旧版 Word 格式，请另存为 DOCX" in by[name]["error"]["message"]
    assert by["sheet.xlsx"]["error"]["code"] == "unsupported_format"
    assert by["reports.zip!2023/a.txt"]["status"] == "ok"
    assert by["reports.zip!2023/乙报告.txt"]["status"] == "ok"
    assert by["reports.zip!2023/乙报告.txt"]["meta"]["format"] == "html"
    assert "压缩炸弹" in by["reports.zip!bomb.txt"]["error"]["message"]
    assert "已跳过 1 个" in p.stderr and "隐藏文件" in p.stderr  # skipped, and said


def test_a_script_quoting_a_report_is_not_audited_as_one(tmp_path: Path) -> None:
    """Program and data files are results by their name, never sniffed into reports: a generator's
    source full of report sentences would otherwise be audited (and found full of errors)."""
    text = GOOD.read_text(encoding="utf-8")
    (tmp_path / "make_report.py").write_text("TEXT = " + repr(text) + "\n", encoding="utf-8")
    (tmp_path / "report.txt").write_text(text, encoding="utf-8")
    p = cli("check", str(tmp_path), "--format", "jsonl", "--fail-on", "never")
    by = {Path(o["source"]).name: o for o in results(p)}
    assert by["report.txt"]["status"] == "ok"
    assert by["make_report.py"]["status"] == "error"
    assert by["make_report.py"]["error"]["code"] == "unsupported_format"


# ---------------------------------------------------------------- encodings


def test_gb18030_with_a_bad_byte_or_a_cut_last_character_is_read_as_gb18030() -> None:
    data = GOOD.read_text(encoding="utf-8").encode("gb18030")
    whole = read_bytes(data, "a.txt", ".txt")
    for damaged in (data[:2000] + b"\xff" + data[2000:], data + "报".encode("gb18030")[:1]):
        r = read_bytes(damaged, "a.txt", ".txt")
        assert r.status == "ok" and r.meta.encoding and r.meta.encoding.startswith("gb18030")
        assert r.text.count("\ufffd") <= 2 and len(r.text) >= len(whole.text)
        assert any("无法解码" in n for n in r.notes)


def test_a_page_saved_as_utf16_or_utf32_with_a_bom_is_a_page() -> None:
    from extractor.pipeline import run_stages

    html = (corpus_dir() / "synth-0002.html").read_text(encoding="utf-8")
    plain = run_stages(read_bytes(html.encode("utf-8"), "p.html", ".html"), "extract")
    for enc in ("utf-16", "utf-32"):
        r = run_stages(read_bytes(html.encode(enc), "p.html", ".html"), "extract")
        assert r.status == "ok" and r.meta.format == "html"
        assert r.meta.body == plain.meta.body and "<" not in (r.meta.body or "")
        assert {k: f.value for k, f in r.fields.items()} == {k: f.value for k, f in plain.fields.items()}


# ---------------------------------------------------------------- memory bounded by design


def _peak_mb(fn: object) -> tuple[object, float]:
    tracemalloc.start()
    try:
        out = fn()  # type: ignore[operator]
        return out, tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()


def test_a_span_bomb_page_is_refused_before_its_grid_is_built() -> None:
    cells = "".join('<td rowspan="200" colspan="200">1</td>' for _ in range(100))
    page = ("<html><body><p>政府信息公开工作年度报告</p>" + "".join(f"<table><tr>{cells}</tr></table>" for _ in range(30))
            + "</body></html>").encode()
    assert len(page) < 200_000
    r, peak = _peak_mb(lambda: read_bytes(page, "bomb.html", ".html"))
    assert peak < 200, peak
    assert r.grids == []  # type: ignore[attr-defined]


def _docx_understated(path: Path, inflated: int) -> None:
    """A DOCX whose zip headers say document.xml is 1 KB while it inflates to `inflated` bytes."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", b"<w:document>" + b" " * inflated + b"</w:document>")
    data = bytearray(path.read_bytes())
    real = inflated + len(b"<w:document></w:document>")
    for marker in (b"PK\x03\x04", b"PK\x01\x02"):  # local header, then central directory entry
        at = 0
        while (at := data.find(marker, at)) >= 0:
            name_at = at + (30 if marker == b"PK\x03\x04" else 46)
            if data[name_at:name_at + 17] == b"word/document.xml":
                off = at + (22 if marker == b"PK\x03\x04" else 24)
                assert int.from_bytes(data[off:off + 4], "little") == real
                data[off:off + 4] = (1024).to_bytes(4, "little")
            at += 4
    path.write_bytes(bytes(data))


def test_a_docx_whose_header_understates_its_size_is_capped_while_inflating(tmp_path: Path) -> None:
    path = tmp_path / "liar.docx"
    _docx_understated(path, 300 * 2**20)
    data = path.read_bytes()
    assert len(data) < 2 * 2**20
    r, peak = _peak_mb(lambda: read_bytes(data, "liar.docx", ".docx"))
    assert peak < 200, peak
    assert r.status == "error" and r.error.code == "unreadable"  # type: ignore[attr-defined]


def _text_pdf(pages: int) -> bytes:
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>"]
    kids = " ".join(f"{3 + 2 * i} 0 R" for i in range(pages))
    objs.append(f"<< /Type /Pages /Kids [{kids}] /Count {pages} >>".encode())
    font = 3 + 2 * pages
    for i in range(pages):
        lines = b"".join(f"({w} {i * 7 + k}) Tj 0 -14 Td ".encode() for k, w in enumerate(
            ("Government information", "disclosure annual", "report of the year", "figures and notes")))
        content = b"BT /F1 12 Tf 50 700 Td " + lines + b"ET"
        objs.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents {4 + 2 * i} 0 R "
                    f"/Resources << /Font << /F1 {font} 0 R >> >> >>".encode())
        objs.append(f"<< /Length {len(content)} >>\nstream\n".encode() + content + b"\nendstream")
    objs.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    return pdfbytes.build(objs)


def test_a_300_page_text_pdf_is_read_not_killed(tmp_path: Path) -> None:
    path = tmp_path / "long.pdf"
    path.write_bytes(_text_pdf(300))
    started = time.monotonic()
    p = cli("extract", str(path), "--format", "jsonl", "--timeout", "200", timeout=300)
    (obj,) = results(p)
    assert time.monotonic() - started < 240
    assert obj["meta"]["pages"] == 300 or (obj["error"] or {}).get("code") == "not_a_report", obj["error"]
    assert (obj["error"] or {}).get("code") not in ("timeout", "unreadable", "no_text_layer"), obj["error"]


# ---------------------------------------------------------------- true diagnoses


def _cid_pdf() -> bytes:
    content = b"BT /F1 12 Tf 50 700 Td <0012003400560078009a00bc> Tj ET"
    return pdfbytes.build([
        b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        f"<< /Length {len(content)} >>\nstream\n".encode() + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type0 /BaseFont /SimSun /Encoding /Identity-H /DescendantFonts [6 0 R] >>",
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /SimSun /CIDSystemInfo << /Registry (Adobe) /Ordering "
        b"(Identity) /Supplement 0 >> /FontDescriptor 7 0 R >>",
        b"<< /Type /FontDescriptor /FontName /SimSun /Flags 4 /FontBBox [0 0 1000 1000] /ItalicAngle 0 /Ascent 880 "
        b"/Descent -120 /CapHeight 700 /StemV 80 >>"])


def test_pdf_diagnoses_say_what_is_true() -> None:
    r = read_bytes(_cid_pdf(), "cid.pdf", ".pdf")
    assert r.status == "error" and "文本层无法解码（字体缺少字符映射）" in r.error.message  # type: ignore[union-attr]
    good = _text_pdf(3)
    broken = good.replace(b"startxref\n", b"startxref\n9")  # the cross-reference table is not where it says
    r = read_bytes(broken, "broken.pdf", ".pdf")
    if r.status == "error":  # read, or called damaged — never a scan
        assert r.error is not None and r.error.code != "no_text_layer" and "扫描" not in r.error.message.replace("不是扫描件", "")
    scan = read_bytes(pdfbytes.image_only(), "scan.pdf", ".pdf")
    assert scan.error is not None and scan.error.code == "no_text_layer"


# ---------------------------------------------------------------- OUT: lock, full disks, damaged store


def test_a_second_run_on_the_same_out_refuses_or_waits(tmp_path: Path) -> None:
    out = tmp_path / "out"
    held = lock(out)
    try:
        p = cli("check", str(GOOD), "--output-dir", str(out))
        one_line_error(p, "正被另一个", "--wait")
        waiting = subprocess.Popen([sys.executable, "-m", "extractor.cli", "check", str(GOOD), "--output-dir", str(out),
                                    "--wait", "--fail-on", "never"], cwd=ROOT, stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
        time.sleep(3)
        assert waiting.poll() is None  # waits while the first run holds OUT
    finally:
        held.close()
    _out, err = waiting.communicate(timeout=180)
    assert waiting.returncode == 0, err
    assert (out / "summary.csv").exists()


def _small_files(limit: int) -> object:
    def apply() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))  # as a full disk: writes past it fail

    return apply


def test_full_disks_and_unwritable_outputs_end_with_one_line_and_exit_2(tmp_path: Path) -> None:
    target = tmp_path / "o" / "result.json"
    p = cli("check", str(GOOD), str(corpus_dir() / "synth-0002.txt"), "--format", "json", "-o", str(target),
            preexec=_small_files(4096))
    one_line_error(p, "无法写入")
    assert not target.exists() and list((tmp_path / "o").iterdir()) == []  # no temporary file left
    blocker = tmp_path / "file"
    blocker.write_text("x")
    one_line_error(cli("check", str(GOOD), "--output-dir", str(blocker / "out")), "无法写入")
    one_line_error(cli("check", str(GOOD), "--store", str(blocker / "s.sqlite")), "报告库")
    one_line_error(cli("check", str(GOOD), "-o", str(blocker / "r.txt")), "无法写入")
    out = tmp_path / "full"
    p = cli("check", str(GOOD), "--output-dir", str(out), preexec=_small_files(20000))
    one_line_error(p)
    assert not [f for f in out.rglob("*") if f.name.endswith(".tmp")]


def test_a_damaged_store_record_is_read_again_with_a_warning(tmp_path: Path) -> None:
    out = tmp_path / "out"
    files = [str(GOOD), str(corpus_dir() / "synth-0002.txt")]
    first = cli("check", *files, "--output-dir", str(out), "--format", "jsonl", "--fail-on", "never")
    before = results(first)
    with sqlite3.connect(out / "store.sqlite") as db:
        db.execute("UPDATE reports SET record = X'789c0000deadbeef' WHERE id = (SELECT min(id) FROM reports)")
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    again = cli("check", *files, "--output-dir", str(out), "--format", "jsonl", "--resume", "--fail-on", "never")
    assert again.returncode == 0 and "已损坏" in again.stderr, again.stderr
    assert results(again) == before


def test_a_finish_that_fails_in_a_worker_never_stops_the_batch(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("a.txt", "b-fails.txt", "c.txt"):
        (folder / name).write_bytes(GOOD.read_bytes())
    p = cli("check", str(folder), "--format", "jsonl", "--output-dir", str(tmp_path / "out"),
            env={**faults.env(XXGK_TEST_FINISH_FAIL="fails"), "XXGK_STRICT": ""})
    assert "Traceback" not in p.stderr
    by = {Path(o["source"]).name: o for o in map(json.loads, p.stdout.splitlines())}
    assert sorted(by) == ["a.txt", "b-fails.txt", "c.txt"]
    assert by["b-fails.txt"]["error"]["code"] == "internal_error"
    assert "不是文件的问题" in by["b-fails.txt"]["error"]["message"]
    assert by["a.txt"]["status"] == by["c.txt"]["status"] == "ok"


def test_outputs_are_created_with_the_users_umask(tmp_path: Path) -> None:
    out = tmp_path / "out"
    p = cli("check", str(GOOD), "--output-dir", str(out), "--format", "csv", "-o", str(tmp_path / "r.csv"),
            preexec=lambda: os.umask(0o022))
    assert p.returncode in (0, 1), p.stderr
    for f in [tmp_path / "r.csv", out / "summary.csv", out / "index.html", *(out / "reports").iterdir()]:
        assert stat.S_IMODE(f.stat().st_mode) == 0o644, f


# ---------------------------------------------------------------- internal errors


def test_a_bug_in_the_tool_is_internal_error_never_a_damaged_file(monkeypatch: pytest.MonkeyPatch) -> None:
    from extractor.read import text

    def broken(*args: object) -> None:
        raise IndexError("list index out of range")

    monkeypatch.setattr(text, "read_text", broken)
    with pytest.raises(IndexError):  # strict: the tests fail on it
        read_bytes(GOOD.read_bytes(), "a.txt", ".txt")
    monkeypatch.delenv("XXGK_STRICT")
    r = read_bytes(GOOD.read_bytes(), "a.txt", ".txt")
    assert r.error is not None and r.error.code == "internal_error"
    assert "不是文件的问题" in r.error.message and "损坏" not in r.error.message


# ---------------------------------------------------------------- safe output


def test_csv_cells_that_would_be_formulas_are_defused(tmp_path: Path) -> None:
    assert [safe(s) for s in ("=1+2", "+1", "-2+3", "@SUM(A1)", "\tx", "\rx", "-5", "3.5", "平潭")] == [
        "'=1+2", "'+1", "'-2+3", "'@SUM(A1)", "'\tx", "'\rx", "-5", "3.5", "平潭"]
    for name in ("=HYPERLINK(1).txt", "@SUM(1).txt", "+1.txt"):
        (tmp_path / name).write_bytes(GOOD.read_bytes())
    p = cli("check", "=HYPERLINK(1).txt", "@SUM(1).txt", "+1.txt", "--format", "csv", "--output-dir", "out",
            "--fail-on", "never", cwd=tmp_path)
    assert p.returncode == 0 and "Traceback" not in p.stderr, p.stderr
    import csv
    import io

    for text in (p.stdout, (tmp_path / "out" / "summary.csv").read_text(encoding="utf-8-sig")):
        rows = list(csv.reader(io.StringIO(text)))[1:]
        assert rows and all(not c.startswith(("=", "+", "@")) for row in rows for c in row), rows


def test_escape_sequences_in_a_report_never_reach_the_terminal(tmp_path: Path) -> None:
    from extractor.model import Finding, Report
    from extractor.render.text import render_report

    r = Report(source="a\x1b]0;x\x07.txt")
    r.meta.body = "\x1b[2J平潭"
    r.findings = [Finding(rule="T301", severity="error", message="清屏\x1b[2J\x1b[1A", quote="\x9b31m原文\r覆盖")]
    r.notes = ["\x1b[8m隐藏"]
    out = render_report(r)
    assert not any(ch in out for ch in "\x1b\x07\x9b\r"), repr(out)
    assert "平潭" in out and "原文" in out
    name = "a\x1b[2Jb.txt"
    (tmp_path / name).write_bytes(GOOD.read_bytes())
    p = cli("check", str(tmp_path / name), "--fail-on", "never")
    assert "\x1b" not in p.stdout and p.returncode == 0


def test_sarif_uris_are_percent_encoded_relative_uris(tmp_path: Path) -> None:
    names = ["with space.txt", "%2e%2e%2fetc.txt", "a#b?c.txt"]
    for n in names:
        (tmp_path / n).write_bytes(GOOD.read_bytes())
    p = cli("check", *names, "--format", "sarif", "--fail-on", "never", cwd=tmp_path)
    assert p.returncode == 0, p.stderr
    log = json.loads(p.stdout)
    uris = [a["location"]["uri"] for a in log["runs"][0]["artifacts"]]
    from urllib.parse import unquote, urlsplit

    assert sorted(unquote(u) for u in uris) == sorted(names)
    for u in uris:
        parts = urlsplit(u)
        assert not parts.scheme and not parts.query and not parts.fragment and " " not in u
    assert log["runs"][0]["originalUriBaseIds"]["SRCROOT"]["uri"].startswith("file:///")
