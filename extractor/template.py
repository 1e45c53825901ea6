"""The two official table layouts, loaded from rules/templates/*.yaml.

A `Template` knows every row and column of 表二, 表三 and 表四, the canonical key of every cell
(spec/fields.md), the labels a person reads, and the fragments that recognise each label.
Every stage uses it: the structure stage to map cells, the rules to name rows and columns,
the generator to lay out reports.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from .resources import load_yaml
from .text import TABLE_NAMES

VERSIONS = ("2021", "2019")


@dataclass(frozen=True)
class Label:
    key: str
    label: str
    match: tuple[str, ...]
    variants: tuple[str, ...] = ()
    group: str | None = None
    kind: str = "count"
    unit: str | None = None


@dataclass(frozen=True)
class T2Block:
    caption: str
    columns: tuple[Label, ...]
    rows: tuple[Label, ...]


@dataclass(frozen=True)
class FieldDef:
    key: str
    table: str  # t2 / t3 / t4
    row: str  # row key within the table (t4: group)
    col: str  # column key (t4: outcome)
    row_label: str
    col_label: str
    kind: str = "count"  # count | money
    unit: str | None = None

    @property
    def where(self) -> str:
        """How a person finds the cell: 表三「（七）总计」行「总计」列."""
        name = TABLE_NAMES[self.table]
        if self.table == "t4":
            return f"{name}「{self.row_label}」「{self.col_label}」"
        return f"{name}「{self.row_label}」行「{self.col_label}」列"




@dataclass(frozen=True)
class Template:
    version: str
    notice: str
    years: tuple[int, int]
    markers: tuple[str, ...]
    t2_blocks: tuple[T2Block, ...]
    t3_columns: tuple[Label, ...]
    t3_rows: tuple[Label, ...]  # in table order, with this version's （六） rows
    t3_other_merged: Label
    t4_groups: tuple[Label, ...]
    t4_outcomes: tuple[Label, ...]
    fields: dict[str, FieldDef] = field(default_factory=dict, compare=False, hash=False)
    #: (table, row key) -> its label, filled on the first `row` call (the rules and the structure
    #: stage ask it for every row of every report: a scan of the rows each time)
    _rows: dict[tuple[str, str], Label] = field(default_factory=dict, compare=False, hash=False, repr=False)

    # ------------------------------------------------------------ keys
    def __hash__(self) -> int:
        # one Template per version (see `get`): hashing every label of it on each cached lookup
        # (the structure stage's @cache'd helpers take the template) cost a millisecond a report
        return hash(self.version)

    def t3_row_keys(self, merged_other: bool = False) -> list[str]:
        rows = [r.key for r in self.t3_rows]
        if merged_other and self.version == "2021":
            rows = [k for k in rows if not k.startswith("other.")]
            rows.insert(rows.index("total"), "other.total")
        return rows

    def outcome_rows(self, merged_other: bool = False) -> list[str]:
        """The result rows whose sum is （七）总计."""
        rows = self.t3_row_keys(merged_other)
        return rows[rows.index("granted") : rows.index("total")]

    def t2_keys(self) -> list[str]:
        return [f"t2.{r.key}.{c.key}" for b in self.t2_blocks for r in b.rows for c in b.columns]

    def t3_keys(self) -> list[str]:
        return [f"t3.{r}.{c.key}" for r in self.t3_row_keys() for c in self.t3_columns]

    def t4_keys(self) -> list[str]:
        return [f"t4.{g.key}.{o.key}" for g in self.t4_groups for o in self.t4_outcomes]

    def all_keys(self) -> list[str]:
        return self.t2_keys() + self.t3_keys() + self.t4_keys()

    def field(self, key: str) -> FieldDef | None:
        return self.fields.get(key) or _merged_other_field(self, key)

    def row(self, table: str, key: str) -> Label | None:
        index = self._rows
        if not index:
            self._index_rows(index)
        return index.get((table, key))

    def _index_rows(self, index: dict[tuple[str, str], Label]) -> None:
        """The rows `row` finds: the first of a key in table order (表三's merged （六） row after the
        version's own rows), 表二's over all its blocks."""
        for r in self.t3_rows:
            index.setdefault(("t3", r.key), r)
        index.setdefault(("t3", self.t3_other_merged.key), self.t3_other_merged)
        for b in self.t2_blocks:
            for r in b.rows:
                index.setdefault(("t2", r.key), r)


def _label(d: dict, **extra: str) -> Label:
    return Label(
        key=d["key"],
        label=d["label"],
        match=tuple(d.get("match") or [d["label"]]),
        variants=tuple(d.get("variants") or ()),
        group=d.get("group"),
        kind=d.get("kind", "count"),
        unit=d.get("unit"),
        **extra,
    )


def _merged_other_field(t: Template, key: str) -> FieldDef | None:
    if not key.startswith("t3.other.total."):
        return None
    col = key.rsplit(".", 1)[1]
    for c in t.t3_columns:
        if c.key == col:
            return FieldDef(key, "t3", "other.total", col, t.t3_other_merged.label, c.label)
    return None


@cache
def get(version: str) -> Template:
    if version not in VERSIONS:
        raise KeyError(version)
    common = load_yaml("templates/common.yaml")
    spec = load_yaml(f"templates/{version}.yaml")
    blocks = tuple(
        T2Block(b["caption"], tuple(_label(c) for c in b["columns"]), tuple(_label(r) for r in b["rows"]))
        for b in spec["t2"]["blocks"]
    )
    rows = [_label(r) for r in common["t3"]["rows"]]
    other = [_label(r) for r in spec.get("t3_other_rows") or []] or [_label(spec["t3_other_merged"])]
    at = [r.key for r in rows].index("total")
    rows[at:at] = other
    t = Template(
        version=version,
        notice=spec["notice"],
        years=(int(spec["years"][0]), int(spec["years"][1])),
        markers=tuple(spec["markers"]),
        t2_blocks=blocks,
        t3_columns=tuple(_label(c) for c in common["t3"]["columns"]),
        t3_rows=tuple(rows),
        t3_other_merged=_label(spec["t3_other_merged"]),
        t4_groups=tuple(_label(g) for g in common["t4"]["groups"]),
        t4_outcomes=tuple(_label(o) for o in common["t4"]["outcomes"]),
    )
    for b in t.t2_blocks:
        for r in b.rows:
            for c in b.columns:
                k = f"t2.{r.key}.{c.key}"
                t.fields[k] = FieldDef(k, "t2", r.key, c.key, r.label, c.label, c.kind, c.unit)
    for r in t.t3_rows:
        for c in t.t3_columns:
            k = f"t3.{r.key}.{c.key}"
            t.fields[k] = FieldDef(k, "t3", r.key, c.key, r.label, c.label)
    for g in t.t4_groups:
        for o in t.t4_outcomes:
            k = f"t4.{g.key}.{o.key}"
            glabel = g.label if g.key == "reconsideration" else f"行政诉讼·{g.label}"
            t.fields[k] = FieldDef(k, "t4", g.key, o.key, glabel, o.label)
    return t


def field_def(key: str, version: str | None = None) -> FieldDef | None:
    """The definition of a key in the given layout, or in whichever layout has it."""
    for v in (version,) if version in VERSIONS else VERSIONS:
        fd = get(str(v)).field(key)
        if fd is not None:
            return fd
    return None
