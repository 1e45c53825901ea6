"""`check --format csv`: one row per finding, and one row per file with its status.

The file row has an empty `rule` and says in `message` how many findings the file has (or why it
could not be read), so a spreadsheet filter on `rule` gives either view.
"""

from __future__ import annotations

import csv
import io
import json
import re
from typing import Any

from ..model import Finding, Report
from .jsonout import number
from .text import count_line, counts, section_name

COLUMNS = ["source", "status", "body", "year", "template", "rule", "severity", "section", "message", "locations",
           "quote", "fields", "claims", "expected", "actual", "start", "end"]


_FORMULA = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"-?\d+(\.\d+)?")


def safe(s: str) -> str:
    """A cell a spreadsheet will not run: text starting with = + - @ (or tab, CR) gets a leading '
    (OWASP's CSV injection advice); a plain number, negative ones included, stays a number."""
    if s.startswith(_FORMULA) and not _NUMBER.fullmatch(s):
        return "'" + s
    return s


def _cell(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, (list, dict)):
        return safe(json.dumps(v, ensure_ascii=False, default=str))
    return safe(str(number(v)))


def _line(values: list[Any]) -> str:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n").writerow([_cell(v) for v in values])
    return buf.getvalue()


def header() -> str:
    return _line(COLUMNS)


def _base(r: Report) -> list[Any]:
    return [r.source, r.status, r.meta.body, r.meta.year, r.meta.template]


def _finding(r: Report, f: Finding) -> list[Any]:
    return [*_base(r), f.rule, f.severity, section_name(f.section), f.message, "；".join(f.locations), f.quote,
            " ".join(f.fields), [c.text for c in f.claims], f.expected, f.actual, f.start, f.end]


def rows(r: Report) -> str:
    if r.status != "ok":
        msg = f"无法审核［{r.error.code}］{r.error.message}" if r.error else "无法审核"
    else:
        msg = count_line(counts(r.findings))
    out = [_line([*_base(r), "", "", "", msg, *[""] * 8])]
    out.extend(_line(_finding(r, f)) for f in r.findings)
    return "".join(out)


ROLLUP_COLUMNS = ["parent", "year", "figure", "field", "parent_value", "child", "child_value", "child_source",
                  "children_sum", "gap", "exact", "link"]


def rollup_csv(rows: list[tuple[str, int, dict[str, Any], str]]) -> str:
    """OUT/rollup.csv: the batch's roll-up tables (逐级汇总), one line per parent, year, figure and
    child, with the parent's figure, the children's sum and the gap (parent − sum) on each line."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(ROLLUP_COLUMNS)
    for body, year, row, how in rows:
        for child in row.get("children") or [{}]:
            w.writerow([_cell(v) for v in (body, year, row.get("label"), row.get("key"), row.get("parent"),
                                          child.get("body"), child.get("value"), child.get("source"),
                                          row.get("sum"), row.get("gap"), row.get("exact"), how)])
    return "\ufeff" + buf.getvalue()
