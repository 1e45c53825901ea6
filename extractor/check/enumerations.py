"""P410 — a total and the parts listed after it: an exhaustive list must add up to the total.

"主动公开政府信息N条，其中A类a条、B类b条……其他x条": the list is exhaustive when it ends with a
catch-all (其他/其余/其它 …) or, introduced by 其中/分别为/包括, when its labels cover one of the
template's partitions (主动公开/依申请公开/不予公开; 自然人/法人或其他组织). Then the parts must add up
to the total, neither less nor more. A list that is not exhaustive may not exceed its total; that
is P407's (an error) where the sentence says 其中; here it is reported only where P407 does not
see the list (a bracket or 分别为/包括 without 其中).

Where a list ends: at ；/。/！/？, at a clause without a figure of the list's unit, at a clause with
a verb of its own (a new predicate), at a second 其中 (a nested list). Items that carry their own
share (…，占比x%) keep it as an attribute; a list whose items are predicates (实现…的有N项, 可…的N项)
describes overlapping attributes, not parts, and is not summed. A figure without a unit inside a
list of N条 items is one of the items.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from ..extract.claims import joined_prose
from ..model import Claim, Finding, NumberMention, Report
from ..text import SENTENCE
from .engine import RuleContext, fmt
from .registry import rule
from .totals import ATTRIBUTE, CATCH_ALL, PART, claim_for, item_reading, partition_named, same_unit, shifted

_COUNT_UNITS = {"条", "件", "篇", "个", "项", "份", "次", "期", "场", "人次", "家"}
_UNIT_END = re.compile("[" + "".join(sorted({u[-1] for u in _COUNT_UNITS})) + "]")
_MARKER = re.compile(r"^\s*[，,：:]?\s*(?P<open>[（(])?\s*(?P<word>其中|分别为|分别是|包括|包含|含)?\s*[：:，,]?\s*")
_IN_MARK = re.compile(r"在[^，。；,;：:]{0,24}?$")
_IN_CLOSE = re.compile(r"^[^，。；,;]{0,16}?中\s*[，,：:]?\s*")
_CATCH_ALL = CATCH_ALL  # (shared with P407: totals.py, with how an item reads — item_reading)
# labels that begin with 其他 but name a category of the form, not "the rest"
_NOT_CATCH_ALL = re.compile(r"^(?:及|和|以及|与)?(?:其他|其它)(?:对外管理服务|法律行政法规|组织|结果|部门|单位|机关|机构|地区|省|市|县|区|乡镇|街道)")
_TOTAL_CUE = re.compile(r"(?<![公一])共|总数|总计|全年|累计|合计|主动公开|发布")
_LABEL_MAX = 30


@dataclass
class Part:
    label: str
    number: NumberMention
    share: str | None = None  # 占比x%: an attribute of the item


@dataclass
class Enumeration:
    total: NumberMention
    total_clause: str
    parts: list[Part]
    marker: str  # 其中 / 分别为 / 包括 / （ / 在…中 / "" (the list follows the total directly)
    exhaustive: str | None  # why the list covers the whole ("以“其他…”兜底", "公开属性"), or None
    predicates: bool = False  # items are predicates (attributes), not parts
    unitless: list[NumberMention] = field(default_factory=list)

    @property
    def sum(self) -> Decimal:
        return sum((Decimal(str(p.number.value)) for p in self.parts), start=Decimal(0))


def _numbers(text: str) -> list[NumberMention]:
    from ..extract.numbers import find_numbers

    return [n for n in find_numbers(text) if n.kind in ("count", "other", "percent")]


def _clause_before(sent: str, at: int) -> str:
    """The clause that ends at `at` (a bracket inside it is kept: 政府信息（文件）617份)."""
    a = at
    depth = 0
    while a > 0:
        ch = sent[a - 1]
        if ch in "）)":
            depth += 1
        elif ch in "（(":
            if depth == 0:
                break
            depth -= 1
        elif ch in "，,；;：:。" and depth == 0:
            break
        a -= 1
    return sent[a:at]


def _parse_items(tail: str, offset: int, unit: str, closing: bool) -> tuple[list[Part], bool, list[NumberMention]]:
    """The items of a list that starts at tail[0]; `closing`: the list sits in a bracket."""
    parts: list[Part] = []
    unitless: list[NumberMention] = []
    predicates = False
    end = len(tail)
    if closing:
        close = re.search(r"[）)]", tail)
        end = close.start() if close else len(tail)
    body = tail[:end]
    for seg_m in re.finditer(r"[^，,、；;]+", body):
        seg = seg_m.group(0)
        if "其中" in seg and parts:
            break  # a nested list
        found = _numbers(seg)
        nums = [n for n in found if n.kind != "percent"]
        pct = [n for n in found if n.kind == "percent"]
        if not nums:
            if pct and parts and re.match(r"^\s*(?:占|约占)", seg):
                parts[-1].share = seg.strip()
                continue
            break
        if len(nums) != 1:
            break
        n = nums[0]
        label = seg[: n.start].strip()
        rest = seg[n.end :].strip()
        if n.unit is None and n.kind == "other":
            if not parts or unit is None:
                break
            # a figure without its unit among N条 items: one of them
            n = NumberMention(value=n.value, unit=unit, start=n.start, end=n.end, text=n.text, approx=n.approx)
            unitless.append(n)
        elif not same_unit(n.unit, unit):
            break
        if not label or len(label) > _LABEL_MAX or re.search(r"\d", label):
            break
        if rest and not re.fullmatch(r"[（(]?(?:占比?|约占)[^）)]*%[）)]?|[）)]|左右|以上", rest):
            break
        reading = item_reading(label, parts[0].label if parts else None)
        if reading == ATTRIBUTE:
            predicates = True
        elif reading != PART:
            break  # a new statement, or the parts of the item before
        parts.append(Part(label, shifted(n, offset + seg_m.start())))
        if _CATCH_ALL.search(label) and not _NOT_CATCH_ALL.search(label):
            break  # the catch-all closes the list
        if pct:
            parts[-1].share = "".join(p.text for p in pct)
    return parts, predicates, unitless


def _exhaustive(parts: list[Part], marker: str) -> str | None:
    if not parts:
        return None
    last = parts[-1].label
    if _CATCH_ALL.search(last) and not _NOT_CATCH_ALL.search(last):
        return f"以“{last}”兜底"
    if marker in ("", "在…中"):
        return None
    named = partition_named("".join(p.label for p in parts))
    if named is None:
        return None
    name, words = named
    return f"涵盖全部{name}（{'、'.join(words)}）"


def enumerations(r: Report) -> list[Enumeration]:
    """Every total followed by a list of its parts in the prose (tables left out)."""
    joined = joined_prose(r)  # a wrapped sentence read whole, offsets mapped back
    text = joined.text
    out: list[Enumeration] = []
    for m in SENTENCE.finditer(text):
        sent = m.group(0)
        if len(_UNIT_END.findall(sent)) < 3:
            continue  # each count of a unit ends in its unit's last character: fewer than three counts
        a = m.start()
        nums = [n for n in _numbers(sent) if n.kind == "count" and n.unit in _COUNT_UNITS]
        if len(nums) < 3:
            continue
        taken: set[int] = set()
        for t in nums:
            if t.start in taken:
                continue
            after = sent[t.end :]
            mk = _MARKER.match(after)
            marker = ""
            if mk is not None:
                marker = mk.group("word") or ("（" if mk.group("open") else "")
            before = sent[: t.start]
            in_mark = _IN_MARK.search(before)
            if in_mark and _IN_CLOSE.match(after):
                marker = "在…中"
                skip = _IN_CLOSE.match(after).end()  # type: ignore[union-attr]
            else:
                skip = mk.end() if mk else 0
            if marker == "含":
                continue  # 含X条: usually one attribute, not a list
            closing = bool(mk and mk.group("open"))
            if not marker:
                # a list straight after the total: only a figure said as a total may head it
                head = _clause_before(sent, t.start)
                if not _TOTAL_CUE.search(head):
                    continue
                prev = sent[: max(0, t.start - len(head) - 1)].rstrip()
                if re.search(r"\d\s*(?:" + "|".join(_COUNT_UNITS) + r")\s*$", prev):
                    continue  # the figure is itself an item of a list running before it
            parts, predicates, unitless = _parse_items(after[skip:], a + t.end + skip, t.unit or "", closing)
            parts = [p for p in parts if p.number.value != t.value or p.label]
            if len(parts) < 2:
                continue
            tm = shifted(t, a)
            ex = _exhaustive(parts, marker)
            if not marker and ex is None:
                continue  # nothing says these figures are parts of the first one
            taken |= {p.number.start - a for p in parts}
            for p in parts:
                p.number = joined.mention(p.number)
            e = Enumeration(joined.mention(tm), _clause_before(sent, t.start) + t.text, parts, marker, ex, predicates,
                            unitless)
            out.append(e)
    return out


def _claim(r: Report, n: NumberMention, metric: str) -> Claim:
    found = claim_for(r.claims, n)
    if found is not None:
        return found
    return Claim(metric=metric, value=n.value, unit=n.unit, text=r.text[max(0, n.start - 20) : n.end].strip(),
                 start=n.start, end=n.end, section=r.section_at(n.start), number_start=n.start, number_end=n.end,
                 pattern="enumeration")


def _p407_totals(r: Report) -> dict[int, bool]:
    """Totals P407 already reads (it reports parts over them, and a 公开属性 partition that does not
    add up, as errors): total's start → whether P407 read the list as that partition."""
    try:
        from .prose import all_breakdowns
    except ImportError:  # pragma: no cover - P407 reorganised
        return {}
    return {b.total.start: bool(getattr(b, "partition", False)) for b in all_breakdowns(r)}


@rule("P410")
def enumeration_sum(r: Report, ctx: RuleContext) -> Iterator[Finding]:
    tol = Decimal(str(ctx.spec.params["tolerance"]))
    p407 = None
    for e in enumerations(r):
        if e.predicates or e.total.approx:
            continue
        total = Decimal(str(e.total.value))
        s = e.sum
        if abs(s - total) <= tol:
            continue
        if e.exhaustive is None and s <= total:
            continue  # a partial list may fall short of its total
        if p407 is None:
            p407 = _p407_totals(r)
        if e.total.start in p407 and (s > total or p407[e.total.start]):
            continue  # P407 reports it (an error)
        claims = [_claim(r, e.total, "figure.total"), *(_claim(r, p.number, "figure.part") for p in e.parts)]
        parts = "＋".join(f"{p.label}{fmt(p.number.value)}" for p in e.parts)
        gap = abs(s - total)
        common: dict[str, Any] = dict(claims=claims, expected=e.total.value, actual=s, text=e.total_clause.strip("，, "),
                      total=e.total.value, unit=e.total.unit or "", parts=parts, sum=s, gap=gap,
                      start=e.total.start, end=e.parts[-1].number.end,
                      data={"exhaustive": e.exhaustive, "marker": e.marker,
                            "unitless": [n.text for n in e.unitless]})
        if e.exhaustive is not None:
            yield ctx.finding(None, why=e.exhaustive, relation="少于" if s < total else "多于", **common)
        else:
            yield ctx.finding("exceed", **common)

