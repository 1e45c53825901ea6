"""X809/X810 — a region against its departments (逐级汇总).

A government's report (平潭综合实验区, X县人民政府) counts the applications, appeals and decisions of
the bodies under it. When the same batch (or the store) holds the same year's reports of some of
those bodies, the sum over them cannot exceed the government's own figure, whatever bodies are
missing (X809, a warning naming each child's figure). Where the user declares the children
complete (`--hierarchy FILE`: CSV lines parent,child), or where the parent's own report lists the
departments its figures cover (本报告汇总了…（A、B、C）; 全区共有N个政府信息公开工作单位：A、B、C) and every
one of them — and no other child — has a report of the same year in the batch, the sum must equal
the parent's figure; the finding says which of the two made the list complete.
X810 (info) is the roll-up table itself: per figure, the parent's, each child's, the sum, the gap.

Who is under whom: the hierarchy file when one is given (`--hierarchy`, or `hierarchy =` in the
configuration: it travels with the `Config` to every worker; the link says so); otherwise from the
names: a body whose name begins with the government's area (平潭综合实验区X局 under 平潭综合实验区;
X县Y局 under X县人民政府), not the government's own office, not a lower government (X县Y镇人民政府
reports on its own level; a hierarchy file can still declare it), and not a body under a nearer
government of the batch (X县Y镇Z办 goes under X县Y镇人民政府 when that report is there).
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

from ..model import Finding, Report
from .engine import RuleContext, fmt
from .facts import possible
from .names import BodyName, normalise, same_body, serving
from .registry import rule

#: the figures compared: key → label
METRICS: tuple[tuple[str, str], ...] = (
    ("t3.new.total", "表三 本年新收政府信息公开申请数量"),
    ("t3.total.total", "表三 办理结果总计"),
    ("t4.reconsideration.total", "表四 行政复议总计"),
    ("t4.litigation_direct.total", "表四 行政诉讼（未经复议直接起诉）总计"),
    ("t4.litigation_after_reconsideration.total", "表四 行政诉讼（复议后起诉）总计"),
    ("t2.licensing.decisions", "表二 行政许可处理决定数量"),
    ("t2.penalty.decisions", "表二 行政处罚处理决定数量"),
    ("t2.coercion.decisions", "表二 行政强制处理决定数量"),
)

_GOV_SUFFIX = re.compile(r"(?:人民政府|管理委员会|政府)$")
_AREA_END = re.compile(r"(?:省|自治区|市|自治州|州|地区|盟|县|自治县|区|旗|镇|乡|街道|实验区|新区|开发区)$")


def area(name: BodyName) -> str | None:
    """The area a government governs (平潭综合实验区, 沭阳县), or None when the name is not a government's."""
    key = name.key
    core = _GOV_SUFFIX.sub("", key)
    if core != key or _AREA_END.search(key):
        return core if len(core) >= 2 and _AREA_END.search(core) else None
    return None


# ------------------------------------------------------------------ the hierarchy file


@dataclass(frozen=True)
class Hierarchy:
    """Declared links: parent key → the keys of its children (declared complete)."""

    children: dict[str, tuple[str, ...]]

    def parent_of(self, child: BodyName) -> str | None:
        for p, cs in self.children.items():
            if any(same_body(normalise(c), child) for c in cs):
                return p
        return None


@lru_cache(maxsize=4)
def _load(path: str, mtime: float) -> Hierarchy:
    out: dict[str, list[str]] = {}
    with open(path, encoding="utf-8-sig", newline="") as fh:
        for row in csv.reader(fh):
            cells = [c.strip() for c in row if c.strip()]
            if len(cells) < 2 or cells[0].startswith("#") or cells[0] in ("parent", "上级"):
                continue
            p = normalise(cells[0])
            if p is None:
                continue
            out.setdefault(p.key, []).extend(cells[1:])
    return Hierarchy({k: tuple(v) for k, v in out.items()})


def hierarchy(path: str | None = None) -> Hierarchy | None:
    """The hierarchy file `path`, else the one of the configuration in force (`--hierarchy`, or
    `hierarchy =` in the configuration file: config.current(), installed in every worker)."""
    if path is None:
        from ..config import current

        given = current().hierarchy
        path = str(given) if given is not None else None
    if not path or not Path(path).is_file():
        return None
    return _load(path, Path(path).stat().st_mtime)


# ------------------------------------------------------------------ who is under whom


def link(parent: BodyName, child: BodyName, h: Hierarchy | None,
         governments: Sequence[BodyName] = ()) -> str | None:
    """How `child` is under `parent` ("层级文件" / "名称"), or None."""
    if same_body(parent, child) or serving(parent, child):
        return None
    if h is not None and parent.key in h.children:
        return "层级文件" if any(same_body(normalise(c), child) for c in h.children[parent.key]) else None
    if h is not None and h.parent_of(child) is not None:
        return None  # the file puts it elsewhere
    a = area(parent)
    if a is None or not child.key.startswith(a) or len(child.key) <= len(a):
        return None
    rest = child.key[len(a) :]
    if re.fullmatch(r"(?:人民政府|管理委员会|政府)(?:办公室|办公厅)?", rest):
        return None  # the government itself, or its office
    if area(child) is not None:
        return None  # a lower government (镇、街道、县) reports on its own level: only a hierarchy file links it
    # a nearer government of the batch takes it (X县Y镇Z办 under X县Y镇人民政府)
    for g in governments:
        ga = area(g)
        if ga and len(ga) > len(a) and ga.startswith(a) and child.key.startswith(ga) and not same_body(g, child):
            return None
    return "名称"


def children_of(parent: Report, reports: Iterable[Report], h: Hierarchy | None = None) -> list[tuple[Report, str]]:
    """The same year's reports of bodies under `parent`, one per body (the one with the most fields)."""
    pn = normalise(parent.meta.body)
    if pn is None or parent.meta.year is None:
        return []
    pool = [r for r in reports if r.status == "ok" and r.meta.year == parent.meta.year and r is not parent]
    govs = [n for n in (normalise(r.meta.body) for r in pool) if n is not None and area(n) is not None]
    best: dict[str, tuple[Report, str]] = {}
    for r in pool:
        cn = normalise(r.meta.body)
        if cn is None:
            continue
        how = link(pn, cn, h, govs)
        if how is None:
            continue
        have = best.get(cn.key)
        if have is None or len(r.fields) > len(have[0].fields):
            best[cn.key] = (r, how)
    return [best[k] for k in sorted(best)]


def is_parent(r: Report, h: Hierarchy | None = None) -> bool:
    n = normalise(r.meta.body)
    if n is None:
        return False
    if h is not None and n.key in h.children:
        return True
    return area(n) is not None


# ------------------------------------------------------------------ the parent's own list of departments

# a sentence that names the bodies whose work the report covers: 本报告汇总了…（A、B、C）…;
# 全区共有N个政府信息公开工作单位：A、B、C; 纳入本报告统计的区直部门包括A、B和C
_LIST_CUE = re.compile(
    r"(?:政府信息公开|政务公开|信息公开)(?:工作)?(?:单位|部门|机关)|(?:所属|下属|区直|县直|市直|组成)(?:各)?(?:部门|单位|机关)"
    r"|本(?:年度)?报告(?:汇总|包括|涵盖|统计|含)")
# words that make the names a selection, not the whole list
_SELECTION = re.compile(r"较大|较多|较少|最多|最少|突出|排名|前\d|前[三五十]|例如|比如|如[^下]|其中|部分|等(?:\d|[一二三四五六七八九十])?")
_ORGAN = (r"[\u4e00-\u9fff]{1,24}?(?:管理委员会|委员会|管理局|办公室|局|委|办|中心|院|队|站|所|厅|署|部)")
_LIST_BODY = re.compile(rf"(?P<items>{_ORGAN}(?:\s*(?:、|，|,|和|及|以及|与)\s*{_ORGAN})*)")
_COUNT = re.compile(r"(?:共|计|有)\s*(?P<n>\d+|[一二三四五六七八九十]+)\s*个")


@dataclass(frozen=True)
class Listed:
    """The departments the parent's own report names as the bodies its figures cover."""

    names: tuple[BodyName, ...]
    quote: str  # the sentence
    start: int
    end: int


def _full_name(item: str, parent_area: str) -> str:
    """区财政金融局 → 平潭综合实验区财政金融局: the parent's area written in front of a short name."""
    if item.startswith(parent_area):
        return item
    level = parent_area[-1]
    if item.startswith(level) and not item.startswith(level * 2):
        return parent_area + item[1:]
    return parent_area + item


def listed_departments(r: Report) -> Listed | None:
    """The list of departments the parent's report gives as those its figures cover, or None."""
    from ..text import WHOLE_SENTENCE, prose_text

    pn = normalise(r.meta.body)
    a = area(pn) if pn is not None else None
    if a is None:
        return None
    text = prose_text(r)
    for m in WHOLE_SENTENCE.finditer(text):
        sent = m.group(0)
        for cue in _LIST_CUE.finditer(sent):
            got = _list_after(sent, cue.end(), a)
            if got is not None:
                return Listed(got, sent.strip(), m.start(), m.end())
    return None


def _list_after(sent: str, at: int, parent_area: str) -> tuple[BodyName, ...] | None:
    """The names listed right after a cue at sent[at] (包括A、B / （A、B） / ：A、B), or None."""
    tail = sent[at:]
    intro = re.search(r"(?:包括|包含|为|有|是|：|:|（|\()\s*", tail[:12])  # the list follows the cue
    if intro is None:
        return None
    after = tail[intro.end() :]
    body = _LIST_BODY.match(after)
    if body is None:
        return None
    head = sent[: at + intro.end()]
    if _SELECTION.search(head) or re.match(r"\s*等", after[body.end() :]):
        return None  # 公开量较大的部门是…; A、B等: a selection, not the list
    items = [re.sub(r"^\s*(?:、|，|,|以及|和|及|与)?\s*", "", x) for x in re.findall(_ORGAN, body.group("items"))]
    items = [x for x in items if x]
    names = [normalise(_full_name(x, parent_area)) for x in items]
    got = tuple(n for n in names if n is not None)
    if not got or len(got) != len(items):
        return None
    said = _COUNT.search(head)
    if said is not None:
        n = said.group("n")
        count = int(n) if n.isdigit() else _CN_DIGITS.get(n)
        if count is not None and count != len(got):
            return None  # 共N个 but the names are not N: not the whole list as written
    return got


_CN_DIGITS = {c: i for i, c in enumerate("一二三四五六七八九十", start=1)}


def listed_complete(r: Report, kids: list[tuple[Report, str]]) -> Listed | None:
    """The parent's own list when every department on it has a report of the same year among
    `kids`, and every one of `kids` is on it."""
    lst = listed_departments(r)
    if lst is None or not kids:
        return None
    bodies = [normalise(k.meta.body) for k, _how in kids]
    if any(b is None for b in bodies):
        return None
    every_listed = all(any(same_body(n, b) for b in bodies) for n in lst.names)
    every_kid = all(any(same_body(n, b) for n in lst.names) for b in bodies)
    return lst if every_listed and every_kid else None


# ------------------------------------------------------------------ the roll-up


@dataclass
class Row:
    key: str
    label: str
    parent: Decimal | None  # None: the parent's cell has several readings (see parent_bounds)
    children: list[tuple[str, Decimal | None, str]]  # body, figure (None: blank, absent or unsplit), file
    parent_bounds: tuple[Decimal, Decimal] | None = None
    least: Decimal = Decimal(0)  # the children's sum at its least (every unsplit run at its smallest reading)

    @property
    def total(self) -> Decimal:
        return sum((v for _b, v, _s in self.children if v is not None), start=Decimal(0))

    @property
    def gap(self) -> Decimal | None:
        return None if self.parent is None or not self.exact else self.parent - self.total

    @property
    def exact(self) -> bool:
        return self.parent is not None and all(v is not None for _b, v, _s in self.children)


def _value(r: Report, key: str) -> Decimal | None:
    f = r.fields.get(key)
    if f is None or f.value is None or f.candidates:
        return None
    return Decimal(str(f.value))


def _bounds(r: Report, key: str) -> tuple[Decimal, Decimal] | None:
    """The least and the most the cell can hold (a run of digits that did not split has several
    readings: a contradiction must hold for every one of them)."""
    vals = [v for v in (possible(r, key) or ()) if v is not None and v >= 0]
    if not vals:
        return None
    return Decimal(str(min(vals))), Decimal(str(max(vals)))


def rollup(parent: Report, kids: list[tuple[Report, str]]) -> list[Row]:
    rows = []
    for key, label in METRICS:
        pb = _bounds(parent, key)
        if pb is None:
            continue
        vals = [(k.meta.body or "", _value(k, key), k.source) for k, _how in kids]
        bounds = [_bounds(k, key) for k, _how in kids]
        if all(b is None for b in bounds):
            continue
        least = sum((b[0] for b in bounds if b is not None), start=Decimal(0))
        rows.append(Row(key, label, _value(parent, key), vals, pb, least))
    return rows


def _short(quote: str, limit: int = 60) -> str:
    return quote if len(quote) <= limit else quote[: limit - 1] + "…"


def _shown(v: Decimal | None) -> str:
    return "（空或无法拆分）" if v is None else fmt(v)


def _context_children(r: Report, ctx: RuleContext, h: Hierarchy | None) -> list[tuple[Report, str]]:
    if ctx.context is None:
        return []
    return children_of(r, ctx.context.peers(r), h)


def _how(kids: list[tuple[Report, str]]) -> str:
    ways = sorted({how for _k, how in kids})
    said = {"名称": "按机关名称推定（名称以本级区域名开头）", "层级文件": "按用户提供的层级文件"}
    return "、".join(said[w] for w in ways)


def _table(rows: list[Row]) -> list[dict[str, object]]:
    return [{"key": x.key, "label": x.label, "parent": None if x.parent is None else fmt(x.parent),
             "children": [{"body": b, "value": None if v is None else fmt(v), "source": s} for b, v, s in x.children],
             "sum": fmt(x.total), "gap": None if x.gap is None else fmt(x.gap), "exact": x.exact} for x in rows]


def _data(row: Row, kids: list[tuple[Report, str]], complete: str | None) -> dict[str, object]:
    """What X809 and X810 carry for the roll-up tables (HTML index, text output, OUT/rollup.csv): the
    row, how each child was linked (keys, and the sentence the findings say), how completeness was
    established."""
    return {"rollup": _table([row]), "link": sorted({how for _k, how in kids}), "how": _how(kids),
            "complete": complete}


@rule("X809")
def children_exceed_parent(r: Report, ctx: RuleContext) -> Iterator[Finding]:
    h = hierarchy()
    if not is_parent(r, h):
        return
    kids = _context_children(r, ctx, h)
    if not kids:
        return
    declared = _completeness(r, h, kids) == "层级文件"
    listed = None if declared else listed_complete(r, kids)
    complete = declared or listed is not None
    if declared:
        why = "层级文件声明齐全的"
    elif listed is not None:
        why = f"本级报告正文所列部门名单（“{_short(listed.quote)}”）中的全部"
    else:
        why = ""
    for row in rollup(r, kids):
        assert row.parent_bounds is not None
        over = row.least > row.parent_bounds[1]  # above the parent whatever reading of any run
        off = complete and row.exact and row.total != row.parent
        if not over and not off:
            continue
        s = row.total if row.exact or not over else row.least
        own = row.parent if row.parent is not None else row.parent_bounds[1]
        figures = "、".join(f"{b}{_shown(v)}" for b, v, _s in row.children)
        common = dict(fields=[row.key], expected=own, actual=s, label=row.label, parent=r.meta.body,
                      own=own, figures=figures, sum=s, gap=abs(s - own), count=len(row.children),
                      how=_how(kids), complete=why, section=int(row.key[1]) if row.key[1].isdigit() else None,
                      data=_data(row, kids, ("层级文件" if declared else "本级报告所列部门名单") if complete else None))
        if over:
            yield ctx.finding(None, **common)  # type: ignore[arg-type]
        else:
            yield ctx.finding("complete", **common)  # type: ignore[arg-type]


@rule("X810")
def rollup_table(r: Report, ctx: RuleContext) -> Iterator[Finding]:
    """One row of the roll-up table per figure: the parent's, each child's, the sum, the gap."""
    h = hierarchy()
    if not is_parent(r, h):
        return
    kids = _context_children(r, ctx, h)
    complete = _completeness(r, h, kids) if kids else None
    for row in rollup(r, kids) if kids else []:
        figures = "、".join(f"{b}{_shown(v)}" for b, v, _s in row.children)
        yield ctx.finding(fields=[row.key], expected=row.parent, actual=row.total, parent=r.meta.body,
                          label=row.label, own=_shown(row.parent), count=len(row.children), figures=figures,
                          sum=fmt(row.total) + ("" if row.exact else "（不含无法拆分的格）"),
                          gap="无法确定" if row.gap is None else fmt(row.gap), how=_how(kids),
                          section=int(row.key[1]) if row.key[1].isdigit() else None,
                          data=_data(row, kids, complete))


def _completeness(r: Report, h: Hierarchy | None, kids: list[tuple[Report, str]]) -> str | None:
    """How the children were established complete ("层级文件", "本级报告所列部门名单"), or None."""
    n = normalise(r.meta.body)
    if h is not None and n is not None and n.key in h.children:
        return "层级文件"
    return "本级报告所列部门名单" if listed_complete(r, kids) is not None else None


def children_indices(parent: BodyName | None, names: Sequence[BodyName | None], h: Hierarchy | None = None) -> list[int]:
    """Which of `names` (the same year's other reports) are under `parent`: for the batch, which
    sends their records to the parent's finishing as partners."""
    if parent is None or (area(parent) is None and not (h is not None and parent.key in h.children)):
        return []
    govs = [n for n in names if n is not None and area(n) is not None]
    return [i for i, n in enumerate(names) if n is not None and link(parent, n, h, govs) is not None]
