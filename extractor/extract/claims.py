"""Claims: figures stated in the prose, tied to what they count (spec/claims.md).

Patterns first (rules/lexicon/claims.yaml through spaCy's Matcher); the classifier
(classifier.py) decides the numbers no pattern took, where a trained model is shipped.
Each claim knows its clause, offsets, section, unit, approximation, the share stated beside it,
and its scope: "other" when the sentence speaks of a whole region or of other bodies that the
reporting body's own tables do not hold.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from typing import Any, Literal

from ..model import Claim, NumberMention, Report
from ..resources import load_yaml
from .nlp import make_doc, wrapped
from .numbers import find_numbers, money_as_written
from .patterns import CLAUSE_PUNCT, SENTENCE_PUNCT, ClaimPattern, by_id, matcher

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


def extract_claims(report: Report) -> list[Claim]:
    claims: list[Claim] = []
    mentions: list[NumberMention] = []
    spans = prose_spans(report)
    soft = report.meta.format in ("txt", "md") and wrapped("".join(report.text[a:b] for a, b in spans))
    for a, b in spans:
        chunk = report.text[a:b]
        found = find_numbers(chunk)
        doc = make_doc(chunk, found, soft_newlines=soft)
        for m in found:
            mentions.append(_shift(m, a))
        claims.extend(_claims_in(report, doc, a))
    report.mentions = mentions
    _link_parts(report, claims)
    report.claims = claims
    report.cache["docs_built"] = True
    return claims


def _shift(m: NumberMention, offset: int) -> NumberMention:
    return NumberMention(m.value, m.unit, m.start + offset, m.end + offset, m.text, m.approx, m.kind, m.low, m.high)


# ---------------------------------------------------------------- matching


def _spans(doc: Any) -> tuple[list[int], list[int]]:
    """Clause and sentence id of every token."""
    clause, sentence = [], []
    c = s = 0
    for tok in doc:
        clause.append(c)
        sentence.append(s)
        hard_break = "\n" in tok.text and not tok.text.strip()
        if tok.text in _CLAUSE or hard_break:
            c += 1
        if tok.text in _SENTENCE or hard_break:
            s += 1
    return clause, sentence


def _claims_in(report: Report, doc: Any, offset: int) -> Iterator[Claim]:
    if not len(doc):
        return
    clause_of, sentence_of = _spans(doc)
    norms = [tok.norm_ for tok in doc]
    concepts_by_clause: dict[int, set[str]] = {}
    concepts_by_sentence: dict[int, set[str]] = {}
    clause_start: dict[int, int] = {}
    for i, n in enumerate(norms):
        concepts_by_clause.setdefault(clause_of[i], set()).add(n)
        concepts_by_sentence.setdefault(sentence_of[i], set()).add(n)
        clause_start.setdefault(clause_of[i], i)

    def before(fig: int) -> set[str]:
        """Concepts of the figure's clause up to the token after it."""
        cl = clause_of[fig]
        stop = fig + 2
        while stop < len(norms) and clause_of[stop - 1] == cl and norms[stop - 1] in ("", " ") and doc[stop - 1].is_space:
            stop += 1
        return {norms[k] for k in range(clause_start[cl], min(stop, len(norms))) if clause_of[k] == cl}
    pats = by_id()
    best: dict[int, _Hit] = {}  # figure token → hit
    zero: dict[tuple[int, str], _Hit] = {}  # (clause, metric) → hit
    for match_id, start, end, align in matcher()(doc, with_alignments=True):
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
        if p.sentence_has and not (p.sentence_has & (concepts_by_sentence[sentence_of[anchor]]
                                                      | concepts_by_sentence.get(sentence_of[anchor] - 1, set()))):
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
    yield from (c for _, c in out)


def _clause_span(doc: Any, clause_of: list[int], i: int) -> tuple[int, int]:
    cl = clause_of[i]
    a = i
    while a > 0 and clause_of[a - 1] == cl:
        a -= 1
    b = i
    while b + 1 < len(doc) and clause_of[b + 1] == cl:
        b += 1
    start = doc[a].idx
    end = doc[b].idx + len(doc[b].text)
    if doc[b].text in _CLAUSE:
        end -= len(doc[b].text)
    return start, end


def _claim(report: Report, doc: Any, offset: int, hit: _Hit, m: NumberMention | None,
           clause_of: list[int], sentence_of: list[int]) -> Claim | None:
    p = hit.pattern
    anchor = hit.figure if hit.figure is not None else hit.start
    a, b = _clause_span(doc, clause_of, anchor)
    text = doc.text[a:b]
    lead = len(text) - len(text.lstrip(" \t\n\u3000（(）)、"))
    a += lead
    text = text.strip(" \t\n\u3000（(）)、")
    if not text:
        return None
    unit: str | None
    if m is None:
        value: int | Decimal = p.value or 0
        unit = DEFAULT_UNIT.get(p.metric, "件")
        approx = False
        n0 = n1 = a + offset
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


def _share(doc: Any, fig: int, clause_of: list[int]) -> Decimal | None:
    """The percentage stated right after the figure (占12.5%, 占比12.5%), in the same clause."""
    mentions = doc.user_data["mentions"]
    cl = clause_of[fig]
    for j in range(fig + 1, min(fig + 6, len(doc))):
        if clause_of[j] != cl and not (j == fig + 1 or doc[j - 1].text in ("，", ",")):
            break
        tok = doc[j]
        if tok.norm_ in ("NUM", "MONEY"):
            return None
        if tok.norm_ == "PCT":
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
    before = doc.text[doc[a].idx : doc[i].idx + len(doc[i].text)]
    words = _scope_words()
    for w in words["on_behalf"]:
        if w in before:
            return "other", w
    government = report.meta.body_kind in ("government", "office")
    if not government:
        for w in words["region_words"] + words["other_bodies"]:
            if w in before:
                return "other", w
    return "self", None


# ---------------------------------------------------------------- parts (其中…)


def _link_parts(report: Report, claims: list[Claim]) -> None:
    """A claim stated after 其中 in the sentence of another claim is a part of it."""
    text = report.text
    for i, c in enumerate(claims):
        s0 = _sentence_start(text, c.start)
        for j in range(i - 1, -1, -1):
            t = claims[j]
            if t.start < s0:
                break
            between = text[t.end : c.start]
            if any(w in between for w in _OF_WHICH) and t.metric != c.metric:
                c.part_of = j
                break
            if any(w in between for w in _OF_WHICH) and t.metric == c.metric:
                c.part_of = j
                c.metric = c.metric + ".part"
                break


def _sentence_start(text: str, pos: int) -> int:
    best = 0
    for ch in "。；;！？\n":
        k = text.rfind(ch, 0, pos)
        best = max(best, k + 1)
    return best
