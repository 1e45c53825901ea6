"""Defects of group fees (see defects/__init__.py): the 信息处理费 of 国办函〔2020〕109号, which a
2021-layout report states in section 六 in 元, and the 表二 行政事业性收费 (万元) it is confused with.

The generator writes one fee statement in section 六 (`prose._fee`): a clause of metric
processing_fee.amount, alone or after its basis, first in the section. The defects below drop it,
contradict it elsewhere, or change what it says, and keep `spec.claims` truthful.
"""

from __future__ import annotations

import random
from decimal import Decimal

from .. import phrases as ph
from ..spec import Claim, Issue, ReportSpec
from . import single

FEE = "processing_fee.amount"


def _fee_claim(spec: ReportSpec) -> Claim | None:
    return next((c for c in spec.claims if c.metric == FEE and c.scope == "self" and c.section == 6), None)


def _locate(spec: ReportSpec, text: str, number: int) -> tuple[list[str], int, int] | None:
    """(the paragraph list, index, offset) of `text` in section `number`."""
    s = spec.sections[number - 1]
    for paras in (s.paragraphs, s.after):
        for i, p in enumerate(paras):
            at = p.find(text)
            if at >= 0:
                return paras, i, at
    return None


def _ctx(spec: ReportSpec, rng: random.Random) -> dict[str, str]:
    ctx = {"year": str(spec.year), "me": "本机关"}
    for name in ("period", "total", "self"):
        ctx[name] = ph.fill(rng.choice(ph.slot(name, spec.family)), ctx)
    return ctx


def _statement(spec: ReportSpec, rng: random.Random, amount: int | Decimal) -> str:
    """A fee clause in the report's phrasing family stating `amount` 元 (0: 未收取 …)."""
    zero = ph.claim_phrasings(FEE, spec.family, "zero")
    if not amount and zero:
        template = rng.choice(zero).template
    else:
        template = rng.choice([p for p in ph.claim_phrasings(FEE, spec.family) if p.approx is None]).template
    return ph.fill(template, {**_ctx(spec, rng), "n": str(amount), "u": "元"}).strip()


def _replace_clause(spec: ReportSpec, claim: Claim, text: str, value: float, unit: str = "元") -> bool:
    found = _locate(spec, claim.text, claim.section)
    if found is None:
        return False
    paras, i, at = found
    paras[i] = paras[i][:at] + text + paras[i][at + len(claim.text) :]
    claim.text, claim.value, claim.unit = text, value, unit
    return True


def _yuan(v: float) -> str:
    return f"{v:g}元"


# ---------------------------------------------------------------- F501 no fee statement in 六


NOTHING_ELSE = ("无其他需要报告的事项。", "本年度无其他需要报告的事项。", "无。", "暂无其他需要报告的事项。")


def _fee_missing(spec: ReportSpec, rng: random.Random) -> Issue | None:
    claim = _fee_claim(spec)
    if spec.year < 2021 or claim is None:
        return None
    found = _locate(spec, claim.text, 6)
    if found is None:
        return None
    paras, i, at = found
    p = paras[i]
    start = p.rfind("。", 0, at) + 1
    end = p.find("。", at)
    end = len(p) if end < 0 else end + 1
    rest = p[:start] + p[end:]
    if rest:
        paras[i] = rest
    else:
        del paras[i]
    six = spec.sections[5]
    if not six.paragraphs and not six.after:
        six.paragraphs.append(rng.choice(NOTHING_ELSE))
    spec.claims.remove(claim)
    return Issue(
        kind="fee",
        severity="warning",
        description=f"{spec.year}年度报告第六部分未报告信息处理费收取情况（删去了“{claim.text}”），未收取的也应写明。",
    )


single(
    "fee_statement_missing",
    "F501",
    "2021年度起的报告第六部分未报告信息处理费收取情况。",
    _fee_missing,
    version="2021",
)


# ---------------------------------------------------------------- F502 two statements disagree


def _fee_disagree(spec: ReportSpec, rng: random.Random) -> Issue | None:
    claim = _fee_claim(spec)
    if claim is None or claim.approx:
        return None
    said = int(claim.value)
    other = 0 if said and rng.random() < 0.6 else rng.choice((100, 200, 300, 500)) + 10 * rng.randint(0, 20)
    if other == said:
        other += 100
    text = _statement(spec, rng, other)
    # the second statement: with the 依申请公开 figures of section 一, or after 表三
    app = next((c for c in spec.claims if c.metric == "applications.new" and c.section == 1), None)
    where = _locate(spec, app.text, 1) if app is not None else None
    if where is not None and rng.random() < 0.7:
        paras, i, _ = where
        paras[i] += ("" if paras[i].endswith("。") else "。") + text + "。"
        section = 1
    else:
        lead = rng.choice(("", "依申请公开工作中，", "办理政府信息公开申请过程中，"))
        spec.sections[2].after.append(lead + text + "。")
        section = 3
    spec.claims.append(Claim(FEE, float(other), "元", text, section=section))
    return Issue(
        kind="fee",
        severity="warning",
        claim_values=[said, other],
        description=f"正文对信息处理费说法不一：第六部分为“{claim.text}”，第{'一' if section == 1 else '三'}部分又称“{text}”。",
    )


single(
    "fee_statements_disagree",
    "F502",
    "正文两处关于信息处理费的说法不一致（未收取与收取若干元）。",
    _fee_disagree,
    version="2021",
)


# ---------------------------------------------------------------- F504 信息处理费 vs 行政事业性收费


def _fee_confused(spec: ReportSpec, rng: random.Random) -> Issue | None:
    claim = _fee_claim(spec)
    amount = spec.values.get("t2.fees.amount")
    if claim is None or claim.approx or not isinstance(amount, Decimal) or amount <= 0:
        return None
    how = rng.choice(("wan", "yuan", "admin"))
    ctx = _ctx(spec, rng)
    if how == "wan":  # the 表二 figure copied as it stands, in 万元
        text = ph.fill(
            rng.choice(
                (
                    "{period}{self}{total}收取信息处理费{n}万元",
                    "{period}信息处理费收取金额为{n}万元",
                    "{period}{self}{total}收取政府信息公开信息处理费{n}万元",
                )
            ),
            {**ctx, "n": str(amount)},
        )
        value, unit = float(amount), "万元"
    elif how == "yuan":  # the 表二 figure turned into 元
        yuan = (amount * 10000).normalize()
        n = f"{yuan:f}"
        text = _statement(spec, rng, Decimal(n))
        value, unit = float(yuan), "元"
    else:  # the fee statement answered with the 行政事业性收费 of 表二
        text = ph.fill(
            rng.choice(
                (
                    "{period}{self}行政事业性收费{n}万元",
                    "{period}{self}{total}收取行政事业性收费{n}万元",
                    "{period}行政事业性收费金额为{n}万元",
                )
            ),
            {**ctx, "n": str(amount)},
        )
        value, unit = float(amount), "万元"
        lead = rng.choice(("信息处理费收取情况：", "关于信息处理费，", "信息处理费方面，"))
        if not _replace_clause(spec, claim, lead + text, value, unit):
            return None
        claim.text = text
        claim.metric = "admin_fees.amount"
        return Issue(
            kind="fee",
            severity="warning",
            fields=["t2.fees.amount"],
            claim_values=[value],
            description=f"第六部分报告信息处理费时引用了表二行政事业性收费“{text}”，两者不是一回事。",
        )
    if not _replace_clause(spec, claim, text.strip(), value, unit):
        return None
    return Issue(
        kind="fee",
        severity="warning",
        fields=["t2.fees.amount"],
        claim_values=[value],
        description=f"第六部分称“{claim.text}”，恰为表二行政事业性收费{amount}万元，疑将行政事业性收费当作信息处理费。",
    )


single(
    "fee_confusion",
    "F504",
    "正文把表二“行政事业性收费”的金额当作信息处理费报告。",
    _fee_confused,
    version="2021",
)


# ---------------------------------------------------------------- F505 off the tariff


def _fee_off_tariff(spec: ReportSpec, rng: random.Random) -> Issue | None:
    claim = _fee_claim(spec)
    if claim is None or claim.approx:
        return None
    base = int(claim.value) or rng.choice((100, 200, 300, 400)) + 10 * rng.randint(0, 20)
    how = rng.choice(("postage", "typo", "cents"))
    if how == "postage":  # postage or copying added to the fee
        amount: int | Decimal = base + rng.choice((12, 15, 18, 22, 8))
    elif how == "typo":
        amount = base + rng.randint(1, 9)
    else:
        amount = Decimal(base) + Decimal(rng.choice(("0.5", "2.5", "7.5", "3.6")))
    text = _statement(spec, rng, amount)
    if not _replace_clause(spec, claim, text, float(amount)):
        return None
    return Issue(
        kind="fee",
        severity="warning",
        claim_values=[float(amount)],
        description=f"第六部分称“{text}”，{_yuan(float(amount))}不是10元的整数倍，与信息处理费的收费档位不符。",
    )


single(
    "fee_off_tariff",
    "F505",
    "正文所报信息处理费金额不符合收费标准档位（不是10元的整数倍）。",
    _fee_off_tariff,
    version="2021",
)
