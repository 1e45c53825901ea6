"""P4 — the prose against the tables, and the prose against itself.

Only a `scope: self` claim of this year, stated exactly, whose metric is certain, can contradict a
table (P401, error). Before that, a figure is tried against the natural sums a report may mean by
the same words (rules/lexicon/metrics.yaml `alternatives`: 新收＋结转, 予以公开＋部分公开, 复议＋诉讼); a
figure so explained, or one about another scope, is at most `info` (P403) — except an alternative
marked `warn` (收到N件 = 新收＋上年结转: the prose counts carried-over applications as received),
which is a warning with the arithmetic (P409). A figure whose metric is inferred (from the
sentence) or which counts one kind of reply inside a row of 表三 is uncertain:
at most a warning that says what is uncertain (P409). Approximate figures (余/约/近) and shares
(占X%) are warnings.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

from ..extract.claims import joined_prose, soft_breaks
from ..extract.patterns import FIGURE_BRACKETS
from ..model import Claim, Finding, Number, NumberMention, Report
from ..text import WHOLE_SENTENCE
from .engine import RuleContext, fmt, sentence_span
from .facts import (
    Counterpart,
    approx_ok,
    cell_sum,
    counterpart,
    equal,
    is_this_year,
    metrics,
    possible,
    rx,
)
from .registry import rule
from .totals import (
    ATTRIBUTE,
    DISCLOSURE,
    NEW_PREDICATE,
    PART,
    claim_for,
    item_reading,
    partition_named,
    same_unit,
    shifted,
)


def _money_equal(c: Claim, table: Number) -> bool:
    """A money claim equals the cell when it is the cell rounded to the digits the prose wrote."""
    stated = Decimal(str(c.value))
    exp = stated.as_tuple().exponent
    places = -exp if isinstance(exp, int) and exp < 0 else 0
    half = Decimal(5) * Decimal(10) ** (-(places + 1))
    return abs(Decimal(str(table)) - stated) <= half + Decimal("0.0000001")


def _matches(cp: Counterpart, c: Claim, value: Number | None) -> bool:
    if value is None:
        return False
    if cp.money:
        return _money_equal(c, value)
    return equal(c.value, value)


def _other_subject(r: Report, c: Claim) -> str | None:
    """A subject such as 各乡镇（街道） before the figure in its sentence: the figure is theirs."""
    a, _b = sentence_span(r.text, c.start, c.end, soft=soft_breaks(r))
    m = rx("other_scope").search(r.text[a : c.number_start or c.end])
    return m.group(0) if m else None


def _checkable(r: Report, c: Claim) -> bool:
    return c.scope == "self" and is_this_year(r, c) and _other_subject(r, c) is None and not _sub_part(r, c)


def _sub_part(r: Report, c: Claim) -> bool:
    """A part (其中…) of a figure of its own metric — 收到申请42件，其中县公安局受理8件 / 其中重复提出的6件:
    some of the metric's figure, never the table's figure of it. (One kind of reply the patterns name,
    其中本机关不掌握相关政府信息5件, is compared with its own sub-row: P409.)"""
    p = c.part_of
    return p is not None and 0 <= p < len(r.claims) and r.claims[p].metric == c.metric and _subcategory(c) is None


def _unit(c: Claim) -> str:
    return c.unit or ""


def _certain(c: Claim) -> bool:
    """The claim's metric is stated beside its figure by a pattern (not inferred from the sentence),
    and it is the metric's own figure, not one kind of reply inside its row."""
    return c.method == "pattern" and c.confidence >= 1 and _subcategory(c) is None and c.scope_reason is None


def _subcategory(c: Claim) -> dict[str, Any] | None:
    """The sub-row a claim of one kind of reply counts (1件属于“本机关不掌握相关政府信息”)."""
    subs = metrics().get("subcategories") or {}
    got = subs.get(".".join((c.pattern or "").split(".")[:3]))  # denied.sub.state_secret(.after …)
    return got if isinstance(got, dict) else None


@rule("P401")
def prose_table_mismatch(r: Report, ctx: RuleContext) -> Iterator[Finding]:
    for c in r.claims:
        if c.approx or not _checkable(r, c) or not _certain(c):
            continue
        cp = counterpart(r, c.metric)
        if cp is None:
            continue
        if cp.main.value is None:
            # a digit run that did not split uniquely: no reading of it gives the prose figure
            readings = possible(r, cp.main.keys[0]) if len(cp.main.keys) == 1 else None
            if readings and not any(_matches(cp, c, v) for v in readings):
                ordered = sorted(readings, key=Decimal)
                shown = "或".join(fmt(v) for v in ordered)
                yield ctx.finding("readings", fields=cp.main.keys, claims=[c], expected=ordered,
                                  actual=c.value, text=c.text.strip(), value=c.value, unit=_unit(c), label=cp.label,
                                  table=shown, table_unit="万元" if cp.money else "")
            continue
        if _matches(cp, c, cp.main.value) or any(_matches(cp, c, a.value) for a in cp.alternatives):
            continue
        yield ctx.finding(fields=cp.main.keys, claims=[c], expected=cp.main.value, actual=c.value,
                          text=c.text.strip(), value=c.value, unit=_unit(c), label=cp.label, table=cp.main.value,
                          table_unit="万元" if cp.money else "")


@rule("P402")
def prose_table_approx(r: Report, ctx: RuleContext) -> Iterator[Finding]:
    for c in r.claims:
        if not c.approx or not _checkable(r, c):
            continue
        cp = counterpart(r, c.metric)
        if cp is None or cp.main.value is None:
            continue
        prm = ctx.spec.params
        if approx_ok(c, cp.main.value, prm) or any(a.value is not None and approx_ok(c, a.value, prm)
                                                   for a in cp.alternatives):
            continue
        yield ctx.finding(fields=cp.main.keys, claims=[c], expected=cp.main.value, actual=c.value,
                          text=c.text.strip(), label=cp.label, table=cp.main.value)


@rule("P403")
def prose_scope_differs(r: Report, ctx: RuleContext) -> Iterator[Finding]:
    for c in r.claims:
        if c.approx or not is_this_year(r, c):
            continue
        cp = counterpart(r, c.metric)
        if cp is None or cp.main.value is None or _matches(cp, c, cp.main.value):
            continue
        subject = _other_subject(r, c) if c.scope == "self" else None
        if c.scope == "other" or subject:  # another body's figure: not comparable, so nothing to report
            continue
        if _subcategory(c) is not None:
            continue  # P409
        for a, warn in zip(cp.alternatives, _alternative_warns(c.metric), strict=True):
            if _matches(cp, c, a.value):
                if not warn:
                    yield ctx.finding(fields=a.keys, claims=[c], expected=cp.main.value, actual=c.value,
                                      text=c.text.strip(), label=cp.label, table=cp.main.value, alt=a.label)
                break


def _alternative_warns(metric: str) -> list[bool]:
    m = metrics().get(metric)
    alts = (m.get("alternatives") or []) if isinstance(m, dict) else []
    return [bool(a.get("warn")) for a in alts]


def _arithmetic(r: Report, keys: list[str]) -> str:
    """“3＋2＝5” for the cells of a sum."""
    vals = [r.fields[k].value for k in keys if k in r.fields]
    total: Number = 0
    for v in vals:
        total = total + (v or 0)
    return "＋".join(fmt(v) for v in vals) + "＝" + fmt(total)


@rule("P409")
def prose_table_uncertain(r: Report, ctx: RuleContext) -> Iterator[Finding]:
    """A prose figure that differs from its table figure where the claim is not certain enough for
    an error: it counts the carried-over applications as received, it counts one kind of reply
    inside a row, or its metric is inferred. The message says which."""
    for c in r.claims:
        if c.approx or not _checkable(r, c):
            continue
        if c.column is not None:
            yield from _applicant_column(r, ctx, c)
            continue
        cp = counterpart(r, c.metric)
        if cp is None:
            continue
        sub = _subcategory(c)
        if sub is not None:
            own = cell_sum(r, list(sub.get("cells") or []))
            if own.value is not None:
                if not _matches(cp, c, own.value):
                    yield ctx.finding("sub", fields=own.keys, claims=[c], expected=own.value, actual=c.value,
                                      text=c.text.strip(), value=c.value, unit=_unit(c),
                                      label=str(sub.get("label") or ""), table=own.value, row=cp.label)
            elif cp.main.value is not None and Decimal(str(c.value)) > Decimal(str(cp.main.value)):
                yield ctx.finding("sub_row", fields=cp.main.keys, claims=[c], expected=cp.main.value,
                                  actual=c.value, text=c.text.strip(), value=c.value, unit=_unit(c),
                                  label=cp.label, table=cp.main.value)
            continue
        if cp.main.value is None or _matches(cp, c, cp.main.value):
            continue
        alts = list(zip(cp.alternatives, _alternative_warns(c.metric), strict=True))
        warned = next((a for a, warn in alts if warn and _matches(cp, c, a.value)), None)
        if warned is not None:
            yield ctx.finding("alternative", fields=warned.keys, claims=[c], expected=cp.main.value, actual=c.value,
                              text=c.text.strip(), value=c.value, unit=_unit(c), label=cp.label,
                              table=cp.main.value, alt=warned.label, sum=_arithmetic(r, warned.keys))
            continue
        if _certain(c) or any(_matches(cp, c, a.value) for a, _w in alts):
            continue  # P401 (an error), or P403 (another 口径)
        how = "由句子上下文推断，数字旁未写明所计对象" if c.scope_reason is None else \
            f"的范围是“{c.scope_reason}”机关，不一定是本机关表格的统计范围"
        yield ctx.finding(fields=cp.main.keys, claims=[c], expected=cp.main.value, actual=c.value,
                          text=c.text.strip(), value=c.value, unit=_unit(c), label=cp.label, table=cp.main.value,
                          table_unit="万元" if cp.money else "", how=how)


def _applicant_column(r: Report, ctx: RuleContext, c: Claim) -> Iterator[Finding]:
    """A part by applicant (自然人提出38件: `Claim.column`) against its column of its row of 表三 —
    the row the part's metric has as a single total (新收, 上年结转, 予以公开 …); 法人或其他组织 is the
    sum of that group's five columns."""
    cp = counterpart(r, c.metric.removesuffix(".part"))
    if cp is None or len(cp.main.keys) != 1 or not cp.main.keys[0].endswith(".total"):
        return
    row = cp.main.keys[0].removesuffix(".total")
    if ctx.template is None:
        return
    # the template's applicant columns: one by its key, or "organisations", every column of the
    # group 法人或其他组织
    if c.column == "organisations":
        cols = [x for x in ctx.template.t3_columns if x.group]
        column = cols[0].group if cols else ""
    else:
        cols = [x for x in ctx.template.t3_columns if x.key == c.column]
        column = cols[0].label if cols else ""
    if not cols:
        return
    own = cell_sum(r, [f"{row}.{x.key}" for x in cols])
    if own.value is None or _matches(cp, c, own.value):
        return
    yield ctx.finding("column", fields=own.keys, claims=[c], expected=own.value, actual=c.value,
                      text=c.text.strip(), value=c.value, unit=_unit(c), label=cp.label.removesuffix("总计"), column=column,
                      table=own.value)


@rule("P406")
def metric_stated_twice(r: Report, ctx: RuleContext) -> Iterator[Finding]:
    parents = {c.part_of for c in r.claims if c.part_of is not None}
    by_metric: dict[str, list[Claim]] = {}
    for i, c in enumerate(r.claims):
        if c.approx or not _checkable(r, c) or (c.part_of is not None and i not in parents):
            continue
        if c.metric.endswith(".part") and c.part_of is None:
            continue  # one column's applications (自然人提出38件) with no total before it: parts of different kinds
        if (c.pattern or "").startswith("proactive.items.partition"):
            continue  # documents by disclosure attribute (1478件公文…其中主动公开1021件): not the items published
        if c.metric.startswith("breakdown."):
            continue  # a total of whatever a list breaks down (文件307份，其中…; 人员8名，其中…): no one metric
        # proactive items counted in 件/份 are documents (386件发文…其中主动公开的211件), in 条 information
        key = c.metric + ("/件" if c.metric == "proactive.items" and c.unit in ("件", "份") else "")
        by_metric.setdefault(key, []).append(c)
    for key, cs in by_metric.items():
        metric = key.split("/", 1)[0]
        values = list(dict.fromkeys(Decimal(str(c.value)) for c in cs))
        if len(values) < 2 or _breakdown(values):
            continue
        if len({ctx.quote_span(c.start, c.end) for c in cs}) < 2:
            continue  # one sentence naming several figures of a kind: a list, not a restatement
        cp = counterpart(r, metric)
        if cp is not None and cp.main.value is not None:
            continue  # the table decides: P401
        shown = []
        for v in values:
            first = next(c for c in cs if Decimal(str(c.value)) == v)
            shown.append(f"“{first.text.strip()}”")
        yield ctx.finding(claims=cs, expected=cs[0].value, actual=[c.value for c in cs],
                          values="、".join(fmt(v) for v in values), quotes="与".join(shown[:3]))


def _breakdown(values: list[Decimal]) -> bool:
    """One value is the sum of the others (a total and its parts, 全区 = 部门 + 乡镇)."""
    top = max(values)
    rest = [v for v in values if v != top]
    return len(rest) >= 2 and sum(rest) == top


@rule("P407")
def parts_exceed_total(r: Report, ctx: RuleContext) -> Iterator[Finding]:
    said: set[frozenset[int]] = set()
    for b in sorted(all_breakdowns(r), key=lambda b: b.total.start):
        key = frozenset(p.start for p in b.parts)
        if key in said:  # the same list under a restated total (…61条中，…共61条，其中…): one finding
            continue
        said.add(key)
        s = sum((Decimal(str(p.value)) for p in b.parts), start=Decimal(0))
        bound = _bound(b.total.value, b.total.approx, b.total.text)
        if bound is None:
            continue
        if s > bound and _carried_over_explains(r, b, s):
            continue
        claims = [_as_claim(r, b.total, "figure.total"), *(_as_claim(r, p, "figure.part") for p in b.parts)]
        text = _clause(r.text, b.total.start, b.total.end)
        parts = "＋".join(fmt(p.value) for p in b.parts)
        if s > bound:
            yield ctx.finding(claims=claims, expected=b.total.value, actual=s, text=text, total=b.total.value,
                              unit=b.total.unit or "", parts=parts, sum=s, start=b.total.start, end=b.parts[-1].end)
        elif b.partition and s != Decimal(str(b.total.value)) and not b.total.approx:
            yield ctx.finding("partition", claims=claims, expected=b.total.value, actual=s, text=text,
                              total=b.total.value, unit=b.total.unit or "", sum=s, parts=parts,
                              start=b.total.start, end=b.parts[-1].end)


def _bound(value: Number, approx: bool, text: str) -> Decimal | None:
    """The most a total can be: itself, or for 370多/5500余 just under the next step (380, 5600)."""
    v = Decimal(str(value))
    if not approx:
        return v
    if not re.search(r"\d\s*(?:多|余)", text):
        return None  # 约/近/左右: no firm bound
    n = int(v)
    step = 1
    while n and n % (step * 10) == 0:
        step *= 10
    return v + max(step, 10) - 1


def _carried_over_explains(r: Report, b: Breakdown, s: Decimal) -> bool:
    """收到申请N件，其中予以公开…: the outcomes include last year's carried-over applications."""
    claim = _as_claim(r, b.total, "figure.total")
    if not claim.metric.startswith("applications."):
        return False
    handled = cell_sum(r, ["t3.total.total"]).value
    with_carried = cell_sum(r, ["t3.new.total", "t3.carried_over.total"]).value
    return any(v is not None and s <= Decimal(str(v)) for v in (handled, with_carried))


def all_breakdowns(r: Report) -> list[Breakdown]:
    """Totals and their parts that certainly partition the total (P407's errors; P410 leaves these to
    P407): parsed from the sentences, and from the claims' 其中 links where the sentence parser found
    nothing for that total. A list whose items may overlap or count another thing (`uncertain`) is
    left out — to P410's warning where P410 reads it, to silence otherwise."""
    found = breakdowns(r)
    joined = joined_prose(r)  # the items' words read as breakdowns reads them (a wrapped label whole)

    def inside(m: NumberMention) -> NumberMention:
        return replace(m, start=joined.inside(m.start), end=joined.inside(m.end))

    seen = {b.total.start for b in found}  # uncertain lists too: their totals are read, not re-read from links
    by_parent: dict[int, list[Claim]] = {}
    for c in r.claims:
        if c.part_of is not None and 0 <= c.part_of < len(r.claims) and c.scope == "self":
            by_parent.setdefault(c.part_of, []).append(c)
    for pi, parts in by_parent.items():
        parent = r.claims[pi]
        if parent.scope != "self":
            continue
        total = _mention(parent)
        if total.start in seen or any(parent.start <= k < parent.end for k in seen):
            continue
        ms = [_mention(p) for p in sorted(parts, key=lambda p: p.start)
              if same_unit(p.unit or parent.unit, parent.unit or p.unit)]
        back = {inside(m).start: m for m in ms}
        read, readings = _read_items(joined.text, joined.inside(total.end), [inside(m) for m in ms],
                                     [joined.inside(m.end) for m in ms])
        ms = _complete([back[m.start] for m in read], total)
        if len(ms) < 2:
            continue
        partition = _is_partition(ms, joined.text[joined.inside(total.end) : joined.inside(ms[-1].end)])
        readings = {back[k].start: v for k, v in readings.items()}
        found.append(Breakdown(total, ms, partition, _uncertain(total, ms, readings)))
    return [b for b in found if b.uncertain is None]


def _alone_in_brackets(text: str, n: NumberMention) -> bool:
    """The figure stands alone in brackets after its label (主动公开政府信息（148条））: the item's own
    figure, not a list inside the item."""
    a = len(text[: n.start].rstrip()) - 1
    b = len(text) - len(text[n.end :].lstrip())
    return a >= 0 and text[a] in FIGURE_BRACKETS and b < len(text) and text[b] == FIGURE_BRACKETS[text[a]]


def _label(text: str, lo: int, at: int) -> str:
    """The words of the item whose figure starts at `at`: back to a separator, not before `lo` (over the
    bracket that holds the figure alone: 主动公开政府信息（148条）)."""
    a = len(text[:at].rstrip())
    if a > lo and text[a - 1] in FIGURE_BRACKETS:
        at = a - 1
    a = at
    while a > lo and text[a - 1] not in "，,、；;：:（()）。":
        a -= 1
    return text[a:at].strip()


def _read_items(text: str, start: int, cands: list[NumberMention], ends: list[int]
                ) -> tuple[list[NumberMention], dict[int, str]]:
    """The candidate parts (after `start`, in order) read as P410 reads items (totals.item_reading): up
    to an item that starts a new statement or lists the parts of the item before; each kept part's
    reading by its start. `ends`: where every figure of the passage ends (an item's words start after
    the figure before it)."""
    parts: list[NumberMention] = []
    readings: dict[int, str] = {}
    first: str | None = None
    for n in cands:
        lo = max([start, *(e for e in ends if e <= n.start)])
        label = _label(text, lo, n.start)
        reading = item_reading(label, first)
        if reading not in (PART, ATTRIBUTE):
            break
        first = label if first is None else first
        parts.append(n)
        readings[n.start] = reading
    return parts, readings


def _uncertain(total: NumberMention, parts: list[NumberMention], readings: dict[int, str]) -> str | None:
    """Why the parts may not partition the total (then no error), or None."""
    if any(readings[p.start] == ATTRIBUTE for p in parts):
        return "分项可能互相重叠或计的是另一种东西（可以兼有的属性“…的有N项”、按发布渠道计的、“涉及…”的）"
    if any(p.unit and total.unit and p.unit != total.unit for p in parts):
        return "分项的单位与总数不同，未必计同一种东西"
    return None


def _mention(c: Claim) -> NumberMention:
    start = c.number_start if c.number_end > c.number_start else c.start
    end = c.number_end if c.number_end > c.number_start else c.end
    return NumberMention(value=c.value, unit=c.unit, start=start, end=end, text=c.text, approx=c.approx)


def _complete(parts: list[NumberMention], total: NumberMention) -> list[NumberMention]:
    """The parts up to the one where they add up to the total exactly (what follows is another list)."""
    parts = [p for p in parts if p.value != total.value]
    running: Number = 0
    for j, p in enumerate(parts):
        running = running + p.value
        if running == total.value:
            return parts[: j + 1]
    return parts


@dataclass
class Breakdown:
    total: NumberMention
    parts: list[NumberMention]
    partition: bool  # the parts are the 公开属性 (主动公开/依申请公开/不予公开), all of them: they must add up
    uncertain: str | None = None  # why the parts may not partition the total (no error then)


def _is_partition(parts: list[NumberMention], labels: str) -> bool:
    """The parts are the three 公开属性, listed as three or as two (主动公开N份、依申请公开及不予公开M份):
    together they are the whole."""
    return len(parts) in (2, 3) and partition_named(labels, _OBLIGING) is not None


_IN_MARK = re.compile(r"在[^，。；,;：:]{0,24}?\d[\d,]*\s*(?:条|件|篇|个|项|份)[^，。；,;]{0,16}?中\s*[，,:：]?")
# the partitions whose members, all named, must add up to the total (an error where they do not)
_OBLIGING = (DISCLOSURE,)


def _depths(s: str) -> list[int]:
    out, d = [], 0
    for ch in s:
        if ch in "（(":
            d += 1
        out.append(d)
        if ch in "）)":
            d = max(0, d - 1)
    return out


def breakdowns(r: Report) -> list[Breakdown]:
    """Totals followed by their parts in the same sentence of the prose (tables left out)."""
    from ..extract.numbers import find_numbers

    joined = joined_prose(r)  # a wrapped sentence read whole, offsets mapped back
    text = joined.text
    out: list[Breakdown] = []
    for m in WHOLE_SENTENCE.finditer(text):
        sent = m.group(0)
        if "其中" not in sent and not _IN_MARK.search(sent):
            continue
        a = m.start()
        nums = [n for n in find_numbers(sent) if n.kind == "count" and n.unit]
        if len(nums) < 3:
            continue
        depth = _depths(sent)
        marks: list[tuple[int, int, NumberMention | None]] = []  # (marker start, marker end, total)
        for k in re.finditer("其中", sent):
            lvl = depth[k.start()]
            if sent[: k.start()].rstrip()[-1:] in ("（", "("):
                lvl -= 1  # "2602条（其中…）": the total stands outside the bracket
            before = [n for n in nums if n.end <= k.start() and depth[n.start] == lvl]
            marks.append((k.start(), k.end(), before[-1] if before else None))
        for k in _IN_MARK.finditer(sent):
            inside = [n for n in nums if k.start() <= n.start < k.end()]
            marks.append((k.start(), k.end(), inside[0] if inside else None))
        marks.sort()
        for i, (_ms, me, total) in enumerate(marks):
            if total is None:
                continue
            stop = marks[i + 1][0] if i + 1 < len(marks) else len(sent)
            level = depth[me - 1]
            cands: list[NumberMention] = []
            for n in nums:
                if n.start < me or n.start >= stop:
                    continue
                if min(depth[me - 1 : n.start + 1] or [level]) < level:
                    break  # the bracket that held the list has closed
                if _new_predicate(sent, me, n.start, depth, level):
                    break  # past a ；, a clause with a verb of its own: the list has ended
                at = level + 1 if _alone_in_brackets(sent, n) else level
                if depth[n.start] != at or not same_unit(n.unit, total.unit) or n.value == total.value:
                    continue
                cands.append(n)
            # …的有N项 (overlapping), 发布…N条 (a new statement), 包括… (the parts of a part): as P410 reads them
            parts, readings = _read_items(sent, me, cands, [n.end for n in nums])
            parts = _complete(parts, total)
            if len(parts) < 2:
                continue
            labels = sent[me : parts[-1].end]
            # a figure among the items in a unit the total does not take (主动公开148件 beside 182条, 95条)
            # was left out of the parts: the parts named need not add up to the total
            other_unit = any(me <= n.start < parts[-1].end and not same_unit(n.unit, total.unit) for n in nums)
            partition = _is_partition(parts, labels) and not other_unit
            why = _uncertain(total, parts, readings)
            out.append(Breakdown(joined.mention(shifted(total, a)), [joined.mention(shifted(p, a)) for p in parts],
                                 partition, why))
    return out


def _new_predicate(sent: str, start: int, at: int, depth: list[int], level: int) -> bool:
    """The figure at sent[at] stands after a ；of the list's level, in a clause with a verb of its own
    (…其他处理2件；上年结转3件，办结43件): a new statement, not the next item. Items separated by ；
    (…类信息1条；地方性法规…类信息10条) go on."""
    semis = [i for i in range(start, at) if sent[i] in "；;" and depth[i] == level]
    if not semis:
        return False
    a = at
    while a > start and sent[a - 1] not in "，,、；;：:":
        a -= 1
    return NEW_PREDICATE.search(sent[a:at]) is not None


def _as_claim(r: Report, n: NumberMention, metric: str) -> Claim:
    found = claim_for(r.claims, n)
    if found is not None:
        return found
    return Claim(metric=metric, value=n.value, unit=n.unit, text=_clause(r.text, n.start, n.end), start=n.start,
                 end=n.end, section=r.section_at(n.start), number_start=n.start, number_end=n.end,
                 pattern="breakdown")


def _clause(text: str, start: int, end: int) -> str:
    a = start
    while a > 0 and start - a < 40 and text[a - 1] not in "，。；：,;:！？（()）\n":
        a -= 1
    return text[a:end].strip()


@rule("P408")
def all_done_but_carried(r: Report, ctx: RuleContext) -> Iterator[Finding]:
    if not ctx.modern:
        return
    cf = r.value("t3.carried_forward.total")
    cf_claims = [c for c in r.claims if c.metric == "applications.carried_forward" and c.scope == "self" and c.value]
    if not cf and not cf_claims:
        return
    pat = rx("all_done")
    for m in pat.finditer(r.text):
        if r.in_table(m.start()):
            continue
        sent = ctx.quote(m.start(), m.end())
        if "申请" not in sent and "办结率" not in sent:
            continue
        a, _b = sentence_span(r.text, m.start(), m.end())
        if any(c.scope == "other" and c.metric.startswith("applications.") and a <= c.start and c.end <= m.start()
               for c in r.claims):
            continue  # 局属学校共收到申请7件，已全部办结: the other bodies' applications were all settled
        n = cf if cf else cf_claims[0].value
        fields = ["t3.carried_forward.total"] if "t3.carried_forward.total" in r.fields else []
        if cf is None and "t3.carried_forward.natural_person" in r.fields:
            fields.append("t3.carried_forward.natural_person")
        yield ctx.finding(fields=fields, claims=cf_claims, start=m.start(), end=m.end(),
                          quote=sent, section=r.section_at(m.start()), carried=n,
                          said=m.group(0), expected=0, actual=n)
        return
