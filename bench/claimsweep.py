#!/usr/bin/env python3
"""Metamorphic sweep for prose CLAIMS: each gold claim's clause of the real reports reworded as
other reports word the same fact, the figure kept, and scored against the same gold.

    python bench/claimsweep.py [--shared ../shared/corpus] [--out /tmp/xxgk-claimsweep]
                               [--families verb,order-num-first] [--only a.txt,b.html]
                               [--show N] [--cwd OTHER_CHECKOUT] [--tag NAME]
    python bench/claimsweep.py list

For every real report of the shared corpus in text form (.txt .md .html, template 2019/2021) and
every gold claim of it (`claims`: metric, value, `text` = the clause as printed), each family
rewrites the clause where it stands in the file, one family at a time, all clauses of a file at
once; the files go to OUT/<family>/ (never into the repository) and one tool call per family
(`python -m extractor.cli extract OUT/<family>/* --format jsonl`, from --cwd) reads them.
Claims are counted as `../shared/tools/score.py claims` counts them: a (metric, value) multiset.

Positive families keep the metric, the value and the scope of the claim (a verb or noun for its
synonym, another word order, another unit the metric takes, the figure in Chinese numerals, a
connector, other punctuation, a phrase of this year): a claim not found again is a miss. Per family
the table gives the recall on the rewritten clauses and the precision over the rewritten files
(beside the same files unchanged). Negative families change the meaning so that the figure is no
longer this body's figure of the year (累计 / 历年 / a plan / another body / last year's / a change
on last year): a claim of the same (metric, value) with scope "self" still found, beyond what the
unchanged file claims of it, is a false claim.

Families of wordings no report of the corpus uses (issue 9 point 3) widen the sweep past the classes
already fixed: a list of names given its figures 分别/依次 (the partner's figure, from the report's own
gold, expected too), a statement of nothing reworded, the figure approximate or alone in brackets
(positive); two names with one figure, documents by disclosure attribute, a sum that holds other bodies'
figures (含…, 其中本级…, 区本级及各乡镇, 代区政府), nothing said of something else, the figure of the bodies
a clause touches, the clause inside quotation or title marks (negative). Widened again: a count of
applicants beside the applications, one figure 均为 for every name (the partner's figure expected too),
every metric's figure before its noun, full-width digits, 两, 1.2万, 逾/超/将近/不足/不到/以内 (positive);
the figure made a count of applicants alone (negative). Third round: the total after its parts (当面申请4件、
网上申请8件，合计12件), other items beside the applications (信访事项, 12345热线工单, 建议提案), the passive and
达/达到, the outcomes of the replies in free prose, nothing said with 尚未/未有/…均未发生, a percentage beside the count, thousands separated by a space
or a comma, half-width brackets, 件次 (positive); the applications replaced by or summed with other items,
the figure made a month, a page or a document's number, a total (合计) of other items or
another metric's figures too (negative). Traditional characters (申請, 資訊) are not a family: the reports
under the 条例 are the mainland's, written in simplified characters, and the tool does not read them.

Two families are scored aside, out of both groups (their column is the share still claimed):
`截至{year}年12月31日` in front of a figure of the year (issue 9 makes 截至目前 cumulative; whether
"as of the year's end" counts the year or the running total is a judgement on the sentence, not a
rewording), and `{year-2}年` in front of the clause (most rewrites leave the report's own year in the
sentence, which makes the figure ambiguous: the tool keeps it by design, see claims._historical).

Rows are given twice: all bodies, and the held-out bodies (pingtan-gyz, pingtan-lyy) alone; the
clauses of held-out reports are never printed (--show lists development misses only).
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent.parent / "shared" if (ROOT.parent.parent / "shared").is_dir() else ROOT.parent / "shared"
SUFFIXES = (".txt", ".md", ".html", ".htm")
HELD_OUT = ("pingtan-gyz", "pingtan-lyy")
KNOWN_METRICS = {ln.split("`")[1] for ln in (SHARED / "spec" / "claims.md").read_text().splitlines()
                 if ln.startswith("| `")} if (SHARED / "spec" / "claims.md").exists() else set()


def held_out(name: str) -> bool:
    return name.startswith(HELD_OUT)


# ---------------------------------------------------------------- what a transform sees


@dataclass
class Clause:
    metric: str
    value: float
    text: str          # the clause as printed (the gold's `text`)
    year: int          # the report's year
    index: int         # the claim's position among the report's claims (rotates alternatives)
    suffix: str
    scope: str = "self"
    # other gold claims of the report: the metrics whose claim has this very clause text, the first
    # value of each metric stated as the body's own, and the sentence the clause stands in
    same_text: tuple[str, ...] = ()
    partners: dict[str, float] = field(default_factory=dict)
    sentence: str = ""
    government: bool = False   # the body is a government: its report sums its region (scope.yaml)
    # claims a rewrite adds beside the clause's own (an enumeration names a partner's figure too)
    extra: list[dict] = field(default_factory=list)


Rewrite = Callable[[Clause], "str | None"]


def _figure(c: Clause) -> re.Match[str] | None:
    """The claim's figure in its clause: the digits of the value, not part of a longer number."""
    v = c.value
    forms = [str(int(v))] if float(v).is_integer() else []
    forms += [f"{v:g}", f"{v}"]
    for f in dict.fromkeys(forms):
        m = re.search(r"(?<![\d.０-９])" + re.escape(f) + r"(?![\d０-９]|\.\d)", c.text)
        if m:
            return m
    return None


def _unit_after(c: Clause, m: re.Match[str]) -> str:
    rest = c.text[m.end():]
    u = re.match(r"\s*(万元|亿元|元|件次|件|条|个|宗|份|项|起|篇|部|次)", rest)
    return u.group(1) if u else ""


# ---------------------------------------------------------------- positive families

# verbs (and fixed phrases) of each metric: a group of words that say the same of it
VERBS: dict[str, list[list[str]]] = {
    "applications.new": [["共收到", "收到", "受理", "接收", "新收", "共受理"]],
    "applications.handled": [["办结", "答复", "办理完毕", "处理完毕"]],
    "applications.granted": [["予以公开", "同意公开", "全部公开"]],
    "applications.partial": [["部分公开", "部分予以公开"]],
    "applications.denied": [["不予公开", "不予以公开"]],
    "normative_docs.issued": [["制发", "印发", "出台", "制定"]],
    "regulations.issued": [["制发", "印发", "出台", "制定"]],
    "normative_docs.repealed": [["废止", "宣布废止"]],
    "processing_fee.amount": [["收取", "计收", "收缴"]],
    "penalty.decisions": [["作出", "做出"]],
    "licensing.decisions": [["作出", "做出"]],
    "proactive.items": [["主动公开", "主动发布"]],
}

# nouns of each metric that name the same thing
NOUNS: dict[str, list[list[str]]] = {
    "applications.new": [["政府信息公开申请", "信息公开申请", "依申请公开申请"]],
    "applications.handled": [["政府信息公开申请", "信息公开申请", "依申请公开申请"]],
    "proactive.items": [["政府信息", "各类政府信息", "各类信息"]],
    "processing_fee.amount": [["信息处理费", "信息公开处理费"]],
    "reconsideration.total": [["行政复议", "复议"]],
    "litigation.total": [["行政诉讼", "诉讼"]],
    "normative_docs.issued": [["行政规范性文件", "规范性文件"]],
}


# a word inside a longer name is not the word (政府信息 in 政府信息公开单位)
_NOT_AFTER = r"(?!公开|工作|单位|平台|网站|专栏|管理|系统)"


def _swap(groups: dict[str, list[list[str]]], offset: int) -> Rewrite:
    def fn(c: Clause) -> str | None:
        for group in groups.get(c.metric, []):
            words = sorted(group, key=len, reverse=True)
            ms = list(re.finditer("(?:" + "|".join(map(re.escape, words)) + ")" + _NOT_AFTER, c.text))
            if not ms:
                continue
            m = ms[-1]
            alts = [w for w in group if w != m.group(0)]
            # a longer word of the same group may stand here (部分公开 in 部分予以公开)
            if not alts:
                continue
            new = alts[(c.index + offset) % len(alts)]
            return c.text[:m.start()] + new + c.text[m.end():]
        return None
    return fn


# the verb and noun before a figure, and the figure with its unit: 收到政府信息公开申请12件
_ORDER_VERB = "共收到|收到|受理|接收|新收|共受理|办结|答复|办理完毕|办理|主动公开|制发|印发|出台|公开|发布"
_ORDER_NOUN = ("政府信息公开申请|信息公开申请|公开申请|申请|政府信息|信息|行政规范性文件|规范性文件|"
               "行政复议案件|行政诉讼案件|行政复议|行政诉讼")


def _order(form: str) -> Rewrite:
    """VERB NOUN N件 → another order of the same words."""
    def fn(c: Clause) -> str | None:
        m = _figure(c)
        if m is None:
            return None
        unit = _unit_after(c, m)
        if not unit or unit in ("元", "万元", "亿元"):
            return None
        pre = c.text[:m.start()]
        vm = re.search(rf"({_ORDER_VERB})([^，,。；;：:\d]{{0,6}}?)({_ORDER_NOUN})(共|共计|合计|总计)?$", pre)
        if vm is None:
            return None
        head = pre[:vm.start()]
        verb, mid, noun = vm.group(1), vm.group(2), vm.group(3)
        if mid.endswith("依") or head.endswith("依"):   # 依申请: not a verb and its noun
            return None
        if verb in ("公开", "发布") and "申请" in noun:  # 政府信息公开申请: a noun, not 公开 + 申请
            return None
        num = m.group(0)
        tail = c.text[m.end() + c.text[m.end():].index(unit) + len(unit):]
        if form == "num-first":   # 收到12件政府信息公开申请
            body = f"{verb}{mid}{num}{unit}{noun}"
        elif form == "count":     # 收到政府信息公开申请数量为12件
            body = f"{verb}{mid}{noun}数量为{num}{unit}"
        elif form == "noverb":    # 收到政府信息公开申请12件 → 政府信息公开申请数量为12件 (new only:
            # without its verb a count of applications is the year's new ones, nothing else)
            if c.metric != "applications.new" or "申请" not in noun:
                return None
            body = f"{noun}数量为{num}{unit}"
        elif "共" in pre or vm.group(4):
            return None
        else:                     # 收到政府信息公开申请共计12件
            body = f"{verb}{mid}{noun}共计{num}{unit}"
        return head + body + tail
    return fn


# the units a metric may be counted in, besides its own (spec/claims.md: 件/起 for cases …)
UNITS: dict[str, dict[str, list[str]]] = {
    "applications": {"件": ["宗", "个"]},
    "reconsideration": {"件": ["起", "宗"], "起": ["件", "宗"]},
    "litigation": {"件": ["起", "宗"], "起": ["件", "宗"]},
    "proactive": {"条": ["件", "份"]},
    "normative_docs": {"件": ["份", "部"], "个": ["件", "份"]},
    "regulations": {"件": ["部", "个"]},
    "penalty": {"件": ["起", "宗"], "起": ["件", "宗"]},
    "licensing": {"件": ["项", "个"], "项": ["件", "个"]},
}


def _unit(offset: int) -> Rewrite:
    def fn(c: Clause) -> str | None:
        m = _figure(c)
        if m is None:
            return None
        unit = _unit_after(c, m)
        alts = UNITS.get(c.metric.split(".")[0], {}).get(unit)
        if not alts:
            return None
        k = c.text.index(unit, m.end())
        return c.text[:k] + alts[(c.index + offset) % len(alts)] + c.text[k + len(unit):]
    return fn


_CN_DIGITS = "零一二三四五六七八九"


def chinese_numeral(n: int) -> str:
    """12 → 十二, 107 → 一百零七, 2300 → 二千三百 (as reports write counts up to 9999)."""
    if n == 0:
        return "零"
    if n < 0 or n > 9999:
        raise ValueError(n)
    out = ""
    zero = False
    for power, name in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        d = n // power % 10
        if d == 0:
            zero = bool(out)
            continue
        if zero:
            out += "零"
            zero = False
        if not (power == 10 and d == 1 and not out):
            out += _CN_DIGITS[d]
        out += name
    return out


def numerals(c: Clause) -> str | None:
    m = _figure(c)
    if m is None or not float(c.value).is_integer() or not 0 < c.value <= 9999 or not _unit_after(c, m):
        return None
    if _unit_after(c, m) in ("元", "万元", "亿元"):
        return None
    if int(c.value) == 1 and _unit_after(c, m) == "起":
        return None   # 一起 is also "together": reports write 1起
    return c.text[:m.start()] + chinese_numeral(int(c.value)) + c.text[m.end():]


def spaced(c: Clause) -> str | None:
    """A space on both sides of the figure (12 件), as typesetters and converters leave it."""
    m = _figure(c)
    if m is None:
        return None
    return c.text[:m.start()] + " " + m.group(0) + " " + c.text[m.end():].lstrip()


def _lead(c: Clause) -> tuple[str, str]:
    """The clause's leading year or 其中 (kept first) and the rest."""
    m = re.match(rf"^(?:{c.year}\s*年(?:度)?[，,]?\s*|其中[，,]?|另外[，,]?|同时[，,]?)?", c.text)
    assert m is not None
    return m.group(0), c.text[m.end():]


def of_which(c: Clause) -> str | None:
    """其中 before the clause (a part of the sentence before: 其中收到申请12件)."""
    if "其中" in c.text:
        return None
    return "其中" + c.text


def including(c: Clause) -> str | None:
    """包括 before the clause (a part named in a list: 包括收到申请12件)."""
    if re.search("其中|包括", c.text) or _figure(c) is None or c.value == 0:
        return None
    lead, rest = _lead(c)
    return lead + "包括" + rest


def total_word(c: Clause) -> str | None:
    """共计 before the figure (收到申请共计12件)."""
    m = _figure(c)
    if m is None or re.search(r"(共|共计|合计|总计|累计|为|是)\s*$", c.text[:m.start()]):
        return None
    return c.text[:m.start()] + "共计" + c.text[m.start():]


_APPROX = ("约{n}{u}", "{n}余{u}", "近{n}{u}", "{n}{u}左右", "超过{n}{u}", "{n}多{u}", "{n}{u}以上")


def approx(c: Clause) -> str | None:
    """The figure made approximate (约12件, 12余件, 近12件, 12件左右, 超过12件): the same claim,
    `approx` true (spec/claims.md)."""
    return _approximated(c, _APPROX, r"(约|余|近|超过|多|左右|以上)")


def _approximated(c: Clause, forms: tuple[str, ...], already: str) -> str | None:
    """The clause with its figure and unit written in one of `forms` (by the clause's index); none
    for a clause already approximate (`already`), an amount of money, or a figure set apart from its unit."""
    m = _figure(c)
    if m is None or c.value == 0 or not float(c.value).is_integer():
        return None
    unit = _unit_after(c, m)
    if not unit or unit in ("元", "万元", "亿元") or re.search(already, c.text):
        return None
    k = c.text.index(unit, m.end())
    if c.text[m.end():k].strip():
        return None
    form = forms[c.index % len(forms)].format(n=m.group(0), u=unit)
    return c.text[:m.start()] + form + c.text[k + len(unit):]


def bracket(c: Clause) -> str | None:
    """The figure alone in brackets after its label: 收到政府信息公开申请（12件）."""
    m = _figure(c)
    if m is None or not c.text[:m.start()].strip() or c.text[:m.start()].rstrip()[-1] in "：:，,为是（(":
        return None
    unit = _unit_after(c, m)
    if not unit:
        return None
    k = c.text.index(unit, m.end()) + len(unit)
    if c.text[k:].strip(" 。；;，,\n"):
        return None   # words after the figure: the brackets would hold more than the figure
    return c.text[:m.start()] + "（" + c.text[m.start():k] + "）" + c.text[k:]


def colon(c: Clause) -> str | None:
    """A label and its figure: 收到政府信息公开申请：12件."""
    m = _figure(c)
    if m is None or not c.text[:m.start()] or c.text[m.start() - 1] in "：:，,为是":
        return None
    return c.text[:m.start()] + "：" + c.text[m.start():]


def _punct(old: str, new: str) -> Rewrite:
    def fn(c: Clause) -> str | None:
        return c.text.replace(old, new) if old in c.text else None
    return fn


def _time(phrase: str) -> Rewrite:
    def fn(c: Clause) -> str | None:
        if re.search(r"全年|本年|今年|年度|报告期|截至|截止|累计", c.text):
            return None
        p = phrase.format(year=c.year)
        lead, rest = _lead(c)
        lead = re.sub(rf"^{c.year}\s*年(?:度)?[，,]?\s*", "", lead)
        return lead + p + rest
    return fn


# ---------------------------------------------------------------- negative families


_THIS_YEAR = r"全年|本年|今年|年度|年内|报告期|当年"


# a stock is counted as of a date whatever the words before it (现行有效规范性文件 N件)
STOCK_METRICS = {"normative_docs.in_force"}


# a clause that already names a region or other bodies: a scope word in front says nothing new
_SCOPED = re.compile(r"全区|全市|全县|全省|各级|各部门|各单位|各乡镇|本级|下属|所属|直属")


def _prefix(phrase: str, stock: bool = True, skip: frozenset[str] = frozenset(), scoped: bool = False,
            for_government: bool = True) -> Rewrite:
    """`phrase` before the clause's words (after its leading year, which it replaces): only for a
    figure (a statement of nothing stays true of the year) of the body itself, in a clause without
    another word of this year (全年 would say the figure is the year's after all)."""
    def fn(c: Clause) -> str | None:
        if c.value == 0 or _figure(c) is None or c.scope != "self":
            return None
        if (not stock and c.metric in STOCK_METRICS) or c.metric in skip:
            return None
        if (scoped and _SCOPED.search(c.text)) or (not for_government and c.government):
            return None
        if re.search(_THIS_YEAR, re.sub(rf"^{c.year}\s*年(?:度)?", "", c.text)):
            return None
        # the report's year right before the clause stays in front of the phrase (2023年截至目前，累计…:
        # so far in the year, the year's figure after all)
        k = c.sentence.find(c.text)
        if k > 0 and re.search(rf"{c.year}\s*年(?:度)?[，,]?\s*$", c.sentence[:k]):
            return None
        m = _figure(c)
        assert m is not None
        cut = max(c.text.rfind(p, 0, m.start()) for p in "，,；;")
        if cut >= 0:   # the figure's own clause (截至12月31日，主动公开…: after the comma)
            return c.text[:cut + 1] + phrase.format(year=c.year, oldyear=c.year - 2) + c.text[cut + 1:]
        lead, rest = _lead(c)
        lead = re.sub(rf"^{c.year}\s*年(?:度)?[，,]?\s*", "", lead)
        return lead + phrase.format(year=c.year, oldyear=c.year - 2) + rest
    return fn


def change(c: Clause) -> str | None:
    """较上年增加 before the figure: a change on last year, not the year's count."""
    m = _figure(c)
    if m is None or c.value == 0 or c.scope != "self":
        return None
    return c.text[:m.start()] + "较上年增加" + c.text[m.start():]


# ---------------------------------------------------------------- wordings no report of the corpus uses


def _n(v: float) -> str:
    return str(int(v)) if float(v).is_integer() else f"{v:g}"


# lists of the metrics a report may state together, each with its name in such a list, and the noun
# that follows the names (收到、办结政府信息公开申请分别为12件、11件)
ENUM_GROUPS: list[tuple[dict[str, str], str]] = [
    ({"applications.new": "收到", "applications.handled": "办结"}, "政府信息公开申请"),
    ({"applications.granted": "予以公开", "applications.partial": "部分公开", "applications.denied": "不予公开"},
     "的申请"),
    ({"reconsideration.total": "行政复议", "litigation.total": "行政诉讼"}, "案件"),
    ({"applications.carried_over": "上年结转", "applications.carried_forward": "结转下年度"}, "的申请"),
    ({"normative_docs.issued": "制发", "normative_docs.repealed": "废止", "normative_docs.in_force": "现行有效"},
     "的行政规范性文件"),
    ({"licensing.decisions": "行政许可", "penalty.decisions": "行政处罚", "coercion.decisions": "行政强制"}, "决定"),
]
# the words before a list of cases: 表四 counts disclosure cases only (claims.yaml topic_required)
_ENUM_HEAD = {"reconsideration.total": "因政府信息公开引起的", "litigation.total": "因政府信息公开引起的"}


def _enum_partner(c: Clause) -> tuple[dict[str, str], str, str, float] | None:
    """The clause's metric's list, and a partner of the list that the report states as its own."""
    for names, noun in ENUM_GROUPS:
        if c.metric not in names:
            continue
        for other in names:
            if other != c.metric and other in c.partners and other not in c.same_text:
                return names, noun, other, c.partners[other]
    return None


def _enum(word: str, joiner: str = "、") -> Rewrite:
    """The clause's figure and a partner's, named in a list and given 分别/依次 in the same order:
    予以公开、部分公开分别为5件、3件 — each figure counts what its name names."""
    def fn(c: Clause) -> str | None:
        m = _figure(c)
        found = _enum_partner(c)
        if m is None or found is None or c.same_text or c.scope != "self":
            return None
        unit = _unit_after(c, m) or "件"
        if unit in ("元", "万元", "亿元"):
            return None
        names, noun, other, value = found
        if noun == "决定" and unit == "条":   # records made public (双公示), one a decision
            lead0 = "公示"
            noun = "信息"
        else:
            lead0 = ""
        pair = [(c.metric, c.value), (other, value)]
        if c.index % 2:
            pair.reverse()
        lead, _ = _lead(c)
        head = _ENUM_HEAD.get(c.metric, "") + lead0
        body = (f"{head}{joiner.join(names[k] for k, _ in pair)}{noun}{word}"
                f"{joiner.join(_n(v) + unit for _, v in pair)}")
        c.extra.append({"metric": other, "value": value})
        return lead + body
    return fn


def enum_short(c: Clause) -> str | None:
    """Two names and one figure (收到、办结政府信息公开申请分别为12件): which name the figure counts is
    not said — no claim."""
    m = _figure(c)
    found = _enum_partner(c)
    if m is None or found is None or c.same_text or c.scope != "self" or c.value == 0:
        return None
    unit = _unit_after(c, m) or "件"
    if unit in ("元", "万元", "亿元"):
        return None
    names, noun, other, _ = found
    lead, _ = _lead(c)
    head = _ENUM_HEAD.get(c.metric, "")
    return lead + f"{head}{names[c.metric]}、{names[other]}{noun}分别为{_n(c.value)}{unit}"


# statements of nothing of each metric, as reports word them (spec/claims.md: 未收到…, 也 未收取/
# 没有产生 for the fee); for a clause that states nothing of both kinds of case, forms naming both
NOTHING: dict[str, list[str]] = {
    "applications.new": ["政府信息公开申请数为零", "未接到政府信息公开申请", "没有收到政府信息公开申请",
                         "政府信息公开申请数量为0", "全年无政府信息公开申请", "收到政府信息公开申请0件"],
    "reconsideration.total": ["未发生政府信息公开行政复议案件", "没有因政府信息公开被申请行政复议",
                              "无政府信息公开行政复议", "政府信息公开行政复议数为零"],
    "litigation.total": ["未发生政府信息公开行政诉讼案件", "没有因政府信息公开被提起行政诉讼",
                         "无政府信息公开行政诉讼", "政府信息公开行政诉讼数为零"],
    "cases.both": ["未发生政府信息公开行政复议和行政诉讼案件", "没有因政府信息公开被申请行政复议或提起行政诉讼",
                   "无政府信息公开行政复议、行政诉讼", "政府信息公开行政复议、行政诉讼数量均为零",
                   "因政府信息公开被申请行政复议、提起行政诉讼的均为0件", "政府信息公开行政复议、行政诉讼：均无"],
    "processing_fee.amount": ["未收取信息处理费", "没有产生信息处理费", "信息处理费为零", "不收取信息处理费",
                              "无收取信息处理费情况", "收取信息处理费0元", "信息处理费：无", "免收信息处理费"],
}


def _nothing(offset: int) -> Rewrite:
    def fn(c: Clause) -> str | None:
        if c.value != 0 or c.scope != "self":
            return None
        cases = {"reconsideration.total", "litigation.total"}
        if set(c.same_text) - cases or len(c.same_text) > 1:
            return None
        key = "cases.both" if c.same_text and {c.metric, *c.same_text} == cases else c.metric
        if key not in NOTHING:
            return None
        forms = NOTHING[key]
        lead, _ = _lead(c)
        return lead + forms[(c.index + offset) % len(forms)]
    return fn


# nothing said of something else than the metric (a kind of reply, an objection, a withdrawal): the
# statement of nothing of the applications it replaces is no longer made
NOTHING_ELSE: dict[str, list[str]] = {
    "applications.new": ["未出现逾期答复政府信息公开申请的情况", "申请人撤回申请数为零",
                         "未收到申请人对答复结果的异议", "逾期答复申请数为零"],
    "reconsideration.total": ["无被纠错的政府信息公开行政复议", "未发生行政复议纠错情况"],
    "litigation.total": ["没有败诉的政府信息公开行政诉讼", "未发生行政诉讼败诉情况"],
}


def nothing_else(c: Clause) -> str | None:
    if c.value != 0 or c.scope != "self" or c.same_text or c.metric not in NOTHING_ELSE:
        return None
    forms = NOTHING_ELSE[c.metric]
    lead, _ = _lead(c)
    return lead + forms[c.index % len(forms)]


def documents(c: Clause) -> str | None:
    """A count of applications made a count of documents by disclosure attribute (依申请公开政府信息12条,
    制发公文…份，其中主动公开…份、依申请公开12份): documents, never applications. The bare form only in a
    sentence that says nothing else of applications (依申请公开政府信息5条，申请人均… is applications)."""
    if c.metric != "applications.new" or c.value == 0 or c.scope != "self" or c.same_text:
        return None
    if _figure(c) is None or not float(c.value).is_integer():
        return None
    n = int(c.value)
    rest_of_sentence = c.sentence.replace(c.text, "")
    forms = [f"制发公文{2 * n + 3}份，其中主动公开{n + 3}份、依申请公开{n}份",
             f"印发文件{2 * n + 5}件，其中主动公开{n + 3}件，依申请公开{n}件，不予公开2件"]
    if "申请" not in rest_of_sentence:
        forms += [f"依申请公开政府信息{n}条", f"依申请公开公文{n}份", f"公开公文类信息{n}条"]
    lead, _ = _lead(c)
    return lead + forms[c.index % len(forms)]


def _suffix(phrase: str) -> Rewrite:
    """`phrase` right after the figure and its unit (收到申请30件（含各乡镇）): the figure is a sum that
    holds other bodies' — scope other."""
    def fn(c: Clause) -> str | None:
        m = _figure(c)
        if m is None or c.value == 0 or c.scope != "self" or c.government or _SCOPED.search(c.text):
            return None
        unit = _unit_after(c, m)
        if not unit or c.metric in STOCK_METRICS:
            return None
        k = c.text.index(unit, m.end()) + len(unit)
        if c.text[k:].strip(" 。；;，,\n"):
            return None   # the figure's words go on after it (1件公开申请已办结): no place for an aside
        if "{part}" in phrase and (not float(c.value).is_integer() or c.value < 3):
            return None   # the part must differ from the whole
        part = int(c.value) // 3
        return c.text[:k] + phrase.format(part=part, unit=unit) + c.text[k:]
    return fn


_BODIES = ("部门", "单位", "村", "平台")


def _bodies(c: Clause) -> str | None:
    """The figure made a count of bodies, places or channels the clause's things touch (收到涉及12个部门的
    政府信息公开申请, 通过12个平台主动公开政府信息): no count of the metric."""
    m = _figure(c)
    if m is None or c.value == 0 or c.scope != "self" or c.same_text or not float(c.value).is_integer():
        return None
    unit = _unit_after(c, m)
    if not unit or unit in ("元", "万元", "亿元"):
        return None
    k = c.text.index(unit, m.end()) + len(unit)
    if c.text[k:].strip(" 。；;，,\n") or c.text[m.end():k - len(unit)].strip():
        return None
    body = _BODIES[c.index % len(_BODIES)]
    verb = "通过" if body == "平台" else "涉及"
    head = c.text[:m.start()].rstrip("：:共计为是有 ")
    return f"{verb}{m.group(0)}个{body}，{head}" if body == "平台" else f"{head}，{verb}{m.group(0)}个{body}"


def _named(form: str) -> Rewrite:
    """The clause inside a name: a slogan in quotation marks or a document's title in book-title marks
    (推行“收到申请12件”工作法, 印发《…12件…的通知》) is no count."""
    def fn(c: Clause) -> str | None:
        if c.value == 0 or _figure(c) is None or c.scope != "self" or c.same_text:
            return None
        if re.search(r"[“”\"《》「」。]", c.text):   # marks of its own: a name inside a name says nothing
            return None
        lead, rest = _lead(c)
        return lead + form.format(rest)
    return fn


# ---------------------------------------------------------------- wordings no report of the corpus uses (widened again)


def _count(c: Clause) -> int | None:
    """The claim's value when it is a whole count stated by a figure of its clause (not money)."""
    m = _figure(c)
    if m is None or not float(c.value).is_integer() or c.value <= 0 or c.scope != "self" or c.same_text:
        return None
    if _unit_after(c, m) in ("元", "万元", "亿元"):
        return None
    return int(c.value)


# a count of applicants (名/人次/个/位 申请人) beside the applications: only the 件 figure is the metric's
APPLICANTS: dict[str, list[str]] = {
    "applications.new": ["收到{k}名申请人提出的政府信息公开申请{n}件", "共有{k}人次申请政府信息公开，申请件数{n}件",
                         "共有{k}个申请人提出政府信息公开申请{n}件", "收到政府信息公开申请{n}件，涉及申请人{k}名",
                         "受理{k}位申请人的政府信息公开申请{n}件"],
    "reconsideration.total": ["因政府信息公开，{k}名申请人提起行政复议{n}件",
                              "因政府信息公开被{k}个申请人申请行政复议{n}件"],
    "litigation.total": ["因政府信息公开，{k}名原告提起行政诉讼{n}件", "因政府信息公开被{k}个申请人提起行政诉讼{n}件"],
}
# the same persons alone: the figure counts applicants, never the metric
APPLICANTS_ONLY: dict[str, list[str]] = {
    "applications.new": ["共有{n}名申请人提出政府信息公开申请", "收到{n}个申请人提出的政府信息公开申请",
                         "提出政府信息公开申请的申请人共{n}人次", "受理了{n}个申请人的政府信息公开申请"],
    "reconsideration.total": ["因政府信息公开，有{n}个申请人提起行政复议", "因政府信息公开申请行政复议的申请人{n}名"],
    "litigation.total": ["因政府信息公开，有{n}个申请人提起行政诉讼", "因政府信息公开提起行政诉讼的原告{n}人"],
}


def _persons(forms: dict[str, list[str]]) -> Rewrite:
    def fn(c: Clause) -> str | None:
        n = _count(c)
        if n is None or c.metric not in forms:
            return None
        k = n - 1 if n > 1 else n + 1
        lead, _ = _lead(c)
        opts = forms[c.metric]
        return lead + opts[c.index % len(opts)].format(n=n, k=k)
    return fn


_EACH_WORDS = ("均为", "都是", "皆为")


def each(c: Clause) -> str | None:
    """Two names and one figure that is each name's (受理、办结政府信息公开申请均为12件): both claims."""
    n = _count(c)
    if n is None:
        return None
    m = _figure(c)
    assert m is not None
    unit = _unit_after(c, m) or "件"
    for names, noun in ENUM_GROUPS:
        if c.metric not in names:
            continue
        for other in names:
            if other == c.metric or other not in c.partners or other in c.same_text or c.partners[other] != c.value:
                continue
            pair = [c.metric, other] if c.index % 2 == 0 else [other, c.metric]
            lead, _ = _lead(c)
            word = _EACH_WORDS[c.index % len(_EACH_WORDS)]
            c.extra.append({"metric": other, "value": c.value})
            return lead + _ENUM_HEAD.get(c.metric, "") + "、".join(names[k] for k in pair) + noun + word + f"{n}{unit}"
    return None


def _by_metric(table: dict[str, list[str]]) -> Rewrite:
    """The clause's figure in one of its metric's wordings in `table` (by the clause's index), after the
    clause's lead; none for a metric the table does not word."""
    def fn(c: Clause) -> str | None:
        n = _count(c)
        if n is None or c.metric not in table:
            return None
        lead, _ = _lead(c)
        forms = table[c.metric]
        return lead + forms[c.index % len(forms)].format(n=n)
    return fn


# every metric's figure before its noun (收到了12件政府信息公开申请, 作出5件行政处罚决定, 有2件上年结转的申请)
NUM_FIRST: dict[str, list[str]] = {
    "applications.new": ["收到了{n}件政府信息公开申请", "受理{n}件政府信息公开申请", "新收{n}件依申请公开申请"],
    "applications.handled": ["答复了{n}件政府信息公开申请", "办结{n}件政府信息公开申请",
                             "办理完毕{n}件政府信息公开申请"],
    "applications.carried_over": ["有{n}件上年结转的政府信息公开申请", "另有上年结转的{n}件申请"],
    "applications.carried_forward": ["有{n}件政府信息公开申请结转下年度办理", "另有{n}件申请结转至下年度继续办理"],
    "applications.granted": ["对{n}件申请予以公开", "予以公开了{n}件申请"],
    "applications.partial": ["对{n}件申请部分公开", "部分公开了{n}件申请"],
    "applications.denied": ["对{n}件申请不予公开", "不予公开{n}件申请"],
    "applications.not_processed": ["对{n}件申请不予处理", "不予处理了{n}件申请"],
    "reconsideration.total": ["因政府信息公开被申请了{n}起行政复议", "发生{n}起政府信息公开行政复议案件"],
    "litigation.total": ["因政府信息公开被提起了{n}起行政诉讼", "发生{n}起政府信息公开行政诉讼案件"],
    "normative_docs.issued": ["制发了{n}件行政规范性文件", "出台{n}件规范性文件"],
    "normative_docs.repealed": ["废止了{n}件行政规范性文件", "宣布废止{n}件规范性文件"],
    "normative_docs.in_force": ["共有{n}件现行有效的行政规范性文件"],
    "regulations.issued": ["制发了{n}件规章"],
    "licensing.decisions": ["作出{n}件行政许可决定", "作出了{n}个行政许可决定"],
    "penalty.decisions": ["作出{n}件行政处罚决定", "作出了{n}起行政处罚决定"],
    "coercion.decisions": ["作出{n}件行政强制决定"],
    "proactive.items": ["主动公开了{n}条政府信息", "主动公开{n}条各类政府信息"],
}


num_first = _by_metric(NUM_FIRST)


def _digits(form: str) -> Rewrite:
    """The figure written otherwise: full-width digits (１５件), 两 for 2 (两件, 两百), 1.2万 for 12000."""
    def fn(c: Clause) -> str | None:
        m = _figure(c)
        if m is None or not float(c.value).is_integer() or c.value <= 0:
            return None
        unit = _unit_after(c, m)
        if not unit or unit in ("元", "万元", "亿元"):
            return None
        n = int(c.value)
        if form == "fullwidth":
            new = m.group(0).translate({ord(d): 0xFF10 + int(d) for d in "0123456789"})
        elif form == "liang":
            if not (n == 2 or 200 <= n < 300 or 2000 <= n < 3000):
                return None
            new = "两" + chinese_numeral(n)[1:] if n != 2 else "两"
        elif form == "wan":
            if n < 10000 or n % 100:
                return None
            new = f"{n / 10000:g}万"
        else:
            raise ValueError(form)
        return c.text[:m.start()] + new + c.text[m.end():]
    return fn


_APPROX2 = ("逾{n}{u}", "超{n}{u}", "将近{n}{u}", "不足{n}{u}", "不到{n}{u}", "{n}{u}以内", "多达{n}{u}")


def approx2(c: Clause) -> str | None:
    """More words of approximation: 逾/超/将近/不足/不到 before the figure, 以内 after it."""
    return _approximated(c, _APPROX2, r"(约|余|近|超|逾|多|左右|以上|以内|不足|不到)")


# ---------------------------------------------------------------- wordings no report of the corpus uses (third round)


def _parts_total(c: Clause) -> str | None:
    """The figure stated as 合计/共计 after a list of its parts (当面申请4件、网上申请8件，合计12件): the
    total is the claim, the parts are no claim of the metric."""
    n = _count(c)
    if n is None or n < 2 or c.metric != "applications.new":
        return None
    a = n // 3 or 1
    b = n - a
    forms = (f"收到当面申请{a}件、网上申请{b}件，合计{n}件",
             f"通过网上申请{b}件、信函申请{a}件，共计收到政府信息公开申请{n}件",
             f"收到政府信息公开申请，其中当面申请{a}件、网上申请{b}件，共计{n}件",
             f"当面申请{a}件，网上申请{b}件，总计受理政府信息公开申请{n}件")
    lead, _ = _lead(c)
    return lead + forms[c.index % len(forms)]


# other items a body receives, named in the same sentence before or after the applications (信访, a
# hotline's work orders, deputies' proposals): their figures are not applications, the applications' is
OTHER_ITEMS = ("信访事项{k}件、", "12345热线工单{k}件，", "人大代表建议{k}件、政协提案{h}件，", "群众来信{k}件、")


def _other_items(c: Clause) -> str | None:
    n = _count(c)
    if n is None or c.metric != "applications.new":
        return None
    k = n + 7
    other = OTHER_ITEMS[c.index % len(OTHER_ITEMS)].format(k=k, h=k - 3)
    verb = ("收到", "受理")[c.index // 2 % 2]
    lead, _ = _lead(c)
    if c.index % 2:
        return lead + f"{verb}政府信息公开申请{n}件、" + other.rstrip("、，").replace("，", "、")
    return lead + f"{verb}{other}政府信息公开申请{n}件"


# the applications said in the passive (本机关被申请政府信息公开12件), with 达/达到 before the figure
PASSIVE: dict[str, list[str]] = {
    "applications.new": ["本机关被申请政府信息公开{n}件", "共被申请公开政府信息{n}件",
                         "被公民、法人和其他组织申请政府信息公开{n}件", "政府信息公开申请数量达到{n}件"],
    "reconsideration.total": ["因政府信息公开被申请人申请行政复议{n}件", "本机关因政府信息公开被申请复议{n}件"],
    "litigation.total": ["因政府信息公开被申请人起诉{n}件", "本机关因政府信息公开被起诉{n}件"],
    "proactive.items": ["主动公开政府信息达{n}条", "主动公开的政府信息达到{n}条"],
}


passive = _by_metric(PASSIVE)


# statements of nothing worded with the negation after the noun, or 尚未/未有/未曾
NOTHING3: dict[str, list[str]] = {
    "applications.new": ["尚未收到政府信息公开申请", "未有政府信息公开申请", "未收到过任何政府信息公开申请",
                         "本机关未曾收到政府信息公开申请"],
    "reconsideration.total": ["政府信息公开行政复议案件未发生", "尚未发生政府信息公开行政复议",
                              "未有因政府信息公开引起的行政复议"],
    "litigation.total": ["政府信息公开行政诉讼案件未发生", "尚未发生政府信息公开行政诉讼",
                         "未有因政府信息公开引起的行政诉讼"],
    "cases.both": ["政府信息公开行政复议、行政诉讼均未发生", "因政府信息公开引起的行政复议和行政诉讼均未发生",
                   "未有因政府信息公开被申请行政复议、提起行政诉讼的情况"],
    "processing_fee.amount": ["信息处理费均未收取", "未有收取信息处理费的情况"],
}


def _nothing3(c: Clause) -> str | None:
    if c.value != 0 or c.scope != "self":
        return None
    cases = {"reconsideration.total", "litigation.total"}
    if set(c.same_text) - cases or len(c.same_text) > 1:
        return None
    key_ = "cases.both" if c.same_text and {c.metric, *c.same_text} == cases else c.metric
    if key_ not in NOTHING3:
        return None
    forms = NOTHING3[key_]
    lead, _ = _lead(c)
    return lead + forms[c.index % len(forms)]


def rate(c: Clause) -> str | None:
    """A percentage beside the count (收到申请12件，办结率100%): the count stays the claim."""
    m = _figure(c)
    if m is None or c.value == 0 or not c.metric.startswith("applications.") or "%" in c.text:
        return None
    unit = _unit_after(c, m)
    if not unit:
        return None
    k = c.text.index(unit, m.end()) + len(unit)
    if c.text[k:].strip(" 。；;，,\n"):
        return None
    words = ("，办结率100%", "，按时办结率达100%", "，占比100%", "（办结率100%）")
    return c.text[:k] + words[c.index % len(words)] + c.text[k:]


def _written(form: str) -> Rewrite:
    """The figure written as converters and typists leave it: thousands separated by a space or a comma
    (1 234条, 1,234条), half-width brackets around the figure, 件次 for 件."""
    def fn(c: Clause) -> str | None:
        m = _figure(c)
        if m is None or c.value <= 0:
            return None
        unit = _unit_after(c, m)
        if form in ("space", "comma") and unit:   # amounts of money too (1 234.5万元)
            whole, dot, frac = m.group(0).partition(".")
            if not whole.isdigit() or int(whole) < 1000:
                return None
            sep = " " if form == "space" else ","
            return c.text[:m.start()] + f"{int(whole):,}".replace(",", sep) + dot + frac + c.text[m.end():]
        if not float(c.value).is_integer() or not unit or unit in ("元", "万元", "亿元"):
            return None
        k = c.text.index(unit, m.end())
        if form == "half-bracket":
            pre = c.text[:m.start()].rstrip()
            if not pre or pre[-1] in "：:，,为是（(" or c.text[k + len(unit):].strip(" 。；;，,\n"):
                return None
            return c.text[:m.start()] + "(" + c.text[m.start():k + len(unit)] + ")" + c.text[k + len(unit):]
        if form == "jianci":
            # 件次 counts requests and cases (申请, 复议, 诉讼, 处罚), never documents or records
            if unit != "件" or c.text[m.end():k].strip() or not c.metric.startswith(
                    ("applications.", "reconsideration.", "litigation.", "penalty.", "licensing.")):
                return None
            return c.text[:k] + "件次" + c.text[k + 1:]
        raise ValueError(form)
    return fn


# the applications' noun replaced by other items a body receives, or summed with them: the figure no
# longer counts applications alone
MIXED: dict[str, list[str]] = {
    "applications.new": ["共受理信访和政府信息公开申请{n}件", "收到信访事项{n}件", "接听12345热线来电{n}件",
                         "收到人大代表建议和政协提案{n}件", "收到政府信息公开申请和信访件共{n}件"],
}


mixed = _by_metric(MIXED)


# the figure made a date, a page or a number of a document (12月, 第12页, 第12号)
def _not_counts(c: Clause) -> str | None:
    n = _count(c)
    if n is None or not c.metric.startswith("applications.") or n > 31:
        return None
    forms = [f"于{n}月收到政府信息公开申请", f"收到政府信息公开申请（详见第{n}页）", f"依据第{n}号令办理政府信息公开申请"]
    if n > 12:
        forms = forms[1:]
    lead, _ = _lead(c)
    return lead + forms[c.index % len(forms)]



# a total after figures of other items or of another metric: 合计 sums more than the applications
def _sum_items(c: Clause) -> str | None:
    n = _count(c)
    if n is None or n < 3 or c.metric != "applications.new":
        return None
    a = n // 3 or 1
    b = n - a
    forms = (f"收到政府信息公开申请{a}件、信访件{b}件，合计{n}件", f"受理政府信息公开申请{a}件，群众来信{b}件，共计{n}件",
             f"收到政府信息公开申请{a}件，办结{b}件，合计{n}件", f"收到12345热线工单{b}件、政府信息公开申请{a}件，总计{n}件")
    lead, _ = _lead(c)
    return lead + forms[c.index % len(forms)]


# the outcomes of the replies in free prose, as a reply is worded to the applicant (同意公开, 不同意公开,
# 作出…的答复, 因…而无法提供, 作其他处理)
REPLY_PROSE: dict[str, list[str]] = {
    "applications.granted": ["对{n}件申请作出同意公开的答复", "经审查同意公开{n}件", "答复同意公开的{n}件"],
    "applications.partial": ["对{n}件申请作出部分公开的答复", "经审查同意部分公开{n}件", "答复部分同意公开的{n}件"],
    "applications.denied": ["对{n}件申请作出不同意公开的答复", "经审查不同意公开{n}件", "答复不予公开的{n}件"],
    "applications.unavailable": ["有{n}件申请因本机关不掌握相关信息而无法提供", "告知申请人无法提供{n}件"],
    "applications.not_processed": ["对{n}件重复申请不予处理", "有{n}件申请作不予处理"],
    "applications.other": ["申请人撤回申请{n}件，作其他处理", "作出其他处理决定{n}件"],
}


reply_prose = _by_metric(REPLY_PROSE)

@dataclass
class Family:
    name: str
    kind: str        # "pos" | "neg" | "aside"
    rewrite: Rewrite
    doc: str
    other_scope: bool = False   # a negative whose figure becomes another body's (scope "other")


FAMILIES: list[Family] = [
    Family("verb", "pos", _swap(VERBS, 0), "verb for its synonym (收到→受理, 办结→答复, 予以公开→同意公开 …)"),
    Family("verb2", "pos", _swap(VERBS, 1), "the same, the next synonym"),
    Family("noun", "pos", _swap(NOUNS, 0), "noun for its synonym (政府信息→各类政府信息, 行政复议→复议 …)"),
    Family("order-num-first", "pos", _order("num-first"), "收到申请12件 → 收到12件申请"),
    Family("order-count", "pos", _order("count"), "收到申请12件 → 收到申请数量为12件"),
    Family("order-total", "pos", _order("total"), "收到申请12件 → 收到申请共计12件"),
    Family("order-noverb", "pos", _order("noverb"), "收到政府信息公开申请12件 → 政府信息公开申请数量为12件 (new)"),
    Family("unit", "pos", _unit(0), "件→宗/起, 条→件 … where the metric is counted so"),
    Family("unit2", "pos", _unit(1), "the same, the next unit"),
    Family("numeral", "pos", numerals, "the figure in Chinese numerals (十二件, 一百零七条)"),
    Family("spaced", "pos", spaced, "a space on both sides of the figure (12 件)"),
    Family("of-which", "pos", of_which, "其中 before the clause"),
    Family("including", "pos", including, "包括 before the clause"),
    Family("total-word", "pos", total_word, "共计 before the figure"),
    Family("colon", "pos", colon, "：between the label and the figure"),
    Family("approx", "pos", approx, "the figure made approximate: 约12件, 12余件, 近12件, 12件左右, 超过12件, 12多件, 12件以上"),
    Family("bracket", "pos", bracket, "the figure alone in brackets after its label: 收到申请（12件）"),
    Family("punct-semi", "pos", _punct("，", "；"), "，→；inside the clause"),
    Family("punct-half", "pos", _punct("，", ","), "，→, (half width) inside the clause"),
    Family("time-year", "pos", _time("全年"), "全年 before the clause"),
    Family("time-this", "pos", _time("本年度"), "本年度 before the clause"),
    Family("time-yeardu", "pos", _time("{year}年度，"), "{year}年度， before the clause"),
    Family("time-period", "pos", _time("报告期内，"), "报告期内， before the clause"),
    Family("time-asof", "aside", _time("截至{year}年12月31日，"), "截至{year}年12月31日， (meaning debatable: scored apart)"),
    Family("neg-cumulative", "neg", _prefix("截至目前，累计", stock=False), "截至目前，累计 … (a running total)"),
    Family("neg-history", "neg", _prefix("历年来", stock=False), "历年来 … (all the years)"),
    Family("neg-plan", "neg", _prefix("下一步计划"), "下一步计划 … (a plan)"),
    Family("neg-other", "neg", _prefix("全市各部门"), "全市各部门 … (other bodies: scope other)", other_scope=True),
    Family("neg-oldyear", "aside", _prefix("{oldyear}年"),
           "{year-2}年 before the clause (an earlier year; aside: many rewrites leave the report's own year in the sentence)"),
    Family("neg-lastyear", "neg", _prefix("上年度", skip=frozenset({"applications.carried_over"})), "上年度 before the clause (last year's figure)"),
    Family("neg-change", "neg", change, "较上年增加 before the figure (a change on last year)"),
    # wordings no report of the corpus uses (issue 9 point 3): lists, nothing, documents, scope, names
    Family("enum-resp", "pos", _enum("分别为"), "收到、办结政府信息公开申请分别为12件、11件 (a partner's figure too)"),
    Family("enum-order", "pos", _enum("依次为"), "the same with 依次为"),
    Family("enum-and", "pos", _enum("分别为", "和"), "收到和办结政府信息公开申请分别为12件和11件"),
    Family("nothing", "pos", _nothing(0), "a statement of nothing reworded (申请数为零, 没有…, 无…, 为0)"),
    Family("nothing2", "pos", _nothing(1), "the same, the next wording"),
    Family("neg-enum-short", "neg", enum_short, "two names, one figure (收到、办结申请分别为12件): which is not said"),
    Family("neg-nothing-else", "neg", nothing_else, "未出现逾期答复申请的情况, 无被纠错的行政复议 (nothing of something else)"),
    Family("neg-documents", "neg", documents, "依申请公开政府信息12条, 其中…依申请公开12份 (documents, not applications)"),
    Family("neg-region-parts", "neg", _prefix("区本级及各乡镇", scoped=True), "区本级及各乡镇 … (the body and others)",
           other_scope=True),
    Family("neg-sum", "neg", _prefix("汇总全区各单位", scoped=True), "汇总全区各单位 … (a sum of bodies)", other_scope=True),
    Family("neg-on-behalf", "neg", _prefix("代区政府", scoped=True, for_government=False), "代区政府 … (for the government an office serves; not in a government's report)", other_scope=True),
    Family("neg-incl", "neg", _suffix("（含各乡镇）"), "…12件（含各乡镇） (a sum with other bodies')", other_scope=True),
    Family("neg-incl-part", "neg", _suffix("，含下属单位{part}{unit}"), "…12件，含下属单位4件 (a sum with other bodies')",
           other_scope=True),
    Family("neg-whole", "neg", _suffix("，其中本机关本级{part}{unit}"), "…12件，其中本机关本级4件 (the whole; the part is the body's)",
           other_scope=True),
    Family("neg-bodies", "neg", _bodies, "收到涉及12个部门的申请 (the figure counts the bodies)"),
    Family("neg-quoted", "neg", _named("推行“{}”工作法"), "推行“收到申请12件”工作法 (a slogan)"),
    Family("neg-title", "neg", _named("印发《关于{}的通报》"), "印发《关于…12件的通报》 (a document's title)"),
    # widened again: persons beside the applications, one figure for every name, every metric's figure
    # before its noun, the figure written otherwise, more words of approximation
    Family("applicants", "pos", _persons(APPLICANTS), "收到11名申请人提出的申请12件, 共有11人次申请，申请件数12件 (the 件 figure)"),
    Family("each", "pos", each, "受理、办结政府信息公开申请均为12件 (each name's figure, the partner's too)"),
    Family("num-first-all", "pos", num_first, "every metric's figure before its noun: 答复了12件申请, 作出5件行政处罚决定, 有2件上年结转的申请"),
    Family("fullwidth", "pos", _digits("fullwidth"), "the figure in full-width digits (１２件)"),
    Family("liang", "pos", _digits("liang"), "两 for 2 (两件, 两百三十条)"),
    Family("wan", "pos", _digits("wan"), "1.2万条 for 12000"),
    Family("approx2", "pos", approx2, "逾/超/将近/不足/不到 12件, 12件以内"),
    Family("neg-applicants", "neg", _persons(APPLICANTS_ONLY), "收到12个申请人提出的申请 (the figure counts applicants)"),
    # third round: a total after its parts, other items beside the applications, the passive and 达,
    # nothing said otherwise, a percentage beside, figures typed otherwise; sums with other items, dates
    Family("parts-total", "pos", _parts_total, "当面申请4件、网上申请8件，合计12件 (the total after its parts)"),
    Family("other-items", "pos", _other_items, "收到信访事项19件、政府信息公开申请12件 (other items beside)"),
    Family("passive", "pos", passive, "本机关被申请政府信息公开12件, 申请数量达到12件, 主动公开政府信息达12条"),
    Family("nothing3", "pos", _nothing3, "尚未收到/未有/…均未发生 (nothing, the negation after the noun too)"),
    Family("rate", "pos", rate, "收到申请12件，办结率100% (a percentage beside the count)"),
    Family("thousands", "pos", _written("space"), "1 234条, 1 234.5万元 (thousands separated by a space)"),
    Family("thousands2", "pos", _written("comma"), "1,234条, 1,234.5万元 (thousands separated by a comma)"),
    Family("half-bracket", "pos", _written("half-bracket"), "收到申请(12件) (half-width brackets)"),
    Family("jianci", "pos", _written("jianci"), "12件次 for 12件"),
    Family("reply-prose", "pos", reply_prose, "对5件申请作出同意公开的答复, 经审查不同意公开1件, 作其他处理 (outcomes in free prose)"),
    Family("neg-mixed", "neg", mixed, "共受理信访和政府信息公开申请12件, 收到信访事项12件 (other items, or a sum with them)"),
    Family("neg-not-counts", "neg", _not_counts, "于12月收到申请, 详见第12页, 依据第12号令 (a date, a page, a number)"),
    Family("neg-sum-items", "neg", _sum_items, "收到申请4件、信访件8件，合计12件 (a total of other items or metrics too)"),
]


# ---------------------------------------------------------------- files


@dataclass
class Report:
    name: str
    path: Path
    gold: dict
    src: str
    enc: str


@dataclass
class Variant:
    report: Report
    text: str
    rewritten: list[dict] = field(default_factory=list)   # gold claims whose clause changed
    pairs: list[tuple[str, str]] = field(default_factory=list)  # (clause, rewritten clause)
    extra: list[dict] = field(default_factory=list)   # claims the rewrites add (a partner named in a list)


def reports(shared: Path, only: set[str] | None) -> list[Report]:
    out = []
    for gp in sorted(shared.glob("*.gold.json")):
        g = json.loads(gp.read_text())
        p = shared / g["file"]
        if p.suffix not in SUFFIXES or g.get("template") not in ("2019", "2021") or not p.exists():
            continue
        if only and p.name not in only:
            continue
        raw = p.read_bytes()
        for enc in ("utf-8-sig", "gb18030"):
            try:
                src = raw.decode(enc)
                break
            except UnicodeDecodeError:
                continue
        else:
            continue
        out.append(Report(p.name, p, g, src, "utf-8" if enc == "utf-8-sig" else enc))
    return out


def government(body: str) -> bool:
    """A government (人民政府, a region's 管理委员会 or the region named alone): not one of its offices."""
    return not re.search(r"(?:局|委|办|办公室|中心|厅|所)$", body)


def apply(rep: Report, fam: Family, mutate: tuple[int, str, float] | None = None) -> tuple[Variant, int]:
    """Every gold claim's clause of the report rewritten by the family; returns the variant and the
    number of clauses not found as printed in the file (split by markup, an entity…). `mutate` =
    (claim index, clause, value): that claim's clause is rewritten from this clause and value instead
    (its figure changed, bench/mutsweep.py), still put where the printed clause stands."""
    spans: list[tuple[int, int, str, dict]] = []
    extras: list[dict] = []
    seen: Counter[str] = Counter()
    unlocated = 0
    year = int(rep.gold.get("year") or 0)
    golds = [cl for cl in rep.gold.get("claims") or [] if cl.get("value") is not None]
    partners: dict[str, float] = {}
    for cl in golds:
        if (cl.get("scope") or "self") == "self":
            partners.setdefault(cl["metric"], float(cl["value"]))
    for i, cl in enumerate(rep.gold.get("claims") or []):
        text = cl.get("text") or ""
        if not text or cl.get("value") is None:
            continue
        k = seen[text]
        seen[text] += 1
        pos = -1
        for _ in range(k + 1):
            pos = rep.src.find(text, pos + 1)
            if pos < 0:
                break
        if pos < 0:
            unlocated += 1
            continue
        same = tuple(o["metric"] for o in golds if o is not cl and o.get("text") == text)
        a = max(rep.src.rfind(p, 0, pos) for p in "。；;\n") + 1
        ends = [k for k in (rep.src.find(p, pos + len(text)) for p in "。；;\n") if k >= 0]
        given, value = (mutate[1], mutate[2]) if mutate and mutate[0] == i else (text, float(cl["value"]))
        clause = Clause(cl["metric"], value, given, year, i, rep.path.suffix,
                        cl.get("scope") or "self", same, partners, rep.src[a:min(ends, default=len(rep.src))],
                        government(rep.gold.get("body") or ""))
        new = fam.rewrite(clause)
        if new is None or new == text:
            continue
        if any(pos < e and s < pos + len(text) for s, e, _, _ in spans):
            continue
        spans.append((pos, pos + len(text), new, cl))
        extras.extend(clause.extra)
    out = rep.src
    var = Variant(rep, out)
    for s, e, new, cl in sorted(spans, key=lambda t: t[0], reverse=True):
        out = out[:s] + new + out[e:]
        var.rewritten.append(cl)
        var.pairs.append((rep.src[s:e], new))
    var.text = out
    var.extra = extras
    return var, unlocated


def run_originals(out: Path, reps: list[Report], cwd: Path, verb: str = "extract") -> dict[str, dict]:
    """The reports unchanged, copied to OUT/original (afresh) and run as one batch: the baseline."""
    base_dir = out / "original"
    if base_dir.exists():
        shutil.rmtree(base_dir)
    base_dir.mkdir(parents=True)
    for r in reps:
        shutil.copyfile(r.path, base_dir / r.name)
    return run_tool([base_dir / r.name for r in reps], cwd, verb)


def run_tool(files: list[Path], cwd: Path, verb: str = "extract") -> dict[str, dict]:
    """`xxgk-audit VERB files --format jsonl` from the checkout `cwd`: results by file name."""
    cmd = ["nice", "-n", "19", sys.executable, "-m", "extractor.cli", verb, *map(str, files), "--format", "jsonl"]
    p = subprocess.run(cmd, capture_output=True, text=True, cwd=cwd, timeout=3600)
    res: dict[str, dict] = {}
    for line in p.stdout.splitlines():
        if line.startswith("{"):
            try:
                obj = json.loads(line)
            except json.JSONDecodeError:
                continue
            res[Path(str(obj.get("source", ""))).name] = obj
    if not res:
        sys.stderr.write(f"{verb}: exit {p.returncode}\n{p.stderr[-1500:]}\n")
    return res


# ---------------------------------------------------------------- scoring


def key(c: dict) -> tuple[str, float]:
    return (str(c.get("metric")), float(c["value"]))


def predicted(res: dict, gold_metrics: set[str], self_only: bool = False) -> Counter[tuple[str, float]]:
    return Counter(key(c) for c in res.get("claims") or []
                   if isinstance(c.get("value"), (int, float)) and not isinstance(c.get("value"), bool)
                   and c.get("metric") in gold_metrics | KNOWN_METRICS
                   and (not self_only or c.get("scope", "self") == "self"))


@dataclass
class Row:
    rewritten: int = 0
    hit: int = 0          # positive: found again; negative: still claimed as this body's (false)
    tp: int = 0
    pred: int = 0
    base_tp: int = 0
    base_pred: int = 0
    files: int = 0

    def add(self, o: Row) -> None:
        for f in self.__dataclass_fields__:
            setattr(self, f, getattr(self, f) + getattr(o, f))


def score_file(var: Variant, fam: Family, res: dict, base: dict) -> tuple[Row, list[tuple[dict, str, str]]]:
    g = var.report.gold
    claims = [c for c in g.get("claims") or [] if c.get("value") is not None]
    gold = Counter(key(c) for c in claims)
    metrics = {k[0] for k in gold}
    row = Row(files=1)
    rew = Counter(key(c) for c in var.rewritten)
    if fam.kind != "neg":   # a partner's figure a rewrite added is a claim to find too
        gold += Counter(key(c) for c in var.extra)
        rew += Counter(key(c) for c in var.extra)
    row.rewritten = sum(rew.values())
    misses: list[tuple[dict, str, str]] = []
    if fam.kind == "neg":
        gself = Counter(key(c) for c in claims if c.get("scope", "self") == "self")
        pself = predicted(res, metrics, self_only=True)
        # what the unchanged file claims of the same (metric, value) elsewhere stays claimed: the
        # same figure stated in another clause (in or out of the gold) is not a false claim here
        bself = predicted(base, metrics, self_only=True)
        for k, n in rew.items():
            row.hit += min(n, max(0, pself[k] - (max(gself[k], bself[k]) - n)))
        expected = gold - rew if not fam.other_scope else gold
        pred = predicted(res, metrics) if not fam.other_scope else pself + (gold - gself)
        row.tp = sum((pred & expected).values())
        row.pred = sum(pred.values())
        bad = {k for k, n in rew.items() if pself[k] - (max(gself[k], bself[k]) - n) > 0}
    else:
        pred = predicted(res, metrics)
        for k, n in rew.items():
            row.hit += n - min(n, max(0, gold[k] - pred[k]))
        row.tp = sum((pred & gold).values())
        row.pred = sum(pred.values())
        bad = {k for k, n in rew.items() if gold[k] - pred[k] > 0}
    bpred = predicted(base, metrics)
    row.base_tp = sum((bpred & gold).values())
    row.base_pred = sum(bpred.values())
    for (old, new), cl in zip(var.pairs, var.rewritten, strict=True):
        if key(cl) in bad:
            misses.append((cl, old, new))
    return row, misses


def fmt(x: int, n: int) -> str:
    return f"{x / n:.3f}" if n else "  -  "


def sweep_args(ap: argparse.ArgumentParser, out: str) -> None:
    """The options every sweep over the corpus takes (this one and mutsweep.py)."""
    ap.add_argument("--shared", type=Path, default=SHARED / "corpus")
    ap.add_argument("--out", type=Path, default=Path(out))
    ap.add_argument("--families", default="")
    ap.add_argument("--only", default="")
    ap.add_argument("--show", type=int, default=0, help="list up to N development misses per family")
    ap.add_argument("--cwd", type=Path, default=ROOT, help="the checkout whose tool is run")
    ap.add_argument("--tag", default="", help="a name for the results file OUT/results<tag>.json")


def out_dir(a: argparse.Namespace) -> Path:
    """--out, resolved; never inside the repository (a sweep writes thousands of reports there)."""
    out: Path = a.out.resolve()
    if str(out).startswith(str(ROOT.resolve())):
        sys.exit("--out must be outside the repository")
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("cmd", nargs="?", default="run", choices=["run", "list"])
    sweep_args(ap, "/tmp/xxgk-claimsweep")
    a = ap.parse_args(argv)
    fams = [f for f in FAMILIES if not a.families or f.name in a.families.split(",")]
    if a.cmd == "list":
        for f in FAMILIES:
            print(f"{f.name:16} {f.kind:5} {f.doc}")
        return 0
    out = out_dir(a)
    reps = reports(a.shared, set(a.only.split(",")) if a.only else None)
    t0 = time.time()
    base = run_originals(out, reps, a.cwd)
    print(f"{len(reps)} reports; original read in {time.time() - t0:.0f}s", file=sys.stderr)
    table: dict[str, dict[str, Row]] = {}
    for fam in fams:
        t1 = time.time()
        d = out / fam.name
        if d.exists():
            shutil.rmtree(d)
        d.mkdir(parents=True)
        vars_: list[Variant] = []
        unlocated = 0
        for r in reps:
            v, u = apply(r, fam)
            unlocated += u
            if v.rewritten:
                (d / r.name).write_bytes(v.text.encode(r.enc))
                vars_.append(v)
        res = run_tool([d / v.report.name for v in vars_], a.cwd) if vars_ else {}
        rows = {"all": Row(), "held-out": Row()}
        shown = 0
        for v in vars_:
            row, misses = score_file(v, fam, res.get(v.report.name, {}), base.get(v.report.name, {}))
            rows["all"].add(row)
            if held_out(v.report.name):
                rows["held-out"].add(row)
                continue
            for cl, old, new in misses:
                if shown < a.show and fam.kind != "aside":
                    shown += 1
                    print(f"  {fam.name} {v.report.name} {cl['metric']}={cl['value']}: {old} → {new}")
        table[fam.name] = rows
        print(f"{fam.name}: {len(vars_)} files, {rows['all'].rewritten} clauses "
              f"({unlocated} not found as printed), {time.time() - t1:.0f}s", file=sys.stderr)
    print()
    print(f"{'family':16} {'kind':4} | {'all: n':>6} {'R/false':>7} {'P':>6} {'P base':>6} | "
          f"{'held: n':>7} {'R/false':>7} {'P':>6} {'P base':>6}")
    for fam in fams:
        cells = []
        for part in ("all", "held-out"):
            w = table[fam.name][part]
            # a negative's precision against gold-minus-rewritten says little: its figure is `false`
            p, pb = (fmt(w.tp, w.pred), fmt(w.base_tp, w.base_pred)) if fam.kind != "neg" else ("-", "-")
            cells.append(f"{w.rewritten:>6} {fmt(w.hit, w.rewritten):>7} {p:>6} {pb:>6}")
        print(f"{fam.name:16} {fam.kind:4} | {cells[0]} | {cells[1]}")
    for kind, label in (("pos", "recall, meaning kept"), ("neg", "false claims, meaning changed")):
        for part in ("all", "held-out"):
            tot = Row()
            for fam in fams:
                if fam.kind == kind:
                    tot.add(table[fam.name][part])
            prec = f"; precision {fmt(tot.tp, tot.pred)} (unchanged files {fmt(tot.base_tp, tot.base_pred)})" \
                if kind == "pos" else ""
            print(f"{label} ({part}): {tot.hit}/{tot.rewritten} = {fmt(tot.hit, tot.rewritten)}{prec}")
    (out / f"results{a.tag}.json").write_text(json.dumps(
        {f: {p: w.__dict__ for p, w in rows.items()} for f, rows in table.items()}, indent=1))
    print(f"total {time.time() - t0:.0f}s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
