"""A total and the parts it is split into: what P407 (prose.py, `breakdowns`) and P410
(enumerations.py, `enumerations`) read the same way.

The two rules keep their own scanners — they differ on purpose in where a list starts and ends
(P407: any same-unit figure after 其中/在…中 up to where the parts add up to the total, across ；;
P410: labelled items after 其中/分别为/包括/（/a total cue, up to a verb, a foreign unit or a catch-all,
within a ；-sentence) — see tests/test_totals.py, which pins each difference with a sentence. What
is the same lives here: which units count the same thing, the verbs that start a new statement,
the template's partitions, placing a figure of a sentence in the report, and finding the claim a
figure belongs to.
"""

from __future__ import annotations

import bisect
import re

from ..model import Claim, NumberMention

#: units of one document: a part may count in another of them than its total (发布信息607条，其中…380份)
DOCUMENT_UNITS = frozenset("条份篇")


def same_unit(a: str | None, b: str | None) -> bool:
    """Parts count what their total counts: the same unit, or two units of documents."""
    return a == b or (a in DOCUMENT_UNITS and b in DOCUMENT_UNITS)


#: a clause that starts a new predicate (收到…, 办结…, 发布…): a list of parts has ended there
NEW_PREDICATE = re.compile(
    r"收到|新收|受理|办结|办理|答复|结转|作出|召开|开展|举办|接待|回复|转办|审核|制发|废止|印发|"
    r"发布|推送|阅读|浏览|访问|关注|点击|编制|完成|实现|达到|提升|提高|下降|增长|增加|减少|同比|环比|较上年|比上年"
)

#: the template's partitions: parts whose labels name every member are the whole
DISCLOSURE = ("公开属性", ("主动公开", "依申请公开", "不予公开"))
APPLICANT = ("申请人", ("自然人", "法人"))
REVIEW_OUTCOME = ("审理结果", ("维持", "纠正", "其他结果", "尚未审结"))
PARTITIONS: tuple[tuple[str, tuple[str, ...]], ...] = (DISCLOSURE, APPLICANT, REVIEW_OUTCOME)


def partition_named(labels: str, partitions: tuple[tuple[str, tuple[str, ...]], ...] = PARTITIONS
                    ) -> tuple[str, tuple[str, ...]] | None:
    """The first of `partitions` every member of which the labels name, or None. Which partitions
    oblige a list to add up is each rule's own: P407 only 公开属性, P410 all of them."""
    for name, words in partitions:
        if all(w in labels for w in words):
            return name, words
    return None


def shifted(n: NumberMention, offset: int) -> NumberMention:
    """A figure found in a piece of text, placed `offset` further on (in the report's text)."""
    return NumberMention(value=n.value, unit=n.unit, start=n.start + offset, end=n.end + offset, text=n.text,
                         approx=n.approx, kind=n.kind)


# the index of the last claims list asked about: (list, its length, starts, order, longest claim)
_claim_index: tuple[list[Claim], int, list[int], list[int], int] | None = None


def claims_at(claims: list[Claim], pos: int) -> list[Claim]:
    """The claims whose span holds `pos`, in list order — from an index of the list by start (kept
    for the last list asked about: a report's claims are set once, by extract), not a walk over
    every claim for every figure."""
    global _claim_index
    idx = _claim_index
    if idx is None or idx[0] is not claims or idx[1] != len(claims):
        order = sorted(range(len(claims)), key=lambda i: claims[i].start)
        idx = (claims, len(claims), [claims[i].start for i in order], order,
               max((c.end - c.start for c in claims), default=0))
        _claim_index = idx
    _list, _n, starts, order, longest = idx
    lo, hi = bisect.bisect_left(starts, pos - longest), bisect.bisect_right(starts, pos)
    return [claims[i] for i in sorted(i for i in order[lo:hi] if claims[i].start <= pos < claims[i].end)]


def claim_for(claims: list[Claim], n: NumberMention) -> Claim | None:
    """The first claim (in list order) whose span holds the figure and whose value is the figure's."""
    from .facts import equal

    return next((c for c in claims_at(claims, n.start) if equal(c.value, n.value)), None)
