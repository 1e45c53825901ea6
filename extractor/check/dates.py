"""Stale dates and late reports: text copied from another year, and the deadline of 条例 第四十九条.

- Y607 a 截至/截止 date before the reporting period ends (last year's cut-off left in);
- Y608 the signature dated before the period ends, or more than a year after it;
- Y609 the report naming itself as another year's report (编制完成YYYY年度报告, 公布《…YYYY年…年度报告》);
- Y610 published after the deadline (departments 1月31日, governments 3月31日 of the next year);
- C703 a 2021-or-later report citing the superseded format notice (国办公开办函〔2019〕60号, 格式（试行）).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from ..extract.claims import joined_prose
from ..model import Finding, Report
from .engine import RuleContext
from .registry import rule
from .signature import find_signature, to_date

_YEAR = r"(?:19|20)\d{2}"


def _report_year(r: Report) -> int | None:
    return r.meta.title_year or r.meta.year


def _period_end(r: Report) -> date | None:
    n = _report_year(r)
    if n is None:
        return None
    p = r.meta.period
    if p is not None and p[3] == n:
        try:
            return date(p[3], p[4], p[5])
        except ValueError:
            pass
    return date(n, 12, 31)


def _fmt(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


# ------------------------------------------------------------------ Y607 截至 a date before the period ends

_CUTOFF = re.compile(
    rf"(?:截至|截止)(?:到|至)?\s*(?P<y>{_YEAR})\s*年\s*(?:(?P<m>\d{{1,2}})\s*月\s*(?:(?P<d>\d{{1,2}})\s*日)?|(?P<end>底|末|年底|年末))?"
)


@rule("Y607")
def cutoff_before_period_end(r: Report, ctx: RuleContext) -> Iterator[Finding]:
    n = _report_year(r)
    if n is None:
        return
    joined = joined_prose(r)  # a date or figure cut across lines read whole
    text = joined.text
    end = _period_end(r)
    for m in _CUTOFF.finditer(text):
        y = int(m.group("y"))
        if y == n and end is not None and m.group("m"):
            # this year's date before the period ends, heading a figure: the figure stops short of the year
            mo, da = int(m.group("m")), int(m.group("d") or 0)
            try:
                cut = date(y, mo, da) if da else date(y, mo, 28)
            except ValueError:
                continue
            stop = min((i for i in (text.find("。", m.end()), text.find("；", m.end())) if i >= 0), default=len(text))
            if (not da and mo == end.month) or cut >= end or not re.search(r"\d+\s*(?:条|件|篇|项|份)", text[m.end() : stop]):
                continue
            a, b = joined.at(m.start()), joined.end(m.end())
            yield ctx.finding("early", start=a, end=b, quote=ctx.quote(a, b), said=re.sub(r"\s+", "", m.group(0)),
                              year=n, period_end=_fmt(end), expected=_fmt(end), actual=_fmt(cut),
                              section=r.section_at(a))
            continue
        if y >= n:
            continue
        if y < n - int(ctx.spec.params["history_years"]):
            continue  # a date of history (截至2015年，累计…), not a cut-off copied over
        # history told as such: 累计/以来/历年 in the same clause
        b = m.end()
        clause_end = min((i for i in (text.find("，", b), text.find("。", b), text.find("；", b)) if i >= 0),
                         default=len(text))
        if re.search(r"以来|历年|累计|先后", text[b:clause_end]) and y < n - 1:
            continue
        a, b = joined.at(m.start()), joined.end(m.end())
        said = re.sub(r"\s+", "", m.group(0))
        yield ctx.finding(start=a, end=b, quote=ctx.quote(a, b), said=said, year=n, cutoff=y,
                          expected=n, actual=y, section=r.section_at(a))


# ------------------------------------------------------------------ Y608 the signature date


@rule("Y608")
def signature_date(r: Report, ctx: RuleContext) -> Iterator[Finding]:
    end = _period_end(r)
    sig = find_signature(r)
    if end is None or sig is None or sig.date is None:
        return
    limit = date(end.year + 1, end.month, end.day) if not (end.month == 2 and end.day == 29) else date(end.year + 1, 3, 1)
    common = dict(start=sig.date_start, end=sig.date_end, quote=r.text[sig.body_start : sig.date_end],
                  signed=_fmt(sig.date), period_end=_fmt(end), year=_report_year(r),
                  section=r.section_at(sig.date_start), data={"signed": sig.date.isoformat()})
    if sig.date <= end:
        yield ctx.finding(None, expected=f"{end.year + 1}年", actual=_fmt(sig.date), **common)  # type: ignore[arg-type]
    elif sig.date > limit:
        yield ctx.finding("late", expected=_fmt(limit), actual=_fmt(sig.date), **common)  # type: ignore[arg-type]


# ------------------------------------------------------------------ Y609 the report naming another year

_SELF = re.compile(
    rf"(?:编制(?:完成|公布|发布|形成)?|特?(?:向社会)?(?:公布|发布)|形成|现予公布)[^。；，]{{0,40}}?(?P<y>{_YEAR})\s*年\s*度?"
    r"\s*(?:政府信息公开|政务公开)(?:工作)?(?:年度)?(?:报告|年报)"
)


@rule("Y609")
def self_named_other_year(r: Report, ctx: RuleContext) -> Iterator[Finding]:
    n = r.meta.title_year
    if n is None:
        return
    joined = joined_prose(r)
    text = joined.text
    lo = r.meta.title_end or 0
    s1 = min((s.start for s in r.sections), default=None)
    hi = min(len(r.text), s1 if s1 is not None and s1 > lo else lo + 400)  # the preamble: where a report names itself
    for m in _SELF.finditer(text, joined.inside(lo), joined.inside(hi)):
        y = int(m.group("y"))
        if y == n:
            continue
        if re.search(r"上一?年度?|上年|去年|往年|按时|按期|及时|如期", text[max(0, m.start() - 10) : m.start("y")]):
            continue  # last year's report, or its publication told as this year's work
        a, b = joined.at(m.start()), joined.end(m.end())
        yield ctx.finding(start=a, end=b, quote=ctx.quote(a, b), said=re.sub(r"\s+", "", m.group(0)), named=y,
                          year=n, expected=n, actual=y, section=r.section_at(a))
        return


# ------------------------------------------------------------------ Y610 published late

_PORTAL_DATE = re.compile(rf"(?:发布时间|发布日期|发文日期|公开日期|时间)\s*[:：]\s*(?P<y>{_YEAR})[-./年](?P<m>\d{{1,2}})[-./月](?P<d>\d{{1,2}})")


def published(r: Report) -> tuple[date | None, str]:
    """The publication date the file states (meta, or the portal's 发布时间 line) and where it came from."""
    p = r.meta.published
    if p:
        m = re.match(rf"(?P<y>{_YEAR})-(?P<m>\d{{1,2}})-(?P<d>\d{{1,2}})", p)
        if m:
            d = to_date(m.group("y"), m.group("m"), m.group("d"))
            if d is not None:
                return d, "页面标注的发布日期"
    m2 = _PORTAL_DATE.search(r.text[:3000])
    if m2:
        d = to_date(m2.group("y"), m2.group("m"), m2.group("d"))
        if d is not None:
            return d, "页面标注的发布时间"
    return None, ""


def deadline(r: Report, params: dict[str, object]) -> tuple[date, str] | None:
    n = _report_year(r)
    if n is None:
        return None
    kind = r.meta.body_kind
    since = int(params["department_rule_since"])  # type: ignore[call-overload]
    gov = str(params["government"])
    dept = str(params["department"])
    if kind == "department" and n >= since:
        md, who = dept, "人民政府部门"
    elif kind in ("government", "office", "department"):
        md, who = gov, "人民政府" if kind != "department" else "行政机关"
    else:
        return None
    mo, da = (int(x) for x in md.split("-"))
    return date(n + 1, mo, da), who


@rule("Y610")
def published_late(r: Report, ctx: RuleContext) -> Iterator[Finding]:
    dl = deadline(r, ctx.spec.params)
    if dl is None:
        return
    due, who = dl
    pub, src = published(r)
    sig = find_signature(r)
    signed = sig.date if sig is not None else None
    if signed is not None and signed.year != due.year:
        signed = None  # a signature of the wrong year is Y608's, not a publication date
    dates = [(d, s) for d, s in ((pub, src), (signed, "落款日期")) if d is not None]
    if not dates:
        return
    late = [(d, s) for d, s in dates if d > due]
    if not late:
        return
    d, s = max(late)
    said = "；".join(f"{w}{_fmt(x)}" for x, w in dates)
    yield ctx.finding(expected=_fmt(due), actual=_fmt(d), when=_fmt(d), source=s, due=_fmt(due), who=who,
                      dates=said, year=_report_year(r), days=(d - due).days,
                      start=sig.date_start if sig is not None and s == "落款日期" else None,
                      end=sig.date_end if sig is not None and s == "落款日期" else None,
                      data={"published": pub.isoformat() if pub else None,
                            "signed": signed.isoformat() if signed else None, "deadline": due.isoformat()})


# ------------------------------------------------------------------ C703 the superseded format notice

_OLD_NOTICE = re.compile(r"〔\s*2019\s*〕\s*60\s*号|\[\s*2019\s*\]\s*60\s*号|格式\s*[（(]\s*试行\s*[）)]")


@rule("C703")
def old_format_notice(r: Report, ctx: RuleContext) -> Iterator[Finding]:
    n = _report_year(r)
    if n is None or n < 2021:
        return
    joined = joined_prose(r)
    text = joined.text
    for m in _OLD_NOTICE.finditer(text):
        around = text[max(0, m.start() - 60) : m.end() + 60]
        a, b = joined.at(m.start()), joined.end(m.end())
        if re.search(r"〔\s*2021\s*〕\s*30\s*号|废止|不再执行|原(?:国办公开办函|格式|60号)", around):
            continue  # the history of the formats, not the format this report follows
        yield ctx.finding(start=a, end=b, quote=ctx.quote(a, b), written=re.sub(r"\s+", "", m.group(0)), year=n,
                          section=r.section_at(a))
        return
