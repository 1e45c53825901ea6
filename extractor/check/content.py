"""N2 — what the notice (国办公开办函〔2021〕30号) and 条例 第五十条 require the parts to say."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..model import Finding, Report
from ..text import prose_text
from .engine import RuleContext
from .facts import lexicon
from .registry import rule


def _section_prose(r: Report, number: int) -> tuple[str, int, int] | None:
    s = r.section(number)
    if s is None:
        return None
    a = s.heading_end or s.start
    return prose_text(r, a, s.end), s.start, s.heading_end or s.start


def _applies(ctx: RuleContext) -> bool:
    return ctx.modern and (ctx.year is None or ctx.year >= 2019)


@rule("N201")
def section1_coverage(r: Report, ctx: RuleContext) -> Iterator[Finding]:
    if not _applies(ctx):
        return
    got = _section_prose(r, 1)
    if got is None:
        return
    text, a, b = got
    missing = [topic for topic, words in lexicon()["section1_topics"].items() if not any(w in text for w in words)]
    if missing:
        yield ctx.finding(topics="、".join(f"“{t}”" for t in missing), section=1, start=a, end=b,
                          data={"missing": missing})


@rule("N202")
def government_accountability(r: Report, ctx: RuleContext) -> Iterator[Finding]:
    if not _applies(ctx) or r.meta.body_kind != "government":
        return
    text = prose_text(r)
    missing = [item for item, words in lexicon()["accountability"].items() if not any(w in text for w in words)]
    if missing:
        s = r.section(1)
        yield ctx.finding(body=r.meta.body or "本级人民政府", items="、".join(f"“{t}”" for t in missing),
                          section=1 if s else None, start=s.start if s else None,
                          end=(s.heading_end or s.start) if s else None, data={"missing": missing})


@rule("N203")
def section1_length(r: Report, ctx: RuleContext) -> Iterator[Finding]:
    if not _applies(ctx) or (ctx.year is not None and ctx.year < 2021):
        return
    got = _section_prose(r, 1)
    if got is None:
        return
    text, a, b = got
    n = len(re.sub(r"\s+", "", text))
    limit = int(ctx.spec.params["max_chars"])
    if n > limit:
        yield ctx.finding(count=n, limit=limit, section=1, start=a, end=b, actual=n, expected=limit)


def _without_shortcomings(text: str, measure_words: list[str]) -> str:
    """`text` without the shortcomings phrased with a measure word (“深度有待加强。”“需要进一步提升；”):
    there the word closes the clause and names what is lacking; a measure takes an object (“加强培训”)."""
    w = "|".join(re.escape(x) for x in sorted(measure_words, key=len, reverse=True))
    pat = rf"(?:有待|亟待|亟需|亟须|仍需|尚需|还需|仍须|尚须|还须|仍要|需要)(?:进一步)?(?:{w})(?:[和与及、][\u4e00-\u9fff]{{1,2}})?(?=\s*[。；，、;,）)]|\s*$)"
    return re.sub(pat, "", text)


@rule("N204")
def section5_halves(r: Report, ctx: RuleContext) -> Iterator[Finding]:
    if not _applies(ctx):
        return
    got = _section_prose(r, 5)
    if got is None:
        return
    text, a, b = got
    lx = lexicon()
    body = text.strip()
    problems = any(w in body for w in lx["problem_words"])
    stated = _without_shortcomings(body, lx["measure_words"])
    measures = any(w in stated for w in lx["measure_words"])
    if len(re.sub(r"\s+", "", body)) < int(ctx.spec.params["min_chars"]):
        yield ctx.finding("empty", section=5, start=a, end=b)
    elif not problems or not measures:
        yield ctx.finding(half="存在的问题" if not problems else "改进措施或改进情况", section=5, start=a, end=b)
