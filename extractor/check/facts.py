"""What several rules need to know about a report: counterparts of claims, table groups, words.

Everything here reads rules/lexicon/*.yaml (data) and the `Report`; nothing here decides a finding.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from typing import Any

from .. import template as tmpl
from ..model import Claim, Number, Report
from ..resources import load_yaml

YEAR_IN = re.compile(r"((?:19|20)\d{2})\s*年(?!\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*(?:起)?\s*(?:至|到|—|-))")


def lexicon() -> dict[str, Any]:
    return load_yaml("lexicon/checks.yaml")


def metrics() -> dict[str, Any]:
    return load_yaml("lexicon/metrics.yaml")


@cache
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def rx(name: str) -> re.Pattern[str]:
    return _compiled(lexicon()[name])


# ---------------------------------------------------------------- table cells


def expand(report: Report, key: str) -> list[str]:
    """`t3.denied.*.total` → the keys of that group the report's layout has (present or not)."""
    if "*" not in key:
        return [key]
    prefix, suffix = key.split("*", 1)
    group = prefix.rstrip(".").split(".", 1)[1]  # denied
    version = report.meta.template if report.meta.template in tmpl.VERSIONS else "2021"
    t = tmpl.get(version)
    merged = bool(report.tables.get("t3") and report.tables["t3"].merged_other)
    rows = [r for r in t.t3_row_keys(merged) if r.startswith(group + ".")]
    if group == "other" and not merged and version == "2021" and not any(
            f"t3.{r}{suffix}" in report.fields for r in rows) and f"t3.other.total{suffix}" in report.fields:
        rows = ["other.total"]
    return [f"t3.{r}{suffix}" for r in rows]


@dataclass
class Sum:
    keys: list[str]  # every cell of the sum that the report has
    value: Number | None  # None when a cell is absent, blank or unreadable
    label: str = ""


def cell_sum(report: Report, keys: list[str], label: str = "") -> Sum:
    flat: list[str] = []
    for k in keys:
        flat.extend(expand(report, k))
    present = [k for k in flat if k in report.fields]
    if len(present) < len(flat) or not present:
        return Sum(present, None, label)
    vals = [report.fields[k].value for k in present]
    if any(v is None for v in vals):
        return Sum(present, None, label)
    total: Number = 0
    for v in vals:
        total = total + v  # type: ignore[operator]
    return Sum(present, total, label)


@dataclass
class Counterpart:
    metric: str
    label: str
    main: Sum
    alternatives: list[Sum]
    money: bool = False


def counterpart(report: Report, metric: str) -> Counterpart | None:
    """The table figure a claim of `metric` must equal, with the natural alternatives."""
    m = metrics().get(metric)
    if not isinstance(m, dict):
        return None
    other = (m.get("by_template") or {}).get(report.meta.template)
    if isinstance(other, dict):
        m = other  # the template's own cell (2019: 本年新制作数量 for what 2021 calls 本年制发件数)
    elif m.get("templates") and report.meta.template not in m["templates"]:
        return None
    main = cell_sum(report, m["cells"], m.get("label", ""))
    alts = [cell_sum(report, a["cells"], a.get("label", "")) for a in m.get("alternatives") or []]
    return Counterpart(metric, m.get("label", metric), main, alts, bool(m.get("money")))


def equal(a: Number | float | None, b: Number | float | None, money: bool = False) -> bool:
    if a is None or b is None:
        return False
    if money:
        return abs(Decimal(str(a)) - Decimal(str(b))) < Decimal("0.005")
    return Decimal(str(a)) == Decimal(str(b))


# ---------------------------------------------------------------- claims


def self_claims(report: Report, exact: bool = True) -> list[Claim]:
    return [c for c in report.claims if c.scope == "self" and (not exact or not c.approx)]


def claim_year(report: Report, c: Claim) -> int | None:
    """The year the claim's clause or the start of its sentence names, when it names one."""
    if c.year is not None:
        return c.year
    known = report.derived.claim_years
    if known is None or known[0] is not report.text:
        known = report.derived.claim_years = (report.text, {})
    span = (c.start, c.end)
    if span not in known[1]:
        known[1][span] = _claim_year(report, c)
    return known[1][span]


def _claim_year(report: Report, c: Claim) -> int | None:
    from ..extract.claims import soft_breaks
    from .engine import sentence_span

    a, _b = sentence_span(report.text, c.start, c.end, soft=soft_breaks(report))
    # a bracket closed before the claim is an aside: its year (上年结转3件（2022年共收到…40件）) is
    # not the year of the figures after it
    before = report.text[a : max(a, c.start)]
    while True:
        shorter = _CLOSED_BRACKET.sub("", before)
        if shorter == before:
            break
        before = shorter
    head = before + report.text[max(a, c.start) : c.end]
    years = [int(y) for y in YEAR_IN.findall(head)]
    if not years:
        return None
    # a comparison (较2023年, 比上年, 同比) names last year without being about it
    if re.search(r"(?:较|比|同比|相比|上年|去年|环比)\s*(?:(?:19|20)\d{2}\s*年)?", head[:]) and len(years) == 1:
        m = re.search(r"(?:较|比|相比)\s*((?:19|20)\d{2})\s*年", head)
        if m and int(m.group(1)) == years[0]:
            return None
    return years[-1]


_CLOSED_BRACKET = re.compile(r"[（(][^（）()]*[）)]")


def is_this_year(report: Report, c: Claim) -> bool:
    """The claim speaks of the report's year. A figure carried forward names the year it goes to
    (余下1件结转至2024年继续办理, in a report of 2023): still this year's."""
    y = claim_year(report, c)
    if y is None or report.meta.year is None or y == report.meta.year:
        return True
    return c.metric == "applications.carried_forward" and y == report.meta.year + 1


def approx_direction(c: Claim) -> str:
    """How an approximate figure relates to the true one: at_least (余/多/以上/超过), at_most (近/不到/不超过/
    以内), about."""
    t = c.text
    n0 = max(0, c.number_start - c.start) if c.number_start else None
    after = t[n0:] if n0 is not None else t
    before = t[:n0] if n0 is not None else t
    if re.search(r"^\S*?\d[\d,.]*\s*(?:余|多)", after) or re.search(r"以上|(?<!不)超过|逾|多达", t) \
            or re.search(r"(?<![不未])超(?:出)?\s*$", before) or re.match(r"\s*超(?:出)?(?![过期时])", after):
        return "at_least"
    # the figure's mention starts at its own approximation word (近120件), so look there too
    if re.search(_AT_MOST, before or t) or re.match(r"\s*(?:" + _AT_MOST + ")", after) \
            or re.search(r"^\S*?\d[\d,.]*\s*\S?\s*(?:以内|以下)", after):
        return "at_most"
    return "about"


# words that put the true figure at most at the stated one (近120件, 不超过20件, 不足5件)
_AT_MOST = "近|将近|接近|不到|不足|不超过|不满|未满|少于|低于"


def approx_ok(c: Claim, value: Number, params: dict[str, Any]) -> bool:
    """`value` is within what the approximate claim allows (P402's params: how far above a 余/多 figure,
    how far below a 近/不到 figure, how far around a 约 figure the table may be)."""
    stated = Decimal(str(c.value))
    true = Decimal(str(value))
    d = approx_direction(c)
    if d == "at_least":
        return true >= stated and (stated == 0 or true <= stated * Decimal(str(params["at_least_max_ratio"])))
    # a figure is rounded no finer than its last digit: 近69 is 68 and some, 约42 is 41 to 43, while
    # 近70 and 约40 may stand up to ten off (params: round_place)
    place = _place(stated) if params["round_place"] else None
    if d == "at_most":
        slack = stated - stated * Decimal(str(params["at_most_min_ratio"]))
        return true <= stated and stated - true <= (min(slack, place) if place is not None else slack)
    slack = stated * Decimal(str(params["about_share"]))
    return abs(true - stated) <= max(Decimal(str(params["about_min"])), min(slack, place) if place is not None else slack)


def _place(d: Decimal) -> Decimal | None:
    """The place of a figure's last digit that is not zero (69 → 1, 70 → 10, 1.2万 as 12000 → 1000)."""
    if d == 0:
        return None
    exp = d.normalize().as_tuple().exponent
    assert isinstance(exp, int)
    return Decimal(1).scaleb(exp)


def section_text(report: Report, number: int) -> tuple[str, int] | None:
    """The text of a section without its heading, and its start offset."""
    s = report.section(number)
    if s is None:
        return None
    a = s.heading_end or s.start
    return report.text[a : s.end], a


def possible(report: Report, key: str) -> set[Number] | None:
    """Every value the cell may hold: its value, or the readings of a digit run that did not split
    uniquely (Field.candidates). None when the cell is absent, blank or unknown."""
    f = report.fields.get(key)
    if f is None:
        return None
    if f.value is not None:
        return {f.value}
    if not f.candidates:
        return None
    row = key.rsplit(".", 1)[0] + "."
    # every cell of the run, in column order — a cell every reading agrees on has its value and no
    # candidates, but still holds its place in each reading (6248: 6/2/48 or 6/24/8)
    keys = [k for k, g in report.fields.items() if k.startswith(row) and k.count(".") == key.count(".")
            and (g.candidates == f.candidates or (g.start is not None and g.start == f.start and g.raw == f.raw))]
    if key not in keys:
        return None
    i = keys.index(key)
    vals = {c[i] for c in f.candidates if i < len(c)}
    if None in vals:
        return None
    return vals  # type: ignore[return-value]


def row_readings(report: Report, row: str) -> list[dict[str, Number | None]]:
    """Every reading of one table row (`t2.normative_docs`): column → value. One reading when the
    cells were read plainly; one per candidate split when a digit run was ambiguous. Empty when the
    row is absent."""
    keys = [k for k in report.fields if k.rsplit(".", 1)[0] == row]
    if not keys:
        return []
    cols = [k.rsplit(".", 1)[1] for k in keys]
    fs = [report.fields[k] for k in keys]
    cands = next((f.candidates for f in fs if f.candidates), None)
    if cands is None or any(len(c) != len(cols) for c in cands):
        return [{c: f.value for c, f in zip(cols, fs, strict=True)}]
    return [{c: (cand[i] if i < len(cand) else None) for i, c in enumerate(cols)} for cand in cands]
