"""Workers write the store: the row a worker writes is the row the parent would have written.

In a local batch, `work.extract` writes its file's row itself and returns only the index entry;
`work.finish` reads the records by store id and writes the findings across reports. Checked here
in process (the worker's functions with the worker's options) against the parent's own writing.
"""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from pathlib import Path

from extractor.batch import work
from extractor.batch.store import Row, Store
from extractor.check.names import normalise
from extractor.resources import rules_dir

COLUMNS = ("sha256, tool, source, status, error_code, body, body_key, body_short, year, template, format, n_fields,"
           " nonzero, figures, signature, fields, claims, findings, record")


def _row(path: Path, sha: str) -> tuple[object, ...]:
    with sqlite3.connect(path) as db:
        found = db.execute(f"SELECT {COLUMNS} FROM reports WHERE sha256=?", (sha,)).fetchone()
    assert found is not None
    return tuple(found)


def test_a_worker_writes_the_row_the_parent_would(tmp_path: Path) -> None:
    src = (rules_dir() / "catalogue" / "_base" / "base-2021.txt").read_text(encoding="utf-8")
    this, last = tmp_path / "2023.txt", tmp_path / "2022.txt"
    this.write_text(src, encoding="utf-8")
    last.write_text(src.replace("2023年", "2022年"), encoding="utf-8")  # last year's text, repeated (X805)
    theirs, ours = tmp_path / "parent.sqlite", tmp_path / "worker.sqlite"
    for path in (theirs, ours):
        Store(path).close()  # created and migrated by the parent, as in a batch

    before = work._OPTIONS
    try:
        work.setup(work.Options(format="jsonl", selected=("X805",), cross=("X805",)))
        full = [work.extract(str(p), str(p)) for p in (this, last)]  # what a Dask worker sends back
        work.setup(replace(work._OPTIONS, records=str(ours), write=True, tool="t"))
        slim = [work.extract(str(p), str(p)) for p in (this, last)]
        store = Store(theirs)
        try:
            for p, ex in zip((this, last), full, strict=True):
                assert isinstance(ex, work.Extracted) and ex.rid is None and ex.blob
                name = normalise(ex.body)
                store.put(Row(ex, "t", str(p), name.key if name else None, name.short if name else None))
        finally:
            store.close()
        for ex, mine in zip(full, slim, strict=True):
            assert isinstance(ex, work.Extracted) and isinstance(mine, work.Extracted) and mine.rid is not None
            assert mine.blob == b"" and mine.signature is None  # nothing big goes back to the parent
            assert (mine.sha256, mine.year, mine.body, mine.figures) == (ex.sha256, ex.year, ex.body, ex.figures)
            assert _row(ours, ex.sha256) == _row(theirs, ex.sha256)

        # finishing by store id: the record and last year's read from the store, the findings written back
        now, prev = slim
        assert isinstance(now, work.Extracted) and isinstance(prev, work.Extracted)
        done = work.finish(work.FinishTask(0, str(this), rid=now.rid, previous=prev.rid))
        assert done.stored and done.cross is not None and "X805" in done.cross
        with sqlite3.connect(ours) as db:
            cross = db.execute("SELECT cross_findings FROM reports WHERE id=?", (now.rid,)).fetchone()[0]
        assert cross == done.cross
    finally:
        work.setup(before)
        work._WRITER = None
        work._RECORDS = None
