"""A total and the parts it is split into: what P407 (prose.py, `breakdowns`) and P410
(enumerations.py, `enumerations`) read the same way.

The two rules keep their own scanners — they differ on purpose in where a list starts and ends
(P407: same-unit figures after 其中/在…中 up to where the parts add up to the total, across ；, passing
over figures of other units; P410: labelled items after 其中/分别为/包括/（/a total cue, up to a foreign
unit or a catch-all, within a ；-sentence; both end a list at an item `item_reading` calls a new
statement or a sub-list) — see tests/test_totals.py, which pins each difference with a sentence. What
is the same lives here: which units count the same thing, how an item reads by its words
(`item_reading`: a part, an overlapping attribute …的有N项, a new statement 发布…/累计…, the parts of
the item before 包括…), the template's partitions, placing a figure of a sentence in the report, and
finding the claim a figure belongs to.
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
    r"发布|推送|转载|报送|编发|刊发|刊登|上传|阅读|浏览|访问|关注|点击|编制|完成|实现|达到|提升|提高|下降|增长|增加|减少|同比|环比|较上年|比上年"
)

#: an item that is a predicate over the whole (实现全程网办的有N项, 可容缺受理的N项): a property several
#: things may share at once — overlapping attributes, not parts
ITEM_PREDICATE = re.compile(r"(?:实现|达到|可|能|已|均|全部|其中)[^，、；。]{0,20}?的(?:有|为|共)?$|的有$|的为$")
#: an item counted by channel (网站, 微博…): one piece of information goes out on several channels, so
#: such items overlap like attributes — whether beside each other or beside kinds of information
CHANNEL = re.compile(r"网站|门户网|微博|微信|公众号|客户端|新媒体|抖音|头条号|视频号|报刊|报纸|电视|广播|新闻发布会|渠道")
#: how an item that adds to what was said may start (另外，…; 此外…)
_ADDING = r"^[\s\u3000]*(?:另外|另|此外|同时)?[，,]?[\s\u3000]*"
#: an item whose words start with other bodies or the whole region (全区各部门…, 各乡镇…): their statement
OTHER_SUBJECT = re.compile(_ADDING + r"(?:全[区市县省州镇乡]|各[级部乡镇街单县区]|下属|所属|直属)")
#: an item said of a channel by 通过… (通过村务公开栏公开信息5400余条): a channel's count, whatever the channel
BY_CHANNEL = re.compile(_ADDING + "通过")
#: an item that counts what the things of the total concern (受理申请30件，其中涉及规范性文件20件…): another
#: thing in the same unit, one application may concern several
INVOLVES = re.compile(r"涉及|涵盖|关联")
#: an item that is "the rest" (其他…): it closes a list, and a verb in it does not start a new statement
CATCH_ALL = re.compile(r"^(?:及|和|以及|与)?(?:其他|其余|其它|剩余)")
#: an item of another time scope than the year's total (累计…, 截至…, 历年…): a new statement
OTHER_SCOPE = re.compile(r"累计|历年|至今|截至|截止|以来")
#: an item that opens a list of the item before it (…35条，包括A类25条…): the parts of a part
NESTED = re.compile(r"^(?:其中|包括|包含|分别为|分别是)")

#: how an item of a list reads, by the words before its figure
PART, ATTRIBUTE, NEW_STATEMENT, SUBLIST = "part", "attribute", "new", "nested"


#: an item that starts with the verb of disclosure (；公开行政许可信息1520条): a new statement — 主动公开…
#: inside a label is its subject matter, not a verb
LEADING_VERB = re.compile(r"^[\s\u3000]*(?:公开|公示)")


def _verbs(label: str) -> set[str]:
    found = {m.group(0) for rx in (NEW_PREDICATE, OTHER_SCOPE) for m in rx.finditer(label)}
    lead = LEADING_VERB.match(label)
    return found | {"^" + lead.group(0).strip()} if lead else found


def item_reading(label: str, first: str | None = None) -> str:
    """What the item whose figure follows `label` (the words from the item's start to its figure) is,
    `first` being the words of the list's first item (None: this is the first):
    ATTRIBUTE (…的有N项, a channel 网站/微博…, 涉及…: the items overlap or count another thing, they are
    no partition); NEW_STATEMENT (a verb, or a time
    scope, the first item did not have — 政策文件60条，发布动态50条: the list has ended before it; items
    that all share the first one's verb, A类信息发布N条，B类信息发布M条, go on); SUBLIST (包括/其中 after
    an item: the parts of that item, the list of the total has ended); or PART. P407 and P410 read items
    alike with it."""
    label = label.strip()
    if NESTED.match(label) and first is not None:
        return SUBLIST
    if ITEM_PREDICATE.search(label) or CHANNEL.search(label) or INVOLVES.search(label) or BY_CHANNEL.match(label):
        return ATTRIBUTE
    if first is None or CATCH_ALL.search(label):
        return PART
    if OTHER_SUBJECT.match(label):
        return NEW_STATEMENT  # ；全区各部门、各街道…公开信息合计2.3万条: another subject's statement
    return NEW_STATEMENT if _verbs(label) - _verbs(first) else PART


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
