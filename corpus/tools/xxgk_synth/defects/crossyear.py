"""Defects of group crossyear (see defects/__init__.py): problems only another report shows.

X801–X806 compare a report with last year's report of the same body, X807–X808 with a report of
the same year by another body. The partners are made here:

- `series(seed, version)`: last year's report and this year's of one body (same name in title,
  prose and signature), chained as the two years of one body are: last year's 结转下年度 is this
  year's 上年结转 in every 表三 column, the 现行有效 (2019: 对外公开总数量) stock and the 2019
  上一年项目数量 carry over, and the prose of the two years is not alike. Last year's report is a
  `random_report` of another seed that draws the same body, its figures adjusted to the chain and
  its prose claims restated (`retell`);
- `peer(subject, seed)`: a report of the same year by the same kind of body of another area
  (云溪县财政局 and 青岚县财政局), on the same layout, with other prose and figures.

Each defect then edits the subject only, so the partners are the same in both twins.
"""

from __future__ import annotations

import copy
import random
import re
from collections.abc import Callable, Iterator
from dataclasses import replace

from extractor import template
from extractor.check.names import normalise, same_body
from extractor.check.similarity import cosine
from extractor.check.similarity import normalise as flatten

from ..corpus import render_options
from ..prose import counterpart_keys, table_value
from ..report import _body, random_report
from ..spec import BODY_KINDS, Claim, Issue, ReportSpec, Value
from . import Defect, register

# how alike two clean reports may be (the rules warn at 0.9, on the extracted text)
_ALIKE = 0.8
# a table repeated from last year counts when it has at least this many figures (X806 min_nonzero: 6)
_REPEATED_MIN = 8
# all figures of another body count when at least this many are not zero (X808 min_nonzero: 8)
_PEER_MIN = 10
_SEARCH = 40_000  # seeds tried for a body that draws the same (or the same kind of) name
_CANDIDATES = 12  # such bodies tried for a consistent partner
_STOCK = (".in_force", ".public_total", ".prev_items")

Pair = tuple[ReportSpec, ReportSpec]


# ------------------------------------------------------------------ the prose, as the rules compare it


def _paragraphs(spec: ReportSpec, section: int | None = None) -> list[str]:
    if section is None:
        return spec.paragraphs()
    return [p for s in spec.sections if s.number == section for p in (*s.paragraphs, *s.after)]


def _text(spec: ReportSpec, section: int | None = None) -> str:
    return flatten("".join(_paragraphs(spec, section)), spec.body)


def _alike(a: ReportSpec, b: ReportSpec, section: int | None = None) -> float:
    return cosine(_text(a, section), _text(b, section))


def _comparable(spec: ReportSpec, table: str) -> dict[str, Value]:
    """The figures X806 compares: not blank, not a stock, not a total of other cells."""
    return {
        k: v
        for k, v in spec.values.items()
        if k.startswith(f"{table}.") and v is not None and not k.endswith(_STOCK)
        and not (k.endswith(".total") or k.startswith("t3.total."))
    }


def _repeated(now: ReportSpec, before: ReportSpec, table: str) -> tuple[int, int]:
    """(cells equal to last year's, non-zero cells compared) of one table."""
    a, b = _comparable(now, table), _comparable(before, table)
    keys = [k for k in a if k in b and (a[k] or b[k])]
    return sum(1 for k in keys if a[k] == b[k]), len(keys)


def _figures(spec: ReportSpec) -> dict[str, Value]:
    return {k: v for k, v in spec.values.items() if v is not None and k.startswith(("t2.", "t3.", "t4."))}


# ------------------------------------------------------------------ restating the prose claims


def _slots(spec: ReportSpec) -> Iterator[tuple[list[str], int]]:
    """Every prose paragraph as (its list, its index)."""
    for lst in (spec.preamble, *[x for s in spec.sections for x in (s.paragraphs, s.after)], spec.closing):
        for i in range(len(lst)):
            yield lst, i


def _replace_once(spec: ReportSpec, old: str, new: str) -> tuple[list[str], int, int] | None:
    """Replace the one paragraph occurrence of `old` by `new`; return where `new` now stands
    (paragraph list, index, offset), or None when `old` is not written exactly once."""
    where = [(lst, i) for lst, i in _slots(spec) if old in lst[i]]
    if sum(lst[i].count(old) for lst, i in where) != 1:
        return None
    lst, i = where[0]
    at = lst[i].index(old)
    lst[i] = lst[i][:at] + new + lst[i][at + len(old):]
    return lst, i, at


_SHARE = re.compile(r"(\d+(?:\.(\d+))?)\s?%")


def _restate(spec: ReportSpec, claim: Claim, value: int, handled: int) -> bool:
    """Write `value` into the claim and its paragraph (and the share that follows it)."""
    text = claim.text
    if value != claim.value:
        if claim.approx:
            return False
        hits = list(re.finditer(rf"(?<![\d.]){int(claim.value)}(?![\d.])", text))
        if len(hits) != 1:
            return False  # a zero phrasing (未收到申请) has no figure to change
        text = text[: hits[0].start()] + str(value) + text[hits[0].end():]
    where = _replace_once(spec, claim.text, text)
    if where is None:
        return False
    share = claim.share
    if share is not None:
        if not handled or not value:
            return False
        lst, i, at = where
        m = _SHARE.search(lst[i], at + len(text), at + len(text) + 24)  # the share follows its clause
        if m is None:
            return False
        places = len(m.group(2) or "")
        share = round(value * 100 / handled, places)
        lst[i] = lst[i][: m.start(1)] + f"{share:.{places}f}" + lst[i][m.end(1):]
    claim.text, claim.value, claim.share = text, value, share
    return True


def retell(spec: ReportSpec, old: dict[str, Value], claims: list[Claim] | None = None) -> bool:
    """Restate the prose claims after the tables of `spec` changed from `old`: every self claim that
    stated a table figure (or a share of the applications handled) now states the new one. False
    when a claim cannot be restated in place (an approximate or zero phrasing, a clause written
    twice) or a claim about a wider area no longer fits; the spec is then half edited."""
    before = replace(spec, values=old)

    def new_plus_carried(s: ReportSpec) -> int:
        return table_value(s, "applications.new") + table_value(s, "applications.carried_over")

    handled = table_value(spec, "applications.handled")
    for c in spec.claims if claims is None else claims:
        if c.scope != "self" or not counterpart_keys(spec, c.metric):
            continue
        value = c.value
        if c.value == table_value(before, c.metric):
            value = table_value(spec, c.metric)
        elif c.metric == "applications.handled" and c.value == new_plus_carried(before):
            value = new_plus_carried(spec)  # 办理N件（含上年结转M件）
        share_moves = c.share is not None
        if (value != c.value or share_moves) and not _restate(spec, c, int(value), handled):
            return False
    # a claim about the whole area (or its townships) must still be larger (smaller) than ours
    new = table_value(spec, "applications.new")
    recon = spec.value("t4.reconsideration.total")
    for c in spec.claims:
        if c.scope != "other":
            continue
        if c.metric == "applications.new" and ("镇" in c.text) != (c.value < new):
            return False
        if c.metric == "reconsideration.total" and c.value <= recon:
            return False
    return True


# ------------------------------------------------------------------ last year's report of the body


def _same_name_seeds(spec: ReportSpec, salt: int, other_area: bool) -> Iterator[int]:
    """Seeds whose `random_report` (version, year and kind given) draws `spec`'s body — or, with
    `other_area`, the same kind of body of another area (same level, same department)."""
    me = _body(random.Random(spec.seed), spec.body_kind)  # the subject's own draw (see _subject)
    if me[0] != spec.body:
        return
    suffix = spec.body.split(spec.region, 1)[1]
    for s in range(_SEARCH):
        seed2 = 7_919 * salt + 1_000_003 * s + 17
        got = _body(random.Random(seed2), spec.body_kind)
        if not other_area:
            if got == me:
                yield seed2
        elif (got[1] != spec.region and got[2:] == me[2:] and got[0].split(got[1], 1)[1] == suffix
              and not same_body(normalise(got[0]), normalise(spec.body))):
            yield seed2


def _chain(prev: ReportSpec, now: ReportSpec) -> bool:
    """Adjust last year's figures so that this year's follow from them; False when they cannot."""
    old = dict(prev.values)
    v, w = prev.values, now.values
    tpl = template.get(now.version)
    # 表三: 结转下年度 last year = 上年结转 this year, column by column; last year's new
    # applications absorb the difference (its results stay as they were)
    cols = [c.key for c in tpl.t3_columns if c.key != "total"]
    for c in cols:
        carry = w.get(f"t3.carried_over.{c}")
        if v.get(f"t3.new.{c}") is None:
            if carry:
                return False
            continue
        carry = carry or 0
        new = prev.value(f"t3.total.{c}") + carry - prev.value(f"t3.carried_over.{c}")
        if new < 0:
            return False
        v[f"t3.new.{c}"], v[f"t3.carried_forward.{c}"] = new, carry
    for row in ("new", "carried_forward"):
        v[f"t3.{row}.total"] = sum(prev.value(f"t3.{row}.{c}") for c in cols)
    # 表二 stocks
    for row in ("regulations", "normative_docs"):
        keys = [f"t2.{row}.{k}" for k in (("issued", "repealed", "in_force") if now.version == "2021"
                                             else ("made", "published", "public_total"))]
        if any(w.get(k) is None for k in keys):
            continue
        if any(v.get(k) is None for k in keys):
            return False
        if now.version == "2021":
            stock = now.value(keys[2]) - now.value(keys[0]) + now.value(keys[1])  # ≥ 0: repealed ≤ stock
            if stock < prev.value(keys[0]) - prev.value(keys[1]):
                return False  # last year's own new documents would not all be in force
            v[keys[2]] = stock
        else:
            stock = now.value(keys[2]) - now.value(keys[1])
            if stock < prev.value(keys[1]):
                return False
            v[keys[2]] = stock
    if now.version == "2019":
        for row in ("licensing", "other_services", "penalty", "coercion", "fees"):
            items, change = f"t2.{row}.prev_items", f"t2.{row}.change"
            if w.get(items) is None:
                continue
            if v.get(items) is None or v.get(change) is None:
                return False
            if now.value(items) - prev.value(change) < 0:
                v[change] = 0
            v[items] = now.value(items) - prev.value(change)
    return retell(prev, old)


def _distinct(prev: ReportSpec, now: ReportSpec) -> bool:
    """Two reports no X805/X806 rule would take for copies."""
    if any(_alike(prev, now, n) >= _ALIKE for n in (1, 5)):
        return False
    for table in ("t2", "t3", "t4"):
        same, total = _repeated(now, prev, table)
        if total >= 6 and same == total:
            return False
    return True


def previous(subject: ReportSpec, salt: int) -> ReportSpec | None:
    """Last year's report of the subject's body, consistent with it (None when none is found)."""
    tried = 0
    for seed2 in _same_name_seeds(subject, salt, other_area=False):
        prev = random_report(seed2, version=subject.version, year=subject.year - 1, body_kind=subject.body_kind,
                             name=f"{subject.name}-prev", family=subject.family)
        if prev.body != subject.body or (prev.year < 2020 and "2020" in "".join(_paragraphs(prev, 6))):
            continue  # (the generator cites the 2020 fee measures in section 6 of any year's report)
        tried += 1
        if _chain(prev, subject) and _distinct(prev, subject):
            return prev
        if tried >= _CANDIDATES:
            return None
    return None


def peer(subject: ReportSpec, salt: int, fits: Callable[[ReportSpec], bool] = lambda p: True) -> ReportSpec | None:
    """A report of the subject's year by the same kind of body of another area, not alike."""
    tried = 0
    for seed2 in _same_name_seeds(subject, salt, other_area=True):
        p = random_report(seed2, version=subject.version, year=subject.year, body_kind=subject.body_kind,
                          name=f"{subject.name}-peer", family=subject.family)
        tried += 1
        if (_alike(p, subject) < _ALIKE and _figures(p) != _figures(subject) and fits(p)):
            return p
        if tried >= _CANDIDATES:
            return None
    return None


def _subject(seed: int, name: str, version: str, year: int | None = None) -> ReportSpec:
    r = random.Random(f"crossyear/{name}/{seed}")
    if year is None:
        year = 2020 if version == "2019" else r.randint(2022, 2025)
    kind = r.choices(BODY_KINDS, weights=(3, 5, 1))[0]
    return random_report(seed, version=version, year=year, body_kind=kind, name=f"{name}-{seed}")


def series(seed: int, name: str, version: str) -> Pair | None:
    """(last year's report, this year's report) of one body, consistent with each other."""
    now = _subject(seed, name, version)
    prev = previous(now, seed)
    return None if prev is None else (prev, now)


# ------------------------------------------------------------------ defects


Edit = Callable[[ReportSpec, list[ReportSpec], random.Random], Issue | None]


def cross(name: str, code: str, summary: str, partners: Callable[[int, str], list[ReportSpec] | None],
          edit: Edit, *, split_rows: bool = True) -> Defect:
    """A defect of the subject (last of `partners(seed, name)`) that its partners reveal.

    `split_rows=False`: the defect lies in one 表二 row, and the scraped txt flavour runs a row's
    digits together (“96353”) where no sum tells how to split them; X802–X804 then rightly judge
    the row only when every split is wrong, which a defect cannot be made to be. Seeds whose txt
    is scraped are left out (their other formats are covered by other seeds)."""

    def make(seed: int, defective: bool = True) -> list[ReportSpec] | None:
        if not split_rows and render_options(seed).txt_flavour == "scraped":
            return None
        specs = partners(seed, name)
        if specs is None:
            return None
        *others, subject = specs
        bad = copy.deepcopy(subject)
        issue = edit(bad, others, random.Random(f"{name}/{seed}"))
        if issue is None:
            return None
        if defective:
            bad.issues.append(issue)
            return [*others, bad]
        subject.name += "-clean"
        return [*others, subject]

    return register(Defect(name, frozenset({code}), summary, make, cross=True))


def _years(version: str | None = None) -> Callable[[int, str], list[ReportSpec] | None]:
    def partners(seed: int, name: str) -> list[ReportSpec] | None:
        v = version or random.Random(f"{name}/version/{seed}").choice(("2021", "2021", "2019"))
        pair = series(seed, name, v)
        return None if pair is None else list(pair)

    return partners


def _peers(fits: Callable[[ReportSpec], bool] = lambda p: True) -> Callable[[int, str], list[ReportSpec] | None]:
    def partners(seed: int, name: str) -> list[ReportSpec] | None:
        v = random.Random(f"{name}/version/{seed}").choice(("2021", "2021", "2019"))
        now = _subject(seed, name, v)
        p = peer(now, seed, fits)
        return None if p is None else [p, now]

    return partners


def _t3_cols(spec: ReportSpec) -> list[str]:
    return [c.key for c in template.get(spec.version).t3_columns if c.key != "total"]


def _set(spec: ReportSpec, key: str, value: int) -> None:
    spec.values[key] = value
    spec.cell_text.pop(key, None)


def _retotal(spec: ReportSpec, *rows: str) -> None:
    for row in rows:
        _set(spec, f"t3.{row}.total", sum(spec.value(f"t3.{row}.{c}") for c in _t3_cols(spec)))


def carry_over(spec: ReportSpec, partners: list[ReportSpec], r: random.Random) -> Issue | None:
    """上年结转 not last year's 结转下年度: forgotten, or applications counted in both years."""
    prev = partners[0]
    old = dict(spec.values)
    cols = [c for c in _t3_cols(spec) if spec.values.get(f"t3.carried_over.{c}") is not None]
    carried = [c for c in cols if spec.value(f"t3.carried_over.{c}")]
    kinds = ["more"] + (["none"] * 2 if carried else [])
    how = r.choice(kinds)
    col = r.choice(carried) if how == "none" else ("natural_person" if r.random() < 0.7 else r.choice(cols))
    before = spec.value(f"t3.carried_over.{col}")
    after = 0 if how == "none" else before + r.choice((1, 1, 2, 3, 5))
    # the report still balances: what it says came over from last year it no longer counts as new
    new = spec.value(f"t3.new.{col}") + before - after
    if new < 0:
        return None
    _set(spec, f"t3.carried_over.{col}", after)
    _set(spec, f"t3.new.{col}", new)
    _retotal(spec, "carried_over", "new")
    if not retell(spec, old):
        return None
    label = next(c.label for c in template.get(spec.version).t3_columns if c.key == col)
    said = prev.value(f"t3.carried_forward.{col}")
    why = ("漏填了上年结转的申请，把它们算作本年新收" if how == "none" else "把上年已办结的申请也算作结转")
    return Issue(
        kind="identity", severity="warning", cross_year=True,
        fields=[f"t3.carried_over.{col}", "t3.carried_over.total", f"t3.new.{col}", "t3.new.total"],
        description=(f"表三“{label}”列上年结转填{after}件，但{prev.year}年度报告“结转下年度继续办理”为{said}件，"
                     f"两年不衔接（{why}）。"),
    )


def _stock_rows(spec: ReportSpec, prev: ReportSpec, cols: tuple[str, ...]) -> list[str]:
    return [row for row in ("normative_docs", "regulations")
            if all(s.values.get(f"t2.{row}.{c}") is not None for s in (spec, prev) for c in cols)]


def stock(spec: ReportSpec, partners: list[ReportSpec], r: random.Random) -> Issue | None:
    """现行有效 (对外公开总数量) not last year's stock plus this year's flow."""
    prev = partners[0]
    modern = spec.version == "2021"
    stock_key, flows = ("in_force", ("issued", "repealed")) if modern else ("public_total", ("published",))
    rows = _stock_rows(spec, prev, (stock_key, *flows))
    rows = [row for row in rows if prev.value(f"t2.{row}.{stock_key}") or spec.value(f"t2.{row}.{flows[0]}")]
    if not rows:
        return None
    row = rows[0] if r.random() < 0.8 else r.choice(rows)
    key = f"t2.{row}.{stock_key}"
    right = spec.value(key)
    flow = [spec.value(f"t2.{row}.{f}") for f in flows]
    before = prev.value(key)
    options = {
        "未随本年制发、废止更新，照抄上年数" if modern else "未加本年新公开的件数，照抄上年数": before,
        "只填了本年制发的件数" if modern else "只填了本年新公开的件数": flow[0],
        "漏统计了部分文件": max(0, right - r.choice((1, 2, 3, 5, 8))),
        "把其他单位的文件也计算在内": right + r.choice((2, 3, 6, 10)),
    }
    choices = [(why, n) for why, n in options.items() if n != right]
    why, wrong = r.choice(choices)
    _set(spec, key, wrong)
    label = template.get(spec.version).row("t2", row)
    what = label.label if label else row
    if modern:
        got = f"上年现行有效{before}件＋本年制发{flow[0]}件－本年废止{flow[1]}件＝{right}件"
    else:
        got = f"上年对外公开总数量{before}件＋本年新公开{flow[0]}件＝{right}件"
    return Issue(
        kind="identity", severity="warning", cross_year=True, fields=[key],
        description=f"表二“{what}”{'现行有效件数' if modern else '对外公开总数量'}填{wrong}件，但按{prev.year}年度报告{got}，"
                    f"存量不衔接（{why}）。",
    )


def repeal_bound(spec: ReportSpec, partners: list[ReportSpec], r: random.Random) -> Issue | None:
    """More 废止 than could have been in force: a whole area's clean-up, or repeals counted cumulatively."""
    prev = partners[0]
    rows = _stock_rows(spec, prev, ("issued", "repealed", "in_force"))
    if not rows:
        return None
    row = rows[0]
    before, issued = prev.value(f"t2.{row}.in_force"), spec.value(f"t2.{row}.issued")
    bound = before + issued
    why, repealed = r.choice([
        ("把全区（县）集中清理中各单位废止的文件都计入本机关", bound + r.randint(3, 40) + bound // 2),
        ("把历年累计废止的件数填作本年废止", bound + r.randint(1, 12)),
        ("把宣布失效和修订的文件也计作废止", bound + r.randint(1, 5)),
    ])
    key = f"t2.{row}.repealed"
    _set(spec, key, repealed)
    label = template.get(spec.version).row("t2", row)
    return Issue(
        kind="identity", severity="warning", cross_year=True, fields=[key, f"t2.{row}.issued"],
        description=(f"表二“{label.label if label else row}”本年废止{repealed}件，超过{prev.year}年度报告现行有效"
                     f"{before}件与本年制发{issued}件之和{bound}件（{why}）。"),
    )


_ITEM_ROWS = ("licensing", "other_services", "penalty", "coercion", "fees")


def prev_items(spec: ReportSpec, partners: list[ReportSpec], r: random.Random) -> Issue | None:
    """2019 layout: 上一年项目数量 is not last year's 上一年项目数量 plus its 本年增/减."""
    prev = partners[0]
    out = []
    for row in _ITEM_ROWS:
        keys = [f"t2.{row}.prev_items", f"t2.{row}.change"]
        if any(s.values.get(k) is None for s in (spec, prev) for k in keys):
            continue
        right = spec.value(keys[0])
        wrong = {
            "把上年的处理决定数量误填为项目数量": prev.value(f"t2.{row}.decisions") if row != "fees" else None,
            "照抄上年报告的上一年项目数量，未计上年增减": prev.value(keys[0]),
            "填成了本年末的项目数量": right + spec.value(keys[1]),
            "未按上年报告填写，填作0": 0,
        }
        out += [(row, why, n) for why, n in wrong.items() if n is not None and n != right and (n > 0 or right > 0)]
    if not out:
        return None
    row, why, n = r.choice(out)
    key = f"t2.{row}.prev_items"
    _set(spec, key, n)
    label = template.get(spec.version).row("t2", row)
    return Issue(
        kind="identity", severity="warning", cross_year=True, fields=[key],
        description=(f"表二“{label.label if label else row}”上一年项目数量填{n}，但{prev.year}年度报告上一年项目数量"
                     f"{prev.value(key)}、本年增/减{prev.value(f't2.{row}.change')}，应为"
                     f"{prev.value(key) + prev.value(f't2.{row}.change')}（{why}）。"),
    )


_YEAR = re.compile(r"(?<!\d)(\d{4})(?=年)")


def _move_years(text: str, src: int, dst: int) -> str:
    """A clerk's update of last year's text: its years become this year's."""
    shift = {str(src): str(dst), str(src + 1): str(dst + 1), str(src - 1): str(dst - 1)}
    return _YEAR.sub(lambda m: shift.get(m.group(1), m.group(1)), text)


def transplant(spec: ReportSpec, src: ReportSpec, sections: set[int], *, rename: bool = False,
               preamble: bool = False) -> bool:
    """Give `spec` the paragraphs (and their claims) of `src`'s `sections`, the years (and with
    `rename` the body's name) made `spec`'s, the claims restated to `spec`'s figures."""

    def fix(text: str) -> str:
        if rename:
            text = text.replace(src.body, "\0").replace(src.region, spec.region).replace("\0", spec.body)
        return _move_years(text, src.year, spec.year)

    for s in spec.sections:
        if s.number in sections:
            theirs = next(x for x in src.sections if x.number == s.number)
            s.paragraphs = [fix(p) for p in theirs.paragraphs]
            s.after = [fix(p) for p in theirs.after]
    if preamble:
        spec.preamble = [fix(p) for p in src.preamble]
    moved = [copy.deepcopy(c) for c in src.claims if c.section in sections]
    for c in moved:
        c.text = fix(c.text)
    spec.claims = [c for c in spec.claims if c.section not in sections] + moved
    spec.claims.sort(key=lambda c: c.section)
    return retell(spec, dict(src.values), moved)


_PARTS = {1: "第一部分“总体情况”", 5: "第五部分“存在的主要问题及改进情况”"}


def copied_text(spec: ReportSpec, partners: list[ReportSpec], r: random.Random) -> Issue | None:
    """A part written last year, its years (and figures) updated, published again."""
    prev = partners[0]
    first = r.choice((1, 5, 5))
    for n in (first, 6 - first):  # 1 or 5, then the other
        bad = copy.deepcopy(spec)
        if transplant(bad, prev, {n}) and _alike(bad, prev, n) >= 0.95:
            spec.__dict__.update(bad.__dict__)
            return Issue(
                kind="copy", severity="warning", cross_year=True,
                description=(f"{_PARTS[n]}照搬{prev.year}年度报告的同一部分，只改了年份"
                             f"{'和数字' if n == 1 else ''}，未反映本年度工作。"),
            )
    return None


def repeated_figures(spec: ReportSpec, partners: list[ReportSpec], r: random.Random) -> Issue | None:
    """A table of last year's report left in this year's (not updated)."""
    prev = partners[0]
    names = {"t2": "表二", "t3": "表三", "t4": "表四"}
    tables = [t for t in ("t3", "t2", "t4") if sum(1 for v in _comparable(prev, t).values() if v) >= _REPEATED_MIN]
    r.shuffle(tables)
    for table in tables:
        bad = copy.deepcopy(spec)
        old = dict(bad.values)
        for k in [k for k in bad.values if k.startswith(f"{table}.")]:
            bad.values[k] = prev.values.get(k)
        bad.cell_text = {k: t for k, t in bad.cell_text.items() if not k.startswith(f"{table}.")}
        bad.cell_text.update({k: t for k, t in prev.cell_text.items() if k.startswith(f"{table}.")})
        if table == "t2" and bad.version == "2019":
            bad.procurement_unit, bad.notes = prev.procurement_unit, list(prev.notes)
        if not retell(bad, old):
            continue
        total = _repeated(bad, prev, table)[1]
        spec.__dict__.update(bad.__dict__)
        return Issue(
            kind="copy", severity="warning", cross_year=True, fields=sorted(_comparable(prev, table)),
            description=f"{names[table]}的数字与{prev.year}年度报告完全相同（{total}个非零单元格全部一致），沿用了上年的表格而未更新。",
        )
    return None


def peer_text(spec: ReportSpec, partners: list[ReportSpec], r: random.Random) -> Issue | None:
    """Another body's report of the year, its name changed (and its figures made ours)."""
    other = partners[0]
    keep = r.choice((None, None, 6, 5))  # maybe one part written anew
    parts = {1, 4, 5, 6} - {keep}
    bad = copy.deepcopy(spec)
    if not transplant(bad, other, parts, rename=True, preamble=True):
        return None
    if _alike(bad, other) < 0.95:
        return None
    spec.__dict__.update(bad.__dict__)
    return Issue(
        kind="copy", severity="warning",
        description=f"正文照搬同年度{other.body}的报告，只替换了机关名称{'和数字' if bad.claims else ''}。",
    )


def _rich(p: ReportSpec) -> bool:
    return sum(1 for v in _figures(p).values() if v) >= _PEER_MIN


def peer_figures(spec: ReportSpec, partners: list[ReportSpec], r: random.Random) -> Issue | None:
    """Another body's tables pasted in, the prose restated to them."""
    other = partners[0]
    old = dict(spec.values)
    bad = copy.deepcopy(spec)
    bad.values = copy.deepcopy(other.values)
    bad.cell_text = dict(other.cell_text)
    bad.procurement_unit, bad.notes = other.procurement_unit, list(other.notes)
    if not retell(bad, old):
        return None
    spec.__dict__.update(bad.__dict__)
    n = sum(1 for v in _figures(bad).values() if v)
    return Issue(
        kind="copy", severity="warning", fields=sorted(k for k, v in _figures(bad).items() if v),
        description=f"表二至表四的全部数字（非零{n}个）与同年度{other.body}的报告完全相同，表格照搬了其他机关的数据。",
    )


cross("carry_over_gap", "X801", "表三“上年结转”与上一年度报告的“结转下年度继续办理”不衔接。", _years(), carry_over)
cross("stock_gap", "X802", "表二现行有效件数（2019年版为对外公开总数量）与上一年度报告不衔接。", _years(), stock,
      split_rows=False)
cross("repeal_exceeds_stock", "X803", "表二本年废止件数超过上一年度现行有效件数与本年制发件数之和。", _years("2021"),
      repeal_bound, split_rows=False)
cross("prev_items_gap", "X804", "2019年版表二“上一年项目数量”不等于上年报告的上一年项目数量加本年增/减。", _years("2019"),
      prev_items, split_rows=False)
cross("copied_from_last_year", "X805", "正文某一部分照搬上一年度报告。", _years(), copied_text)
cross("table_repeated", "X806", "某张表的数字与上一年度报告完全相同。", _years(), repeated_figures)
cross("copied_from_peer", "X807", "正文照搬同年度另一机关的报告。", _peers(), peer_text)
cross("peer_same_figures", "X808", "表二至表四的全部数字与同年度另一机关的报告相同。", _peers(_rich), peer_figures)
