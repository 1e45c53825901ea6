"""The six parts of the report: headings found by their numeral and title, in order.

Headings are found anywhere a line or sentence can start (scraped pages lose their line
breaks). Among all candidates, the sequence with increasing part numbers that best matches the
template titles wins, so renumbered or extra headings (a report that numbers its sub-topics 一 to 六
before the template parts) do not displace the template's own.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from ..model import Report, Section
from ..resources import load_yaml
from .labels import norm

NUMERALS = "一二三四五六七八九十"
# (the look-behind after the numeral, not before it: the pattern then starts with a character
# class, and the scan skips every position that holds none of those characters)
_CAND = re.compile(
    r"(?:第([一二三四五六七八九十])部分[、，,：:\s]*|([一二三四五六七八九十])(?<![第一二三四五六七八九十].)\s*[、.．]\s*"
    # a numeral glued to the template's own title, its separator lost (一总体情况)
    r"|([一二三四五六])(?<![第一二三四五六七八九十].)(?=总体情况|主动公开政府信息情况|收到和处理政府信息公开申请"
    r"|政府信息公开行政复议|存在的主要问题|其他需要报告)"
    # an Arabic numeral (1. 总体情况, 3、收到和处理…): only before the template's own title, so a
    # numbered row of 表三 (2.其他法律行政法规禁止公开) or a list item is never taken for a part
    r"|([1-6])(?<![.．][1-6])\s*[、.．]\s*(?=总体情况|主动公开政府信息情况|收到和处理政府信息公开申请"
    r"|政府信息公开行政复议|(?:政府信息公开工作)?存在的主要问题|其他需要报告)"
    # a numeral in brackets (（三）收到和处理…), on the same terms
    r"|[（(]([一二三四五六])[）)]\s*(?=总体情况|主动公开政府信息情况|收到和处理政府信息公开申请"
    r"|政府信息公开行政复议|(?:政府信息公开工作)?存在的主要问题|其他需要报告))",
)
#: where a heading candidate may start: a character one of `_CAND`'s branches starts with (a
#: numeral, 第, a bracket) before what that branch needs next (部分, a separator, a title, a closing
#: bracket) — a condition every match of `_CAND` meets. `_CAND`'s branches start with different
#: classes, so the regex engine tries it at every position of the text; `_heading_matches` tries
#: it only where this pattern (a class first: skipped to in C) finds a start
_CAND_START = re.compile(
    r"[第一二三四五六七八九十1-6（(](?=[一二三四五六七八九十]部分|\s*[、.．]|[一二三四五六][）)]"
    r"|总体情况|主动公开政府信息情况|收到和处理政府信息公开申请|政府信息公开行政复议|存在的主要问题|其他需要报告)")
_BOUNDARY = set("\n。；;！!？?）)]】”\"：:0123456789 \t\u3000")
# a heading's title may run over a line break (a PDF's or scraper's hard wrap: 「五、存\n在的主要问题」),
# not over a blank line; its scoring and length read it with the breaks out (`norm`)
_TITLE_TEXT = re.compile(r"(?:[^\n。；;]|\n(?![\n\s]))(?:[^\n。；;]|\n(?![\n\s])){1,39}")


@dataclass
class _Cand:
    start: int
    heading_end: int
    numeral: str
    title: str
    scores: dict[int, int]


def _defs() -> list[dict]:
    return load_yaml("templates/sections.yaml")["sections"]


def _score(title_norm: str, d: dict) -> int:
    for e in d["exact"]:
        if title_norm.startswith(e):
            return 10 + len(e)
    for e in d["exact"]:
        if e in title_norm[: len(e) + 12]:
            return 8 + len(e) // 2
    for f in d["loose"]:
        if f in title_norm[:20]:
            return 2 + len(f) // 2
    return 0


def find_sections(report: Report) -> list[Section]:
    text = report.text
    defs = _defs()
    cands: list[_Cand] = []
    for m in _heading_matches(text):
        numeral = m.group(1) or m.group(2) or m.group(3) or m.group(4) or m.group(5)
        rank = int(numeral) if numeral.isdigit() else NUMERALS.index(numeral) + 1
        tm = _TITLE_TEXT.match(text, m.end())
        if tm is None:
            continue
        raw_title = tm.group(0)
        t = norm(raw_title)
        scores = {}
        for d in defs:
            s = _score(t, d)
            if s:
                if rank == d["number"]:
                    s += 3
                if m.start() > 0 and text[m.start() - 1] not in _BOUNDARY:
                    s -= 4  # glued to the text before it: a heading only when nothing better is there
                scores[d["number"]] = max(s, 1)
        if not scores:
            continue
        title_len = _title_length(raw_title, defs, max(scores, key=lambda k: scores[k]))
        start = next(m.start(g) for g in (1, 2, 3, 4) if m.group(g)) if not m.group(5) else m.start()
        title = raw_title[:title_len].strip().replace("\n", "")  # a wrapped title, joined
        cands.append(_Cand(start, tm.start() + title_len, numeral, title, scores))
    chosen = _best_sequence(cands)
    sections = []
    for i, (num, c) in enumerate(chosen):
        end = chosen[i + 1][1].start if i + 1 < len(chosen) else len(text)
        sections.append(Section(num, c.title, c.start, end, c.heading_end, c.numeral))
    return sections


def _heading_matches(text: str) -> Iterator[re.Match[str]]:
    """`_CAND.finditer(text)`: the same matches (a match at each start `_CAND_START` finds, the
    next looked for after its end; its look-behinds see the text before it), without trying the
    pattern where no candidate can start."""
    search, match = _CAND_START.search, _CAND.match
    pos = 0
    while (s := search(text, pos)) is not None:
        m = match(text, s.start())
        if m is None:
            pos = s.start() + 1
        else:
            yield m
            pos = m.end()


def _title_length(raw: str, defs: list[dict], number: int) -> int:
    """How much of the captured text is the heading itself (scraped pages run on into the prose)."""
    d = next(d for d in defs if d["number"] == number)
    n = norm(raw)
    for e in sorted(d["exact"], key=len, reverse=True):
        i = n.find(e)
        if i >= 0 and i < 16:
            return _raw_len(raw, i + len(e))
    cut = re.search(r"[\s（(]|$", raw)
    return cut.start() if cut and cut.start() > 0 else len(raw)


def _raw_len(raw: str, n_norm: int) -> int:
    count = 0
    for i, ch in enumerate(raw):
        if not ch.isspace():
            count += 1
        if count == n_norm:
            return i + 1
    return len(raw)


def _best_sequence(cands: list[_Cand]) -> list[tuple[int, _Cand]]:
    """Dynamic programme: pick at most one heading per part, parts increasing with position.

    best[(i, k)]: the best score of a sequence ending with candidate i assigned to part k; it
    extends the best sequence ending in a lower part at an earlier candidate (on a tie the first
    in candidate order). That best is kept per part as the candidates go by (`upto`), so each
    candidate looks at the parts, not at every earlier candidate."""
    best: dict[tuple[int, int], tuple[int, tuple[int, int] | None]] = {}
    # per part k2: (score, rank, (j, k2)) of the best sequence ending in part k2 at a candidate
    # before the current one; rank = (j, position of k2 in cands[j].scores) orders ties
    upto: dict[int, tuple[int, tuple[int, int], tuple[int, int]]] = {}
    for i, c in enumerate(cands):
        for k, s in c.scores.items():
            prev_best: tuple[int, tuple[int, int] | None] = (0, None)
            rank: tuple[int, int] | None = None
            for k2, (score, r2, key) in upto.items():
                if k2 < k and (score > prev_best[0] or (score == prev_best[0] and rank is not None and r2 < rank)):
                    if score > 0:
                        prev_best, rank = (score, key), r2
            best[(i, k)] = (prev_best[0] + s, prev_best[1])
        for pos, k in enumerate(c.scores):
            score = best[(i, k)][0]
            if k not in upto or score > upto[k][0]:
                upto[k] = (score, (i, pos), (i, k))
    if not best:
        return []
    end = max(best, key=lambda key: (best[key][0], -key[0]))
    seq: list[tuple[int, _Cand]] = []
    cur: tuple[int, int] | None = end
    while cur is not None:
        seq.append((cur[1], cands[cur[0]]))
        cur = best[cur][1]
    return list(reversed(seq))
