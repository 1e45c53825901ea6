"""Defects of group prose (see defects/__init__.py): the prose against the tables and itself.

P401 (a figure contradicting the table) and P407 (parts exceeding their total) are written by
`random_report` itself (`builtin` in defects/__init__.py); the defects here edit a finished clean
report the way a clerk's slip looks: a rounded figure that rounds the wrong way (P402), a total
counted in another 口径 (P403), a share worked out wrongly (P404), outcome shares that do not add
up (P405), the same count restated differently (P406), 全部办结 beside carried-forward
applications (P408). Every edited or added figure keeps its `Claim` in step with the text.
"""

from __future__ import annotations

import random
import re
from decimal import Decimal

from .. import phrases as ph
from ..prose import OUTCOME_METRICS, counterpart_keys, table_value
from ..spec import Claim, Issue, ReportSpec
from . import single

# ------------------------------------------------------------------ helpers

_APPLICATION_LABELS = {
    "applications.new": "本年新收申请",
    "applications.handled": "办结申请",
    "applications.granted": "予以公开",
    "applications.partial": "部分公开",
    "applications.denied": "不予公开",
    "applications.unavailable": "无法提供",
    "applications.not_processed": "不予处理",
    "applications.other": "其他处理",
}


def _paragraph_lists(spec: ReportSpec) -> list[list[str]]:
    out: list[list[str]] = [spec.preamble]
    for s in spec.sections:
        out += [s.paragraphs, s.after]
    return out


def _find(spec: ReportSpec, text: str) -> tuple[list[str], int, int] | None:
    """The paragraph list, index and offset of the first `text` not glued to a digit before it."""
    pat = re.compile(r"(?<![\d.])" + re.escape(text))
    for lst in _paragraph_lists(spec):
        for i, p in enumerate(lst):
            m = pat.search(p)
            if m:
                return lst, i, m.start()
    return None


def _replace(spec: ReportSpec, old: str, new: str) -> bool:
    loc = _find(spec, old)
    if loc is None:
        return False
    lst, i, at = loc
    lst[i] = lst[i][:at] + new + lst[i][at + len(old) :]
    return True


def _spaced(spec: ReportSpec) -> bool:
    """The report sets its numbers off by spaces (“收到申请 34 件”), as PDF conversions print them."""
    return any(re.search(r" \d+ ", c.text) for c in spec.claims)


def _num(spec: ReportSpec, n: int | str) -> str:
    return f" {n} " if _spaced(spec) else str(n)


def _cells_known(spec: ReportSpec, metric: str) -> bool:
    """Every cell the claim is checked against is printed with a value (no blank, no '/')."""
    keys = counterpart_keys(spec, metric)
    return bool(keys) and all(spec.values.get(k) is not None for k in keys)


def _figure(c: Claim) -> re.Match[str] | None:
    """The figure of the claim's clause: the number standing before its unit."""
    return re.search(rf"(?<![\d.])( ?)({int(c.value)})( ?)(?={re.escape(c.unit)})", c.text)


def _restate(spec: ReportSpec, c: Claim, new_text: str) -> bool:
    if not _replace(spec, c.text, new_text):
        return False
    c.text = new_text
    return True


def _app_unit(spec: ReportSpec) -> str:
    return next((c.unit for c in spec.claims if c.metric.startswith("applications.") and c.unit), "件")


# ------------------------------------------------------------------ P402 an approximate figure off the table


_APPROX_FORMS = {
    # 余/多/超过/逾/以上: the table must be at least the figure — rounded up past it instead
    "at_least": ("{X}{g}余{u}", "{X}{g}多{u}", "超过{p}{X}{g}{u}", "逾{p}{X}{g}{u}", "{X}{g}{u}以上"),
    # 近/将近/接近: the table must be at most the figure — rounded down below it instead
    "at_most": ("近{p}{X}{g}{u}", "将近{p}{X}{g}{u}", "接近{p}{X}{g}{u}"),
    # 约/左右: within a tenth or so — a figure far off
    "about": ("约{p}{X}{g}{u}", "大约{p}{X}{g}{u}", "{X}{g}{u}左右"),
}


def _approx_figure(v: int, how: str, rng: random.Random) -> int | None:
    step = 10 if v < 1000 else 100
    if how == "at_least":
        x = (v // step + 1) * step  # 86 → “90余件”
        ok = v < x
    elif how == "at_most":
        x = (v - 1) // step * step  # 86 → “近80件”
        ok = 0 < x < v
    else:
        factor = rng.choice((Decimal("0.75"), Decimal("0.8"), Decimal("1.2"), Decimal("1.25")))
        x = int(Decimal(v) * factor / step + Decimal("0.5")) * step
        ok = x > 0 and abs(v - x) > max(1, x // 10) + 1
    return x if ok else None


def _fits(x: int, how: str, true: int) -> bool:
    """The approximate figure x read as P402 reads it (余 ≥, 近 ≤, 约 ±10%) fits the table's `true`."""
    if how == "at_least":
        return x <= true <= 2 * x
    if how == "at_most":
        return x * 8 <= true * 10 <= x * 10
    return abs(true - x) <= max(1, x / 10)


def _readings(spec: ReportSpec, metric: str) -> list[int]:
    """The table figure of `metric` and the natural sums a report may mean by the same words."""
    v = spec.value
    alts = {
        "applications.new": [v("t3.new.total") + v("t3.carried_over.total")],
        "applications.handled": [v("t3.new.total"), v("t3.new.total") + v("t3.carried_over.total")],
        "applications.granted": [v("t3.granted.total") + v("t3.partial.total")],
    }
    return [table_value(spec, metric), *alts.get(metric, [])]


def _approx_off(spec: ReportSpec, rng: random.Random) -> Issue | None:
    metrics = ("applications.new", "applications.handled", "applications.granted")
    cands = [
        c
        for c in spec.claims
        if c.metric in metrics and c.scope == "self" and not c.approx and c.share is None
        and c.value >= 20 and c.value == table_value(spec, c.metric) and _cells_known(spec, c.metric)
    ]
    if not cands:
        return None
    c = rng.choice(cands)
    v = int(c.value)
    hows = ["at_least", "at_most", "about"]
    rng.shuffle(hows)
    for how in hows:
        x = _approx_figure(v, how, rng)
        if x is not None and not any(_fits(x, how, t) for t in _readings(spec, c.metric)):
            break
    else:
        return None
    m = _figure(c)
    if m is None:
        return None
    pre, gap = m.group(1), m.group(3)
    form = rng.choice(_APPROX_FORMS[how])
    shown = form.format(X=x, g=gap, u=c.unit, p=pre)
    # the prefix forms carry the space before the number themselves (“申请近 80 件”)
    if form.startswith("{X}"):
        shown = pre + shown
    new_text = c.text[: m.start()] + shown + c.text[m.end() + len(c.unit) :]
    if not _restate(spec, c, new_text):
        return None
    c.value, c.approx = x, True
    label = _APPLICATION_LABELS[c.metric]
    return Issue(
        kind="prose_table",
        severity="warning",
        fields=counterpart_keys(spec, c.metric),
        claim_values=[x],
        description=f"正文称“{new_text}”，而表三{label}为{v}{c.unit}，约数与表格不符。",
    )


single(
    "approx_off",
    "P402",
    "正文以约数（余、近、约）概述申请数，但约数与表三数字不符。",
    _approx_off,
)


# ------------------------------------------------------------------ P403 a figure of another 口径


def _every_claim_agrees(spec: ReportSpec) -> bool:
    """No claim of the clean report states another scope or sum (P403 would note it there too)."""
    for c in spec.claims:
        if c.scope != "self":
            return False
        if not c.approx and counterpart_keys(spec, c.metric) and c.value != table_value(spec, c.metric):
            return False
    return True


def _parts_fit(spec: ReportSpec, extra: int) -> bool:
    """The outcome counts the prose states, grown by `extra`, stay within what was handled."""
    stated = sum(int(c.value) for c in spec.claims if c.metric in OUTCOME_METRICS and c.scope == "self")
    return stated + extra <= spec.value("t3.total.total")


def _other_sum(spec: ReportSpec, rng: random.Random) -> Issue | None:
    if not _every_claim_agrees(spec):
        return None
    v = spec.value
    new, co = v("t3.new.total"), v("t3.carried_over.total")
    # metric → (the sum the clerk wrote, what it adds, the extra cells)
    sums = {
        "applications.new": (new + co, "把上年结转的申请也计入“收到申请”", ["t3.carried_over.total"]),
        "applications.granted": (
            v("t3.granted.total") + v("t3.partial.total"),
            "把部分公开的申请也计入“予以公开”",
            ["t3.partial.total"],
        ),
        "applications.handled": (new, "把本年新收申请数写作办结数", ["t3.new.total"]),
    }
    cands = []
    for c in spec.claims:
        if c.metric not in sums or c.approx or c.share is not None or c.value == 0:
            continue
        stated, how, extra = sums[c.metric]
        if stated == c.value or stated <= 0 or not _cells_known(spec, c.metric):
            continue
        if any(spec.values.get(k) is None for k in extra):
            continue
        if c.metric == "applications.granted" and not _parts_fit(spec, stated - int(c.value)):
            continue  # 办结N件，其中予以公开…: the parts would outgrow the total (P407), another defect
        cands.append((c, stated, how))
    if not cands:
        return None
    c, stated, how = rng.choice(cands)
    m = _figure(c)
    if m is None:
        return None
    old = int(c.value)
    new_text = c.text[: m.start(2)] + str(stated) + c.text[m.end(2) :]
    if not _restate(spec, c, new_text):
        return None
    c.value = stated
    return Issue(
        kind="prose_table",
        severity="warning",  # P403 only notes it (info): the figure is another 口径, not a contradiction
        fields=counterpart_keys(spec, c.metric),
        claim_values=[stated],
        description=f"正文称“{new_text}”，表格对应数为{old}{c.unit}；正文{how}，口径与表格不同。",
    )


single(
    "other_sum",
    {"P403", "P409"},  # 收到N件 = 新收＋上年结转 is a warning (P409); the other sums are info (P403)
    "正文数字与表格不同，但等于另一口径的合计（如新收＋上年结转写作收到申请数）。",
    _other_sum,
)


# ------------------------------------------------------------------ P404 a share that the counts do not give


def _denominators(spec: ReportSpec) -> list[int]:
    v = spec.value
    out = [v("t3.total.total"), v("t3.new.total"), v("t3.new.total") + v("t3.carried_over.total")]
    out += [int(c.value) for c in spec.claims
            if c.metric in ("applications.new", "applications.handled") and c.scope == "self"]
    return [d for d in out if d > 0]


def _far_from_every_share(n: int, share: Decimal, dens: list[int]) -> bool:
    return all(abs(Decimal(n) * 100 / d - share) > Decimal("1.5") for d in dens)


def _wrong_share(spec: ReportSpec, rng: random.Random) -> Issue | None:
    cands = [c for c in spec.claims if c.share is not None and c.scope == "self" and c.value > 0]
    if not cands:
        return None
    c = rng.choice(cands)
    loc = _find(spec, c.text)
    if loc is None:
        return None
    lst, i, at = loc
    para = lst[i]
    head = para[para.rfind("。", 0, at) + 1 : at]
    if not any(h.text in head for h in spec.claims if h.metric == "applications.handled" and h.scope == "self"):
        return None  # the sentence names no base: P404 checks a share only against the total it names
    m = re.compile(r"(\d+(?:\.\d+)?)%").search(para, at + len(c.text))
    if m is None or Decimal(m.group(1)) != Decimal(str(c.share)).quantize(Decimal(m.group(1))):
        return None
    written = m.group(1)
    places = len(written.split(".")[1]) if "." in written else 0
    old = Decimal(written)
    options: list[Decimal] = []
    head, _, tail = written.partition(".")
    if len(head) == 2 and head[0] != head[1]:  # 58.1% typed 85.1%
        options.append(Decimal(head[::-1] + ("." + tail if tail else "")))
    for delta in (10, -10, 20, -20):  # the share of a miscounted row
        options.append(old + delta)
    other = [o for o in cands if o is not c and o.share is not None and o.share != c.share]
    options += [Decimal(str(o.share)) for o in other]  # two rows' shares swapped
    dens = _denominators(spec)
    options = [o for o in options if 0 < o < 100 and _far_from_every_share(int(c.value), o, dens)]
    if not options:
        return None
    new_share = rng.choice(options).quantize(Decimal(1).scaleb(-places))
    lst[i] = para[: m.start(1)] + str(new_share) + para[m.end(1) :]
    c.share = float(new_share)
    right = Decimal(int(c.value) * 100) / spec.value("t3.total.total") if spec.value("t3.total.total") else None
    should = f"，按办结总数计算应为{right.quantize(Decimal(1).scaleb(-places))}%" if right is not None else ""
    return Issue(
        kind="prose_table",
        severity="warning",
        fields=counterpart_keys(spec, c.metric),
        claim_values=[int(c.value), float(new_share)],
        description=f"正文称“{c.text}”占{new_share}%{should}，所称比例与件数不符。",
    )


single(
    "share_wrong",
    "P404",
    "正文所称办理结果占比（占X%）与件数和办结总数算出的比例不符。",
    _wrong_share,
)


# ------------------------------------------------------------------ P405 outcome shares that do not add up


_SHARE_LEADS = ("从办理结果看，", "按办理结果分类，", "办理结果方面，", "在已办结的申请中，", "")


def _shares_not_100(spec: ReportSpec, rng: random.Random) -> Issue | None:
    if any(c.share is not None for c in spec.claims):
        return None  # one share sentence per report: the new one replaces none
    handled, new = spec.value("t3.total.total"), spec.value("t3.new.total")
    if handled < 10 or not all(_cells_known(spec, m) for m in OUTCOME_METRICS):
        return None
    if spec.values.get("t3.total.total") is None or spec.values.get("t3.new.total") is None:
        return None
    rows = [(m, table_value(spec, m)) for m in OUTCOME_METRICS if table_value(spec, m) > 0]
    if len(rows) < 2:
        return None
    places = rng.choice((1, 2))
    q = Decimal(1).scaleb(-places)
    tol = Decimal("0.5") + Decimal("0.1") * len(rows) + Decimal("0.5")

    def shares_of(den: int) -> list[Decimal]:
        return [(Decimal(n * 100) / den).quantize(q) for _m, n in rows]

    modes = ["one_wrong"]
    if new > 0 and abs(sum(shares_of(new), Decimal(0)) - 100) > tol:
        modes.append("over_new")  # worked out on 本年新收, although the outcomes include 上年结转
    mode = rng.choice(modes)
    if mode == "over_new":
        shares = shares_of(new)
        what = f"各项占比按本年新收申请{new}件计算，而办理结果含上年结转申请，"
    else:
        shares = shares_of(handled)
        k = rng.randrange(len(rows))
        deltas = [d for d in (-20, -10, -5, 5, 10) if 0 < shares[k] + d < 100]
        if not deltas:
            return None
        shares[k] += rng.choice(deltas)
        what = f"其中“{_APPLICATION_LABELS[rows[k][0]]}”的占比算错，"
    total = sum(shares, Decimal(0))
    if abs(total - 100) <= tol:
        return None
    unit = _app_unit(spec)
    form = rng.choice(ph.shares(spec.family))
    parts, claims = [], []
    for (metric, n), share in zip(rows, shares, strict=True):
        options = [p for p in ph.claim_phrasings(metric, spec.family) if p.approx is None]
        template = rng.choice(options).template
        text = ph.fill(template, {"n": _num(spec, n), "u": unit, "period": "", "total": "", "self": ""})
        text = " ".join(text.split()) if _spaced(spec) else text
        claims.append(Claim(metric, n, unit, text.strip(), share=float(share), section=3))
        parts.append(text.strip() + ph.fill(form, {"p": str(share)}))
    sentence = rng.choice(_SHARE_LEADS) + rng.choice(("；", "，")).join(parts) + "。"
    three = next(s for s in spec.sections if s.number == 3)
    three.paragraphs.append(sentence)
    spec.claims += claims
    shown = "＋".join(f"{s}%" for s in shares)
    return Issue(
        kind="prose_internal",
        severity="warning",
        claim_values=[float(s) for s in shares],
        description=f"正文逐项列出全部办理结果的占比{shown}，合计{total}%，不等于100%；{what}应予核对。",
    )


single(
    "shares_not_100",
    "P405",
    "正文逐项列出全部办理结果的占比，合计却不等于100%。",
    _shares_not_100,
)


# ------------------------------------------------------------------ P406 one figure stated twice, differently


_RESTATED = (
    "{year}年共主动公开政府信息{n}{u}。",
    "本年度{total}主动公开政府信息{n}{u}，具体情况见下表。",
    "全年主动公开政府信息{total}{n}{u}。",
    "{year}年度主动公开政府信息{n}{u}，各类信息的数量如下。",
)


def _restated_differently(spec: ReportSpec, rng: random.Random) -> Issue | None:
    first = next((c for c in spec.claims if c.metric == "proactive.items" and c.scope == "self"), None)
    if first is None or first.approx or first.value < 10:
        return None  # an approximate first figure (300余条) is not contradicted by an exact one
    v = int(first.value)
    digits = str(v)
    options = {v + d for d in (-30, -12, -6, 6, 12, 30, 100) if v + d > 0}
    for j in range(len(digits) - 1):
        if digits[j] != digits[j + 1]:  # 1206 typed 1026
            t = digits[:j] + digits[j + 1] + digits[j] + digits[j + 2 :]
            if t[0] != "0":
                options.add(int(t))
    options.discard(v)
    n = rng.choice(sorted(options))
    template = rng.choice(_RESTATED)
    text = ph.fill(
        template, {"n": _num(spec, n), "u": first.unit, "year": str(spec.year), "total": rng.choice(("", "共", "累计"))}
    )
    if _spaced(spec):
        text = " ".join(text.split())
    two = next(s for s in spec.sections if s.number == 2)
    two.paragraphs.insert(0, text)
    clause = re.split(r"[，。]", text)[0]
    spec.claims.append(Claim("proactive.items", n, first.unit, clause, section=2))
    return Issue(
        kind="prose_internal",
        severity="warning",
        claim_values=[v, n],
        description=f"正文两处所述主动公开政府信息数量不一致：第一部分称{v}{first.unit}，第二部分称{n}{first.unit}。",
    )


single(
    "stated_twice",
    "P406",
    "同一指标（主动公开政府信息条数）在正文两处数字不同。",
    _restated_differently,
)


# ------------------------------------------------------------------ P408 全部办结 with applications carried forward


_ALL_DONE = (
    "本年度受理的政府信息公开申请全部按时办结。",
    "所有申请均已在法定期限内办结，未出现逾期答复的情况。",
    "全年政府信息公开申请办结率达到100%。",
    "所有申请均依法答复完毕，答复文书载明依据和救济途径。",
    "所有申请均按要求办理完成，办结率100%。",
)
_FILLER = "所有申请均在法定期限内办理"


def _all_done(spec: ReportSpec, rng: random.Random) -> Issue | None:
    cf = spec.values.get("t3.carried_forward.total")
    if not cf:
        return None
    how = rng.random()
    if _find(spec, _FILLER) and how < 0.5:
        # the stock sentence, with 办理 turned into 办结
        said = rng.choice(("所有申请均在法定期限内办结", "所有申请均已在法定期限内办结"))
        _replace(spec, _FILLER, said)
    else:
        said = rng.choice(_ALL_DONE)
        if how < 0.75:
            next(s for s in spec.sections if s.number == 3).paragraphs.append(said)
        else:
            new = next((c for c in spec.claims if c.metric == "applications.new"), None)
            loc = _find(spec, new.text) if new is not None else None
            if loc is None:
                return None
            lst, i, _at = loc
            lst[i] += said
    return Issue(
        kind="prose_table",
        severity="warning",
        fields=["t3.carried_forward.total"],
        claim_values=[int(cf)],
        description=f"正文称申请已全部办结（“{said.rstrip('。')}”），但表三“结转下年度继续办理”为{cf}件。",
    )


single(
    "all_done_but_carried",
    "P408",
    "正文称申请全部办结，而表三仍有结转下年度继续办理的申请。",
    _all_done,
    version="2021",
)
