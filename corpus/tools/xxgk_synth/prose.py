"""The prose of the six sections, stating some of the table's figures, with distractor numbers.

`Writer.clause` writes one claim in a phrasing chosen by the seed from the report's family and
records its truth (metric, value, unit, exact clause text, scope, approx, share). Everything
else a paragraph holds (filler sentences, dates, phone numbers, 一是/二是, visit counts …) is
not a claim.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Any

from . import phrases as ph
from .spec import Claim, Family, Issue, ReportSpec, Section

# metric → the table cells whose sum it states
COUNTERPARTS: dict[str, tuple[str, ...]] = {
    "applications.new": ("new",),
    "applications.carried_over": ("carried_over",),
    "applications.handled": ("total",),
    "applications.carried_forward": ("carried_forward",),
    "applications.granted": ("granted",),
    "applications.partial": ("partial",),
    "applications.denied": ("denied.",),
    "applications.unavailable": ("unavailable.",),
    "applications.not_processed": ("not_processed.",),
    "applications.other": ("other.",),
}

OUTCOME_METRICS = (
    "applications.granted",
    "applications.partial",
    "applications.denied",
    "applications.unavailable",
    "applications.not_processed",
    "applications.other",
)


def counterpart_keys(spec: ReportSpec, metric: str) -> list[str]:
    """The canonical keys a self claim of `metric` is checked against."""
    if metric in COUNTERPARTS:
        out = []
        for row in COUNTERPARTS[metric]:
            out += [
                k
                for k in spec.values
                if k.endswith(".total")
                and k.startswith("t3.")
                and (k == f"t3.{row}.total" or (row.endswith(".") and k.startswith(f"t3.{row}")))
            ]
        return out
    return {
        "reconsideration.total": ["t4.reconsideration.total"],
        "litigation.total": ["t4.litigation_direct.total", "t4.litigation_after_reconsideration.total"],
        "normative_docs.issued": ["t2.normative_docs.issued", "t2.normative_docs.made"],
    }.get(metric, [])


def table_value(spec: ReportSpec, metric: str) -> int:
    return sum(spec.value(k) for k in counterpart_keys(spec, metric) if k in spec.values)


def sentence(parts: list[str]) -> str:
    parts = [p for p in parts if p]
    return "，".join(parts) + "。" if parts else ""


@dataclass
class Writer:
    rng: random.Random
    spec: ReportSpec
    ctx: dict[str, str]
    spaced: bool = False  # numbers set off by spaces (“收到申请 34 件”), as PDF conversions print them
    share_places: int = 1
    misstate: dict[str, int] = field(default_factory=dict)  # metric → error put into its first self claim
    claims: list[Claim] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
    units: dict[tuple[str, ...], str] = field(default_factory=dict)
    share_form: str = ""

    @property
    def family(self) -> Family:
        return self.spec.family

    def num(self, n: int | str) -> str:
        return f" {n} " if self.spaced else str(n)

    def fill(self, template: str, extra: dict[str, str] | None = None) -> str:
        ctx = dict(self.ctx)
        for name in ("period", "total", "self"):
            ctx[name] = ph.fill(self.rng.choice(ph.slot(name, self.family)), self.ctx)
        ctx.update(extra or {})
        text = ph.fill(template, ctx)
        return " ".join(text.split()) if self.spaced else text

    def clause(
        self,
        metric: str,
        n: int,
        section: int,
        *,
        share_of: int = 0,
        approx_ok: bool = False,
        zero_ok: bool = True,
    ) -> str:
        """Write one claim of `metric` stating n; return the clause (the share follows it)."""
        stated = n
        if metric in self.misstate:
            stated = n + self.misstate.pop(metric)
            keys = counterpart_keys(self.spec, metric)
            self.issues.append(
                Issue(
                    kind="prose_table",
                    severity="error",
                    fields=keys,
                    claim_values=[stated],
                    description=f"正文所述数字{stated}与表格对应数{n}不一致（{metric}）。",
                )
            )
        zero = ph.claim_phrasings(metric, self.family, "zero")
        if stated == 0 and zero and zero_ok:
            text = self.fill(self.rng.choice(zero).template)
            unit = self.unit(metric)
            value: int | float = 0.0 if metric == "processing_fee.amount" else 0
            self.claims.append(Claim(metric, value, unit, text, section=section))
            return text
        options = ph.claim_phrasings(metric, self.family)
        if not (approx_ok and stated >= 20):
            options = [p for p in options if p.approx is None]
        if self.spec.year < 2020:  # the 信息处理费 办法 (国办函〔2020〕109号) came out in November 2020
            options = [p for p in options if "管理办法" not in p.template] or options
        choice = self.rng.choice(options)
        shown = ph.round_approx(stated, choice.approx) if choice.approx else stated
        unit = self.unit(metric)
        text = self.fill(choice.template, {"n": self.num(shown), "u": unit})
        share = None
        if share_of > 0:
            share = round(stated * 100 / share_of, self.share_places)
        value = float(shown) if metric == "processing_fee.amount" else shown
        self.claims.append(
            Claim(
                metric,
                value,
                unit,
                text.strip(),
                approx=choice.approx is not None,
                share=share,
                section=section,
            )
        )
        return text.strip()

    def unit(self, metric: str) -> str:
        """The unit of `metric`, one per unit inventory and report (a report counts in 件 or 宗, not both)."""
        options = tuple(ph.units(metric, self.family))
        if options not in self.units:
            self.units[options] = self.rng.choice(options)
        return self.units[options]

    def share_suffix(self) -> str:
        claim = self.claims[-1]
        if claim.share is None:
            return ""
        p = f"{claim.share:.{self.share_places}f}"
        if not self.share_form:  # one way of stating shares per report
            self.share_form = self.rng.choice(ph.shares(self.family))
        return self.fill(self.share_form, {"p": p})

    def other_clause(self, entry: dict[str, Any], n: int, m: int, section: int) -> str:
        """A claim about another body or a sum the table does not hold (scope other, unless the
        entry says the sum is the table's own: 办理 N 件（含上年结转 M 件）)."""
        template = entry[self.family][self.rng.randrange(len(entry[self.family]))]
        unit = entry["unit"]
        text = self.fill(template, {"n": self.num(n), "u": unit})
        self.claims.append(Claim(entry["metric"], n, unit, text, scope=entry.get("scope", "other"), section=section))
        part = entry.get("with_part")
        if part:
            ptext = self.fill(part[self.family], {"m": self.num(m), "u": unit})
            self.claims.append(Claim(part["metric"], m, unit, ptext, section=section))
            text += f"（{ptext}）"
        return text

    def distract(self, name: str) -> str:
        r = self.rng
        template, n, m = ph.distractor(r, name)
        return self.fill(
            template,
            {
                "n": self.num(r.randint(*n)),
                "m": self.num(r.randint(*m)),
                "v": f"{r.uniform(1, 300):.1f}",
                "p": f"{r.uniform(0.5, 40):.1f}",
            },
        )


# ------------------------------------------------------------------ the sections


def _filler(w: Writer, name: str, k: int = 1) -> list[str]:
    pool = ph.prose()["filler"][name]
    return [w.fill(s) for s in w.rng.sample(pool, min(k, len(pool)))]


def _proactive(w: Writer, parts_exceed: bool) -> str:
    spec, r = w.spec, w.rng
    out = _filler(w, "proactive", r.randint(1, 2))
    total = r.randint(40, 400) if spec.body_kind == "部门" else int(r.lognormvariate(7.0, 0.9))
    # parts that exceed an approximate total (300多条) may not exceed it at all: state it exactly
    first = [w.clause("proactive.items", total, 1, approx_ok=r.random() < 0.35 and not parts_exceed)]
    if parts_exceed or r.random() < 0.6:
        stated = int(w.claims[-1].value)
        names = r.sample(["政策文件", "工作动态", "通知公告", "人事信息", "财政预决算信息", "规划计划"], 3)
        cuts = sorted(r.sample(range(1, max(4, stated)), 2)) if stated > 3 else [0, 0]
        parts = [cuts[0], cuts[1] - cuts[0], max(0, stated - cuts[1] - r.randint(0, stated // 5))]
        if parts_exceed:
            extra = r.randint(2, 30)
            parts[2] = stated - parts[0] - parts[1] + extra
            if parts[2] == stated:  # a part equal to the total reads as the total restated
                parts[2] += 1
            w.issues.append(
                Issue(
                    kind="prose_internal",
                    severity="error",
                    claim_values=[stated, sum(parts)],
                    description=f"正文称主动公开政府信息{stated}条，但其中所列各类合计{sum(parts)}条，分项之和超过总数。",
                )
            )
        unit = w.claims[-1].unit
        first.append(
            "其中，"
            + "、".join(f"{a}{w.num(b)}{unit}".replace("  ", " ") for a, b in zip(names, parts, strict=True))
        )
    out.append(sentence(first))
    docs = spec.values.get("t2.normative_docs.issued", spec.values.get("t2.normative_docs.made"))
    if docs and r.random() < 0.5:
        out.append(sentence([w.clause("normative_docs.issued", int(docs), 1), w.distract("interpretation")]))
    elif r.random() < 0.5:
        out.append(sentence([w.distract("interpretation")]))
    return "".join(out)


def _applications(w: Writer) -> str:
    spec, r = w.spec, w.rng
    new, co = table_value(spec, "applications.new"), table_value(spec, "applications.carried_over")
    handled, cf = table_value(spec, "applications.handled"), table_value(spec, "applications.carried_forward")
    lead, tail = _filler(w, "application", 2)
    out = [lead]
    if new == 0 and co == 0:
        out.append(sentence([w.clause("applications.new", 0, 1)]))
        return "".join(out)
    first = [w.clause("applications.new", new, 1)]
    if co and r.random() < 0.5:
        first.append(w.clause("applications.carried_over", co, 1))
    if r.random() < 0.25:
        first[-1] += w.distract("growth")
    out.append(sentence(first))
    second = []
    if r.random() < 0.8:
        second.append(w.clause("applications.handled", handled, 1))
    stated_total = bool(second)  # the outcomes are parts (其中…) of the handled total only when it is stated
    shares = r.random() < 0.5 and handled > 0
    for metric in OUTCOME_METRICS:
        n = table_value(spec, metric)
        if r.random() < ((0.85 if metric == "applications.granted" else 0.5) if n else 0.1):
            c = w.clause(metric, n, 1, share_of=handled if shares and n else 0)
            second.append(("其中" if stated_total and len(second) == 1 and second[0] else "") + c + w.share_suffix())
    if r.random() < 0.6:
        second.append(w.clause("applications.carried_forward", cf, 1))
    out.append(sentence(second))
    others = ph.scope_other(w.family, spec.body_kind)
    if others and r.random() < 0.6:
        entry = r.choice(others)
        n, m = _other_figure(w, entry["source"], new, co)
        if n:
            out.append(sentence([w.other_clause(entry, n, m, 1)]))
    out.append(tail)
    return "".join(out)


def _other_figure(w: Writer, source: str, new: int, co: int) -> tuple[int, int]:
    """The figure a scope-other claim states (0: not applicable to this report)."""
    r = w.rng
    if source == "region_total":
        return new + r.randint(20, 60) * max(1, new // 3 + 1), 0
    if source == "new_plus_carried":
        return (new + co, co) if co else (0, 0)
    if source == "region_reconsideration":
        return w.spec.value("t4.reconsideration.total") + r.randint(1, 30), 0
    if source == "township_part":
        return (r.randint(1, new - 1), 0) if new >= 5 else (0, 0)
    raise KeyError(source)


def _review(w: Writer, section: int) -> str:
    spec = w.spec
    recon = spec.value("t4.reconsideration.total")
    lit = spec.value("t4.litigation_direct.total") + spec.value("t4.litigation_after_reconsideration.total")
    parts = [w.clause("reconsideration.total", recon, section)]
    parts.append(w.clause("litigation.total", lit, section))
    return sentence(parts)


def _fee(w: Writer) -> str:
    r = w.rng
    amount = 0 if r.random() < 0.7 else r.choice([100, 200, 300, 400, 600]) + 10 * r.randint(0, 30)
    basis = ph.fill(r.choice(ph.prose()["filler"]["fee_basis"]), w.ctx)
    clause = w.clause("processing_fee.amount", amount, 6)
    # a 2019 report cannot cite the 办法 (国办函〔2020〕109号, issued in November 2020)
    cite = r.random() < 0.5 and w.spec.year >= 2020
    return sentence([basis, clause] if cite else [clause])


def write_sections(
    w: Writer, *, parts_exceed: bool = False, wrong_plan_year: bool = False, omit_fee: bool = False
) -> list[Section]:
    spec, r, p = w.spec, w.rng, ph.prose()
    heads, subs = p["headings"], p["subheadings"]
    inline = r.random() < 0.6  # subheading at the start of its paragraph, or on its own line
    mark = r.choice(("。", "：", "方面。"))
    if wrong_plan_year:
        w.ctx["plan_year"] = str(spec.year)
        w.issues.append(
            Issue(
                kind="year",
                severity="warning",
                claim_values=[spec.year],
                description=f"{spec.year}年度报告的改进措施写作“{spec.year}年……将”，应为下一年度（{spec.year + 1}年），疑沿用上年报告文字。",
            )
        )
    bodies = [
        "".join(_filler(w, "overview", r.randint(1, 2))),
        _proactive(w, parts_exceed),
        _applications(w),
        "".join(_filler(w, "management", r.randint(1, 2))),
        "".join(_filler(w, "platform", r.randint(1, 2)))
        + sentence([w.distract(r.choice(["visits", "wechat"])), w.distract("hotline")]),
        "".join(_filler(w, "oversight", r.randint(1, 2)))
        + sentence([w.distract(r.choice(["training", "meetings"]))])
        + ("".join(_filler(w, "gov_assessment")) if spec.body_kind == "人民政府" else ""),
    ]
    one = [bodies[0]]
    for sub, body in zip(subs, bodies[1:], strict=True):
        one += [sub + mark + body] if inline else [sub, body]
    sections = [Section(1, heads[0], one)]
    sections.append(Section(2, heads[1], table="t2"))
    sections.append(Section(3, heads[2], table="t3"))
    lead = [_review(w, 4)] if r.random() < 0.5 else []
    if lead and r.random() < 0.5:
        lead += _filler(w, "t4_lead")
    sections.append(Section(4, heads[3], lead, table="t4"))
    five = [*_filler(w, "problems"), *_filler(w, "improvements")]
    sections.append(Section(5, heads[4], five))
    six: list[str] = []
    if not omit_fee and (spec.version == "2021" or r.random() < 0.5):
        six.append(_fee(w))
    if r.random() < 0.7:
        six += [*_filler(w, "other_items", 1), sentence([w.distract("proposals")])]
    if not six:
        six = _filler(w, "no_other")
    sections.append(Section(6, heads[5], ["".join(six)] if r.random() < 0.5 else six))
    return sections
