"""Digit runs that split several ways, decided with evidence — never by guessing.

A scraped page that lost the separators of a table row ("行政规范性文件15621") leaves a cell the
table's own identities cannot decide (15/6/21, 1/56/21, 15/62/1 …): `rows.py` keeps every reading
(`Field.candidates`) and the cell empty. What else the report and the batch know may decide it:

- what the cells of the row mean (现行有效 ≥ 本年制发 − 本年废止; 对外公开总数量 ≥ 本年新公开;
  上一年项目数量 + 本年增/减 ≥ 0), true of every body;
- how the report wrote its table: where every other row ran together without a separator, a space
  inside a run stands where its blank cell was;
- the prose of the same report (「制发规范性文件15件」: the claims of `extract`, passed in as figures);
- the same report in another format (the portal page beside the scraped text: same body, same year);
- last year's report of the same body, and next year's, through the stock chains of 表二
  (2021 layout: 现行有效 = last year's 现行有效 + 本年制发 − 本年废止; 2019 layout: 对外公开总数量 =
  last year's + 本年新公开, 上一年项目数量 = last year's 上一年项目数量 + last year's 本年增/减): a
  chain of documents unless the body is seen to break it, a chain of 项目 only where it is seen kept;
  and the bound that holds without the chain: 本年废止 ≤ last year's 现行有效 + 本年制发.

Not evidence: a habit of the body's (「this report writes 0 elsewhere, so it wrote 0 here」) — a
body that writes 0 in every other row may still leave one cell blank, and that reading was wrong on
reports nobody tuned to.

Each source keeps the readings it agrees with — and is ignored when it agrees with none (a chain
the report itself breaks, a prose figure about something else). A row is decided only when one
reading is left; its note says which evidence decided. Otherwise the cells stay empty, the readings
ranked by plausibility (fewer blank cells, no count longer than four digits, cells of like length)
and counted in the note.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from ..model import EvidenceTrail, Field, Number, Report

Cells = tuple[Number | None, ...]
Reading = dict[str, Number | None]

# prose metrics (spec/claims.md) that name one 表二 cell
PROSE_FIELDS = {
    "regulations.issued": "t2.regulations.issued",
    "normative_docs.issued": "t2.normative_docs.issued",
    "normative_docs.repealed": "t2.normative_docs.repealed",
    "normative_docs.in_force": "t2.normative_docs.in_force",
    "licensing.decisions": "t2.licensing.decisions",
    "penalty.decisions": "t2.penalty.decisions",
    "coercion.decisions": "t2.coercion.decisions",
}

STOCK_ROWS = ("t2.regulations", "t2.normative_docs")
ITEM_ROWS = ("t2.licensing", "t2.other_services", "t2.penalty", "t2.coercion", "t2.fees")


@dataclass
class Known:
    """What one report's tables say, compact: every row's readings (one when it was read plainly)."""

    source: str
    body: str | None
    year: int | None
    template: str | None
    rows: dict[str, list[Reading]] = field(default_factory=dict)

    def decided(self, row: str) -> bool:
        return len(self.rows.get(row, [])) == 1


@dataclass
class Evidence:
    """What may decide a report's ambiguous rows. Every part is optional."""

    prose: dict[str, set[Number]] = field(default_factory=dict)  # field key → figures the prose gives
    previous: Known | None = None  # last year's report of the same body
    following: Known | None = None  # next year's
    siblings: list[Known] = field(default_factory=list)  # the same report in another format
    # rows whose stock chain this body is known to keep (see `chain_kept`): only those may be
    # decided by last or next year's report — a body that broke its chain once may break it again
    chained: set[str] = field(default_factory=set)


def table_cell(key: str) -> bool:
    """A key of one cell of 表二/表三/表四 in a row of several (t3.new.total), as views hold them."""
    return key.count(".") == 2 and key.startswith(("t2.", "t3.", "t4."))


def known(report: Report, body: str | None = None) -> Known:
    """The compact view of `report` that evidence for another report is taken from."""
    rows: dict[str, list[str]] = {}
    for k in report.fields:
        if table_cell(k):
            rows.setdefault(k.rsplit(".", 1)[0], []).append(k)
    out: dict[str, list[Reading]] = {}
    for row, keys in rows.items():
        cols = [k.rsplit(".", 1)[1] for k in keys]
        fs = [report.fields[k] for k in keys]
        cands = next((f.candidates for f in fs if f.candidates), None)
        if cands is None or any(len(c) != len(cols) for c in cands):
            out[row] = [{c: f.value for c, f in zip(cols, fs, strict=True)}]
        else:
            out[row] = [dict(zip(cols, c, strict=True)) for c in cands]
    return Known(report.source, body if body is not None else report.meta.body, report.meta.year,
                 report.meta.template, out)


def prose_figures(report: Report) -> dict[str, set[Number]]:
    """The prose's figures for single 表二 cells: claims about this body, exact, with a value, their
    metric stated (a metric inferred from the sentence decides no reading)."""
    out: dict[str, set[Number]] = {}
    for c in report.claims:
        key = PROSE_FIELDS.get(c.metric or "")
        if key is None or c.value is None or c.scope != "self" or c.approx or c.confidence < 1:
            continue
        out.setdefault(key, set()).add(c.value)
    return out


def ambiguous_rows(report: Report) -> list[str]:
    rows: list[str] = []
    for k, f in report.fields.items():
        if f.candidates:
            row = k.rsplit(".", 1)[0]
            if row not in rows:
                rows.append(row)
    return rows


# ---------------------------------------------------------------- the tests each source applies


def _eq(a: Number | None, b: Number | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return abs(Decimal(str(a)) - Decimal(str(b))) < Decimal("0.000001")


def _chain(template: str | None, row: str, now: Reading, before: Reading) -> bool | None:
    """Whether `now` (this year's reading of `row`) follows from `before` (last year's) by the
    stock chain of the layout; None when the chain has nothing to say (a figure missing)."""
    def vals(*pairs: tuple[Reading, str]) -> list[Decimal] | None:
        got = [r.get(c) for r, c in pairs]
        return None if any(v is None for v in got) else [Decimal(str(v)) for v in got]

    if template == "2021" and row in STOCK_ROWS:
        v = vals((now, "in_force"), (now, "issued"), (now, "repealed"), (before, "in_force"))
        return None if v is None else v[3] + v[1] - v[2] == v[0]
    if template == "2019" and row in STOCK_ROWS:
        v = vals((now, "public_total"), (now, "published"), (before, "public_total"))
        return None if v is None else v[2] + v[1] == v[0]
    if template == "2019" and row in ITEM_ROWS:
        v = vals((now, "prev_items"), (before, "prev_items"), (before, "change"))
        return None if v is None else v[1] + v[2] == v[0]
    return None


def _chained(template: str | None, row: str, other: Known | None, later: bool) -> Callable[[Reading], bool] | None:
    """A test of this year's readings against last year's (`later` False) or next year's report."""
    if other is None or other.template != template or row not in other.rows:
        return None
    theirs = other.rows[row]

    def test(mine: Reading) -> bool:
        # some reading of the other year's row makes the chain hold (a chain that cannot be
        # computed — a figure missing — holds for no reading, and the test is then ignored)
        return any(_chain(template, row, t, mine) if later else _chain(template, row, mine, t) for t in theirs)

    return test


# ---------------------------------------------------------------- deciding


@dataclass
class Decision:
    row: str
    readings: int  # readings before the evidence
    left: int  # readings after
    evidence: list[str]


def resolve(report: Report, evidence: Evidence | None = None) -> list[Decision]:
    """Narrows every ambiguous row of `report` with `evidence`; decides those left with one
    reading. Returns what was done, row by row."""
    ev = evidence or Evidence()
    out: list[Decision] = []
    for row in ambiguous_rows(report):
        keys = [k for k in report.fields if k.rsplit(".", 1)[0] == row]
        cols = [k.rsplit(".", 1)[1] for k in keys]
        fs = [report.fields[k] for k in keys]
        cands = next((f.candidates for f in fs if f.candidates), None)
        if not cands or any(len(c) != len(cols) for c in cands):
            continue
        readings: list[Reading] = [dict(zip(cols, c, strict=True)) for c in cands]
        # what earlier calls narrowed (the prose, then the batch): the note tells the whole story
        past = report.derived.evidence.get(row)
        if past is None:  # a report that came back from a worker or a record: its note keeps the trail
            past = report.derived.evidence[row] = _trail_in_note(fs) or EvidenceTrail(len(readings))
        n0 = past.n0
        used = past.used
        for name, test in _tests(report, row, cols, ev):
            keep = [r for r in readings if test(r)]
            if keep and len(keep) < len(readings):
                readings = keep
                if name not in used:
                    used.append(name)
        out.append(Decision(row, n0, len(readings), list(used)))
        if len(readings) == 1:
            only = readings[0]
            why = "、".join(used)
            for c, f in zip(cols, fs, strict=True):
                f.value = only[c]
                f.candidates = None
                f.note = f"数字连写、缺少分隔，可拆成{n0}种；依据{why}，唯一确定为此拆法。"
        elif len(readings) < len(cands):
            ranked = rank([tuple(r[c] for c in cols) for r in readings], cols)
            _note_ambiguous(keys, cols, fs, ranked, n0, used)
    return out


_TRAIL = re.compile(r"可拆成(\d+)种；依据(.+?)排除后仍有\d+种")


def _trail_in_note(fs: list) -> EvidenceTrail | None:
    """The trail an earlier call wrote into the note of a row it narrowed (`ambiguous_note`)."""
    for f in fs:
        m = _TRAIL.search(f.note or "") if f.candidates else None
        if m:
            return EvidenceTrail(int(m.group(1)), m.group(2).split("、"))
    return None


def _tests(report: Report, row: str, cols: list[str], ev: Evidence) -> Iterable[tuple[str, Callable[[Reading], bool]]]:
    whole = _whole_counts(report, row, cols)
    if whole is not None:
        yield whole
    logic = _logic(report.meta.template, row, cols)
    if logic is not None:
        yield logic
    gaps = _blank_at_gaps(report, row, cols)
    if gaps is not None:
        yield gaps
    for sib in ev.siblings:
        if sib.template == report.meta.template and sib.decided(row):
            theirs = sib.rows[row][0]
            if set(theirs) == set(cols):
                yield f"同一报告的另一版本（{_name(sib.source)}）", _same_as(theirs, cols)
    for c in cols:
        figs = ev.prose.get(f"{row}.{c}")
        if figs:
            shown = "或".join(str(v) for v in sorted(figs))
            f = report.fields.get(f"{row}.{c}")
            what = f"{f.row_label or ''}「{f.col_label or c}」" if f is not None else f"{row}.{c}"
            yield f"正文所述{what}{shown}", _one_of(c, figs)
    tmpl = report.meta.template
    bound = _repeal_bound(tmpl, row, ev.previous)
    if bound is not None and ev.previous is not None:
        yield (f"上一年度报告（{ev.previous.year}年）的现行有效件数（本年废止件数不能多于上年现行有效件数加本年制发件数）",
               bound)
    if row not in ev.chained:
        return
    before = _chained(tmpl, row, ev.previous, later=False)
    if before is not None and ev.previous is not None:
        yield (f"上一年度报告（{ev.previous.year}年）的衔接关系", before)
    after = _chained(tmpl, row, ev.following, later=True)
    if after is not None and ev.following is not None:
        yield (f"下一年度报告（{ev.following.year}年）的衔接关系", after)


def _repeal_bound(template: str | None, row: str, before: Known | None) -> Callable[[Reading], bool] | None:
    """Only documents that exist can be repealed: 本年废止 ≤ last year's 现行有效 + 本年制发 (2021
    layout) — a bound, not the chain: it holds for a body that does not keep its chain exactly. Last
    year's figure is the largest of its readings."""
    if template != "2021" or row not in STOCK_ROWS or before is None or before.template != template:
        return None
    stocks = [t.get("in_force") for t in before.rows.get(row, [])]
    if not stocks or any(v is None for v in stocks):
        return None
    most = max(Decimal(str(v)) for v in stocks)

    def test(r: Reading) -> bool:
        rep, iss = r.get("repealed"), r.get("issued")
        return rep is None or iss is None or Decimal(str(rep)) <= most + Decimal(str(iss))

    return test


def _whole_counts(report: Report, row: str, cols: list[str]) -> tuple[str, Callable[[Reading], bool]] | None:
    """A count is a whole number: a reading that cuts a figure inside its decimals
    ("156805947.43元" as 156805947.4 items and 3 元) puts a fraction in a count cell and is no reading.
    None when the row has no count cell."""
    counts = [c for c in cols if (f := report.fields.get(f"{row}.{c}")) is not None and f.kind == "count"]
    if not counts:
        return None

    def test(r: Reading) -> bool:
        vals = [r.get(c) for c in counts]
        return all(v is None or Decimal(str(v)) == Decimal(str(v)).to_integral_value() for v in vals)

    return "计数格只能是整数（拆在小数位上的读法不成立）", test


# what the cells of one 表二 row must satisfy whatever the body (the meaning of the columns, not a
# habit of reports): what was issued this year and not repealed is still in force; what was made
# public this year is among all that is public; a count of items is never below nothing
_ITEMS_LEFT = ("表二本行各栏的逻辑关系（上一年项目数量加本年增/减不小于0）", ("prev_items", "change"),
               lambda v: v[0] + v[1] >= 0)
_LOGIC: dict[tuple[str, tuple[str, ...]], tuple[str, tuple[str, ...], Callable[[list[Decimal]], bool]]] = {
    ("2021", ("issued", "repealed", "in_force")):
        ("表二本行各栏的逻辑关系（现行有效件数不少于本年制发件数减本年废止件数）", ("issued", "repealed", "in_force"),
         lambda v: v[2] >= v[0] - v[1]),
    ("2019", ("made", "published", "public_total")):
        ("表二本行各栏的逻辑关系（对外公开总数量不少于本年新公开数量）", ("published", "public_total"),
         lambda v: v[1] >= v[0]),
    ("2019", ("prev_items", "change", "decisions")): _ITEMS_LEFT,
    ("2019", ("prev_items", "change")): _ITEMS_LEFT,  # 行政事业性收费: no 处理决定数量
}


def _logic(template: str | None, row: str, cols: list[str]) -> tuple[str, Callable[[Reading], bool]] | None:
    """The relation the cells of a 表二 row must satisfy, as a test of a reading (None: no relation).
    A reading with a blank among the cells it relates passes: the relation says nothing of it."""
    rule = _LOGIC.get((template or "", tuple(cols))) if row.startswith("t2.") else None
    if rule is None:
        return None
    name, used, holds = rule

    def test(r: Reading) -> bool:
        vals = [r.get(c) for c in used]
        return any(v is None for v in vals) or holds([Decimal(str(v)) for v in vals])

    return name, test


def _blank_at_gaps(report: Report, row: str, cols: list[str]) -> tuple[str, Callable[[Reading], bool]] | None:
    """Where a blank cell stood in a run of digits. A report whose table rows all ran together
    without a separator ("0000000") and that writes one row with a space in its digits ("0 00000",
    a digit short) wrote nothing but that space for the blank cell: readings keep their blank cells
    exactly at the run's gaps, one per gap."""
    table = row.split(".", 1)[0]
    f = report.fields.get(f"{row}.{cols[0]}")
    if f is None or f.grid is not None or not f.raw:
        return None
    toks = f.raw.split()
    if len(toks) < 2 or not all(t.isdigit() and t.isascii() for t in toks):
        return None
    firsts: dict[str, Field] = {}
    cells: dict[str, int] = {}
    for k, o in report.fields.items():
        other = k.rsplit(".", 1)[0]
        if k.startswith(table + ".") and other != row:
            firsts.setdefault(other, o)
            cells[other] = cells.get(other, 0) + 1
    tight = 0
    for other, o in firsts.items():
        if o.grid is not None or not o.raw:
            continue
        if len(o.raw.split()) > 1:
            return None  # this report separates its cells somewhere: a gap is no blank
        tight += o.raw.isdigit() and cells[other] >= 2  # a row of one cell shows no separator
    if tight < 3:
        return None
    digits = "".join(toks)
    gaps = list(itertools.accumulate(len(t) for t in toks[:-1]))

    def test(r: Reading) -> bool:
        written, at = "", []
        for c in cols:
            v = r.get(c)
            if v is None:
                at.append(len(written))
            else:
                written += str(v)
        return written == digits and at == gaps

    return "本表其余各行数字连写、不留分隔，本行数字间的空格即空白格所在", test


def _same_as(theirs: Reading, cols: list[str]) -> Callable[[Reading], bool]:
    return lambda r: all(_eq(r[c], theirs[c]) for c in cols)


def _one_of(col: str, figs: set[Number]) -> Callable[[Reading], bool]:
    return lambda r: any(_eq(r[col], v) for v in figs)


def _name(source: str) -> str:
    return source.replace("\\", "/").rsplit("/", 1)[-1]


# ---------------------------------------------------------------- plausibility (ranks, never decides)


def plausibility(cells: Cells, cols: Sequence[str]) -> tuple[int, int, int]:
    """Lower is more plausible: blank cells, counts longer than four digits, spread of lengths."""
    blanks = sum(v is None for v in cells)
    counts = [v for v, c in zip(cells, cols, strict=False) if v is not None and c not in ("amount",)]
    long = sum(max(0, len(str(abs(int(v)))) - 4) for v in counts)
    lens = [len(str(abs(int(v)))) for v in counts] or [0]
    return blanks, long, max(lens) - min(lens)


def rank(cands: Sequence[Cells], cols: Sequence[str]) -> list[Cells]:
    return sorted(cands, key=lambda c: plausibility(c, cols))  # stable: ties keep reading order


def ambiguous_note(ranked: Sequence[Cells], n0: int | None = None, used: Sequence[str] = ()) -> str:
    shown = "；".join("/".join("空" if v is None else str(v) for v in c) for c in ranked[:6])
    more = "等" if len(ranked) > 6 else ""
    head = f"数字连写、缺少分隔，有{len(ranked)}种拆法（按可能性排列）：{shown}{more}。"
    if used and n0 is not None:
        head = (f"数字连写、缺少分隔，可拆成{n0}种；依据{'、'.join(used)}排除后仍有{len(ranked)}种"
                f"（按可能性排列）：{shown}{more}。")
    return head + "无法唯一确定，此格不取值。"


def _note_ambiguous(keys: list[str], cols: list[str], fs: list, ranked: list[Cells], n0: int, used: list[str]) -> None:
    note = ambiguous_note(ranked, n0, used)
    for i, f in enumerate(fs):
        vals = {c[i] for c in ranked}
        if len(vals) == 1:
            f.value = next(iter(vals))
            f.candidates = None
            f.note = f"数字连写；依据{'、'.join(used)}，此格在余下各拆法中相同。"
        else:
            f.value = None
            f.candidates = [list(c) for c in ranked]
            f.note = note


def resolve_series(pending: Sequence[tuple[Report, str | None]], others: Iterable[Known] = ()) -> dict[str, list[Decision]]:
    """The ambiguous rows of several reports decided with each other and with `others` (compact
    views of reports already settled): `pending` pairs a report with the key of its body, as
    `Known.body` holds it for `others`. Reports of one body are taken year after year, back and
    forth, until nothing changes: a row decided one year may decide the next."""
    done: dict[str, list[Decision]] = {}
    by_body: dict[str, list[Known]] = {}
    for k in others:
        if k.body is not None and k.year is not None:
            by_body.setdefault(k.body, []).append(k)
    todo = [(r, b) for r, b in pending if b is not None and r.meta.year is not None and r.status == "ok"]
    for _ in range(4):
        changed = False
        views = {id(r): known(r, b) for r, b in todo}
        # the rows whose chain a body keeps, per (body, layout): the same for each of its reports (they
        # are all its views), so worked out once — it compares every two consecutive years' reports,
        # and a body of hundreds of pending reports made it quadratic in the batch — and again only
        # once one of the body's reports has changed
        chained: dict[tuple[str, str | None], set[str]] = {}
        for r, b in todo:
            if not ambiguous_rows(r):
                continue
            year = r.meta.year
            assert year is not None and b is not None
            pool = by_body.get(b, []) + [views[id(o)] for o, ob in todo if ob == b and o is not r]
            usable = chained.get((b, r.meta.template))
            if usable is None:
                usable = chained[(b, r.meta.template)] = chain_usable([*pool, views[id(r)]], r.meta.template)
            ev = Evidence(
                chained=usable,
                prose=prose_figures(r),
                previous=_best([v for v in pool if v.year == year - 1], r.meta.template),
                following=_best([v for v in pool if v.year == year + 1], r.meta.template),
                siblings=[v for v in pool if v.year == year],
            )
            before = len(ambiguous_rows(r))
            ds = resolve(r, ev)
            done.setdefault(r.source, []).extend(d for d in ds if d.evidence)
            if len(ambiguous_rows(r)) < before:
                changed = True
                views[id(r)] = known(r, b)
                chained = {k: v for k, v in chained.items() if k[0] != b}
        if not changed:
            break
    return done


def chain_usable(views: Iterable[Known], template: str | None) -> set[str]:
    """The rows whose chain may decide a body's ambiguous row: those the body is seen to keep
    (`chain_kept`), and the stock rows of documents (规章, 规范性文件) it is not seen to break — a
    stock of documents carries over by definition, where a count of 项目 is filled in loosely by
    many bodies (last year's 处理决定数量 written as this year's 上一年项目数量) and must be seen kept."""
    views = list(views)
    kept, broke = _chain_record(views, template)
    return kept | {row for row in STOCK_ROWS if row not in broke}


def chain_kept(views: Iterable[Known], template: str | None) -> set[str]:
    """The rows whose stock chain a body's reports (`views`, one body) keep: the chain holds between
    every two consecutive years whose rows were read plainly (at least once), and breaks nowhere."""
    return _chain_record(views, template)[0]


def _chain_record(views: Iterable[Known], template: str | None) -> tuple[set[str], set[str]]:
    """(rows whose chain held at least once and broke nowhere, rows whose chain broke somewhere)
    between consecutive years read plainly."""
    by_year: dict[int, list[Known]] = {}
    for v in views:
        if v.year is not None and v.template == template:
            by_year.setdefault(v.year, []).append(v)
    held: dict[str, int] = {}
    broke: set[str] = set()
    for y, now_views in by_year.items():
        for before in by_year.get(y - 1, []):
            for now in now_views:
                for row in (*STOCK_ROWS, *ITEM_ROWS):
                    if not (now.decided(row) and before.decided(row)):
                        continue
                    ok = _chain(template, row, now.rows[row][0], before.rows[row][0])
                    if ok is None:
                        continue
                    if ok:
                        held[row] = held.get(row, 0) + 1
                    else:
                        broke.add(row)
    return {row for row in held if row not in broke}, broke


def _best(views: list[Known], template: str | None) -> Known | None:
    """Of several reports of one year (a page and its scraped text), the one on the same layout with
    the fewest undecided rows."""
    if not views:
        return None
    return min(views, key=lambda v: (v.template != template, sum(len(x) > 1 for x in v.rows.values())))
