"""The pieces a table is read from: labels and value groups found in document order, and the
reading of one template row (see rows.py)."""

from __future__ import annotations

from dataclasses import dataclass, field

from .fused import Row


@dataclass
class Label:
    key: str
    start: int
    end: int
    text: str
    line: int  # line number of its end (same line as the values ⇒ they belong together)
    grid_row: tuple[int, int] | None = None
    score: int = 0


@dataclass
class Values:
    tokens: list[str]
    start: int
    end: int
    line: int
    fused: bool = False  # tokens must be cut to reach the cell count
    grid: int | None = None
    grid_row: int | None = None
    grid_cols: list[int] = field(default_factory=list)
    page: int | None = None
    raw: list[str] = field(default_factory=list)
    labels: list[Label] = field(default_factory=list)  # labels in the same grid row / line
    header: list[str] | None = None
    digit_per_cell: bool = False  # a run whose sums fail, read the one way its digits can be cut
    split: bool = False  # one of several rows' figures written as one run (rows._split_runs)


@dataclass
class RowRead:
    key: str
    label: str
    candidates: list[Row]
    item: Values | None
    blank: bool = False  # the label is there, the values are not: a row printed empty
    unread: str | None = None  # …or its figures are there (this text) and could not be read
    beside: bool = True  # its figures were found by its label (same line or grid row, or the line
    # after it), not given by template order nor cut from a run of several rows
