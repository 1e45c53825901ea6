"""X805–X808 — copies: a report that repeats last year's report, or another body's report of the year.

Text is compared by TF-IDF cosine over character n-grams (`check/similarity.py`), with figures
written as ＃ and the body's own name as ＠, so a copy that changed the numbers and the name still
reads as a copy. The thresholds are the rules' `params` in the catalogue. A match is a warning:
a person decides whether the text was copied or merely follows a common model.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from ..model import Finding, Report
from ..text import TABLE_SUBJECTS
from .engine import RuleContext
from .facts import possible
from .names import normalise, same_body
from .registry import rule
from .similarity import cosine, prose, section_prose, table_values

_NUMERAL = "一二三四五六"
#: stocks legitimately carried from year to year: left out when looking for repeated figures
_STOCK = (".in_force", ".public_total", ".prev_items")


def _percent(sim: float) -> str:
    return f"{sim * 100:.0f}%"


@rule("X805")
def copied_text(r: Report, ctx: RuleContext) -> Iterator[Finding]:
    p = ctx.last_year(r)
    if p is None:
        return
    prm = ctx.spec.params
    for n in prm["sections"]:
        s = r.section(n)
        now, before = section_prose(r, n), section_prose(p, n)
        if s is None or min(len(now), len(before)) < prm["min_chars"]:
            continue
        sim = cosine(now, before, prm["ngram"])
        if sim < prm["threshold"]:
            continue
        title = f"{s.numeral or _NUMERAL[n - 1]}、{s.title}"
        yield ctx.finding(section=n, locations=[f"第{_NUMERAL[n - 1]}部分「{s.title}」"],
                          start=s.heading_end or s.start, end=s.end, actual=round(sim, 3), part=title,
                          prev_year=p.meta.year, similarity=_percent(sim),
                          data={"previous": p.source, "similarity": round(sim, 4)})


def _derived(key: str) -> bool:
    """A total of other cells of the same table (its 总计 column or row): it repeats what they say."""
    return key.endswith(".total") or key.startswith("t3.total.")


Cell = tuple[frozenset[Decimal], tuple[tuple[Decimal | None, ...], ...] | None]


def _cells(r: Report, table: str) -> dict[str, Cell]:
    """The figures of one table as (the values the cell may hold, the readings of its row): a cell
    read plainly holds its value (no readings); a cell of a row whose digits ran together and split
    in several ways (a scraped page) holds what each reading gives it. Blank cells are left out."""
    out: dict[str, Cell] = {}
    for k, f in r.fields.items():
        if not k.startswith(f"{table}."):
            continue
        if f.value is not None:
            out[k] = (frozenset({Decimal(str(f.value))}), None)
            continue
        vals = possible(r, k)
        if vals:
            rows = tuple(tuple(None if v is None else Decimal(str(v)) for v in c) for c in f.candidates or [])
            out[k] = (frozenset(Decimal(str(v)) for v in vals), rows)
    return out


def _same(a: Cell, b: Cell) -> bool:
    """Both years print the same figure: equal values, or the same run of digits (its readings),
    or a plain value that is one reading of the other year's run."""
    if a[1] is not None and b[1] is not None:
        return a[1] == b[1]
    if a[1] is None and b[1] is None:
        return a[0] == b[0]
    return (a if a[1] is None else b)[0] <= (b if a[1] is None else a)[0]


def _repeated(r: Report, p: Report, table: str) -> tuple[list[str], int]:
    now, before = _cells(r, table), _cells(p, table)
    keys = [k for k in now if k in before and not k.endswith(_STOCK) and not _derived(k)]
    nonzero = [k for k in keys if any(now[k][0] | before[k][0])]
    return [k for k in nonzero if _same(now[k], before[k])], len(nonzero)


@rule("X806")
def repeated_figures(r: Report, ctx: RuleContext) -> Iterator[Finding]:
    p = ctx.last_year(r)
    if p is None or p.meta.template != r.meta.template:
        return
    prm = ctx.spec.params
    for table in ("t2", "t3", "t4"):
        same, total = _repeated(r, p, table)
        if total < prm["min_nonzero"] or len(same) < total * Decimal(str(prm["min_share"])):
            continue
        yield ctx.finding(fields=same, expected=None, actual=len(same), table=TABLE_SUBJECTS[table],
                          prev_year=p.meta.year, same=len(same), total=total,
                          data={"previous": p.source})


def _peers(r: Report, ctx: RuleContext) -> list[Report]:
    if ctx.context is None or r.meta.year is None:
        return []
    me = normalise(r.meta.body)
    if me is None:
        return []
    out = [p for p in ctx.context.peers(r) if p is not r and p.status == "ok" and p.meta.year == r.meta.year
           and normalise(p.meta.body) is not None and not same_body(me, normalise(p.meta.body))]
    return sorted(out, key=lambda p: p.source)


def _others(n: int) -> str:
    return f"；另有{n}份同年度报告也超过阈值" if n else ""


@rule("X807")
def peer_text(r: Report, ctx: RuleContext) -> Iterator[Finding]:
    prm = ctx.spec.params
    mine = prose(r)
    if len(mine) < prm["min_chars"]:
        return
    hits = []
    for p in _peers(r, ctx):
        theirs = prose(p)
        if len(theirs) < prm["min_chars"]:
            continue
        sim = cosine(mine, theirs, prm["ngram"])
        if sim >= prm["threshold"]:
            hits.append((sim, p))
    if not hits:
        return
    hits.sort(key=lambda h: (-h[0], h[1].source))
    sim, p = hits[0]
    yield ctx.finding(actual=round(sim, 3), peer=p.meta.body, peer_source=p.source, similarity=_percent(sim),
                      others=_others(len(hits) - 1), locations=["全文"],
                      data={"peer": p.source, "similarity": round(sim, 4), "peers": [h[1].source for h in hits]})


@rule("X808")
def peer_figures(r: Report, ctx: RuleContext) -> Iterator[Finding]:
    prm = ctx.spec.params
    mine = table_values(r)
    nonzero = [k for k, v in mine.items() if v != 0]
    if len(nonzero) < prm["min_nonzero"]:
        return
    hits = [p for p in _peers(r, ctx) if table_values(p) == mine]
    if not hits:
        return
    p = hits[0]
    yield ctx.finding(fields=sorted(nonzero), actual=len(mine), peer=p.meta.body, peer_source=p.source,
                      count=len(mine), nonzero=len(nonzero), others=_others(len(hits) - 1),
                      data={"peer": p.source, "peers": [h.source for h in hits]})
