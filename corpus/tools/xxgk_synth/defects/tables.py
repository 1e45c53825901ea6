"""Defects of group tables (see defects/__init__.py): the arithmetic of 表三 and 表四, and cells
a count or an amount cannot hold.

Each edit is a slip a clerk makes when filling the form by hand: a cell miskeyed or left out of a
sum, a figure typed in the wrong unit, a zero left blank. A cell the prose states (a self claim's
counterpart) is left alone where the defect allows it, so the defect shows in the table only.
"""

from __future__ import annotations

import random
from decimal import Decimal

from extractor import template

from ..prose import counterpart_keys
from ..spec import Issue, ReportSpec
from . import single

T3_BALANCE_ROWS = ("new", "carried_over", "total", "carried_forward")


def _where(spec: ReportSpec, key: str) -> str:
    f = template.get(spec.version).field(key)
    return f.where if f is not None else key


def _scraped(seed: int) -> bool:
    """The seed's txt is the one-line text a crawler keeps, table cells fused (corpus.render_options)."""
    from ..corpus import render_options

    return render_options(seed).txt_flavour == "scraped"


def _claimed(spec: ReportSpec) -> set[str]:
    """The table cells some self claim of the prose is checked against."""
    return {k for c in spec.claims if c.scope == "self" for k in counterpart_keys(spec, c.metric)}


def _set(spec: ReportSpec, key: str, value: int | Decimal, text: str | None = None) -> None:
    spec.values[key] = value
    if text is None:
        spec.cell_text.pop(key, None)
    else:
        spec.cell_text[key] = text


def _miskey(rng: random.Random, n: int) -> int:
    """A wrong figure for n as a hand-filled form gets it: off by a few, or two digits swapped."""
    s = str(n)
    if len(s) >= 2 and s[-1] != s[-2] and s[-2:] != "0" + s[-1] and rng.random() < 0.4:
        swapped = int(s[:-2] + s[-1] + s[-2])
        if swapped != n and not (len(s) == 2 and s[-1] == "0"):
            return swapped
    d = rng.choice((1, 1, 1, 2, 3, 10) if n else (1, 1, 2))
    return n - d if n >= d and rng.random() < 0.5 else n + d


# ---------------------------------------------------------------- T301 表三 column balance


def _t3_balance(spec: ReportSpec, rng: random.Random) -> Issue | None:
    tpl = template.get(spec.version)
    claimed = _claimed(spec)
    # a row outside the 办理结果 block, so the outcome sums (T302) and the row totals (T303) still hold
    rows = [r for r in ("carried_forward", "carried_over", "new") if f"t3.{r}.total" not in claimed]
    cols = [
        c.key
        for c in tpl.t3_columns
        if c.key != "total" and all(spec.values.get(f"t3.{r}.{c.key}") is not None for r in T3_BALANCE_ROWS)
    ]
    if not rows or not cols or spec.values.get("t3.new.total") is None:
        return None
    row = rng.choice(rows)
    busy = [c for c in cols if spec.value(f"t3.{row}.{c}")]
    col = rng.choice(busy) if busy else "natural_person" if "natural_person" in cols else rng.choice(cols)
    key, total_key = f"t3.{row}.{col}", f"t3.{row}.total"
    old = spec.value(key)
    new = _miskey(rng, old)
    _set(spec, key, new)
    _set(spec, total_key, spec.value(total_key) + new - old)
    n, co, tot, cf = (spec.value(f"t3.{r}.{col}") for r in T3_BALANCE_ROWS)
    label = next(c.label for c in tpl.t3_columns if c.key == col)
    return Issue(
        kind="identity",
        severity="error",
        fields=[f"t3.{r}.{c}" for c in (col, "total") for r in T3_BALANCE_ROWS],
        description=(
            f"{_where(spec, key)}填为{new}（应为{old}），“总计”列随之改动：「{label}」列本年新收{n}＋上年结转{co}"
            f"＝{n + co}，办理结果总计{tot}＋结转下年度{cf}＝{tot + cf}，两者不等；“总计”列同样不平衡。"
        ),
    )


single(
    "t3_column_balance", "T301", "表三某列“本年新收＋上年结转”不等于“办理结果总计＋结转下年度”。", _t3_balance
)


# ---------------------------------------------------------------- T303 表三 row total

# _ROW_SUMS_CUT_RUNS: the txt a crawler keeps of a web page (flavour `scraped`, which the seed picks
# in corpus.render_options) prints a table row as one run of digits; the reader cuts a run with the
# row's own sum (总计 = the six columns; 表四: 总计 = the four outcomes). A row whose sum is broken
# has no such cut, so the row is not read and the sum cannot be checked: a seed rendered that way
# cannot carry T303 or T304 (the other formats, and the other txt flavours, keep the cells apart).


def _t3_row_total(spec: ReportSpec, rng: random.Random) -> Issue | None:
    if _scraped(spec.seed):
        return None  # see _ROW_SUMS_CUT_RUNS
    tpl = template.get(spec.version)
    claimed = _claimed(spec)
    cols = [c.key for c in tpl.t3_columns if c.key != "total"]
    rows = [
        r
        for r in tpl.t3_row_keys(spec.merged_other)
        if f"t3.{r}.total" not in claimed
        and all(spec.values.get(f"t3.{r}.{c}") is not None for c in [*cols, "total"])
    ]
    if not rows:
        return None
    busy = [r for r in rows if spec.value(f"t3.{r}.total")]
    row = rng.choice(busy if busy and rng.random() < 0.8 else rows)
    key = f"t3.{row}.total"
    old = spec.value(key)
    new = _miskey(rng, old)
    _set(spec, key, new)
    parts = sum(spec.value(f"t3.{row}.{c}") for c in cols)
    return Issue(
        kind="identity",
        severity="error",
        fields=[key, *(f"t3.{row}.{c}" for c in cols if spec.value(f"t3.{row}.{c}"))],
        description=f"{_where(spec, key)}填为{new}，但该行六类申请人合计{parts}。",
    )


single("t3_row_total", "T303", "表三某行“总计”不等于六类申请人之和。", _t3_row_total)


# ---------------------------------------------------------------- T304 表四 sums


def _t4_sum(spec: ReportSpec, rng: random.Random) -> Issue | None:
    if _scraped(spec.seed):
        return None  # see _ROW_SUMS_CUT_RUNS
    tpl = template.get(spec.version)
    groups = [g.key for g in tpl.t4_groups]
    busy = [g for g in groups if spec.value(f"t4.{g}.total")]
    g = rng.choice(busy) if busy else rng.choice(groups)
    outcomes = [o.key for o in tpl.t4_outcomes if o.key != "total"]
    # a case entered under one outcome but left out of 总计 (the total is what the prose states)
    o = rng.choice(outcomes) if rng.random() < 0.5 else outcomes[0]
    key = f"t4.{g}.{o}"
    d = rng.choice((1, 1, 2))
    _set(spec, key, spec.value(key) + d)
    s = sum(spec.value(f"t4.{g}.{x}") for x in outcomes)
    total = spec.value(f"t4.{g}.total")
    return Issue(
        kind="identity",
        severity="error",
        fields=[f"t4.{g}.total", key],
        description=f"{_where(spec, key)}填为{spec.value(key)}，该栏四种结果合计{s}，但总计为{total}。",
    )


single("t4_sum", "T304", "表四某栏“总计”不等于四种结果之和。", _t4_sum)


# ---------------------------------------------------------------- T305 counts


def _count_not_integer(spec: ReportSpec, rng: random.Random) -> Issue | None:
    # In the scraped txt a 表二 row of several cells is one run of digits: a decimal point inside it
    # gives several readings (T308, not T305), so there only a row of one cell (2021: the 处理决定
    # rows) can show the figure; the 2019 rows all have three cells.
    if spec.version == "2019" and _scraped(spec.seed):
        return None
    options = []
    decisions = [
        k
        for k in ("t2.licensing.decisions", "t2.penalty.decisions", "t2.coercion.decisions")
        if (spec.values.get(k) or 0) >= 1000
    ]
    if decisions:
        options.append("wan")
    small = [
        k
        for k in ("t2.licensing.decisions", "t2.penalty.decisions", "t2.coercion.decisions")
        if 2 <= (spec.values.get(k) or 0) < 1000
    ]
    if small:
        options.append("half")
    # a minus sign inside a run of fused digits is not cut out by the reader (counts are taken as
    # non-negative when a run is split), so the scraped txt of this seed could not show it
    if (
        spec.version == "2021"
        and (spec.values.get("t2.normative_docs.repealed") or 0) > 0
        and not _scraped(spec.seed)
    ):
        options.append("negative")
    if not options:
        return None
    how = rng.choice(options)
    if how == "wan":  # the count written in 万件, as a statistics bulletin would
        key = rng.choice(decisions)
        v = Decimal(int(spec.value(key))) / 10000
        value = (v.quantize(Decimal("0.01")) if v >= 1 else v.quantize(Decimal("0.001"))).normalize()
        if value == value.to_integral_value():
            value += Decimal("0.01")
        what = f"以万件为单位填写为{value}"
    elif how == "half":  # a stray decimal point
        key = rng.choice(small)
        n = spec.value(key)
        value = Decimal(f"{n // 10}.{n % 10}") if n >= 10 and n % 10 else Decimal(f"{n}.5")
        what = f"填写为{value}"
    else:  # 本年废止 written as a decrease
        key = "t2.normative_docs.repealed"
        value = Decimal(-spec.value(key))
        what = f"以减少数填写为{value}"
    old = spec.value(key)
    _set(spec, key, value)
    return Issue(
        kind="other",
        severity="error",
        fields=[key],
        description=f"{_where(spec, key)}（应为{old}）{what}，件数应为非负整数。",
    )


single("count_not_integer", "T305", "表二某格件数填了小数或负数。", _count_not_integer)


# ---------------------------------------------------------------- T309 规章 of a body that cannot make them


def _regulations_without_power(spec: ReportSpec, rng: random.Random) -> Issue | None:
    # the generator's bodies are local: departments and offices under a 县/市/区, governments of a
    # 县 or 区 (a 市人民政府 may make 规章 and is left alone)
    if spec.body.endswith("人民政府") and not spec.body.endswith(("县人民政府", "区人民政府")):
        return None
    key = "t2.regulations.in_force" if spec.version == "2021" else "t2.regulations.public_total"
    if key not in spec.values or spec.values.get(key) != 0:
        return None
    n = rng.randint(1, 9)
    _set(spec, key, n)
    return Issue(kind="other", severity="warning", fields=[key],
                 description=f"{spec.body}无权制定规章，{_where(spec, key)}却填了{n}（多半计入了规范性文件）。")


single("regulations_without_power", "T309", "无权制定规章的地方机关在表二“规章”行填了数字。", _regulations_without_power)


# ---------------------------------------------------------------- T306 blank cells


def _has_blanks(spec: ReportSpec) -> bool:
    return any(v is None for k, v in spec.values.items() if not k.startswith("t2.procurement."))


def _blank_cells(spec: ReportSpec, rng: random.Random) -> Issue | None:
    if _has_blanks(spec):  # the clean report already leaves cells blank: the twin would be flagged
        return None
    tpl = template.get(spec.version)
    org = [c.key for c in tpl.t3_columns if c.group]
    mark = rng.choice(("/", "/", "-", "无", "—"))
    rows = [
        r
        for r in tpl.t3_row_keys(spec.merged_other)
        if spec.value(f"t3.{r}.total") and sum(1 for c in org if not spec.value(f"t3.{r}.{c}")) >= 2
    ]
    t2 = [
        k
        for k in spec.values
        if k.startswith("t2.")
        and not k.startswith("t2.procurement.")
        and spec.values[k] == 0
        and not k.endswith(".change")
    ]
    t4 = [g.key for g in tpl.t4_groups if not spec.value(f"t4.{g.key}.total")]
    kinds = [k for k, ok in (("t3", rows), ("t2", t2), ("t4", t4)) if ok]
    if not kinds:
        return None
    kind = rng.choice(kinds)
    if kind == "t3":  # the organisation columns with nothing in them marked “/” (domain.md E7)
        row = rng.choice(rows)
        keys = [f"t3.{row}.{c}" for c in org if not spec.value(f"t3.{row}.{c}")]
    elif kind == "t2":  # a 表二 cell with nothing to report left as “无”
        keys = [rng.choice(t2)]
    else:  # a 表四 group with no case, every cell marked
        g = rng.choice(t4)
        keys = [f"t4.{g}.{o.key}" for o in tpl.t4_outcomes]
    for k in keys:
        spec.values[k] = None
        spec.cell_text[k] = mark
    where = (
        _where(spec, keys[0])
        if len(keys) == 1
        else f"{_where(spec, keys[0]).split('」')[0]}」等{len(keys)}格"
    )
    return Issue(
        kind="other",
        severity="warning",
        fields=keys,
        description=f"{where}填“{mark}”而非0，应填写数字。",
    )


single("blank_cells", "T306", "需要数字的格子填了“/”“-”“无”，没有填0。", _blank_cells)


# ---------------------------------------------------------------- T307 行政事业性收费 (万元)


def _fee_cell(spec: ReportSpec, rng: random.Random) -> Issue | None:
    key = "t2.fees.amount"
    amount = spec.values.get(key)
    if not isinstance(amount, Decimal) or amount <= 0:
        return None
    yuan = (amount * 10000).quantize(Decimal("1"))
    local = spec.body_kind != "人民政府" or any(w in spec.body for w in ("县", "区", "乡", "镇", "街道"))
    options = ["unit", "places"]
    if yuan >= 10_000_000 or (local and yuan >= 100_000):
        options.append("large")
    how = rng.choice(options)
    if how == "unit":  # the amount in 元, with its unit written into the 万元 cell
        value: Decimal = yuan
        text: str | None = f"{yuan}元"
        what = f"写作“{text}”"
    elif how == "large":  # the 元 figure typed into the 万元 cell
        value, text = yuan, None
        what = f"填写{yuan}（实为元数）"
    else:  # the 元 figure divided by 10000 and not rounded
        cents = rng.randint(1, 99)
        value = (yuan * 100 + cents) / Decimal(1_000_000)
        value = value.normalize()
        if value.as_tuple().exponent >= -4:  # type: ignore[operator]
            return None
        text = None
        what = f"填写{value}，小数位多于四位"
    _set(spec, key, value, text)
    return Issue(
        kind="other",
        severity="warning",
        fields=[key],
        description=f"{_where(spec, key)}（应为{amount}万元）{what}，疑将元当作万元填写。",
    )


single("fee_cell_unit", "T307", "表二“行政事业性收费”金额以元填写或小数位过多。", _fee_cell, version="2021")


# ---------------------------------------------------------------- T308 digit runs that cannot be split


def _t2_runs_unique(spec: ReportSpec) -> bool:
    """Every multi-cell 表二 row, its separators lost, still reads one way only."""
    from extractor.structure.fused import splits

    tpl = template.get(spec.version)
    for b in tpl.t2_blocks:
        if len(b.columns) < 2:
            continue
        for r in b.rows:
            run = "".join(spec.text_of(f"t2.{r.key}.{c.key}") for c in b.columns)
            if len(splits([run], len(b.columns))) != 1:
                return False
    return True


def _fused_blank(spec: ReportSpec, rng: random.Random) -> Issue | None:
    # Only a page whose table lost its cell separators (the txt a crawler keeps: flavour `scraped`)
    # fuses a row's figures into one run; the seed picks the flavour (corpus.render_options).
    if not _scraped(spec.seed) or _has_blanks(spec) or not _t2_runs_unique(spec):
        return None
    tpl = template.get(spec.version)
    cols = [c.key for c in tpl.t3_columns]
    rows = [
        r
        for r in tpl.t3_row_keys(spec.merged_other)
        if all(spec.value(f"t3.{r}.{c}") < 10 for c in cols)
        and any(not spec.value(f"t3.{r}.{c}") for c in cols if c != "total")
    ]
    if not rows:
        return None
    row = rng.choice(rows)
    col = rng.choice([c for c in cols if c != "total" and not spec.value(f"t3.{row}.{c}")])
    key = f"t3.{row}.{col}"
    spec.values[key] = None
    spec.cell_text[key] = ""
    run = "".join(spec.text_of(f"t3.{row}.{c}") for c in cols)
    return Issue(
        kind="other",
        severity="warning",
        fields=[key],
        description=(
            f"{_where(spec, key)}留空（应填0）；网页文本中该行数字连写为“{run}”，比格数少一位，"
            "无法确定空的是哪一格，该行无法核对。"
        ),
    )


# txt only: md, html, docx and pdf keep every cell apart, so no run of digits is ever fused
single(
    "fused_run_ambiguous",
    "T308",
    "网页抓取文本中表三某行有一格空白，数字连写后无法唯一拆分。",
    _fused_blank,
    formats=("txt",),
    version="2021",
    body_kind="办公室",
)
