"""Claims: figures stated in the prose, tied to what they count (spec/claims.md).

Patterns (rules/lexicon/claims.yaml through spaCy's Matcher) decide what each figure counts.
A learned judge was measured leave one body out and did not beat them (bench/lobo.py).
Each claim knows its clause, offsets, section, unit, approximation, the share stated beside it,
and its scope: "other" when the sentence speaks of a whole region or of other bodies that the
reporting body's own tables do not hold.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from typing import Any, Literal

from ..model import Claim, NumberMention, Report
from ..resources import load_yaml
from .nlp import make_doc, view, wrapped
from .numbers import find_numbers, money_as_written
from .patterns import CLAUSE_PUNCT, SENTENCE_PUNCT, ClaimPattern, by_id, matches

DEFAULT_UNIT = {"processing_fee.amount": "元", "admin_fees.amount": "万元", "proactive.items": "条"}
_CLAUSE = set(CLAUSE_PUNCT)
_SENTENCE = set(SENTENCE_PUNCT)
_OF_WHICH = {"其中", "包括", "其中包括"}


@dataclass
class _Hit:
    pattern: ClaimPattern
    start: int  # token span of the match
    end: int
    figure: int | None  # token index of the figure


def prose_spans(report: Report) -> list[tuple[int, int]]:
    """Stretches of the text that are prose: the six parts (or all text after the title when no
    part was found), without the tables and grids."""
    text = report.text
    if report.sections:
        start = report.sections[0].start
        end = report.sections[-1].end
        # the intro between title and part 一 often states figures too
        if report.meta.title_end is not None and report.meta.title_end < start:
            start = report.meta.title_end
    else:
        start = report.meta.title_end or 0
        end = len(text)
    holes = sorted([(t.start, t.end) for t in report.tables.values()] + [(g.start, g.end) for g in report.grids]
                   + [(s.start, s.heading_end) for s in report.sections if s.heading_end > s.start])
    spans = []
    pos = start
    for a, b in holes:
        if b <= pos or a >= end:
            continue
        if a > pos:
            spans.append((pos, a))
        pos = max(pos, b)
    if pos < end:
        spans.append((pos, end))
    return [(a, b) for a, b in spans if text[a:b].strip()]


def prose_docs(report: Report) -> list[tuple[Any, int]]:
    """The prose as spaCy Docs (one per stretch) with each stretch's offset; built once per report
    and shared by every stage that needs tokens."""
    if "docs" in report.cache:
        docs_cached: list[tuple[Any, int]] = report.cache["docs"]
        return docs_cached
    spans = prose_spans(report)
    soft = report.meta.format in ("txt", "md") and wrapped("".join(report.text[a:b] for a, b in spans))
    docs = []
    mentions: list[NumberMention] = []
    for a, b in spans:
        found = [_shift(m, a) for m in find_numbers(report.text[a:b])]
        mentions.extend(found)
        # only sentences that state a figure or a nothing (with the sentence before, for context)
        # are segmented: most of a report is prose without either
        for c0, c1 in _claim_chunks(report.text, a, b, found, soft):
            chunk_mentions = [_shift(m, -c0) for m in found if c0 <= m.start and m.end <= c1]
            docs.append((make_doc(report.text[c0:c1], chunk_mentions, soft_newlines=soft), c0))
    report.mentions = mentions
    report.cache["docs"] = docs
    return docs


_ZERO_WORDS = re.compile(r"未|没有|无|不存在|不收取|不向|零")
_SENTENCE_END = re.compile(r"[。；;！!？?]|\n(?=\s*\n)|\n(?=[ \t\u3000]*(?:[一二三四五六七八九十]+、|[（(]|\d+[.、．]))")


def _claim_chunks(text: str, a: int, b: int, found: list[NumberMention], soft: bool) -> list[tuple[int, int]]:
    """Stretches of [a, b) worth segmenting: sentences with a count, an amount or a share, or a
    word of negation; adjacent stretches are merged."""
    ends = [m.end() for m in _SENTENCE_END.finditer(text, a, b)]
    if not soft:
        ends += [i + 1 for i in range(a, b) if text[i] == "\n"]
    inside = {k for m in found for k in range(m.start + 1, m.end)}  # never cut a figure from its unit
    bounds = sorted({a, b, *(e for e in ends if e not in inside)})
    sentences = [(x, y) for x, y in itertools.pairwise(bounds) if y > x]
    figures = sorted(m.start for m in found if m.kind in ("count", "money", "percent"))
    keep = []
    j = 0
    for x, y in sentences:
        while j < len(figures) and figures[j] < x:
            j += 1
        has_figure = j < len(figures) and figures[j] < y
        if has_figure or _ZERO_WORDS.search(text, x, y):
            keep.append((x, y))
    merged: list[tuple[int, int]] = []
    for x, y in keep:
        if merged and x <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(y, merged[-1][1]))
        else:
            merged.append((x, y))
    return merged


def extract_claims(report: Report) -> list[Claim]:
    claims: list[Claim] = []
    for doc, offset in prose_docs(report):
        found, _taken, _clause_of, _sentence_of = _claims_in(report, doc, offset)
        claims.extend(found)
    claims.sort(key=lambda c: (c.start, c.number_start))
    _link_parts(report, claims)
    report.claims = claims
    return claims


def _shift(m: NumberMention, offset: int) -> NumberMention:
    return NumberMention(m.value, m.unit, m.start + offset, m.end + offset, m.text, m.approx, m.kind, m.low, m.high)


# ---------------------------------------------------------------- matching


def _spans(doc: Any) -> tuple[list[int], list[int]]:
    """Clause and sentence id of every token."""
    clause, sentence = [], []
    c = s = 0
    for w in view(doc).words:
        clause.append(c)
        sentence.append(s)
        hard_break = "\n" in w and not w.strip()
        if w in _CLAUSE or hard_break:
            c += 1
        if w in _SENTENCE or hard_break:
            s += 1
    return clause, sentence


def _claims_in(report: Report, doc: Any, offset: int) -> tuple[list[Claim], set[int], list[int], list[int]]:
    """Pattern claims of one Doc, the figure tokens they took, and each token's clause/sentence."""
    clause_of, sentence_of = _spans(doc)
    v = view(doc)
    if not len(v):
        return [], set(), clause_of, sentence_of
    norms = v.norms
    concepts_by_clause: dict[int, set[str]] = {}
    concepts_by_sentence: dict[int, set[str]] = {}
    clause_start: dict[int, int] = {}
    for i, n in enumerate(norms):
        concepts_by_clause.setdefault(clause_of[i], set()).add(n)
        concepts_by_sentence.setdefault(sentence_of[i], set()).add(n)
        clause_start.setdefault(clause_of[i], i)

    first_of_sentence: dict[int, int] = {}
    for i, se in enumerate(sentence_of):
        first_of_sentence.setdefault(se, i)

    def sentence_start(se: int) -> int:
        return first_of_sentence[se]

    def before(fig: int) -> set[str]:
        """Concepts of the figure's clause up to the token after it."""
        cl = clause_of[fig]
        stop = fig + 2
        while stop < len(norms) and clause_of[stop - 1] == cl and v.is_space(stop - 1):
            stop += 1
        return {norms[k] for k in range(clause_start[cl], min(stop, len(norms))) if clause_of[k] == cl}
    pats = by_id()
    best: dict[int, _Hit] = {}  # figure token → hit
    zero: dict[tuple[int, str], _Hit] = {}  # (clause, metric) → hit
    for match_id, start, end, align in matches(doc, set(norms)):
        p = pats[doc.vocab.strings[match_id]]
        fig = None
        if p.figure_index is not None:
            for k, el in enumerate(align):
                if el == p.figure_index:
                    fig = start + k
                    break
            if fig is None:
                continue
        anchor = fig if fig is not None else start
        if fig is not None and p.unless & before(fig):
            continue
        if fig is None and p.unless & (concepts_by_clause[clause_of[start]] | concepts_by_clause[clause_of[end - 1]]):
            continue
        if p.sentence_has and not (p.sentence_has & concepts_by_sentence[sentence_of[anchor]]) \
                and not _before_sentence_has(report.text, offset + v.idx[sentence_start(sentence_of[anchor])], p.sentence_has):
            continue
        hit = _Hit(p, start, end, fig)
        if fig is not None:
            cur = best.get(fig)
            if cur is None or (p.order, end - start) < (cur.pattern.order, cur.end - cur.start):
                best[fig] = hit
        else:
            key = (clause_of[start], p.metric)
            cur = zero.get(key)
            if cur is None or (p.order, end - start) < (cur.pattern.order, cur.end - cur.start):
                zero[key] = hit
    mentions = doc.user_data["mentions"]
    out: list[tuple[int, Claim]] = []
    for fig, hit in best.items():
        m: NumberMention = mentions[fig]
        c = _claim(report, doc, offset, hit, m, clause_of, sentence_of)
        if c is not None:
            out.append((fig, c))
    # statements of nothing, unless the clause also states the figure
    stated = {(clause_of[f], c.metric) for f, c in out}
    for (cl, metric), hit in zero.items():
        if (cl, metric) in stated:
            continue
        c = _claim(report, doc, offset, hit, None, clause_of, sentence_of)
        if c is not None:
            out.append((hit.start, c))
    out.sort(key=lambda fc: fc[1].start)
    return [c for _, c in out], set(best), clause_of, sentence_of


def _before_sentence_has(text: str, pos: int, concepts: frozenset[str]) -> bool:
    """Does the paragraph before `pos` (up to 300 characters back, not across a line break) use a
    word of these concepts? Looked up in the raw text: those sentences were not segmented."""
    start = max(text.rfind("\n", 0, pos) + 1, pos - 300)
    before = text[start:pos]
    return any(w in before for c in concepts for w in concept_words(c))


@cache
def concept_words(concept: str) -> tuple[str, ...]:
    from .nlp import lexicon

    return tuple(w for w, c in lexicon().concepts.items() if c == concept)


def _clause_span(doc: Any, clause_of: list[int], i: int) -> tuple[int, int]:
    v = view(doc)
    cl = clause_of[i]
    a = i
    while a > 0 and clause_of[a - 1] == cl:
        a -= 1
    b = i
    while b + 1 < len(v) and clause_of[b + 1] == cl:
        b += 1
    start = v.idx[a]
    end = v.end(b)
    if v.words[b] in _CLAUSE:
        end -= len(v.words[b])
    return start, end


def _claim(report: Report, doc: Any, offset: int, hit: _Hit, m: NumberMention | None,
           clause_of: list[int], sentence_of: list[int]) -> Claim | None:
    p = hit.pattern
    anchor = hit.figure if hit.figure is not None else hit.start
    a, b = _clause_span(doc, clause_of, anchor)
    text = view(doc).text[a:b]
    lead = len(text) - len(text.lstrip(" \t\n\u3000（(）)、"))
    a += lead
    text = text.strip(" \t\n\u3000（(）)、")
    enum = _ENUMERATOR.match(text)  # 三）… or 2. left over from a list
    if enum and enum.end() < len(text):
        a += enum.end()
        text = text[enum.end() :]
    if not text:
        return None
    unit: str | None
    if m is None:
        value: int | Decimal = p.value or 0
        unit = DEFAULT_UNIT.get(p.metric, "件")
        approx = False
        n0 = n1 = a + offset
    elif m.kind == "count" and not _unit_fits(p.metric, m.unit):
        return None
    else:
        if m.kind == "money" and p.metric == "processing_fee.amount":
            value, unit = money_as_written(m)
        elif m.kind == "money":
            value, unit = m.value, "万元"
        else:
            value, unit = m.value, m.unit
        approx = m.approx
        n0, n1 = m.start + offset, m.end + offset
    start = a + offset
    share = _share(doc, hit.figure, clause_of) if hit.figure is not None else None
    scope, reason = _scope(report, doc, anchor, sentence_of)
    return Claim(
        metric=p.metric, value=value, unit=unit, text=text, start=start, end=start + len(text),
        section=report.section_at(start), approx=approx, share=share, scope=scope, scope_reason=reason,
        number_start=n0, number_end=n1, method="pattern", pattern=p.id,
        year=_year_in(text),
    )


@cache
def _units() -> dict[str, frozenset[str | None]]:
    return {k: frozenset(v) for k, v in (load_yaml("lexicon/claims.yaml").get("units") or {}).items()}


def _unit_fits(metric: str, unit: str | None) -> bool:
    allowed = _units().get(metric.split(".", 1)[0])
    return allowed is None or unit in allowed


_ENUMERATOR = re.compile(r"^(?:[一二三四五六七八九十]+|\d{1,2})[）)、.．]\s*(?!\d)")
_GROWTH = ("增长", "下降", "同比", "较上年", "增加", "减少", "提高", "上升", "降低", "环比")


def _share(doc: Any, fig: int, clause_of: list[int]) -> Decimal | None:
    """The percentage stated right after the figure (占12.5%, 占比12.5%), in the same clause."""
    mentions = doc.user_data["mentions"]
    v = view(doc)
    cl = clause_of[fig]
    for j in range(fig + 1, min(fig + 8, len(v))):
        if clause_of[j] > cl + 1 or v.words[j] in ("。", "；", ";"):
            break  # the share stands in the figure's clause or the one right after it
        if v.norms[j] in ("NUM", "MONEY"):
            return None
        if v.norms[j] == "PCT":
            lead = "".join(v.words[fig + 1 : j])
            if any(g in lead for g in _GROWTH):
                return None  # 较上年增长3.9%: a growth rate, not a share
            return Decimal(mentions[j].value)
    return None


def _year_in(text: str) -> int | None:
    m = re.search(r"((?:19|20)\d{2})\s*年", text)
    return int(m.group(1)) if m else None


# ---------------------------------------------------------------- scope


@cache
def _scope_words() -> dict[str, list[str]]:
    return load_yaml("lexicon/scope.yaml")


def _scope(report: Report, doc: Any, i: int, sentence_of: list[int]) -> tuple[Literal["self", "other"], str | None]:
    s = sentence_of[i]
    a = i
    while a > 0 and sentence_of[a - 1] == s:
        a -= 1
    v = view(doc)
    before = v.text[v.idx[a] : v.end(i)]
    words = _scope_words()
    for w in words["on_behalf"] + words["subsets"]:
        if w in before:
            return "other", w
    # a government's report sums its region; its office reports the government organ itself
    if report.meta.body_kind != "government":
        for w in words["whole_region"]:
            if w in before:
                return "other", w
    return "self", None


# ---------------------------------------------------------------- parts (其中…)


def _link_parts(report: Report, claims: list[Claim]) -> None:
    """Breakdowns: a total followed by 其中/包括 (or introduced as 在…的N条…中) and the figures
    that list its parts, up to the end of the sentence. A part that is itself a claim keeps its
    metric and points at its total; a part that is not becomes a claim `<total metric>.part`.
    A total that is not a claim of a known metric becomes `breakdown.total`, so that the rules
    can add up any breakdown the prose gives (分项之和超过总数)."""
    text = report.text
    counts = [m for m in report.mentions if m.kind == "count" and not report.in_table(m.start)]
    by_start = {c.number_start: i for i, c in enumerate(claims)}
    used: set[int] = set()
    extra: list[Claim] = []
    total_of: dict[int, Claim] = {}  # id(part) → its total
    for k, t in enumerate(counts):
        if t.start in used or not _opens_breakdown(text, t):
            continue
        end = _sentence_end(text, t.end)
        family = _unit_family(t.unit)
        parts = [m for m in counts[k + 1 :] if m.start < end and m.start not in used
                 and _unit_family(m.unit) == family and not _NOT_A_PART.search(_clause_before(text, m))]
        # a sub-measure restating the total (全文电子化的…共N条) is not a part
        parts = [m for m in parts if not (m.value == t.value and _restates(text, m))]
        if len(parts) < 2 and not any(m.start in by_start for m in parts):
            continue
        ti = by_start.get(t.start)
        if ti is None:
            tref = _plain_claim(report, t, "breakdown.total")
            extra.append(tref)
        else:
            tref = claims[ti]
        part_metric = "breakdown.part" if tref.metric == "breakdown.total" else tref.metric + ".part"
        for m in parts:
            used.add(m.start)
            ci = by_start.get(m.start)
            part = claims[ci] if ci is not None else _plain_claim(report, m, part_metric)
            if ci is None:
                extra.append(part)
            total_of[id(part)] = tref
        used.add(t.start)
    claims.extend(extra)
    claims.sort(key=lambda c: (c.start, c.number_start))
    index = {id(c): i for i, c in enumerate(claims)}
    for c in claims:
        if id(c) in total_of:
            c.part_of = index[id(total_of[id(c)])]


ITEM_UNITS = frozenset("条件篇份项个宗起")
_NOT_A_PART = re.compile(r"建议|提案|议案|关注人数|观看|点赞|粉丝|访问|浏览")


def _unit_family(unit: str | None) -> str:
    return "items" if unit in ITEM_UNITS else (unit or "")


def _clause_before(text: str, m: NumberMention) -> str:
    a = max(text.rfind(p, 0, m.start) for p in ("，", "。", "；", "：", "\n", ","))
    return text[a + 1 : m.start]


_OPENS = re.compile(r"^[\s，,、：:（(]*(?:其中|包括|主要包括|分别为|具体为)")


def _opens_breakdown(text: str, m: NumberMention) -> bool:
    if _OPENS.match(text[m.end : m.end + 12]):
        return True
    # 在主动公开的90条政府信息中，…
    before = text[max(0, m.start - 24) : m.start]
    after = text[m.end : m.end + 16]
    return bool(re.search(r"在[^，,。；;]*$", before) and re.match(r"[^，,。；;]{0,12}中[，,：:]", after))


def _restates(text: str, m: NumberMention) -> bool:
    clause = text[max(text.rfind("，", 0, m.start), text.rfind("；", 0, m.start), 0) : m.start]
    return bool(re.search(r"全文电子化|共计?$|总数|合计", clause))


def _sentence_end(text: str, pos: int) -> int:
    ends = [k for k in (text.find("。", pos), text.find("\n\n", pos)) if k >= 0]
    return min(ends) if ends else len(text)


def _plain_claim(report: Report, m: NumberMention, metric: str) -> Claim:
    text = report.text
    a = max(text.rfind(p, 0, m.start) for p in ("，", "。", "；", "：", "（", "\n", ","))
    a = a + 1 if a >= 0 else m.start
    b = m.end
    clause = text[a:b].strip()
    a = b - len(clause)
    return Claim(metric=metric, value=m.value, unit=m.unit, text=clause, start=a, end=b,
                 section=report.section_at(m.start), approx=m.approx, number_start=m.start, number_end=m.end,
                 method="pattern", pattern="breakdown")


def _sentence_start(text: str, pos: int) -> int:
    best = 0
    for ch in "。；;！？\n":
        k = text.rfind(ch, 0, pos)
        best = max(best, k + 1)
    return best
