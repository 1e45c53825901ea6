"""OUT's files: a report's own files are renamed into place without a flush each; everything is
flushed once before the summary (summary.csv, index.html) is written, so a summary on disk means
every file it lists is on disk too."""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path

import pytest

from extractor.batch import outdir
from extractor.batch.outdir import Row, Summary, write_atomic


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """What reached the disk, in order: 'sync' (everything) or 'fsync <file name>'."""
    seen: list[str] = []
    real_fsync = os.fsync

    def fsync(fd: int) -> None:
        seen.append("fsync " + Path(os.readlink(f"/proc/self/fd/{fd}")).name)
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "sync", lambda: seen.append("sync"))
    return seen


pytestmark = pytest.mark.skipif(not Path("/proc/self/fd").is_dir() or not hasattr(os, "sync"),
                                reason="needs /proc and os.sync (Linux)")


def test_a_reports_file_is_written_whole_without_its_own_flush(tmp_path: Path, calls: list[str]) -> None:
    target = tmp_path / "reports" / "a.json"
    assert write_atomic(target, "{}\n", durable=False)
    assert target.read_text(encoding="utf-8") == "{}\n"
    assert calls == []
    assert [p.name for p in target.parent.iterdir()] == ["a.json"]  # no temporary file left


def test_a_durable_file_is_flushed_before_its_rename(tmp_path: Path, calls: list[str]) -> None:
    target = tmp_path / "index.html"
    assert write_atomic(target, "<p>x</p>")
    assert len(calls) == 1 and calls[0].startswith("fsync ") and calls[0] != "fsync index.html"  # the temporary name
    assert target.read_text(encoding="utf-8") == "<p>x</p>"


def test_the_summary_comes_after_everything_is_on_disk(tmp_path: Path, calls: list[str]) -> None:
    write_atomic(tmp_path / "reports" / "a.txt.json", "{}", durable=False)
    summary = Summary(tmp_path)
    summary.add(Row(source="a.txt", sha256="0" * 64, body="某县人民政府", year=2023, template="2021", status="ok",
                    error_code=None, errors=0, warnings=1, infos=0, name="a.txt"))
    summary.close(Counter({"A101": 1}))
    assert calls[0] == "sync", calls
    assert len([c for c in calls if c.startswith("fsync")]) == 2  # summary.csv and index.html
    assert (tmp_path / "summary.csv").read_text(encoding="utf-8").count("\n") == 2


def test_the_index_page_comes_after_the_pages_it_links(tmp_path: Path, calls: list[str],
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    from extractor.render.indexpage import write_site

    order: list[str] = []
    real = outdir.write_atomic
    monkeypatch.setattr(outdir, "write_atomic", lambda p, d, **kw: order.append(Path(p).name) or real(p, d, **kw))
    monkeypatch.setattr(outdir, "flush_all", lambda: order.append("flush"))
    write_site(tmp_path, [])
    assert order[-2:] == ["flush", "index.html"]
    assert (tmp_path / "rules" / "index.html").is_file()
