"""Table values that satisfy every identity of shared/spec/fields.md, with realistic magnitudes.

表三: for every column, new + carried_over = total + carried_forward, and total is the sum of
the result rows; every row's 总计 is the sum of the six applicant columns. 表四: every group's
总计 is the sum of its four outcomes. Most cells are zero; a few are large.
"""

from __future__ import annotations

import math
import random
from collections import Counter
from collections.abc import Sequence
from decimal import Decimal

from extractor.template import Template

from .spec import BodyKind, Value

# share of applications per applicant column (natural persons dominate)
_COLUMN_WEIGHTS: dict[str, tuple[float, float]] = {
    "natural_person": (0.55, 1.0),
    "commercial": (0.0, 0.35),
    "research": (0.0, 0.02),
    "social_org": (0.0, 0.04),
    "legal_service": (0.0, 0.12),
    "other_org": (0.0, 0.08),
}

# weight range of each result row and the chance that the row is used at all
_OUTCOME_WEIGHTS: dict[str, tuple[float, float, float]] = {
    "granted": (0.15, 0.6, 0.95),
    "partial": (0.02, 0.2, 0.6),
    "denied.state_secret": (0.0, 0.02, 0.05),
    "denied.law_forbidden": (0.0, 0.03, 0.1),
    "denied.security_stability": (0.0, 0.02, 0.05),
    "denied.third_party": (0.0, 0.05, 0.2),
    "denied.internal_affairs": (0.0, 0.06, 0.25),
    "denied.process_info": (0.0, 0.06, 0.25),
    "denied.enforcement_file": (0.0, 0.03, 0.1),
    "denied.admin_query": (0.0, 0.05, 0.15),
    "unavailable.not_held": (0.05, 0.4, 0.85),
    "unavailable.needs_creation": (0.0, 0.08, 0.3),
    "unavailable.unclear": (0.0, 0.06, 0.3),
    "not_processed.petition": (0.0, 0.08, 0.3),
    "not_processed.duplicate": (0.0, 0.06, 0.3),
    "not_processed.publication": (0.0, 0.03, 0.1),
    "not_processed.mass_repeat": (0.0, 0.05, 0.1),
    "not_processed.confirm_reissue": (0.0, 0.04, 0.15),
    "other.no_correction": (0.0, 0.06, 0.3),
    "other.unpaid_fee": (0.0, 0.03, 0.1),
    "other.other": (0.0, 0.08, 0.35),
    "other.total": (0.0, 0.1, 0.45),
}

# median of 本年新收 per body kind, and the chance of none at all
_APPLICATION_SCALE: dict[str, tuple[float, float]] = {
    "人民政府": (60.0, 0.03),
    "办公室": (12.0, 0.15),
    "部门": (4.0, 0.3),
}


def lognormal_int(rng: random.Random, median: float, sigma: float, cap: int) -> int:
    return min(cap, round(median * math.exp(rng.gauss(0.0, sigma))))


def multinomial(rng: random.Random, n: int, weights: Sequence[float]) -> list[int]:
    """Split n items over len(weights) bins."""
    if n <= 0 or not any(weights):
        return [0] * len(weights)
    counts = Counter(rng.choices(range(len(weights)), weights=weights, k=n))
    return [counts.get(i, 0) for i in range(len(weights))]


def t3_values(
    rng: random.Random, tpl: Template, kind: BodyKind, merged_other: bool = False, size: int | None = None
) -> dict[str, int]:
    cols = [c.key for c in tpl.t3_columns if c.key != "total"]
    outcome = tpl.outcome_rows(merged_other)
    if size is None:
        median, p_none = _APPLICATION_SCALE[kind]
        size = 0 if rng.random() < p_none else max(1, lognormal_int(rng, median, 1.1, 4000))
    col_w = [
        rng.uniform(*_COLUMN_WEIGHTS[c]) if rng.random() < 0.7 or c == "natural_person" else 0.0 for c in cols
    ]
    new = multinomial(rng, size, col_w)
    carried_over = [
        multinomial(rng, int(n * rng.uniform(0, 0.15)), [1])[0] if rng.random() < 0.35 else 0 for n in new
    ]
    carried_forward = []
    for n, co in zip(new, carried_over, strict=True):
        cf = int((n + co) * rng.uniform(0, 0.12)) if rng.random() < 0.35 else 0
        carried_forward.append(min(cf, n + co))
    out_w = []
    for row in outcome:
        lo, hi, p_used = _OUTCOME_WEIGHTS[row]
        out_w.append(rng.uniform(lo, hi) if rng.random() < p_used else 0.0)
    if not any(out_w):
        out_w[0] = 1.0
    v: dict[str, int] = {}
    for ci, c in enumerate(cols):
        total = new[ci] + carried_over[ci] - carried_forward[ci]
        split = multinomial(rng, total, out_w)
        v[f"t3.new.{c}"] = new[ci]
        v[f"t3.carried_over.{c}"] = carried_over[ci]
        v[f"t3.carried_forward.{c}"] = carried_forward[ci]
        v[f"t3.total.{c}"] = total
        for row, n in zip(outcome, split, strict=True):
            v[f"t3.{row}.{c}"] = n
    for row in tpl.t3_row_keys(merged_other):
        v[f"t3.{row}.total"] = sum(v[f"t3.{row}.{c}"] for c in cols)
    return v


def t4_values(rng: random.Random, tpl: Template, kind: BodyKind, applications: int) -> dict[str, int]:
    v: dict[str, int] = {}
    p_any = {"人民政府": 0.8, "办公室": 0.5, "部门": 0.2}[kind]
    scale = max(1.0, applications * 0.06)
    for g, share in zip(tpl.t4_groups, (1.0, 0.4, 0.25), strict=True):
        n = 0
        if applications and rng.random() < p_any * (1.0 if share == 1.0 else 0.7):
            n = max(1, lognormal_int(rng, scale * share, 0.8, 500))
        w = [rng.uniform(0.5, 1.0), rng.uniform(0, 0.25), rng.uniform(0, 0.2), rng.uniform(0, 0.25)]
        parts = multinomial(rng, n, w)
        outs = [o.key for o in tpl.t4_outcomes if o.key != "total"]
        for o, p in zip(outs, parts, strict=True):
            v[f"t4.{g.key}.{o}"] = p
        v[f"t4.{g.key}.total"] = n
    return v


def _maybe(rng: random.Random, p: float, median: float, sigma: float, cap: int) -> int:
    return lognormal_int(rng, median, sigma, cap) if rng.random() < p else 0


def _fee_amount(rng: random.Random, kind: BodyKind) -> Decimal:
    if rng.random() < {"人民政府": 0.15, "办公室": 0.6, "部门": 0.45}[kind]:
        return Decimal(0)
    median = {"人民政府": 8000.0, "办公室": 20.0, "部门": 300.0}[kind]
    places = rng.choice((2, 2, 2, 3, 4))
    amount = median * math.exp(rng.gauss(0, 1.3))
    return Decimal(f"{amount:.{places}f}")


def t2_values_2021(rng: random.Random, kind: BodyKind, city_level: bool) -> dict[str, Value]:
    gov = kind == "人民政府"
    v: dict[str, Value] = {}
    reg_issued = _maybe(rng, 0.5, 2, 0.6, 8) if gov and city_level else 0
    reg_repealed = _maybe(rng, 0.3, 1, 0.5, 5) if gov and city_level else 0
    reg_stock = lognormal_int(rng, 40, 0.5, 200) if gov and city_level else 0
    v["t2.regulations.issued"] = reg_issued
    v["t2.regulations.repealed"] = min(reg_repealed, reg_stock)
    v["t2.regulations.in_force"] = reg_stock + reg_issued - min(reg_repealed, reg_stock)
    nd_p = {"人民政府": 0.9, "办公室": 0.3, "部门": 0.55}[kind]
    nd_issued = _maybe(rng, nd_p, 8 if gov else 3, 0.8, 80)
    nd_stock = lognormal_int(rng, 120 if gov else 15, 0.8, 900) if nd_issued or rng.random() < 0.6 else 0
    nd_repealed = min(nd_stock, _maybe(rng, 0.45, 4 if gov else 2, 0.8, 60))
    v["t2.normative_docs.issued"] = nd_issued
    v["t2.normative_docs.repealed"] = nd_repealed
    v["t2.normative_docs.in_force"] = nd_stock + nd_issued - nd_repealed
    enforcing = gov or rng.random() < 0.6
    v["t2.licensing.decisions"] = _maybe(rng, 0.85 if enforcing else 0.1, 3000 if gov else 400, 1.4, 500000)
    v["t2.penalty.decisions"] = _maybe(rng, 0.8 if enforcing else 0.1, 300 if gov else 60, 1.3, 100000)
    v["t2.coercion.decisions"] = _maybe(rng, 0.5 if enforcing else 0.05, 20 if gov else 6, 1.0, 5000)
    v["t2.fees.amount"] = _fee_amount(rng, kind)
    return v


def t2_values_2019(rng: random.Random, kind: BodyKind, city_level: bool) -> dict[str, Value]:
    gov = kind == "人民政府"
    v: dict[str, Value] = {}
    reg_made = _maybe(rng, 0.5, 2, 0.6, 8) if gov and city_level else 0
    v["t2.regulations.made"] = reg_made
    v["t2.regulations.published"] = reg_made
    v["t2.regulations.public_total"] = reg_made + (lognormal_int(rng, 40, 0.5, 200) if reg_made else 0)
    nd_made = _maybe(rng, 0.8 if gov else 0.5, 8 if gov else 3, 0.8, 80)
    nd_pub = nd_made - (rng.randint(0, nd_made // 3) if nd_made > 2 else 0)
    v["t2.normative_docs.made"] = nd_made
    v["t2.normative_docs.published"] = nd_pub
    v["t2.normative_docs.public_total"] = nd_pub + _maybe(rng, 0.7, 60 if gov else 10, 0.8, 900)
    rows = {
        "licensing": (0.85, 3000),
        "other_services": (0.5, 200),
        "penalty": (0.8, 300),
        "coercion": (0.5, 20),
    }
    for row, (p, median) in rows.items():
        used = rng.random() < (p if gov else p * 0.7)
        prev = lognormal_int(rng, 80 if row != "coercion" else 8, 0.9, 3000) if used else 0
        change = rng.choice((0, 0, 0, 1, 2, 3, 5, -1, -2)) if used else 0
        v[f"t2.{row}.prev_items"] = prev
        v[f"t2.{row}.change"] = max(change, -prev)
        v[f"t2.{row}.decisions"] = _maybe(
            rng, 0.9 if used else 0.0, median if gov else median / 6, 1.3, 500000
        )
    fees_prev = _maybe(rng, 0.5, 6, 0.6, 60)
    v["t2.fees.prev_items"] = fees_prev
    v["t2.fees.change"] = max(rng.choice((0, 0, 0, -1, 1)), -fees_prev)
    projects = _maybe(rng, 0.6, 6, 0.9, 300)
    v["t2.procurement.projects"] = projects
    v["t2.procurement.amount"] = (
        Decimal(f"{projects * 35.0 * math.exp(rng.gauss(0, 0.9)):.2f}") if projects else Decimal(0)
    )
    return v


def apply_blanks(
    rng: random.Random, tpl: Template, values: dict[str, Value], mark: str, t3_org_blank: bool
) -> dict[str, str]:
    """Turn some zero cells into blanks (None) printed as `mark`; return the cells' printed text.

    表二: a row whose cells are all zero is printed blank (a body that has no 规章, say).
    表三: with `t3_org_blank`, the legal-person columns that are all zero are left blank.
    """
    text: dict[str, str] = {}
    for b in tpl.t2_blocks:
        for r in b.rows:
            keys = [f"t2.{r.key}.{c.key}" for c in b.columns]
            if all(not values.get(k) for k in keys) and rng.random() < 0.7:
                for k in keys:
                    values[k] = None
                    text[k] = mark
    if t3_org_blank:
        for c in tpl.t3_columns:
            if c.group is None:
                continue
            keys = [k for k in values if k.startswith("t3.") and k.endswith("." + c.key)]
            if all(values[k] == 0 for k in keys):
                for k in keys:
                    values[k] = None
                    text[k] = mark
    return text
