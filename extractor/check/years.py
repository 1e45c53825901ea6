"""Y6 — years: the report year (title), the 统计期限, the years the prose speaks of."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from datetime import date

from ..extract.claims import joined_prose, soft_breaks
from ..model import Claim, Finding, Report
from ..structure.labels import text_squeeze_map
from .engine import RuleContext, fmt, sentence_span
from .facts import YEAR_IN, claim_year, counterpart, equal, lexicon
from .registry import rule


def _report_year(r: Report) -> int | None:
    return r.meta.title_year or r.meta.year


def _period_span(r: Report) -> tuple[int | None, int | None]:
    if r.meta.period_start is None:
        return None, None
    return r.meta.period_start, r.meta.period_start + len(r.meta.period_text or "")


def _fmt_period(p: tuple[int, int, int, int, int, int]) -> str:
    return f"{p[0]}年{p[1]}月{p[2]}日至{p[3]}年{p[4]}月{p[5]}日"


@rule("Y601")
def period_year(r: Report, ctx: RuleContext) -> Iterator[Finding]:
    p, n = r.meta.period, r.meta.title_year
    if p is None or n is None:
        return
    if p[0] != n and p[3] != n:
        a, b = _period_span(r)
        yield ctx.finding(start=a, end=b, quote=r.meta.period_text, period=_fmt_period(p), year=n,
                          expected=n, actual=p[3], section=r.section_at(a) if a is not None else None)


@rule("Y602")
def period_incomplete(r: Report, ctx: RuleContext) -> Iterator[Finding]:
    p, n = r.meta.period, _report_year(r)
    if p is None or n is None:
        return
    if p[0] != n and p[3] != n:
        return  # another year altogether: Y601
    if p == (n, 1, 1, n, 12, 31):
        return
    a, b = _period_span(r)
    yield ctx.finding(start=a, end=b, quote=r.meta.period_text, period=_fmt_period(p), year=n,
                      section=r.section_at(a) if a is not None else None)


@rule("Y603")
def dominant_year(r: Report, ctx: RuleContext) -> Iterator[Finding]:
    n = r.meta.title_year
    if n is None:
        return
    s1 = min((s.start for s in r.sections), default=0)
    text = joined_prose(r, s1).text
    counts = Counter(int(y) for y in YEAR_IN.findall(text))
    if not counts:
        return
    top, k = counts.most_common(1)[0]
    prm = ctx.spec.params
    if top != n and k >= prm["min_count"] and k > prm["ratio"] * counts.get(n, 0):
        yield ctx.finding(year=n, top=top, k=k, own=counts.get(n, 0), expected=n, actual=top,
                          data={"counts": {str(y): c for y, c in counts.most_common(5)}})


@rule("Y604")
def claim_other_year(r: Report, ctx: RuleContext) -> Iterator[Finding]:
    n = _report_year(r)
    if n is None:
        return
    this_year: list[Claim] = [c for c in r.claims if c.scope == "self" and claim_year(r, c) in (n, None)]
    by_sentence: dict[tuple[int, int], list[tuple[Claim, list[str], str]]] = {}
    for c in r.claims:
        if c.scope != "self" or c.approx:
            continue
        y = claim_year(r, c)
        if y is None or y == n:
            continue
        cp = counterpart(r, c.metric)
        if cp is not None and cp.main.value is not None and c.value and equal(c.value, cp.main.value, cp.money):
            by_sentence.setdefault(sentence_span(r.text, c.start, c.end, soft=soft_breaks(r)), []).append((c, cp.main.keys, cp.label))
            continue
        twins = [o for o in this_year if o.metric == c.metric and o is not c and o.value and equal(o.value, c.value)
                 and claim_year(r, o) == n]
        if twins:
            o = twins[0]
            yield ctx.finding(claims=[c, o], expected=n, actual=y, text=c.text.strip(), said=y, year=n,
                              value=c.value, other=o.text.strip())
    # figures equal to this year's table, labelled with another year: one finding per sentence
    for (_a, _b), hits in by_sentence.items():
        c = hits[0][0]
        y = claim_year(r, c)
        keys = [k for _c, ks, _l in hits for k in ks]
        what = "、".join(f"{fmt(h[0].value)}（{h[2]}）" for h in hits)
        yield ctx.finding("table", fields=keys, claims=[h[0] for h in hits], expected=n, actual=y,
                          text=c.text.strip(), said=y, year=n, value=what, label="")


@rule("Y605")
def future_in_report_year(r: Report, ctx: RuleContext) -> Iterator[Finding]:
    n = _report_year(r)
    s = r.section(5)
    if n is None or s is None:
        return
    verbs = lexicon()["future_verbs"]
    pat = re.compile(rf"(?<!\d){n}\s*年度?\s*[，,]?\s*(?:[我本][\u4e00-\u9fff]{{0,5}}?|全[区县市局])?\s*(?:{verbs})")
    joined = joined_prose(r, s.start, s.end)  # 「2024\n年」 read whole
    m = pat.search(joined.text)
    if m is None:
        return
    a = joined.at(m.start())
    b = joined.end(m.end())
    yield ctx.finding(start=a, end=b, quote=ctx.quote(a, b), section=5, year=n, next=n + 1,
                      said=m.group(0), expected=n + 1, actual=n)


def _published(r: Report) -> date | None:
    if not r.meta.published:
        return None
    try:
        y, m, d = (int(x) for x in r.meta.published.split("-")[:3])
        return date(y, m, d)
    except ValueError:
        return None


@rule("Y606")
def anachronism(r: Report, ctx: RuleContext) -> Iterator[Finding]:
    n = _report_year(r)
    if n is None:
        return
    pub = _published(r)
    due_m, due_d = (int(x) for x in str(ctx.spec.params["deadline"]).split("-"))
    latest = pub or date(n + 1, due_m, due_d)
    # PDF conversions set numbers off by spaces (“〔2021〕30 号”): where the text itself does not
    # match, match on the text without whitespace and map the match back
    compact: tuple[str, list[int]] | None = None
    for doc in lexicon()["late_documents"]:
        issued = doc["date"] if isinstance(doc["date"], date) else date.fromisoformat(str(doc["date"]))
        if issued <= latest:
            continue
        m = re.search(doc["pattern"], r.text)
        if m is not None and m.end() > m.start():
            a, b = m.span()
        else:
            if compact is None:
                compact = text_squeeze_map(r)
            cm = re.search(doc["pattern"], compact[0])
            if cm is None or cm.end() <= cm.start():
                continue
            a, b = compact[1][cm.start()], compact[1][cm.end() - 1] + 1
        yield ctx.finding(start=a, end=b, quote=ctx.quote(a, b), doc=doc["name"],
                          issued=f"{issued.year}年{issued.month}月{issued.day}日", year=n,
                          when=(f"发布于{pub.year}年{pub.month}月{pub.day}日" if pub else f"应于{n + 1}年{due_m}月{due_d}日前发布"),
                          section=r.section_at(a))
        return
