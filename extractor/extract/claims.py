"""Claims: figures stated in the prose, tied to what they count (spec/claims.md).

Patterns (rules/lexicon/claims.yaml through spaCy's Matcher) decide what each figure counts.
A learned judge was measured leave one body out and did not beat them (bench/lobo.py).
Each claim knows its clause, offsets, section, unit, approximation, the share stated beside it,
and its scope: "other" when the sentence speaks of a whole region or of other bodies that the
reporting body's own tables do not hold.

`pattern_candidates` is the candidate stage: for each figure (number, unit, clause, sentence,
section) the pattern that takes it after the vetoes of what a figure counts — its own item of a
list, the subject of its sentence, a partition of documents, a name or a rate, a running total —
and the figures those classes refused. (A learned judge of the candidates was measured leave
one body out and did not beat them: models/README.md.) A claim whose metric a pattern
inferred from the sentence carries `confidence` < 1: the rules make it a warning, never an error.
"""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass
from decimal import Decimal
from functools import cache, lru_cache
from typing import Any, Literal

from ..model import Claim, NumberMention, Report
from ..resources import load_yaml
from ..text import outside, prose_text, table_spans
from .nlp import Joined, join_soft, make_doc, newlines, soft_newlines, view, wrapped
from .numbers import find_numbers, money_as_written
from .patterns import (
    CLAUSE_PUNCT,
    FIGURE_BRACKETS,
    LABEL_COLONS,
    SENTENCE_PUNCT,
    ClaimPattern,
    by_id,
    lexicon_list,
    lexicon_rx,
    matches,
    subjects,
)

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
    holes = table_spans(report) + [(g.start, g.end) for g in report.grids] \
        + [(s.start, s.heading_end) for s in report.sections if s.heading_end > s.start]
    return [(a, b) for a, b in outside(start, end, holes) if text[a:b].strip()]


def prose_docs(report: Report) -> list[tuple[Any, int]]:
    """The prose as spaCy Docs (one per stretch) with each stretch's offset; built once per report
    and shared by every stage that needs tokens."""
    if report.derived.docs is not None:
        return report.derived.docs
    spans = prose_spans(report)
    soft, breaks = _soft_breaks(report, spans)
    docs = []
    mentions: list[NumberMention] = []
    for a, b in spans:
        # the figures as the joined text reads them (「7个工\n作日」 is a duration, not 7 个), placed in the original
        joined = join_soft(report.text[a:b], breaks, a)
        found = [joined.mention(m) for m in find_numbers(joined.text)]
        mentions.extend(found)
        broken = set() if soft else {i for i in breaks if a <= i < b}
        # only sentences that state a figure or a nothing (with the sentence before, for context)
        # are segmented: most of a report is prose without either
        starts = [m.start for m in found]
        ordered = all(x <= y for x, y in itertools.pairwise(starts))
        for c0, c1 in _claim_chunks(report.text, a, b, found, soft, broken):
            # the mentions inside the chunk (found is in text order: look only from c0 to c1)
            near = found[bisect.bisect_left(starts, c0) : bisect.bisect_left(starts, c1)] if ordered else found
            chunk_mentions = [_shift(m, -c0) for m in near if c0 <= m.start and m.end <= c1]
            doc = make_doc(report.text[c0:c1], chunk_mentions, soft_newlines=soft,
                           soft_at={i - c0 for i in broken if c0 <= i < c1})
            _refine(doc, report.meta.year)
            docs.append((doc, c0))
    report.mentions = mentions
    report.derived.docs = docs
    return docs


def soft_breaks(report: Report) -> frozenset[int]:
    """The characters a conversion put inside a sentence of the prose: in a hard-wrapped report (any
    format: PDF, Word, a scraper, e-mail may wrap the lines) every line break inside a sentence,
    otherwise the breaks (with their indentation) inside a domain word. Decided once per report;
    every prose reader reads the text without them (nlp.join_soft), so a wrapped report gives the
    same claims and findings as its unwrapped original."""
    if report.derived.soft is not None:
        return report.derived.soft
    return _soft_breaks(report, prose_spans(report))[1]


def joined_prose(report: Report, a: int = 0, b: int | None = None) -> Joined:
    """The prose between a and b (tables blanked, text.prose_text) without its soft breaks: what every
    prose reader searches; `at`/`end` map what it finds back to the report's offsets."""
    return join_soft(prose_text(report, a, b), soft_breaks(report), a)


def _soft_breaks(report: Report, spans: list[tuple[int, int]]) -> tuple[bool, frozenset[int]]:
    known = report.derived.soft
    soft = wrapped("".join(report.text[a:b] for a, b in spans))
    if known is not None:
        return soft, known
    breaks: set[int] = set()
    for a, b in spans:
        breaks.update(soft_newlines(report.text, a, b) if soft else broken_words(report.text, a, b))
    out = frozenset(breaks)
    report.derived.soft = out
    return soft, out


_VERBS = frozenset({"RECEIVE", "HANDLE", "REPLY", "ISSUE", "PROCESS"})
_HOTLINE = re.compile(r"12[0-9]{3}")  # 12345, 12315 …: a hotline, the subject of what it received


def _refine(doc: Any, year: int | None) -> None:
    """Concepts that depend on the neighbours of a word (set on the tokens, for the Matcher):
    a verb directly before a noun it modifies (受理时间, 办理流程) is not the verb; a hotline number
    is a channel of petitions; the year after the report year after 结转(至) is the next year."""
    v = view(doc)
    mods = set(lexicon_list("modifier_nouns"))
    mentions = doc.user_data["mentions"]
    n = len(v)

    def nxt(i: int) -> int:
        j = i + 1
        while j < n and v.is_space(j):
            j += 1
        return j

    def prv(i: int) -> int:
        j = i - 1
        while j >= 0 and v.is_space(j):
            j -= 1
        return j

    other_heads = lexicon_list("other_application_heads")
    for i in range(n):
        norm = v.norms[i]
        if norm in _VERBS:
            j = nxt(i)
            if j < n and v.words[j] in mods:
                _set_norm(doc, i, v.words[i])
        elif norm == "APPLY" and v.words[i] in _BARE_APPLY:
            # 行政许可申请, 企业开办申请, 补贴申请: an application of another kind
            j = prv(i)
            if j >= 0 and (v.norms[j] in _OTHER_APPLY_OF or v.words[j].endswith(other_heads)):
                _set_norm(doc, i, "OTHER_APPLY")
        elif norm == "GRANT":
            j = prv(i)
            if j >= 0 and v.words[j] == "部分":  # 部分同意公开, 部分予以公开: partly granted
                _set_norm(doc, i, "PARTIAL")
            elif j >= 0 and v.words[j] in ("不", "未", "不予"):  # 不同意公开: denied
                _set_norm(doc, i, "DENY")
        elif norm == "ONUM" and _HOTLINE.fullmatch(v.words[i].strip()):
            _set_norm(doc, i, "PETITION")
        elif norm == "YEAR" and year is not None and i in mentions:
            m = mentions[i]
            j = prv(i)
            if j >= 0 and v.words[j] in ("至", "到") :
                j = prv(j)
            if j >= 0 and v.norms[j] == "CARRY":
                if m.value == year + 1:
                    _set_norm(doc, i, "NEXT_YEAR")
                elif m.value == year - 1:
                    _set_norm(doc, i, "LAST_YEAR")
                continue
            # 2023年结转的申请 (in the 2024 report): carried over from last year
            k = nxt(i)
            if k < n and v.words[k] in ("的", "度"):
                k = nxt(k)
            if k < n and v.norms[k] == "CARRY" and m.value == year - 1:
                _set_norm(doc, i, "LAST_YEAR")


# a bare 申请 right after one of these concepts (or a word ending in an `other_application_heads`
# entry) is an application of another kind: 行政许可申请, 行政复议申请, 信访申请
_BARE_APPLY = frozenset({"申请", "申请件"})
_OTHER_APPLY_OF = frozenset({"LICENSING", "PENALTY", "COERCION", "RECONSIDER", "LITIGATE", "PETITION"})


def _set_norm(doc: Any, i: int, norm: str) -> None:
    doc[i].norm_ = norm
    view(doc).norms[i] = norm


# words of nothing; a bare 0 said of something (…均为0, 数量为0) counts as one; 不 before a word of
# charging or arising (不收取/不计收/不收缴/不产生 费用); a fee waived (免收)
def _spaced(*words: str) -> str:
    """The words as a pattern that also matches them broken by a line a conversion wrapped (没\n有)."""
    return "|".join(r"\s*".join(map(re.escape, w)) for w in words)


_ZERO_WORDS = re.compile(
    _spaced("未", "没有", "无", "不存在", "不向", "零", "免收", "免除", "不收取", "不计收", "不收缴", "不收费", "不产生", "不发生")
    + r"|(?:为|是)\s*[0０](?![0-9０-９.．])"
)
# (every alternative starts with one character, written alone: the scan then skips in C to the
# next of them; [。；;！!？?] as the first alternative was tried at every position)
_SENTENCE_END = re.compile(r"。|；|;|！|!|？|\?|\n(?=\s*\n)|\n(?=[ \t\u3000]*(?:[一二三四五六七八九十]+、|[（(]|\d+[.、．]))")


# a line break (or two) between Chinese characters; the look-behind after the first break, so the
# pattern starts with it and the scan skips in C from one line break to the next
_BREAK_IN_WORD = re.compile(r"\n(?<=[\u4e00-\u9fff]\n)\n?[ \t\u3000]*(?=[\u4e00-\u9fff])")


def broken_words(text: str, a: int, b: int) -> set[int]:
    """Positions of the line (or paragraph) breaks, with the indentation after them, that a
    conversion put inside a domain word (行政复\n议, 政府信息公开申\n\n请): joined for every format.
    Only after a line of some length (a heading is short and its break is real)."""
    out: set[int] = set()
    heads, halves, longest = _word_halves()
    for m in _BREAK_IN_WORD.finditer(text, a, b):
        i, j = m.start(), m.end()
        line = text[text.rfind("\n", 0, i) + 1 : i]
        if len(line.strip()) < 12:
            continue
        # a domain word w cut after its k-th character: text[i-k:i] == w[:k], text[j:…] == w[k:]
        if any(before in heads and (before, text[j : j + n]) in halves
               for k in range(1, longest) for before in (text[i - k : i],) for n in range(1, longest - k + 1)):
            out.update(range(i, j))
    return out


@cache
def _long_words() -> tuple[str, ...]:
    from .nlp import lexicon

    return tuple(w for w in lexicon().concepts if len(w) >= 3)


@cache
def _word_halves() -> tuple[frozenset[str], frozenset[tuple[str, str]], int]:
    """Every way to cut a long domain word in two (its first k characters, the rest), the first
    halves alone, and the longest word's length: a break is inside a word when the text before
    and after it are the two halves of one cut (looked up, not compared word by word)."""
    words = _long_words()
    pairs = frozenset((w[:k], w[k:]) for w in words for k in range(1, len(w)))
    return frozenset(a for a, _ in pairs), pairs, max((len(w) for w in words), default=0)


def _claim_chunks(text: str, a: int, b: int, found: list[NumberMention], soft: bool,
                  broken: set[int] | None = None) -> list[tuple[int, int]]:
    """Stretches of [a, b) worth segmenting: sentences with a count, an amount or a share, or a
    word of negation; adjacent stretches are merged. A break inside a word (`broken`) ends nothing."""
    broken = broken or set()
    ends = [m.end() for m in _SENTENCE_END.finditer(text, a, b) if m.start() not in broken]
    if not soft:
        ends += [i + 1 for i in newlines(text, a, b) if i not in broken]
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
    decided: set[int] = set()  # where the figures a pattern looked at start (claims and refused ones)
    for doc, offset in prose_docs(report):
        found, taken, _clause_of, _sentence_of = _claims_in(report, doc, offset)
        claims.extend(found)
        mentions = doc.user_data["mentions"]
        decided.update(offset + mentions[t].start for t in taken if t in mentions)
    claims = _weak_yield(claims)
    claims.sort(key=lambda c: (c.start, c.number_start))
    refused = decided - {c.number_start for c in claims}
    restating, void = _restatements(report, claims, refused)
    _link_parts(report, claims, restating, void)
    _totals_after_parts(report, claims, refused)
    _applicant_parts(report, claims)
    report.claims = claims
    return claims


_JOINT = re.compile(r"[\s\u3000]*[、和及与或][\s\u3000]*")  # between two kinds of a list


@cache
def _applicant_kinds() -> dict[str, str | None]:
    kinds: dict[str, str | None] = load_yaml("lexicon/claims.yaml")["applicant_kinds"]
    return kinds


@cache
def _applicant_kind_rx() -> re.Pattern[str]:
    return re.compile("|".join(map(re.escape, sorted(_applicant_kinds(), key=len, reverse=True))))


def _applicant_parts(report: Report, claims: list[Claim]) -> None:
    """A figure of applications that some kinds of applicant made (自然人提出38件, 其中法人申请1件,
    科研机构、社会公益组织均未提出申请) is some columns of its row of 表三: the claim becomes
    `<metric>.part`, a part of the metric's figure stated before it in the paragraph when there is
    one (whose sum the rules then check), never compared with the row's total (P409 compares it with
    its column, where one kind names one: `applicant_kinds`). A list of kinds that holds both persons
    and organisations (公民、法人和其他组织提出的申请23件) names every applicant: that figure stays the
    total."""
    text = report.text
    kind = _applicant_kind_rx()
    governs = lexicon_rx("applicant_to_figure")
    for i, c in enumerate(claims):
        if not c.metric.startswith("applications.") or c.column is not None:
            continue
        if c.number_start > c.start:  # a figure: the kinds right before it, governing it
            a = max(text.rfind(p, 0, c.number_start) for p in ("，", "。", "；", "：", "\n", ",", ";")) + 1
            words = text[a : c.number_start]
            found = list(kind.finditer(words))
            if not found or not governs.match(words[found[-1].end() :]):
                continue
        else:  # a statement of nothing: the kinds it names
            words = c.text
            found = list(kind.finditer(words))
            if not found:
                continue
        group = [found[-1]]  # the list of kinds that ends with the last one
        for m in reversed(found[:-1]):
            if not _JOINT.fullmatch(words, m.end(), group[0].start()):
                break
            group.insert(0, m)
        columns = {_applicant_kinds().get(m.group(0)) for m in group}
        if "natural_person" in columns and len(columns) > 1:
            continue  # persons and organisations: every applicant
        base = c.metric.removesuffix(".part")
        c.metric = base + ".part"
        c.column = columns.pop() if len(columns) == 1 else None
        if c.part_of is None:
            para = text.rfind("\n", 0, c.start)
            for j in range(i - 1, -1, -1):
                t = claims[j]
                if t.start <= para:
                    break
                if t.metric == base:
                    c.part_of = j
                    break


# a clause that is only a word of total before its figure (合计12件, 共计：12件, 总计为12件)
_TOTAL_ONLY = re.compile(r"^[\s\u3000]*(?:合计|共计|总计|一共|总共)(?:为|是|有)?[\s\u3000]*[:：]?[\s\u3000]*$")


def _head_noun(text: str, m: NumberMention) -> str:
    """The two characters right before a figure, spaces and a colon left out (当面申请3件 → 申请)."""
    return re.sub(r"[\s\u3000:：]", "", _clause_before(text, m))[-2:]


def _totals_after_parts(report: Report, claims: list[Claim], refused: set[int]) -> None:
    """A total stated after its parts (收到当面申请4件、网上申请8件，合计12件): the clause holds only a word
    of total and the figure, and the figures just before it in the sentence, of the same unit, sum to
    it. What the parts are claimed as (one metric) the total is; the parts become its parts (the first
    part read alone as the metric was a part all along). Claims are changed in place."""
    text = report.text
    counts = [m for m in report.mentions if m.kind == "count" and not report.in_table(m.start)]
    own = {c.number_start: c for c in claims}
    totals: dict[int, Claim] = {}   # id(part) → its total
    added: list[Claim] = []
    for k, t in enumerate(counts):
        if t.start in own or t.start in refused or t.approx or not isinstance(t.value, int) or t.value <= 0:
            continue
        cut = max(text.rfind(p, 0, t.start) for p in "，,；;。\n")
        if cut < 0 or text[cut] not in "，," or not _TOTAL_ONLY.match(text[cut + 1 : t.start]):
            continue
        start = _sentence_start(text, t.start)
        before = [m for m in counts[:k] if m.start >= start]
        run: list[NumberMention] = []
        for m in reversed(before):
            if _unit_family(m.unit) != _unit_family(t.unit) or m.approx:
                break
            run.insert(0, m)
            if len(run) >= 2 and sum(x.value for x in run) == t.value:
                break
        else:
            continue
        if len(run) < 2 or sum(x.value for x in run) != t.value:
            continue
        said = [own[m.start] for m in run if m.start in own]
        metrics = {c.metric for c in said}
        if len(metrics) != 1 or next(iter(metrics)).endswith(".part") or next(iter(metrics)).startswith("breakdown."):
            continue
        # a part no pattern claimed must be a kind of the same thing (当面申请3件、网上申请9件: 申请), not
        # another item (信访件, 群众来信, 热线工单): then the total sums more than the metric
        heads = {_head_noun(text, m) for m in run if m.start in own}
        if any(m.start not in own and _head_noun(text, m) not in heads for m in run):
            continue
        first = said[0]
        metric = first.metric
        total = _plain_claim(report, t, metric)
        total.scope, total.scope_reason, total.confidence = first.scope, first.scope_reason, first.confidence
        total.pattern = "total-after-parts"
        added.append(total)
        for m in run:
            c = own.get(m.start)
            if c is None:
                c = _plain_claim(report, m, metric + ".part")
                added.append(c)
            else:
                c.metric = metric + ".part"
            totals[id(c)] = total
    if not added:
        return
    was = {id(c): claims[c.part_of] for c in claims if c.part_of is not None and c.part_of < len(claims)}
    claims.extend(added)
    claims.sort(key=lambda c: (c.start, c.number_start))
    index = {id(c): i for i, c in enumerate(claims)}
    for c in claims:
        whole = totals.get(id(c)) or was.get(id(c))
        c.part_of = index[id(whole)] if whole is not None else None


_BETWEEN_PARTS = re.compile(r"[（(](?:[一二三四五六七八九十]{1,3}|\d{1,2})[）)]")


def _restatements(report: Report, claims: list[Claim], refused: set[int] | frozenset[int] = frozenset()
                  ) -> tuple[dict[int, int], set[int]]:
    """Figures that only refer back to a figure the sentence before stated (…主动公开政府信息55条。
    在主动公开的55条政府信息中，…; 上述55条信息中，…): the …N条…中 that opens a breakdown, with the
    figure and unit of a claim in the same or the preceding sentence of the same paragraph, and no
    sub-heading or table between. The report states the figure once: the second mention is the
    breakdown's subject, not a second statement (when it reads as a claim itself, of the same metric
    and scope, it is dropped), and the parts it opens are parts of the stated claim. Line breaks a
    conversion put inside the paragraph (soft_breaks) end no sentence. Maps the start of the
    restating figure to the index of the claim it restates. A breakdown that refers back to a figure
    the patterns refused (`refused`: where those figures start — 截至目前累计公开信息55条, a quoted
    or another body's figure) restates what is no claim of this year's: the restating figure is no
    claim either (the second set returned)."""
    text = report.text
    out: dict[int, int] = {}
    void: set[int] = set()
    at: dict[int, NumberMention] = {}
    soft: frozenset[int] | None = None
    own = {c.number_start: c for c in claims}
    taken: set[int] = set()
    for m in report.mentions:
        if m.kind != "count" or not _in_frame(text, m.start, m.end) or report.in_table(m.start):
            continue
        if soft is None:  # both only once a report has a frame at all
            soft = soft_breaks(report)
            at = {x.start: x for x in report.mentions}
        here = _hard_sentence_start(text, m.start, soft)
        before = _hard_sentence_start(text, here - 1, soft) if here > 0 else 0
        c = own.get(m.start)
        found: list[int] = []
        for j, p in enumerate(claims):
            if p.number_end <= p.number_start or p.number_end > m.start or p.number_start < before:
                continue
            if p.value != m.value or _unit_family(p.unit) != _unit_family(m.unit) or j in taken \
                    or (c is not None and p.metric != c.metric):
                continue
            if not _same_stretch(report, p.number_end, m.start, soft):
                continue
            found.append(j)
        last = claims[found[-1]].number_start if found else -1
        for r in refused:
            rm = at.get(r)
            if rm is None or not before <= r < m.start or r <= last or rm.value != m.value \
                    or _unit_family(rm.unit) != _unit_family(m.unit):
                continue
            if not _same_stretch(report, rm.end, m.start, soft):
                continue
            void.add(m.start)  # the nearest figure it restates is no claim
            break
        if m.start in void:
            continue
        # two figures of the same value but of other metrics before it: which one it restates is unsure
        if found and len({claims[j].metric for j in found}) == 1:
            out[m.start] = found[-1]
            taken.add(found[-1])
    return out, void


def _same_stretch(report: Report, a: int, b: int, soft: frozenset[int]) -> bool:
    """Nothing between text[a:b] parts a figure from the one it restates: no sub-heading ((二)), no
    line break a conversion did not put inside the paragraph, and `a` in no table."""
    gap = report.text[a:b]
    return not (_BETWEEN_PARTS.search(gap) or any(a + i not in soft for i in newlines(gap))
                or report.in_table(a))


def _hard_sentence_start(text: str, pos: int, soft: frozenset[int]) -> int:
    """Where the sentence holding text[pos] starts: after 。；;！？ or a line break that is not soft."""
    k = pos - 1
    while k >= 0:
        ch = text[k]
        if ch in "。；;！？" or (ch == "\n" and k not in soft):
            return k + 1
        k -= 1
    return 0


def _weak_yield(claims: list[Claim]) -> list[Claim]:
    """A figure read by a pattern marked `yields` (发布各类信息N条: information, perhaps news and
    posts) yields to the same metric stated by another pattern elsewhere in the report with another
    figure (主动公开政府信息393条 beside 网站发布信息2139条): the weak one counted something else."""
    pats = by_id()

    def weak(c: Claim) -> bool:
        p = pats.get(c.pattern or "")
        return p is not None and p.yields

    plain: dict[tuple[str, str], set[Any]] = {}
    for c in claims:
        if not weak(c):
            plain.setdefault((c.metric, c.scope), set()).add(c.value)
    return [c for c in claims if not (weak(c) and (c.metric, c.scope) in plain
                                      and c.value not in plain[(c.metric, c.scope)])]


def _shift(m: NumberMention, offset: int) -> NumberMention:
    return NumberMention(m.value, m.unit, m.start + offset, m.end + offset, m.text, m.approx, m.kind, m.low, m.high)


# ---------------------------------------------------------------- matching


def _spans(doc: Any) -> tuple[list[int], list[int]]:
    """Clause and sentence id of every token. A colon right before a figure (spaces between) joins a
    label to its figure (收到政府信息公开申请：12件): one clause, as the patterns read it; so do brackets
    that hold the figure alone (收到政府信息公开申请（12件）)."""
    clause, sentence = [], []
    c = s = 0
    v = view(doc)
    figures = {i for i, m in doc.user_data["mentions"].items() if m.kind in _FIGURE_KINDS}
    n = len(v)
    aside_close = -1
    # a sub-heading run into its first sentence ends there: the next token opens a sentence
    cuts = sorted(m.end() for m in lexicon_rx("glued_heading").finditer(v.text))
    k = 0
    for i, w in enumerate(v.words):
        if k < len(cuts) and v.idx[i] >= cuts[k]:
            while k < len(cuts) and cuts[k] <= v.idx[i]:
                k += 1
            c += 1
            s += 1
        clause.append(c)
        sentence.append(s)
        hard_break = "\n" in w and not w.strip()
        if i == aside_close:
            continue
        if w in LABEL_COLONS or w in FIGURE_BRACKETS:
            j = i + 1
            while j < n and v.is_space(j) and "\n" not in v.words[j]:
                j += 1
            if j in figures and w in LABEL_COLONS:
                continue
            if j in figures:
                # a figure alone in brackets after its label (收到申请（12件）): one clause with it
                k = j + 1
                while k < n and v.is_space(k) and "\n" not in v.words[k]:
                    k += 1
                if k < n and v.words[k] == FIGURE_BRACKETS[w]:
                    aside_close = k
                    continue
        if w in _CLAUSE or hard_break:
            c += 1
        if w in _SENTENCE or hard_break:
            s += 1
    return clause, sentence


@dataclass
class PatternCandidate:
    """A figure (or a statement of nothing) that a pattern proposes as a claim, with what a judge
    needs to score it: the number and its unit, the clause, the sentence and the section."""

    pattern: ClaimPattern
    metric: str
    token: int | None  # the figure's token; None for a statement of nothing
    mention: NumberMention | None
    clause: tuple[int, int]  # character spans in the report text
    sentence: tuple[int, int]
    section: int | None
    hit: _Hit

    @property
    def value(self) -> Any:
        return self.mention.value if self.mention is not None else (self.pattern.value or 0)

    @property
    def unit(self) -> str | None:
        return self.mention.unit if self.mention is not None else DEFAULT_UNIT.get(self.metric, "件")


def _claims_in(report: Report, doc: Any, offset: int) -> tuple[list[Claim], set[int], list[int], list[int]]:
    """Pattern claims of one Doc, the figure tokens they took, and each token's clause/sentence."""
    cands, refused, clause_of, sentence_of = pattern_candidates(report, doc, offset)
    out: list[Claim] = []
    taken: set[int] = set(refused)  # refused figures are decided too: not claims
    for cand in cands:
        c = _claim(report, doc, offset, cand.hit, cand.mention, clause_of, sentence_of)
        if c is None:
            continue
        if cand.pattern.loose:
            c.confidence = LOOSE_CONFIDENCE
        out.append(c)
        if cand.token is not None:
            taken.add(cand.token)
    out.sort(key=lambda c: c.start)
    return out, taken, clause_of, sentence_of


LOOSE_CONFIDENCE = 0.8  # a claim whose metric the sentence implies: a warning at most, never an error
_FIGURE_KINDS = ("count", "money", "percent")
_QUOTES_OPEN = {"“": "”", "「": "」", "『": "』", "‘": "’", "《": "》", "〈": "〉"}
_NUMERAL_NEXT = re.compile(r"\s*[0-9０-９一二两三四五六七八九十百千万]")


# after a figure, these join the next item of a list (行政复议1件、行政诉讼2件; …1件和行政诉讼2件)
_ITEM_JOINERS = frozenset({"、", "和", "及", "以及", "与", "及其"})


def _items(doc: Any, clause_of: list[int]) -> list[int]:
    """Item id of every token: a clause, cut further by each 、 (和, 及 …) of a list of figures — one
    that follows a figure of its item and precedes another figure of the clause (予以公开6件、不予公开
    2件, 行政复议1件和行政诉讼2件: two items; 未收到行政复议、行政诉讼 and 1件属于信访、投诉举报类: one)."""
    v = view(doc)
    mentions = doc.user_data["mentions"]
    figures = [i for i, m in mentions.items() if m.kind in _FIGURE_KINDS]
    last_in_clause: dict[int, int] = {}
    for i in figures:
        last_in_clause[clause_of[i]] = max(i, last_in_clause.get(clause_of[i], -1))
    out: list[int] = []
    k = 0
    has_figure = False
    for i, w in enumerate(v.words):
        if i and clause_of[i] != clause_of[i - 1]:
            k += 1
            has_figure = False
        out.append(k)
        m = mentions.get(i)
        if m is not None and m.kind in _FIGURE_KINDS:
            has_figure = True
        elif w in _ITEM_JOINERS and has_figure and last_in_clause.get(clause_of[i], -1) > i:
            k += 1
            has_figure = False
    return out


def _quoted(doc: Any, sentence_of: list[int]) -> set[int]:
    """Tokens inside quotation marks (a slogan or a name: “3个1”工作法), within a sentence."""
    v = view(doc)
    out: set[int] = set()
    close: str | None = None
    opened = -1
    for i, w in enumerate(v.words):
        if close is not None and (w == close or sentence_of[i] != sentence_of[opened] or i - opened > 40):
            if w == close:
                out.update(range(opened + 1, i))
            close = None
            continue
        if close is None:
            if w in _QUOTES_OPEN:
                close, opened = _QUOTES_OPEN[w], i
            elif w == '"':
                close, opened = '"', i
    return out


def _named_not_counted(doc: Any, fig: int) -> bool:
    """N个 followed by a numeral (2个1, 3个100%) is a name, not a count; so is a figure right before a
    word that names a policy or a way of working (三项清单, 两个一律, 一件事): it counts those, and is
    the name of a measure (claims.yaml `name_heads`); and a figure in a measure word of persons before
    a word of persons (12个申请人, 3名原告: `person_units`, `person_heads`) counts persons."""
    m = doc.user_data["mentions"][fig]
    v = view(doc)
    nxt = v.text[v.end(fig) : v.end(fig) + 3]
    if m.unit in ("个", "项") and _NUMERAL_NEXT.match(nxt):
        return True
    j = fig + 1
    while j < len(v) and v.is_space(j) and "\n" not in v.words[j]:
        j += 1
    if j >= len(v):
        return False
    return v.words[j] in _name_heads() or (m.unit in _person_units() and v.words[j] in _person_heads())


@cache
def _name_heads() -> frozenset[str]:
    return frozenset(lexicon_list("name_heads"))


@cache
def _person_units() -> frozenset[str]:
    return frozenset(lexicon_list("person_units"))


@cache
def _person_heads() -> frozenset[str]:
    return frozenset(lexicon_list("person_heads"))


_CHANGE_VERB = re.compile(r"(?:增加|增长|减少|下降|降低|上升|提高|增多|回落|多出|少了)了?[\s\u3000]*$")


def _change_amount(text: str, fig_start: int, sent_start: int) -> bool:
    """A figure right after a verb of change (申请数量减少3件, 比上年增加2件, 下降了5件): the amount the
    year differs by, not a count of the year's. (增长/增加 also veto the clause as CHANGE; 减少 is
    AVOID there, for 减少群众跑腿 and the like: here it is the figure's own verb.)"""
    return bool(_CHANGE_VERB.search(text, max(sent_start, fig_start - 8), fig_start))


def _cumulative(report: Report, text: str, fig_start: int, sent_start: int, metric: str) -> bool:
    """A figure after 累计/历年/截至目前/至今 … with no word of this year between the start of the
    marker's clause and the figure: a running total over years, not this year's figure."""
    if metric in _stock_metrics():
        return False
    head = text[sent_start:fig_start]
    marks = list(lexicon_rx("cumulative.markers").finditer(head))
    if not marks:
        return False
    mk = marks[-1]  # the marker nearest the figure governs it (…2024年新增5件，截至目前，累计…)
    seg = _UNTIL.sub("", head[_clause_start(head, mk.start()) :])
    if lexicon_rx("cumulative.this_year").search(seg):
        return False
    year = report.meta.year
    return not (year and re.search(rf"{year}\s*年(?!\s*(?:底|末|\d{{1,2}}\s*月))", seg))


def _marked(key: str, text: str, fig_start: int, sent_start: int) -> bool:
    """A marker of lexicon `key` in the figure's clause before it: `plans.markers` (下一步计划…, 拟制发…:
    a plan, not what the year counted), `sub_periods` (第四季度受理12件: a part of the year),
    `statistics` (最多的达9件, 平均每月3件: a statistic of the figures, not one of them)."""
    head = text[sent_start:fig_start]
    return bool(lexicon_rx(key).search(head[_clause_start(head) :]))


def _last_year_aside(text: str, fig_start: int, sent_start: int) -> bool:
    """A figure inside a bracket that gives last year's figures (与上年（复议1件、诉讼0件）相比)."""
    return bool(lexicon_rx("last_year_aside").search(text, max(sent_start, fig_start - 40), fig_start))


def _broader_total(text: str, fig_end: int, metric: str) -> bool:
    """A figure of cases followed by the disclosure cases among it (办理行政复议案件58件（其中涉及政府信息
    公开的1件）): the figure is of every topic (for the `topic_required` families)."""
    return metric.split(".", 1)[0] in _topic_required() and bool(lexicon_rx("broader_total").match(text, fig_end))


_ASIDE = re.compile(r"[（(][^（）()，,。；;]{0,20}[）)]")


def _clause_start(head: str, end: int | None = None) -> int:
    """Where the clause of head[:end] starts: after its last comma, colon or open bracket — a
    closed parenthesis (信用中国（福建）平台) is an aside inside the clause, not its end."""
    free = _ASIDE.sub(lambda m: "_" * len(m.group(0)), head)
    end = len(head) if end is None else end
    return max(free.rfind(p, 0, end) for p in ("，", ",", "：", ":", "（", "(")) + 1


_SPREAD = re.compile(r"[\s\u3000]*(?:均|分别|依次)?(?:作|为|是|予以|作出)")
_ROW_WORDS = re.compile(r"予以公开|部分公开|不予公开|无法提供|不予处理|其他处理")


def _spread_over_rows(text: str, fig_end: int) -> bool:
    """The figure is then spread over several outcome rows (其余6件分别作不予公开（3件）、不予处理（1件）…)."""
    if not _SPREAD.match(text, fig_end):
        return False
    rest = re.split(r"[，,。；;]", text[fig_end : fig_end + 80], maxsplit=1)[0]  # its own clause
    return len(set(_ROW_WORDS.findall(rest))) > 1


@cache
def _outcome_concepts() -> dict[str, tuple[str, ...]]:
    """Outcome row of 表三 → its concepts (`outcome_concepts`; a name ending in _ is a prefix)."""
    rows: dict[str, list[str]] = load_yaml("lexicon/claims.yaml")["outcome_concepts"]
    return {row: tuple(names) for row, names in rows.items()}


@cache
def _one_outcome() -> frozenset[str]:
    """The metrics of one outcome row (applications.granted …)."""
    return frozenset(f"applications.{row}" for row in _outcome_concepts())


def _outcome_rows(concepts: set[str] | frozenset[str]) -> set[str]:
    """The outcome rows of 表三 whose concepts are among `concepts`."""
    return {row for row, names in _outcome_concepts().items()
            if any(c == n or (n.endswith("_") and c.startswith(n)) for c in concepts for n in names)}


def _across_frame(text: str, pattern_start: int, fig_start: int) -> bool:
    """The pattern's words lie before a frame of the whole the figure is inside (接收的申请中有4件…):
    they are the whole's, not the figure's."""
    return pattern_start < fig_start and bool(lexicon_rx("part_frame").search(text, pattern_start, fig_start))


def _topic_named(report: Report, sent: tuple[int, int], metric: str) -> bool:
    """A family listed under `topic_required` (行政复议, 行政诉讼) counts disclosure cases only when the
    figure's sentence, the sentence before it or its headings name the disclosure work (政府信息公开,
    依申请公开 …): 全年办理行政复议案件3件 in a paragraph on law-based administration is not 表四."""
    need = _topic_required().get(metric.split(".", 1)[0])
    if not need:
        return True
    text = report.text
    a = sent[0]
    # the sentence before (by its punctuation: a converter's line breaks end nothing), within reach
    prev = max(text.rfind(ch, 0, max(a - 1, 0)) for ch in "。；;！？!?") + 1 if a > 0 else 0
    sec = next((x for x in report.sections if x.start <= a < x.end), None)
    floor = (sec.heading_end or sec.start) if sec is not None else (report.meta.title_end or 0)
    words = _topic_words(metric)
    if _other_topic(text, sent, metric):
        return False  # the sentence names its own topic, another one (涉及民政业务的行政复议案件)
    window = text[max(prev, a - 200, floor) : sent[1]]
    if any(w in window for w in words):
        return True
    return _heading_has(report, a, need)


def _other_topic(text: str, sent: tuple[int, int], metric: str) -> bool:
    """The figure's own sentence names a topic for the cases (of a `topic_required` family) other than
    the disclosure work: 涉及民政业务的行政复议案件, 其他行政复议案件, 因收费引起的投诉、复议."""
    words = _topic_words(metric)
    if not words:
        return False
    own = text[sent[0] : sent[1]]
    for m in lexicon_rx("other_topic").finditer(own):
        named = m.group(1) if m.group(1) is not None else m.group(0)
        if any(w in named for w in words):
            continue
        if not any(w in own for w in words) or _CASE_WORD.match(own, m.end()):
            return True
    return False


# the cases a topic phrase is said of, right after it (因收费引起的投诉、复议)
_CASE_WORD = re.compile(r"[^，,。；;]{0,6}?(?:复议|诉讼)")


@cache
def _topic_words(metric: str) -> tuple[str, ...]:
    """The words that name the disclosure work for a `topic_required` family (none for the others)."""
    return tuple(w for c in _topic_required().get(metric.split(".", 1)[0], ()) for w in concept_words(c))


@cache
def _topic_required() -> dict[str, frozenset[str]]:
    data = load_yaml("lexicon/claims.yaml").get("topic_required") or {}
    return {k: frozenset(v) for k, v in data.items()}


_YEAR_WORD = re.compile(r"((?:19|20)\d{2})\s*年")
# a year named as the base of a comparison (与2023年相比, 较2023年) or as where a figure was carried
# from/to (2023年结转, 结转至2025年) does not date the figure
_NOT_DATING = re.compile(r"(?:与|同|较|比|相较于?|对比)\s*(?:19|20)\d{2}\s*年度?(?:同期)?(?:相比|比较|相较)?"
                         r"|(?:19|20)\d{2}\s*年度?的?\s*(?:结转|转入)|(?:结转|转)(?:至|到)?\s*(?:19|20)\d{2}\s*年")


def _historical(report: Report, text: str, fig_start: int, sent_start: int, metric: str) -> bool:
    """A figure of an earlier year (2022年收到申请15件, in the 2024 report): its sentence names, before
    it, only years at least two before the report year, and no word of this year. Last year's
    number is not enough: a report copied from last year's often keeps its year (2023年，在主动公开
    的61条政府信息中 in the 2024 report states this year's figure under a stale year)."""
    year = report.meta.year
    if not year or metric == "applications.carried_over":
        return False
    if _last_year_clause(text[sent_start:fig_start]):
        return True
    head = _NOT_DATING.sub("", _UNTIL.sub("", text[sent_start:fig_start]))
    years = [int(y) for y in _YEAR_WORD.findall(head)]
    if not years or any(y >= year - 1 for y in years):
        return False
    return not lexicon_rx("cumulative.this_year").search(head)


# last year named in words (上年度主动公开政府信息320条) in the figure's own clause: last year's figure —
# unless it names what was carried over from it (上年度结转/遗留/未办结…) or a comparison (较上年…)
_LAST_YEAR_WORD = re.compile(r"(?<![较比与同])(?:上一?年度?|去年)(?!同期相比|相比|结转|转入|遗留|未办结|未结|度?结转|度?转入|度?遗留|度?未办结)")


def _last_year_clause(head: str) -> bool:
    clause = head[_clause_start(head) :]
    return bool(_LAST_YEAR_WORD.search(clause)) and not lexicon_rx("cumulative.this_year").search(clause)


_UNTIL = re.compile(r"(?:截至|截止)(?:到)?\s*(?:(?:19|20)\d{2}\s*年)?(?:\s*\d{1,2}\s*月)?(?:\s*\d{1,2}\s*日)?(?:底|末)?")


@cache
def _stock_metrics() -> frozenset[str]:
    return frozenset(load_yaml("lexicon/claims.yaml").get("cumulative", {}).get("stock_metrics") or ())


_SUBHEADING = re.compile(r"(?:^|(?<=[\n。；;]))[ \t\u3000]*[（(](?:[一二三四五六七八九十]{1,3}|\d{1,2})[）)]"
                         r"([^。；;：:\n（()）]{2,24})")


def _heading_has(report: Report, pos: int, concepts: frozenset[str]) -> bool:
    """Do the headings a sentence stands under name one of these concepts: the title of its part
    (三、收到和处理政府信息公开申请情况) or the enumerated sub-heading before it in that part
    (（二）依申请公开方面)? A sentence's topic is set there, not by the sentence before it."""
    sec = next((s for s in report.sections if s.start <= pos < s.end), None)
    heads: list[str] = []
    lo = 0
    if sec is not None:
        heads.append(sec.title)
        lo = sec.heading_end or sec.start
    last = _last_subheading(report.text, lo, pos)
    if last is not None:
        heads.append(last.group(1))
    text = "".join(heads)
    return any(w in text for c in concepts for w in concept_words(c))


@lru_cache(maxsize=16)
def _subheadings_from(text: str, lo: int) -> tuple[list[int], list[re.Match[str]]]:
    ms = list(_SUBHEADING.finditer(text, lo))
    return [m.end() for m in ms], ms


def _last_subheading(text: str, lo: int, pos: int) -> re.Match[str] | None:
    """The last match of `_SUBHEADING.finditer(text, lo, pos)`, from the matches after `lo` found
    once (a part's every sentence asked for its sub-heading: rescanning the part each time was
    quadratic in its length). The scan up to `pos` is the scan of the whole text up to the first
    match that runs past `pos`; from there it is rescanned with the text cut at `pos`."""
    ends, ms = _subheadings_from(text, lo)
    k = bisect.bisect_right(ends, pos)
    last = ms[k - 1] if k else None
    if k < len(ms) and ms[k].start() < pos:
        for m in _SUBHEADING.finditer(text, ms[k].start(), pos):
            last = m
    return last


def pattern_candidates(report: Report, doc: Any, offset: int
                       ) -> tuple[list[PatternCandidate], set[int], list[int], list[int]]:
    """What the patterns propose in one Doc, after the vetoes: for each figure the best pattern,
    and the statements of nothing whose clause states no figure of the same metric. Returns the
    candidates, the figures known not to be claims (a name, a running total, a part of documents,
    a petition …: no judge should take them either), and each token's clause and sentence id."""
    clause_of, sentence_of = _spans(doc)
    v = view(doc)
    refused: set[int] = set()
    if not len(v):
        return [], refused, clause_of, sentence_of
    norms = v.norms
    mentions = doc.user_data["mentions"]
    item_of = _items(doc, clause_of)
    quoted = _quoted(doc, sentence_of)
    concepts_by_clause: dict[int, set[str]] = {}
    concepts_by_sentence: dict[int, set[str]] = {}
    item_start: dict[int, int] = {}
    first_of_sentence: dict[int, int] = {}
    for i, n in enumerate(norms):
        concepts_by_clause.setdefault(clause_of[i], set()).add(n)
        concepts_by_sentence.setdefault(sentence_of[i], set()).add(n)
        item_start.setdefault(item_of[i], i)
        first_of_sentence.setdefault(sentence_of[i], i)
    doc_totals = _document_totals(doc, sentence_of, first_of_sentence)
    for i in doc_totals:
        concepts_by_sentence[sentence_of[i]].add("DOC_TOTAL")

    def item(fig: int) -> set[str]:
        """Concepts of the figure's item up to the token after it."""
        it = item_of[fig]
        stop = fig + 2
        while stop < len(norms) and item_of[stop - 1] == it and v.is_space(stop - 1):
            stop += 1
        return {norms[k] for k in range(item_start[it], min(stop, len(norms))) if item_of[k] == it}

    def rest_of_item(fig: int) -> set[str]:
        it = item_of[fig]
        out: set[str] = set()
        k = fig + 1
        while k < len(norms) and item_of[k] == it:
            out.add(norms[k])
            k += 1
        return out

    def sentence_tokens(i: int) -> range:
        a = first_of_sentence[sentence_of[i]]
        b = i
        while b + 1 < len(norms) and sentence_of[b + 1] == sentence_of[i]:
            b += 1
        return range(a, b + 1)

    def subject(fig: int) -> set[str]:
        """Concepts of the figure's sentence before it (its subject governs it)."""
        a, b = first_of_sentence[sentence_of[fig]], fig
        out = {norms[k] for k in range(a, b)}
        if any(a <= t < b for t in doc_totals):
            out.add("DOC_TOTAL")
        return out

    doc_only = set(lexicon_list("document_only_units"))
    doc_words = set(lexicon_list("document_words"))
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
        family = p.metric.split(".", 1)[0]
        if fig is not None:
            if (item_of[end - 1] != item_of[fig] and not p.crosses_clause) \
                    or (item_of[start] != item_of[fig] and start < fig and "…" not in p.source
                        and not p.crosses_clause):
                continue  # the pattern reaches into another item
            if fig in quoted or _named_not_counted(doc, fig):
                refused.add(fig)
                continue
            own = item(fig)
            # a pattern that starts at the figure: the words it spans up to its concept are the
            # figure's too (2起法院判决驳回起诉: 驳回 vetoes 起诉), and so is the rest of its item, the
            # predicate of the figure it starts with (其中2件行政复议维持原答复: 维持 vetoes the total)
            vetoes = own | rest_of_item(fig) if fig == start else own
            if p.unless & vetoes:
                if p.unless & vetoes & _NOT_A_CLAIM:
                    refused.add(fig)
                continue
            if p.metric in _one_outcome() and (len(_outcome_rows(vetoes)) > 1
                                             or _spread_over_rows(v.text, v.end(fig))):
                continue  # 其余6件为不予公开、不予处理和其他处理, 其余6件分别作…: several rows' sum
            m: NumberMention = mentions[fig]
            if p.units is not None and m.unit not in p.units:
                continue
            if family == "applications" and m.unit in doc_only and (own | subject(fig)) & doc_words \
                    and "APPLY" not in concepts_by_sentence[sentence_of[fig]]:
                refused.add(fig)
                continue  # 依申请公开政府信息12条: documents, not applications
            subj = subject(fig)
            if any(family in s.families and s.concepts & subj and not s.except_item & own for s in subjects()):
                refused.add(fig)
                continue
        elif p.unless & (concepts_by_clause[clause_of[start]] | concepts_by_clause[clause_of[end - 1]]):
            continue
        if p.sentence_has and not (p.sentence_has & concepts_by_sentence[sentence_of[anchor]]) \
                and not _heading_has(report, offset + v.idx[anchor], p.sentence_has):
            continue
        if fig is not None and p.metric == "proactive.items" and fig in doc_totals \
                and any(norms[k] == "PROACTIVE" and k > fig and k + 1 < len(norms) and norms[k + 1] == "NUM"
                        for k in sentence_tokens(fig)):
            refused.add(fig)
            continue  # 发布信息607条，其中主动公开380份: a total of documents, the part is the proactive figure
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
    listed, unpaired, nothing, shared = _respectively(doc, clause_of, sentence_of)
    for fig, hit in listed.items():
        if fig not in quoted:
            best[fig] = hit
    for fig in unpaired - listed.keys():
        best.pop(fig, None)
        refused.add(fig)
    for hit in nothing:
        zero.setdefault((clause_of[hit.start], hit.pattern.metric), hit)
    # one figure that is each name's (受理、办结申请均为15件): one candidate per name, in place of the
    # figure's own pattern (which read it as one name's)
    each = [(fig, hit) for fig, hit in shared if fig not in quoted and fig not in refused]
    for fig, _ in each:
        best.pop(fig, None)
    out: list[PatternCandidate] = []
    text = report.text
    for fig, hit in [*best.items(), *each]:
        m = mentions[fig]
        sent = _sentence_chars(v, sentence_of, first_of_sentence, fig, offset)
        if _cumulative(report, text, offset + m.start, sent[0], hit.pattern.metric) \
                or any(_marked(key, text, offset + m.start, sent[0])
                       for key in ("plans.markers", "sub_periods", "statistics")) \
                or _last_year_aside(text, offset + m.start, sent[0]) \
                or _broader_total(text, offset + m.end, hit.pattern.metric) \
                or _across_frame(text, offset + v.idx[hit.start], offset + m.start) \
                or _change_amount(text, offset + m.start, sent[0]) \
                or _historical(report, text, offset + m.start, sent[0], hit.pattern.metric) \
                or not _topic_named(report, sent, hit.pattern.metric):
            refused.add(fig)
            continue
        out.append(_candidate_of(report, doc, offset, hit, m, fig, clause_of, sent))
    # statements of nothing, unless the clause also states the figure
    stated = {(clause_of[f], h.pattern.metric) for f, h in [*best.items(), *each]}
    for (cl, metric), hit in zero.items():
        if (cl, metric) in stated:
            continue
        sent = _sentence_chars(v, sentence_of, first_of_sentence, hit.start, offset)
        if _other_topic(report.text, sent, metric):
            continue  # 未发生因收费引起的投诉、复议: nothing of another topic
        out.append(_candidate_of(report, doc, offset, hit, None, None, clause_of, sent))
    out.sort(key=lambda c: (c.clause[0], c.token if c.token is not None else c.hit.start))
    return out, refused - {c.token for c in out}, clause_of, sentence_of


_NOT_A_CLAIM = frozenset({"AVERAGE", "REFORM", "REPORT", "CHANGE"})  # vetoes that say the figure is no claim at all


@cache
def _simple_patterns() -> dict[str, ClaimPattern]:
    """Concept → the first pattern that is just `CONCEPT ~ NUM` (GRANT ~ NUM, LICENSING ~ NUM …)."""
    out: dict[str, ClaimPattern] = {}
    for p in by_id().values():
        toks = p.source.split()
        if len(toks) == 3 and toks[1] == "~" and toks[2] == "NUM" and p.value is None:
            for c in toks[0].split("|"):
                cur = out.get(c)
                if cur is None or p.order < cur.order:
                    out[c] = p
    return out


_LIST_JOINERS = frozenset({"、", "和", "及", "与", "以及", "、和"})


@cache
def _list_names() -> tuple[frozenset[str], dict[str, list[tuple[ClaimPattern, frozenset[str]]]],
                           dict[str, list[str]]]:
    """The words that give a list its figures in order (分别, 依次), and the concepts a list may name with
    the patterns a figure named by each may take: the plain `CONCEPT ~ NUM` pattern, or those of
    claims.yaml `respectively.concepts` (收到, 办结, 制发 …: their plain pattern names the applications
    or the documents too), each with the concepts the clause must name for it (`needs`: the first
    whose needs the clause meets); and the concepts that name two of a list's names at once
    (予以公开和部分公开: `two_names`)."""
    data = load_yaml("lexicon/claims.yaml").get("respectively") or {}
    out: dict[str, list[tuple[ClaimPattern, frozenset[str]]]] = {
        c: [(p, frozenset())] for c, p in _simple_patterns().items()}
    pats = by_id()
    for concept, specs in (data.get("concepts") or {}).items():
        out[concept] = [(pats[spec["pattern"]], frozenset(spec.get("needs") or ()))
                        for spec in (specs if isinstance(specs, list) else [specs])]
    split = {c: list(parts) for c, parts in (data.get("two_names") or {}).items()}
    return frozenset(data.get("words") or ("分别",)), out, split


def _list_pattern(named: dict[str, list[tuple[ClaimPattern, frozenset[str]]]], concept: str,
                  clause: set[str]) -> ClaimPattern | None:
    """The pattern a figure named by `concept` in a list takes in a clause of these concepts."""
    for p, need in named.get(concept, ()):
        if not need or need & clause:
            return p
    return None


def _respectively(doc: Any, clause_of: list[int], sentence_of: list[int]
                  ) -> tuple[dict[int, _Hit], set[int], list[_Hit], list[tuple[int, _Hit]]]:
    """A list of concepts, 分别 (依次), then as many figures (行政许可、行政处罚分别为782件、182件; 收到、
    办结申请依次为12件、11件): the k-th figure counts what the k-th concept names. Returns those hits,
    the figures of a list whose names and figures do not pair up (收到、办结申请分别为12件: which
    name the figure counts is not said) — no claim —, a statement of nothing for each name of a
    list whose one figure 均 (all of them) is 0 (行政复议、行政诉讼均为0件), and for a list whose one
    figure 均/都/皆 is N (受理、办结申请均为15件) a hit of that figure for each name. Only names of
    metrics make a list: 各乡镇、各部门均为2件 names none, and gives nothing here."""
    v = view(doc)
    words, named, split = _list_names()
    mentions = doc.user_data["mentions"]
    n = len(v)
    out: dict[int, _Hit] = {}
    unpaired: set[int] = set()
    nothing: list[_Hit] = []
    shared: list[tuple[int, _Hit]] = []

    for s_i, w in enumerate(v.words):
        if w not in words and w not in _EACH:
            continue
        # the clause's concepts; a verb that names a list's item only with what it must name (收到,
        # 办结 … with 申请) is no name of the list without it (答复中予以公开、部分公开…)
        clause = {v.norms[k] for k in range(n) if clause_of[k] == clause_of[s_i]}

        def known(j: int, clause: set[str] = clause) -> bool:
            return v.norms[j] in split or _list_pattern(named, v.norms[j], clause) is not None

        concepts: list[int] = []
        j = s_i - 1
        while j >= 0 and clause_of[j] == clause_of[s_i]:
            if known(j):
                concepts.append(j)
            elif concepts and v.words[j].strip() and v.words[j] not in _LIST_JOINERS and j + 1 < s_i \
                    and known(j + 1) and j + 1 in concepts \
                    and sum(len(split.get(v.norms[c], (0,))) for c in concepts) > 1:
                break  # the words before the list (予以公开和部分公开: a list of two in one word)
            j -= 1
        concepts.reverse()
        # a word that names two outcomes (予以公开和部分公开) is two names of the list
        names = [(c, p) for c in concepts for part in (split.get(v.norms[c]) or [v.norms[c]])
                 for p in [_list_pattern(named, part, clause)] if p is not None]
        if len(names) < 2:
            continue
        own = {v.norms[c] for c in concepts}
        figs = _listed_figures(v, mentions, clause_of, s_i + 1)
        if w in _EACH:
            if len(figs) != 1 or clause_of[figs[0]] != clause_of[s_i]:
                continue
            f = figs[0]
            if mentions[f].value == 0:
                # 均为0件: nothing of each name; the figure is no one name's
                nothing.extend(_Hit(p, c, f + 1, None) for c, p in names if not p.unless & (clause - own))
            elif not any(p.unless & (clause - own) for _, p in names):
                # 均为15件: the figure of each name (one name vetoed: of none — 热线受理、办结来电均为…)
                shared.extend((f, _Hit(p, c, f + 1, f)) for c, p in names)
                continue
            unpaired.add(f)
            continue
        if len(figs) != len(names):
            unpaired.update(figs)
            continue
        for (c, p), f in zip(names, figs, strict=True):
            if p.unless & (clause - own):
                unpaired.add(f)   # the clause names what the pattern refuses (热线受理、办结来电…)
                continue
            out[f] = _Hit(p, c, f + 1, f)
    return out, unpaired, nothing, shared


_EACH = frozenset({"均", "都", "皆"})  # one figure for every name of the list before it
_LIST_LEAD = frozenset({"COPULA", "：", ":", "是", "为"})


def _listed_figures(v: Any, mentions: dict[int, NumberMention], clause_of: list[int], k: int) -> list[int]:
    """The run of figures a list gives after 分别 at token k: figures joined by 、/和/及 (spaces between),
    past a comma only to a clause that starts with its figure (…分别为782件，182件); anything else ends it."""
    n = len(v)
    out: list[int] = []
    while k < n and (v.is_space(k) or v.norms[k] in _LIST_LEAD or v.words[k] in _LIST_LEAD):
        k += 1
    while k < n:
        m = mentions.get(k)
        if m is None or m.kind != "count":
            break
        out.append(k)
        k += 1
        while k < n and v.is_space(k):
            k += 1
        if k < n and v.words[k] in _LIST_JOINERS:
            k += 1
        elif k < n and v.words[k] in ("，", ","):
            # past a comma only to a figure that is its clause (…782件，182件。), not one that
            # starts a clause of its own words (…4件、3件，1件属于…)
            j = k + 1
            while j < n and v.is_space(j):
                j += 1
            e = j + 1
            while e < n and v.is_space(e):
                e += 1
            if not (j < n and j in mentions and (e >= n or v.words[e] in _CLAUSE or v.words[e] in _LIST_JOINERS)):
                break
            k = j
            continue
        else:
            break
        while k < n and v.is_space(k):
            k += 1
    return out


def _sentence_chars(v: Any, sentence_of: list[int], first_of_sentence: dict[int, int], i: int,
                    offset: int) -> tuple[int, int]:
    se = sentence_of[i]
    a = first_of_sentence[se]
    b = i
    while b + 1 < len(sentence_of) and sentence_of[b + 1] == se:
        b += 1
    return offset + v.idx[a], offset + v.end(b)


def _candidate_of(report: Report, doc: Any, offset: int, hit: _Hit, m: NumberMention | None, fig: int | None,
                  clause_of: list[int], sentence: tuple[int, int]) -> PatternCandidate:
    a, b = _clause_span(doc, clause_of, fig if fig is not None else hit.start)
    return PatternCandidate(hit.pattern, hit.pattern.metric, fig, m, (a + offset, b + offset), sentence,
                            report.section_at(a + offset), hit)


def _document_totals(doc: Any, sentence_of: list[int], first_of_sentence: dict[int, int]) -> list[int]:
    """Figures that total documents: 制作/印发/发布 政府信息/公文 N条 (the words between the
    sentence start, or the figure before, and the figure)."""
    v = view(doc)
    mentions = doc.user_data["mentions"]
    units = set(lexicon_list("document_units"))
    verbs = set(lexicon_list("document_verbs"))
    words = set(lexicon_list("document_words"))
    out = []
    prev: dict[int, int] = {}
    proactive: dict[int, int] = {}  # sentence → its first figure of 主动公开 N份
    for i in sorted(mentions):
        m = mentions[i]
        if m.kind not in _FIGURE_KINDS:
            continue
        se = sentence_of[i]
        a = prev.get(se, first_of_sentence[se])
        prev[se] = i + 1
        if m.kind != "count" or m.unit not in units:
            continue
        seen = set(v.norms[a:i])
        if seen & verbs and seen & words and not seen & _NOT_DOCUMENTS:
            out.append(i)
        elif "PROACTIVE" in seen and not seen & _NOT_DOCUMENTS - {"PROACTIVE"}:
            proactive.setdefault(se, i)
        elif se in proactive and "BY_REQUEST" in seen and not seen & _REQUEST_WORDS:
            # 主动公开253份、依申请公开及不予公开409份: parts of documents by disclosure attribute
            out.append(proactive[se])
    return sorted(set(out))


_REQUEST_WORDS = frozenset({"APPLY", "RECEIVE", "HANDLE", "REPLY", "PETITION"})
_NOT_DOCUMENTS = frozenset({"APPLY", "BY_REQUEST", "NORM_DOC", "REGULATION", "PROACTIVE", "RECEIVE", "PETITION"})


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
    elif m.kind == "count" and not (_unit_fits(p.metric, m.unit) or (p.units is not None and m.unit in p.units)):
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
def _scope_words() -> dict[str, Any]:
    return load_yaml("lexicon/scope.yaml")


@cache
def _scope_rx(key: str) -> re.Pattern[str]:
    """A regular expression of scope.yaml (`subset_pattern`, `on_behalf_pattern`, …); never matches when absent."""
    return re.compile(str(_scope_words().get(key) or "(?!)"))


def _scope(report: Report, doc: Any, i: int, sentence_of: list[int]) -> tuple[Literal["self", "other"], str | None]:
    s = sentence_of[i]
    a = i
    while a > 0 and sentence_of[a - 1] == s:
        a -= 1
    v = view(doc)
    before = v.text[v.idx[a] : v.end(i)]
    b = i
    while b + 1 < len(v) and sentence_of[b + 1] == s:
        b += 1
    after = v.text[v.end(i) : v.end(b)]
    government = report.meta.body_kind == "government"
    # the body's own part named in the figure's clause (其中区本级8件) is the body's, whatever the
    # sentence said before of the whole
    own = before[_clause_start(before):]
    own = own[own.rfind("、") + 1:]   # the figure's own item of a list
    if _OWN_LEVEL.search(own) and _other_word(own, government) is None:
        return "self", None
    found = _other_word(before, government)
    if found is not None:
        return "other", found
    named = _named_other(report, before) or _named_other(report, own)
    if named is not None:
        return "other", named
    if _scope_rx("not_counted_pattern").match(after):
        return "other", "未计入"
    # a sum that holds other bodies' figures (30件（含各乡镇）, 30件，含下属单位12件), or a whole whose
    # part follows as the body's own (30件，其中本级8件): not the body's figure
    inc = None if government else _INCLUDES.match(after)   # a government's figure sums its parts
    if inc:
        found = _other_word(inc.group(0), government)
        if found is not None:
            return "other", "含" + found
    if not government and _WHOLE_OF_OWN.match(after):
        return "other", "本级"
    level = str(_scope_words().get("every_level") or "")
    if government and level and level in before:
        return "self", level  # the bodies of every level: the government's scope, if its table sums them
    return "self", None


# the reporting body's own level, as a part of a whole (区本级, 本机关本级, 局本级)
_OWN_LEVEL = re.compile(r"本级")
# 含/包含 … right after a figure (in brackets or after a comma): what the sum holds
_INCLUDES = re.compile(r"^\s*[，,]?\s*[（(]?\s*(?:其中)?(?:含|包含)[^，,。；;）)]{1,24}")
# 其中…本级 after a figure: the figure is the whole, the part after is the body's own
_WHOLE_OF_OWN = re.compile(r"^\s*[，,]?\s*其中[^，,。；;]{0,12}本级")


def _named_other(report: Report, text: str) -> str | None:
    """A body named as the subject at the start of `text` (a sentence or a clause) that is not the
    reporting body: its name, else None. The body's own name, whole or shortened (市场监管局 for
    市场监督管理局: every character of it, in order, in the body's name), and 我局/本局 are its own."""
    m = _scope_rx("named_body_pattern").search(text)
    if m is None:
        return None
    name = m.group(1)
    if name[0] in "全各" or re.search("[我本该其此]", name) or name.startswith(("包括", "以及", "和", "及", "与")) \
            or not report.meta.body:
        return None  # 我局, 包括我局, 本局: the body itself
    body = iter(report.meta.body)
    if all(ch in body for ch in name):  # a subsequence of the body's name
        return None
    return name


def _other_word(text: str, government: bool) -> str | None:
    """The first word of `text` that names other bodies (scope.yaml): those it acts for, some bodies
    under it, its units, or — for a body that is not a government — the whole region."""
    words = _scope_words()
    for w in words["subsets"] + ([] if government else words["on_behalf"]):
        if w in text:
            return str(w)
    sub = _scope_rx("subset_pattern").search(text)
    if sub:
        return sub.group(0)
    # a government's report sums its region; its office reports the government organ itself; what a
    # government does in its own name (以县政府名义) is its own
    if not government:
        sub = _scope_rx("on_behalf_pattern").search(text)
        if sub:
            return sub.group(0)
        for w in words["whole_region"]:
            if w in text:
                return str(w)
    return None


# ---------------------------------------------------------------- parts (其中…)


def _link_parts(report: Report, claims: list[Claim], restating: dict[int, int] | None = None,
                void: set[int] | None = None) -> None:
    """Breakdowns: a total followed by 其中/包括 (or introduced as 在…的N条…中) and the figures
    that list its parts, up to the end of the sentence. A part that is itself a claim keeps its
    metric and points at its total; a part that is not becomes a claim `<total metric>.part`.
    A total that is not a claim of a known metric becomes `breakdown.total`, so that the rules
    can add up any breakdown the prose gives (分项之和超过总数). A claim that only restates the
    one before it (`restating`, from `_restatements`) is dropped; the breakdown it opens is a
    breakdown of the claim it restates. One that restates a figure that is no claim (`void`) is
    dropped too; the breakdown it opens is of no claim (`breakdown.total`)."""
    text = report.text
    restating = restating or {}
    void = void or set()
    counts = [m for m in report.mentions if m.kind == "count" and not report.in_table(m.start)]
    by_start = {c.number_start: i for i, c in enumerate(claims)}
    by_start.update(restating)
    for start in void:
        by_start.pop(start, None)
    dropped = {i for i, c in enumerate(claims) if c.number_start in restating or c.number_start in void}
    used: set[int] = set()
    extra: list[Claim] = []
    total_of: dict[int, Claim] = {}  # id(part) → its total
    for k, t in enumerate(counts):
        if t.start in used or not _opens_breakdown(text, t):
            continue
        end = _sentence_end(text, t.end)
        stop = lexicon_rx("new_statement").search(text, t.end, end)
        if stop is not None:
            end = stop.start()
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
    if dropped:
        claims[:] = [c for i, c in enumerate(claims) if i not in dropped]
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
    return _in_frame(text, m.start, m.end)


_FRAME_OPENS = re.compile(r"(?:在|上述|以上|前述|这|该)[^，,。；;]*$|的$")


_NO_SPACE = re.compile(r"\s+")


def _in_frame(text: str, start: int, end: int) -> bool:
    """Is the figure at text[start:end] the subject of …N条…中, what a breakdown opens with: 在主动公开的
    90条政府信息中，…; 上述90条信息中，…; 主动公开的90条信息中，…?"""
    # (a line a conversion wrapped may break anywhere in it: 中\n，政策…; its spaces say nothing)
    before = _NO_SPACE.sub("", text[max(0, start - 32) : start])[-24:]
    after = _NO_SPACE.sub("", text[end : end + 24])[:16]
    return bool(_FRAME_OPENS.search(before) and re.match(r"[^，,。；;]{0,12}中[，,：:]", after))


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
