"""P404/P405 — shares (占x%) against the counts they are shares of, and shares that must make 100%.

A share is checked only against the base the report itself names (issue 10, point 2):
1. the share's own words name it: 占全部办结数的x% / 占已答复申请的x% → 表三's 办结总数; 占本年新收的x% →
   本年新收; 占总数的x% → the total named before it (below); any other named base (占办件总量的x%) is
   one we do not have: no check;
2. the total the figure is a part of: the claim's 其中 link, a “N条，其中…” or “在…N条…中” before it
   in the sentence, or (for the replies to applications) the 办结/收到 figure stated before it in the
   sentence, or a lead such as 办结的申请中 that names a row of 表三;
3. no base named: no check (a share may be worked out on anything).
An approximate named total (办结近200件) is replaced by the table cell it stands for, when there is one.

The band a share allows comes from its printed precision: half a unit of its last digit either way
(4.3% of 805 is 34.6 ±0.4), and — where the catalogue allows it — the writer's cutting the digits
off instead of rounding (5.6% written 5%).

P405 groups the shares of one whole: the replies to applications (the 表三 outcomes, listed in one
sentence or the next), or the parts of one named total. The shares of a complete list (every
outcome 表三 has, or parts whose counts make the total) must add up to 100% within the rounding of
each item; shares of one whole over 100% are wrong whatever is missing.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal

from ..extract.claims import soft_breaks
from ..model import Claim, Finding, Number, NumberMention, Report
from ..text import WHOLE_SENTENCE, prose_text
from .engine import RuleContext, fmt, sentence_span
from .facts import cell_sum, counterpart, equal, is_this_year, metrics, rx
from .registry import rule

_CHANGE = re.compile(r"增长|增加|下降|减少|提高|降低|提升|同比|环比|较上年|比上年|较去年|上升|增幅|降幅")
# the words between a figure and its percentage that make the percentage a share of something
_SHARE_WORDS = re.compile(r"^\s*(?:人次|[件条篇个项份次期场家])?\s*[，,]?\s*[（(]?\s*(?P<lead>[^，,；;。%％\d]{0,24}?)\s*(?:占|比例为|比重为|比例是|比重是)\s*"
                          r"(?:比例|比重|比)?\s*(?:为|是|达)?\s*(?P<base>[^，,；;。%％\d]{0,20}?)\s*(?:的)?\s*$")
# a named base: which count it is
_BASE_HANDLED = re.compile(r"办结|答复|办理|处理")
_BASE_NEW = re.compile(r"新收|收到|受理|申请总数|申请数")
_BASE_GENERIC = re.compile(r"^(?:全部|所有|总|总数|总量|总计|合计|全年|本年|总体|上述|以上)*(?:数|数量|总数|总量|信息|条数|件数)?$")
# a lead that names a row of 表三 as the whole the figures that follow are parts of
_LEAD_HANDLED = re.compile(r"(?:已?办结|已?答复|办理完毕)的?(?:政府信息公开)?申请(?:件)?中")
_LEAD_NEW = re.compile(r"(?:收到|新收|受理)的?(?:政府信息公开)?申请(?:件)?中")
# “在公开的74条信息中，”, “我局主动公开的107条信息中，”: the whole the figures after it are parts of
_IN_MARK = re.compile(r"(?:在[^，。；,;：:]{0,24}?(?P<n>\d[\d,]*)\s*(?P<u>条|件|篇|个|项|份)[^，。；,;]{0,16}?中\s*[，,:：]?"
                      r"|的(?P<n2>\d[\d,]*)\s*(?P<u2>条|件|篇|个|项|份)[^，。；,;\d]{0,10}?中\s*[，,:：])")
_DOC_UNITS = frozenset("条份篇")


@dataclass
class Base:
    value: Number
    label: str  # how the message names it: 办结总数 / 正文“…”中的
    fields: list[str]
    start: int = -1  # where the prose names it (-1: a table cell)


@dataclass
class Share:
    value: Number  # the count the share is of
    unit: str | None
    share: Decimal  # as printed: Decimal("4.3")
    start: int  # the figure's span
    end: int
    pct_end: int
    text: str  # the clause
    claim: Claim | None
    base: Base | None
    metric: str = ""


def _same_unit(a: str | None, b: str | None) -> bool:
    return a == b or (a in _DOC_UNITS and b in _DOC_UNITS) or a is None or b is None


def half_unit(share: Decimal) -> Decimal:
    exp = share.as_tuple().exponent
    places = -exp if isinstance(exp, int) and exp < 0 else 0
    return Decimal(5) * Decimal(10) ** (-(places + 1))


def _band(share: Decimal, truncated: bool) -> tuple[Decimal, Decimal]:
    """The percentages the printed share allows: its rounding band, and with `truncated` also what
    cutting the digits off gives (5% for 5.6%)."""
    h = half_unit(share)
    hi = share + 2 * h if truncated else share + h
    return share - h, hi


def _percent_after(text: str, at: int, stop: int) -> tuple[int, int, Decimal] | None:
    m = re.compile(r"(\d+(?:\.\d+)?)\s*[%％]").search(text, at, stop)
    return (m.start(), m.end(), Decimal(m.group(1))) if m else None


def _sentence(text: str, start: int) -> tuple[int, int]:
    """The whole sentence (up to 。！？, a ；inside it kept) that holds `start`."""
    a = start
    while a > 0 and text[a - 1] not in "。！？!?\n":
        a -= 1
    b = start
    while b < len(text) and text[b] not in "。！？!?\n":
        b += 1
    return a, b


def _named_base(words: str) -> str | None:
    """What the share's own words name as its base: handled, new, the total before (generic), or
    "other" (a base we cannot find); None when they name nothing."""
    w = re.sub(r"[\s（(]", "", words)
    w = re.sub(r"^(?:约|大约|近|超过)", "", w)
    if not w:
        return None
    if _BASE_HANDLED.search(w):
        return "handled"
    if _BASE_NEW.search(w):
        return "new"
    if _BASE_GENERIC.fullmatch(w):
        return "generic"
    return "other"


def _table_base(r: Report, which: str) -> Base | None:
    keys, label = (["t3.total.total"], "办结总数") if which == "handled" else (["t3.new.total"], "本年新收")
    s = cell_sum(r, keys)
    return Base(s.value, label, s.keys) if s.value else None


def _prose_total_before(r: Report, text: str, a: int, fig: int, unit: str | None) -> Base | None:
    """The total the sentence names before the figure: “N条，其中…” or “在…N条…中，…”."""
    from ..extract.numbers import find_numbers

    head = text[a:fig]
    best: tuple[int, NumberMention] | None = None
    for m in _IN_MARK.finditer(head):
        nums = [n for n in find_numbers(m.group(0)) if n.kind == "count"]
        if nums and _same_unit(nums[0].unit, unit):
            n = nums[0]
            best = (m.start(), NumberMention(n.value, n.unit, a + m.start() + n.start, a + m.start() + n.end,
                                             n.text, n.approx))
    for k in re.finditer("其中", head):
        before = [n for n in find_numbers(head[: k.start()]) if n.kind == "count" and _same_unit(n.unit, unit)]
        if before and (best is None or k.start() > best[0]):
            n = before[-1]
            best = (k.start(), NumberMention(n.value, n.unit, a + n.start, a + n.end, n.text, n.approx))
    if best is None:
        return None
    n = best[1]
    if n.approx:
        return _approx_total(r, n)
    return Base(n.value, f"正文“{_clause(r.text, n.start, n.end)}”中的", [], n.start)


def _approx_total(r: Report, n: NumberMention) -> Base | None:
    """An approximate total (办结近200件) was not what the share was worked out on: the table cell
    it stands for is, when a claim ties it to one."""
    for c in r.claims:
        if c.start <= n.start < c.end and c.scope == "self":
            cp = counterpart(r, c.metric)
            if cp is not None and cp.main.value:
                return Base(cp.main.value, cp.label, cp.main.keys)
    return None


def _claim_total_before(r: Report, c: Claim, a: int) -> Base | None:
    """For a reply to applications: the 办结/收到 figure the sentence states before it."""
    if not c.metric.startswith("applications."):
        return None
    before = [o for o in r.claims if a <= o.start < c.start and o.scope == "self" and o.value
              and o.metric in ("applications.handled", "applications.new") and o is not c]
    if not before:
        return None
    o = before[-1]
    if o.approx:
        cp = counterpart(r, o.metric)
        return Base(cp.main.value, cp.label, cp.main.keys) if cp is not None and cp.main.value else None
    return Base(o.value, f"正文“{o.text.strip()}”中的", [], o.start)


def _clause(text: str, start: int, end: int) -> str:
    a = start
    while a > 0 and start - a < 40 and text[a - 1] not in "，。；：,;:！？（()）\n":
        a -= 1
    return text[a:end].strip()


def _resolve(r: Report, text: str, start: int, end: int, pct_start: int, unit: str | None,
             claim: Claim | None) -> Base | bool | None:
    """The base the report names for the share of the figure at [start, end); False when the
    percentage is not a share (a change, or no share words)."""
    between = text[end:pct_start]
    if _CHANGE.search(between):
        return False
    m = _SHARE_WORDS.match(between)
    if m is None:
        return False
    a, _b = _sentence(text, start)
    named = _named_base(m.group("base"))
    inside = re.search(r"在(.+?)中", m.group("lead"))
    if named is None and inside is not None:  # 在全部答复中所占比重为x%
        named = _named_base(inside.group(1))
    if named in ("handled", "new"):
        return _table_base(r, named)
    if named == "other":
        return None
    if claim is not None and claim.part_of is not None and 0 <= claim.part_of < len(r.claims):
        p = r.claims[claim.part_of]
        if not p.approx and p.start < start:
            return Base(p.value, f"正文“{p.text.strip()}”中的", [], p.start)
    found = _prose_total_before(r, text, a, start, unit)
    if found is not None:
        return found
    if claim is not None:
        found = _claim_total_before(r, claim, a)
        if found is not None:
            return found
    lead = text[a:start]
    if _LEAD_HANDLED.search(lead):
        return _table_base(r, "handled")
    if _LEAD_NEW.search(lead):
        return _table_base(r, "new")
    return None


def _is_this_year(r: Report, c: Claim) -> bool:
    return c.scope == "self" and is_this_year(r, c)


def shares(r: Report) -> list[Share]:
    """Every count in the prose with the share stated beside it, and the base the report names."""
    from ..extract.numbers import find_numbers

    text = prose_text(r)
    out: list[Share] = []
    seen: set[int] = set()
    # claims first: they know their metric and their 其中 link
    for c in sorted(r.claims, key=lambda c: c.start):
        if c.share is None or not _is_this_year(r, c):
            continue
        s, e = (c.number_start, c.number_end) if c.number_end > c.number_start else (c.start, c.end)
        _a, b = sentence_span(r.text, s, e, soft=soft_breaks(r))
        pct = _percent_after(text, e, b)
        if pct is None:
            continue
        printed = pct[2] if pct[2] == Decimal(str(c.share)) else Decimal(str(c.share))
        other = rx("other_scope").search(r.text[_a:s])
        if other:
            continue  # 各乡镇（街道）…: another body's figure
        base = _resolve(r, text, s, e, pct[0], c.unit, c)
        if base is False:
            continue
        out.append(Share(c.value, c.unit, printed, s, e, pct[1], c.text.strip(), c,
                         base if isinstance(base, Base) else None, c.metric))
        seen.add(s)
    # figures no claim covers: 工作动态类信息12条，占16%
    for m in WHOLE_SENTENCE.finditer(text):
        sent = m.group(0)
        if "%" not in sent and "％" not in sent:
            continue
        nums = find_numbers(sent)
        for i, n in enumerate(nums):
            if n.kind != "percent" or i == 0:
                continue
            f = nums[i - 1]
            if f.kind != "count" or f.approx:
                continue
            s, e = m.start() + f.start, m.start() + f.end
            if s in seen or any(c.start <= s < c.end and equal(c.value, f.value) for c in r.claims
                                if c.share is not None):
                continue
            base = _resolve(r, text, s, e, m.start() + n.start, f.unit, None)
            if base is False:
                continue
            out.append(Share(f.value, f.unit, Decimal(str(n.value)), s, e, m.start() + n.end,
                             _clause(r.text, s, e), None, base if isinstance(base, Base) else None))
            seen.add(s)
    out.sort(key=lambda x: x.start)
    return out


def _as_claim(r: Report, x: Share) -> Claim:
    if x.claim is not None:
        return x.claim
    return Claim(metric="figure.part", value=x.value, unit=x.unit, text=x.text, start=x.start, end=x.end,
                 section=r.section_at(x.start), share=x.share, number_start=x.start, number_end=x.end,
                 pattern="share")


def _base_claim(r: Report, base: Base) -> list[Claim]:
    if base.start < 0:
        return []
    for c in r.claims:
        if c.start <= base.start < c.end and c.value == base.value:
            return [c]
    return [Claim(metric="figure.total", value=base.value, unit=None, text=_clause(r.text, base.start, base.start),
                  start=base.start, end=base.start, section=r.section_at(base.start), pattern="share")]


def _places(share: Decimal) -> int:
    exp = share.as_tuple().exponent
    return max(1, -exp if isinstance(exp, int) and exp < 0 else 0)


def _count_band(lo: Decimal, hi: Decimal) -> tuple[Decimal, Decimal]:
    """The band in counts, rounded inwards (so that a figure outside it is shown outside it) to
    two decimals, or more where two would close it."""
    for places in (2, 3, 4):
        q = Decimal(10) ** -places
        a, b = lo.quantize(q, rounding=ROUND_CEILING), hi.quantize(q, rounding=ROUND_FLOOR)
        if a < b:
            return a, b
    return lo, hi


@rule("P404")
def share_mismatch(r: Report, ctx: RuleContext) -> Iterator[Finding]:
    truncated = bool(ctx.spec.params["accept_truncated"])
    for x in shares(r):
        if x.base is None or not x.base.value:
            continue
        den = Decimal(str(x.base.value))
        computed = Decimal(str(x.value)) * 100 / den
        lo, hi = _band(x.share, truncated)
        if lo <= computed <= hi:
            continue
        q = Decimal(10) ** -_places(x.share)
        shown = computed.quantize(q)
        count_lo, count_hi = _count_band(max(lo, Decimal(0)) * den / 100, hi * den / 100)
        claims = [_as_claim(r, x), *_base_claim(r, x.base)]
        yield ctx.finding(fields=x.base.fields, claims=claims, expected=shown, actual=x.share, text=x.text,
                          share=str(x.share), value=x.value, unit=x.unit or "", den=x.base.value, den_label=x.base.label,
                          computed=shown, low=fmt(count_lo), high=fmt(count_hi), start=x.start, end=x.pct_end)


def _group_tolerance(group: list[Share], per_share: Decimal) -> Decimal:
    """Each item's own rounding: half a unit of its last digit, at least `per_share`."""
    return sum((max(per_share, half_unit(x.share)) for x in group), start=Decimal(0))


def _cluster(r: Report, items: list[Share], gap: int) -> list[list[Share]]:
    """Shares that stand together: the same sentence, or sentences at most `gap` characters apart."""
    groups: list[list[Share]] = []
    for x in items:
        if groups:
            last = groups[-1][-1]
            _a, b = sentence_span(r.text, last.start, last.end, soft=soft_breaks(r))
            if r.section_at(x.start) == r.section_at(last.start) and x.start - b <= gap:
                groups[-1].append(x)
                continue
        groups.append([x])
    return groups


@rule("P405")
def shares_not_100(r: Report, ctx: RuleContext) -> Iterator[Finding]:
    prm = ctx.spec.params
    per_share = Decimal(str(prm["tolerance_per_share"]))
    all_shares = shares(r)
    said: set[frozenset[int]] = set()

    def finding(group: list[Share], complete: str | None) -> Finding | None:
        key = frozenset(x.start for x in group)
        if key in said or len(group) < 2:
            return None
        total = sum((x.share for x in group), start=Decimal(0))
        tol = _group_tolerance(group, per_share)
        if (complete is not None and abs(total - 100) <= tol) or (complete is None and total <= 100 + tol):
            return None
        said.add(key)
        return ctx.finding(None if complete else "over", claims=[_as_claim(r, x) for x in group], expected=100,
                           actual=total, total=total, shares="＋".join(f"{fmt(x.share)}%" for x in group),
                           count=len(group), tolerance=fmt(tol), why=complete or "", start=group[0].start,
                           end=group[-1].pct_end)

    # the replies to applications: the outcomes of 表三
    outcome = list(metrics()["outcome_metrics"])
    replies = [x for x in all_shares if x.claim is not None
               and (x.metric in outcome or x.metric == "applications.granted_or_partial")]
    for group in _cluster(r, replies, int(prm["max_gap"])):
        if any(x.metric == "applications.granted_or_partial" for x in group):
            # 予以公开和部分公开合计30件，占69.8% holds 予以公开 25件，占58.1%: its parts are not added to it
            group = [x for x in group if x.metric not in ("applications.granted", "applications.partial")]
        covered: set[str] = set()
        for x in group:
            covered |= ({"applications.granted", "applications.partial"}
                        if x.metric == "applications.granted_or_partial" else {x.metric})
        needed: set[str] = set()
        for mt in outcome:
            cp = counterpart(r, mt)
            if cp is None or cp.main.value is None:
                needed = set(outcome) if len(covered) >= int(prm["complete_at"]) else {"?"}
                break
            if cp.main.value:
                needed.add(mt)
        complete = "涵盖表三全部不为0的办理结果" if needed and needed <= covered else None
        f = finding(group, complete)
        if f is not None:
            yield f
    # the parts of one named total
    by_base: dict[tuple[int, str], list[Share]] = {}
    for x in all_shares:
        if x.base is not None and x.base.start >= 0:
            by_base.setdefault((x.base.start, str(x.base.value)), []).append(x)
    for (_s, value), group in by_base.items():
        counts = sum((Decimal(str(x.value)) for x in group), start=Decimal(0))
        complete = f"各项件数之和恰为总数{fmt(Decimal(value))}" if counts == Decimal(value) else None
        f = finding(group, complete)
        if f is not None:
            yield f
