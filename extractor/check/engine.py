"""The engine: runs the selected rules of the catalogue over one `Report`.

    from extractor.check.engine import run
    findings = run(report, select=["T3", "P"], ignore=["P406"], context=batch_context)

Each rule function (registry) yields findings made with `RuleContext.finding`, which takes the
severity and the message template from the rule's catalogue entry, renders the message with the
figures the rule passes, and fills in what a person needs to find the evidence: the human
location of every table cell (表三「…」行「…」列, labels as the report wrote them), the section,
the sentence quoted, and the character span to highlight. Rules that need other reports
(`needs: [context]`) are skipped when no context is given.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

from .. import template as tmpl
from ..extract.claims import soft_breaks
from ..model import Claim, Finding, Report
from ..text import TABLE_NAMES, TABLE_SECTION
from . import registry
from .catalogue import RuleSpec, catalogue, resolve
from .context import Context

log = logging.getLogger(__name__)

_SENTENCE_END = "。！？!?；;\n"
_NEXT_END = re.compile(f"[{_SENTENCE_END}]")
_LAST_END = re.compile(f".*[{_SENTENCE_END}]", re.S)
MAX_LOCATIONS = 8


def fmt(v: Any) -> str:
    """A figure as a person writes it: 101, 32.781, 58.1 (no exponent, no trailing zeros)."""
    if isinstance(v, bool):
        return str(v)
    if isinstance(v, Decimal):
        if v == v.to_integral_value():
            return str(int(v))
        s = format(v.normalize(), "f")
        return s
    if isinstance(v, float):
        if v == int(v):
            return str(int(v))
        return f"{v:.6f}".rstrip("0").rstrip(".")
    return str(v)


def sentence_span(text: str, start: int, end: int, limit: int = 160,
                  soft: frozenset[int] | None = None) -> tuple[int, int]:
    """The sentence (between 。！？；/line breaks) that holds text[start:end]; a line break in `soft`
    (the report's breaks inside sentences, extract.claims.soft_breaks) does not end it."""
    lo = max(0, start - limit)
    m = _LAST_END.match(text, lo, start)  # the last sentence end in [lo, start): searched in C
    a = m.end() if m is not None else lo
    b = end
    hi = min(len(text), end + limit)
    if b < hi:
        n = _NEXT_END.search(text, b, hi)
        b = n.start() if n is not None else hi
    if soft:  # a line break a conversion put inside the sentence does not end it
        while a > lo and a - 1 in soft:
            m = _LAST_END.match(text, lo, a - 1)
            a = m.end() if m is not None else lo
        while b < hi and b in soft:
            n = _NEXT_END.search(text, b + 1, hi)
            b = n.start() if n is not None else hi
    if b < len(text) and text[b] in "。！？!?；;":
        b += 1
    while a < b and text[a].isspace():
        a += 1
    return a, b


def sentence_at(text: str, start: int, end: int, soft: frozenset[int] | None = None) -> str:
    a, b = sentence_span(text, start, end, soft=soft)
    return re.sub(r"\s+", " ", text[a:b]).strip()


class RuleContext:
    """What a rule function gets besides the report: its catalogue entry, the template, helpers."""

    def __init__(self, report: Report, spec: RuleSpec, context: Context | None = None) -> None:
        self.report = report
        self.spec = spec
        self.context = context
        v = report.meta.template
        self.version: str | None = v if v in tmpl.VERSIONS else None
        self.template: tmpl.Template | None = tmpl.get(v) if self.version else None

    # ------------------------------------------------------------ facts
    @property
    def modern(self) -> bool:
        """A report on one of the two current layouts (2019 or 2021), i.e. one with the three tables."""
        return self.version is not None

    @property
    def year(self) -> int | None:
        return self.report.meta.year

    def last_year(self, r: Report) -> Report | None:
        """The same body's report of the year before `r`'s, read without error, when the context
        (a batch) has one and `r` is on a current layout; else None."""
        if self.context is None or not self.modern:
            return None
        p = self.context.previous(r)
        if p is None or p.status != "ok" or p.meta.year is None or r.meta.year is None:
            return None
        if p.meta.year != r.meta.year - 1:
            return None
        return p

    def value(self, key: str) -> Any:
        return self.report.value(key)

    def where(self, key: str) -> str:
        """表三「（六）其他处理 3.其他」行「总计」列 — with the row label as the report wrote it, and
        the page where the file has pages (PDF)."""
        f = self.report.fields.get(key)
        place = self._where(key)
        return f"{place}（第{f.page}页）" if f is not None and f.page and self.report.meta.pages else place

    def _where(self, key: str) -> str:
        fd = tmpl.field_def(key, self.version)
        if fd is None:
            return key
        f = self.report.fields.get(key)
        name = TABLE_NAMES[fd.table]
        if fd.table == "t4":
            return fd.where
        row = _clean(f.row_label) if f is not None and f.row_label else fd.row_label
        group = None
        t = self.template or tmpl.get(tmpl.VERSIONS[0])
        rdef = t.row(fd.table, fd.row)
        if rdef is not None and rdef.group and not rdef.group.startswith("三、") and rdef.group not in row:
            group = rdef.group
        col = _clean(f.col_label) if f is not None and f.col_label else fd.col_label
        return f"{name}「{(group or '') + row}」行「{col}」列"

    def row_where(self, table: str, row: str) -> str:
        """表三「4.保护第三方合法权益」行 (a whole row)."""
        cols = {"t3": "total"}
        key = f"{table}.{row}.{cols.get(table, '')}".rstrip(".")
        w = self.where(key) if table == "t3" else ""
        if w and "行「" in w:
            return w.split("行「")[0] + "行"
        return f"{TABLE_NAMES.get(table, table)}「{row}」行"

    def quote_span(self, start: int, end: int) -> tuple[int, int]:
        """The sentence around text[start:end], not running into a table."""
        a, b = sentence_span(self.report.text, start, end, soft=soft_breaks(self.report))
        for t in self.report.tables.values():
            if a < t.end <= start:
                a = t.end
            if end <= t.start < b:
                b = t.start
        while a < b and self.report.text[a].isspace():
            a += 1
        return a, b

    def quote(self, start: int, end: int) -> str:
        a, b = self.quote_span(start, end)
        return re.sub(r"\s+", " ", self.report.text[a:b]).strip()

    # ------------------------------------------------------------ findings
    def finding(self, variant: str | None = None, *, fields: Sequence[str] = (), claims: Sequence[Claim] = (),
                expected: Any = None, actual: Any = None, section: int | None = None,
                locations: Sequence[str] | None = None, quote: str | None = None, start: int | None = None,
                end: int | None = None, data: dict[str, Any] | None = None, **params: Any) -> Finding:
        spec = self.spec
        values = {"expected": expected, "actual": actual, **params}
        try:
            message = spec.template(variant).format(**{k: fmt(v) for k, v in values.items()})
        except (KeyError, IndexError) as e:
            raise ValueError(f"{spec.code}: message template needs {e}") from e
        fields = list(dict.fromkeys(fields))
        claims = list(claims)
        if locations is None:
            locs = list(dict.fromkeys(self.where(k) for k in fields))
            if len(locs) > MAX_LOCATIONS:
                locs = [*locs[: MAX_LOCATIONS - 1], f"……等{len(locs)}处"]
            locations = locs
        text = self.report.text
        if section is None:
            if claims:
                section = claims[0].section
            elif fields:
                section = TABLE_SECTION.get(fields[0].split(".", 1)[0])
        if start is None:
            if claims:
                start, end = claims[0].start, claims[0].end
            else:
                for k in fields:
                    f = self.report.fields.get(k)
                    if f is not None and f.start is not None:
                        start, end = f.start, f.end
                        break
        if section is None and start is not None:
            section = self.report.section_at(start)
        if quote is None and claims and text:
            quote = self.quote(claims[0].start, claims[0].end)
        return Finding(
            rule=spec.code, severity=spec.severity, message=message,  # type: ignore[arg-type]
            fields=fields, claims=claims, expected=expected, actual=actual, section=section,
            locations=list(locations), quote=quote, start=start, end=end, data=dict(data or {}),
        )


def _clean(s: str) -> str:
    return re.sub(r"[\s\u3000\u00a0]+", "", s)


def run(report: Report, select: list[str] | str | None = None, ignore: list[str] | str | None = None,
        context: Context | None = None, strict: bool = False) -> list[Finding]:
    """Runs the selected rules over `report`, appends their findings to it and returns them.

    A rule that raises is reported in `report.notes` and skipped (`strict` re-raises: tests).
    """
    if report.status != "ok":
        return []
    cat = catalogue()
    rules = registry.load()
    found: list[Finding] = []
    for code in resolve(select, ignore):
        spec = cat[code]
        fn = rules.get(code)
        if fn is None:
            continue
        if "context" in spec.needs and context is None:
            continue
        ctx = RuleContext(report, spec, context)
        try:
            found.extend(_checked(fn(report, ctx)))
        except Exception as e:
            if strict:
                raise
            log.exception("rule %s failed on %s", code, report.source)
            report.notes.append(f"规则{code}运行出错，已跳过：{type(e).__name__}: {e}")
    found.sort(key=_order)
    report.findings.extend(found)
    return found


def _checked(items: Iterable[Finding] | None) -> list[Finding]:
    return [f for f in (items or []) if f is not None]


def _order(f: Finding) -> tuple[int, int, str]:
    return (f.section or 0, f.start if f.start is not None else -1, f.rule)


def order(findings: Iterable[Finding]) -> list[Finding]:
    """Findings in the order `run` gives them: by section, then position, then code (stable, so
    findings of rules run apart — one report's rules, then those across reports — merge as if run
    together)."""
    return sorted(findings, key=_order)
