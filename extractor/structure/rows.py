"""Locating 表二, 表三 and 表四 and reading their rows, whatever the layout of the source.

Every source is turned into one stream of items in document order: labels (a fragment of a
template row label found in the text or in a grid cell) and value groups (the numbers of one
row: the cells of a grid row, a run of numbers in the text, or one digit run that lost its
separators). A value group is then assigned to a template row: to the row its label names when
label and values stand on one line (or one grid row), otherwise to the next row in template
order — which is how converters that tear labels away from their numbers (PDF → Markdown) are
still read right. Fused digit runs are split with the template's identities (see fused.py).

The other jobs of reading a table live beside it: where each table stands (regions.py), value
runs and the readings of a value group (runs.py), the items themselves (items.py), the rows read
turned into fields (fields.py) and the notes on a table's header cells (headers.py).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from decimal import Decimal
from functools import cache
from typing import Literal

from .. import template as tmpl
from ..model import Cell, Grid, Report, TableInfo
from .cells import clean, is_null, parse_cell
from .fields import record_cells, record_rows
from .fused import Row, non_negative, row_sum, t4_sums
from .headers import header_labels
from .items import Label, RowRead, Values
from .labels import norm, norm_label, t2_fragments, t3_fragments, t3_full_labels, text_norm_map
from .regions import find_regions, norm_index
from .runs import RowCheck, candidates, drop_subtotal, tokens, value_run

# ---------------------------------------------------------------- entry point


def read_tables(report: Report, version: str) -> None:
    """Locates the three tables in `report`, reads their rows and fills `report.fields`."""
    t = tmpl.get(version)
    n = text_norm_map(report)
    bounds = find_regions(report, n, t)
    for kind, (a, b) in bounds.items():
        info = TableInfo(kind=_kind(kind), start=a, end=b)
        report.tables[kind] = info
    for kind, reader in (("t2", _read_t2), ("t3", _read_t3), ("t4", _read_t4)):
        if kind in report.tables:
            reader(report, t, report.tables[kind])
            header_labels(report, t, report.tables[kind])
    order = _key_order(t)
    report.fields = dict(sorted(report.fields.items(), key=lambda kv: order.get(kv[0], len(order))))
    report.tables = {k: report.tables[k] for k in ("t2", "t3", "t4") if k in report.tables}


@cache
def _key_order(t: tmpl.Template) -> dict[str, int]:
    """Each of the template's keys: its place in the template's order (the order of the fields)."""
    return {k: i for i, k in enumerate(t.all_keys())}


def _kind(k: str) -> Literal["t2", "t3", "t4"]:
    if k == "t2":
        return "t2"
    return "t3" if k == "t3" else "t4"


# ---------------------------------------------------------------- the item stream


def _grid_items(report: Report, g: Grid, kind: str, n_values: int | None,
                fragments: dict[str, list[str]]) -> list[Label | Values]:
    """Items of a grid's rows. Values are the data columns (from the header when it is there)."""
    items: list[Label | Values] = []
    data_cols = _data_columns(g, kind)
    data_set = set(data_cols or ())
    for r, row in enumerate(g.rows):
        start, end = g.row_spans[r] if r < len(g.rows) and r < len(g.row_spans) else (g.start, g.end)
        page = g.pages[r] if r < len(g.pages) else g.page
        cols = data_cols if data_cols and len(row) > max(data_cols) else None
        if cols is None:
            # the value cells: trailing cells that hold a value or a blank mark, owners only
            owners = [c for c in row if c.origin]
            k = len(owners)
            while k > 0 and parse_cell(owners[k - 1].text)[2]:
                k -= 1
            vals = owners[k:]
            label_cells = owners[:k]
            if n_values == 7 and len(vals) == 8 and drop_subtotal([clean(c.text) for c in vals]) is not None:
                pass  # a 小计 column: candidates leaves it out
            elif n_values and len(vals) > n_values:
                # surplus blank cells: a trailing empty column first, then blanks before the values
                while len(vals) > n_values and is_null(vals[-1].text) and not vals[-1].text.strip():
                    vals = vals[:-1]
                while len(vals) > n_values and not vals[0].text.strip():
                    vals = vals[1:]
                label_cells += vals[: len(vals) - n_values]
                vals = vals[len(vals) - n_values :]
            value_cells = vals
        else:
            value_cells = [row[c] for c in cols]
            label_cells = [c for i, c in enumerate(row) if i not in data_set]
        label_text = _join_labels(label_cells)
        row_labels = _labels_in(label_text, fragments, start, end, r) if label_text else []
        for lb in row_labels:
            lb.grid_row = (g.index, r)
        items.extend(row_labels)
        stray = _stray_figures(label_cells, fragments) if row_labels and cols is None else []
        if stray:
            # a labelled row whose figures are written so that they are not read as values (“减12”,
            # “16（件）”): its own figures all the same — a value group that fits no reading, so the
            # row is unread, not blank
            shown = stray + [c for c in value_cells if c.origin]
            items.append(Values([clean(c.text) for c in shown], start, end, -1, False, g.index, r,
                                 [c.col for c in shown], page, [c.text for c in shown], row_labels))
            continue
        if not value_cells or not any(c.origin for c in value_cells):
            continue
        parsed = [parse_cell(c.text) for c in value_cells]  # (value, unit, understood)
        has_number = any(p[0] is not None for p in parsed)
        all_understood = all(p[2] for p in parsed)
        if not all_understood or (not has_number and not row_labels
                                   and not _marks_row(value_cells, _marks_rows(kind, n_values))):
            continue
        toks = [clean(c.text) if not is_null(c.text) else "" for c in value_cells]
        items.append(Values(toks, start, end, -1, False, g.index, r, [c.col for c in value_cells], page,
                             [c.text for c in value_cells], row_labels))
    return items


def _marks_row(cells: list[Cell], n: int | None) -> bool:
    """A row of blank marks (/, —, -) in every one of its n value cells, its label elsewhere (表三 cut
    by a page break, its labels printed apart from its figures): a row of data whose cells are all
    empty — it takes its place in template order as any row of figures does, so that the rows after
    it keep theirs. `n` from `_marks_rows`: None where rows of marks take no place."""
    return n is not None and len(cells) == n and all(c.origin and clean(c.text) and is_null(c.text) for c in cells)


def _stray_figures(label_cells: list[Cell], fragments: dict[str, list[str]]) -> list[Cell]:
    """Cells after a row's label cell that hold a figure the cell reader does not understand (a
    value written with words around it): not labels, the row's values."""
    out: list[Cell] = []
    after_label = False
    for c in label_cells:
        if not c.origin:
            continue
        t = c.text.strip()
        if _labels_in(t, fragments, 0, 0, 0):
            after_label, out = True, []
            continue
        if after_label and re.search(r"\d", t) and not parse_cell(t)[2]:
            out.append(c)
    return out


def _join_labels(cells: list) -> str:
    seen: list[str] = []
    for c in cells:
        t = c.text.strip()
        if t and (not seen or seen[-1] != t):
            seen.append(t)
    return " ".join(seen)


_T3_HEADERS = ("自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计")


def _data_columns(g: Grid, kind: str) -> list[int] | None:
    """表三's seven data columns, found by their headers: a column the template does not have
    (a 法人或其他组织「小计」 some reports add) is left out."""
    if kind != "t3" or not g.aligned:
        return None
    found: dict[str, int] = {}
    for row in g.rows[:4]:
        for c in row:
            t = norm(c.text)
            for h in _T3_HEADERS:
                if h not in found and (t == h or (h == "社会公益组织" and t == "公益组织")):
                    found[h] = c.col
    if len(found) == 7:
        cols = [found[h] for h in _T3_HEADERS]
        if cols == sorted(cols) and len(set(cols)) == 7:
            return cols
    if "自然人" in found and found["自然人"] + 7 <= g.n_cols:
        start = found["自然人"]
        return list(range(start, start + 7))
    return None


def _labels_in(text: str, fragments: dict[str, list[str]], start: int, end: int, line: int) -> list[Label]:
    s = norm(text)
    out = []
    for key, frags in fragments.items():
        for f in frags:
            if f in s:
                out.append(Label(key, start, end, text, line, score=len(f)))
                break
    return out


def _text_items(report: Report, a: int, b: int, fragments: dict[str, list[str]],
                full: dict[str, str] | None = None, n_values: int | None = None) -> list[Label | Values]:
    """Items of a stretch of plain text: every label fragment, and every run of numbers.

    A fragment found is widened to as much of the template's full label as the text repeats
    around it, so that words inside a long label (「不计其他情形」) are not read as labels."""
    text = report.text
    full_s, full_idx = text_norm_map(report)
    i0, i1 = norm_index(full_idx, a), norm_index(full_idx, b)
    s = full_s[i0:i1]
    idx = [k - a for k in full_idx[i0:i1]]
    labels: list[Label] = []
    for key, frags in fragments.items():
        whole = (full or {}).get(key, "")
        for f in frags:
            i = s.find(f)
            while i >= 0:
                i0, i1 = _widen(s, i, i + len(f), whole, f)
                st, en = a + idx[i0], a + idx[i1 - 1] + 1
                labels.append(Label(key, st, en, text[st:en], text.count("\n", 0, en), score=len(f) * 100 + i1 - i0))
                i = s.find(f, i + 1)
    labels = _drop_overlaps(labels)
    items: list[Label | Values] = list(labels)
    # value runs: anywhere outside label spans
    spans = sorted((lb.start, lb.end) for lb in labels)
    pos = a
    k = 0
    while pos < b:
        while k < len(spans) and spans[k][1] <= pos:
            k += 1
        if k < len(spans) and spans[k][0] <= pos:
            pos = spans[k][1]
            continue
        limit = spans[k][0] if k < len(spans) else b
        run = value_run(text, pos, limit, skip_text=True)
        if run is None:
            pos = limit
            continue
        r0, r1 = run
        lead = _ENUM_LEAD.match(text, r0, r1)
        if lead is not None:
            r0 = lead.end()  # "1. 0 0 0 0 0 0 0": the row's item number, set apart from its label
        toks = tokens(text[r0:r1], text[r1 : r1 + 1])
        # a run of blank marks is a row (or rows) of empty cells where it holds whole rows of the
        # table (表三: 7 cells a line): it keeps its place, so the rows after it keep theirs
        if any(t for t in toks) or (n_values and toks and _whole_lines(text[r0:r1], n_values)):
            line = text.count("\n", 0, r0 + (len(text[r0:r1]) - len(text[r0:r1].lstrip())))
            fused = False
            items.append(Values(toks, r0, r1, line, fused, page=report.page_at(r0), raw=[text[r0:r1]]))
        pos = r1 if r1 > pos else pos + 1
    items.sort(key=lambda it: (it.start, 0 if isinstance(it, Label) else 1))
    return items


#: an item number at the head of a run of figures, set apart from its label by a space or a line
#: break (a PDF's text that gives the numbering its own column: "1. 0 0 0 0 0 0 0" or "1." above
#: the figures, the label on a line of its own)
_ENUM_LEAD = re.compile(r"\s*\d{1,2}[.．、](?:[ \t\u3000]+|[ \t\u3000]*\n[ \t\u3000]*)(?=\d)")


def _widen(s: str, i0: int, i1: int, whole: str, frag: str) -> tuple[int, int]:
    """Extends s[i0:i1] (== frag) backwards and forwards while s agrees with the template label."""
    at = whole.find(frag) if whole else -1
    if at < 0:
        return i0, i1
    j, k = at - 1, i0 - 1
    while j >= 0 and k >= 0 and s[k] == whole[j]:
        j -= 1
        k -= 1
    i0 = k + 1
    j, k = at + len(frag), i1
    while j < len(whole) and k < len(s) and s[k] == whole[j]:
        j += 1
        k += 1
    return i0, k


def _drop_overlaps(labels: list[Label]) -> list[Label]:
    labels.sort(key=lambda lb: (lb.start, -(lb.end - lb.start)))
    out: list[Label] = []
    for lb in labels:
        if out and lb.start < out[-1].end:
            prev = out[-1]
            # same place: keep the longer (more specific) fragment
            if (lb.end - lb.start) > (prev.end - prev.start) and lb.start == prev.start:
                out[-1] = lb
            elif lb.end > prev.end and (lb.end - lb.start) > (prev.end - prev.start):
                out[-1] = lb
            continue
        out.append(lb)
    return out


def _stream(report: Report, info: TableInfo, n_values: int | None,
            fragments: dict[str, list[str]], full: dict[str, str] | None = None) -> list[Label | Values]:
    a, b = info.start, info.end
    items: list[Label | Values] = []
    pos = a
    for g in sorted(report.grids, key=lambda g: g.start):
        if g.end <= a or g.start >= b:
            continue
        if g.start > pos:
            items += _text_items(report, pos, g.start, fragments, full, _marks_rows(info.kind, n_values))
        items += _grid_items(report, g, info.kind, n_values, fragments)
        info.grids.append(g.index)
        if g.page and g.page not in info.pages:
            info.pages.append(g.page)
        pos = max(pos, g.end)
    if pos < b:
        items += _text_items(report, pos, b, fragments, full, _marks_rows(info.kind, n_values))
    return items


def _marks_rows(kind: str, n_values: int | None) -> int | None:
    """The cells of a row of 表三, whose rows of blank marks (in a grid or in text) take their place in
    the table; None elsewhere (表四 is one row: a row of marks is never read in place of its figures)."""
    return n_values if kind == "t3" else None


def _whole_lines(run: str, n: int) -> bool:
    """Does every line of the run hold exactly n cell tokens (blank marks included)?"""
    lines = [ln for ln in run.split("\n") if ln.strip()]
    return bool(lines) and all(len(tokens(ln, "")) == n for ln in lines)


# ---------------------------------------------------------------- assignment of values to rows


def _bound_label(text: str, items: list[Label | Values], i: int, keys: set[str],
                 weak: frozenset[str] = frozenset()) -> Label | None:
    """The label a value group belongs to: in the same grid row, or on the same line just before.
    In a grid row a `weak` label (a group label such as （六）其他处理) yields to a row's own."""
    v = items[i]
    assert isinstance(v, Values)
    if v.grid is not None:
        own = [lb for lb in v.labels if lb.key in keys]
        return max(own, key=lambda lb: (lb.key not in weak, lb.score, lb.start)) if own else None
    for j in range(i - 1, -1, -1):
        it = items[j]
        if isinstance(it, Values):
            return None
        if it.key in keys:
            gap = text[it.end : v.start]
            # on the same line, or nothing but blank space between (one cell per paragraph)
            if "\n" in gap and gap.strip():
                return None
            if "\n" in gap + _lead(text, v) and _other_label_waiting(items, j, keys):
                return None
            return it
    return None


def _lead(text: str, v: Values) -> str:
    """The blank space a run of figures starts with (a run starts at the line break before them)."""
    run = text[v.start : v.end]
    return run[: len(run) - len(run.lstrip())]


def _other_label_waiting(items: list[Label | Values], j: int, keys: set[str]) -> bool:
    """Another row's label since the last value group, before the label at j: figures on a line of
    their own after two labels without figures (a PDF's text that wrote a table's wrapped labels and
    its figures in different orders) may be either row's — not bound to the nearer one."""
    for k in range(j - 1, -1, -1):
        it = items[k]
        if isinstance(it, Values):
            return False
        if it.key in keys and it.key != items[j].key:  # type: ignore[union-attr]
            return True
    return False


def _assign(text: str, items: list[Label | Values], row_keys: list[str], cells_of: dict[str, int],
            ok_of: dict[str, RowCheck], merged: dict[str, list[str]] | None = None) -> tuple[list[RowRead], set[str]]:
    """Walks the value groups in order, giving each to a template row. Returns the rows read and
    the row keys whose labels were seen. `merged` names a row a report may print in place of
    several (the 2021 （六） rows printed as one 「（六）其他处理」): it takes their place in order."""
    merged = merged or {}
    keys = set(row_keys) | set(merged)
    seen_labels = {it.key for it in items if isinstance(it, Label)}
    reads: list[RowRead] = []
    failed: dict[str, str] = {}  # rows whose own figures could not be read
    p = 0
    for i, it in enumerate(items):
        if not isinstance(it, Values):
            continue
        lb = _bound_label(text, items, i, keys, frozenset(merged))
        key = None
        if lb is not None:
            key = lb.key
            if key in row_keys and row_keys.index(key) < p and lb.grid_row is None:
                key = None  # a label already used: read this group in order
        if key is None:
            if p >= len(row_keys):
                continue
            key = row_keys[p]
            # an unlabelled group must fit the row's cell count
        n = cells_of.get(key, 0)
        cands = candidates(it, n, ok_of.get(key), allow_blanks=lb is not None, sums=n == 7)
        if not cands:
            if lb is not None:
                failed.setdefault(key, _shown(it))
            continue
        label = lb.text if lb is not None else ""
        beside = it.grid is not None or (lb is not None and key == lb.key and not it.split)
        if key in merged:
            last = max(row_keys.index(k) for k in merged[key])
            p = max(p, last + 1)
            reads.append(RowRead(key, label, cands, it, beside=beside))
            continue
        if key in row_keys:
            r = row_keys.index(key)
            # rows skipped between: printed without values when their label is there
            for k in row_keys[p:r]:
                if k in seen_labels and not any(x.key == k for x in reads):
                    reads.append(_not_read(k, cells_of[k], failed))
            p = max(p, r + 1)
        reads.append(RowRead(key, label, cands, it, beside=beside))
    for k in row_keys[p:]:
        if k in seen_labels and not any(x.key == k for x in reads):
            reads.append(_not_read(k, cells_of[k], failed))
    return reads, seen_labels


def _not_read(key: str, n: int, failed: dict[str, str]) -> RowRead:
    """A row whose label was seen and whose figures were not read: printed blank, or — when figures
    stood by its label and fitted no reading of its cells — unread."""
    return RowRead(key, "", [tuple([None] * n)], None, blank=key not in failed, unread=failed.get(key))


def _shown(v: Values) -> str:
    return ("".join(v.raw) if v.raw and v.grid is None else " ".join(t or "/" for t in v.tokens)).strip()


def _split_runs(items: list[Label | Values], n: int) -> list[Label | Values]:
    """A run of text holding several rows' numbers (a converter that wrote the cells of two or
    three rows one after another, their labels elsewhere) becomes one group per row; only the
    first keeps the label it follows."""
    out: list[Label | Values] = []
    for it in items:
        if isinstance(it, Values) and it.grid is None and len(it.tokens) >= 2 * n and len(it.tokens) % n == 0 \
                and (all(t for t in it.tokens) or _whole_lines("".join(it.raw), n)):
            for k in range(0, len(it.tokens), n):
                part = Values(it.tokens[k : k + n], it.start, it.end, it.line, page=it.page, raw=it.raw, split=True)
                if k:
                    part.line = -2 - k  # not on the label's line: read in template order
                    part.start = it.start + 1  # after the label: never bound to it
                out.append(part)
            continue
        out.append(it)
    return out


def _join_around_label(text: str, items: list[Label | Values], full: dict[str, str], n: int) -> list[Label | Values]:
    """A row's figures cut in two by the rest of its own wrapped label (a PDF's text that wrote the
    label's first line, most of the figures, the label's last line, then the figure printed lower:
    "一、本年新收…公 / 0 0 0 0 0 0 / 开申请数量 / 0") are one group: only when the words between
    the two runs are the label's continuation — the label and they, together, a piece of the
    template's label — and the two hold the row's cell count between them."""
    out: list[Label | Values] = []
    i = 0
    while i < len(items):
        it = items[i]
        nxt = items[i + 1] if i + 1 < len(items) else None
        if isinstance(it, Values) and isinstance(nxt, Values) and it.grid is None and nxt.grid is None \
                and len(it.tokens) < n and len(it.tokens) + len(nxt.tokens) == n:
            lb = next((x for x in reversed(out) if isinstance(x, Label)), None)
            between = norm(text[it.end : nxt.start])
            if lb is not None and between and lb.key in full and norm(text[lb.start : lb.end]) + between in full[lb.key]:
                out.append(Values(it.tokens + nxt.tokens, it.start, nxt.end, it.line, page=it.page,
                                  raw=it.raw + nxt.raw))
                i += 2
                continue
        out.append(it)
        i += 1
    return out


def _read_t3(report: Report, t: tmpl.Template, info: TableInfo) -> None:
    frags = t3_fragments(t)
    full = t3_full_labels(t)
    items = _join_around_label(report.text, _split_runs(_stream(report, info, 7, frags, full), 7), full, 7)
    row_keys = t.t3_row_keys()
    cells_of = dict.fromkeys([*row_keys, "other.total"], 7)
    ok_of: dict[str, RowCheck] = {k: (lambda r: row_sum(r) and non_negative(r)) for k in cells_of}
    merged_rows = {"other.total": [k for k in row_keys if k.startswith("other.")]} if t.version == "2021" else {}
    reads, seen = _assign(report.text, items, row_keys, cells_of, ok_of, merged_rows)
    merged = t.version == "2021" and any(r.key == "other.total" for r in reads)
    if merged:
        info.merged_other = True
        row_keys = t.t3_row_keys(merged_other=True)
        reads = [r for r in reads if not (r.key.startswith("other.") and r.key != "other.total" and r.blank)]
    _narrow_t3(reads, t, merged)
    _distrust_by_order(reads, t, merged)
    record_rows(report, t, info, "t3", reads, [c.key for c in t.t3_columns],
            [c.label for c in t.t3_columns], row_keys, seen, items)


def _distrust_by_order(reads: list[RowRead], t: tmpl.Template, merged: bool) -> None:
    """表三 rows read from text whose figures were not found by their labels (given in template order,
    or cut from a run holding several rows' figures) are read on trust: when the table's identities fail
    (新收+结转 = 总计+结转下年 in each column, the outcomes adding up to 总计), the order they were
    read in is in doubt as much as the report's arithmetic — a PDF's text that wrote labels and
    figures in different orders — and those rows are left unread rather than given figures that may
    be another row's. Rows whose figures were found by their labels keep them."""
    trusted = [r for r in reads if not r.beside and len(r.candidates) == 1 and r.item is not None]
    if not trusted:
        return
    by_key = {r.key: r for r in reads}

    def row(k: str) -> Row | None:
        rr = by_key.get(k)
        return rr.candidates[0] if rr and len(rr.candidates) == 1 else None

    if _t3_identities_hold(row, t.outcome_rows(merged)):
        return
    for r in trusted:
        r.unread = _shown(r.item) if r.item is not None else None
        r.candidates = [tuple([None] * len(r.candidates[0]))]
        r.item = None


def _narrow_t3(reads: list[RowRead], t: tmpl.Template, merged: bool) -> None:
    """Rows with several readings: keep the combinations that satisfy the column identities."""
    amb = [r for r in reads if len(r.candidates) > 1]
    if not amb:
        return
    by_key = {r.key: r for r in reads}
    outcome = t.outcome_rows(merged)
    total_combos = 1
    for r in amb:
        total_combos *= len(r.candidates)
    if total_combos > 200_000:
        return
    survivors: list[tuple[Row, ...]] = []
    for combo in itertools.product(*(r.candidates for r in amb)):
        chosen = {r.key: c for r, c in zip(amb, combo, strict=True)}

        def row(k: str, chosen: dict[str, Row] = chosen) -> Row | None:
            if k in chosen:
                return chosen[k]
            rr = by_key.get(k)
            return rr.candidates[0] if rr and len(rr.candidates) == 1 else None

        if _t3_identities_hold(row, outcome):
            survivors.append(combo)
    if not survivors:
        return
    for i, r in enumerate(amb):
        r.candidates = sorted({s[i] for s in survivors}, key=lambda x: tuple(str(v) for v in x))


def _t3_identities_hold(row: Callable[[str], Row | None], outcome: list[str]) -> bool:
    def cell(r: Row | None, c: int) -> int | Decimal | None:
        return None if r is None else r[c]

    new, co, tot, cf = row("new"), row("carried_over"), row("total"), row("carried_forward")
    parts = [row(k) for k in outcome]
    for c in range(7):
        a, b, t, f = cell(new, c), cell(co, c), cell(tot, c), cell(cf, c)
        if a is not None and b is not None and t is not None and f is not None and a + b != t + f:
            return False
        vals = [cell(p, c) for p in parts]
        if t is not None and all(v is not None for v in vals):
            if sum(v for v in vals if v is not None) != t:
                return False
    return True


# ---------------------------------------------------------------- 表二


# 表二 columns a report may leave blank rather than write 0: 本年增/减 (2019 layout) has nothing to
# add or take away
T2_MAY_BE_BLANK = frozenset({"change"})


def _read_t2(report: Report, t: tmpl.Template, info: TableInfo) -> None:
    frags: dict[str, list[str]] = {}
    cells_of: dict[str, int] = {}
    ok_of: dict[str, RowCheck] = {}
    blank_of: dict[str, frozenset[int]] = {}
    row_keys: list[str] = []
    for b in t.t2_blocks:
        for r in b.rows:
            frags[r.key] = t2_fragments(t)[r.key]
            cells_of[r.key] = len(b.columns)
            ok_of[r.key] = _t2_check([c.key for c in b.columns])
            blank_of[r.key] = frozenset(i for i, c in enumerate(b.columns) if c.key in T2_MAY_BE_BLANK)
            row_keys.append(r.key)
    full = {r.key: norm_label(r.label) for b in t.t2_blocks for r in b.rows}
    items = _stream(report, info, None, frags, full)
    # 表二 rows always carry their label: an unlabelled number in its region is prose or a caption
    labelled: list[Label | Values] = []
    for i, it in enumerate(items):
        if isinstance(it, Values) and _bound_label(report.text, items, i, set(row_keys)) is None:
            continue
        labelled.append(it)
    reads, seen = _assign_labelled(report.text, labelled, row_keys, cells_of, ok_of, blank_of)
    for b in t.t2_blocks:
        cols = [c.key for c in b.columns]
        labels = [c.label for c in b.columns]
        rows = [r.key for r in b.rows]
        record_rows(report, t, info, "t2", [r for r in reads if r.key in rows], cols, labels, rows, seen, items,
                kinds=[c.kind for c in b.columns], units=[c.unit for c in b.columns])


def _t2_check(cols: list[str]) -> RowCheck:
    """表二 counts are never negative; only 本年增/减 (2019) may be."""

    def ok(row: Row) -> bool:
        return all(v is None or v >= 0 or cols[i] == "change" for i, v in enumerate(row))

    return ok


def _assign_labelled(text: str, items: list[Label | Values], row_keys: list[str], cells_of: dict[str, int],
                     ok_of: dict[str, RowCheck],
                     blank_of: dict[str, frozenset[int]] | None = None) -> tuple[list[RowRead], set[str]]:
    reads: list[RowRead] = []
    failed: dict[str, str] = {}
    seen = {it.key for it in items if isinstance(it, Label)}
    for i, it in enumerate(items):
        if not isinstance(it, Values):
            continue
        lb = _bound_label(text, items, i, set(row_keys))
        if lb is None or any(r.key == lb.key for r in reads):
            continue
        cands = candidates(it, cells_of[lb.key], ok_of[lb.key], blank_cols=(blank_of or {}).get(lb.key, frozenset()))
        if cands:
            reads.append(RowRead(lb.key, lb.text, cands, it))
        else:
            failed.setdefault(lb.key, _shown(it))
    for k in row_keys:
        if k in seen and not any(r.key == k for r in reads):
            reads.append(_not_read(k, cells_of[k], failed))
    return reads, seen


# ---------------------------------------------------------------- 表四


def _read_t4(report: Report, t: tmpl.Template, info: TableInfo) -> None:
    items = _stream(report, info, 15, {})
    reads: list[RowRead] = []
    values = [it for it in items if isinstance(it, Values)]
    for v in values:
        cands = candidates(v, 15, lambda r: t4_sums(r) and non_negative(r), sums=True)
        if not cands and v.grid is None and len(values) == 1 and len(v.tokens) == 15:
            cands = candidates(v, 15, non_negative)  # fifteen cells whose sums do not hold: T304 says so
        if cands:
            reads.append(RowRead("t4", "", cands, v))
            break
    if not reads:
        # the groups on separate rows (行政复议 | 5 cells; …) or no data row at all
        rows = [v for v in values if len(v.tokens) == 5]
        if len(rows) == 3:
            joined = Values([tok for v in rows for tok in v.tokens], rows[0].start, rows[-1].end, rows[0].line,
                             page=rows[0].page)
            cands = candidates(joined, 15, non_negative)
            if cands:
                reads.append(RowRead("t4", "", cands, joined))
    if not reads:
        fused = [v for v in values if v.grid is None and len(v.tokens) < 15]
        if fused:  # the table is there, but its figures ran together and no reading holds its sums
            info.unread = "".join(fused[0].raw) if fused[0].raw else "".join(fused[0].tokens)
        return
    rr = reads[0]
    cols = [f"{g.key}.{o.key}" for g in t.t4_groups for o in t.t4_outcomes]
    labels = [f"{'行政复议' if g.key == 'reconsideration' else '行政诉讼·' + g.label}「{o.label}」"
              for g in t.t4_groups for o in t.t4_outcomes]
    record_cells(report, info, "t4", rr, [f"t4.{c}" for c in cols], labels, "", "count", None)
