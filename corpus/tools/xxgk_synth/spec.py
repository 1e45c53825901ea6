"""The spec of one synthetic report: who, when, which layout, every table value, the prose, the truth.

Every renderer (txt, md, html, docx, pdf) lays out the same `ReportSpec`; the truth file
(`<name>.gold.json`) is written from it too, so all formats of one report share one truth.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

BodyKind = Literal["人民政府", "部门", "办公室"]
Family = Literal["train", "heldout", "blind"]
Value = int | Decimal | None

BODY_KINDS: tuple[BodyKind, ...] = ("人民政府", "部门", "办公室")
FAMILIES: tuple[Family, ...] = ("train", "heldout", "blind")


@dataclass
class Claim:
    """A figure the prose states, as the truth file records it (shared/spec/claims.md)."""

    metric: str
    value: int | float
    unit: str
    text: str  # the clause exactly as it appears in the visible text
    scope: Literal["self", "other"] = "self"
    approx: bool = False
    share: float | None = None
    section: int = 1


@dataclass
class Issue:
    """A problem deliberately put into the report (shared/spec/gold.md `issues`)."""

    kind: str  # identity | prose_table | prose_internal | structure | year | fee | copy | other
    severity: Literal["error", "warning"]
    description: str
    fields: list[str] = field(default_factory=list)
    claim_values: list[int | float] = field(default_factory=list)
    cross_year: bool = False


@dataclass
class Section:
    """One of the six numbered sections; sections 二/三/四 carry a table between their paragraphs."""

    number: int
    title: str
    paragraphs: list[str] = field(default_factory=list)
    table: Literal["t2", "t3", "t4"] | None = None
    after: list[str] = field(default_factory=list)  # paragraphs after the table


@dataclass
class ReportSpec:
    name: str  # file stem
    seed: int
    body: str
    body_kind: BodyKind
    region: str  # the area the body serves, e.g. 云溪县
    year: int
    version: str  # template version: "2021" | "2019"
    values: dict[str, Value]  # every table cell, keyed per shared/spec/fields.md
    cell_text: dict[str, str] = field(default_factory=dict)  # printed text where it is not str(value)
    merged_other: bool = False  # a 2021 report printing （六）其他处理 as one row
    procurement_unit: str | None = None  # 2019 only: 元 or 万元, as the cell prints it
    title: str = ""
    preamble: list[str] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    closing: list[str] = field(default_factory=list)  # signature and date
    claims: list[Claim] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
    family: Family = "train"
    publish_date: str = ""
    notes: list[str] = field(default_factory=list)
    # where the printed tables depart from the official form (defects of group structure; the
    # defaults print the form as it is):
    row_labels: dict[str, str] = field(default_factory=dict)  # "t2.normative_docs" → the label printed
    column_labels: dict[str, str] = field(default_factory=dict)  # "t2.amount" → the header printed
    omitted_rows: list[str] = field(default_factory=list)  # rows left out: "t2.regulations", "t3.denied.admin_query"
    # 表二 block lines left out: "第二十条第（六）项" (the block's caption row), "第二十条第（六）项/header" (its header row)
    omitted_headings: list[str] = field(default_factory=list)
    subtotal_column: str | None = None  # an extra 表三 column after 其他 (小计 of the five organisations)

    def text_of(self, key: str) -> str:
        """The text printed in the cell of `key`."""
        if key in self.cell_text:
            return self.cell_text[key]
        v = self.values.get(key)
        return "" if v is None else str(v)

    def value(self, key: str) -> int:
        """The cell as a count, a blank counting as 0 (for the identities and the prose)."""
        v = self.values.get(key)
        return 0 if v is None else int(v)

    def paragraphs(self) -> list[str]:
        """Every prose paragraph in reading order (title, preamble, sections, closing)."""
        out = [self.title, *self.preamble]
        for s in self.sections:
            out.append(s.title)
            out.extend(s.paragraphs)
            out.extend(s.after)
        out.extend(self.closing)
        return out
