"""The one data model: readers produce a `Report`, later stages annotate it, rules consume it.

Every piece carries where it came from, so a finding can point a person at the page, table,
row and column (or the character span) that it rests on.

Pipeline: read → structure → extract → check → report. Each stage takes the `Report` the stage
before it produced and fills in its own part; nothing else is passed around.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Literal

Severity = Literal["error", "warning", "info"]
Number = int | Decimal

SEVERITY_RANK: dict[str, int] = {"info": 0, "warning": 1, "error": 2}


# ---------------------------------------------------------------- what the readers produce


@dataclass
class Cell:
    """One cell of a raw table grid, as the source wrote it (spans already expanded).

    A cell that a merged cell covers but does not own (`origin` False) repeats the owner's text
    so that a grid row reads naturally, but it must not be read as a second value.
    """

    text: str
    row: int
    col: int
    rowspan: int = 1
    colspan: int = 1
    origin: bool = True


@dataclass
class Grid:
    """A table as the source laid it out: rows of cells, spans expanded to a full grid."""

    index: int  # order of this grid among the document's grids
    rows: list[list[Cell]]
    page: int | None = None  # first page (PDF)
    pages: list[int] = field(default_factory=list)  # page of each row (PDF), when known
    start: int = 0  # character offsets of the grid's rendering in Report.text
    end: int = 0
    row_spans: list[tuple[int, int]] = field(default_factory=list)  # offsets of each row's text
    aligned: bool = True  # columns line up (spans expanded); False for text conversions without spans

    @property
    def n_cols(self) -> int:
        return max((len(r) for r in self.rows), default=0)


@dataclass
class Block:
    """A stretch of the normalised text: a paragraph/line of prose, or a rendered grid."""

    kind: Literal["text", "grid"]
    start: int
    end: int
    page: int | None = None
    grid: int | None = None  # index into Report.grids when kind == "grid"


# ---------------------------------------------------------------- what `structure` adds


@dataclass
class Section:
    number: int  # 1..6 as the template counts them
    title: str  # heading as written, without its number
    start: int  # offset of the heading
    end: int  # offset where the next section (or the text) ends
    heading_end: int = 0  # offset just after the heading
    numeral: str = ""  # the numeral the report itself printed (一 … 六)


@dataclass
class RowItem:
    """One row of a located table as read: its label text and its value cells.

    `values` are raw cell texts, one per cell, or a single fused digit run (`fused` True) that
    lost its separators and must be split with the template's identities.
    """

    label: str
    values: list[str]
    fused: bool = False
    page: int | None = None
    grid: int | None = None
    grid_row: int | None = None
    start: int = 0
    end: int = 0
    bound: bool = True  # label and values come from one row of the source (not detached)


@dataclass
class TableInfo:
    """A standard table located in the report: which one, where, and its labels as written."""

    kind: Literal["t2", "t3", "t4"]
    start: int
    end: int
    pages: list[int] = field(default_factory=list)
    grids: list[int] = field(default_factory=list)
    rows: list[RowItem] = field(default_factory=list)
    # template rows (keys) found, and labels that deviate from the template: key -> label as written
    found_rows: list[str] = field(default_factory=list)
    label_variants: dict[str, str] = field(default_factory=dict)
    missing_rows: list[str] = field(default_factory=list)
    extra_labels: list[str] = field(default_factory=list)  # header cells the template does not have (小计)
    column_variants: dict[str, str] = field(default_factory=dict)  # template column label -> as written
    merged_other: bool = False  # 2021 report that merged the three （六） rows
    unread: str | None = None  # the table is there but its figures could not be read (the run of digits)
    # rows printed with figures the reader could not map to their cells: row key -> the figures as
    # printed. Such a row is unread, not blank (T306 leaves it alone, T308 says it was not checked)
    unread_rows: dict[str, str] = field(default_factory=dict)


# ---------------------------------------------------------------- what `extract` adds


@dataclass
class Field:
    """One table cell mapped to its canonical key (see spec/fields.md)."""

    key: str
    value: Number | None
    raw: str
    unit: str | None = None  # unit written in the cell or header (万元, 元, …)
    kind: Literal["count", "money"] = "count"
    table: str | None = None  # t2 / t3 / t4
    page: int | None = None
    row_label: str | None = None  # as the report wrote it
    col_label: str | None = None
    grid: int | None = None
    grid_row: int | None = None
    grid_col: int | None = None
    start: int | None = None  # span in Report.text where the value (or its row) stands
    end: int | None = None
    note: str | None = None  # how the value was read when it was not plain (fused run, ambiguity)
    candidates: list[list[Number | None]] | None = None  # readings of a fused run that was not unique


@dataclass
class Claim:
    """A figure stated in the prose, tied to what it counts (spec/claims.md)."""

    metric: str
    value: Number
    unit: str | None
    text: str  # the clause as it appears
    start: int
    end: int
    section: int | None
    approx: bool = False
    share: Decimal | None = None  # the 占X% stated beside it, as a percentage
    scope: Literal["self", "other"] = "self"
    scope_reason: str | None = None
    number_start: int = 0  # span of the number itself
    number_end: int = 0
    method: Literal["pattern"] = "pattern"  # how the claim was found (--explain)
    pattern: str | None = None  # id of the pattern that matched
    confidence: float = 1.0
    year: int | None = None  # a year the clause itself names, when it names one
    part_of: int | None = None  # index of the claim this one is a part (其中…) of
    column: str | None = None  # the column of 表三 a part by applicant counts (natural_person, organisations …)


@dataclass
class NumberMention:
    """A number found in the prose before it is tied to a metric."""

    value: Number
    unit: str | None
    start: int
    end: int
    text: str
    approx: bool = False
    kind: Literal["count", "money", "percent", "year", "date", "other"] = "count"
    low: Number | None = None  # for ranges
    high: Number | None = None


# ---------------------------------------------------------------- what `check` adds


@dataclass
class Finding:
    rule: str
    severity: Severity
    message: str
    fields: list[str] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    expected: Any = None
    actual: Any = None
    section: int | None = None  # section the finding belongs to (for grouping)
    locations: list[str] = field(default_factory=list)  # human labels: 表三「总计」列「（七）总计」行
    quote: str | None = None  # the sentence it rests on
    start: int | None = None  # span to highlight in Report.text
    end: int | None = None
    data: dict[str, Any] = field(default_factory=dict)


# ---------------------------------------------------------------- the report


@dataclass
class ReadError:
    code: str  # unreadable, encrypted, no_text_layer, empty, unsupported_format, not_a_report, timeout
    message: str  # Chinese, something a person can act on


@dataclass
class Meta:
    body: str | None = None
    year: int | None = None
    template: str | None = None  # "2021" | "2019" | "pre2019" | None
    format: str | None = None  # txt | md | html | docx | pdf
    pages: int | None = None
    title: str | None = None
    title_start: int | None = None
    title_end: int | None = None
    title_year: int | None = None
    period: tuple[int, int, int, int, int, int] | None = None  # y1 m1 d1 y2 m2 d2 of 统计期限
    period_text: str | None = None
    period_start: int | None = None
    encoding: str | None = None
    published: str | None = None  # publication date when the page states one
    body_kind: str | None = None  # government / office / department / other


@dataclass
class EvidenceTrail:
    """What the evidence of earlier calls did to one ambiguous row (structure/evidence.py): how many
    readings it had at first, and the tests that narrowed them, in order — for the row's note."""

    n0: int
    used: list[str] = field(default_factory=list)


@dataclass
class Derived:
    """What the stages compute once from a report's text and share, typed: never part of the
    report's record (batch/record.py) and never sent to another process — a pickled copy starts
    empty and computes again what it needs."""

    norm_map: tuple[str, list[int]] | None = None  # structure.labels.text_norm_map
    squeeze_map: tuple[str, list[int]] | None = None  # structure.labels.text_squeeze_map
    docs: list[tuple[Any, int]] | None = None  # extract.claims.prose_docs: the prose as spaCy Docs, with offsets
    evidence: dict[str, EvidenceTrail] = field(default_factory=dict)  # per ambiguous row key
    signature_read: bool = False  # check.signature.signature looked for the sign-off …
    signature: Any = None  # … and found this (a check.signature.Signature), or None
    soft: frozenset[int] | None = None  # extract.claims.soft_breaks: line breaks inside sentences or words
    # check.facts.claim_year of a claim's span, for the text it was read in (the rules ask it of
    # every claim, several times)
    claim_years: tuple[str, dict[tuple[int, int], int | None]] | None = None

    def clear(self) -> None:
        self.norm_map = self.squeeze_map = self.docs = self.soft = self.claim_years = None
        self.evidence = {}
        self.signature_read, self.signature = False, None

    def __getstate__(self) -> dict[str, Any]:
        return {}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__()  # type: ignore[misc]


@dataclass
class Report:
    source: str
    sha256: str = ""
    status: Literal["ok", "error"] = "ok"
    error: ReadError | None = None
    meta: Meta = field(default_factory=Meta)
    text: str = ""
    blocks: list[Block] = field(default_factory=list)
    grids: list[Grid] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    tables: dict[str, TableInfo] = field(default_factory=dict)
    fields: dict[str, Field] = field(default_factory=dict)
    mentions: list[NumberMention] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # what the reader could not read, in Chinese
    page_offsets: list[int] = field(default_factory=list)  # start offset of each page (PDF)
    page_title: str | None = None  # an HTML page's <title>, one more place the report's title may stand
    derived: Derived = field(default_factory=Derived, repr=False, compare=False)  # shared by stages

    def fail(self, code: str, message: str) -> Report:
        self.status = "error"
        self.error = ReadError(code, message)
        return self

    def value(self, key: str) -> Number | None:
        f = self.fields.get(key)
        return None if f is None else f.value

    def section_at(self, offset: int) -> int | None:
        for s in self.sections:
            if s.start <= offset < s.end:
                return s.number
        return None

    def section(self, number: int) -> Section | None:
        for s in self.sections:
            if s.number == number:
                return s
        return None

    def page_at(self, offset: int) -> int | None:
        if not self.page_offsets:
            return None
        page = None
        for i, o in enumerate(self.page_offsets):
            if o <= offset:
                page = i + 1
            else:
                break
        return page

    def in_table(self, offset: int) -> bool:
        return any(t.start <= offset < t.end for t in self.tables.values())
