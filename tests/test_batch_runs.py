"""Batches as an auditor runs them, in a separate process: killed half-way and resumed, files that
hang or crash their worker, hostile files, and the store kept from one run to the next."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import faults
import pdfbytes
from batchfiles import make_batch, tree
from conftest import corpus_dir
from typer.testing import CliRunner

from extractor.cli import app

runner = CliRunner()


def cli(*args: str, env: dict[str, str] | None = None, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "extractor.cli", *args], capture_output=True, text=True,
                          timeout=timeout, env={**os.environ, **(env or {})})


def invoke(*args: str) -> tuple[int, str]:
    res = runner.invoke(app, list(args))
    if res.exception and not isinstance(res.exception, SystemExit):
        raise res.exception
    return res.exit_code, res.stdout


def _stored(store: Path) -> int:
    try:
        with sqlite3.connect(f"file:{store}?mode=ro", uri=True, timeout=1) as db:
            return int(db.execute("SELECT count(*) FROM reports").fetchone()[0])
    except sqlite3.Error:
        return 0


def _settled(store: Path, quiet: float = 3.0) -> int:
    """The store's row count once it has not changed for `quiet` seconds."""
    last, since = _stored(store), time.monotonic()
    while time.monotonic() - since < quiet:
        time.sleep(0.2)
        now = _stored(store)
        if now != last:
            last, since = now, time.monotonic()
    return last


def test_a_batch_killed_half_way_and_resumed_gives_the_same_bytes(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    files = make_batch(folder, synth=12)
    whole, broken = tmp_path / "whole", tmp_path / "broken"
    done = cli("check", str(folder), "--output-dir", str(whole), "-j", "2")
    assert done.returncode == 1, done.stderr

    slow = subprocess.Popen([sys.executable, "-m", "extractor.cli", "check", str(folder), "--output-dir",
                             str(broken), "-j", "2"], env={**os.environ, **faults.env(XXGK_TEST_SLOW="0.4")},
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while _stored(broken / "store.sqlite") < len(files) // 3 and time.monotonic() < deadline:
        assert slow.poll() is None, "the batch ended before it could be killed"
        time.sleep(0.1)
    slow.send_signal(signal.SIGKILL)
    slow.wait(30)
    killed_at = _settled(broken / "store.sqlite")  # the workers write the files they held, then stop
    assert 0 < killed_at < len(files)

    again = cli("check", str(folder), "--output-dir", str(broken), "-j", "2", "--resume")
    assert again.returncode == 1, again.stderr
    assert f"{killed_at} 份报告已在报告库中" in again.stderr
    a, b = tree(whole), tree(broken)
    assert a.keys() == b.keys()
    assert [k for k in a if a[k] != b[k]] == []


def test_a_file_that_hangs_or_crashes_its_worker_is_reported_and_the_batch_goes_on(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for k, name in enumerate(("a-good.txt", "b-hangs.txt", "c-good.txt", "d-crashes.txt", "e-good.txt"), 1):
        (folder / name).write_bytes((corpus_dir() / f"synth-000{k}.txt").read_bytes())
    started = time.monotonic()
    p = cli("check", str(folder), "--format", "jsonl", "--timeout", "3", "-j", "2",
            env=faults.env(XXGK_TEST_HANG="hangs", XXGK_TEST_CRASH="crashes"))
    assert time.monotonic() - started < 120
    by = {Path(o["source"]).name: o for o in map(json.loads, p.stdout.splitlines())}
    assert list(by) == ["a-good.txt", "b-hangs.txt", "c-good.txt", "d-crashes.txt", "e-good.txt"]
    assert by["b-hangs.txt"]["error"]["code"] == "timeout" and "3 秒" in by["b-hangs.txt"]["error"]["message"]
    assert by["d-crashes.txt"]["error"]["code"] == "unreadable"
    assert "进程意外退出" in by["d-crashes.txt"]["error"]["message"]
    assert by["b-hangs.txt"]["sha256"] == hashlib.sha256((folder / "b-hangs.txt").read_bytes()).hexdigest()
    assert all(by[n]["status"] == "ok" for n in ("a-good.txt", "c-good.txt", "e-good.txt"))
    assert p.returncode == 1


def _docx_bomb(path: Path, inflated: int = 256 * 2**20) -> None:
    """A DOCX whose document.xml inflates to `inflated` bytes (compressed: a few hundred KB)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        info = zipfile.ZipInfo("word/document.xml")
        info.compress_type = zipfile.ZIP_DEFLATED
        with z.open(info, "w", force_zip64=True) as fh:
            fh.write(b'<?xml version="1.0"?><w:document xmlns:w="x"><w:body><w:p><w:r><w:t>')
            block = b" " * 2**20
            for _ in range(inflated // len(block)):
                fh.write(block)
            fh.write(b"</w:t></w:r></w:p></w:body></w:document>")


def _docx_xml(path: Path, xml: bytes) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", xml)


LAUGHS = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">' +
          b"".join(f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10 if i > 1 else "&lol;" * 10}">'.encode()
                   for i in range(1, 10)))


def test_hostile_files_each_get_their_own_result(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    report_html = (corpus_dir() / "synth-0002.html").read_bytes()
    (folder / "a-good.txt").write_bytes((corpus_dir() / "synth-0001.txt").read_bytes())
    _docx_bomb(folder / "bomb.docx")
    assert (folder / "bomb.docx").stat().st_size < 2 * 2**20
    _docx_xml(folder / "laughs.docx", LAUGHS + b']><w:document xmlns:w="http://schemas.openxmlformats.org/'
              b'wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>')
    _docx_xml(folder / "xxe.docx", b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
              b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p>'
              b"<w:r><w:t>&e;</w:t></w:r></w:p></w:body></w:document>")
    (folder / "laughs.html").write_bytes(LAUGHS + b"]><html><body><p>&lol9;</p></body></html>")
    (folder / "nested.html").write_bytes(b"<html><body>" + b"<div>" * 200_000 + b"x" + b"</div>" * 200_000
                                         + b"</body></html>")
    with open(folder / "huge.txt", "wb") as fh:
        line = "政府信息公开工作年度报告。".encode() * 100 + b"\n"
        for _ in range(30 * 2**20 // len(line) + 1):
            fh.write(line)
    (folder / "locked.pdf").write_bytes(pdfbytes.encrypted())
    (folder / "scan.pdf").write_bytes(pdfbytes.image_only())
    (folder / "noise.pdf").write_bytes(pdfbytes.garbage())
    (folder / "truncated.pdf").write_bytes(pdfbytes.image_only()[:300])
    (folder / "pdf-named.docx").write_bytes(pdfbytes.image_only())
    (folder / "page-named.txt").write_bytes(report_html)
    (folder / "random.docx").write_bytes(os.urandom(5000))
    p = cli("check", str(folder), "--format", "jsonl", "-j", "2", "--timeout", "60")
    by = {Path(o["source"]).name: o for o in map(json.loads, p.stdout.splitlines())}
    assert len(by) == len(list(folder.iterdir())), p.stderr
    err = {n: (o["error"] or {}).get("code") for n, o in by.items()}
    assert by["a-good.txt"]["status"] == "ok"
    assert err["bomb.docx"] == "unreadable" and "压缩炸弹" in by["bomb.docx"]["error"]["message"]
    assert "lollollol" not in json.dumps(by["laughs.docx"]) and "lollollol" not in json.dumps(by["laughs.html"])
    assert "root:" not in json.dumps(by["xxe.docx"])
    assert err["nested.html"] == "unreadable" and "256" in by["nested.html"]["error"]["message"]
    assert err["huge.txt"] == "unreadable" and "过大" in by["huge.txt"]["error"]["message"]
    assert err["locked.pdf"] == "encrypted"
    assert err["scan.pdf"] == "no_text_layer" and err["pdf-named.docx"] == "no_text_layer"
    assert err["noise.pdf"] == "unreadable" and err["truncated.pdf"] in ("unreadable", "no_text_layer")
    assert err["random.docx"] in ("unsupported_format", "unreadable")
    assert by["page-named.txt"]["status"] == "ok" and by["page-named.txt"]["meta"]["format"] == "html"
    assert p.returncode == 1


# ---------------------------------------------------------------- the store


def test_the_store_keeps_last_year_for_the_next_run(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    files = make_batch(folder, synth=0)
    store = tmp_path / "audit.sqlite"
    code, _out = invoke("check", str(files["baishi/2022.txt"]), str(files["qinglan/2022.txt"]), "--store",
                        str(store), "-f", "jsonl")
    # a later run with this year's report only: last year's comes from the store
    code, out = invoke("check", str(files["baishi/2023.txt"]), "--store", str(store), "-f", "jsonl", "--select",
                       "X801,X802")
    obj = json.loads(out)
    x801 = [f for f in obj["findings"] if f["rule"] == "X801"]
    assert x801 and x801[0]["data"]["previous"] == str(files["baishi/2022.txt"])
    # without the store, nothing to compare with
    code, out = invoke("check", str(files["baishi/2023.txt"]), "-f", "jsonl", "--select", "X801,X802")
    assert json.loads(out)["findings"] == []
    with sqlite3.connect(store) as db:
        assert db.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone() == ("1",)
        rows = db.execute("SELECT body, body_key, year, json_extract(fields, '$.\"t3.carried_forward.total\"'),"
                          " status FROM reports ORDER BY year, body").fetchall()
        assert ("白石县人民政府", "白石县人民政府", 2022, 4, "ok") in rows
        assert ("白石县人民政府", "白石县人民政府", 2023, 2, "ok") in rows
        cross = db.execute("SELECT cross_findings FROM reports WHERE year=2023").fetchone()[0]
        assert json.loads(cross)[0]["rule"] == "X801"
        db.execute("UPDATE meta SET value='99' WHERE key='schema_version'")
    code, out = invoke("check", str(files["baishi/2023.txt"]), "--store", str(store))
    assert code == 2


def test_resume_needs_somewhere_to_keep_what_was_done(tmp_path: Path) -> None:
    code, _out = invoke("check", str(corpus_dir() / "synth-0001.txt"), "--resume")
    assert code == 2
