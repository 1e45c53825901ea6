"""F5 — fees: the 信息处理费 of 国办函〔2020〕109号 (元, reported in section 六 from 2021), and the
行政事业性收费 of 表二 (万元), which is a different thing."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from ..model import Claim, Finding, Report
from ..text import prose_text
from .engine import RuleContext, fmt
from .facts import is_this_year, lexicon, rx
from .registry import rule


def _fee_claims(r: Report) -> list[Claim]:
    return [c for c in r.claims if c.metric == "processing_fee.amount" and c.scope == "self" and is_this_year(r, c)]


def _mentions_fee(text: str) -> bool:
    return any(w in text for w in lexicon()["fee_words"])


def _section6(r: Report) -> tuple[str, int, int] | None:
    s = r.section(6)
    if s is None:
        return None
    return prose_text(r, s.heading_end or s.start, s.end), s.start, s.heading_end or s.start


@rule("F501")
def fee_statement_missing(r: Report, ctx: RuleContext) -> Iterator[Finding]:
    if ctx.version != "2021" or ctx.year is None or ctx.year < 2021:
        return
    s6 = _section6(r)
    if s6 is not None and _mentions_fee(s6[0]):
        return
    if s6 is None and _mentions_fee(prose_text(r)):
        return  # no section 六, but the fee is reported elsewhere (the structure rules name the missing part)
    if _fee_claims(r):
        return
    if s6 is not None:
        yield ctx.finding(section=6, start=s6[1], end=s6[2], year=ctx.year)
    else:
        yield ctx.finding("nosection", year=ctx.year)


@rule("F502")
def fee_statements_disagree(r: Report, ctx: RuleContext) -> Iterator[Finding]:
    cs = [c for c in _fee_claims(r) if not c.approx]
    values = list(dict.fromkeys(Decimal(str(c.value)) for c in cs))
    if len(values) < 2:
        return
    yield ctx.finding(claims=cs, expected=cs[0].value, actual=[c.value for c in cs],
                      values="、".join(f"{fmt(v)}元" for v in values),
                      quotes="与".join(f"“{c.text.strip()}”" for c in cs[:3]))


@rule("F503")
def fee_notice_vs_statement(r: Report, ctx: RuleContext) -> Iterator[Finding]:
    if ctx.version != "2021":
        return
    key = "t3.other.unpaid_fee.total"
    n = r.value(key)
    if not n:
        return
    text = prose_text(r)
    claims = _fee_claims(r)
    m = rx("no_fee_policy").search(text)
    if m is not None:
        yield ctx.finding("policy", fields=[key], claims=claims, expected=">0", actual=0, n=n,
                          said=m.group(0), quote=ctx.quote(m.start(), m.end()), start=m.start(), end=m.end(),
                          section=r.section_at(m.start()))
    elif not _mentions_fee(text) and not claims:
        yield ctx.finding(fields=[key], n=n, actual=None)


@rule("F504")
def fee_confusion(r: Report, ctx: RuleContext) -> Iterator[Finding]:
    amount = r.value("t2.fees.amount")
    for c in _fee_claims(r):
        if not c.value or not amount:
            continue
        v = Decimal(str(c.value))
        a = Decimal(str(amount))
        if v == a or v == a * 10000:
            yield ctx.finding(fields=["t2.fees.amount"], claims=[c], expected=None, actual=c.value,
                              text=c.text.strip(), value=c.value, amount=amount)
            return
    for c in r.claims:
        if c.metric != "admin_fees.amount" or c.scope != "self":
            continue
        sent = ctx.quote(c.start, c.end)
        if "处理费" in sent:
            yield ctx.finding("admin", fields=["t2.fees.amount"] if "t2.fees.amount" in r.fields else [],
                              claims=[c], text=c.text.strip(), value=c.value)
            return


@rule("F505")
def fee_tariff(r: Report, ctx: RuleContext) -> Iterator[Finding]:
    for c in _fee_claims(r):
        if c.approx or not c.value:
            continue
        v = Decimal(str(c.value))
        if v % Decimal(str(ctx.spec.params["unit"])) != 0:
            yield ctx.finding(claims=[c], actual=c.value, text=c.text.strip(), value=c.value)
