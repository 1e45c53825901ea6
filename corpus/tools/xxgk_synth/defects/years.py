"""Defects of group years (see defects/__init__.py): the 统计期限, the years the prose names (Y6xx).

Y605 (the plans of section 五 dated the report year) is the builtin defect "year".
"""

from __future__ import annotations

import random
import re

from .. import phrases as ph
from ..prose import counterpart_keys
from ..spec import Issue, ReportSpec
from . import single

_HEAD = re.compile(r"^（[一二三四五六七八九]）[^。：]{2,14}?(?:方面。|。|：)")


def _full_year(y: int) -> str:
    return f"{y}年1月1日至{y}年12月31日"


# the lead of the period sentence, as reports word it (each is read by the meta extractor's pattern)
_PERIOD_LEADS = (
    "本报告中的统计数据，时间范围为",
    "本报告中所列数据的统计期限为",
    "本报告中使用数据统计期限为",
    "本报告统计数据的时间段为",
)


def _set_period(spec: ReportSpec, rng: random.Random, period: str) -> str | None:
    """Write `period` where the preamble states the 统计期限; the old period sentence's lead may be reworded."""
    lead = "本报告中的统计数据，时间范围为"
    old = lead + _full_year(spec.year)
    for i, p in enumerate(spec.preamble):
        if old in p:
            spec.preamble[i] = p.replace(old, rng.choice(_PERIOD_LEADS) + period, 1)
            return period
    return None


# ------------------------------------------------------------------ Y601: the 统计期限 of another year


def _period_other_year(spec: ReportSpec, rng: random.Random) -> Issue | None:
    # last year's period left in a copied report, or the year of writing put in its place
    other = spec.year - 1 if rng.random() < 0.75 else spec.year + 1
    if _set_period(spec, rng, _full_year(other)) is None:
        return None
    return Issue(
        kind="year",
        severity="error",
        description=f"{spec.year}年度报告的统计期限写作{_full_year(other)}，与报告年度不符。",
    )


single("period_other_year", "Y601", "统计期限写成另一年度（常见于套用上年报告）。", _period_other_year)


# ------------------------------------------------------------------ Y602: a 统计期限 covering part of the year


def _period_partial(spec: ReportSpec, rng: random.Random) -> Issue | None:
    y = spec.year
    kinds = ["cutoff"]
    if y == 2019:
        kinds.append("new_statute")
    if spec.body_kind == "部门":
        kinds.append("new_body")
    kind = rng.choice(kinds)
    note = ""
    if kind == "new_statute":  # counted from the day the revised 条例 came into force
        period = f"{y}年5月15日至{y}年12月31日"
    elif kind == "new_body":  # a body set up in the year's 机构改革 counts from its founding
        m, d = rng.randint(2, 10), rng.choice((1, 1, rng.randint(2, 28)))
        period = f"{y}年{m}月{d}日至{y}年12月31日"
        me = next((w for w in ("我局", "我委") if w in "".join(spec.paragraphs())), "本机关")
        note = rng.choice(
            (
                f"{me}于{y}年{m}月挂牌成立，统计期限自挂牌之日起计算。",
                f"因机构改革，{me}自{y}年{m}月起正式履行职责。",
            )
        )
    else:  # the figures were collected before the year ended
        m, d = rng.choice(((11, 30), (12, 20), (12, 25), (11, 20), (10, 31)))
        period = f"{y}年1月1日至{y}年{m}月{d}日"
    if _set_period(spec, rng, period) is None:
        return None
    if note and rng.random() < 0.5:
        spec.preamble.append(note)
    elif note:
        spec.sections[0].paragraphs.insert(0, note)
    return Issue(
        kind="year",
        severity="warning",
        description=f"统计期限为{period}，未覆盖{y}年全年，表中数据不代表全年情况。",
    )


single("period_partial", "Y602", "统计期限只覆盖报告年度的一部分。", _period_partial)


# ------------------------------------------------------------------ Y603: the prose of last year's report


def _claim_free(sentence: str, spec: ReportSpec) -> bool:
    return not any(c.text in sentence for c in spec.claims)


def _stale_prose(spec: ReportSpec, rng: random.Random) -> Issue | None:
    """Last year's narrative kept under this year's title: its sentences name last year."""
    y, old = spec.year, spec.year - 1
    mentions = 0
    for sec in spec.sections:
        if sec.number not in (1, 4, 6):  # section 五 (the plans) was rewritten
            continue
        for part in (sec.paragraphs, sec.after):
            for i, p in enumerate(part):
                m = _HEAD.match(p)
                head, body = (p[: m.end()], p[m.end() :]) if m else ("", p)
                if not body or (not m and re.match(r"^（[一二三四五六七八九]）", p)):
                    continue
                out = []
                for k, sent in enumerate(re.findall(r"[^。]*。|[^。]+$", body)):
                    if _claim_free(sent, spec):
                        if f"{y}年" in sent:
                            sent = sent.replace(f"{y}年", f"{old}年")
                        elif k == 0 and rng.random() < 0.85:
                            sent = re.sub(r"^(?:一年来|本年度|今年)，?", "", sent)
                            sent = (
                                rng.choice((f"{old}年，", f"{old}年，", f"{old}年度，", f"{old}年以来，"))
                                + sent
                            )
                    mentions += sent.count(f"{old}年")
                    out.append(sent)
                part[i] = head + "".join(out)
    text = "".join(spec.paragraphs()[1:])  # the title keeps this year
    own = len(re.findall(rf"{y}\s*年(?!\s*\d{{1,2}}\s*月\s*\d{{1,2}}\s*日\s*(?:起)?\s*(?:至|到))", text))
    if mentions < 4 or mentions <= 2 * own:
        return None
    return Issue(
        kind="year",
        severity="warning",
        description=f"标题为{y}年度，但正文{mentions}处写作{old}年（{y}年仅{own}处），疑照搬上年报告文字、只改了标题和表格。",
    )


single("stale_prose_year", "Y603", "正文大多在讲上一年度（沿用上年报告文字，只改了标题）。", _stale_prose)


# ------------------------------------------------------------------ Y604: this year's figure labelled as another year's

_TABLE_METRICS = (
    "applications.new",
    "applications.handled",
    "applications.granted",
    "applications.carried_forward",
    "reconsideration.total",
    "litigation.total",
    "normative_docs.issued",
)


def _period_slots(spec: ReportSpec) -> list[str]:
    out = []
    for fam in ("train", "heldout", "blind"):
        out += [ph.fill(s, {"year": str(spec.year)}) for s in ph.slot("period", fam) if s]
    return sorted(set(out), key=len, reverse=True)


def _figure_other_year(spec: ReportSpec, rng: random.Random) -> Issue | None:
    y = spec.year
    slots = _period_slots(spec)
    options = []
    for c in spec.claims:
        if (
            c.scope != "self"
            or c.approx
            or not c.value
            or c.metric not in _TABLE_METRICS
            or c.share is not None
        ):
            continue
        if not counterpart_keys(spec, c.metric):
            continue
        for sec in spec.sections:
            for part in (sec.paragraphs, sec.after):
                for i, p in enumerate(part):
                    at = p.find(c.text)
                    if at < 0:
                        continue
                    before = p[:at].rstrip()
                    # the clause opens its sentence: a year put before it labels the figure
                    if at == 0 or before.endswith(("。", "；", "：")) or _HEAD.fullmatch(p[:at]):
                        if not re.search(r"(?:19|20)\d{2}\s*年", c.text):
                            options.append((c, part, i))
    if not options:
        return None
    c, part, i = rng.choice(options)
    label = rng.choice((f"{y - 1}年", f"{y - 1}年", f"{y - 1}年度", f"{y - 1}年全年"))
    slot = next((s for s in slots if c.text.startswith(s)), "")
    text = label + c.text[len(slot) :].lstrip("，")
    part[i] = part[i].replace(c.text, text, 1)
    c.text = text
    return Issue(
        kind="year",
        severity="warning",
        fields=counterpart_keys(spec, c.metric),
        claim_values=[c.value],
        description=f"“{text}”把本年度表格中的数字{c.value}标为{y - 1}年，年份疑为沿用上年报告时漏改。",
    )


single("figure_other_year", "Y604", "本年度的数字在正文中标成了上一年度。", _figure_other_year)


# ------------------------------------------------------------------ Y606: citing a document issued after publication

_NOTICE_2021 = "国办公开办函〔2021〕30号"
_FEE_2020 = (
    "按照《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）的规定，规范信息处理费收费程序。",
    "严格执行国办函〔2020〕109号关于信息处理费的规定，做好收费告知工作。",
    "认真学习《政府信息公开信息处理费管理办法》（国办函〔2020〕109号），明确收费标准和程序。",
)


def _anachronism(spec: ReportSpec, rng: random.Random) -> Issue | None:
    y = spec.year
    if y >= 2021:
        return None
    text = "".join(spec.paragraphs())
    if y == 2019 and ("109号" in text or "信息处理费管理办法" in text):
        return None  # the clean report already cites a document of 2020: no clean twin to compare
    options = []
    if spec.preamble and "〔2019〕60号" in spec.preamble[0]:
        options.append("notice")
    six = next((s for s in spec.sections if s.number == 6), None)
    if y == 2019 and six is not None and six.paragraphs:
        options.append("fee")
    if not options:
        return None
    if rng.choice(options) == "notice":
        # the preamble rewritten after the 2021 notice, or pasted from a later report
        spec.preamble[0] = re.sub(r"国办公开办函〔2019〕60号", _NOTICE_2021, spec.preamble[0], count=1)
        doc, issued = _NOTICE_2021, "2021年9月26日"
    else:
        six.paragraphs.insert(rng.randint(0, len(six.paragraphs)), rng.choice(_FEE_2020))  # type: ignore[union-attr]
        doc, issued = "《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）", "2020年11月17日"
    return Issue(
        kind="year",
        severity="warning",
        description=f"{y}年度报告（{spec.publish_date}发布）引用了{issued}才印发的{doc}，时间上不可能，疑为事后改写或套用其他年度的文字。",
    )


single("cites_later_document", "Y606", "报告引用了它发布时尚未印发的文件。", _anachronism)
