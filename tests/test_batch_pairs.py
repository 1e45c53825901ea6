"""A batch's partners, found through indexes: the same answers as the plain scans they replace.

`flow._Pairs` finds a government's children among the year's reports by the prefix of their names
and keeps each answer per (body, year); the store's reports of earlier runs come from one query a
year, filtered as SQLite's LIKE would. Each is checked here against the scan it replaces, on names
written for the test (governments at three levels, their departments and offices, renamed bodies,
copies of one report, names in ASCII letters), with and without a hierarchy file.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from extractor import config
from extractor.batch import flow, work
from extractor.batch.store import Store, like
from extractor.check.names import normalise
from extractor.check.rollup import children_indices, hierarchy

NAMES = [
    "青岚县人民政府", "青岚县财政局", "青岚县人民政府办公室", "青岚县东岭镇人民政府", "青岚县东岭镇社会事务办",
    "青岚县水利局", "白石县人民政府", "白石县财政局", "白石水库管理处", "青岚市人民政府", "青岚市教育局",
    "青岚县财政局", "青岚县财政局", "青岚县东岭镇人民政府", "青岚县卫生健康委员会", "青岚县",
    "青岚县ABC开发公司", "青岚县abc开发公司", "东岭街道办事处", "青岚县东岭街道办事处",
]


def _entries(names: list[str], year: int = 2023) -> list[flow.Entry]:
    out = []
    for i, written in enumerate(names):
        name = normalise(written)
        # copies of one report (the same name twice) share a content hash, as real copies would
        sha = f"sha-{written}-{names.index(written)}"
        out.append(flow.Entry(i, 100 + names.index(written), sha, "ok", year, "2021", 10, name, 0, None))
    return out


def _pairs(entries: list[flow.Entry], store: Store, persistent: bool = False) -> flow._Pairs:
    opts = work.Options(cross=("X809", "X810"))
    return flow._Pairs(entries, store, "tool", persistent, opts)


def _scan(e: flow.Entry, entries: list[flow.Entry]) -> list[int]:
    """What the batch asked before: every other report of the year, through children_indices."""
    same = [x for x in entries if x.year == e.year and x.sha256 != e.sha256]
    return [same[i].rid for i in children_indices(e.name, [x.name for x in same], hierarchy())]


@pytest.mark.parametrize("declared", [False, True])
def test_children_found_by_prefix_equal_the_full_scan(tmp_path: Path,
                                                      declared: bool) -> None:
    if declared:
        f = tmp_path / "h.csv"
        f.write_text("上级,下级\n青岚县人民政府,青岚县财政局\n青岚县人民政府,白石水库管理处\n"
                     "白石县人民政府,青岚县水利局\n", encoding="utf-8")
        config.install(config.with_options(config.Config(), hierarchy=f))  # as --hierarchy does
    else:
        config.install(None)
    entries = _entries(NAMES) + _entries(["青岚县财政局", "青岚县人民政府"], year=2022)
    store = Store(tmp_path / "s.sqlite", durable=False)
    try:
        pairs = _pairs(entries, store)
        found_any = False
        for e in entries:
            assert pairs.peers(e) == _scan(e, entries), e.name
            found_any |= bool(pairs.peers(e))
        assert found_any  # the names do link: the comparison is not between two empty lists
    finally:
        store.close()
        config.install(None)


@pytest.mark.parametrize("prefix", ["青岚县", "青岚", "abc", "ABC", "青岚县ABC", "a_c", "a%", "", "东岭街道"])
def test_like_says_what_sqlite_says(prefix: str) -> None:
    names = ["青岚县财政局", "青岚县ABC开发公司", "青岚县abc开发公司", "abc局", "ABC局", "aXc局", "a_c局", "a%局",
             "东岭街道办事处", "Ａbc局", "青", None]
    db = sqlite3.connect(":memory:")
    db.execute("CREATE TABLE t (s TEXT)")
    db.executemany("INSERT INTO t VALUES (?)", [(n,) for n in names])
    pattern = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    sql = {r[0] for r in db.execute("SELECT s FROM t WHERE s LIKE ? ESCAPE '\\'", (pattern,))}
    assert {n for n in names if like(n, prefix)} == sql


def test_the_year_of_earlier_runs_equals_under_for_every_prefix(tmp_path: Path) -> None:
    from extractor.batch.store import Row

    store = Store(tmp_path / "s.sqlite", durable=False)
    try:
        for k, written in enumerate(NAMES):
            name = normalise(written)
            ex = work.Extracted(sha256=f"h{k % 15:02d}", status="ok", error_code=None, body=written, year=2023,
                                template="2021", format="txt", n_fields=k, nonzero=0, figures=None, signature=None,
                                fields="{}", claims="[]", findings="[]", blob=b"x")
            store.put(Row(ex, "tool" if k % 3 else "other", f"f{k}.txt", name.key if name else None,
                          name.short if name else None))
        batch = {"h01", "h04"}
        year = store.of_year(2023, "tool", batch)
        for prefix in ("青岚县", "青岚", "白石", "东岭", "青岚县东岭镇", "无"):
            want = [x.id for x in store.under(prefix, 2023, "tool") if x.sha256 not in batch]
            assert [x.id for x in year if like(x.body_short, prefix)] == want
    finally:
        store.close()
