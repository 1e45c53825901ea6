"""`random_report(seed, …)`: one consistent synthetic report, with its truth."""

from __future__ import annotations

import random
from collections.abc import Sequence
from decimal import Decimal

from extractor import template

from . import phrases as ph
from . import values as vals
from .prose import Writer, write_sections
from .spec import BODY_KINDS, FAMILIES, BodyKind, Family, Issue, ReportSpec

DEFECTS = ("identity", "prose_table", "prose_internal", "year", "fee", "outdated_template")
BLANK_MARKS = ("/", "-", "", "无")


def _body(rng: random.Random, kind: BodyKind) -> tuple[str, str, str, str, bool]:
    """(body name, region, level character, self-reference, city_level)."""
    places = ph.prose()["places"]
    level = rng.choice(places["levels"])
    region = rng.choice(places["prefixes"]) + level
    city_level = level == "市" and rng.random() < 0.5
    full = region if city_level or rng.random() < 0.6 else rng.choice(places["cities"]) + region
    if kind == "人民政府":
        return f"{full}人民政府", region, level, rng.choice([f"{level}政府", "本机关"]), city_level
    if kind == "办公室":
        return f"{full}人民政府办公室", region, level, rng.choice(["我办", "本机关"]), city_level
    dept, me = rng.choice(ph.prose()["departments"])
    return f"{full}{dept}", region, level, me, city_level


def _break_identity(rng: random.Random, spec: ReportSpec) -> Issue:
    tpl = template.get(spec.version)
    row = rng.choice(tpl.outcome_rows(spec.merged_other))
    key = f"t3.{row}.natural_person"
    spec.values[key] = spec.value(key) + 1
    spec.values[f"t3.{row}.total"] = spec.value(f"t3.{row}.total") + 1
    spec.cell_text.pop(key, None)
    outcome_sum = sum(spec.value(f"t3.{r}.natural_person") for r in tpl.outcome_rows(spec.merged_other))
    total = spec.value("t3.total.natural_person")
    return Issue(
        kind="identity",
        severity="error",
        fields=[key, f"t3.{row}.total", "t3.total.natural_person", "t3.total.total"],
        description=f"表三“自然人”列：办理结果各项之和为{outcome_sum}，但（七）总计为{total}；“总计”列同样不平衡。",
    )


def _add_unpaid_fee(spec: ReportSpec) -> Issue:
    """Make 表三 report an application dropped for an unpaid fee (2021 layout)."""
    tpl = template.get(spec.version)
    rows = [r for r in tpl.outcome_rows() if r != "other.unpaid_fee"]
    donor = max(rows, key=lambda r: spec.value(f"t3.{r}.natural_person"))
    if spec.value(f"t3.{donor}.natural_person") > 0:
        for col in ("natural_person", "total"):
            spec.values[f"t3.{donor}.{col}"] = spec.value(f"t3.{donor}.{col}") - 1
    else:  # no application at all: add one
        for row in ("new", "total"):
            for col in ("natural_person", "total"):
                spec.values[f"t3.{row}.{col}"] = spec.value(f"t3.{row}.{col}") + 1
    for col in ("natural_person", "total"):
        k = f"t3.other.unpaid_fee.{col}"
        spec.values[k] = spec.value(k) + 1
        spec.cell_text.pop(k, None)
    n = spec.value("t3.other.unpaid_fee.total")
    return Issue(
        kind="fee",
        severity="warning",
        fields=["t3.other.unpaid_fee.total"],
        description=f"表三有{n}件申请因逾期未缴纳信息处理费而不再处理，说明发出过收费通知，但第六部分未报告信息处理费收取情况。",
    )


def random_report(
    seed: int,
    *,
    version: str | None = None,
    body_kind: BodyKind | None = None,
    family: Family = "train",
    defects: Sequence[str] = (),
    year: int | None = None,
    merged_other: bool = False,
    name: str | None = None,
) -> ReportSpec:
    """A consistent report drawn from `seed`; `defects` (see DEFECTS) puts known problems in it.

    The same arguments always give the same report. Without defects every identity of
    shared/spec/fields.md holds and every self claim agrees with the tables. `family` (train,
    heldout or blind; see phrases.yaml) picks the wording of the prose claims.
    """
    if family not in FAMILIES:
        raise ValueError(f"unknown phrasing family {family!r}; known: {', '.join(FAMILIES)}")
    unknown = set(defects) - set(DEFECTS)
    if unknown:
        raise ValueError(f"unknown defects {sorted(unknown)}; known: {', '.join(DEFECTS)}")
    if "fee" in defects and ("outdated_template" in defects or version == "2019"):
        raise ValueError(
            "the fee defect needs the 2021 layout (its 表三 row 申请人逾期未按收费通知要求缴纳费用)"
        )
    if "fee" in defects:
        version, merged_other = "2021", False
    rng = random.Random(seed)
    if "outdated_template" in defects:
        version = "2019"
        year = year or rng.randint(2021, 2024)
    version = version or rng.choice(("2021", "2021", "2019"))
    tpl = template.get(version)
    if year is None:
        year = rng.randint(2019, 2020) if version == "2019" else rng.choice((2020, *range(2021, 2026)))
    kind: BodyKind = body_kind or rng.choices(BODY_KINDS, weights=(3, 5, 1))[0]
    body, region, level, me, city_level = _body(rng, kind)
    merged = merged_other and version == "2021"

    values: dict[str, vals.Value] = {}
    t2 = vals.t2_values_2021 if version == "2021" else vals.t2_values_2019
    values.update(t2(rng, kind, city_level))
    t3 = vals.t3_values(rng, tpl, kind, merged)
    values.update(t3)
    values.update(vals.t4_values(rng, tpl, kind, t3["t3.new.total"]))
    cell_text: dict[str, str] = {}
    if rng.random() < 0.3:
        cell_text = vals.apply_blanks(rng, tpl, values, rng.choice(BLANK_MARKS), rng.random() < 0.3)
    unit = None
    notes: list[str] = []
    if version == "2019":
        unit = rng.choice(("万元", "元"))
        amount = values["t2.procurement.amount"]
        if unit == "元" and isinstance(amount, Decimal):
            values["t2.procurement.amount"] = (amount * 10000).quantize(Decimal("0.01"))
        if values["t2.procurement.amount"] is not None and rng.random() < 0.5:
            cell_text["t2.procurement.amount"] = f"{values['t2.procurement.amount']}{unit}"
        notes.append(f"政府集中采购总金额单位：{unit}。")

    spec = ReportSpec(
        name=name or f"synth-{seed:06d}",
        seed=seed,
        body=body,
        body_kind=kind,
        region=region,
        year=year,
        version=version,
        values=values,
        cell_text=cell_text,
        merged_other=merged,
        procurement_unit=unit,
        family=family,
        notes=notes,
    )
    issues: list[Issue] = []
    if "identity" in defects:
        issues.append(_break_identity(rng, spec))
    omit_fee = "fee" in defects
    if omit_fee:
        issues.append(_add_unpaid_fee(spec))
    if "outdated_template" in defects:
        issues.append(
            Issue(
                kind="structure",
                severity="error",
                description=f"{year}年度报告仍使用国办公开办函〔2019〕60号的表格格式，应使用国办公开办函〔2021〕30号格式。",
            )
        )

    p = ph.prose()
    phone = f"0{rng.randint(310, 999)}-{rng.randint(2000000, 8999999)}"
    ctx = {
        "year": str(year),
        "plan_year": str(year + 1),
        "rl": level,
        "me": me,
        "region": region,
        "body": body,
        # a report published before 2021-09-26 cannot cite the 2021 notice, whatever layout it used
        "notice": f"{tpl.notice if year >= 2021 else template.get('2019').notice}文件",
        "site": f"{region}人民政府门户网站",
        "office": f"{body}办公室" if kind == "部门" else f"{region}人民政府办公室",
        "address": f"{region}{rng.choice(['人民', '政通', '府前', '滨江'])}路{rng.randint(1, 300)}号",
        "zip": str(rng.randint(100000, 860000)),
        "phone": phone,
    }
    writer = Writer(rng, spec, ctx, spaced=rng.random() < 0.15, share_places=rng.choice((1, 2)))
    if "prose_table" in defects:
        # an error, not another reading of the table: never the sum with 上年结转 or a row's total
        new = spec.value("t3.new.total")
        natural = {new + spec.value("t3.carried_over.total")} | {
            spec.value(k) for k in spec.values if k.startswith("t3.") and k.endswith(".total")}
        writer.misstate["applications.new"] = rng.choice(
            [d for d in (1, 2, 3, 5, 10, 12) if new + d not in natural])
    spec.sections = write_sections(
        writer, parts_exceed="prose_internal" in defects, wrong_plan_year="year" in defects, omit_fee=omit_fee
    )
    spec.title = ph.fill(rng.choice(p["title"]), ctx)
    spec.preamble = [writer.fill(s) for s in p["preamble"]]
    month = rng.randint(1, 3) if kind == "人民政府" else 1
    day = rng.randint(10, 31 if month != 2 else 28)
    spec.publish_date = f"{year + 1}-{month:02d}-{day:02d}"
    spec.closing = [
        body,
        ph.fill(p["signature_date"], {"year1": str(year + 1), "month": str(month), "day": str(day)}),
    ]
    spec.claims = writer.claims
    spec.issues = issues + writer.issues
    return spec
